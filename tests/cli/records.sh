#!/bin/bash
# The foundation through the command line: demo → the seed report's figures and sentences;
# init is idempotent; import errors and exit statuses; export → import round trip;
# application show; --help for every command. Ends with "N passed, N failed".
set -u
bin=${GONGKAI_BIN:-./gongkai}
seed=$(dirname "$0")/../data/seed-2018.txt
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

db="$tmp/demo.db"
"$bin" --db "$db" demo >"$tmp/demo.out" 2>"$tmp/demo.err"
check "demo loads (exit 0)" test $? = 0
check "demo says what it loaded" grep -q "item" "$tmp/demo.out"

# --- the seed report, figure by figure (contracts §5)
"$bin" --db "$db" report --year 2018 --output json >"$tmp/2018.json"
check "report json exit 0" test $? = 0
expect_json() { # EXPR WANT
  local got; got=$(json "$tmp/2018.json" "$1")
  if [ "$got" = "$2" ]; then ok; else bad "2018 $1 = $got, want $2"; fi
}
expect_json 'd["format"]' legacy2018
expect_json 'd["scope"]' tree
expect_json 'd["agency"]["name"]' 工农区人民政府
expect_json 'd["proactive"]["total"]' 1816
expect_json 'd["proactive"]["by_channel"]["website"]' 528
expect_json 'd["proactive"]["by_channel"]["wechat"]' 1286
expect_json 'd["proactive"]["by_channel"]["other"]' 2
expect_json 'd["proactive"]["by_channel"]["gazette"]' 0
expect_json 'd["proactive"]["by_channel"]["weibo"]' 0
expect_json 'd["applications"]["received"]' 33
expect_json 'd["applications"]["handled"]' 33
expect_json 'd["applications"]["outcomes"]["disclosed"]' 33
expect_json 'sum(d["applications"]["outcomes"].values())' 33
expect_json 'sum(d["applications"]["by_channel"].values())' 33
expect_json 'd["reading_room"]["visits"]' 33
expect_json 'd["fees"]' "{'notices': 0, 'notice_amount_yuan': '0.00', 'collected_yuan': '0.00'}"
expect_json 'd["reviews"]' "{'reconsideration': 0, 'litigation': 0, 'complaints': 0}"

# --- the text follows the seed's layout and sentences
"$bin" --db "$db" report --year 2018 >"$tmp/2018.txt"
for sentence in \
  "工农区人民政府关于2018年度政府信息公开工作的报告" \
  "本报告中所列数据的统计期限自2018年1月1日起至2018年12月31日止。" \
  "2018年，工农区政府主动公开政府信息1816条。其中，通过网站发布信息528条；通过工农区人民政府微信公众号发布信息1286条；通过其它便于公众知晓的方式公开信息2条。" \
  "政府信息公众查阅点共接待人数约33人次。" \
  "2018年，全区共受理政府信息公开申请33件，已全部给予公开。" \
  "2018年，全区没有对政府信息公开事务的收费事项及减免情况。" \
  "2018年，全区未发生因政府信息公开而提起的行政复议、诉讼和申诉。" \
  "二、主动公开政府信息情况" "三、依申请公开政府信息和不予公开政府信息情况" "四、政府信息公开的收费及减免情况" \
  "五、申请行政复议、提起行政诉讼和申诉的情况" "六、政府信息公开工作存在的主要问题及改进措施" "其他需要报告的事项" \
  "2.政府网站公开政府信息数" "4.政务微信公开政府信息数"; do
  if grep -qF -- "$sentence" "$tmp/2018.txt"; then ok; else bad "2018 text lacks: $sentence"; fi
  # and the sentence really is the seed's (the test cannot drift from its source)
  if grep -qF -- "$sentence" "$seed"; then ok; else bad "not in the seed: $sentence"; fi
done

# the seed numbers its first and last parts "1、" and "7、" (a conversion slip); we write 一 … 七
check "part 七 is numbered" grep -q "^七、其他需要报告的事项" "$tmp/2018.txt"
check "part 一 is numbered" grep -q "^一、基本情况" "$tmp/2018.txt"

# --- every year, every format and output renders; json keys always present
for y in 2018 2019 2020 2021 2022 2023 2024; do
  for f in legacy2018 gov2019 gov2021; do
    for o in text markdown html json; do
      "$bin" --db "$db" report --year $y --format $f --output $o >"$tmp/r.out" 2>"$tmp/r.err" || bad "report $y $f $o: $(cat "$tmp/r.err")"
    done
  done
