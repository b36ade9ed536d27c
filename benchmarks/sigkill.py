"""Kill a process saving notes (Library API and the window's writer lane) or importing (one file, or batches), with SIGKILL; print the counts.

The same loop as ``tests/test_notes_store.py::test_sigkill_never_loses_a_confirmed_note``
(``tests/sigkill_loop.py``), on a library in a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from sigkill_loop import make_import_library, make_library, run  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kills", type=int, default=200, help="kills after the child is ready (while saving)")
    p.add_argument("--startup", type=int, default=20, help="kills at a random moment of start-up")
    p.add_argument("--max-delay", type=float, default=0.3, help="longest wait after ready before a kill, in seconds")
    p.add_argument("--kind", choices=("notes", "window", "imports", "batch", "all"), default="all")
    p.add_argument("--seed", type=int, default=5)
    args = p.parse_args()
    kinds = ("notes", "window", "imports", "batch") if args.kind == "all" else (args.kind,)
    for kind in kinds:
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "sigkill.sqlite"
            importing = kind in ("imports", "batch")
            doc = make_import_library(path) if importing else make_library(path)
            kills = max(1, args.kills // 10) if importing else args.kills  # an import takes seconds
            # a batch call starts its workers (~2 s), then writes 12 files: kills over two calls
            delay = max(args.max_delay, 6.0 if kind == "batch" else 3.0) if importing else args.max_delay
            inside = kills // 2 if kind == "batch" else 0  # half aimed inside a multi-document transaction
            startup = max(1, args.startup // 10) if kind == "batch" else args.startup
            result = run(path, doc, kind=kind, kills=kills, startup=startup, max_delay=delay, seed=args.seed,
                         inside=inside)
        print(result.summary())


if __name__ == "__main__":
    main()
