#!/usr/bin/env bash
# Prints the bundled dossier's handouts (`dossier export ID --format html`) to PDF with
# headless Chromium, as a browser prints them (A4, from the handout's own @page rule),
# and reports for each its page count and any page that ends with a heading. Keeps page 1
# of the first one as docs/handout.png, the picture in the README.
#
#     scripts/handout-print.sh            # every briefing, then the whole dossier
#     scripts/handout-print.sh nl coarm   # a handout of these items
#
# Not run by CI or the tests: it needs a browser and poppler
# (Debian: apt-get install chromium poppler-utils). Run it from anywhere in the
# repository after a change to the handout's layout or to data/dossier.ron, and commit
# the picture. The handouts are dated by SOURCE_DATE_EPOCH (default: the last commit's
# date), so that the picture changes only when the handout does.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=
for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null; then
        browser=$(command -v "$name")
        break
    fi
done
if [ -z "$browser" ]; then
    echo "handout-print: needs Chromium (apt-get install chromium)" >&2
    exit 2
fi
for tool in pdfinfo pdftotext pdftoppm; do
    command -v "$tool" >/dev/null || {
        echo "handout-print: needs $tool (apt-get install poppler-utils)" >&2
        exit 2
    }
done

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
cargo build --quiet
dossier=${CARGO_TARGET_DIR:-target}/debug/dossier

# Root cannot use Chromium's sandbox; the pages are our own files and run no script.
sandbox=()
if [ "$(id -u)" = 0 ]; then
    sandbox=(--no-sandbox)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One handout per argument; with none, each briefing and then the whole dossier ("").
if [ $# -gt 0 ]; then
    handouts=("$*")
else
    mapfile -t handouts < <("$dossier" list briefings | cut -f2)
    handouts+=("")
fi

first=
for ids in "${handouts[@]}"; do
    name=${ids// /+}
    name=${name:-whole-dossier}
    html="$work/$name.html"
    pdf="$work/$name.pdf"
    # shellcheck disable=SC2086 # the ids are words
    "$dossier" export $ids --format html -o "$html"
    "$browser" --headless "${sandbox[@]}" --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$pdf" "file://$html" 2>/dev/null
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    size=$(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')
    printf '%-20s %2s pages  (%s)\n' "$name" "$pages" "$size"
    # A heading left alone at the foot of a page: the page's last line is a heading, or
    # the end of one that wrapped.
    grep -oE '<h[1-4][^>]*>.*</h[1-4]>' "$html" |
        sed -E 's/<[^>]+>//g; s/&amp;/\&/g; s/&#39;/'"'"'/g; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g' \
            >"$work/headings"
    for ((page = 1; page < pages; page++)); do
        last=$(pdftotext -f "$page" -l "$page" -layout "$pdf" - |
            sed 's/^ *//; s/ *$//' | grep -v '^$' | tail -n 1 || true)
        if [ -n "$last" ] && awk -v last="$last" '
            $0 == last || (length(last) >= 20 && substr($0, length($0) - length(last) + 1) == last) { found = 1 }
            END { exit !found }' "$work/headings"; then
            echo "    page $page ends with a heading: $last"
        fi
    done
    if [ -z "$first" ]; then
        first=$pdf
    fi
done

mkdir -p docs
pdftoppm -png -r 96 -f 1 -l 1 -singlefile "$first" docs/handout
echo "wrote docs/handout.png (page 1 of ${handouts[0]:-the whole dossier})"
