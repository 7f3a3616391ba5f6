#!/usr/bin/env bash
# The one place that says how Keycloak is fetched and started, for ./run.sh and the system tests.
#
#   scripts/keycloak.sh fetch DIR
#       Resolves org.keycloak:keycloak-quarkus-dist (version: <keycloak.version> in pom.xml, or
#       KEYCLOAK_VERSION) through ./mvnw, so the zip is cached in ~/.m2, and unpacks it so that DIR is
#       Keycloak's home (DIR/bin/kc.sh). Does nothing when DIR already holds that version; replaces an
#       older distribution but keeps DIR/data.
#
#   scripts/keycloak.sh start DIR --port P --realm FILE [--heap SIZE] [--fresh] [-- KC_OPTION...]
#       Runs `kc.sh start-dev` from DIR on http://localhost:P with realm FILE imported (unless DIR's
#       database already has that realm). The host name is pinned, so the issuer is
#       http://localhost:P/realms/<realm> whichever host a client used; health endpoints are on at
#       http://localhost:P/health/ready; the heap is capped (default 384m); --fresh wipes DIR's
#       database first, so the realm file is imported anew. Options after `--` go to kc.sh as they are
#       (a build-time option there makes Keycloak rebuild itself). The script execs Keycloak's own
#       launcher, kc.sh, which runs the JVM and relays TERM and INT to it: stopping the process this
#       script became stops Keycloak.
#
# Where things live, per DIR, so that instances from different DIRs run side by side:
#   DIR/lib/quarkus/   the build start-dev makes on its first run (about a minute), reused after
#   DIR/data/h2/       the realm database (H2 file); DIR/data/import/ the realm file being imported
# Java: JAVA_HOME if set, else `java` on the PATH; Keycloak needs 17 or newer.
# Keycloak's own admin (master realm) is created on a fresh database from KC_BOOTSTRAP_ADMIN_USERNAME
# and KC_BOOTSTRAP_ADMIN_PASSWORD, admin/admin unless set.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "keycloak.sh: $*"; }
fail() { echo "keycloak.sh: $*" >&2; exit 1; }

usage() {
  sed -n '4,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

keycloak_version() {
  if [ -n "${KEYCLOAK_VERSION:-}" ]; then
    echo "$KEYCLOAK_VERSION"
    return
  fi
  local version
  version=$(sed -n 's:.*<keycloak\.version>\(.*\)</keycloak\.version>.*:\1:p' "$root/pom.xml" | head -1)
  [ -n "$version" ] || fail "no <keycloak.version> in $root/pom.xml; set KEYCLOAK_VERSION"
  echo "$version"
}

installed_version() {
  [ -f "$1/version.txt" ] && sed -n 's/^Keycloak - Version //p' "$1/version.txt" | tr -d '[:space:]'
}

fetch() {
  [ $# -eq 1 ] || usage
  local dir="$1" version artifact current
  version=$(keycloak_version)
  artifact="org.keycloak:keycloak-quarkus-dist:$version:zip"
  current=$(installed_version "$dir" || true)
  if [ -x "$dir/bin/kc.sh" ] && [ "$current" = "$version" ]; then
    say "Keycloak $version is already in $dir"
    return
  fi
  mkdir -p "$(dirname "$dir")"
  staging="$(cd "$(dirname "$dir")" && pwd)/.keycloak-unpack.$$"
  rm -rf "$staging"
  trap 'rm -rf "${staging:-}"' EXIT
  say "resolving $artifact through Maven (cached in ~/.m2) and unpacking it"
  # overWriteReleases: the plugin's "already unpacked" markers belong to the build, not to DIR
  "$root/mvnw" -B -q --no-transfer-progress -N -f "$root/pom.xml" dependency:unpack \
    -Dartifact="$artifact" -DoutputDirectory="$staging" -Dmdep.overWriteReleases=true \
    || fail "could not resolve $artifact"
  [ -x "$staging/keycloak-$version/bin/kc.sh" ] || fail "$artifact did not unpack to keycloak-$version/"
  if [ -d "$dir" ]; then
    # an upgrade keeps the realm database; Keycloak migrates it on its next start
    say "replacing Keycloak ${current:-(unknown version)} in $dir, keeping $dir/data"
    if [ -d "$dir/data" ]; then
      mv "$dir/data" "$staging/keycloak-$version/data"
    fi
    rm -rf "$dir"
  fi
  mv "$staging/keycloak-$version" "$dir"
  rm -rf "$staging"
  say "Keycloak $version is in $dir"
}

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

start() {
  [ $# -ge 1 ] || usage
  local dir="$1" port="" realm="" heap="384m" fresh=false
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) port="${2:-}"; shift 2 ;;
      --realm) realm="${2:-}"; shift 2 ;;
      --heap) heap="${2:-}"; shift 2 ;;
      --fresh) fresh=true; shift ;;
      --) shift; break ;;
      *) fail "unknown option $1 (Keycloak's own options go after --)" ;;
    esac
  done
  if [ -z "$port" ] || [ -z "$realm" ]; then
    usage
  fi
  case "$port" in
    ''|*[!0-9]*) fail "--port takes a port number, not '$port'" ;;
  esac
  [ -x "$dir/bin/kc.sh" ] || fail "no Keycloak in $dir: run scripts/keycloak.sh fetch $dir first"
  [ -f "$realm" ] || fail "no realm file $realm"
  dir="$(cd "$dir" && pwd)"

  local java="java"
  if [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
    [ -x "$java" ] || fail "JAVA_HOME=$JAVA_HOME has no bin/java"
  fi
  command -v "$java" >/dev/null 2>&1 || fail "no Java found: set JAVA_HOME to a JDK 17 or newer"
  local major
  major=$(java_major "$java")
  if ! [ "${major:-0}" -ge 17 ] 2>/dev/null; then
    fail "Keycloak needs Java 17 or newer; $java is ${major:-of unknown version}"
  fi

  if $fresh && [ -d "$dir/data/h2" ]; then
    say "wiping the realm database in $dir/data/h2"
    rm -rf "$dir/data/h2"
  fi
  # only this realm file is imported; one left from an earlier start would be imported too
  mkdir -p "$dir/data/import"
  rm -f "$dir/data/import/"*.json
  cp "$realm" "$dir/data/import/"

  export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
  export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
  export JAVA_OPTS_KC_HEAP="-Xms64m -Xmx$heap"
  say "starting Keycloak $(installed_version "$dir") from $dir on http://localhost:$port" \
    "(realm $(basename "$realm"), heap $heap, Java $major at $java)"
  exec "$dir/bin/kc.sh" start-dev \
    --http-port="$port" \
    --hostname="http://localhost:$port" \
    --health-enabled=true \
    --http-management-health-enabled=false \
    --import-realm \
    "$@"
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  fetch) fetch "$@" ;;
  start) start "$@" ;;
  *) usage ;;
esac
