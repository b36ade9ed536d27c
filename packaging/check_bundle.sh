#!/usr/bin/env bash
# Runs the PyInstaller bundle the way a user's machine would: no virtual environment, no project
# checkout on any path, an empty HOME and a new library made from the embedded seeds.
#
#     packaging/check_bundle.sh [dist/duidu/duidu]      (make bundle-test builds first, then runs this)
#
# Checks: --version names the package's version; compare 1 2 --json on a fresh library (seeded on
# first use: jieba's dictionary, the OpenCC data, the seeds are all read from the bundle); show in
# another script; a headless screenshot of the main window. Prints the bundle's size and start times.
# Exits non-zero at the first failure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bin="${1:-$root/dist/duidu/duidu}"
[ -x "$bin" ] || { echo "check_bundle: no bundle at $bin (make bundle builds it)" >&2; exit 1; }
bundle="$(cd "$(dirname "$bin")" && pwd)"
bin="$bundle/$(basename "$bin")"  # absolute: the runs below happen in a scratch folder
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/desktop/duidu/__init__.py")"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/tmp"

fail() { echo "check_bundle: FAIL: $*" >&2; exit 1; }

# A clean environment: only what a desktop session would give. TMPDIR is private so that no
# jieba.cache left in /tmp by a development run stands in for the bundle's own dict.txt.
run() {
	(cd "$tmp" && env -i HOME="$tmp/home" TMPDIR="$tmp/tmp" PATH=/usr/bin:/bin LANG=C.UTF-8 \
		DUIDU_LIBRARY="$tmp/library.sqlite" QT_QPA_PLATFORM=offscreen "$bin" "$@")
}

# Milliseconds of one run of the given command (output discarded), best of $1 runs.
best_ms() {
	local n="$1" best="" t0 t1 ms
	shift
	for _ in $(seq "$n"); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || fail "$* exited non-zero"
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000000 ))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}

out="$(run --version)" || fail "--version exited non-zero"
[ "$out" = "duidu $version" ] || fail "--version printed '$out', expected 'duidu $version'"
echo "ok   --version: $out"

[ ! -e "$tmp/library.sqlite" ] || fail "library exists before the first command"
run --library "$tmp/library.sqlite" compare 1 2 --json >"$tmp/compare.json" 2>"$tmp/compare.err" \
	|| { cat "$tmp/compare.err" >&2; fail "compare 1 2 --json exited non-zero"; }
# Read the answer with the system's Python (not the bundle's, not the venv's): the JSON contract.
/usr/bin/env -i /usr/bin/python3 - "$tmp/compare.json" <<'PY' || fail "compare 1 2 --json: unexpected output (above)"
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
assert data["a"]["id"] == 1 and data["b"]["id"] == 2, (data["a"], data["b"])
assert data["a"]["region"] == "重庆" and data["b"]["region"] == "四川", (data["a"], data["b"])
assert data["passages"], "no shared passages between seeds 000 and 001"
assert 0 < data["similarity"] < 1, data["similarity"]
print(f"ok   compare 1 2 --json: {len(data['passages'])} shared passages, similarity {data['similarity']}")
PY

count="$(run list --json | /usr/bin/env -i /usr/bin/python3 -c 'import json,sys; print(sum(d["seed"] for d in json.load(sys.stdin)))')"
[ "$count" = 5 ] || fail "the new library holds $count seeds, expected 5"
echo "ok   library created from the embedded seeds: $count documents"

run show 2 --script simplified >"$tmp/show.txt" || fail "show 2 --script simplified exited non-zero"
grep -q "川渝毗邻地区将共同推进教育高质量发展" "$tmp/show.txt" || fail "show 2 --script simplified: not converted to simplified"
echo "ok   show 2 --script simplified (OpenCC data in the bundle)"

run gui --compare 1 2 --select 1 --screenshot "$tmp/shot.png" 2>"$tmp/gui.err" \
	|| { cat "$tmp/gui.err" >&2; fail "gui --screenshot exited non-zero"; }
[ "$(head -c 8 "$tmp/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "gui --screenshot wrote no PNG"
[ "$(stat -c %s "$tmp/shot.png")" -gt 50000 ] || fail "gui --screenshot: the PNG is suspiciously small"
echo "ok   gui --compare 1 2 --select 1 --screenshot (offscreen): $(stat -c %s "$tmp/shot.png") bytes"

# Translations: Qt's own Chinese catalogues, and Duidu's for every .ts source in the checkout.
for qm in qtbase_zh_CN qtbase_zh_TW; do
	[ -f "$bundle/_internal/PySide6/Qt/translations/$qm.qm" ] || fail "$qm.qm is not in the bundle"
done
for ts in "$root"/resources/translations/*.ts; do
	[ -e "$ts" ] || continue
	qm="$(basename "${ts%.ts}").qm"
	[ -f "$bundle/_internal/duidu/resources/translations/$qm" ] || fail "$qm is not in the bundle (make venv builds it)"
done
echo "ok   translations: $(cd "$bundle/_internal" && ls PySide6/Qt/translations/qtbase_zh_*.qm duidu/resources/translations/*.qm 2>/dev/null | xargs -n1 basename | tr '\n' ' ')"

echo "size $(du -sh "$bundle" | cut -f1)  ($bundle)"
echo "start duidu --version: $(best_ms 5 run --version) ms (best of 5)"
echo "start duidu gui --screenshot (library exists, offscreen): $(best_ms 3 run gui --screenshot "$tmp/shot2.png") ms (best of 3)"
echo "check_bundle: all checks passed"
