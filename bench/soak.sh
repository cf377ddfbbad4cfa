#!/bin/bash
# Soak benchmark (issue 7): the portal's page mix under wrk for SOAK_SECONDS (default 600),
# with an import of new records every minute, against the demo database. Reports, minute by
# minute, requests/s, p99, errors (non-2xx/3xx answers, socket errors), the import's result
# and the server's RSS; then the totals and RSS at the start, after the first minute and at
# the end with the ratio end / after-first-minute (it must level off: ~1.0, not growing).
#
# Run by `make bench SOAK=1` (tools/run-bench.sh), or alone:  bench/soak.sh
#   SOAK_SECONDS=600         total time (a minute per slice; below 60 s: one slice that long)
#   SOAK_CONNECTIONS=16      wrk's -c (2 threads)
#   SOAK_BATCH=200           items per import
#   GONGKAI_BIN_REL=PATH     benchmark that binary instead of building build/rel/gongkai
# A benchmark never fails on time: it prints figures and exits 0.
set -u
cd "$(dirname "$0")/.."
root=$PWD
total=${SOAK_SECONDS:-600}
conns=${SOAK_CONNECTIONS:-16}
per=${SOAK_BATCH:-200}
say() { printf '%s\n' "$*"; }
skip() { say "  soak: skipped: $*"; exit 0; }

say "== soak (${total} s of the page mix under wrk -t2 -c$conns, an import of $per items a minute)"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # bench_tools_and_bin, free_port, wait_http
bench_tools_and_bin

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gk-soak.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }

"$bin" --db "$tmp/demo.db" demo >/dev/null || skip "gongkai demo failed"
port=$(free_port)
"$bin" --db "$tmp/demo.db" serve --listen "127.0.0.1:$port" >/dev/null 2>"$tmp/serve.err" &
srv=$!
pids+=("$srv")
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -s -o /dev/null --max-time 1 "$base/robots.txt" && break; sleep 0.1; done
curl -s -o /dev/null --max-time 2 "$base/robots.txt" || skip "gongkai serve did not start: $(tail -3 "$tmp/serve.err")"

# ---- the page mix: pages a visitor reaches, with item pages taken from the columns' lists
items=$(for c in gzdt gkml/wjfg gkml/gsgg bmfw/bszn; do
  for pg in 1 2 3; do curl -s --max-time 10 "$base/column/$c?page=$pg" | grep -o 'href="/item/[^"]*"'; done
done | sed -e 's/^href="//' -e 's/"$//' | sort -u | head -n 200)
n_items=$(echo "$items" | grep -c .)
[ "$n_items" -gt 0 ] || skip "no item links found"
{
  echo 'local paths = {'
  for p in / /zwgk /gkml /zfxxgk /agency /wzdt /feeds/all.atom /api/v1/items /api/v1/columns \
    "/search?q=%E5%85%AC%E5%BC%80" "/search?q=%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A" /static/site.css; do
    echo "  \"$p\","
  done
  for c in gzdt gkml/wjfg gkml/gsgg bmfw/bszn; do
    for pg in 1 2 3 4 5; do echo "  \"/column/$c?page=$pg\","; done
  done
  # item pages weigh most, as on a real site
  for _ in 1 2 3; do echo "$items" | sed -e 's/^/  "/' -e 's/$/",/'; done
  echo '}'
  echo 'math.randomseed(11)'
  echo 'request = function() return wrk.format("GET", paths[math.random(1, #paths)]) end'
} >"$tmp/mix.lua"
n_paths=$(grep -c '^  "' "$tmp/mix.lua")

# BATCH K: $per new items (distinct ids), as staff would import them.
batch() {
  awk -v k="$1" -v n="$per" 'BEGIN { for (i = 1; i <= n; i++)
    printf "{\"type\":\"item\",\"id\":\"soak-%d-%d\",\"agency\":\"gn-mzj\",\"title\":\"持续运行测试第%d批第%d条\",\"column\":\"gzdt\",\"body\":\"第%d批第%d条的正文。\",\"publications\":[{\"channel\":\"website\",\"at\":\"2024-06-%02d\"}]}\n", k, i, k, i, k, i, 1 + i % 28 }'
}

