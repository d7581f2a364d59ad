#!/usr/bin/env bash
# Renders the bundled dossier's handout (`dossier export --format html`) in headless
# Chromium and saves the top of it as docs/handout.png, the picture in the README.
# Not run by CI or the tests: it needs a browser. Run it from anywhere in the repository
# after a change to the handout's layout or to data/dossier.ron, and commit the picture.
set -euo pipefail
cd "$(dirname "$0")/.."

find_browser() {
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}

if ! browser=$(find_browser); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y chromium
        browser=$(find_browser)
    else
        echo "handout-screenshot: needs Chromium (apt-get install chromium)" >&2
        exit 1
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --release -- export --format html -o "$work/handout.html"
# Root cannot use Chromium's sandbox; the page is our own file and runs no script.
sandbox=()
if [ "$(id -u)" = 0 ]; then
    sandbox=(--no-sandbox)
fi
"$browser" --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars \
    --force-device-scale-factor=1 --window-size="${WIDTH:-900},${HEIGHT:-1500}" \
    --screenshot="$work/handout.png" "file://$work/handout.html" 2>/dev/null
mkdir -p docs
cp "$work/handout.png" docs/handout.png
echo "wrote docs/handout.png"