done
ok
"$bin" --db "$db" report --year 2023 --output json >"$tmp/2023.json"
check "2023 is gov2021 by default" test "$(json "$tmp/2023.json" 'd["format"]')" = gov2021
check "2023 table3 has 25 rows" test "$(json "$tmp/2023.json" 'len(d["table3"]["rows"])')" = 25
check "2023 R-A total column" test "$(json "$tmp/2023.json" 'd["table3"]["rows"]["new"][6]+d["table3"]["rows"]["carried_in"][6]-d["table3"]["rows"]["total"][6]-d["table3"]["rows"]["carried_forward"][6]')" = 0
check "2023 has applications" test "$(json "$tmp/2023.json" 'd["table3"]["rows"]["new"][6] > 0')" = True
"$bin" --db "$db" report --year 2019 --output json >"$tmp/2019.json"
check "2019 is gov2019 with 23 rows" test "$(json "$tmp/2019.json" 'd["format"]+str(len(d["table3"]["rows"]))')" = gov201923
"$bin" --db "$db" report --year 2023 --output html >"$tmp/2023.html"
check "html report passes tidy" tidy -q -e "$tmp/2023.html"
check "year with no records is zeros" test "$(("$bin" --db "$db" report --year 2010 --output json) | python3 -c 'import json,sys; print(json.load(sys.stdin)["proactive"]["total"])')" = 0

# --- exit statuses and one-line errors
"$bin" --db "$db" report --year 2018 --agency nobody >/dev/null 2>"$tmp/err"
check "unknown agency → exit 2" test $? = 2
check "unknown agency message" grep -q "^gongkai: report: unknown agency code 'nobody'" "$tmp/err"
"$bin" --db "$db" report >/dev/null 2>&1; check "report without --year → 2" test $? = 2
"$bin" --db "$db" report --year 2018 --format gov2030 >/dev/null 2>&1; check "bad format → 2" test $? = 2
"$bin" --db "$tmp/none.db" report --year 2018 >/dev/null 2>"$tmp/err"
check "no database → 2" test $? = 2
check "no database says run init" grep -q "gongkai init" "$tmp/err"
"$bin" --db "$db" init >/dev/null; check "init is idempotent" test $? = 0
"$bin" --db "$db" frobnicate >/dev/null 2>&1; check "unknown command → 2" test $? = 2

# --- import: all or nothing, FILE:LINE: field: reason
before=$("$bin" --db "$db" export | wc -l)
printf '%s\n' '{"type":"item","id":"new-1","agency":"gongnong","title":"新文件"}' \
  '{"type":"item","id":"new-2","agency":"gongnong","title":"另一文件","written":"2023-02-30"}' >"$tmp/bad.jsonl"
"$bin" --db "$db" import "$tmp/bad.jsonl" >/dev/null 2>"$tmp/err"
check "bad import → exit 2" test $? = 2
check "error names file, line and field" grep -q "bad.jsonl:2: written: '2023-02-30' is not a date" "$tmp/err"
check "nothing was written" test "$("$bin" --db "$db" export | wc -l)" = "$before"
"$bin" --db "$db" import - <"$tmp/bad.jsonl" >/dev/null 2>"$tmp/err"
check "stdin import names -" grep -q "^-:2: written" "$tmp/err"
"$bin" --db "$db" import --dry-run "$tmp/bad.jsonl" >/dev/null 2>&1; check "dry-run of bad input → 2" test $? = 2
"$bin" --db "$db" import "$tmp/missing.jsonl" >/dev/null 2>&1; check "missing file → 1" test $? = 1

# --- export → import into an empty database reproduces every report
"$bin" --db "$db" export >"$tmp/all.jsonl"
check "export exit 0" test $? = 0
"$bin" --db "$tmp/copy.db" init >/dev/null
"$bin" --db "$tmp/copy.db" import "$tmp/all.jsonl" >/dev/null 2>"$tmp/err"
check "re-import of the export" test $? = 0
same=1
for y in 2018 2019 2021 2024; do
  for sc in tree self; do
    for a in gongnong $(python3 -c "import json
for l in open('$tmp/all.jsonl'):
  r=json.loads(l)
  if r['type']=='agency' and r.get('parent'): print(r['code']); break"); do
      cmp -s <("$bin" --db "$db" report --year $y --agency $a --scope $sc --output json) \
             <("$bin" --db "$tmp/copy.db" report --year $y --agency $a --scope $sc --output json) || { same=0; echo "differs: $y $a $sc"; }
    done
  done
done
check "round trip gives identical reports" test $same = 1
"$bin" --db "$tmp/copy.db" export >"$tmp/all2.jsonl"
check "export of the copy is byte-identical" cmp -s "$tmp/all.jsonl" "$tmp/all2.jsonl"

# --- application show
app=$(python3 -c "import json
for l in open('$tmp/all.jsonl'):
  r=json.loads(l)
  if r['type']=='application' and r.get('events') and r.get('closed'): print(r['id']); break")
"$bin" --db "$db" application show "$app" --output json >"$tmp/app.json"
check "application show exit 0" test $? = 0
check "application json keys" test "$(json "$tmp/app.json" 'all(k in d for k in ["id","status","received","start","due","outcome","closed","events"])')" = True
check "closed application status" test "$(json "$tmp/app.json" 'd["status"]')" = closed
"$bin" --db "$db" application show NO-SUCH >/dev/null 2>&1; check "unknown application → 2" test $? = 2

# --- help for every command
for c in init demo import export report calendar application serve; do
  "$bin" $c --help >"$tmp/help" 2>&1
  if [ $? = 0 ] && grep -q "gongkai" "$tmp/help"; then ok; else bad "$c --help"; fi
done
"$bin" --version | grep -q '^gongkai ' && ok || bad "--version"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
