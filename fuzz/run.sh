#!/bin/sh
# Runs the fuzz targets one after another on one core, each for SECONDS, seeded with the
# project's fixtures; libFuzzer's final statistics go to fuzz/logs/TARGET.log.
# Usage (from the project root): sh fuzz/run.sh SECONDS [TARGET...]
# Engine: cargo-fuzz (libFuzzer) on the pinned stable toolchain, through RUSTC_BOOTSTRAP=1.
set -eu
secs=${1:-60}
shift || true
targets=${*:-"xlsx xls xlsb ods csv mapping rules"}
cd "$(dirname "$0")"
root=..
mkdir -p logs
seed() { # target, files...
    t=$1; shift
    mkdir -p "corpus/$t"
    for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/$t/" || true; done
}
seed xlsx $root/tests/fixtures/*.xlsx $root/tests/fixtures/hostile/*.xlsx $root/samples/*.xlsx
seed xls $root/tests/fixtures/*.xls $root/tests/fixtures/hostile/*.xls $root/tests/fixtures/fuzz/*.xls
seed xlsb $root/tests/fixtures/hostile/*.xlsb $root/tests/fixtures/fuzz/*.xlsb
seed ods $root/tests/fixtures/*.ods $root/tests/fixtures/hostile/*.ods
seed csv $root/tests/fixtures/*.csv $root/tests/fixtures/fuzz/*.csv
seed mapping seeds/mapping/*.toml
seed rules $root/criteria/*.toml $root/surveys/forms/*.toml $root/surveys/rules/*.toml
for t in $targets; do
    RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a "$t" "corpus/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        >"logs/$t.log" 2>&1 || echo "$t: stopped on a finding, see fuzz/logs/$t.log and fuzz/artifacts/$t"
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "logs/$t.log" | sed "s/^/$t /" || true
    echo "$t corpus: $(ls "corpus/$t" | wc -l) inputs"
done
