#!/bin/bash
# Runs every benchmark program in build/rel/bench/ and prints its figures.
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
exit 0
