# Shared by the command-line tests (sourced, not run: the runner only runs tests/cli/*.sh).
#   NAME=calendar.sh; source "$(dirname "$0")/lib/expect.bash"
# sets bin (GONGKAI_BIN, else ./gongkai; skips the script when there is none), tmp (removed
# at exit), passed, failed; the script sets db and ends with `finish`.
set -u
bin=${GONGKAI_BIN:-./gongkai}
if [ ! -x "$bin" ]; then
  echo "${NAME:-$0}: skipped: no gongkai binary at $bin (build it with 'make' or set GONGKAI_BIN)"
  echo "0 passed, 0 failed"
  exit 0
fi
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect WANT_STATUS WANT_STDOUT WANT_STDERR ARGS... — runs `gongkai --db $db ARGS`,
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

# check DESCRIPTION COMMAND...: a shell condition counted as one assertion.
check() {
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}
