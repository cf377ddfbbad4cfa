#!/bin/sh
# Installs the Debian 12 packages gongkai needs to build and test, if any is missing.
#   tools/deps.sh        what `make`, `make check` and `make demo` need
#   tools/deps.sh fuzz   the same plus clang-15 and libFuzzer, for `make fuzz` only
set -e
need="build-essential pkg-config libsqlite3-dev libjansson-dev libsodium-dev libmicrohttpd-dev
libcurl4-openssl-dev libmd4c-dev libmd4c-html0-dev sqlite3 tidy libxml2-utils valgrind
curl wrk"
if [ "${1:-}" = fuzz ]; then
  need="$need clang-15 libfuzzer-15-dev"
fi
missing=""
for p in $need; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
  echo "deps: run as root, or install:$missing" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $missing
