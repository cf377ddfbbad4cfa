#!/bin/bash
# gongkai calendar (contracts §1): outputs and exit statuses against the built binary.
# Usage: GONGKAI_BIN=build/asan/gongkai bash tests/cli/calendar.sh
# Ends with "N passed, N failed".
NAME=calendar.sh
source "$(dirname "$0")/lib/expect.bash"
# Without a database the calendar answers from the built-in notices and creates nothing:
# point --db at a path that cannot exist. (calendar import/years and a database's imported
# notices: tests/cli/clock.sh.)
db="$tmp/no/such/dir/gongkai.db"

# is-workday: 调休 weekends, long holidays, plain days, both ends of the data.
expect 0 yes "" calendar is-workday 2018-02-11
expect 0 no  "" calendar is-workday 2018-02-16
expect 0 no  "" calendar is-workday 2018-10-01
expect 0 no  "" calendar is-workday 2018-10-07
expect 0 yes "" calendar is-workday 2018-10-08
expect 0 yes "" calendar is-workday 2018-09-29
expect 0 no  "" calendar is-workday 2018-10-13
expect 0 yes "" calendar is-workday 2015-09-06
expect 0 no  "" calendar is-workday 2020-02-02
expect 0 no  "" calendar is-workday 2025-01-28
expect 0 no  "" calendar is-workday 2004-01-01
expect 0 yes "" calendar is-workday 2026-12-31

# add: DATE itself not counted; across National Day 2018 and Spring Festival 2018.
expect 0 2018-09-29 "" calendar add 2018-09-28 1
expect 0 2018-10-08 "" calendar add 2018-09-28 3
expect 0 2018-10-08 "" calendar add 2018-10-01 1
expect 0 2018-10-24 "" calendar add 2018-09-20 20
expect 0 2018-02-22 "" calendar add 2018-02-14 1
expect 0 2018-02-24 "" calendar add 2018-02-14 3
expect 0 2018-10-03 "" calendar add 2018-10-03 0
expect 0 2018-09-30 "" calendar add 2018-10-08 -1
expect 0 2019-01-02 "" calendar add 2018-12-28 2

# between: working days in (A, B]; negative when B is before A.
expect 0 1  "" calendar between 2018-09-30 2018-10-08
expect 0 -1 "" calendar between 2018-10-08 2018-09-30
expect 0 0  "" calendar between 2018-10-01 2018-10-07
expect 0 8  "" calendar between 2018-02-09 2018-02-26
expect 0 0  "" calendar between 2018-10-08 2018-10-08
expect 0 250 "" calendar between 2017-12-31 2018-12-31
expect 0 248 "" calendar between 2025-12-31 2026-12-31

# Bad input: one line "gongkai: calendar: <why>" on stderr, nothing on stdout, exit 2.
expect 2 "" "gongkai: calendar: '2018-13-01' is not a date (expected YYYY-MM-DD)" \
  calendar is-workday 2018-13-01
expect 2 "" "gongkai: calendar: '2019-02-29' is not a date (expected YYYY-MM-DD)" \
  calendar add 2019-02-29 1
expect 2 "" "gongkai: calendar: '2018/10/01' is not a date (expected YYYY-MM-DD)" \
  calendar between 2018-09-01 2018/10/01
expect 2 "" "gongkai: calendar: 2003-12-31 is outside the calendar data (2004-01-01 to 2099-12-31)" \
  calendar between 2003-12-31 2004-01-05
expect 2 "" "gongkai: calendar: 2100-01-04 is outside the calendar data (2004-01-01 to 2099-12-31)" \
  calendar is-workday 2100-01-04
expect 2 "" "gongkai: calendar: the date 2 working days after 2099-12-30 lies outside the calendar data (2004-01-01 to 2099-12-31)" \
  calendar add 2099-12-30 2
expect 2 "" "gongkai: calendar: the date 2 working days before 2004-01-05 lies outside the calendar data (2004-01-01 to 2099-12-31)" \
  calendar add 2004-01-05 -2

# A year without a holiday notice (contracts §1): Monday to Friday, the answer on stdout,
# one "provisional" line on stderr, exit 0.
p="gongkai: provisional: no holiday notice for 2027"
expect 0 yes "$p" calendar is-workday 2027-01-04
expect 0 yes "$p" calendar is-workday 2027-01-01
expect 0 no  "$p" calendar is-workday 2027-01-02
expect 0 2027-01-06 "$p" calendar add 2026-12-30 5
expect 0 2027-01-15 "$p" calendar add 2026-12-20 20
expect 0 2026-12-31 "" calendar add 2026-12-30 1
expect 0 2026-12-31 "" calendar add 2027-01-01 -1
expect 0 2026-12-30 "$p" calendar add 2027-01-04 -3
expect 0 6  "$p" calendar between 2026-12-31 2027-01-08
expect 0 -6 "$p" calendar between 2027-01-08 2026-12-31
expect 0 0  "" calendar between 2026-12-31 2026-12-31
expect 0 2029-01-01 "gongkai: provisional: no holiday notice for 2028" calendar add 2028-12-29 1
expect 2 "" "gongkai: calendar: N: 'x' is not a whole number of working days" calendar add 2018-01-02 x
expect 2 "" "gongkai: calendar: N: '1.5' is not a whole number of working days" calendar add 2018-01-02 1.5
expect 2 "" "gongkai: calendar: N: '' is not a whole number of working days" calendar add 2018-01-02 ""
expect 2 "" "gongkai: calendar: N: 99999999999 is too large (the calendar data spans a few thousand working days)" \
  calendar add 2018-01-02 99999999999
expect 2 "" "gongkai: calendar: is-workday expects DATE, got 0 arguments (try --help)" calendar is-workday
expect 2 "" "gongkai: calendar: is-workday expects DATE, got 2 arguments (try --help)" \
  calendar is-workday 2018-01-02 2018-01-03
expect 2 "" "gongkai: calendar: add expects DATE N, got 1 argument (try --help)" calendar add 2018-01-02
expect 2 "" "gongkai: calendar: between expects A B, got 3 arguments (try --help)" \
  calendar between 2018-01-02 2018-01-03 2018-01-04
expect 2 "" "gongkai: calendar: unknown subcommand 'is_workday' (is-workday, add, between, import or years)" \
  calendar is_workday 2018-01-02
expect 2 "" "gongkai: calendar: missing subcommand: is-workday, add, between, import or years (try --help)" calendar

# --help: usage on stdout, Chinese first then English, exit 0.
"$bin" calendar --help >"$tmp/help" 2>"$tmp/err"; rc=$?
check "calendar --help exits 0" [ "$rc" = 0 ]
check "calendar --help writes nothing to stderr" [ ! -s "$tmp/err" ]
check "calendar --help starts in Chinese" grep -q '^用法' <(head -n 1 "$tmp/help")
check "calendar --help has the English usage" grep -q '^usage: gongkai calendar is-workday DATE' "$tmp/help"
check "calendar --help names every subcommand" test "$(grep -c -E 'is-workday|add|between' "$tmp/help")" -ge 6
"$bin" calendar add 2018-01-02 -h >/dev/null 2>&1
check "calendar ... -h anywhere also prints help (exit 0)" [ $? = 0 ]

# Nothing was created where --db pointed.
check "calendar did not touch the database path" [ ! -e "$tmp/no" ]

finish
