#!/bin/bash
# Runs every test suite and ends with one line "N passed, N failed".
#   unit + integration programs (tests/unit/test_*.c) under the sanitizer build;
#   the same programs under valgrind (release build): each leak-free run is one pass;
#   the fuzz corpora (fuzz/corpus/*) replayed through their harnesses, sanitizer build;
#   command-line scripts (tests/cli/*.sh) against the sanitizer-built binary;
#   browser tests (tests/browser/*.mjs) when node and chromium are present.
set -u
cd "$(dirname "$0")/.."
root=$PWD
passed=0 failed=0
log=$(mktemp -d)
export TMPDIR=${TMPDIR:-/tmp}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1
export GONGKAI_BIN=$root/build/asan/gongkai
export GONGKAI_BIN_REL=$root/build/rel/gongkai

add_counts() { # $1 = output file, $2 = suite name, $3 = exit status
  local line p f
  line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
  if [ -z "$line" ]; then
    echo "  $2: no result line (exit $3)"; failed=$((failed + 1)); return
  fi
  p=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/')
  f=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/')
  if [ "$3" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  printf '  %-32s %s\n' "$2" "$line"
  if [ "$f" != 0 ]; then sed 's/^/    | /' "$1" | tail -n 40; fi
}

echo "== unit and integration tests (address + undefined sanitizers)"
for t in build/asan/tests/test_*; do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  "$t" >"$log/$n.out" 2>&1; add_counts "$log/$n.out" "$n" $?
done

echo "== fuzz corpora replayed (fuzz/replay.c; address + undefined sanitizers)"
for t in build/asan/fuzz/replay_*; do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  target=${n#replay_}
  [ -d "fuzz/corpus/$target" ] || continue
  "$t" "fuzz/corpus/$target" >"$log/$n.out" 2>&1; add_counts "$log/$n.out" "$n" $?
done

echo "== the same programs under valgrind (leaks and memory errors)"
for t in build/rel/tests/test_*; do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  case " ${VALGRIND_SKIP:-} " in *" $n "*) continue;; esac
  if GONGKAI_UNDER_VALGRIND=1 valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --error-exitcode=99 "$t" >"$log/$n.vg" 2>&1; then
    passed=$((passed + 1)); printf '  %-32s clean\n' "$n"
  else
    failed=$((failed + 1)); printf '  %-32s valgrind reported errors\n' "$n"; tail -n 30 "$log/$n.vg" | sed 's/^/    | /'
  fi
done

echo "== command-line tests"
for t in tests/cli/*.sh; do
  [ -f "$t" ] || continue
  n=$(basename "$t")
  bash "$t" >"$log/$n.out" 2>&1; add_counts "$log/$n.out" "$n" $?
done

if [ -d tests/browser ] && ls tests/browser/*.mjs >/dev/null 2>&1; then
  echo "== browser tests (chromium)"
  tools/browser-setup.sh >"$log/browser-setup.out" 2>&1 || { cat "$log/browser-setup.out"; }
  for t in tests/browser/*.mjs; do
    n=$(basename "$t")
    node "$t" >"$log/$n.out" 2>&1; add_counts "$log/$n.out" "$n" $?
  done
fi

rm -rf "$log"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
