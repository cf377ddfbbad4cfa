#!/bin/bash
# Messages (互动交流) through the command line: import of message records and their errors
# (nothing written on an error), export masks personal data unless --personal-data, an
# export imports into an empty database and exports the same again, the demo carries
# messages of every kind. Usage: GONGKAI_BIN=build/asan/gongkai bash tests/cli/messages.sh
# Ends with "N passed, N failed".
NAME=messages.sh
source "$(dirname "$0")/lib/expect.bash"
db="$tmp/m.db"
"$bin" --db "$db" init >/dev/null

cat >"$tmp/m.jsonl" <<'JSONL'
{"type":"agency","code":"root","name":"测试区人民政府"}
{"type":"agency","code":"mz","name":"测试区民政局","parent":"root"}
{"type":"message","id":"LY2025-000001","agency":"mz","kind":"question","state":"published","subject":"低保申请","body":"我的电话13812345678，请问低保怎么申请？","name":"张三","phone":"13812345678","code":"ABCD23EFGH","created":"2025-03-03 09:30:00","reply":"请到街道办理。","reply_by":"民政局","replied":"2025-03-04 10:00:00","public_subject":"低保申请","public_body":"请问低保怎么申请？","public_reply":"请到街道办理。","published":"2025-03-05 10:00:00"}
{"type":"message","id":"LY2025-000002","agency":"mz","kind":"leader","state":"transferred","transferred_from":"root","subject":"噪音","body":"夜间施工","name":"王五","email":"wang@example.com","code":"ABCD23EFGJ","created":"2025-03-04 09:30:00"}
JSONL
expect 0 "imported 4 records: agency 2 message 2" "" import "$tmp/m.jsonl"

# Export: masked by default; the hash of the code, never the code.
"$bin" --db "$db" export >"$tmp/masked.jsonl"
check "export exit 0" test $? = 0
check "two message records" test "$(grep -c '"type":"message"' "$tmp/masked.jsonl")" = 2
check "the phone is masked" grep -q '"phone":"138\*\*\*\*5678"' "$tmp/masked.jsonl"
check "the phone in the body is masked" grep -q '我的电话138\*\*\*\*5678' "$tmp/masked.jsonl"
check "the name is masked" grep -q '"name":"张某"' "$tmp/masked.jsonl"
check "the e-mail is masked" grep -q '"email":"w\*\*\*@example.com"' "$tmp/masked.jsonl"
check "no phone number anywhere" test "$(grep -c 13812345678 "$tmp/masked.jsonl")" = 0
check "no plain code" test "$(grep -c ABCD23EFGH "$tmp/masked.jsonl")" = 0
check "the code's hash" grep -q '"code_hash":"[0-9a-f]\{64\}"' "$tmp/masked.jsonl"
check "a due date from the kind's time limit" grep -q '"due":"2025-03-10"' "$tmp/masked.jsonl"

# The operator's full copy: round trip into an empty database, byte for byte.
"$bin" --db "$db" export --personal-data >"$tmp/full.jsonl"
check "the full export keeps the phone" grep -q '"phone":"13812345678"' "$tmp/full.jsonl"
db2="$tmp/m2.db"
"$bin" --db "$db2" init >/dev/null
expect 0 "imported 4 records: agency 2 message 2" "" --db "$db2" import "$tmp/full.jsonl"
"$bin" --db "$db2" export --personal-data >"$tmp/full2.jsonl"
check "export → import → export is the same" cmp -s "$tmp/full.jsonl" "$tmp/full2.jsonl"
# Importing the same again updates, not duplicates.
expect 0 "imported 4 records: agency 2 message 2" "" import "$tmp/full.jsonl"
check "still two messages" test "$("$bin" --db "$db" export | grep -c '"type":"message"')" = 2

# Errors: the field named, nothing written.
cat >"$tmp/bad.jsonl" <<'JSONL'
{"type":"message","id":"LY2025-000003","agency":"mz","kind":"question","state":"published","subject":"s","body":"b","name":"n","code":"ABCD23EFGK","created":"2025-03-03 09:30:00","reply":"r","replied":"2025-03-04 10:00:00","public_subject":"s","public_body":"请致电13812345678","public_reply":"r","published":"2025-03-05 10:00:00"}
{"type":"message","id":"LY25-3","agency":"nobody","kind":"question","state":"received","subject":"s","body":"b","name":"n","code":"ABCD23EFGK","created":"2025-03-03"}
{"type":"message","id":"LY2025-000004","agency":"nobody","kind":"question","state":"received","subject":"s","body":"b","name":"n","code":"ABCD23EFGK","created":"2025-03-03 09:30:00"}
JSONL
"$bin" --db "$db" import "$tmp/bad.jsonl" >"$tmp/out" 2>"$tmp/err"
check "a bad file exits 2" test $? = 2
check "public_body with a phone" grep -q "bad.jsonl:1: public_body: holds a mobile number" "$tmp/err"
check "a number that is not one" grep -q "bad.jsonl:2: id: 'LY25-3' is not a message number" "$tmp/err"
check "a created without its time" grep -q "bad.jsonl:2: created: '2025-03-03' is not a time" "$tmp/err"
check "an unknown agency" grep -q "bad.jsonl:3: agency: unknown agency 'nobody'" "$tmp/err"
check "nothing written" test "$("$bin" --db "$db" export | grep -c '"type":"message"')" = 2

# The demo: messages of every kind, none of them with a phone number in the masked export.
db3="$tmp/demo.db"
"$bin" --db "$db3" demo >"$tmp/demo.out" 2>&1
check "the demo loads messages" grep -q "message 40" "$tmp/demo.out"
"$bin" --db "$db3" export >"$tmp/demo.jsonl"
for kind in suggestion leader question complaint; do
  check "demo has $kind messages" grep -q "\"kind\":\"$kind\"" "$tmp/demo.jsonl"
done
check "the demo's export has no phone number" test "$(grep '"type":"message"' "$tmp/demo.jsonl" | sed 's/"code_hash":"[0-9a-f]*"//' | grep -cE '1[3-9][0-9]{9}')" = 0
finish
