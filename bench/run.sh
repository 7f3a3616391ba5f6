#!/usr/bin/env bash
# Measures the registry on this machine and writes the tables into bench/RESULTS.md (README: Benchmarks).
#   bench/run.sh                        everything: GET through four paths, lists at 1k/10k, create + submit
#   bench/run.sh --only get|scale|write one section
#   bench/run.sh --gateway-jar JAR      also measures a second gateway built from JAR (e.g. an older commit)
#                                       on the GET path, interleaved with the others
#   bench/run.sh --up                   starts everything with 1k entries, writes the URLs and a token to
#                                       bench/.work/env, and waits for Ctrl-C (for profiling by hand)
# Environment: BENCH_ROUNDS (3), BENCH_DURATION (15 s per GET run), BENCH_SHORT (10 s per list and write
# run, and the warm-up of each list), BENCH_WARMUP (60 s per GET path before the rounds: the gateway's JIT
# needs about that long to reach its steady speed), BENCH_CONNECTIONS (64), BENCH_THREADS (2),
# BENCH_LIST_CONNECTIONS (8, for the scanning lists, so that they queue in the store less than the
# gateway's time limit), BENCH_STORE (h2 or memory; h2 as ./run.sh), BENCH_JVM_FLAGS (added to every app's JVM),
# BENCH_JFR=1 (a flight recording of the gateway and platform-registry, in bench/.work/*.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bench=$root/bench
. scripts/find-jdk.sh
. scripts/debian-packages.sh

only=""
baseline_jar=""
hold=no
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="${2:-}"; shift 2
            case "$only" in get|scale|write) ;; *) echo "bench/run.sh: --only takes get, scale or write" >&2; exit 2 ;; esac ;;
    --gateway-jar) baseline_jar="$(readlink -f "${2:-}")"; shift 2
            [ -f "$baseline_jar" ] || { echo "bench/run.sh: no such jar: $baseline_jar" >&2; exit 2; } ;;
    --up) hold=yes; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see bench/run.sh --help)" >&2; exit 2 ;;
  esac
done
rounds=${BENCH_ROUNDS:-3}
duration=${BENCH_DURATION:-15}
short=${BENCH_SHORT:-10}
warmup=${BENCH_WARMUP:-60}
connections=${BENCH_CONNECTIONS:-64}
list_connections=${BENCH_LIST_CONNECTIONS:-8}
threads=${BENCH_THREADS:-2}
store_kind=${BENCH_STORE:-h2}
section() { [ -z "$only" ] || [ "$only" = "$1" ]; }

# ---- tools: wrk and nginx from Debian, installed when missing and this user may ----
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
install_packages bench/run.sh "the benchmark" ${missing[@]+"${missing[@]}"}
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
find_jdk || exit 1

# ---- the apps, built when missing or older than their sources (as ./run.sh does) ----
version=1.0.0-SNAPSHOT
apps=(platform-registry solution-providers security-products gateway)
jar() { echo "$root/$1/target/$1-$version-exec.jar"; }
# Spring Cloud Gateway by itself, one route and its defaults (bench/bare-gateway, outside the product's build)
bare_jar=$root/bench/bare-gateway/target/bare-gateway-$version-exec.jar
libs=("$root/registry-core/target/registry-core-$version.jar" "$root/registry-model/target/registry-model-$version.jar")
needs_build=no
for file in "$(jar embedded-store)" $(for a in "${apps[@]}"; do jar "$a"; done) "$bare_jar" "${libs[@]}"; do
  [ -f "$file" ] || needs_build=yes
done
if [ $needs_build = no ]; then
  oldest=$(ls -t "$(jar embedded-store)" $(for a in "${apps[@]}"; do jar "$a"; done) "$bare_jar" | tail -1)
  if [ -n "$(find registry-model registry-core embedded-store "${apps[@]}" bench/bare-gateway seeds pom.xml -newer "$oldest" \
        -type f \( -name '*.java' -o -name '*.yml' -o -name '*.json' -o -name '*.properties' -o -name 'pom.xml' \) \
        -not -path '*/target/*' -not -path '*/src/test/*' -print -quit)" ]; then
    needs_build=yes
  fi
