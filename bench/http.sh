#!/bin/bash
# HTTP benchmark of the portal (run by `make bench` through tools/run-bench.sh).
#
# Goals (from the issue): item and column pages under wrk on loopback reach at least half
# the requests per second of nginx serving the same pages as static files, with a p99
# latency no more than 3x nginx's; the server's RSS stays under 100 MB while serving the
# 1M-item database under load.
#
# What it does: installs wrk and nginx if missing (apt-get, as root); builds the release
# binary; loads the demo database; saves the HTML of an item page and of a column page with
# curl; runs nginx (its own config in a temporary folder, a loopback port, no daemon)
# serving those copies; runs `wrk -t2 -c32 -d10s --latency` against gongkai's pages and
# nginx's copies; prints requests/s and p99 of both, the ratios and gongkai's peak RSS
# (VmHWM). With BENCH_BIG=1 it also generates a 1,000,000-item database (awk), imports it,
# and measures RSS (and rps/p99) under load on random item pages and column pages.
#
# A benchmark never fails on time: it prints figures and exits 0.
#   BENCH_HTTP_DURATION=10s   wrk's -d
#   BENCH_HTTP_CONNECTIONS=32 wrk's -c
#   BENCH_BIG=1               the 1M-item run too (BENCH_BIG_ITEMS=1000000 to change the size)
#   BENCH_KEEP=1              keep the temporary folder (its path is printed)
#   GONGKAI_BIN_REL=PATH      benchmark that binary instead of building build/rel/gongkai
set -u
cd "$(dirname "$0")/.."
root=$PWD
dur=${BENCH_HTTP_DURATION:-10s}
conns=${BENCH_HTTP_CONNECTIONS:-32}
big_items=${BENCH_BIG_ITEMS:-1000000}

say() { printf '%s\n' "$*"; }
skip() { say "  http: skipped: $*"; exit 0; }

say "== http (wrk -t2 -c$conns -d$dur --latency, loopback)"

# ---- tools
need=""
command -v wrk >/dev/null 2>&1 || need="$need wrk"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx"
command -v curl >/dev/null 2>&1 || need="$need curl"
if [ -n "$need" ]; then
  [ "$(id -u)" = 0 ] || skip "needs$need (run as root, or install them)"
  say "  installing$need"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $need; } >/dev/null 2>&1 ||
    skip "apt-get install$need failed"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ -n "${GONGKAI_BIN_REL:-}" ]; then
  bin=$GONGKAI_BIN_REL   # a binary built elsewhere
else
  make -s BUILD=build/rel build/rel/gongkai >/dev/null || skip "the release build failed"
  bin=$root/build/rel/gongkai
fi
"$bin" serve --help >/dev/null 2>&1 || skip "$bin has no serve command"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gk-http-bench.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  sleep 0.3
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  if [ "${BENCH_KEEP:-0}" = 1 ]; then say "  (kept $tmp)"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 0' INT TERM

. "$root/bench/lib.sh"   # free_port, wait_http

start_gongkai() { # DB -> sets gk_pid, gk_base
  local port; port=$(free_port)
  "$bin" --db "$1" serve --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  gk_pid=$!
  pids+=("$gk_pid")
  gk_base="http://127.0.0.1:$port"
  wait_http "$gk_base/robots.txt" || { tail -5 "$tmp/serve.log"; return 1; }
}

stop_pid() {
  kill "$1" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null
}

# The first href on a page that starts with PREFIX.
first_link() { # URL PREFIX
  curl -s --max-time 10 "$1" | grep -o "href=\"$2[^\"]*\"" | head -n 1 | sed -e 's/^href="//' -e 's/"$//' -e 's/&amp;/\&/g'
}

# wrk's figures: "RPS P99_MS NON2XX" (p99 converted to milliseconds).
run_wrk() { # URL [LUA]
  local out
  if [ -n "${2:-}" ]; then
    out=$(wrk -t2 -c"$conns" -d"$dur" --latency -s "$2" "$1" 2>&1)
  else
    out=$(wrk -t2 -c"$conns" -d"$dur" --latency "$1" 2>&1)
  fi
  echo "$out" >>"$tmp/wrk.log"
  local rps p99 non
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {v=$2; u=v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u);
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1;
        printf "%.3f", v * f}')
  non=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')
  echo "${rps:-0} ${p99:-0} ${non:-0}"
}

