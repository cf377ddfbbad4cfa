#!/bin/bash
# Installs what the browser tests (tests/browser/*.mjs) need, if anything is missing:
#   Debian's chromium (+ fonts-noto-cjk so screenshots show Chinese), node and npm (apt, as root);
#   playwright-core and axe-core at the exact versions of tests/browser/package-lock.json
#   into tests/browser/node_modules (npm ci).
# Idempotent and fast when everything is there: no network is touched then.
# Never downloads a browser of its own (Playwright's download does not work here): the tests
# drive /usr/bin/chromium.
set -eu
cd "$(dirname "$0")/.."
dir=tests/browser

need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" || need="$need fonts-noto-cjk"
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "browser-setup: run as root, or install:$need" >&2; exit 1
  fi
  echo "browser-setup: installing$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $need
fi

# node_modules is current when npm's own record of the tree (.package-lock.json) is newer than
# the committed lock file and both packages are present.
mod=$dir/node_modules
if [ -f "$mod/.package-lock.json" ] && [ "$mod/.package-lock.json" -nt "$dir/package-lock.json" ] &&
   [ -f "$mod/playwright-core/package.json" ] && [ -f "$mod/axe-core/axe.min.js" ]; then
  exit 0
fi
echo "browser-setup: npm ci in $dir"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) ||
  (cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error)
touch "$mod/.package-lock.json"
echo "browser-setup: done"
