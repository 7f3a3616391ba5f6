#!/usr/bin/env bash
# All tests: installs the Debian packages the suite needs when they are missing (and this user may),
# then runs ./mvnw -B verify with a JDK 21 or newer. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/find-jdk.sh

# command the suite runs -> Debian package that provides it
needed=(
  "promtool:prometheus"
  "prometheus:prometheus"
  "chromium:chromium"
  "chromedriver:chromium-driver"
  "docker-compose:docker-compose"
  "redis-server:redis-server"
  "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:fonts-wqy-zenhei"
)

missing=()
for pair in "${needed[@]}"; do
  need=${pair%%:*}
  # a path is a file the package installs (the CJK font that page screenshots need), else a command
  if [[ $need == /* ]]; then [ -e "$need" ]; else command -v "$need" >/dev/null 2>&1; fi || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  if [ "$sudo" = "none" ]; then
    echo "test.sh: the suite needs these Debian packages, and this user cannot install them: $packages" >&2
    echo "test.sh: ask an administrator: apt-get install $packages" >&2
    exit 1
  fi
  echo "test.sh: installing Debian packages the suite needs: $packages"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $packages >/dev/null
fi

find_jdk
echo "test.sh: building and testing with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) at $JAVA_HOME"
exec ./mvnw -B verify "$@"