# Peak RSS: VmHWM of PID in MB.
hwm_mb() { awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# Samples VmRSS of PID every 0.2 s into FILE until told to stop (the sampler's pid in $sampler).
sample_rss() { # PID FILE
  ( while kill -0 "$1" 2>/dev/null; do awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null; sleep 0.2; done ) >"$2" &
  sampler=$!
  pids+=("$sampler")
}
max_kb_mb() { sort -n "$1" | tail -n 1 | awk '{printf "%.1f", $1 / 1024}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }

# ------------------------------------------------------------------ demo database
"$bin" --db "$tmp/demo.db" demo >/dev/null || skip "gongkai demo failed"
start_gongkai "$tmp/demo.db" || skip "gongkai serve did not start"
column=/column/gkml/wjfg
item=$(first_link "$gk_base$column" /item/)
[ -n "$item" ] || skip "no item link on $column"

mkdir -p "$tmp/nginx/www" "$tmp/nginx/tmp"
curl -s --max-time 10 -o "$tmp/nginx/www/item.html" "$gk_base$item"
curl -s --max-time 10 -o "$tmp/nginx/www/column.html" "$gk_base$column"

nport=$(free_port)
user_line=""
[ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
sed -e "s|@PREFIX@|$tmp/nginx|g" -e "s|@PORT@|$nport|g" -e "s|@USER_LINE@|$user_line|" \
  bench/nginx.conf.tmpl >"$tmp/nginx/nginx.conf"
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" >"$tmp/nginx/stdout.log" 2>&1 &
ng_pid=$!
pids+=("$ng_pid")
ng_base="http://127.0.0.1:$nport"
wait_http "$ng_base/item.html" || { cat "$tmp/nginx/error.log" 2>/dev/null | tail -5; skip "nginx did not start"; }

say "  pages: item $item ($(stat -c %s "$tmp/nginx/www/item.html") bytes), column $column ($(stat -c %s "$tmp/nginx/www/column.html") bytes)"
say "  gongkai $("$bin" --version 2>/dev/null | head -n 1) (4 threads, demo database); $("$NGINX" -v 2>&1 | sed 's/.*: //') (worker_processes auto)"
# Warm both up (SQLite page cache, nginx open files).
for _ in 1 2 3; do curl -s -o /dev/null "$gk_base$item"; curl -s -o /dev/null "$gk_base$column"; done

sample_rss "$gk_pid" "$tmp/rss-demo"
printf '  %-7s %13s %10s %13s %10s %10s %10s\n' page "gongkai rps" "p99 ms" "nginx rps" "p99 ms" "rps ratio" "p99 ratio"
verdict=""
for page in item column; do
  if [ "$page" = item ]; then path=$item; else path=$column; fi
  read -r g_rps g_p99 g_non <<<"$(run_wrk "$gk_base$path")"
  read -r n_rps n_p99 n_non <<<"$(run_wrk "$ng_base/$page.html")"
  rr=$(ratio "$g_rps" "$n_rps")
  pr=$(ratio "$g_p99" "$n_p99")
  printf '  %-7s %13s %10s %13s %10s %10s %10s\n' "$page" "$g_rps" "$g_p99" "$n_rps" "$n_p99" "$rr" "$pr"
  [ "$g_non" != 0 ] && say "    (gongkai answered $g_non non-2xx/3xx responses)"
  ok=$(awk -v r="$rr" -v p="$pr" 'BEGIN { print (r != "n/a" && p != "n/a" && r >= 0.5 && p <= 3) ? "meets" : "misses" }')
  verdict="$verdict $page:$ok"
done
kill "$sampler" 2>/dev/null
say "  gongkai RSS under load: peak sampled $(max_kb_mb "$tmp/rss-demo") MB, VmHWM $(hwm_mb "$gk_pid") MB (goal < 100 MB)"
say "  goal (rps ratio >= 0.50 and p99 ratio <= 3.00):$verdict"
stop_pid "$gk_pid"

# ------------------------------------------------------------------ 1M items (BENCH_BIG=1)
if [ "${BENCH_BIG:-0}" != 1 ]; then
  say "  (BENCH_BIG=1 adds the $big_items-item database: RSS under load)"
  exit 0
fi
say "== http, $big_items-item database (BENCH_BIG=1)"
t0=$(date +%s.%N)
# The same shape as bench/bench_records.c: 9 agencies, items with titles from a small
# vocabulary, one publication each in 2023, spread over the columns.
awk -v n="$big_items" 'BEGIN {
  srand(42)
  split("关于 印发 工农区 政府信息公开 实施方案 通知 社会保障 办事指南 年度 工作报告 重大项目 招商引资 公告 意见", w, " ")
  split("gzdt gkml/wjfg gkml/gsgg bmfw/bszn qyzc/zsyz gkml/zdxm", col, " ")
  split("website wechat weibo gazette other", ch, " ")
  print "{\"type\":\"agency\",\"code\":\"root\",\"name\":\"基准区人民政府\",\"kind\":\"government\"}"
  for (i = 1; i <= 8; i++)
    printf "{\"type\":\"agency\",\"code\":\"d%d\",\"name\":\"部门%d\",\"parent\":\"root\",\"kind\":\"department\"}\n", i, i
  for (i = 0; i < n; i++) {
    a = int(rand() * 9); ag = (a == 0) ? "root" : "d" a
    m = 1 + int(rand() * 12); d = 1 + int(rand() * 28)
    printf "{\"type\":\"item\",\"id\":\"b%d\",\"agency\":\"%s\",\"title\":\"%s%s%s%s\",\"column\":\"%s\",\"topic\":\"综合政务\",\"body\":\"%s%s%s。\",\"publications\":[{\"channel\":\"%s\",\"at\":\"2023-%02d-%02d\"}]}\n",
      i, ag, w[1 + int(rand() * 14)], w[1 + int(rand() * 14)], w[1 + int(rand() * 14)], w[1 + int(rand() * 14)],
      col[1 + int(rand() * 6)], w[1 + int(rand() * 14)], w[1 + int(rand() * 14)], w[1 + int(rand() * 14)],
      ch[1 + int(rand() * 5)], m, d
  }
}' >"$tmp/big.jsonl"
"$bin" --db "$tmp/big.db" init >/dev/null || skip "init of the big database failed"
t1=$(date +%s.%N)
"$bin" --db "$tmp/big.db" import "$tmp/big.jsonl" >/dev/null 2>"$tmp/import.err" ||
  { tail -3 "$tmp/import.err"; skip "import of the big database failed"; }
t2=$(date +%s.%N)
rm -f "$tmp/big.jsonl"
say "  generated $big_items items in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", b - a}') s," \
  "imported in $(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.0f", b - a}') s; database $(du -m "$tmp/big.db" | cut -f1) MB"
