#!/bin/bash
# Page-type benchmark of the portal (run by `make bench` through tools/run-bench.sh).
#
# Goal (issue 6, item 7): every public page type, uncached, p99 under 50 ms with one client
# on a 1,000,000-item database; year report pages under 1 s uncached.
#
# What it does: builds (once; kept on disk) a database of ITEMS items over 2019–2024 and
# ITEMS/10 applications with `bench_records --generate` and `gongkai import`; serves it
# first with the page cache off (setting page_cache_mb = 0), then with it on (one server at
# a time: a running server picks up a changed setting within seconds, see web/reload.h);
# for every page type a visitor can reach, checks that each of its URLs answers its status
# (200; 404 for the 404 type), runs `wrk -t1 -c1 --latency` (one client) over those URLs
# against both, and prints p50/p99 uncached, p50/p99 from the cache, and the ratio of the
# uncached p99 to the cached p99 (the cache is the baseline: the same page, the same
# machine, the same run).
#
# A benchmark never fails on time: it prints figures and exits 0.
#   BENCH_BIG=1                 1,000,000 items (else BENCH_PAGES_ITEMS, default 20,000)
#   BENCH_PAGES_ITEMS=N         the size of the default run
#   BENCH_PAGES_DURATION=2s     wrk's -d per page type and server
#   BENCH_PAGES_DIR=build/bench where the databases are kept (pages-<N>.db)
#   BENCH_PAGES_ONLY=REGEX      only the page types whose name matches
#   GONGKAI_BIN_REL=PATH        benchmark that binary instead of building build/rel/gongkai
set -u
cd "$(dirname "$0")/.."
root=$PWD
if [ "${BENCH_BIG:-0}" = 1 ]; then items=1000000; else items=${BENCH_PAGES_ITEMS:-20000}; fi
apps=$((items / 10))
dur=${BENCH_PAGES_DURATION:-2s}
dir=${BENCH_PAGES_DIR:-$root/build/bench}
only=${BENCH_PAGES_ONLY:-.}

say() { printf '%s\n' "$*"; }
skip() { say "  pages: skipped: $*"; exit 0; }

say "== pages (wrk -t1 -c1 -d$dur --latency, loopback; $items items, $apps applications)"
. "$root/bench/lib.sh"   # bench_tools_and_bin, free_port, wait_http
bench_tools_and_bin
gen=$root/build/rel/bench/bench_records
make -s BUILD=build/rel build/rel/bench/bench_records >/dev/null || skip "no bench_records"

# ---- the database, built once and kept (the import of 1M items takes minutes)
mkdir -p "$dir"
db=$dir/pages-$items.db
if [ ! -s "$db" ] || [ ! -e "$db.done" ]; then
  rm -f "$db" "$db-wal" "$db-shm" "$db.done"
  t0=$(date +%s)
  "$gen" --generate "$dir/pages-$items.jsonl" "$items" "$apps" || skip "generating the dataset failed"
  "$bin" --db "$db" init >/dev/null || skip "init failed"
  "$bin" --db "$db" import "$dir/pages-$items.jsonl" >/dev/null 2>"$dir/import.err" ||
    { tail -3 "$dir/import.err"; skip "import failed"; }
  rm -f "$dir/pages-$items.jsonl"
  touch "$db.done"
  say "  built $db in $(($(date +%s) - t0)) s"