fi
work=$bench/.work
logs=$work/logs
rm -rf "$work/store" "$work/nginx-temp" "$logs" "$work"/*.jfr
mkdir -p "$logs" "$work/nginx-temp" "$work/lib" "$work/classes"
if [ $needs_build = yes ]; then
  echo "bench/run.sh: building the apps (tests skipped) …"
  { ./mvnw -B -q -DskipTests -pl embedded-store,platform-registry,solution-providers,security-products,gateway -am package \
      && ./mvnw -B -q -DskipTests -f bench/bare-gateway/pom.xml package; } \
    > "$logs/build.log" 2>&1 || { echo "bench/run.sh: the build failed; see $logs/build.log" >&2; tail -20 "$logs/build.log" >&2; exit 1; }
fi

# ---- the bench's own helper (keys, tokens, loading entries, the report), with the store's driver ----
mongodb_version=$(sed -n 's:.*<mongodb\.version>\(.*\)</mongodb\.version>.*:\1:p' pom.xml | head -1)
for artifact in bson bson-record-codec mongodb-driver-core mongodb-driver-sync; do
  if [ ! -f "$work/lib/$artifact-$mongodb_version.jar" ]; then
    ./mvnw -B -q --no-transfer-progress -N dependency:copy -Dartifact="org.mongodb:$artifact:$mongodb_version" \
      -DoutputDirectory="$work/lib" > "$logs/dependency.log" 2>&1 \
      || { echo "bench/run.sh: could not resolve org.mongodb:$artifact:$mongodb_version; see $logs/dependency.log" >&2; exit 1; }
  fi
done
classpath="$(IFS=:; echo "${libs[*]}"):$(ls "$work"/lib/*-"$mongodb_version".jar | tr '\n' ':')$work/classes"
if [ ! -f "$work/classes/BenchTool.class" ] || [ -n "$(find "$bench/src" -newer "$work/classes/BenchTool.class" -print -quit)" ]; then
  "$JAVA_HOME/bin/javac" --release 21 -nowarn -cp "$classpath" -d "$work/classes" "$bench"/src/*.java 2>"$logs/javac.log" \
    || { cat "$logs/javac.log" >&2; exit 1; }
fi
tool() { "$JAVA_HOME/bin/java" -cp "$classpath" BenchTool "$@"; }

# ---- free loopback ports, none of the local run's ----
taken_ports=" 8080 8081 8082 8083 8180 27017 9090 "
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$(( 20000 + RANDOM % 40000 ))
    if [[ $taken_ports != *" $port "* ]] && ! port_taken "$port"; then
      taken_ports+="$port "
      echo "$port"
      return 0
    fi
  done
  echo "bench/run.sh: found no free port" >&2
  exit 1
}
declare -A port
for name in store platform-registry solution-providers security-products gateway baseline bare nginx issuer; do
  port[$name]=$(free_port)
done

# ---- start, and stop on exit exactly what was started ----
me=bench/run.sh
. scripts/processes.sh

start() {  # start NAME COMMAND...; the log is appended to, so it can be emptied between runs
  local name=$1
  shift
  "$@" >> "$logs/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
}

wait_for() {  # wait_for NAME URL SECONDS
  local name=$1 url=$2 limit=$3
  for _ in $(seq 1 $((limit * 2))); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    if ! kill -0 "${pid_of[$name]}" 2>/dev/null; then
      echo "bench/run.sh: $name stopped while starting; last lines of its log:" >&2
      tail -15 "$logs/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "bench/run.sh: $name did not become ready within ${limit}s; see $logs/$name.log" >&2
  exit 1
}

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "bench/run.sh: load average at start $load_at_start (2 cores shared with the load generator)"

# the issuer: a key pair of the bench's own; nginx serves its public half as the realm's JWK set
tool keys "$work/issuer"
tool keys "$work/stranger"
issuer="http://127.0.0.1:${port[issuer]}/realms/iip"
sed -e "s|@WORK@|$work|g" -e "s|@SERVICE_PORT@|${port[platform-registry]}|g" -e "s|@NGINX_PORT@|${port[nginx]}|g" \
    -e "s|@ISSUER_PORT@|${port[issuer]}|g" -e "s|@JWKS@|$(cat "$work/issuer/jwks.json")|g" \
    "$bench/nginx/nginx.conf.template" > "$work/nginx.conf"
start nginx "$nginx_bin" -p "$work" -e "$logs/nginx-error.log" -c "$work/nginx.conf" -g 'daemon off;'

# JVM flags as in production (the Dockerfile: full JIT, the JVM's own GC choice), with a fixed heap
# instead of a share of this machine's memory; ./run.sh's C1-only flags trade throughput for start time
jvm=(-Xms256m -Xmx256m -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED ${BENCH_JVM_FLAGS:-})
if [ "$store_kind" = memory ]; then store_arg=--memory; else store_arg=--data="$work/store"; fi
start store "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED -jar "$(jar embedded-store)" \
  --port="${port[store]}" "$store_arg"
for _ in $(seq 1 60); do grep -q "store ready" "$logs/store.log" 2>/dev/null && break; sleep 0.5; done
grep -q "store ready" "$logs/store.log" || { echo "bench/run.sh: the store did not start:" >&2; tail -5 "$logs/store.log" >&2; exit 1; }
store_uri="mongodb://127.0.0.1:${port[store]}/iip"

profile() {  # the JVM flags that record NAME's run, when BENCH_JFR=1
  if [ "${BENCH_JFR:-0}" = 1 ]; then
    echo "-XX:StartFlightRecording=filename=$work/$1.jfr,settings=profile,dumponexit=true"
  fi
}
for app in platform-registry solution-providers security-products; do
  start "$app" env IIP_PORT="${port[$app]}" IIP_STORE_URI="$store_uri" IIP_ISSUER_URI="$issuer" IIP_DEMO=off \
    "$JAVA_HOME/bin/java" "${jvm[@]}" $( [ "$app" = platform-registry ] && profile "$app" ) -jar "$(jar "$app")"
done
gateway_env=(IIP_ISSUER_URI="$issuer" IIP_PLATFORMS_URL="http://127.0.0.1:${port[platform-registry]}"
  IIP_SOLUTION_PROVIDERS_URL="http://127.0.0.1:${port[solution-providers]}"
  IIP_SECURITY_PRODUCTS_URL="http://127.0.0.1:${port[security-products]}"
  # limiting stays on, with a budget far above what the load generator can send, so its cost is measured
  IIP_RATE_LIMIT=10000000)
start gateway env "${gateway_env[@]}" IIP_PORT="${port[gateway]}" "$JAVA_HOME/bin/java" "${jvm[@]}" $(profile gateway) -jar "$(jar gateway)"
if [ -n "$baseline_jar" ]; then
  start baseline env "${gateway_env[@]}" IIP_PORT="${port[baseline]}" "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$baseline_jar"
fi
# no token checks, metrics or filters of its own: the service behind it still checks the token
start bare env IIP_PORT="${port[bare]}" IIP_PLATFORMS_URL="http://127.0.0.1:${port[platform-registry]}" \
  "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$bare_jar"
for app in "${apps[@]}" $( [ -n "$baseline_jar" ] && echo baseline ); do
  wait_for "$app" "http://127.0.0.1:${port[$app]}/actuator/health/readiness" 180
done
wait_for bare "http://127.0.0.1:${port[bare]}/api/platforms?size=1" 60
wait_for nginx "http://127.0.0.1:${port[issuer]}/realms/iip/protocol/openid-connect/certs" 10

enterprise_code=$(tool code 0)
token=$(tool token "$work/issuer" "$issuer" bench-enterprise ENTERPRISE "$enterprise_code" "基准测试企业 0 有限公司")
forged=$(tool token "$work/stranger" "$issuer" bench-enterprise ENTERPRISE "$enterprise_code" "基准测试企业 0 有限公司")
direct="http://127.0.0.1:${port[platform-registry]}"
gateway="http://127.0.0.1:${port[gateway]}"
baseline="http://127.0.0.1:${port[baseline]}"
bare="http://127.0.0.1:${port[bare]}"
proxy="http://127.0.0.1:${port[nginx]}"

loaded=0
load_to() {  # load_to N: exactly entries 0..N-1 of the bench are in the store
  if [ "$1" -gt $loaded ]; then tool load "$store_uri" platforms $loaded "$1" 2>>"$logs/load.log"; fi
  if [ "$1" -lt $loaded ]; then tool trim "$store_uri" platforms "$1" $loaded 2>>"$logs/load.log"; fi
  loaded=$1
  # the figures behind /api/progress follow within a refresh or two: wait until the gateway shows them
  for _ in $(seq 1 60); do
    total=$(curl -fsS --max-time 2 "$gateway/api/progress" | sed 's/.*"platforms":{\([^}]*\)}.*/\1/' | tr ',' '\n' \
      | awk -F: '{ n += $2 } END { print n + 0 }')
    [ "$total" -ge "$loaded" ] 2>/dev/null && return 0
    sleep 0.5
  done
  echo "bench/run.sh: /api/progress did not show $loaded platforms within 30 s" >&2
  exit 1
}
load_to 1000
entry=$(tool entry-id 0)

