#!/usr/bin/env bash
# Runs the whole registry locally on embedded defaults: the store, Keycloak, the three services, the
# gateway and (when installed) Prometheus. Foreground; Ctrl-C stops everything it started.
#   ./run.sh            demo data loaded (idempotently)
#   ./run.sh --no-demo  starts without demo data (removes demo entries a previous run loaded)
#   ./run.sh --reset    wipes local data first (store, Keycloak's database, Prometheus)
# Environment: IIP_RATE_LIMIT (requests/s per caller at the gateway, default 50, 0 = off).
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
. scripts/find-jdk.sh

demo=load
reset=no
for arg in "$@"; do
  case "$arg" in
    --no-demo) demo=remove ;;
    --reset) reset=yes ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $arg (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

find_jdk || exit 1
local_dir=$root/.local
logs=$local_dir/logs
data=$local_dir/data
mkdir -p "$logs" "$data"

version=1.0.0-SNAPSHOT
apps=(platform-registry solution-providers security-products gateway)
declare -A port=([gateway]=8080 [platform-registry]=8081 [solution-providers]=8082 [security-products]=8083
                 [keycloak]=8180 [store]=27017 [prometheus]=9090)
jar() { echo "$root/$1/target/$1-$version-exec.jar"; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
check_port() {
  if port_taken "$2"; then
    echo "run.sh: port $2 for $1 is taken by another program; stop it (or a previous ./run.sh) and try again" >&2
    exit 1
  fi
}

# ---- build what is missing or older than its sources ----
needs_build=no
for module in embedded-store "${apps[@]}"; do
  if [ ! -f "$(jar "$module")" ]; then needs_build=yes; fi
done
if [ $needs_build = no ]; then
  oldest=$(ls -t "$(jar embedded-store)" $(for a in "${apps[@]}"; do jar "$a"; done) | tail -1)
  if [ -n "$(find registry-model registry-core embedded-store "${apps[@]}" seeds pom.xml -newer "$oldest" \
        -type f \( -name '*.java' -o -name '*.yml' -o -name '*.json' -o -name '*.properties' -o -name 'pom.xml' \
        -o -name '*.html' -o -name '*.js' -o -name '*.css' \) -not -path '*/target/*' -not -path '*/src/test/*' -print -quit)" ]; then
    needs_build=yes
  fi
fi
if [ $needs_build = yes ]; then
  echo "run.sh: building the apps (tests skipped; ./test.sh runs them) …"
  ./mvnw -B -q -DskipTests -pl embedded-store,platform-registry,solution-providers,security-products,gateway -am package \
    > "$logs/build.log" 2>&1 || { echo "run.sh: the build failed; see $logs/build.log" >&2; tail -20 "$logs/build.log" >&2; exit 1; }
fi

for name in store keycloak "${apps[@]}"; do check_port "$name" "${port[$name]}"; done
with_prometheus=no
if command -v prometheus >/dev/null 2>&1; then
  with_prometheus=yes
  check_port prometheus "${port[prometheus]}"
fi

if [ $reset = yes ]; then
  echo "run.sh: wiping local data in $data"
  rm -rf "$data"
  mkdir -p "$data"
fi

# ---- start, and stop on exit exactly what was started ----
me=run.sh
. scripts/processes.sh

started_at=$(date +%s)
jvm=(-Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m
     --enable-native-access=ALL-UNNAMED)

start() {  # start NAME LOGFILE COMMAND...
  local name=$1 log=$2
  shift 2
  "$@" > "$log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
  echo "run.sh: started $name (pid $!, log ${log#"$root"/})"
}

wait_for() {  # wait_for NAME URL SECONDS PID
  local name=$1 url=$2 limit=$3 pid=$4
  for _ in $(seq 1 $((limit * 2))); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: $name stopped while starting; last lines of its log:" >&2
      tail -15 "$logs/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "run.sh: $name did not become ready within ${limit}s; see $logs/$name.log" >&2
  exit 1
}

start store "$logs/store.log" "$JAVA_HOME/bin/java" -Xmx192m "${jvm[@]}" -jar "$(jar embedded-store)" \
  --port="${port[store]}" --data="$data/store"

scripts/keycloak.sh fetch "$local_dir/keycloak" > "$logs/keycloak-fetch.log" 2>&1 \
  || { echo "run.sh: Keycloak could not be fetched; see $logs/keycloak-fetch.log" >&2; exit 1; }
keycloak_args=(--port "${port[keycloak]}" --realm deploy/keycloak/iip-realm.json)
[ $reset = yes ] && keycloak_args+=(--fresh)
start keycloak "$logs/keycloak.log" scripts/keycloak.sh start "$local_dir/keycloak" "${keycloak_args[@]}"

for _ in $(seq 1 60); do grep -q "store ready" "$logs/store.log" 2>/dev/null && break; kill -0 "${pid_of[store]}" || break; sleep 0.5; done
grep -q "store ready" "$logs/store.log" || { echo "run.sh: the store did not start:" >&2; tail -5 "$logs/store.log" >&2; exit 1; }

common_env=(IIP_STORE_URI="mongodb://127.0.0.1:${port[store]}/iip" IIP_ISSUER_URI="http://localhost:${port[keycloak]}/realms/iip"
            IIP_DEMO="$demo")
for app in platform-registry solution-providers security-products; do
  start "$app" "$logs/$app.log" env "${common_env[@]}" IIP_PORT="${port[$app]}" \
    "$JAVA_HOME/bin/java" -Xmx192m "${jvm[@]}" -jar "$(jar "$app")"
done
start gateway "$logs/gateway.log" env IIP_PORT="${port[gateway]}" IIP_ISSUER_URI="http://localhost:${port[keycloak]}/realms/iip" \
  IIP_PLATFORMS_URL="http://127.0.0.1:${port[platform-registry]}" \
  IIP_SOLUTION_PROVIDERS_URL="http://127.0.0.1:${port[solution-providers]}" \
  IIP_SECURITY_PRODUCTS_URL="http://127.0.0.1:${port[security-products]}" \
  IIP_RATE_LIMIT="${IIP_RATE_LIMIT:-50}" \
  "$JAVA_HOME/bin/java" -Xmx192m "${jvm[@]}" -jar "$(jar gateway)"

if [ $with_prometheus = yes ]; then
  mkdir -p "$data/prometheus"
  start prometheus "$logs/prometheus.log" prometheus --config.file=deploy/prometheus/prometheus.yml \
    --storage.tsdb.path="$data/prometheus" --web.listen-address="127.0.0.1:${port[prometheus]}"
fi

for app in "${apps[@]}"; do
  wait_for "$app" "http://127.0.0.1:${port[$app]}/actuator/health/readiness" 120 "${pid_of[$app]}"
done
wait_for keycloak "http://127.0.0.1:${port[keycloak]}/realms/iip/.well-known/openid-configuration" 240 "${pid_of[keycloak]}"

# the progress view is ready once every service's figures (demo data included) have been counted
for _ in $(seq 1 60); do
  if curl -fsS --max-time 2 "http://127.0.0.1:${port[gateway]}/api/progress" 2>/dev/null | grep -q '"available":true' &&
     ! curl -fsS --max-time 2 "http://127.0.0.1:${port[gateway]}/api/progress" | grep -q '"available":false'; then
    break
  fi
  sleep 0.5
done

elapsed=$(( $(date +%s) - started_at ))
cat <<READY
READY in ${elapsed}s — IIP Registry is up ($( [ $demo = load ] && echo "demo data loaded" || echo "no demo data" ))
  API and progress page  http://localhost:${port[gateway]}/            (Swagger UI: http://localhost:${port[gateway]}/swagger-ui.html)
  Keycloak (realm iip)   http://localhost:${port[keycloak]}/           (admin console: admin / admin)
  Services               http://localhost:${port[platform-registry]}  http://localhost:${port[solution-providers]}  http://localhost:${port[security-products]}
  Store (MongoDB wire)   mongodb://localhost:${port[store]}/iip$( [ $with_prometheus = yes ] && printf '\n  Prometheus             http://localhost:%s/' "${port[prometheus]}")
  Logs                   .local/logs/
Users (password = user name): enterprise-a, enterprise-b (ENTERPRISE), reviewer (REVIEWER), admin (ADMIN)
Try:
  TOKEN=\$(curl -s -d grant_type=password -d client_id=iip-cli -d username=enterprise-a -d password=enterprise-a \\
    http://localhost:${port[keycloak]}/realms/iip/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  curl -s -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' http://localhost:${port[gateway]}/api/platforms \\
    -d '{"name":"My Platform","industries":["steel"],"region":"beijing"}'
  curl -s http://localhost:${port[gateway]}/api/progress
Ctrl-C stops everything.
READY

# stay in the foreground until Ctrl-C or until a process stops
while true; do
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run.sh: a process (pid $pid) stopped; stopping the rest. Logs are in .local/logs/" >&2
      exit 1
    fi
  done
  sleep 2
done
