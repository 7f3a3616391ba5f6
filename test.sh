#!/usr/bin/env bash
# All tests: installs the Debian packages the suite needs when they are missing (and this user may),
# then runs ./mvnw -B verify with a JDK 21 or newer. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/find-jdk.sh
. scripts/debian-packages.sh

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
install_packages test.sh "the suite" $(printf '%s\n' ${missing[@]+"${missing[@]}"} | sort -u)

find_jdk
echo "test.sh: building and testing with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) at $JAVA_HOME"
exec ./mvnw -B verify "$@"