fi
"$bin" --db "$db" init >/dev/null || skip "migrating $db failed"   # a newer schema, if any
say "  database $db ($(du -m "$db" | cut -f1) MB)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gk-pages-bench.XXXXXX")
pid=""
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=""; }
cleanup() {
  stop
  "$bin" --db "$db" settings unset page_cache_mb >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

# A server with the page cache of MB megabytes (0: off). Not in a subshell: the server's
# pid must reach $pid. One server at a time: both would follow the one stored setting.
start() { # MB NAME -> sets base
  "$bin" --db "$db" settings set page_cache_mb "$1" >/dev/null || return 1
  local port; port=$(free_port)
  "$bin" --db "$db" serve --listen "127.0.0.1:$port" >"$tmp/$2.log" 2>&1 &
  pid=$!
  base="http://127.0.0.1:$port"
  wait_http "$base/robots.txt" 30 || { tail -3 "$tmp/$2.log" >&2; return 1; }
}

# ---- the page types: NAME and the URLs wrk cycles through (one client)
n=$items
last=$(( (n - 1) ))
deep() { local p=$(( $1 * n / 1000000 )); echo $(( p > 2 ? p : 2 )); } # page N of 1M items, scaled
pages=(
  "home|/"
  "zwgk|/zwgk"
  "column|/column/gzdt /column/gkml/wjfg /column/bmfw/bszn"
  "column-parent|/column/gkml /column/qyzc"
  "column-deep|/column/gzdt?page=$(deep 200) /column/gkml/wjfg?page=$(deep 100)"
  "item|/item/b1 /item/b$((n / 3)) /item/b$((n / 2)) /item/b$last"
  "agencies|/agency"
  "agency|/agency/root /agency/d3 /agency/d7"
  "gkml|/gkml"
  "gkml-agency|/gkml?agency=d3 /gkml?agency=root"
  "gkml-year|/gkml?year=2023 /gkml?year=2020"
  "gkml-agency-year|/gkml?agency=d3&year=2023 /gkml?agency=d5&year=2021"
  "gkml-topic|/gkml?topic=综合政务 /gkml?genre=通知"
  "gkml-combo|/gkml?agency=d3&year=2022&topic=综合政务&genre=通知 /gkml?statutory=any&validity=valid"
  "gkml-deep|/gkml?page=$(deep 300) /gkml?agency=d3&year=2023&page=$(deep 50)"
  "zfxxgk|/zfxxgk"
  "zfxxgk/zn|/zfxxgk/zn /zfxxgk/zn?agency=d3"
  "zfxxgk/zd|/zfxxgk/zd"
  "zfxxgk/fdzdgknr|/zfxxgk/fdzdgknr /zfxxgk/fdzdgknr?page=20"
  "zfxxgk/nb|/zfxxgk/nb"
  "zfxxgk/nb/year|/zfxxgk/nb/2023 /zfxxgk/nb/2021?agency=d3 /zfxxgk/nb/2020?scope=self"
  "search-1|/search?q=区 /search?q=年"
  "search-2|/search?q=公告 /search?q=社会"
  "search-4|/search?q=招商引资 /search?q=实施方案"
  "search-multi|/search?q=招商引资+公告 /search?q=社会保障+通知+年度"
  "feed-all|/feeds/all.atom"
  "feed-column|/feeds/column/gzdt.atom /feeds/column/gkml/wjfg.atom"
  "sitemap|/sitemap.xml /sitemaps/pages.xml /sitemaps/items-1.xml /sitemaps/items-$(( (n + 9999) / 10000 )).xml"
  "api-list|/api/v1/items /api/v1/items?agency=d3&year=2023 /api/v1/items?page=50"
  "api-detail|/api/v1/items/b1 /api/v1/items/b$((n / 2))"
  "api-report|/api/v1/reports/2023 /api/v1/reports/2021?agency=d3"
  "api-search|/api/v1/search?q=招商引资"
  "404|/item/nosuchitem /nosuchpage"
)

# URLs are written readably above; wrk and curl get their bytes percent-encoded.
enc() {
  local LC_ALL=C s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [a-zA-Z0-9/?=\&._+-]) out+=$c ;;
      *) printf -v c '%%%02X' "'$c"; out+=${c: -3} ;;
    esac
  done
  echo "$out"
}

