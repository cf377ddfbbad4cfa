#!/bin/bash
# gongkai settings: set then get round trips, refusals with exit 2 and a reason, list.
# Usage: GONGKAI_BIN=build/asan/gongkai bash tests/cli/settings.sh
# Ends with "N passed, N failed".
NAME=settings.sh
source "$(dirname "$0")/lib/expect.bash"
db="$tmp/gongkai.db"

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

finish
