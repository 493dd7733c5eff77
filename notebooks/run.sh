#!/usr/bin/env bash
# Runs every notebook headless against a demo workspace and writes their figures (PNG), so a
# notebook that breaks fails the build. Installs its Python dependencies into notebooks/.venv.
#
#   notebooks/run.sh [FIGURES_DIR]      (default notebooks/figures)
set -euo pipefail
cd "$(dirname "$0")/.."
FIGS=$(realpath -m "${1:-notebooks/figures}")
cargo build --release --locked -q
BIN=$PWD/target/release/hailong
DEV=$PWD/target/release/hailong-dev

if [ ! -x notebooks/.venv/bin/jupyter ]; then
  python3 -m venv notebooks/.venv
  notebooks/.venv/bin/pip install -q polars numpy matplotlib nbconvert nbclient ipykernel
fi

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# The demo's three communes, and three more surveyed in two rounds for the comparison.
"$BIN" demo --out "$W/demo" > /dev/null
DATA="$W/demo/hailong-data"
for round in 2025 2026; do
  seed=$([ "$round" = 2025 ] && echo 7 || echo 8)
  "$DEV" gen --out "$W/gen-$round" --communes 3 --households 300 --areas 5 --seed "$seed"
  "$BIN" --data "$DATA" import --round "$round" "$W/gen-$round" > /dev/null
done

mkdir -p "$FIGS"
export HAILONG_WORKSPACE="$DATA" HAILONG_PROJECT="$PWD" HAILONG_FIGURES="$FIGS" HAILONG_BIN="$BIN"
status=0
for nb in notebooks/*.ipynb; do
  if notebooks/.venv/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
      --output-dir "$W/executed" "$nb" > "$W/log" 2>&1; then
    echo "ok      $nb"
  else
    echo "FAILED  $nb"; tail -30 "$W/log"; status=1
  fi
done
ls "$FIGS"/*.png > /dev/null
echo "figures: $FIGS"
exit $status
