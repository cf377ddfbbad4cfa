#!/bin/bash
# Crash safety (issue 7): imports killed with SIGKILL at random moments. Each trial imports a
# batch of distinct items whose ids are known (PREFIX-1 .. PREFIX-N) and kills the import after
# a random delay of 0 to 2 times an import's measured duration. After every kill:
#   PRAGMA integrity_check says ok;
#   every batch acknowledged so far (its import exited 0 before the kill) is wholly there;
#   the killed batch is all there or not there at all (never part of it).
# Prints the figures; make check runs CRASH_TRIALS=20 (default), docs/testing.md records a
# 100-trial run:  CRASH_TRIALS=100 bash tests/cli/crash.sh
#   CRASH_BATCH=500       items per batch
#   GONGKAI_BIN_REL, else GONGKAI_BIN, else ./gongkai: the binary (the release build when there
#                         is one: more kills per second, and SQLite's behaviour is the same)
# Ends with "N passed, N failed".
set -u
bin=${GONGKAI_BIN_REL:-${GONGKAI_BIN:-./gongkai}}
[ -x "$bin" ] || bin=${GONGKAI_BIN:-./gongkai}
trials=${CRASH_TRIALS:-20}
per=${CRASH_BATCH:-500}
passed=0 failed=0
ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/crash.db"
sql() { sqlite3 -batch "$db" "$1" 2>&1; }
now_ms() { date +%s%3N; }

# BATCH PREFIX: $per items with ids PREFIX-1 .. PREFIX-$per, each with a body and a publication
# (so an import writes items, publications and the search index).
batch() {
  awk -v p="$1" -v n="$per" 'BEGIN { for (i = 1; i <= n; i++)
    printf "{\"type\":\"item\",\"id\":\"%s-%d\",\"agency\":\"crash\",\"title\":\"断电测试%s第%d条政府信息\",\"column\":\"gzdt\",\"body\":\"第%d条的正文，关于政府信息公开工作。\",\"publications\":[{\"channel\":\"website\",\"at\":\"2024-05-%02d\"}]}\n", p, i, p, i, i, 1 + i % 28 }'
}

"$bin" --db "$db" init >/dev/null || { echo "init failed"; echo "0 passed, 1 failed"; exit 1; }
printf '%s\n' '{"type":"agency","code":"crash","name":"断电测试局","kind":"government"}' >"$tmp/agency.jsonl"
"$bin" --db "$db" import "$tmp/agency.jsonl" >/dev/null || { echo "agency import failed"; echo "0 passed, 1 failed"; exit 1; }

# How long one import takes here (the window the kills are spread over).
batch cal >"$tmp/cal.jsonl"
t0=$(now_ms)
"$bin" --db "$db" import "$tmp/cal.jsonl" >/dev/null 2>&1
check "the calibration import succeeds" test $? = 0
dur=$(( $(now_ms) - t0 ))
[ "$dur" -lt 20 ] && dur=20
window=$(( dur * 2 ))

acked=("cal")     # batches whose import exited 0
acked_items=$per
lost=0 partial=0 broken=0 other=0 killed=0 killed_whole=0 killed_none=0 finished=0
for t in $(seq 1 "$trials"); do
  p="t$t"
  batch "$p" >"$tmp/b.jsonl"
  delay=$(( RANDOM * 32768 + RANDOM ))
  delay=$(( delay % (window + 1) ))
  "$bin" --db "$db" import "$tmp/b.jsonl" >/dev/null 2>"$tmp/err" &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rc=$?
  # the database as the next program finds it
  ic=$(sql "PRAGMA integrity_check")
  [ "$ic" = ok ] || { broken=$((broken + 1)); echo "  trial $t: integrity_check: $ic"; }
  declare -A have=()
  while IFS='|' read -r prefix n; do have[$prefix]=$n; done < <(sql "SELECT substr(ext_id, 1, instr(ext_id, '-') - 1), count(*) FROM items GROUP BY 1")
  got=${have[$p]:-0}
  if [ "$rc" = 0 ]; then
    finished=$((finished + 1))
    acked+=("$p"); acked_items=$((acked_items + per))
  elif [ "$rc" = 137 ]; then
    killed=$((killed + 1))
    if [ "$got" = 0 ]; then killed_none=$((killed_none + 1))
    elif [ "$got" = "$per" ]; then killed_whole=$((killed_whole + 1))
    else partial=$((partial + 1)); echo "  trial $t: the killed batch is partly there: $got of $per items"; fi
  else
    other=$((other + 1)); echo "  trial $t: import exited $rc: $(head -c 300 "$tmp/err")"
  fi
  for a in "${acked[@]}"; do
    [ "${have[$a]:-0}" = "$per" ] || { lost=$((lost + 1)); echo "  trial $t: acknowledged batch $a has ${have[$a]:-0} of $per items"; }
  done
  unset have
done

echo "  crash: $trials trials of $per-item imports killed (SIGKILL) 0-${window} ms after start (an import takes ~${dur} ms here)"
echo "  crash: killed mid-import $killed (rolled back $killed_none, committed whole $killed_whole), finished before the kill $finished"
echo "  crash: acknowledged writes ${#acked[@]} batches ($acked_items items); lost writes: $lost; partial batches: $partial; integrity_check failures: $broken"
check "integrity_check ok after every kill ($broken failures)" test "$broken" = 0
check "no acknowledged write lost ($lost)" test "$lost" = 0
check "no half-written batch ($partial)" test "$partial" = 0
check "every import either finished or was killed ($other otherwise)" test "$other" = 0
n_items=$(sql "SELECT count(*) FROM items")
"$bin" --db "$db" export >"$tmp/all.jsonl" 2>"$tmp/err"
check "gongkai exports the database after the kills ($(head -c 200 "$tmp/err"))" test $? = 0 -a "$(grep -c '"type":"item"' "$tmp/all.jsonl")" = "$n_items"
check "some kills landed mid-import ($killed of $trials)" test "$killed" -gt 0
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
