# Shell helpers of the HTTP benchmarks (sourced by bench/http.sh and bench/pages.sh).

# A free loopback port: one nothing answers on.
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo 0
}

wait_http() { # URL [SECONDS]: until it answers (10 s at most unless told)
  for _ in $(seq 1 $((${2:-10} * 10))); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  return 1
}
