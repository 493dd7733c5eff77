#!/usr/bin/env bash
# Times `hailong serve`'s pages on Sơn La-sized data (issue 23: the province page under 300 ms
# with 75 communes): a release build, `hailong-dev gen --communes 75` imported, the server
# started, then each page asked for with curl. The first province request scores every commune;
# later ones are answered from the score cache until the workspace changes. Prints medians and
# maxima (seconds); bench/RESULTS.md keeps the runs written down.
#
#   bench/web.sh [RUNS]        (default 20 requests per page after the first)
#   COMMUNES=75 HOUSEHOLDS=1500 bench/web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
COMMUNES=${COMMUNES:-75}
HOUSEHOLDS=${HOUSEHOLDS:-1500}

cargo build --release --locked -q --bins
TARGET_DIR=${CARGO_TARGET_DIR:-target}
case $TARGET_DIR in /*) ;; *) TARGET_DIR=$PWD/$TARGET_DIR ;; esac
BIN=$TARGET_DIR/release/hailong
DEV=$TARGET_DIR/release/hailong-dev
W=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$W"' EXIT

echo "generating and importing $COMMUNES communes × $HOUSEHOLDS households…"
"$DEV" gen --out "$W/in" --communes "$COMMUNES" --households "$HOUSEHOLDS" --areas 12 --seed 2025 > /dev/null
"$BIN" --data "$W/ws" import "$W/in" > /dev/null
"$BIN" --data "$W/ws" serve --listen 127.0.0.1:0 > "$W/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do grep -q http:// "$W/serve.log" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[0-9.:]*' "$W/serve.log" | head -1)
# A commune's page, with its form (a commune surveyed with several forms is asked which).
ONE=$(python3 -c 'import json,sys,urllib.parse as u; s=json.load(open(sys.argv[1]))["sources"][0]; print(u.quote(s["commune"]) + "?form=" + u.quote(s["form"]))' "$W/ws/manifest.json")

# time PATH: seconds for one request (the page read whole); a page that is not 200 stops.
time_of() {
  local out
  out=$(curl -s -o "$W/page" -w '%{http_code} %{time_total}' "$URL$1")
  if [ "${out%% *}" != 200 ]; then echo "$1 answered ${out%% *}" >&2; exit 1; fi
  echo "${out#* }"
}
# measure NAME PATH: RUNS requests; median and maximum.
measure() {
  local name=$1 path=$2
  for _ in $(seq "$RUNS"); do time_of "$path"; done | sort -n |
    awk -v n="$name" '{a[NR]=$1} END {printf "  %-34s median %.3f s  max %.3f s  (%d requests)\n", n, a[int((NR+1)/2)], a[NR], NR}'
}
printf "  %-34s %.3f s\n" "province page, first (scores all)" "$(time_of /)"
echo "  ($(grep -o '<tr' "$W/page" | wc -l) table rows, $(wc -c < "$W/page") bytes)"
measure "province page, cached scores" /
measure "province page, a search (?q=muong)" "/?q=muong"
measure "commune page" "/xa/$ONE"
measure "upload form" /nhap
measure "template form" /mau
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), commit $(git rev-parse --short HEAD)"
