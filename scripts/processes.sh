# Sourced by run.sh and bench/run.sh: the processes they start are recorded in pids (and pid_of by
# name) and stopped on exit, Ctrl-C or TERM: exactly those, politely first, then with kill -9 after 20 s.
# Set `me` to the script's name for the messages before sourcing.
pids=()
declare -A pid_of
stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo
    echo "$me: stopping ${#pids[@]} processes …"
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 40); do
      alive=no
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=yes; done
      [ $alive = no ] && break
      sleep 0.5
    done
    kill -9 "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM
