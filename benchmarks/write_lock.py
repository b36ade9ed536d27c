"""How long one import holds the library's write lock: the similar-passage index segmented
before the write transaction (as Duidu does) against inside it (as it did), in the same run.

Another Duidu that wants to save a note waits for as long as the lock is held. The text is the
five seeds, repeated (``--copies``); both ways import it into a library of their own.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from duidu.library.importer import prepare
from duidu.library.store import Library
from duidu.library.transactions import LibraryDatabase
from duidu.paths import seed_path


def held(lib: Library, prepared) -> float:
    """Seconds from taking the write lock to the end of ``add`` (the commit and a read after it)."""
    began: list[float] = []
    real = LibraryDatabase._begin

    def timed(self, wait):
        real(self, wait)
        began.append(time.perf_counter())

    LibraryDatabase._begin = timed
    try:
        lib.add(prepared)
        return time.perf_counter() - began[0]
    finally:
        LibraryDatabase._begin = real


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--copies", type=int, default=4, help="the seeds repeated this many times in one text")
    args = p.parse_args()
    seeds = sorted(seed_path("manifest.toml").parent.glob("00*.txt"))
    text = ("\n".join(s.read_text(encoding="utf-8") for s in seeds) + "\n") * args.copies
    found = {}
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "big.txt"
        src.write_text(text, encoding="utf-8")
        for label, inside in (("before the transaction (now)", False), ("inside the transaction (before)", True)):
            with Library.open(Path(d) / f"{inside}.sqlite", seed=False) as lib:
                prepared = prepare(src)
                if inside:  # no rows made in advance: derived.write segments within the transaction
                    prepared = dataclasses.replace(prepared, similar=None)
                found[inside] = held(lib, prepared)
            print(f"similar-index segmentation {label}: write lock held {found[inside]:.2f} s")
    print(f"{len(text):,} characters; the lock is held {found[True] / found[False]:.1f}× shorter")


if __name__ == "__main__":
    main()
