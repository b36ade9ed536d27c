"""Print passage-linking recall and precision on the labelled seed pairs, for several settings.

The default minimum length (engine/passages.py MIN_LENGTH) is chosen from this table.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from passage_quality import evaluate  # noqa: E402

from duidu.engine.passages import MIN_LENGTH, THRESHOLD  # noqa: E402
from duidu.library.store import Library  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as d, Library.open(Path(d) / "seeds.sqlite") as lib:
        print("| min length | threshold | recall | precision | missed | wrongly linked |")
        print("|---|---|---|---|---|---|")
        for n in (6, 8, 10, 12):
            for t in (0.8, 0.85, 0.9):
                q = evaluate(lib, min_length=n, threshold=t)
                mark = " (default)" if (n, t) == (MIN_LENGTH, THRESHOLD) else ""
                print(f"| {n}{mark} | {t} | {q.found}/{q.links} = {q.recall:.0%} | {q.precision:.0%} | {len(q.missed)} | {q.wrongly_linked}/{q.nolinks} |")
        q = evaluate(lib)
        print("\nMissed at the default:", *q.missed, sep="\n  ")
        print("Wrongly linked at the default:", *q.false, sep="\n  ")


if __name__ == "__main__":
    main()
