#!/bin/bash
# gongkai user add|list|passwd|disable and gongkai audit verify: accounts from the command
# line (contracts §1), the password from stdin only, refusals with exit 2 and a reason, every
# change in the audit log, and the log's chain broken by a row changed, inserted or removed
# with sqlite3 directly.
# Usage: GONGKAI_BIN=build/asan/gongkai bash tests/cli/user.sh
# Ends with "N passed, N failed".
NAME=user.sh
source "$(dirname "$0")/lib/expect.bash"
db="$tmp/gongkai.db"

# stdin_expect INPUT WANT_STATUS WANT_STDOUT WANT_STDERR ARGS...: expect with INPUT on stdin.
stdin_expect() {
  local input=$1; shift
  printf '%s\n' "$input" | expect "$@"
}

# Without a database: the usual refusal, nothing created.
expect 2 "" "gongkai: user: missing subcommand: add, list, passwd or disable (try --help)" user
"$bin" --db "$db" user list >/dev/null 2>&1
check "no database: exit 2" [ $? = 2 ]
check "no database: none created" [ ! -e "$db" ]

"$bin" --db "$db" init >/dev/null 2>&1
printf '%s\n' '{"type":"agency","code":"gn","name":"工农区人民政府"}' '{"type":"agency","code":"gn-fgw","name":"工农区发展和改革局","parent":"gn"}' >"$tmp/agencies.jsonl"
"$bin" --db "$db" import "$tmp/agencies.jsonl" >/dev/null 2>&1
check "agencies imported" [ $? = 0 ]

# Accounts: the platform administrator has no agency; the others need one; several roles.
stdin_expect 'Str0ng-pass' 0 "" "" user add root --role platform_admin
stdin_expect 'Str0ng-pass' 0 "" "" user add zhang --role editor --role reviewer --agency gn-fgw
stdin_expect 'An0ther!pass' 0 "" "" user add li --role auditor --agency gn
expect 0 "li	gn	auditor	active
root	-	platform_admin	active
zhang	gn-fgw	editor,reviewer	active" "" user list

# Refusals, exit 2, nothing created.
stdin_expect 'short1A' 2 "" "gongkai: user: password: 密码太短，至少 8 个字符 (at least 8 characters)" \
  user add wang --role editor --agency gn
stdin_expect 'alllowercase1' 2 "" "gongkai: user: password: 密码须包含小写字母、大写字母、数字、其他符号中的至少三类 (at least 3 of: lower case, upper case, digits, other characters)" \
  user add wang --role editor --agency gn
stdin_expect 'Wang-1234567' 2 "" "gongkai: user: password: 密码不能包含登录名 (must not contain the login name)" \
  user add wang --role editor --agency gn
expect 2 "" "gongkai: user: password: 请从标准输入提供密码（一行） (give the password on stdin, one line of at most 256 bytes)" \
  user add wang --role editor --agency gn </dev/null
stdin_expect 'Str0ng-pass' 2 "" "gongkai: user: login: 登录名 zhang 已存在 (exists)" user add zhang --role editor --agency gn
stdin_expect 'Str0ng-pass' 2 "" "gongkai: user: agency: 没有机关 nowhere (no such agency)" \
  user add wang --role editor --agency nowhere
stdin_expect 'Str0ng-pass' 2 "" "gongkai: user: agency: 除平台管理员外，每个账号都须属于一个机关 (--agency CODE is required for every role but platform_admin)" \
  user add wang --role editor
stdin_expect 'Str0ng-pass' 2 "" "gongkai: user: agency: 平台管理员不属于某个机关 (the platform administrator has no agency)" \
  user add wang --role platform_admin --agency gn
stdin_expect 'Str0ng-pass' 2 "" "gongkai: user: role: 'boss' 不是角色 (not a role: platform_admin, admin, editor, reviewer, handler, auditor)" \
  user add wang --role boss --agency gn
stdin_expect 'Str0ng-pass' 2 "" "gongkai: user: role: 至少需要一个角色 (at least one role: platform_admin, admin, editor, reviewer, handler, auditor)" \
  user add wang --agency gn
stdin_expect 'Str0ng-pass' 2 "" "gongkai: user: login: 登录名只能含字母、数字、“.”“_”“-” (letters, digits, '.', '_', '-' only)" \
  user add 'wang wu' --role editor --agency gn
expect 2 "" "gongkai: user: unknown subcommand 'remove': add, list, passwd or disable (try --help)" user remove zhang
expect 2 "" "gongkai: user: passwd takes one argument, LOGIN (try --help)" user passwd
stdin_expect 'N3w-password' 2 "" "gongkai: user: nobody: 没有这个账号 (no such account)" user passwd nobody
expect 2 "" "gongkai: user: nobody: 没有这个账号 (no such account)" user disable nobody
"$bin" --db "$db" user list >"$tmp/list"
check "refusals created nothing" [ "$(wc -l <"$tmp/list")" = 3 ]