if [ "$total" -ge 60 ]; then slice=60; minutes=$((total / 60)); else slice=$total; minutes=1; fi
for _ in 1 2 3; do curl -s -o /dev/null "$base/"; done
rss0=$(rss_mb "$srv")
say "  $("$bin" --version | head -n 1), demo database, 4 threads; mix of $n_paths paths ($n_items item pages); $(nproc) cores$( [ "$(nice)" != 0 ] && echo ", nice $(nice)")"
say "  RSS at start: $rss0 MB"
printf '  %-6s %9s %9s %8s %8s %-26s %9s\n' minute "rps" "p99 ms" "non2xx" "sockerr" "import" "RSS MB"
all_req=0 all_non=0 all_sock=0 imports_ok=0 imports_bad=0 worst_p99=0 rss1= rss_mid=
for m in $(seq 1 "$minutes"); do
  batch "$m" >"$tmp/batch-$m.jsonl"
  # the import lands in the middle of the minute, while wrk runs
  ( sleep $((slice / 2)); s=$(date +%s%3N)
    if "$bin" --db "$tmp/demo.db" import "$tmp/batch-$m.jsonl" >/dev/null 2>"$tmp/import-$m.err"; then r=ok; else r=failed; fi
    echo "$r $(( $(date +%s%3N) - s ))" >"$tmp/import-$m" ) &
  imp=$!
  out=$(wrk -t2 -c"$conns" -d"${slice}s" --latency -s "$tmp/mix.lua" "$base" 2>&1)
  wait "$imp"
  echo "$out" >>"$tmp/wrk.log"
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {printf "%.0f", $2}')
  req=$(echo "$out" | awk '/requests in/ {print $1}')
  p99=$(echo "$out" | awk '$1 == "99%" {v=$2; u=v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u);
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1;
        printf "%.1f", v * f}')
  non=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')
  sock=$(echo "$out" | awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}')
  read -r ires ims <"$tmp/import-$m"
  if [ "$ires" = ok ]; then imports_ok=$((imports_ok + 1)); else imports_bad=$((imports_bad + 1)); fi
  rss=$(rss_mb "$srv")
  [ -z "$rss1" ] && rss1=$rss
  [ "$m" = $(( (minutes + 1) / 2 )) ] && rss_mid=$rss
  all_req=$((all_req + ${req:-0})); all_non=$((all_non + ${non:-0})); all_sock=$((all_sock + ${sock:-0}))
  worst_p99=$(awk -v a="$worst_p99" -v b="${p99:-0}" 'BEGIN { print (b > a) ? b : a }')
  printf '  %-6s %9s %9s %8s %8s %-26s %9s\n' "$m" "${rps:-?}" "${p99:-?}" "${non:-0}" "${sock:-0}" \
    "$ires $per items, ${ims} ms" "$rss"
  kill -0 "$srv" 2>/dev/null || { say "  the server died: $(tail -3 "$tmp/serve.err")"; break; }
done
rss_end=$(rss_mb "$srv")
say "  requests $all_req; errors: non-2xx/3xx $all_non, socket errors $all_sock; worst minute's p99 $worst_p99 ms"
say "  imports: $imports_ok ok, $imports_bad failed; items now $(sqlite3 "$tmp/demo.db" 'SELECT count(*) FROM items' 2>/dev/null || echo ?)"
say "  RSS: start $rss0 MB, after the first minute $rss1 MB, end $rss_end MB; end / after-first-minute $(ratio "$rss_end" "$rss1")"
say "  RSS over the second half: $rss_mid MB at minute $(( (minutes + 1) / 2 )), $rss_end MB at the end (ratio $(ratio "$rss_end" "$rss_mid"))"
say "  (bounded caches: SQLite's page cache, 8 MB per connection, one per server thread; the page cache, page_cache_mb = 32 MB)"
[ -s "$tmp/serve.err" ] && grep -v "serving" "$tmp/serve.err" | head -n 5 | sed 's/^/  server: /'
exit 0
