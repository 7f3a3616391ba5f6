#!/usr/bin/env bash
# CPU time per call of each process on the GET path, read from /proc around wrk runs (README: Benchmarks).
# Start `bench/run.sh --up` first; this reads its URLs and token from bench/.work/env.
#   bench/cpu-per-call.sh          warms each path, then 3 interleaved rounds of 15 s per path
# Environment: BENCH_ROUNDS (3), BENCH_DURATION (15), BENCH_WARMUP (60 s for each gateway, a third of it
# for the others), BENCH_CONNECTIONS (64), BENCH_THREADS (2).
# Throughput on a shared machine moves with everything else running on it; the CPU a process spends
# per call moves much less, and shows where a path's time goes.
set -euo pipefail
cd "$(dirname "$0")/.."
env_file=bench/.work/env
[ -f "$env_file" ] || { echo "bench/cpu-per-call.sh: start bench/run.sh --up first (no $env_file)" >&2; exit 1; }
. "$env_file"
rounds=${BENCH_ROUNDS:-3}
duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-60}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
ticks=$(getconf CLK_TCK)

pids_on() {  # the processes listening on the port of URL
  local port=${1##*:}
  ss -ltnpH "sport = :${port%%/*}" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u | tr '\n' ' '
}
cpu_ticks() {  # user + system ticks of the given processes, together
  local total=0 pid
  for pid in "$@"; do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
  done
  echo $total
}
store_url=${STORE_URI#mongodb://}
store_url=${store_url%%/*}
service_pids=$(pids_on "$DIRECT")
gateway_pids=$(pids_on "$GATEWAY")
nginx_pids=$(pids_on "$NGINX")
bare_pids=$(pids_on "$BARE")
store_pids=$(pids_on "$store_url")
for name in service gateway nginx bare store; do
  var=${name}_pids
  [ -n "${!var// /}" ] || { echo "bench/cpu-per-call.sh: no process found for $name; is bench/run.sh --up running?" >&2; exit 1; }
done

run() {  # run URL SECONDS [warm-up]: wrk's total requests; non-2xx answers are an error in a measured run
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"${2}s" -H "Authorization: Bearer $TOKEN" "$1/api/platforms/$ENTRY")
  if grep -q "Non-2xx" <<<"$out"; then
    echo "bench/cpu-per-call.sh: $(grep Non-2xx <<<"$out") on $1${3:+ while warming up}" >&2
    # a cold system may refuse the first burst (the service's store pool still opening connections)
    [ -n "${3:-}" ] || exit 1
  fi
  awk '/requests in/ {print $1}' <<<"$out"
}

per_call() {  # per_call BEFORE AFTER: µs of CPU per call of the last run
  echo $(( ($2 - $1) * 1000000 / ticks / calls ))
}

declare -A url=([direct]=$DIRECT [gateway]=$GATEWAY [nginx]=$NGINX [bare]=$BARE)
declare -A proxy=([direct]="" [gateway]=$gateway_pids [nginx]=$nginx_pids [bare]=$bare_pids)
echo "bench/cpu-per-call.sh: warming up (${warmup}s through each gateway, $((warmup / 3))s for direct and nginx)" >&2
run "$GATEWAY" "$warmup" warm-up > /dev/null
run "$BARE" "$warmup" warm-up > /dev/null
run "$NGINX" $((warmup / 3)) warm-up > /dev/null
run "$DIRECT" $((warmup / 3)) warm-up > /dev/null

declare -A cells
for round in $(seq 1 "$rounds"); do
  for path in direct gateway nginx bare; do
    # shellcheck disable=SC2086
    before_proxy=$(cpu_ticks ${proxy[$path]}) before_service=$(cpu_ticks $service_pids) before_store=$(cpu_ticks $store_pids)
    calls=$(run "${url[$path]}" "$duration")
    # shellcheck disable=SC2086
    after_proxy=$(cpu_ticks ${proxy[$path]}) after_service=$(cpu_ticks $service_pids) after_store=$(cpu_ticks $store_pids)
    proxy_cell=$( [ "$path" = direct ] && echo "–" || per_call "$before_proxy" "$after_proxy" )
    row="| $path | $round | $(( calls / duration )) | $proxy_cell | $(per_call "$before_service" "$after_service") | $(per_call "$before_store" "$after_store") |"
    echo "$row" >&2
    cells[$path-$round]=$row
  done
done

echo
echo "CPU per call on GET /api/platforms/{id} with a token, $(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| path | round | req/s | proxy µs CPU per call | platform-registry µs | store µs |"
echo "|---|---:|---:|---:|---:|---:|"
for path in direct gateway nginx bare; do
  for round in $(seq 1 "$rounds"); do
    echo "${cells[$path-$round]}"
  done
done
