# Shell helpers of the HTTP benchmarks (sourced by bench/http.sh, pages.sh and soak.sh).

# free_port (a loopback port nothing listens on) is the tests' own.
. "$(dirname "${BASH_SOURCE[0]}")/../tests/cli/lib/serve.bash"

# The set-up of the HTTP benchmarks (pages.sh, soak.sh): wrk and curl, and the binary
# under test in $bin (GONGKAI_BIN_REL, else build/rel/gongkai built here). Calls the
# script's own skip (which exits 0) when one is missing; run from the checkout's root.
bench_tools_and_bin() {
  command -v wrk >/dev/null 2>&1 || skip "needs wrk (tools/deps.sh installs it)"
  command -v curl >/dev/null 2>&1 || skip "needs curl"
  if [ -n "${GONGKAI_BIN_REL:-}" ]; then
    bin=$GONGKAI_BIN_REL
  else
    make -s BUILD=build/rel build/rel/gongkai >/dev/null || skip "the release build failed"
    bin=$PWD/build/rel/gongkai
  fi
}

wait_http() { # URL [SECONDS]: until it answers (10 s at most unless told)
  for _ in $(seq 1 $((${2:-10} * 10))); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  return 1
}
