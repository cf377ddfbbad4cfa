#!/bin/bash
# Runs every benchmark program in build/rel/bench/ and prints its figures.
# SOAK=1 adds bench/soak.sh (SOAK_SECONDS, default 600).
# Benchmarks report ratios against baselines measured in the same run; they never fail on time.
set -u
cd "$(dirname "$0")/.."
for b in build/rel/bench/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" ${BENCH_ARGS:-} || echo "  ($(basename "$b") exited $?)"
done
[ -x bench/http.sh ] && bench/http.sh
[ -x bench/pages.sh ] && bench/pages.sh
# The soak takes SOAK_SECONDS (10 minutes by default): only when asked.
if [ "${SOAK:-0}" = 1 ]; then
  bench/soak.sh
else
  echo "== soak: skipped (make bench SOAK=1 runs bench/soak.sh, 10 minutes of the page mix with imports)"
fi
exit 0