# ---- before measuring: every path answers, and tokens are really checked ----
expect() {  # expect STATUS DESCRIPTION CURL-ARGS...
  local want=$1 what=$2 got
  shift 2
  got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@")
  if [ "$got" != "$want" ]; then
    echo "bench/run.sh: $what answered $got, not $want" >&2
    exit 1
  fi
}
for base in "$direct" "$gateway" "$proxy" "$bare" $( [ -n "$baseline_jar" ] && echo "$baseline" ); do
  expect 200 "GET $base/api/platforms/$entry with the bench token" -H "Authorization: Bearer $token" "$base/api/platforms/$entry"
  expect 401 "GET $base/api/platforms/$entry with a token signed by another key" -H "Authorization: Bearer $forged" "$base/api/platforms/$entry"
done
expect 401 "a create through the gateway with a forged token" -X POST -H "Authorization: Bearer $forged" \
  -H 'Content-Type: application/json' -d '{"name":"x"}' "$gateway/api/platforms"

if [ $hold = yes ]; then
  cat > "$work/env" <<ENV
DIRECT=$direct
GATEWAY=$gateway
NGINX=$proxy
BARE=$bare
ENTRY=$entry
TOKEN=$token
STORE_URI=$store_uri
ENV
  echo "bench/run.sh: up; URLs and a token in bench/.work/env; Ctrl-C stops everything"
  while true; do
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "bench/run.sh: a process (pid $pid) stopped" >&2; exit 1; }; done
    sleep 2
  done
