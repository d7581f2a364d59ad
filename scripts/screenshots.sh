#!/usr/bin/env bash
# Screenshots of the viewer for the README, from real runs: the release binary in tmux,
# the screen captured with its colours (`capture-pane -e`), turned into HTML by `aha`,
# photographed by headless Chromium. Not run by CI; run it by hand after a visible change:
#
#     scripts/screenshots.sh            # writes docs/viewer-dark.png, docs/viewer-light.png, docs/present-light.png, docs/changes-dark.png
#
# Needs tmux, aha and chromium (Debian: apt-get install tmux aha chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in tmux aha chromium; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install $tool)" >&2; exit 2; }
done

cargo build --release --quiet
work=$(mktemp -d)
trap 'tmux kill-session -t dossier-shot 2>/dev/null || true; rm -rf "$work"' EXIT

COLUMNS_=120
ROWS_=34

# shot NAME COLORFGBG AHA_FLAGS ARGS KEYS…: one screenshot of `dossier ARGS` after KEYS.
shot() {
    local name=$1 colorfgbg=$2 aha_flags=$3 args=$4
    shift 4
    tmux kill-session -t dossier-shot 2>/dev/null || true
    tmux new-session -d -s dossier-shot -x "$COLUMNS_" -y "$ROWS_" \
        "env LANG=C.UTF-8 TERM=xterm-256color COLORFGBG='$colorfgbg' target/release/dossier $args"
    sleep 0.5
    for keys in "$@"; do
        tmux send-keys -t dossier-shot "$keys"
        sleep 0.3
    done
    tmux capture-pane -t dossier-shot -e -p > "$work/$name.ansi"
    tmux kill-session -t dossier-shot
    # shellcheck disable=SC2086
    aha $aha_flags --title "dossier" < "$work/$name.ansi" > "$work/$name.html"
    # A monospaced font at a size where 120 columns fill the picture.
    sed -i 's|<pre>|<pre style="font-family: DejaVu Sans Mono, monospace; font-size: 14px; line-height: 1.2; margin: 8px">|' "$work/$name.html"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size=1040,590 --screenshot="docs/$name.png" "file://$work/$name.html" \
        >/dev/null 2>&1
    echo "docs/$name.png"
}

# The finder asked "what is still planned or recurring with the Netherlands?", dark.
shot viewer-dark "15;0" "--black" "--no-mouse" "/" "status:planned,recurring country:nl"
# A forum's detail on a projector's white screen: the light theme.
shot viewer-light "0;15" "" "--no-mouse" "2" "Enter" "Tab"
# A briefing on a projector's white screen: present mode, its second stop.
shot present-light "0;15" "" "present nl-partnership" "Space"
# The overview listing what changed since an earlier version, dark.
shot changes-dark "15;0" "--black" "tests/fixtures/example-later.ron --since tests/fixtures/example.ron --no-mouse" "0"