# wrk's 50% and 99% latencies in ms: "P50 P99 REQUESTS"
run_wrk() { # BASE LUA
  local out
  out=$(wrk -t1 -c1 -d"$dur" --timeout 60s --latency -s "$2" "$1" 2>&1)
  echo "$out" >>"$tmp/wrk.log"
  echo "$out" | awk '
    function ms(v,  u) { u = v; sub(/^[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      return (u == "us") ? v / 1000 : (u == "ms") ? v : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    / requests in / { n = $1 }
    END { printf "%.2f %.2f %d\n", p50, p99, n }'
}

declare -A u50 u99 un dur_of c50 c99
names=()
bad=""
first=""
lua_of() { echo "$tmp/$(echo "$1" | tr '/' '_').lua"; }
for entry in "${pages[@]}"; do
  name=${entry%%|*}
  echo "$name" | grep -Eq -- "$only" || continue
  names+=("$name")
  urls=""
  for u in ${entry#*|}; do urls="$urls $(enc "$u")"; done
  urls=${urls# }
  {
    echo "local paths = {"
    for u in $urls; do printf '  "%s",\n' "$u"; done
    echo "}"
    echo "local i = 0"
    echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
  } >"$(lua_of "$name")"
  echo "$urls" >"$(lua_of "$name").urls"
done

# ---- uncached: every URL's status, then wrk
start 0 uncached || skip "the uncached server did not start"
for name in "${names[@]}"; do
  urls=$(cat "$(lua_of "$name").urls")
  want=200; [ "$name" = 404 ] && want=404
  for u in $urls; do
    read -r code secs <<<"$(curl -s -o /dev/null --max-time 60 -w '%{http_code} %{time_total}' "$base$u")"
    [ "$code" = "$want" ] || bad="$bad $u($code)"
    # A report's first request computes its figures; later ones find them in the figures
    # cache (report/figures_cache.c) until a write touches their agencies and year.
    case $name in zfxxgk/nb/year | api-report) first="$first $(awk -v t="$secs" 'BEGIN { printf "%.0f", t * 1000 }')" ;; esac
  done
  # A page that takes seconds gets a longer run, so that wrk sees a few of them.
  t1=$(curl -s -o /dev/null --max-time 60 -w '%{time_total}' "$base${urls%% *}")
  dur_of[$name]=$(awk -v t="$t1" -v d="${dur%s}" 'BEGIN { x = int(t * 4 * '"$(echo "$urls" | wc -w)"') + 1; print (x > d ? x : d) "s" }')
  read -r "u50[$name]" "u99[$name]" "un[$name]" <<<"$(dur=${dur_of[$name]} run_wrk "$base" "$(lua_of "$name")")"
done
stop

# ---- from the cache: filled first, then wrk
start 32 cached || skip "the cached server did not start"
for name in "${names[@]}"; do
  for u in $(cat "$(lua_of "$name").urls"); do curl -s -o /dev/null --max-time 60 "$base$u"; done
  read -r "c50[$name]" "c99[$name]" _ <<<"$(run_wrk "$base" "$(lua_of "$name")")"
done
stop
"$bin" --db "$db" settings unset page_cache_mb >/dev/null

printf '  %-18s %10s %10s %10s %10s %8s %7s\n' "page type" "p50 ms" "p99 ms" "cached p50" "cached p99" "p99 x" "reqs"
worst=""
for name in "${names[@]}"; do
  ratio=$(awk -v a="${u99[$name]}" -v b="${c99[$name]}" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.1f", a / b }')
  printf '  %-18s %10s %10s %10s %10s %8s %7s\n' "$name" "${u50[$name]}" "${u99[$name]}" "${c50[$name]}" \
    "${c99[$name]}" "$ratio" "${un[$name]}"
  case $name in zfxxgk/nb/year | api-report) goal=1000 ;; *) goal=50 ;; esac
  awk -v a="${u99[$name]}" -v g="$goal" 'BEGIN { exit !(a >= g) }' && worst="$worst $name(${u99[$name]}ms)"
done
[ -n "$first" ] && say "  year reports, first request of each URL (figures computed), ms:$first"
if [ -n "$bad" ]; then
  say "  answered another status than expected:$bad"
else
  say "  every URL answered its expected status (200; 404 for the 404 type)"
fi
if [ -n "$worst" ]; then
  say "  goal (uncached p99 < 50 ms; year reports < 1 s) missed by:$worst"
else
  say "  goal (uncached p99 < 50 ms; year reports < 1 s): met by every page type"
fi
exit 0
