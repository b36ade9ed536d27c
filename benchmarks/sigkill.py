"""Kill a process saving notes with SIGKILL 200 times; print how many kills and confirmed notes.

The same loop as ``tests/test_notes_store.py::test_sigkill_never_loses_a_confirmed_note``
(``tests/sigkill_loop.py``), on a library in a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from sigkill_loop import make_library, run  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kills", type=int, default=200)
    p.add_argument("--max-delay", type=float, default=0.3, help="longest wait before a kill, in seconds")
    p.add_argument("--seed", type=int, default=5)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "sigkill.sqlite"
        result = run(path, make_library(path), kills=args.kills, max_delay=args.max_delay, seed=args.seed)
    print(result.summary())


if __name__ == "__main__":
    main()