start_gongkai "$tmp/big.db" || skip "gongkai serve did not start on the big database"
say "  gongkai RSS at start: $(rss_mb "$gk_pid") MB"
# Random item pages, and random pages of the columns' lists.
cat >"$tmp/items.lua" <<EOF
math.randomseed(7)
request = function() return wrk.format("GET", "/item/b" .. math.random(0, $big_items - 1)) end
EOF
cat >"$tmp/columns.lua" <<EOF
math.randomseed(8)
local cols = {"gzdt", "gkml/wjfg", "gkml/gsgg", "bmfw/bszn", "qyzc/zsyz", "gkml/zdxm"}
request = function()
  return wrk.format("GET", "/column/" .. cols[math.random(1, #cols)] .. "?page=" .. math.random(1, 50))
end
EOF
curl -s -o /dev/null "$gk_base/item/b1"
sample_rss "$gk_pid" "$tmp/rss-big"
printf '  %-22s %13s %10s\n' "pages" "gongkai rps" "p99 ms"
read -r b_rps b_p99 b_non <<<"$(run_wrk "$gk_base/" "$tmp/items.lua")"
printf '  %-22s %13s %10s\n' "random items" "$b_rps" "$b_p99"
[ "$b_non" != 0 ] && say "    (non-2xx/3xx: $b_non)"
read -r b_rps b_p99 b_non <<<"$(run_wrk "$gk_base/" "$tmp/columns.lua")"
printf '  %-22s %13s %10s\n' "column pages 1-50" "$b_rps" "$b_p99"
[ "$b_non" != 0 ] && say "    (non-2xx/3xx: $b_non)"
read -r b_rps b_p99 b_non <<<"$(run_wrk "$gk_base/column/gzdt")"
printf '  %-22s %13s %10s\n' "column gzdt page 1" "$b_rps" "$b_p99"
kill "$sampler" 2>/dev/null
say "  gongkai RSS under load ($big_items items): peak sampled $(max_kb_mb "$tmp/rss-big") MB, VmHWM $(hwm_mb "$gk_pid") MB (goal < 100 MB)"
stop_pid "$gk_pid"
exit 0
