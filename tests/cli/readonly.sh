#!/bin/bash
# A read-only database (issue 7, defect 4): with the file mode 444 in a folder the user cannot
# write, report, export and serve work; init, demo and import refuse in one line and leave the
# file as it was. Also: a writable folder with a 444 file, and a read-only folder holding a
# -wal with changes (read through its -shm, or refused in one line when that cannot be done).
#
# Root ignores file modes, and CI runs as root: the commands then run as the user nobody
# (setpriv, else runuser) from a copy of the binary in a folder nobody may read.
# Ends with "N passed, N failed".
set -u
bin=${GONGKAI_BIN:-./gongkai}
source "$(dirname "$0")/lib/serve.bash"

# Under /tmp, not $TMPDIR: the unprivileged user must be able to reach the folder.
tmp=$(mktemp -d /tmp/gk-readonly.XXXXXX)
srv_pid=
cleanup() {
  [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
  [ -n "${KEEP:-}" ] && return; chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp"
cp "$bin" "$tmp/gongkai" && chmod 755 "$tmp/gongkai"
gk_root() { "$tmp/gongkai" "$@"; }

# as_user CMD...: runs CMD as a user that file modes apply to (exec: a background as_user's
# pid is the command's own, so the test can stop the server it started).
run_as=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null 2>&1; then
    run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
  elif command -v runuser >/dev/null 2>&1; then
    run_as=(runuser -u nobody --)
  else
    echo "readonly: neither setpriv nor runuser: cannot drop root"; echo "0 passed, 1 failed"; exit 1
  fi
fi
as_user() { (cd "$tmp" && exec "${run_as[@]}" "$@"); }
gk() { as_user "$tmp/gongkai" "$@"; }
if ! gk --version >/dev/null 2>"$tmp/v.err"; then
  echo "readonly: the test user cannot run $tmp/gongkai: $(head -c 300 "$tmp/v.err")"; echo "0 passed, 1 failed"; exit 1
fi

# sanity: the unprivileged user really cannot write the read-only folder
mkdir "$tmp/ro"
gk_root --db "$tmp/ro/gk.db" demo >/dev/null 2>&1
check "demo loads" test -s "$tmp/ro/gk.db"
gk_root --db "$tmp/ro/gk.db" export >"$tmp/export.want"
gk_root --db "$tmp/ro/gk.db" report --year 2021 --output json >"$tmp/report.want"
check "the writer closed cleanly (no -wal left)" test ! -e "$tmp/ro/gk.db-wal"
chmod 444 "$tmp/ro/gk.db"
chmod 555 "$tmp/ro"
if as_user touch "$tmp/ro/probe" 2>/dev/null; then bad "the test user can write the read-only folder"; else ok; fi
sum_before=$(sha256sum <"$tmp/ro/gk.db")

# --- reads work
gk --db "$tmp/ro/gk.db" export >"$tmp/export.got" 2>"$tmp/export.err"
check "export exits 0 on a read-only database ($(head -c 200 "$tmp/export.err"))" test $? = 0
check "export output is the same as with write access" cmp -s "$tmp/export.want" "$tmp/export.got"
gk --db "$tmp/ro/gk.db" report --year 2021 --output json >"$tmp/report.got" 2>"$tmp/report.err"
check "report exits 0 on a read-only database ($(head -c 200 "$tmp/report.err"))" test $? = 0
check "report output is the same as with write access" cmp -s "$tmp/report.want" "$tmp/report.got"
gk --db "$tmp/ro/gk.db" settings get per_ip_limit >"$tmp/get.out" 2>"$tmp/get.err"
check "settings get reads a read-only database ($(head -c 200 "$tmp/get.err"))" test $? = 0 -a -s "$tmp/get.out"
check "nothing written beside it" test "$(ls "$tmp/ro")" = gk.db

# --- serve works
port=$(free_port)
(cd "$tmp" && exec "${run_as[@]}" "$tmp/gongkai" --db "$tmp/ro/gk.db" serve --listen "127.0.0.1:$port") >"$tmp/serve.log" 2>&1 &
srv_pid=$!
wait_served "$port" "$srv_pid" && up=yes || up=no
check "serve starts on a read-only database ($(head -c 300 "$tmp/serve.log"))" test $up = yes
code=$(curl -s -o "$tmp/home.html" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/")
check "the home page answers 200 (got $code)" test "$code" = 200
item=$(grep -o 'href="/item/[^"]*"' "$tmp/home.html" | head -n 1 | sed -e 's/^href="//' -e 's/"$//')
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port${item:-/item/none}")
check "an item page answers 200 (got $code for ${item:-no link})" test "$code" = 200
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/search?q=%E5%85%AC%E5%BC%80")
check "a search answers 200 (got $code)" test "$code" = 200
kill "$srv_pid" 2>/dev/null; wait "$srv_pid" 2>/dev/null
check "the server stopped" bash -c "! kill -0 $srv_pid 2>/dev/null"
sleep 0.2
if pgrep -f -- "$tmp/gongkai --db" >/dev/null; then bad "a server of this test is still running"; else ok; fi
srv_pid=
check "no database error in the server's log" bash -c "! grep -qi 'attempt to write\|readonly database\|unable to open' '$tmp/serve.log'"

# --- writers refuse in one line
printf '%s\n' '{"type":"agency","code":"x","name":"某机关","kind":"other"}' >"$tmp/one.jsonl"
chmod 644 "$tmp/one.jsonl"
printf '%s\n' 'date,kind,name' '2027-01-01,holiday,元旦' >"$tmp/notice.csv" && chmod 644 "$tmp/notice.csv"
for cmd in "init" "demo" "import $tmp/one.jsonl" "settings set per_ip_limit 64" "settings unset per_ip_limit" "user disable editor" "calendar import $tmp/notice.csv"; do
  # shellcheck disable=SC2086
  gk --db "$tmp/ro/gk.db" $cmd >"$tmp/w.out" 2>"$tmp/w.err"
  rc=$?
  check "$cmd refuses a read-only database (exit $rc)" test $rc != 0
  check "$cmd says so in one line: $(cat "$tmp/w.err")" test "$(wc -l <"$tmp/w.err")" = 1
  check "$cmd's line names the cause" grep -q "read-only" "$tmp/w.err"
done
check "the file is unchanged" test "$(sha256sum <"$tmp/ro/gk.db")" = "$sum_before"

# --- a 444 file in a folder the user may write: read normally
mkdir "$tmp/rw" && chmod 777 "$tmp/rw"
cp "$tmp/ro/gk.db" "$tmp/rw/gk.db" && chmod 444 "$tmp/rw/gk.db"
gk --db "$tmp/rw/gk.db" export >"$tmp/export.rw" 2>"$tmp/export.rw.err"
check "export of a 444 file in a writable folder ($(head -c 200 "$tmp/export.rw.err"))" cmp -s "$tmp/export.want" "$tmp/export.rw"
gk --db "$tmp/rw/gk.db" import "$tmp/one.jsonl" >/dev/null 2>"$tmp/w.err"
check "import refuses a 444 file in one line" test $? != 0 -a "$(wc -l <"$tmp/w.err")" = 1

# --- a read-only folder where the last writer left a -wal with changes (it crashed)
mkdir "$tmp/crashed"
cp "$tmp/ro/gk.db" "$tmp/crashed/gk.db" && chmod 644 "$tmp/crashed/gk.db"
python3 - "$tmp/crashed/gk.db" <<'PY'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("UPDATE agencies SET name = name || '（改）' WHERE id = (SELECT min(id) FROM agencies)")
c.commit()
os._exit(0)  # no close: the change stays in the -wal
PY
check "the crashed writer left a -wal" test -s "$tmp/crashed/gk.db-wal"
chmod 444 "$tmp/crashed/gk.db" "$tmp/crashed/gk.db-wal" "$tmp/crashed/gk.db-shm"
chmod 555 "$tmp/crashed"
gk --db "$tmp/crashed/gk.db" export >"$tmp/export.crashed" 2>"$tmp/export.crashed.err"
check "export reads through the -wal and -shm ($(head -c 200 "$tmp/export.crashed.err"))" grep -q '（改）' "$tmp/export.crashed"
chmod 755 "$tmp/crashed" && rm -f "$tmp/crashed/gk.db-shm" && chmod 555 "$tmp/crashed"
gk --db "$tmp/crashed/gk.db" export >/dev/null 2>"$tmp/w.err"
rc=$?
check "without a -shm, export refuses rather than miss the -wal's changes (exit $rc)" test $rc != 0
check "and says so in one line: $(cat "$tmp/w.err")" test "$(wc -l <"$tmp/w.err")" = 1 -a -n "$(grep -- '-wal' "$tmp/w.err")"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
