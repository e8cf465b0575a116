#!/usr/bin/env bash
# Renders `okrlint report --format html` for a folder and takes a screenshot of it in headless Chromium (Debian
# package `chromium`): what a manager opening the page would see. CI runs it on the samples and checks the PNG.
#   tools/report-screenshot.sh [FOLDER] [OUT.png]      defaults: samples/ and report.png
set -euo pipefail
cd "$(dirname "$0")/.."
FOLDER=${1:-samples}
OUT=${2:-report.png}
BIN=${OKRLINT:-.build/debug/okrlint}
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$BROWSER" ] || { echo "no Chromium found (apt-get install chromium)"; exit 3; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" report "$FOLDER" --format html -o "$WORK/report.html" -q
# No network, no scripts: the page must show everything by itself.
timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --disable-javascript \
  --host-resolver-rules="MAP * ~NOTFOUND" --window-size=1200,2400 --screenshot="$OUT" "file://$WORK/report.html" > "$WORK/log" 2>&1 \
  || { cat "$WORK/log"; exit 1; }
[ -s "$OUT" ] || { echo "no screenshot written"; cat "$WORK/log"; exit 1; }
echo "screenshot: $OUT ($(wc -c < "$OUT") bytes)"
