"""Soak: the real window driven through every panel and dialog, round after round, under faulthandler.

Issue 14 saw a segmentation fault in the task-waiting loop right after a modal dialog was run
from a task callback. Every dialog is now opened with ``open()`` (``duidu.ui.dialogs``), so
this drives them as a user would — open, fill, accept or close — while tasks come and go,
and waits only on the window's own signals (``wait_for_tasks``, the one the screenshots use).
A crash takes the pytest process down with faulthandler's traceback: the test fails loudly.
"""

from __future__ import annotations

import faulthandler
import sys

import pytest
from PySide6.QtWidgets import QApplication

from duidu.library.store import Library
from duidu.ui.annotate_dialog import AnnotateDialog
from duidu.ui.app import wait_for_tasks
from duidu.ui.codebook_dialog import CodebookDialog
from duidu.ui.main_window import MainWindow
from duidu.ui.notes_exchange_ui import AgreementDialog, AnnotatorChooser
from duidu.ui.preferences import PreferencesDialog
from duidu.ui.settings import Settings

ROUNDS = 50


@pytest.fixture
def window(qtbot, tmp_path):
    with Library.open() as lib:  # DUIDU_LIBRARY points into tmp_path (conftest)
        path, docs = lib.path, lib.documents()
    settings = Settings(tmp_path / "settings.ini")
    settings.annotator = "王研究员"
    win = MainWindow(path, docs, settings=settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.open_initial((docs[0].id, docs[1].id))
    wait_for_tasks(win)
    yield win
    win.close()


def modal(kind):
    """The dialog an action just opened (window-modal, opened without a nested event loop)."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind), f"expected an open {kind.__name__}, got {dialog!r}"
    return dialog


def settle(qtbot, window) -> None:
    wait_for_tasks(window)
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=60000)


def test_fifty_rounds_through_every_panel_and_dialog(qtbot, window, tmp_path):
    faulthandler.enable(file=sys.stderr, all_threads=True)
    reader, notes_ui = window.reader, window.notes_ui
    notes = notes_ui.notes
    ids = [d.id for d in window.documents]
    pairs = [(ids[0], ids[1]), (ids[1], ids[2]), (ids[0], ids[2])]
    scripts = ["simplified", "traditional", "original"]
    annotated = 0
    agreements = 0
    reports = 0
    for n in range(ROUNDS):
        a_id, b_id = pairs[n % len(pairs)]
        reader.open_pair(a_id, b_id)
        settle(qtbot, window)
        assert reader.comparison is not None and reader.comparison.a.id == a_id
        if n % 5 == 0:  # re-rendering both texts in another script is the heaviest step: every fifth round
            window.set_global_script(scripts[(n // 5) % len(scripts)])
            settle(qtbot, window)
        pa, pb = reader.panes["a"], reader.panes["b"]
        text = pa.doc_text.text
        start = (n * 37) % max(1, len(text) - 20)

        # tag: the annotate dialog, a code ticked and a note typed (annotator alternates: agreement needs two)
        notes.annotator = "王研究员" if n % 2 == 0 else "李老师"
        pa.select_stored(start, start + 12)
        pa.edit.setFocus()
        notes_ui.annotate_selection()
        dialog = modal(AnnotateDialog)
        dialog.filter.setText("协调" if n % 2 else "合作")
        first = dialog.model.invisibleRootItem().child(0)
        (first.child(0) if first.rowCount() else first).setCheckState(first.checkState().Checked)
        dialog.note.setPlainText(f"第{n}轮")
        dialog.accept()
        annotated += 1
        qtbot.waitUntil(lambda: len(notes.annotations) >= annotated, timeout=30000)

        # notes panel, then a comparison note on the focused shared passage
        window.side_tabs.setCurrentWidget(notes_ui.panel)
        for p in (pa, pb):
            c = p.edit.textCursor()
            c.clearSelection()
            p.edit.setTextCursor(c)
        if reader.shown:
            reader.activate(n % len(reader.shown))
            notes_ui.comparison_note()
            link = modal(AnnotateDialog)
            link.note.setPlainText("对照")
            (link.reject if n % 3 else link.accept)()
            settle(qtbot, window)

        # the passages list: a row chosen, then stepping past the last passage (it says it wrapped)
        window.side_tabs.setCurrentWidget(window.passages_panel)
        if window.passages_panel.proxy.rowCount():
            window.passages_panel.table.clicked.emit(window.passages_panel.proxy.index(n % window.passages_panel.proxy.rowCount(), 0))
            reader.step(+1)
            settle(qtbot, window)

        # the codebook and the preferences, opened and closed
        notes_ui.open_codebook()
        modal(CodebookDialog).reject()
        window._preferences()
        modal(PreferencesDialog).reject()

        # similar passages: search from a selection, open the first hit
        pa.select_stored(start, start + 30)
        pa.edit.setFocus()
        window._find_similar()
        settle(qtbot, window)
        sp = window.similar_panel
        if sp.model.rowCount():
            sp._open(sp.model.index(0))
            settle(qtbot, window)
        window.side_tabs.setCurrentWidget(window.measures_panel)

        # agreement: the chooser, then the result dialog opened from the task's callback
        if n % 5 == 1:
            notes_ui.exchange.agreement()
            modal(AnnotatorChooser).accept()
            settle(qtbot, window)
            modal(AgreementDialog).reject()
            agreements += 1

        # a report of the pair: HTML (written by the worker), or PDF (painted by the task's callback
        # on the UI thread, the path nearest the crash: Qt work inside a task's delivery)
        if n % 10 == 9:
            from duidu.ui.report_action import export_report

            out = tmp_path / f"report-{n}.{'pdf' if n % 20 == 19 else 'html'}"
            export_report(window, str(out))
            settle(qtbot, window)
            assert out.exists() and out.stat().st_size > 1000
            assert out.read_bytes().startswith(b"%PDF") == (out.suffix == ".pdf")
            reports += 1
        assert QApplication.activeModalWidget() is None  # nothing left open behind the round
    settle(qtbot, window)
    assert len(notes.annotations) >= ROUNDS
    assert agreements == ROUNDS // 5 and reports == ROUNDS // 10
