#!/bin/bash
# The statutory clock through the command line (contracts §1, §6; issue 9): holiday notices
# in the database (calendar import / years), provisional answers and their correction by
# an import, application show's regulation/period/provisional/why/warnings, application
# list and its filters, and the import's refusals. Ends with "N passed, N failed".
# Usage: GONGKAI_BIN=build/asan/gongkai bash tests/cli/clock.sh
NAME=clock.sh
source "$(dirname "$0")/lib/expect.bash"
data=$(cd "$(dirname "$0")/../data" && pwd)
notice="$data/clock-2027-notice.csv"
db="$tmp/clock.db"
p27="gongkai: provisional: no holiday notice for 2027"
jget() { jq -r "$2" "$1"; }

# --- no database: built-in notices only, nothing created
expect 2 "" "gongkai: calendar: $db: no gongkai database here; run 'gongkai init' (or 'gongkai demo') first" \
  calendar import "$notice"
check "calendar import without a database created nothing" [ ! -e "$db" ]
"$bin" --db "$db" calendar years >"$tmp/years" 2>"$tmp/err"
check "calendar years without a database exits 0" [ $? = 0 ]
check "years: 2004 built in" grep -qx '2004 official built-in' "$tmp/years"
check "years: 2026 built in" grep -qx '2026 official built-in' "$tmp/years"
check "years: 2027 provisional" grep -qx '2027 provisional' "$tmp/years"
check "years: one line per year from 2004" [ "$(head -n 1 "$tmp/years")" = "2004 official built-in" ]

"$bin" --db "$db" init >/dev/null 2>&1
check "init" [ -e "$db" ]

# --- a year without a notice: provisional, Monday to Friday
expect 0 2027-01-15 "$p27" calendar add 2026-12-20 20
expect 0 yes "$p27" calendar is-workday 2027-01-01

# --- the notice arrives
"$bin" --db "$db" calendar import "$notice" >"$tmp/out" 2>"$tmp/err"
check "calendar import exits 0" [ $? = 0 ]
check "calendar import says what it loaded" grep -q '已导入 2027 年节假日安排.*28 行' "$tmp/out"
check "calendar import writes nothing to stderr" [ ! -s "$tmp/err" ]
"$bin" --db "$db" calendar years >"$tmp/years"
check "years: 2027 official, imported, with its source and time" \
  grep -qE '^2027 official imported clock-2027-notice\.csv [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' "$tmp/years"
check "years: 2026 still built in" grep -qx '2026 official built-in' "$tmp/years"
check "years: 2028 provisional" grep -qx '2028 provisional' "$tmp/years"
expect 0 2027-01-18 "" calendar add 2026-12-20 20
expect 0 no  "" calendar is-workday 2027-01-01
expect 0 yes "" calendar is-workday 2027-02-20
expect 0 no  "" calendar is-workday 2027-10-07
expect 0 yes "" calendar is-workday 2027-10-09

# --- a bad notice: FILE:LINE: field: reason, exit 2, nothing changed
printf 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,workday,元旦\n' >"$tmp/bad.csv"
expect 2 "" "$tmp/bad.csv:3: kind: 2027-01-04 is a weekday; a workday row must fall on a Saturday or Sunday
gongkai: calendar: 1 error; nothing was imported" calendar import "$tmp/bad.csv"
printf 'date,kind,name\n2027-01-01,holiday,元旦\n2029-01-01,holiday,元旦\n' >"$tmp/gap.csv"
expect 2 "" "$tmp/gap.csv:3: date: no rows for 2028, a year inside the range 2027–2029 (its holidays are missing)
gongkai: calendar: 1 error; nothing was imported" calendar import "$tmp/gap.csv"
expect 1 "" "gongkai: calendar: $tmp/none.csv: No such file or directory" calendar import "$tmp/none.csv"
expect 0 2027-01-18 "" calendar add 2026-12-20 20

# --- a corrected notice replaces the year's rows (here: 元旦 moved to a make-up scheme)
printf 'date,kind,name\n2027-01-04,holiday,元旦\n2027-01-09,workday,元旦\n' >"$tmp/fixed.csv"
"$bin" --db "$db" calendar import "$tmp/fixed.csv" >/dev/null
expect 0 yes "" calendar is-workday 2027-01-01
expect 0 no  "" calendar is-workday 2027-01-04
expect 0 yes "" calendar is-workday 2027-01-09
expect 0 yes "" calendar is-workday 2027-02-10
"$bin" --db "$db" calendar years | grep -q '^2027 official imported fixed.csv '
check "years: the replacing file is the source" [ $? = 0 ]
"$bin" --db "$db" calendar import "$notice" >/dev/null

