#!/bin/bash
# Runs one fuzz harness until it has used CPU_SECONDS of CPU time (not wall time: on a shared
# machine the two differ a lot), then stops it with SIGINT so that libFuzzer prints its final
# statistics. For the long runs recorded in docs/testing.md:
#
#   fuzz/run-cpu.sh TARGET CPU_SECONDS [libFuzzer options...]
#
# Needs `make BUILD=build/fuzz CC=clang-15 fuzz-bins` first. Works on build/fuzz/corpus/TARGET
# (seeded from fuzz/corpus/TARGET), writes crashes to build/fuzz/crashes/TARGET/ and the log to
# build/fuzz/logs/TARGET.log; runs at nice $FUZZ_NICE (default 15). Prints the last status line and
# the totals.
set -u
cd "$(dirname "$0")/.."
t=$1 cpu=$2
shift 2
bin=build/fuzz/fuzz/fuzz_$t
[ -x "$bin" ] || { echo "run-cpu: $bin missing (make BUILD=build/fuzz CC=clang-15 fuzz-bins)" >&2; exit 2; }
mkdir -p build/fuzz/corpus/$t build/fuzz/crashes/$t build/fuzz/logs
cp -n fuzz/corpus/$t/* build/fuzz/corpus/$t/ 2>/dev/null || true
dict=()
[ -f fuzz/$t.dict ] && dict=(-dict=fuzz/$t.dict)
log=build/fuzz/logs/$t.log
start=$(date +%s)
nice -n "${FUZZ_NICE:-15}" "$bin" -max_total_time=86400 -print_final_stats=1 -artifact_prefix=build/fuzz/crashes/$t/ \
  "${dict[@]}" "$@" build/fuzz/corpus/$t >"$log" 2>&1 &
pid=$!
ticks=$(getconf CLK_TCK)
used=0
while kill -0 "$pid" 2>/dev/null; do
  sleep 5
  # utime + stime of the fuzzer and of its finished children (fields 14-17 of /proc/PID/stat)
  stat=$(cat /proc/$pid/stat 2>/dev/null) || break
  used=$(echo "$stat" | sed 's/^.*) //' | awk -v tk="$ticks" '{print int(($12 + $13 + $14 + $15) / tk)}')
  if [ "$used" -ge "$cpu" ]; then
    kill -INT "$pid"
    break
  fi
done
wait "$pid"
rc=$?
echo "run-cpu: $t: exit $rc, $used CPU seconds in $(( $(date +%s) - start )) s wall"
grep -E '^#[0-9]+' "$log" | tail -n 1
grep -E '^stat::|^(==[0-9]+==)?ERROR|SUMMARY|invariant broken|Test unit written' "$log"
exit $rc
