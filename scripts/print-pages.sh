#!/usr/bin/env bash
# Writes the README's page pictures: the first printed page of every sheet of the demo's dossier
# of xã Chiềng Mung and of the province synthesis, as LibreOffice prints them, one PNG a sheet:
#
#   docs/pages/ho-so-<sheet>.png       (the commune dossier, ket-qua/ho-so-chieng-mung.xlsx)
#   docs/pages/tong-hop-<sheet>.png    (the province synthesis, ket-qua/tong-hop-toan-tinh.xlsx)
#
# <sheet> is the sheet's name without diacritics, lower case, words joined by "-" ("Theo khu
# dân cư" → theo-khu-dan-cu). Hidden sheets do not print and get no picture. The PNGs of an
# earlier run are removed first, so a renamed sheet leaves no stale picture. At the end the
# script prints the Markdown lines for the README.
#
#   scripts/print-pages.sh            (RES=60 dots per inch; a PNG over 150 KB is redrawn smaller)
#   OUT=/tmp/pages scripts/print-pages.sh   (elsewhere than docs/pages, to look before replacing)
#
# Needs: cargo, LibreOffice (soffice), poppler-utils (pdfinfo, pdftohtml, pdftotext, pdftoppm), iconv.
# Fonts: the dossier is set in Times New Roman; on Debian its metric twin is Liberation Serif,
# and only Liberation 2 (fonts-liberation2) has the Vietnamese letters: with Liberation 1.07
# alone, LibreOffice takes those letters from another font and the pictures show it.
set -euo pipefail
cd "$(dirname "$0")/.."
RES=${RES:-60}
OUT=${OUT:-docs/pages}
MAX_BYTES=$((150 * 1024))

for tool in soffice pdfinfo pdftohtml pdftotext pdftoppm iconv; do
  command -v "$tool" >/dev/null 2>&1 || { echo "print-pages: $tool is missing" >&2; exit 2; }
done
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list ':family=Liberation Serif:charset=1ec7' file)" ]; then
  echo "print-pages: warning: Liberation Serif here lacks the Vietnamese letters (install fonts-liberation2);" >&2
  echo "print-pages: the pictures will show them in a fallback font" >&2
fi

# The debug build: the one `cargo test` keeps warm, and the demo takes under a second in it.
cargo build --locked -q --bin hailong
# Where cargo put it: a CARGO_TARGET_DIR of the caller's (a worktree sharing a build) counts.
TARGET_DIR=${CARGO_TARGET_DIR:-target}
case $TARGET_DIR in /*) ;; *) TARGET_DIR=$PWD/$TARGET_DIR ;; esac
BIN=$TARGET_DIR/debug/hailong

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
(cd "$W" && HAILONG_DATA="$W/ws" "$BIN" demo --out demo >/dev/null)
RESULTS=$W/demo/ket-qua
for f in ho-so-chieng-mung tong-hop-toan-tinh; do
  [ -f "$RESULTS/$f.xlsx" ] || { echo "print-pages: the demo wrote no $f.xlsx" >&2; exit 1; }
done

# One LibreOffice call, with a profile of its own; a PDF bookmark a printed sheet.
HOME=$W soffice --headless "-env:UserInstallation=file://$W/lo-profile" \
  --convert-to 'pdf:calc_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"true"}}' \
  --outdir "$W/pdf" "$RESULTS/ho-so-chieng-mung.xlsx" "$RESULTS/tong-hop-toan-tinh.xlsx" >/dev/null 2>&1 </dev/null

slug() {
  printf '%s' "$1" | sed 's/[Đđ]/d/g' | LC_ALL=C.UTF-8 iconv -f UTF-8 -t ASCII//TRANSLIT \
    | tr '[:upper:]' '[:lower:]' | sed 's/[^a-z0-9]\{1,\}/-/g; s/^-//; s/-$//'
}

unescape() {
  sed "s/&lt;/</g; s/&gt;/>/g; s/&quot;/\"/g; s/&#39;/'/g; s/&apos;/'/g; s/&amp;/\&/g"
}

# "page<TAB>sheet" for the first page of each printed sheet: the PDF's bookmarks, else the
# footers that read "<sheet> - Trang 1".
first_pages() {
  local pdf=$1 found
  found=$(pdftohtml -xml -i -q -stdout -f 1 -l 1 "$pdf" \
    | sed -n '/<outline>/,/<\/outline>/s/.*<item page="\([0-9]*\)">\(.*\)<\/item>.*/\1\t\2/p' | unescape)
  if [ -z "$found" ]; then
    local pages p
    pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    for ((p = 1; p <= ${pages:-0}; p++)); do
      pdftotext -f "$p" -l "$p" "$pdf" - | sed -n "s/^\(.*\) - Trang 1$/$p\t\1/p" | tail -n 1
    done
  else
    printf '%s\n' "$found"
  fi
}

mkdir -p "$OUT"
rm -f "$OUT"/ho-so-*.png "$OUT"/tong-hop-*.png
readme=()
for pair in ho-so-chieng-mung:ho-so tong-hop-toan-tinh:tong-hop; do
  pdf=$W/pdf/${pair%%:*}.pdf prefix=${pair##*:}
  [ -f "$pdf" ] || { echo "print-pages: LibreOffice wrote no $(basename "$pdf")" >&2; exit 1; }
  list=$(first_pages "$pdf")
  [ -n "$list" ] || { echo "print-pages: no bookmarks and no \"<sheet> - Trang 1\" footers in $(basename "$pdf")" >&2; exit 1; }
  while IFS=$'\t' read -r page sheet; do
    out=$OUT/$prefix-$(slug "$sheet")
    res=$RES
    pdftoppm -png -r "$res" -f "$page" -l "$page" -singlefile "$pdf" "$out"
    # Smaller until it fits the size the README can carry.
    while [ "$(stat -c %s "$out.png")" -gt "$MAX_BYTES" ] && [ "$res" -gt 30 ]; do
      res=$((res - 10))
      pdftoppm -png -r "$res" -f "$page" -l "$page" -singlefile "$pdf" "$out"
    done
    printf '%-55s page %2s  %3s dpi  %4s KB  %s\n' "$out.png" "$page" "$res" "$(($(stat -c %s "$out.png") / 1024))" "$sheet"
    readme+=("![$sheet]($out.png)")
  done <<<"$list"
done

echo
echo "For the README:"
printf '%s\n' "${readme[@]}"
