#!/usr/bin/env bash
# The README's pictures of the web pages: runs the browser test (tests/browser.rs), which draws
# the first two screens of each page at 390×844 and 1366×768, into docs/web/.
#
#   scripts/web-pages.sh
#
# Needs what the test needs: /usr/bin/chromium (or $CHROMIUM), node, and
# tests/browser/node_modules (cd tests/browser && npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/web
HAILONG_WEB_SHOTS="$PWD/docs/web" cargo test --locked --test browser -- --nocapture 2>&1 |
  grep -E "SKIPPED|test result|panicked" || true
# The test's own pages (the injected data, an error, a dropped connection) are not the README's.
rm -f docs/web/injected*.png docs/web/error-*.png docs/web/upload-lost-*.png
ls docs/web/*.png | wc -l | xargs echo "pictures in docs/web:"
