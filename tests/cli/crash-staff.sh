#!/bin/bash
# Crash safety of staff writes (issue 7 item 4, with the workspace): the real server is killed
# with SIGKILL at random moments while an editor creates items through /admin/items/new, one
# after another. A save is acknowledged when its POST answered 303. After every kill:
#   PRAGMA integrity_check says ok and `gongkai audit verify` accepts the audit chain;
#   every acknowledged item is there, once, with its first revision and its audit row;
#   no item is half-written: every item of the editor has its revision and its audit row;
#   the server starts again on the same database and the editor's session still works.
# make check runs CRASH_TRIALS=10 (default); docs/testing.md records a 100-trial run:
#   CRASH_TRIALS=100 bash tests/cli/crash-staff.sh
#   GONGKAI_BIN_REL, else GONGKAI_BIN, else ./gongkai: the binary
# Ends with "N passed, N failed".
set -u
bin=${GONGKAI_BIN_REL:-${GONGKAI_BIN:-./gongkai}}
[ -x "$bin" ] || bin=${GONGKAI_BIN:-./gongkai}
trials=${CRASH_TRIALS:-10}
source "$(dirname "$0")/lib/serve.bash"

tmp=$(mktemp -d)
srv_pid= writer_pid=
cleanup() {
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null
  [ -n "$srv_pid" ] && kill -KILL "$srv_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
db="$tmp/crash.db"
sql() { sqlite3 -batch "$db" "$1" 2>&1; }
pass='Crash-test-2026'

"$bin" --db "$db" init >/dev/null || { echo "init failed"; echo "0 passed, 1 failed"; exit 1; }
printf '%s\n' '{"type":"agency","code":"crash","name":"断电测试局","kind":"government"}' >"$tmp/agency.jsonl"
"$bin" --db "$db" import "$tmp/agency.jsonl" >/dev/null || { echo "agency import failed"; echo "0 passed, 1 failed"; exit 1; }
printf '%s\n' "$pass" | "$bin" --db "$db" user add zhang --role editor --agency crash >/dev/null 2>"$tmp/err" ||
  { echo "user add failed: $(cat "$tmp/err")"; echo "0 passed, 1 failed"; exit 1; }

start_server() {
  port=$(free_port)
  "$bin" --db "$db" serve --listen "127.0.0.1:$port" >>"$tmp/serve.log" 2>&1 &
  srv_pid=$!
  wait_served "$port" "$srv_pid"
}

# Logs the editor in once: the session lives in the database, so it outlives every kill.
login() {
  local pre csrf
  curl -s -c "$tmp/jar" -o "$tmp/login.html" "http://127.0.0.1:$port/admin/login"
  csrf=$(grep -o 'name="csrf" value="[^"]*"' "$tmp/login.html" | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -s -b "$tmp/jar" -c "$tmp/jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "csrf=$csrf" --data-urlencode "login=zhang" --data-urlencode "password=$pass" \
    --data-urlencode "next=/admin/" "http://127.0.0.1:$port/admin/login"
}
session_csrf() {
  curl -s -b "$tmp/jar" "http://127.0.0.1:$port/admin/items/new" |
    grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'
}

# writer TRIAL: creates items T-1, T-2, … until the server goes away; appends the title of each
# acknowledged save (303) to acked.txt.
writer() {
  local t=$1 n=0 code
  while :; do
    n=$((n + 1))
    code=$(curl -s -b "$tmp/jar" -o /dev/null -w '%{http_code}' --max-time 5 \
      --data-urlencode "csrf=$csrf" --data-urlencode "token=crash-$t-$n" \
      --data-urlencode "title=断电测试$t-$n号稿件" --data-urlencode "column=gkml/gsgg" \
      --data-urlencode "written=2026-11-30" --data-urlencode "body=第$t-$n号稿件的正文。" \
      "http://127.0.0.1:$port/admin/items/new")
    case $code in
      303) echo "断电测试$t-$n号稿件" >>"$tmp/acked.txt" ;;
      000) return 0 ;;                      # the server is gone
      *) echo "$t-$n: HTTP $code" >>"$tmp/odd.txt" ;;
    esac
  done
}

