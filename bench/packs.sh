#!/bin/sh
# hailong index on 75 communes × 300 respondents × 30 items (issue 24): generates the pack and its
# workbooks with hailong-dev, imports them, then times `index --all --json` seven times and the
# province's report workbook (`index --all --out`, with its intervals) three times.
# Usage: sh bench/packs.sh   (after cargo build --release --locked --bins; PROFILE=debug for the
# debug binaries, an upper bound)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/${PROFILE:-release}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$bin/hailong-dev" packs --out gen --communes 75 --respondents 300 --items 30
/usr/bin/time -f "import: %e s" "$bin/hailong" --data ws import --pack-file gen/pack.toml gen >/dev/null
for i in 1 2 3 4 5 6 7; do
  /usr/bin/time -f "index --all --json: %e s, %M KB" "$bin/hailong" --data ws index --pack-file gen/pack.toml --all --json >/dev/null
done
for i in 1 2 3; do
  /usr/bin/time -f "index --all --out (workbook): %e s, %M KB" "$bin/hailong" --data ws index --pack-file gen/pack.toml --all --out tinh.xlsx >/dev/null
done
ls -l tinh.xlsx | awk '{print "workbook: " $5 " bytes"}'
