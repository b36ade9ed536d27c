#!/bin/sh
# Remake the user guide's screenshots (resources/docs/screenshots/) with the app's own --screenshot,
# on a fresh library of the five seeds; optipng (apt install optipng) shrinks them if present.
set -eu
cd "$(dirname "$0")/.."
out=resources/docs/screenshots
lib=$(mktemp -d)/guide.sqlite
duidu=${DUIDU:-.venv/bin/duidu}
export DUIDU_LIBRARY="$lib"
for lang in zh_CN zh_TW en; do  # each guide shows the interface in its own language
  "$duidu" gui --language "$lang" --compare 1 2 --screenshot "$out/seeds-original.$lang.png"
  "$duidu" gui --language "$lang" --compare 1 2 --script simplified --select 2 --screenshot "$out/seeds-simplified-passage.$lang.png"
  "$duidu" gui --language "$lang" --compare 1 5 --screenshot "$out/chongqing-liangjiang.$lang.png"
done
if command -v optipng >/dev/null; then optipng -quiet -o3 -strip all "$out"/*.png; fi
rm -rf "$(dirname "$lib")"
