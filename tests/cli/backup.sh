#!/bin/bash
# gongkai backup / restore (issue 7): a backup of the demo database passes integrity_check and
# exports the same records; a backup taken while `gongkai serve` runs and a writer imports
# batch after batch passes integrity_check and holds every batch acknowledged (import exited 0)
# before the backup began, each batch whole or absent; backup refuses the live database itself;
# restore refuses a text file, a SQLite database that is not gongkai's, a future schema version
# and a damaged file (one line, exit 2), refuses while the server has the database open, and
# round-trips. Ends with "N passed, N failed".
set -u
bin=${GONGKAI_BIN:-./gongkai}
source "$(dirname "$0")/lib/serve.bash"

tmp=$(mktemp -d)
pids=()
cleanup() {
  touch "$tmp/stop" 2>/dev/null
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
sql() { sqlite3 -batch "$1" "$2" 2>&1; }

# BATCH PREFIX N: N items with ids PREFIX-1 .. PREFIX-N (an agency of the demo data).
batch() {
  awk -v p="$1" -v n="$2" 'BEGIN { for (i = 1; i <= n; i++)
    printf "{\"type\":\"item\",\"id\":\"%s-%d\",\"agency\":\"gn-mzj\",\"title\":\"备份测试%s第%d条\",\"column\":\"gzdt\",\"body\":\"正文%d。\",\"publications\":[{\"channel\":\"website\",\"at\":\"2024-03-01\"}]}\n", p, i, p, i, i }'
}
count_prefix() { sql "$1" "SELECT count(*) FROM items WHERE ext_id LIKE '$2-%'"; }

# ------------------------------------------------------------------ the demo database
db="$tmp/gk.db"
"$bin" --db "$db" demo >/dev/null 2>"$tmp/demo.err"
check "demo loads" test $? = 0
"$bin" --db "$db" backup "$tmp/copy.db" >"$tmp/b.out" 2>"$tmp/b.err"
check "backup exits 0 ($(cat "$tmp/b.err"))" test $? = 0
check "backup says what it did" grep -q "copy.db" "$tmp/b.out"
check "the copy passes integrity_check" test "$(sql "$tmp/copy.db" 'PRAGMA integrity_check')" = ok
check "no temporary file left" test ! -e "$tmp/copy.db.tmp"
"$bin" --db "$db" export >"$tmp/orig.jsonl"
"$bin" --db "$tmp/copy.db" export >"$tmp/copy.jsonl"
check "the copy exports the same records" cmp -s "$tmp/orig.jsonl" "$tmp/copy.jsonl"
check "the export is not empty" test "$(wc -l <"$tmp/orig.jsonl")" -gt 1000
"$bin" --db "$db" backup "$tmp/copy.db" >/dev/null 2>&1
check "a second backup over the first succeeds" test $? = 0

sum=$(sha256sum <"$db")
"$bin" --db "$db" backup "$db" >/dev/null 2>"$tmp/e"
rc=$?
check "backup onto the live database itself is refused (exit $rc)" test $rc = 2
check "in one line: $(cat "$tmp/e")" test "$(wc -l <"$tmp/e")" = 1
ln "$db" "$tmp/hardlink.db"
"$bin" --db "$db" backup "$tmp/hardlink.db" >/dev/null 2>&1
check "backup onto a hard link of the live database is refused" test $? = 2
check "the database is untouched" test "$(sha256sum <"$db")" = "$sum"
"$bin" --db "$db" backup >/dev/null 2>&1
check "backup without FILE is a usage error" test $? = 2
for c in backup restore; do
  "$bin" $c --help >"$tmp/h" 2>&1
  check "$c --help exits 0" test $? = 0
  check "$c --help has a usage line" grep -q "usage: gongkai \[--db TARGET\] $c FILE" "$tmp/h"
done

# ------------------------------------------------------------------ backup under load
port=$(free_port)
"$bin" --db "$db" serve --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
srv=$!
pids+=("$srv")
check "serve starts" wait_served "$port" "$srv"

