#!/bin/bash
# The layers of docs/hacking.md, checked on the source: only the SQLite backend
# (src/store/sqlite/) touches SQLite; the data model sits below the store; the report does
# not read the record parser; general utilities do not live in web/. Each check greps for
# what must not be there and names every file that has it. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
passed=0 failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# none WHAT PATTERN FILES...: no file among FILES matches PATTERN (extended regex).
none() {
  local what=$1 pattern=$2; shift 2
  local hits; hits=$(grep -lE "$pattern" "$@" 2>/dev/null)
  if [ -z "$hits" ]; then ok; else bad "$what:" $hits; fi
}
outside() { # the .c/.h files under src/ except those below $1
  find src \( -name '*.c' -o -name '*.h' \) ! -path "$1*" | sort
}

none "sqlite3.h included outside src/store/sqlite/" '#include[[:space:]]*<sqlite3\.h>' $(outside src/store/sqlite/)
none "sqlite3_* called outside src/store/sqlite/" '\bsqlite3_[a-z_]+[[:space:]]*\(' $(outside src/store/sqlite/)
none "store/sqlite/ headers included outside the backend" '#include "store/sqlite/' $(outside src/store/sqlite/)
none "store_ops.h (the backend side) included outside src/store/" '#include "store/store_ops.h"' $(outside src/store/)
none "the store includes records/ (the model is below the store)" '#include "records/' $(find src/store src/model -name '*.[ch]')
none "the model includes the store or records/" '#include "(store|records)/' $(find src/model -name '*.[ch]')
none "report includes the record parser" '#include "records/parse\.h"' $(find src/report -name '*.[ch]')
none "domain includes store, records, web or cli" '#include "(store|records|web|cli)/' $(find src/domain src/text -name '*.[ch]')
none "util includes anything above it" '#include "(store|records|report|web|cli|domain|model|text)/' $(find src/util -name '*.[ch]')
# the checker checks: a planted violation is found
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '#include <sqlite3.h>\nint f(void) { return sqlite3_libversion_number(); }\n' >"$tmp/bad.c"
if grep -qE '\bsqlite3_[a-z_]+[[:space:]]*\(' "$tmp/bad.c"; then ok; else bad "the sqlite3_ pattern finds a call"; fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