# --- applications: show, the Regulation, why, warnings
"$bin" --db "$db" import "$data/clock-applications.jsonl" >/dev/null 2>"$tmp/err"
check "applications import" [ $? = 0 ]
"$bin" --db "$db" application show CLK-2019-A --output json >"$tmp/a.json"
check "show json exit 0" [ $? = 0 ]
check "2019-02-22: the 2007 Regulation" [ "$(jget "$tmp/a.json" .regulation)" = 2007 ]
check "2019-02-22: 15 working days" [ "$(jget "$tmp/a.json" .period)" = 15 ]
check "2019-02-22: due 2019-03-15" [ "$(jget "$tmp/a.json" .due)" = 2019-03-15 ]
check "2019-02-22: official" [ "$(jget "$tmp/a.json" .provisional)" = false ]
check "why names the Regulation" grep -q '国务院令第492号' <(jget "$tmp/a.json" '.why[]')
check "why gives the due date" grep -q '答复期限 2019-03-15' <(jget "$tmp/a.json" '.why[]')
check "no warnings" [ "$(jget "$tmp/a.json" '.warnings | length')" = 0 ]

"$bin" --db "$db" application show CLK-OPEN-3 --output json --as-of 2026-12-07 >"$tmp/o3.json"
check "OPEN-3: the revised Regulation" [ "$(jget "$tmp/o3.json" .regulation)" = 2019 ]
check "OPEN-3: restarted at the correction" [ "$(jget "$tmp/o3.json" .start)" = 2026-11-02 ]
check "OPEN-3: late correction warned (Art. 30)" grep -q '第三十条' <(jget "$tmp/o3.json" '.warnings[]')
check "OPEN-3: overdue warned" grep -q '已超过答复期限' <(jget "$tmp/o3.json" '.warnings[]')

"$bin" --db "$db" application show CLK-PAUSED --output json --as-of 2026-12-07 >"$tmp/p.json"
check "paused: due null" [ "$(jget "$tmp/p.json" .due)" = null ]
check "paused: the status says why" [ "$(jget "$tmp/p.json" .status)" = paused_consultation ]
check "paused: due_note gives the reason and date" grep -q '征求意见中，自 2026-11-04 起暂停计算' <(jget "$tmp/p.json" .due_note)
check "paused: the 15-day answer window warned (Art. 32)" grep -q '第三十二条' <(jget "$tmp/p.json" '.warnings[]')
"$bin" --db "$db" application show CLK-PAUSED --as-of 2026-12-07 >"$tmp/p.txt"
check "paused text: never a bare 暂停计算" grep -q '答复期限 due: *未定 not fixed：征求意见中，自 2026-11-04 起暂停计算' "$tmp/p.txt"
check "paused text: the steps" grep -q '^期限说明 why:' "$tmp/p.txt"

# Received 2026-12-20 runs into 2027: official with the notice, provisional without it.
"$bin" --db "$db" application show CLK-OPEN-2 --output json --as-of 2026-12-21 >"$tmp/o2.json"
check "OPEN-2 with the 2027 notice: due 2027-01-18" [ "$(jget "$tmp/o2.json" .due)" = 2027-01-18 ]
check "OPEN-2 with the 2027 notice: official" [ "$(jget "$tmp/o2.json" .provisional)" = false ]
cp "$db" "$tmp/nonotice.db"
sqlite3 "$tmp/nonotice.db" "DELETE FROM holidays; DELETE FROM holiday_years;"
"$bin" --db "$tmp/nonotice.db" application show CLK-OPEN-2 --output json --as-of 2026-12-21 >"$tmp/o2p.json"
check "OPEN-2 without the notice: due 2027-01-15" [ "$(jget "$tmp/o2p.json" .due)" = 2027-01-15 ]
check "OPEN-2 without the notice: provisional" [ "$(jget "$tmp/o2p.json" .provisional)" = true ]
check "OPEN-2 without the notice: why says so" grep -q '2027 年的节假日安排尚未发布' <(jget "$tmp/o2p.json" '.why[]')
"$bin" --db "$tmp/nonotice.db" application show CLK-OPEN-2 --as-of 2026-12-21 >"$tmp/o2p.txt"
check "OPEN-2 text: provisional beside the date" grep -q '2027-01-15（暂定 provisional' "$tmp/o2p.txt"

