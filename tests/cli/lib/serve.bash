# Shared by the command-line tests that start `gongkai serve` (sourced, not run):
#   source "$(dirname "$0")/lib/serve.bash"
# ok / bad MESSAGE / check DESCRIPTION COMMAND... count assertions in passed and failed (the
# script prints "$passed passed, $failed failed" at its end); free_port and wait_served find
# a loopback port and wait for a server started on it. Sets nothing else, so a script keeps
# its own tmp folder and clean-up.
passed=0 failed=0
ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

# A loopback port nothing listens on (0 when 50 tries found none), below the kernel's range
# for outgoing connections: a port taken by one of those is not seen by a connect test, and
# the server's bind would then fail.
free_port() {
  local p low=32768
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  [ "$low" -gt 12000 ] || low=32768
  for _ in $(seq 1 50); do
    p=$((10000 + RANDOM % (low - 10000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo 0
}

# wait_served PORT PID [PATH]: true once http://127.0.0.1:PORT/PATH answers (robots.txt by
# default), within 15 s; false at once when process PID has ended.
wait_served() {
  local port=$1 pid=$2 path=${3:-robots.txt}
  for _ in $(seq 1 150); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/$path" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