: >"$tmp/acked.txt"
start_server || { echo "the server did not start: $(tail -c 300 "$tmp/serve.log")"; echo "0 passed, 1 failed"; exit 1; }
code=$(login)
[ "$code" = 303 ] || { echo "login answered $code"; echo "0 passed, 1 failed"; exit 1; }
csrf=$(session_csrf)
[ -n "$csrf" ] || { echo "no CSRF token on the item form"; echo "0 passed, 1 failed"; exit 1; }

broken=0 lost=0 dup=0 half=0 chain=0 restarts=0
for t in $(seq 1 "$trials"); do
  writer "$t" &
  writer_pid=$!
  delay=$(( (RANDOM % 1500) + 100 ))
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -KILL "$srv_pid" 2>/dev/null
  wait "$srv_pid" 2>/dev/null
  srv_pid=
  wait "$writer_pid" 2>/dev/null
  writer_pid=

  ic=$(sql "PRAGMA integrity_check")
  [ "$ic" = ok ] || { broken=$((broken + 1)); echo "  trial $t: integrity_check: $ic"; }
  "$bin" --db "$db" audit verify >/dev/null 2>"$tmp/verify.err" ||
    { chain=$((chain + 1)); echo "  trial $t: audit verify: $(head -c 200 "$tmp/verify.err")"; }
  # every acknowledged save is there, once
  sort -u "$tmp/acked.txt" >"$tmp/acked.sorted"
  sql "SELECT title FROM items WHERE title LIKE '断电测试%' ORDER BY 1" >"$tmp/have.txt"
  missing=$(comm -23 "$tmp/acked.sorted" <(sort -u "$tmp/have.txt") | wc -l)
  lost=$((lost + missing))
  [ "$missing" = 0 ] || echo "  trial $t: $missing acknowledged items missing"
  d=$(sort "$tmp/have.txt" | uniq -d | wc -l)
  dup=$((dup + d))
  # nothing half-written: each of the editor's items has its first revision and its audit row
  h=$(sql "SELECT count(*) FROM items i WHERE i.title LIKE '断电测试%' AND (
             NOT EXISTS (SELECT 1 FROM item_revisions r WHERE r.item_id = i.id AND r.rev = 1) OR
             'item:' || i.ext_id NOT IN (SELECT object FROM audit_log WHERE actor = 'zhang' AND action LIKE 'item.%'))")
  [[ "$h" =~ ^[0-9]+$ ]] || { echo "  trial $t: the check failed: $h"; h=1; }
  half=$((half + h))
  [ "$h" = 0 ] || echo "  trial $t: $h items without their revision or audit row"

  start_server || { echo "  trial $t: the server did not start again"; break; }
  restarts=$((restarts + 1))
done

n_acked=$(sort -u "$tmp/acked.txt" | wc -l)
n_items=$(sql "SELECT count(*) FROM items WHERE title LIKE '断电测试%'")
echo "  crash-staff: $trials kills (SIGKILL) of the server while an editor saved items; $restarts restarts"
echo "  crash-staff: acknowledged saves $n_acked, items in the database $n_items; lost $lost, duplicated $dup, half-written $half"
check "some saves were acknowledged ($n_acked)" test "$n_acked" -gt 0
check "integrity_check ok after every kill ($broken failures)" test "$broken" = 0
check "audit verify accepts the chain after every kill ($chain failures)" test "$chain" = 0
check "no acknowledged save lost ($lost)" test "$lost" = 0
check "no item saved twice ($dup)" test "$dup" = 0
check "no item half-written ($half)" test "$half" = 0
check "the server started again after every kill ($restarts of $trials)" test "$restarts" = "$trials"
check "no save answered other than 303 ($(head -c 300 "$tmp/odd.txt" 2>/dev/null))" test ! -s "$tmp/odd.txt"
code=$(curl -s -b "$tmp/jar" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/admin/items")
check "the editor's session still works after the kills (got $code)" test "$code" = 200
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