fi

measurements=$work/measurements.tsv
: > "$measurements"
wrk_run() {  # wrk_run SECTION LABEL ROUND SECONDS SCRIPT URL [CONNECTIONS]
  local section=$1 label=$2 round=$3 seconds=$4 script=$5 url=$6 clients=${7:-$connections} out
  out="$logs/wrk-$section-${label// /_}-$round.txt"
  # the apps' logs are emptied so that a long run does not fill the disk with access-log lines
  for name in gateway baseline nginx-access; do [ -f "$logs/$name.log" ] && : > "$logs/$name.log"; done
  BENCH_TOKEN=$token BENCH_LABEL="$label-$round-$RANDOM" wrk -t"$threads" -c"$clients" -d"${seconds}s" \
    --timeout 5s --latency -s "$bench/lua/$script" "$url" > "$out" 2>&1 \
    || { echo "bench/run.sh: wrk failed; see $out" >&2; exit 1; }
  [ "$round" = warmup ] && return 0
  awk -v section="$section" -v label="$label" -v round="$round" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { secs = $4; sub(/s,$/, "", secs) }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad += $5 }
    /Socket errors:/ { for (i = 4; i <= NF; i += 2) { n = $i; sub(/,/, "", n); bad += n } }
    /^bench-submitted/ { pairs = $2 }
    /^bench-failed/ { bad += $2 }
    END { printf "%s\t%s\t%s\t%s\t%.3f\t%.3f\t%d\t%s\n", section, label, round, rps, p50, p99, bad + 0,
          (pairs == "" ? "" : sprintf("%.1f", pairs / secs)) }' "$out" >> "$measurements"
  tail -1 "$measurements" | awk -F'\t' '{ printf "  %-34s round %s: %9.0f req/s  p50 %6.2f ms  p99 %7.1f ms%s\n",
    $2, $3, $4, $5, $6, ($7 > 0 ? "  (" $7 " failed)" : "") }'
}