# The writer: batch k of 40 items, imported one after another; "k" goes to acked once the
# import has exited 0, i.e. once the write is acknowledged.
per=40
(
  k=0
  while [ ! -e "$tmp/stop" ]; do
    k=$((k + 1))
    batch "load$k" $per >"$tmp/w.jsonl"
    if "$bin" --db "$db" import "$tmp/w.jsonl" >/dev/null 2>>"$tmp/writer.err"; then
      echo "$k" >>"$tmp/acked"
    else
      echo "$k" >>"$tmp/failed"
    fi
  done
) &
writer=$!
pids+=("$writer")
# A reader too: the portal keeps answering during the copy.
(
  while [ ! -e "$tmp/stop" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 "http://127.0.0.1:$port/column/gzdt" >>"$tmp/codes"
  done
) &
pids+=("$!")
for _ in $(seq 1 600); do
  [ "$(cat "$tmp/acked" 2>/dev/null | wc -l)" -ge 3 ] && break
  sleep 0.1
done
cp "$tmp/acked" "$tmp/acked.before" 2>/dev/null || : >"$tmp/acked.before"
"$bin" --db "$db" backup "$tmp/live.db" >"$tmp/live.out" 2>"$tmp/live.err"
rc=$?
check "backup under load exits 0 ($(cat "$tmp/live.err"))" test $rc = 0
# let the writer get at least one batch past the backup, then stop everything
n_after=$(wc -l <"$tmp/acked")
for _ in $(seq 1 300); do
  [ "$(wc -l <"$tmp/acked")" -gt "$n_after" ] && break
  sleep 0.1
done
touch "$tmp/stop"
wait "$writer"
sleep 0.5
kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null
pids=()

nb=$(wc -l <"$tmp/acked.before")
check "the writer had acknowledged batches before the backup began ($nb)" test "$nb" -ge 3
check "the writer's imports all succeeded ($(head -c 300 "$tmp/writer.err" 2>/dev/null))" test ! -s "$tmp/failed"
check "the copy taken under load passes integrity_check" test "$(sql "$tmp/live.db" 'PRAGMA integrity_check')" = ok
missing=0
while read -r k; do
  got=$(count_prefix "$tmp/live.db" "load$k")
  [ "$got" = "$per" ] || { missing=$((missing + 1)); echo "  batch $k: $got of $per items in the copy"; }
done <"$tmp/acked.before"
check "every batch acknowledged before the backup is whole in the copy ($nb batches, $missing missing)" test "$missing" = 0
partial=0
total=$(wc -l <"$tmp/acked")
for k in $(seq 1 "$total"); do
  got=$(count_prefix "$tmp/live.db" "load$k")
  [ "$got" = 0 ] || [ "$got" = "$per" ] || partial=$((partial + 1))
done
check "no batch is half in the copy" test "$partial" = 0
check "the live database got batches after the backup ($total acknowledged in all)" test "$total" -gt "$nb"
check "the live database has every acknowledged batch" test "$(sql "$db" "SELECT count(*) FROM items WHERE ext_id LIKE 'load%'")" = $((total * per))
bad_codes=$(grep -vc '^200$' "$tmp/codes")
check "the portal answered 200 throughout ($(wc -l <"$tmp/codes") requests, $bad_codes others)" test "$bad_codes" = 0
"$bin" --db "$tmp/live.db" export >/dev/null 2>&1
check "the copy is usable by gongkai (export)" test $? = 0
echo "  under load: $nb batches acknowledged before the backup, $total in all, $(wc -l <"$tmp/codes") page requests"

# ------------------------------------------------------------------ restore refuses
target="$tmp/target.db"
cp "$tmp/copy.db" "$target"
tsum=$(sha256sum <"$target")
refuse() { # WHAT FILE PATTERN
  "$bin" --db "$target" restore "$2" >"$tmp/r.out" 2>"$tmp/r.err"
  local rc=$?
  check "restore refuses $1 (exit $rc)" test $rc = 2
  check "  in one line: $(cat "$tmp/r.err")" test "$(wc -l <"$tmp/r.err")" = 1
  check "  saying why" grep -q "$3" "$tmp/r.err"
  check "  leaving the database alone" test "$(sha256sum <"$target")" = "$tsum" -a ! -e "$target.before-restore"
}
printf 'just some text\n' >"$tmp/text.txt"
refuse "a text file" "$tmp/text.txt" "not a SQLite database"
: >"$tmp/empty.db"
refuse "an empty file" "$tmp/empty.db" "not a SQLite database"
sql "$tmp/other.db" "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x');" >/dev/null
refuse "a SQLite database that is not gongkai's" "$tmp/other.db" "not a gongkai database"
cp "$tmp/copy.db" "$tmp/future.db"
sql "$tmp/future.db" "PRAGMA user_version = 999" >/dev/null
refuse "a gongkai database of a future schema version" "$tmp/future.db" "newer than this program"
head -c 200000 "$tmp/copy.db" >"$tmp/cut.db"
refuse "a truncated database" "$tmp/cut.db" "cut.db"
refuse "a missing file" "$tmp/nowhere.db" "nowhere.db"

# restore refuses while a server has the database open
port=$(free_port)
"$bin" --db "$target" serve --listen "127.0.0.1:$port" >"$tmp/serve2.log" 2>&1 &
srv=$!
pids+=("$srv")
wait_served "$port" "$srv" ""
curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/column/gzdt"
"$bin" --db "$target" restore "$tmp/live.db" >/dev/null 2>"$tmp/r.err"
rc=$?
check "restore refuses while serve has the database open (exit $rc)" test $rc = 2
check "  and says to stop the server: $(cat "$tmp/r.err")" grep -q "serve" "$tmp/r.err"
kill "$srv"; wait "$srv" 2>/dev/null
pids=()

# ------------------------------------------------------------------ restore round trip
"$bin" --db "$target" restore "$tmp/live.db" >"$tmp/r.out" 2>"$tmp/r.err"
check "restore exits 0 ($(cat "$tmp/r.err"))" test $? = 0
check "restore names the kept previous database" grep -q "before-restore" "$tmp/r.out"
check "the previous database is kept as TARGET.before-restore" test "$(sha256sum <"$target.before-restore")" = "$tsum"
check "no temporary file left" test ! -e "$target.restore-tmp"
"$bin" --db "$tmp/live.db" export >"$tmp/a.jsonl"
"$bin" --db "$target" export >"$tmp/b.jsonl"
check "the restored database exports what the backup holds" cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl"
check "the restored database passes integrity_check" test "$(sql "$target" 'PRAGMA integrity_check')" = ok
"$bin" --db "$target" report --year 2018 --output json >/dev/null 2>&1
check "the restored database reports" test $? = 0
# restore into a database that does not exist yet
"$bin" --db "$tmp/new.db" restore "$tmp/copy.db" >/dev/null 2>&1
check "restore creates a missing database" test $? = 0
"$bin" --db "$tmp/new.db" export >"$tmp/n.jsonl"
check "  holding the backup's records" cmp -s "$tmp/orig.jsonl" "$tmp/n.jsonl"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