# The password is never on the command line and never stored in clear.
check "no password in the database" bash -c "! grep -a -q 'Str0ng-pass' '$db'"
check "stored as argon2id" bash -c "sqlite3 '$db' \"SELECT pw_hash FROM users WHERE login='zhang'\" | grep -q '^\\\$argon2id\\\$'"

# passwd and disable.
before=$(sqlite3 "$db" "SELECT pw_hash FROM users WHERE login='zhang'")
stdin_expect 'N3w-password' 0 "" "" user passwd zhang
after=$(sqlite3 "$db" "SELECT pw_hash FROM users WHERE login='zhang'")
check "passwd: a new hash" [ "$before" != "$after" ]
stdin_expect 'weakpass' 2 "" "gongkai: user: password: 密码须包含小写字母、大写字母、数字、其他符号中的至少三类 (at least 3 of: lower case, upper case, digits, other characters)" \
  user passwd zhang
expect 0 "" "" user disable zhang
"$bin" --db "$db" user list | grep -q $'^zhang\tgn-fgw\teditor,reviewer\tdisabled$'
check "disable: listed as disabled" [ $? = 0 ]

# The audit log: one row per change, a chain that holds.
expect 0 "审计日志完整 audit log intact: 5 rows" "" audit verify
acts=$(sqlite3 "$db" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log ORDER BY id)")
check "audit: one row per change ($acts)" [ "$acts" = "user.create user.create user.create user.password user.disable" ]
check "audit: no password in the log" bash -c "! sqlite3 '$db' 'SELECT * FROM audit_log' | grep -q -e 'Str0ng' -e 'N3w-pass' -e argon2"
check "audit: the database refuses an UPDATE" bash -c "! sqlite3 '$db' \"UPDATE audit_log SET actor='x' WHERE id=1\" 2>/dev/null"
check "audit: the database refuses a DELETE" bash -c "! sqlite3 '$db' 'DELETE FROM audit_log WHERE id=1' 2>/dev/null"

# Tampering with sqlite3 directly (the triggers dropped first, as an intruder would):
# each copy of the database is changed one way, and verify names the row.
untrigger="DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
tamper() { # NAME SQL: a copy of the database with SQL applied
  cp "$db" "$tmp/$1.db"
  sqlite3 "$tmp/$1.db" "$untrigger $2"
}
verify_copy() { # NAME WANT_STDERR
  "$bin" --db "$tmp/$1.db" audit verify >/dev/null 2>"$tmp/err"
  local rc=$?
  check "audit verify after $1: exit 1 (got $rc)" [ "$rc" = 1 ]
  check "audit verify after $1: $2 (got $(cat "$tmp/err"))" [ "$(cat "$tmp/err")" = "$2" ]
}
tamper changed "UPDATE audit_log SET after_json = replace(after_json, 'editor', 'admin') WHERE id = 2"
verify_copy changed "gongkai: audit: row 2: changed (its hash does not match its content)"
tamper actor "UPDATE audit_log SET actor = 'someone' WHERE id = 4"
verify_copy actor "gongkai: audit: row 4: changed (its hash does not match its content)"
tamper removed "DELETE FROM audit_log WHERE id = 3"
verify_copy removed "gongkai: audit: row 3: removed (the chain skips from the row before it to a later one)"
tamper removed_last "DELETE FROM audit_log WHERE id = 5"
verify_copy removed_last "gongkai: audit: row 5: removed (the log ends before the last row it recorded)"
tamper appended "INSERT INTO audit_log (at, actor, client_addr, action, object, hash) VALUES (0, 'x', '', 'user.create', 'user:x', 'feed')"
verify_copy appended "gongkai: audit: row 6: inserted (not part of the chain)"
# A row put in between: the ids after it moved up by one.
tamper inserted "UPDATE audit_log SET id = id + 100 WHERE id >= 3; UPDATE audit_log SET id = id - 99 WHERE id >= 103;
  INSERT INTO audit_log (id, at, actor, client_addr, action, object, hash) VALUES (3, 0, 'x', '', 'user.create', 'user:x', 'feed')"
verify_copy inserted "gongkai: audit: row 3: inserted (not part of the chain)"
expect 0 "审计日志完整 audit log intact: 5 rows" "" audit verify
expect 2 "" "gongkai: audit: missing subcommand: verify (try --help)" audit

"$bin" --db "$db" user --help >"$tmp/help" 2>&1
check "help: exit 0 and usage" grep -q 'user add LOGIN --role ROLE' "$tmp/help"

finish
