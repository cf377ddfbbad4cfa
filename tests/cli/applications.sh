#!/bin/bash
# Applications end to end through the real server and the command line (issue 9): on the
# demo database, the due date of every open application of the handler's agency agrees on
# its page, in `application show` and (when due soon or overdue) on the dashboard; a person
# applies online and gets the codes; the handler asks for a correction and drafts its
# letter; the status page shows it; `application show` shows the letter.
# Ends with "N passed, N failed".
# Usage: GONGKAI_BIN=build/asan/gongkai bash tests/cli/applications.sh
set -u
bin=${GONGKAI_BIN:-./gongkai}
source "$(dirname "$0")/lib/serve.bash"
tmp=$(mktemp -d)
srv_pid=
cleanup() { [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"; }
trap cleanup EXIT
db="$tmp/gk.db"
"$bin" --db "$db" demo >/dev/null 2>&1
check "demo" test -e "$db"
port=$(free_port)
"$bin" --db "$db" serve --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
srv_pid=$!
wait_served "$port" "$srv_pid" && up=yes || up=no
check "serve starts" test $up = yes
url="http://127.0.0.1:$port"
jar="$tmp/jar"
c() { curl -s --max-time 20 -b "$jar" -c "$jar" "$@"; }
csrf=$(c "$url/admin/login" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
code=$(c -o /dev/null -w '%{http_code}' --data "csrf=$csrf&login=handler&password=Gongkai-demo-2026&next=%2Fadmin%2F" "$url/admin/login")
check "the handler logs in (got $code)" test "$code" = 303
c "$url/admin/" >"$tmp/dash.html"
csrf=$(grep -o 'name="csrf" value="[^"]*"' "$tmp/dash.html" | head -n 1 | sed 's/.*value="//;s/"$//')

# --- the due date agrees: page, application show, dashboard
c "$url/admin/applications" >"$tmp/list.html"
ids=$(grep -o 'href="/admin/applications/[^"?]*"' "$tmp/list.html" | sed 's|.*/||;s/"$//' | grep -v '^new$' | sort -u)
check "the list shows open applications" test -n "$ids"
for id in $ids; do
  page_due=$(c "$url/admin/applications/$id" | grep -o '<td id="app-due">[0-9-]*' | sed 's/.*>//')
  show_due=$("$bin" --db "$db" application show "$id" --output json 2>/dev/null | jq -r '.due // ""')
  check "$id: page due '$page_due' = application show '$show_due'" test "$page_due" = "$show_due"
  if grep -q "href=\"/admin/applications/$id\">$id</a> 到期日" "$tmp/dash.html"; then
    dash_due=$(grep -o "href=\"/admin/applications/$id\">$id</a> 到期日 <span class=\"due\">[0-9-]*" "$tmp/dash.html" | sed 's/.*>//')
    check "$id: dashboard due '$dash_due' = '$show_due'" test "$dash_due" = "$show_due"
  fi
done

# --- a person applies online
token=$(curl -s "$url/ysqgk" | grep -o 'name="token" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s --max-time 20 -o "$tmp/done.html" --data "token=$token&agency=gongnong&applicant_type=natural_person&id_no=23040319900307123X&phone=13812345678" \
  --data-urlencode "name=王五" --data-urlencode "subject=2026年老旧小区改造项目清单" "$url/ysqgk"
number=$(grep -o 'id="apply-number">[^<]*' "$tmp/done.html" | sed 's/.*>//')
qcode=$(grep -o 'id="apply-code">[^<]*' "$tmp/done.html" | sed 's/.*>//')
check "the applicant gets a number and a code ($number)" test -n "$number" -a -n "$qcode"
today=$(TZ=Asia/Shanghai date +%F)
code=$(c -o /dev/null -w '%{http_code}' --data "csrf=$csrf&action=correction_requested&date=$today" \
  --data-urlencode "items=请写明小区名称" "$url/admin/applications/$number")
check "the handler requests a correction (got $code)" test "$code" = 303
code=$(c -o /dev/null -w '%{http_code}' --data "csrf=$csrf&action=letter_draft&kind=correction" "$url/admin/applications/$number")
check "and drafts its letter (got $code)" test "$code" = 303
curl -s --max-time 20 --data "number=$number&code=$qcode" "$url/ysqgk/cx" >"$tmp/status.html"
check "the status page shows the correction" grep -q 'data-status="awaiting_correction"' "$tmp/status.html"
check "with what to correct" grep -q '请写明小区名称' "$tmp/status.html"
check "and not the applicant's identity number" bash -c "! grep -q 23040319900307123X '$tmp/status.html'"
"$bin" --db "$db" application show "$number" >"$tmp/show.txt" 2>&1
check "application show lists the letter" grep -q '补正告知书，草稿 draft' "$tmp/show.txt"
check "whose text cites Art. 30" grep -q '第三十条' "$tmp/show.txt"
kind=$("$bin" --db "$db" application show "$number" --output json 2>/dev/null | jq -r '.letters[0].kind')
check "application show --output json: letters[0].kind = correction (got $kind)" test "$kind" = correction

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
