#!/bin/bash
# gongkai settings: set then get round trips, refusals with exit 2 and a reason, list.
# Usage: GONGKAI_BIN=build/asan/gongkai bash tests/cli/settings.sh
# Ends with "N passed, N failed".
set -u
bin=${GONGKAI_BIN:-./gongkai}
if [ ! -x "$bin" ]; then
  echo "settings.sh: skipped: no gongkai binary at $bin (build it with 'make' or set GONGKAI_BIN)"
  echo "0 passed, 0 failed"
  exit 0
fi
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/gongkai.db"

# expect WANT_STATUS WANT_STDOUT WANT_STDERR ARGS... — runs `gongkai --db X ARGS`,
# compares the exit status and the exact stdout and stderr.
expect() {
  local want_rc=$1 want_out=$2 want_err=$3; shift 3
  "$bin" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$? out err
  out=$(cat "$tmp/out"); err=$(cat "$tmp/err")
  if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ] && [ "$err" = "$want_err" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: gongkai $*"
    echo "  exit $rc (want $want_rc)"
    [ "$out" = "$want_out" ] || echo "  stdout: [$out]"$'\n'"  want:   [$want_out]"
    [ "$err" = "$want_err" ] || echo "  stderr: [$err]"$'\n'"  want:   [$want_err]"
  fi
}

check() {
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}

# Without a database: the usual refusal, nothing created.
expect 2 "" "gongkai: settings: missing subcommand: list, get, set or unset (try --help)" settings
"$bin" --db "$db" settings get site_name >/dev/null 2>&1
check "no database: exit 2" [ $? = 2 ]
check "no database: none created" [ ! -e "$db" ]

"$bin" --db "$db" init >/dev/null 2>&1

# Defaults, then round trips.
expect 0 "32" "" settings get per_ip_limit
expect 0 "" "" settings set per_ip_limit 100
expect 0 "100" "" settings get per_ip_limit
expect 0 "" "" settings set site_name "工农区人民政府门户网站"
expect 0 "工农区人民政府门户网站" "" settings get site_name
expect 0 "" "" settings set trusted_proxies "127.0.0.1,::1"
expect 0 "127.0.0.1,::1" "" settings get trusted_proxies
expect 0 "" "gongkai: settings: threads: 重启 gongkai serve 后生效 (takes effect at the next start)" \
  settings set threads 8
expect 0 "8" "" settings get threads
expect 0 "" "" settings unset per_ip_limit
expect 0 "32" "" settings get per_ip_limit
# A site setting from the schema's seed rows.
expect 0 "www.gongnong.gov.cn" "" settings get site_domain

# Refusals: exit 2, the value unchanged.
expect 2 "" "gongkai: settings: per_ip_limit: 'lots' is not a whole number from 0 to 65535" \
  settings set per_ip_limit lots
expect 2 "" "gongkai: settings: dzjg_url: 'javascript:alert(1)' is not an http:// or https:// address" \
  settings set dzjg_url 'javascript:alert(1)'
expect 0 "https://bszs.conac.cn/sitename?method=show&id=0000000000000000" "" settings get dzjg_url
expect 2 "" "gongkai: settings: no_such: no such setting (gongkai settings list shows them all)" \
  settings set no_such 1
expect 2 "" "gongkai: settings: no_such: no such setting (gongkai settings list shows them all)" \
  settings get no_such
expect 2 "" "gongkai: settings: set takes two arguments, KEY VALUE (try --help)" settings set site_name
expect 2 "" "gongkai: settings: unknown subcommand 'del': list, get, set or unset (try --help)" settings del x

# list: one line per key, the stored value marked "set".
"$bin" --db "$db" settings list >"$tmp/list" 2>&1
check "list: exit 0" [ $? = 0 ]
check "list: site_name set" grep -q $'^site_name\t工农区人民政府门户网站\tset\treload\t' "$tmp/list"
check "list: per_ip_limit default" grep -q $'^per_ip_limit\t32\tdefault\treload\t' "$tmp/list"
check "list: threads needs a restart" grep -q $'^threads\t8\tset\trestart\t' "$tmp/list"
"$bin" --db "$db" settings list --output json >"$tmp/list.json" 2>&1
check "list json: parses" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(r["key"]=="site_name" and r["source"]=="set" for r in d)' "$tmp/list.json"
"$bin" --db "$db" settings --help >"$tmp/help" 2>&1
check "help: exit 0 and usage" grep -q 'settings set KEY VALUE' "$tmp/help"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
