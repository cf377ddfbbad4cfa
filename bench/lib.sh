# Shell helpers of the HTTP benchmarks (sourced by bench/http.sh and bench/pages.sh).

# free_port (a loopback port nothing listens on) is the tests' own.
. "$(dirname "${BASH_SOURCE[0]}")/../tests/cli/lib/serve.bash"

wait_http() { # URL [SECONDS]: until it answers (10 s at most unless told)
  for _ in $(seq 1 $((${2:-10} * 10))); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  return 1
}
