"""The reader pane's shown-text extras on a 500k-character document (issue 14 parts 1-2), offscreen.

Opening a document in a pane (``DocumentPane.set_document``) with what the pane adds to the text
shown — a word joiner between each figure and its unit, a blank block between paragraphs, small
blank lines — against the same call with those extras switched off, and against a bare
``QPlainTextEdit.setPlainText`` of the same text. CPU time (the machine is shared), best of 5.
The document is a synthetic 500k-character text made from the seeds (benchmarks/engine.py's
``repetitive_pair``), imported into a temporary library (jieba's loading is set-up, not timed).
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZE = 500_000


def cpu(app, fn, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        fn()
        app.processEvents()
        best = min(best, time.process_time() - started)
    return best


def main() -> int:
    from engine import repetitive_pair
    from synthetic import seed_sentences

    tmp = Path(tempfile.mkdtemp(prefix="duidu-pane-"))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        os.environ[name] = str(tmp / name.lower())
    os.environ["DUIDU_LIBRARY"] = str(tmp / "default.duidu")
    from duidu.library.store import Library

    text, _ = repetitive_pair(seed_sentences(), SIZE, SIZE)
    source = tmp / "a.txt"
    source.write_text(text, encoding="utf-8")
    with Library.open(tmp / "bench.sqlite", seed=False) as lib:
        doc_id = lib.import_file(source, metadata={"title": "500k"}).document.id
        doc_text, view = lib.text(doc_id), lib.view(doc_id, "original")

    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication([])
    import duidu.text.linebreak as linebreak
    from duidu.ui import pane as pane_module
    from duidu.ui.marks import shown_text

    pane = pane_module.DocumentPane("a")
    pane.resize(800, 900)
    pane.show()
    pane.set_font_size(12)

    def open_document() -> None:
        pane.document_id = pane.doc_text = None  # a fresh load each time, not the same document kept
        pane.set_document(doc_text, view)

    with_extras = cpu(app, open_document)
    blanks = len(pane._blank_blocks())
    spacing = cpu(app, pane._space_paragraphs)
    shown = cpu(app, lambda: shown_text(view, doc_text))
    bare_edit = QPlainTextEdit()
    bare_edit.resize(800, 900)
    bare_edit.show()
    bare = cpu(app, lambda: bare_edit.setPlainText(view.text))
    points, space = linebreak.unbreakable_points, pane_module.DocumentPane._space_paragraphs
    linebreak.unbreakable_points = lambda text: []
    pane_module.DocumentPane._space_paragraphs = lambda self: None
    try:
        without = cpu(app, open_document)
    finally:
        linebreak.unbreakable_points, pane_module.DocumentPane._space_paragraphs = points, space
    print(f"document: {len(doc_text.text):,} characters, {len(doc_text.paragraphs):,} paragraphs, {blanks:,} blank blocks shown")
    print(f"set_document with joiners and paragraph spacing: {with_extras * 1000:.0f} ms CPU")
    print(f"  without them (the baseline, same run):        {without * 1000:.0f} ms CPU (ratio {with_extras / without:.2f})")
    print(f"  bare QPlainTextEdit.setPlainText:               {bare * 1000:.0f} ms CPU")
    print(f"  of which shown_text {shown * 1000:.0f} ms, spacing the blank lines {spacing * 1000:.0f} ms")
    print(f"load: {os.getloadavg()[0]:.1f} (1-minute average)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