# --- application list and its filters (as of 2026-12-07)
expect 0 "2026-11-30	CLK-OPEN-3	clk-dept	办理中 (processing)	已超期 5 个工作日 overdue
2026-12-29	CLK-OPEN-1	clk-root	办理中 (processing)	尚余 16 个工作日 left
2027-01-18	CLK-OPEN-2	clk-dept	办理中 (processing)	尚余 20 个工作日 left
未定	CLK-PAUSED	clk-root	征求意见中 (paused_consultation)	征求意见中，自 2026-11-04 起暂停计算 paused since 2026-11-04 (paused_consultation)" \
  "" application list --as-of 2026-12-07
expect 0 "2026-11-30	CLK-OPEN-3	clk-dept	办理中 (processing)	已超期 5 个工作日 overdue" "" \
  application list --overdue --as-of 2026-12-07
expect 0 "2026-12-29	CLK-OPEN-1	clk-root	办理中 (processing)	尚余 16 个工作日 left" "" \
  application list --due-within 16 --as-of 2026-12-07
expect 0 "" "" application list --due-within 15 --as-of 2026-12-07
"$bin" --db "$db" application list --agency clk-dept --output json --as-of 2026-12-07 >"$tmp/l.json"
check "list --agency: the department's two" [ "$(jget "$tmp/l.json" '[.[].id] | join(",")')" = "CLK-OPEN-3,CLK-OPEN-2" ]
check "list json: due and status" [ "$(jget "$tmp/l.json" '.[0].due + " " + .[0].status')" = "2026-11-30 processing" ]
check "list json: regulation and provisional" [ "$(jget "$tmp/l.json" '.[1].regulation + " " + (.[1].provisional|tostring)')" = "2019 false" ]
expect 0 "2027-01-15（暂定）	CLK-OPEN-2	clk-dept	办理中 (processing)	尚余 20 个工作日 left" "$p27" \
  --db "$tmp/nonotice.db" application list --agency clk-dept --due-within 30 --as-of 2026-12-07
expect 2 "" "gongkai: application: --agency: no agency with code 'nope'" application list --agency nope
expect 2 "" "gongkai: application: --due-within: 'x' is not a number of working days (0 to 10000)" \
  application list --due-within x
expect 2 "" "gongkai: application: --as-of: '2026-13-01' is not a date (expected YYYY-MM-DD)" \
  application list --as-of 2026-13-01

# --- the import refuses a history that breaks a rule, naming file, line and field
bad="$tmp/bad.jsonl"
printf '%s\n' \
  '{"type":"application","id":"B1","agency":"clk-root","applicant_type":"natural_person","received":"2019-02-22","events":[{"kind":"extended","date":"2019-03-08","days":20}]}' \
  '{"type":"application","id":"B2","agency":"clk-root","applicant_type":"natural_person","received":"2026-03-02","events":[{"kind":"extended","date":"2026-03-10","days":5},{"kind":"extended","date":"2026-03-11","days":5}]}' \
  '{"type":"application","id":"B3","agency":"clk-root","applicant_type":"natural_person","received":"2026-03-02","events":[{"kind":"replied","date":"2026-02-27","outcome":"disclosed"}]}' \
  '{"type":"case","id":"B4","agency":"clk-root","kind":"reconsideration","filed":"2026-05-01","application":"NO-SUCH"}' \
  >"$bad"
"$bin" --db "$db" import "$bad" >/dev/null 2>"$tmp/err"
check "bad histories: exit 2" [ $? = 2 ]
check "extension over the 2007 cap" grep -qF "$bad:1: events[0].days: 20 (an extension is 1 to 15 working days under the 2007 Regulation, 第二十四条)" "$tmp/err"
check "a second extension" grep -qF "$bad:2: events[1].kind: extended a second time" "$tmp/err"
check "a reply before receipt" grep -qF "$bad:3: events[0].date: 2026-02-27 is before the receipt date 2026-03-02" "$tmp/err"
check "a case naming no application" grep -qF "$bad:4: application: no application 'NO-SUCH' in this import or the database" "$tmp/err"
"$bin" --db "$db" application show B3 >/dev/null 2>&1
check "nothing of the refused file was written" [ $? = 2 ]

finish