if section get; then
  echo "bench/run.sh: GET /api/platforms/{id}, ${rounds} rounds of ${duration}s per path, interleaved"
  paths=(direct gateway nginx "bare gateway")
  declare -A url_of=([direct]="$direct" [gateway]="$gateway" [nginx]="$proxy" ["bare gateway"]="$bare")
  if [ -n "$baseline_jar" ]; then paths+=("gateway baseline"); url_of["gateway baseline"]="$baseline"; fi
  for path in "${paths[@]}"; do wrk_run get "$path" warmup "$warmup" token.lua "${url_of[$path]}/api/platforms/$entry"; done
  for round in $(seq 1 "$rounds"); do
    # each round starts with another path, so no path always follows the same one
    for i in $(seq 0 $(( ${#paths[@]} - 1 ))); do
      path=${paths[$(( (i + round - 1) % ${#paths[@]} ))]}
      wrk_run get "$path" "$round" "$duration" token.lua "${url_of[$path]}/api/platforms/$entry"
    done
  done
fi

if section scale; then
  echo "bench/run.sh: lists, search, progress and metrics at 1k and 10k platforms, ${rounds} rounds of ${short}s per call"
  q=$(printf '智能制造云' | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')
  calls=("list|$gateway/api/platforms" "filter|$gateway/api/platforms?industry=steel&region=beijing"
         "name search|$gateway/api/platforms?q=$q" "progress|$gateway/api/progress"
         "service metrics|$direct/actuator/prometheus")
  for call in "${calls[@]}"; do
    expect 200 "GET ${call#*|}" -H "Authorization: Bearer $token" "${call#*|}"
    wrk_run scale "${call%%|*} 1k" warmup "$short" token.lua "${call#*|}" "$list_connections"
  done
  for round in $(seq 1 "$rounds"); do
    for size in 1000 10000; do
      load_to $size
      label=$([ $size = 1000 ] && echo 1k || echo 10k)
      for call in "${calls[@]}"; do
        wrk_run scale "${call%%|*} $label" "$round" "$short" token.lua "${call#*|}" "$list_connections"
      done
    done
  done
  load_to 1000
fi

if section write; then
  echo "bench/run.sh: create + submit, gateway and direct, ${rounds} rounds of ${short}s per path"
  declare -A write_url=([direct]="$direct" [gateway]="$gateway")
  # each run starts from the 1k loaded entries: what the previous run created is deleted first
  write_run() { tool forget-writes "$store_uri" platforms 2>>"$logs/load.log"; wrk_run write "$@"; }
  for path in direct gateway; do write_run "$path" warmup 5 create-submit.lua "${write_url[$path]}"; done
  for round in $(seq 1 "$rounds"); do
    order=(direct gateway)
    [ $((round % 2)) = 0 ] && order=(gateway direct)
    for path in "${order[@]}"; do write_run "$path" "$round" "$short" create-submit.lua "${write_url[$path]}"; done
  done
fi

# ---- the report ----
load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)
setup=$work/setup.md
command_line="bench/run.sh${only:+ --only $only}${baseline_jar:+ --gateway-jar ${baseline_jar#"$root"/}}"
{
  echo "Measured $started with \`$command_line\` (rounds $rounds, ${duration}s per GET run, ${short}s per list and"
  echo "write run, ${warmup}s warm-up per GET path; wrk -t$threads -c$connections, lists -c$list_connections)."
  echo
  echo "| machine | |"
  echo "|---|---|"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores (shared by the load generator, the proxies, the apps and the store) |"
  echo "| memory | $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) |"
  echo "| OS | Debian $(cat /etc/debian_version 2>/dev/null || echo '?'), Linux $(uname -r) |"
  echo "| JDK | $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) ($("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)) |"
  echo "| JVM flags of each app | \`${jvm[*]}\` |"
  echo "| store | embedded-store, $( [ "$store_kind" = memory ] && echo 'memory backend' || echo 'H2 file (as ./run.sh)') |"
  echo "| nginx, wrk | $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}') |"
  echo "| load average (1, 5, 15 min) | at start $load_at_start; at end $load_at_end |"
} > "$setup"
"$JAVA_HOME/bin/java" -cp "$classpath" Report "$measurements" "$setup" "$work/results.md" > /dev/null

results=$bench/RESULTS.md
begin='<!-- bench/run.sh writes from here … -->'
end='<!-- … to here -->'
if [ ! -f "$results" ] || ! grep -qF "$begin" "$results"; then
  printf '# Benchmark results\n\n%s\n%s\n' "$begin" "$end" >> "$results"
fi
awk -v begin="$begin" -v end="$end" -v generated="$work/results.md" '
  $0 == begin { print; while ((getline line < generated) > 0) print line; skipping = 1; next }
  $0 == end { skipping = 0 }
  !skipping { print }' "$results" > "$results.new" && mv "$results.new" "$results"
echo
cat "$work/results.md"
echo
echo "bench/run.sh: written to bench/RESULTS.md (raw wrk output in bench/.work/logs/)"
