"""Print the OpenCC conformance table (README) for Duidu's converter and the bare engine."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from opencc_cases import REQUIRED, conformance, golden  # noqa: E402

from duidu.text.script import convert  # noqa: E402


def main() -> None:
    ours = conformance(lambda t, c: convert(t, c).text)
    print("| converter | " + " | ".join(REQUIRED) + " | golden s2t chars equal |")
    print("|---|" + "---|" * (len(REQUIRED) + 1))
    src, expected = golden("s2t")
    out = convert(src, "s2t").text
    same = sum(a == b for a, b in zip(out, expected)) / len(expected)
    cells = " | ".join(f"{ours[c][0]}/{ours[c][1]}" for c in REQUIRED)
    print(f"| Duidu (opencc-python-reimplemented + OpenCC's current dictionaries) | {cells} | {same:.3%} |")


if __name__ == "__main__":
    main()
