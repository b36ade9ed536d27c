"""The reader driven through the real main window offscreen: a pair of seeds, every script, passages.

Every highlight is checked against the engine: the characters a pane paints for a passage
must be exactly the passage's stored-text span shown in that pane's script.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette, QColor, QTextCursor
from PySide6.QtWidgets import QAbstractSlider, QApplication

from duidu.library.store import Library
from duidu.text.script import VIEW_SCRIPTS
from duidu.ui.highlighter import Theme
from duidu.ui.main_window import MainWindow, first_pair
from duidu.ui.settings import Settings
from duidu.ui.tasks import TaskRunner


@pytest.fixture
def library_path(seeded_default):
    return seeded_default  # DUIDU_LIBRARY (into tmp_path, conftest), the seeds in it


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.ini")


def idle(qtbot, window, timeout=30000):
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=timeout)


def settled(qtbot, window, timeout=10000):
    """Wait until nothing is left to re-lay out: no task running, every pane's idle-time
    highlighting done (painting a block re-lays it out), and the events that queued flushed."""
    panes = window.reader.panes.values()
    qtbot.waitUntil(lambda: not window.tasks.busy() and not any(p.highlighter.pending() for p in panes), timeout=timeout)
    QApplication.processEvents()


@pytest.fixture
def window(qtbot, library_path, settings):
    with Library.open(library_path) as lib:
        docs = lib.documents()
    win = MainWindow(library_path, docs, settings=settings, chinese_font=True)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    win.open_initial()
    idle(qtbot, win)
    qtbot.waitUntil(lambda: win.reader.comparison is not None, timeout=30000)
    yield win
    win.close()


def painted(pane, mark) -> str:
    c = pane.edit.textCursor()
    c.setPosition(mark.start)
    c.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
    return c.selectedText().replace("\u2060", "")  # the joiners keeping figures with units are display only


def formatted(pane, mark, finish: bool = True) -> bool:
    """Whether the highlighter really painted every UTF-16 unit of the mark (not just knows of it)."""
    if finish:
        pane.highlighter.finish()  # blocks off screen are formatted in idle turns: finish them first
    doc = pane.edit.document()
    pos = mark.start
    while pos < mark.end:
        block = doc.findBlock(pos)
        base, covered = block.position(), set()
        for r in block.layout().formats():
            if r.format.background().style() != Qt.BrushStyle.NoBrush:
                covered.update(range(base + r.start, base + r.start + r.length))
        end = min(mark.end, base + block.length() - 1)
        if not set(range(pos, end)) <= covered:
            return False
        pos = base + block.length()
    return True


def assert_marks_match_engine(reader) -> int:
    """Each pane paints each passage over exactly its stored span as shown in the pane's script."""
    checked = 0
    for side, pane in reader.panes.items():
        marks = pane.marks("passages")
        assert len(marks) == len(reader.shown) > 0
        for m in marks:
            p = reader.shown[m.passage]
            start, end = (p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end)
            expected = pane.view.text[slice(*pane.view.map.to_dst_span(start, end))]
            assert painted(pane, m) == expected
            assert formatted(pane, m)
            checked += 1
    return checked


def test_first_run_opens_seeds_000_and_001_with_highlights(window):
    reader = window.reader
    docs = window.documents
    a, b = first_pair(docs)
    names = {d.id: d.file_name for d in docs}
    assert names[a].startswith("000_") and names[b].startswith("001_")
    assert (reader.ids["a"], reader.ids["b"]) == (a, b)
    with Library.open() as lib:
        engine = lib.compare(a, b)
    assert [(p.a_start, p.a_end, p.b_start, p.b_end) for p in reader.shown] == [
        (p.a_start, p.a_end, p.b_start, p.b_end) for p in engine.shown()]
    assert_marks_match_engine(reader)
    assert reader.panes["a"].ruler.mark_count() == len(reader.shown)
    # Furniture of seed 001 (navigation, captions, copyright) is marked to be shown dimmed.
    excluded = reader.panes["b"].marks("excluded")
    assert len(excluded) == len(reader.panes["b"].doc_text.excluded) > 0


@pytest.mark.parametrize("script", VIEW_SCRIPTS)
def test_every_script_keeps_highlights_on_the_same_words(qtbot, window, script):
    window.set_global_script(script)
    idle(qtbot, window)
    reader = window.reader
    for pane in reader.panes.values():
        assert pane.view.script == script
    assert assert_marks_match_engine(reader) == 2 * len(reader.shown)


def test_per_pane_script_overrides_the_global_one(qtbot, window):
    reader = window.reader
    reader.set_pane_script("b", "simplified")
    idle(qtbot, window)
    window.set_global_script("tw")
    idle(qtbot, window)
    assert reader.panes["a"].view.script == "tw"
    assert reader.panes["b"].view.script == "simplified"
    assert "协同" in reader.panes["b"].edit.toPlainText()  # the traditional seed read as simplified
    assert_marks_match_engine(reader)


def test_toggling_keeps_reading_position_and_selection(qtbot, window):
    reader = window.reader
    window.reader.set_sync(False)
    pane = reader.panes["b"]
    paragraph = pane.doc_text.paragraphs[len(pane.doc_text.paragraphs) // 2]
    pane.scroll_to_stored(paragraph.start)
    selection = (paragraph.start + 2, paragraph.start + 12)
    pane.select_stored(*selection)
    top_before = pane.paragraph_of(pane.stored_top())
    text_before = pane.selected_text()
    for script in ("simplified", "tw", "hk", "original"):
        window.set_global_script(script)
        idle(qtbot, window)
        assert pane.stored_selection() == selection
        assert pane.selected_text() == text_before
        assert abs(pane.paragraph_of(pane.stored_top()) - top_before) <= 1


def test_stepping_through_passages_in_reading_order(qtbot, window):
    reader = window.reader
    order = sorted(range(len(reader.shown)), key=lambda n: reader.shown[n].a_start)
    seen = []
    for _ in range(len(order)):
        window.next_action.trigger()
        seen.append(reader.active)
    assert seen[1:] == order[order.index(seen[0]) + 1:] + order[: order.index(seen[0])]
    window.prev_action.trigger()
    assert reader.active == seen[-2]
    # The focused pair is marked on both sides and its inline differences arrive.
    idle(qtbot, window)
    for side, pane in reader.panes.items():
        (active,) = pane.marks("active")
        assert active.passage == reader.active
    p = reader.shown[reader.active]
    for op_side, spans in reader.differs.items():
        lo, hi = (p.a_start, p.a_end) if op_side == "a" else (p.b_start, p.b_end)
        assert all(lo <= s < e <= hi for s, e in spans)
    if p.kind == "fuzzy":
        assert reader.differs["a"] or reader.differs["b"]


def test_clicking_a_passage_brings_its_counterpart_into_view(qtbot, window):
    reader = window.reader
    reader.set_sync(False)
    pa, pb = reader.panes["a"], reader.panes["b"]
    target = max(range(len(reader.shown)), key=lambda n: reader.shown[n].b_start)
    p = reader.shown[target]
    pb.scroll_to_stored(0)
    pa.scroll_to_stored(p.a_start)
    qtbot.waitUntil(lambda: pa.top_qt() <= pa.qt_span(p.a_start, p.a_end)[0] <= pa.bottom_qt())
    mark = pa.marks_by_passage("passages")[target]
    rect = pa.edit.cursorRect(_cursor(pa, mark.start + 1))
    qtbot.mouseClick(pa.edit.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert reader.active == reader.passage_at("a", pa.stored_position(mark.start + 1))
    shown = reader.shown[reader.active]
    b0 = pb.qt_span(shown.b_start, shown.b_end)[0]
    assert pb.top_qt() <= b0 <= pb.bottom_qt()
    window.repaint()
    QApplication.processEvents()
    assert reader.gutter.band_count > 0


def _cursor(pane, pos):
    c = pane.edit.textCursor()
    c.setPosition(pos)
    return c


def test_sync_scrolling_follows_the_alignment(qtbot, window):
    reader = window.reader
    pa, pb = reader.panes["a"], reader.panes["b"]
    pairs = sorted(reader.comparison.alignment.pairs, key=lambda x: -x.score)
    best = pairs[0]
    pa.scroll_to_stored(pa.doc_text.paragraphs[best.a].start)  # placing text programmatically: B stays
    bar = pa.edit.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd)  # the reader scrolls: B follows
    QApplication.processEvents()
    expected = reader.counterpart_position("a", pa.stored_top())
    assert expected is not None
    # B's top lands in the paragraph the alignment pairs with A's top paragraph.
    top_a = pa.paragraph_of(pa.stored_top())
    aligned = {x.b for x in reader.comparison.alignment.pairs if x.a == top_a}
    if aligned:
        assert pb.paragraph_of(expected) in aligned
    assert abs(pb.paragraph_of(pb.stored_top()) - pb.paragraph_of(expected)) <= 1
    # Off: B stays where it is.
    window.sync_action.setChecked(False)
    before = pb.stored_top()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    QApplication.processEvents()
    assert pb.stored_top() == before


def test_boilerplate_switch(qtbot, window):
    reader = window.reader
    hidden = len(reader.shown)
    total = len(reader.comparison.passages)
    window.boilerplate_action.setChecked(True)
    assert len(reader.shown) == total >= hidden
    assert_marks_match_engine(reader)
    window.boilerplate_action.setChecked(False)
    assert len(reader.shown) == hidden
    assert all(not p.boilerplate for p in reader.shown)


def test_find_in_pane_is_script_insensitive(qtbot, window):
    pane = window.reader.panes["a"]  # seed 000 is simplified
    pane.show_find()
    pane.find_box.setText("協同")
    qtbot.waitUntil(lambda: bool(pane.marks("found")), timeout=3000)
    found = pane.marks("found")
    assert len(found) == pane.view.text.count("协同")
    assert all(painted(pane, m) == "协同" for m in found)
    assert pane.edit.textCursor().selectedText() == "协同"


def test_copy_with_citation(qtbot, window):
    pane = window.reader.panes["b"]
    para = pane.doc_text.paragraphs[4]
    pane.select_stored(para.start, para.start + 10)
    pane.edit.setFocus()
    window.copy_citation_action.trigger()
    text = QApplication.clipboard().text()
    doc = pane.doc_text.document
    assert pane.doc_text.text[para.start : para.start + 10] in text
    assert f"《{doc.title}》" in text and doc.region in text and "paragraph 5" in text  # English: the tests run in the C locale


def test_later_run_restores_the_last_comparison(qtbot, window, library_path, settings):
    window.reader.open_pair(3, 4)
    idle(qtbot, window)
    window.close()
    again = MainWindow(library_path, window.documents, settings=Settings(settings._q.fileName()), chinese_font=True)
    qtbot.addWidget(again)
    again.open_initial()
    idle(qtbot, again)
    assert (again.reader.ids["a"], again.reader.ids["b"]) == (3, 4)
    assert [r["a"] for r in again.settings.recent][:2] == [3, 1]
    again.close()


def test_dark_palette_gets_dark_tints():
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    tl, td = Theme(light), Theme(dark)
    assert not tl.dark and td.dark
    for kind in ("verbatim", "fuzzy", "active"):
        assert tl.colors[kind].lightness() > 150 > td.colors[kind].lightness()
    # Text stays legible on every tint (WCAG AA, 4.5:1) in both themes.
    def luminance(c):
        f = [(x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4) for x in (c.redF(), c.greenF(), c.blueF())]
        return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]

    for theme, text in ((tl, QColor("#000000")), (td, QColor("#e6e6e6"))):
        for kind in ("verbatim", "fuzzy", "boilerplate", "active", "found", "evidence"):
            hi, lo = sorted((luminance(text), luminance(theme.colors[kind])), reverse=True)
            assert (hi + 0.05) / (lo + 0.05) >= 4.5, (theme.dark, kind)
    # Verbatim and fuzzy differ in hue, not only in lightness (colour-blind-safe pair).
    assert abs(tl.colors["verbatim"].hue() - tl.colors["fuzzy"].hue()) > 90


ASTRAL_A = ("𠀀𠀁前言𪚥🙂部分。\n\n𠀀𪚥🙂推动成渝地区双城经济圈教育协同发展框架协议，制定成渝地区双城经济圈教育协同发展行动计划。"
            "\n\n其他𠀂内容完全不同的句子在这里。\n")
ASTRAL_B = "别的开头。\n\n两地推动成渝地区双城经济圈教育协同发展框架协议，制定成渝地区双城经济圈教育协同发展行动计划。\n\n结尾。\n"


def test_characters_outside_the_bmp_do_not_shift_highlights(qtbot, window, tmp_path):
    (tmp_path / "astral_a.txt").write_text(ASTRAL_A, encoding="utf-8")
    (tmp_path / "astral_b.txt").write_text(ASTRAL_B, encoding="utf-8")
    with Library.open() as lib:
        a = lib.import_file(tmp_path / "astral_a.txt").document.id
        b = lib.import_file(tmp_path / "astral_b.txt").document.id
    reader = window.reader
    reader.open_pair(a, b)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: reader.comparison is not None and bool(reader.panes["a"].marks("passages")), timeout=20000)
    pane = reader.panes["a"]
    stored = pane.doc_text.text
    (mark,) = [m for m in pane.marks("passages") if "框架协议" in painted(pane, m)]
    p = reader.shown[mark.passage]
    assert painted(pane, mark) == stored[p.a_start : p.a_end]
    assert mark.start > p.a_start  # Qt counts the astral characters before it twice
    for script in ("traditional", "tw"):
        window.set_global_script(script)
        idle(qtbot, window)
        assert assert_marks_match_engine(reader) > 0
    # A selection made after astral characters maps back to the same code points.
    sel = (stored.index("内容"), stored.index("内容") + 2)
    pane.select_stored(*sel)
    assert pane.stored_selection() == sel and pane.selected_text() == "内容"
    assert pane.edit.textCursor().selectedText() == "內容"  # shown in Taiwan script


def test_task_runner_runs_off_the_ui_thread_and_drops_superseded_answers(qtbot, library_path):
    runner = TaskRunner(library_path)
    results, errors = [], []
    ui = threading.get_ident()
    gate = threading.Event()

    def slow(lib, progress, cancel):
        gate.wait(5)
        return "old"

    runner.run("x", slow, results.append)
    runner.run("x", lambda lib, p, c: (threading.get_ident(), len(lib.documents())), results.append)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10000)
    assert len(results) == 1 and results[0][0] != ui and results[0][1] == 5
    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.run("y", lambda lib, p, c: lib.document(999), results.append, on_error=errors.append)
    assert "no such document" in failed.args[1] and len(errors) == 1
    # Each worker keeps one connection for all its tasks, and closes it when the runner stops.
    connections = []
    for n in range(20):
        runner.run(f"c{n}", lambda lib, p, c: connections.append(id(lib)) or len(lib.documents()))
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10000)
    assert len(connections) == 20 and 1 <= len(set(connections)) <= 2
    runner.shutdown()
    assert not any(t.is_alive() for t in runner._threads)


def test_focusing_a_passage_shows_both_ends_even_with_sync_on(qtbot, window):
    reader = window.reader
    assert reader.sync
    for n in range(len(reader.shown)):
        reader.activate(n)
        p = reader.shown[n]
        for side, pane in reader.panes.items():
            start = pane.qt_span(*((p.a_start, p.a_end) if side == "a" else (p.b_start, p.b_end)))[0]
            assert pane.top_qt() <= start <= pane.bottom_qt(), (n, side)


def test_measure_cell_jumps_to_its_evidence_in_the_pane(qtbot, window):
    reader = window.reader
    row = next(r for r in reader.comparison.measures if reader.ids["b"] in r.mentions)
    start, end = row.mentions[reader.ids["b"]][-1]
    window.measures_panel.evidenceRequested.emit(reader.ids["b"], start, end)
    pane = reader.panes["b"]
    (mark,) = pane.marks("evidence")
    assert painted(pane, mark) == pane.view.text[slice(*pane.view.map.to_dst_span(start, end))]
    assert pane.top_qt() <= mark.start <= pane.bottom_qt()


def test_find_similar_from_a_selection_opens_the_hit_in_the_other_pane(qtbot, window):
    reader = window.reader
    pa = reader.panes["a"]
    text = pa.doc_text.text
    at = text.index("100名教师互派交流")
    pa.select_stored(at, at + len("100名教师互派交流"))
    pa.edit.setFocus()
    window.similar_action.trigger()
    model = window.similar_panel.results.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=20000)
    from duidu.ui.similar_model import Role as SimilarRole

    rows = [model.index(r, 0) for r in range(model.rowCount())]
    sel = (reader.ids["a"], at, at + len("100名教师互派交流"))
    assert not any(i.data(SimilarRole.DocumentId) == sel[0] and i.data(SimilarRole.Start) < sel[2]
                   and sel[1] < i.data(SimilarRole.End) for i in rows), "the selection itself is not a result"
    hit = next(i for i in rows if i.data(SimilarRole.DocumentId) not in reader.ids.values())
    doc_id, start, end = (hit.data(SimilarRole.DocumentId), hit.data(SimilarRole.Start), hit.data(SimilarRole.End))
    window.similar_panel.openRequested.emit(doc_id, start, end)
    idle(qtbot, window)
    pb = reader.panes["b"]
    assert reader.ids["a"] != doc_id == reader.ids["b"] == pb.document_id
    (mark,) = pb.marks("evidence")
    assert painted(pb, mark) == pb.view.text[slice(*pb.view.map.to_dst_span(start, end))]
    assert pb.top_qt() <= mark.start <= pb.bottom_qt()


def test_library_panel_compare_opens_that_pair(qtbot, window):
    # Seeds 1 (重庆) and 5 (两江新区—天府新区) share informative passages; 4 and 5 share only stock phrases.
    window.library_panel.compareRequested.emit(1, 5)
    idle(qtbot, window)
    reader = window.reader
    assert (reader.ids["a"], reader.ids["b"]) == (1, 5)
    assert reader.comparison is not None and (reader.comparison.a.id, reader.comparison.b.id) == (1, 5)
    qtbot.waitUntil(lambda: window.measures_panel.model.rowCount() > 0, timeout=5000)  # filled a turn later
    window.swap_action.trigger()
    idle(qtbot, window)
    assert (reader.ids["a"], reader.ids["b"]) == (5, 1) == (reader.comparison.a.id, reader.comparison.b.id)
    assert_marks_match_engine(reader)


def test_files_dropped_on_the_window_are_imported_and_offered_in_the_panes(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    new = tmp_path / "川渝职教合作.txt"
    new.write_text(ASTRAL_B.replace("别的开头", "川渝两地职业教育合作"), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(new))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(window.library_panel.libraryChanged, timeout=60000):
        QApplication.sendEvent(window, QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                                                  Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    chooser = window.reader.panes["b"].chooser
    titles = [chooser.itemText(i) for i in range(chooser.count())]
    # A text that opens with a sentence, not a title line, is named after its file.
    assert len(titles) == 6 and any(t.startswith("川渝职教合作") for t in titles)


def test_reading_font_draws_han_and_pinyin_tone_letters(window):
    from duidu.ui.fonts import covers

    for pane in window.reader.panes.values():
        font = pane.edit.font()
        assert covers(font, "协協网網ǎǜ"), font.family()


def test_wheel_and_keys_drive_sync_but_a_script_toggle_does_not(qtbot, window):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    reader = window.reader
    pa, pb = reader.panes["a"], reader.panes["b"]
    assert reader.sync
    pb.scroll_to_stored(pb.doc_text.paragraphs[len(pb.doc_text.paragraphs) // 2].start)
    pa.scroll_to_stored(pa.doc_text.paragraphs[len(pa.doc_text.paragraphs) // 2].start)
    tops = (pa.stored_top(), pb.stored_top())
    assert tops[1] > 0
    for script in ("simplified", "tw"):
        window.set_global_script(script)
        idle(qtbot, window)
        assert abs(pa.paragraph_of(pa.stored_top()) - pa.paragraph_of(tops[0])) <= 1
        assert abs(pb.paragraph_of(pb.stored_top()) - pb.paragraph_of(tops[1])) <= 1
    reader.set_pane_script("a", "original")
    idle(qtbot, window)
    assert abs(pb.paragraph_of(pb.stored_top()) - pb.paragraph_of(tops[1])) <= 1
    # A wheel turn over A's text is the reader scrolling: B follows the alignment.
    before = pb.stored_top()
    wheel = QWheelEvent(QPointF(50, 50), QPointF(pa.edit.viewport().mapToGlobal(QPoint(50, 50))), QPoint(0, 0),
                        QPoint(0, -600), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(pa.edit.viewport(), wheel)
    QApplication.processEvents()
    expected = reader.counterpart_position("a", pa.stored_top())
    assert pb.stored_top() != before
    at = pb.qt_span(expected, expected)[0]
    assert pb.top_qt() <= at <= pb.bottom_qt()  # at the top, or in view where B can scroll no further


def test_focusing_a_passage_while_a_script_loads_marks_that_passage(qtbot, window):
    reader = window.reader
    window.set_global_script("tw")  # the load runs on a worker ...
    reader.activate(3)  # ... while the reader focuses another passage
    idle(qtbot, window)
    for pane in reader.panes.values():
        assert [m.passage for m in pane.marks("active")] == [3]
        assert pane.view.script == "tw"
    assert_marks_match_engine(reader)


def test_swap_keeps_each_documents_place_and_mirrors_the_analysis(qtbot, window):
    reader = window.reader
    pa, pb = reader.panes["a"], reader.panes["b"]
    reader.set_pane_script("b", "simplified")
    idle(qtbot, window)
    reader.activate(2)
    idle(qtbot, window)
    a_id, b_id = reader.ids["a"], reader.ids["b"]
    tops = {a_id: pa.paragraph_of(pa.stored_top()), b_id: pb.paragraph_of(pb.stored_top())}
    before = reader.comparison
    passage = reader.shown[2]
    window.swap_action.trigger()
    assert not window.tasks.channels() or "compare" not in window.tasks.channels()  # nothing recomputed
    idle(qtbot, window)
    assert (reader.ids["a"], reader.ids["b"]) == (b_id, a_id)
    assert pa.view.script == "simplified" and pb.view.script == "original"
    assert (reader.comparison.a.id, reader.comparison.b.id) == (b_id, a_id)
    assert reader.comparison.similarity.a_in_b == before.similarity.b_in_a
    now = reader.shown[reader.active]
    assert (now.a_start, now.a_end, now.b_start, now.b_end) == (passage.b_start, passage.b_end, passage.a_start, passage.a_end)
    assert abs(pa.paragraph_of(pa.stored_top()) - tops[b_id]) <= 1
    assert abs(pb.paragraph_of(pb.stored_top()) - tops[a_id]) <= 1
    assert_marks_match_engine(reader)
    with Library.open() as lib:  # the mirror is what comparing B with A gives
        fresh = lib.compare(b_id, a_id)
    assert sorted((p.a_start, p.b_start) for p in fresh.shown()) == sorted((p.a_start, p.b_start) for p in reader.shown)


def test_first_run_shows_the_window_before_the_library_is_seeded(qtbot, tmp_path, settings):
    path = tmp_path / "new" / "library.sqlite"
    win = MainWindow(path, [], settings=settings, chinese_font=True)
    qtbot.addWidget(win)
    win.show()
    win.open_initial()  # returns at once: a worker creates and seeds the library
    assert win.isVisible() and win.documents == []
    qtbot.waitUntil(lambda: win.reader.comparison is not None, timeout=60000)
    names = {d.id: d.file_name for d in win.documents}
    assert len(names) == 5
    assert names[win.reader.ids["a"]].startswith("000_") and names[win.reader.ids["b"]].startswith("001_")
    assert win.library_panel.model.rowCount() == 5
    win.close()


def test_first_run_workers_open_the_new_library_one_at_a_time(qtbot, tmp_path, settings, monkeypatch):
    """The notes panel and the window both ask a worker for the new library at once: only one seeds it."""
    from duidu.library import seeds
    from duidu.ui.tasks import TaskRunner

    real_open, real_seed = Library.open.__func__, seeds.import_seeds
    inside, most = [0], [0]
    queued = threading.Condition()
    at_door = []  # workers that have asked to open the library

    class CountedLock:
        """The runner's opening lock, noting each worker that arrives at it."""

        def __init__(self):
            self._lock = threading.Lock()

        def __enter__(self):
            with queued:
                at_door.append(threading.current_thread().name)
                queued.notify_all()
            self._lock.acquire()

        def __exit__(self, *exc):
            self._lock.release()

    real_init = TaskRunner.__init__

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self._opening = CountedLock()  # no task is queued yet: the workers have not opened anything

    monkeypatch.setattr(TaskRunner, "__init__", init)

    def counted_open(cls, *args, **kwargs):
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        try:
            return real_open(cls, *args, **kwargs)
        finally:
            inside[0] -= 1

    def slow_seed(lib):
        with queued:  # the first worker seeds only once a second one is waiting to open
            arrived[0] = queued.wait_for(lambda: len(at_door) >= 2, timeout=60)
        return real_seed(lib)

    arrived = [False]

    monkeypatch.setattr(Library, "open", classmethod(counted_open))
    monkeypatch.setattr(seeds, "import_seeds", slow_seed)
    win = MainWindow(tmp_path / "new" / "library.sqlite", [], settings=settings, chinese_font=True)
    qtbot.addWidget(win)
    failures = []
    win.tasks.failed.connect(lambda label, reason: failures.append((label, reason)))
    win.show()
    win.open_initial()
    qtbot.waitUntil(lambda: win.reader.comparison is not None, timeout=60000)
    idle(qtbot, win)
    assert arrived[0] and most[0] == 1 and failures == []
    assert win.notes_ui.notes.codes  # the notes panel's first load was not lost to a busy library
    win.close()


def test_resizing_the_window_keeps_the_text_at_the_top_of_each_pane(qtbot, window):
    """Narrower panes re-wrap every line; the reader still sees the line they were reading."""
    panes = window.reader.panes
    for pane in panes.values():
        para = pane.doc_text.paragraphs[len(pane.doc_text.paragraphs) * 2 // 3]
        pane.scroll_to_stored(para.start)
    tops = {s: p.stored_top() for s, p in panes.items()}
    assert all(tops.values())
    for width in (1100, 1500, 900):
        widths = {s: p.edit.viewport().width() for s, p in panes.items()}
        window.resize(width, 1000)
        qtbot.waitUntil(lambda: all(p.edit.viewport().width() != widths[s] for s, p in panes.items()), timeout=5000)
        settled(qtbot, window)  # any later relayout has happened too
        for side, pane in panes.items():
            per_line = pane.edit.viewport().width() // pane.edit.fontMetrics().horizontalAdvance("中") + 1
            # The line shown at the top now is the one holding the text that was there.
            assert 0 <= tops[side] - pane.stored_top() < per_line, (width, side, tops[side], pane.stored_top())


def test_resizing_keeps_the_place_at_the_end_of_a_document(qtbot, window):
    """Scrolled to the very end (the position lies below the top line): a re-wrap keeps the top line's text."""
    pane = window.reader.panes["b"]
    pane.scroll_to_qt(pane.qt_map().dst_len - 5)
    top = pane.stored_top()
    widths = pane.edit.viewport().width()
    window.resize(1100, 1000)
    qtbot.waitUntil(lambda: pane.edit.viewport().width() != widths, timeout=5000)
    settled(qtbot, window)
    cursor = QTextCursor(pane.edit.document())
    cursor.setPosition(pane.qt_span(top, top)[0])
    rect = pane.edit.cursorRect(cursor)  # the text that was at the top is on the top line still
    assert 0 <= rect.top() < pane.edit.fontMetrics().lineSpacing(), (top, pane.stored_top(), rect.top())


def test_highlighting_is_lazy_off_screen_and_finishes_in_idle_turns(qtbot, window):
    reader = window.reader
    pane = reader.panes["a"]  # 4,766 characters: more blocks than one screen
    pane.scroll_to_stored(0)
    layers = {k: v for k, v in pane._marks.items() if k == "passages"}
    pane.set_layers({})
    pane.highlighter.finish()
    pane.set_layers(layers)  # as a new comparison does
    first, last = pane.visible_blocks()
    hl = pane.highlighter
    passages = pane.marks("passages")
    on_screen = [m for m in passages if pane.edit.document().findBlock(m.start).blockNumber() <= last]
    off_screen = [m for m in passages if pane.edit.document().findBlock(m.start).blockNumber() > last + 1]
    assert on_screen and off_screen and hl.pending() > 0
    assert all(formatted(pane, m, finish=False) for m in on_screen)  # what the reader sees: at once
    assert not all(formatted(pane, m, finish=False) for m in off_screen)
    qtbot.waitUntil(lambda: hl.pending() == 0, timeout=5000)  # the rest arrives without blocking
    assert all(formatted(pane, m) for m in passages)



def _rows_under_first_line(pane, qt_start: int) -> list[list[str]]:
    """The pixel colours of the six rows just under the first line of a coded passage, across
    its width (a little inside each end: the glyphs' edges are not the mark)."""
    edit = pane.edit
    image = edit.viewport().grab().toImage()
    block = edit.document().findBlock(qt_start)
    line = block.layout().lineForTextPosition(qt_start - block.position())
    x0, x1 = (line.cursorToX(p) for p in (qt_start - block.position(), line.textStart() + line.textLength()))
    x0, x1 = (x[0] if isinstance(x, tuple) else x for x in (x0, x1))
    baseline = edit.blockBoundingGeometry(block).translated(edit.contentOffset()).top() + line.y() + line.ascent()
    return [[image.pixelColor(x, y).name() for x in range(int(x0) + 2, int(x1) - 2)]
            for y in range(int(baseline) + 1, int(baseline) + 7)]


def _underline_rows_that_show(pane, qt_start: int, page: str, ratio: float = 3.0) -> int:
    """Rows just under the first line of a coded passage where most of its width stands out from
    the page by ``ratio`` (a line one can see, not a glyph's stray pixels)."""
    from duidu.ui.colours import contrast

    return sum(sum(contrast(c, page) >= ratio for c in row) >= 0.6 * len(row)
               for row in _rows_under_first_line(pane, qt_start))


def _underline_pixels(pane, qt_start: int, page: str) -> list[str]:
    """The colours of the rows under a coded passage's first line that differ from the page (the bar)."""
    rows = []
    for colours in _rows_under_first_line(pane, qt_start):
        common = max(set(colours), key=colours.count)
        if colours.count(common) >= 0.6 * len(colours) and common != page:  # a row drawn across, not glyphs
            rows.append(common)
    return rows


def _stripe_pixels(pane) -> list[str]:
    """The colours the margin paints for the code stripe (its lane), apart from the margin's ground."""
    margin = pane.margin
    image = margin.grab().toImage()
    ground = pane.edit.palette().color(QPalette.ColorRole.Window).name()
    from duidu.ui.paragraph_margin import STRIPE

    x = margin.width() - 2 - (STRIPE + 1) + 1  # the first lane's middle
    colours = {image.pixelColor(x, y).name() for y in range(image.height())} - {ground}
    return sorted(c for c in colours if c != pane.edit.palette().color(QPalette.ColorRole.PlaceholderText).name())


@pytest.mark.parametrize("page, text, code", [("#1e1e1e", "#e6e6e6", "#0c3060"),  # dark navy on the dark theme
                                              ("#ffffff", "#000000", "#fce430")])  # pale yellow on the light one
def test_a_code_underline_shows_on_either_page(qtbot, window, page, text, code):
    pane = window.reader.panes["a"]
    palette = pane.edit.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(page))
    palette.setColor(QPalette.ColorRole.Text, QColor(text))
    pane.edit.setPalette(palette)
    pane.set_layer("passages", [])  # the page itself behind the passage, no tint
    settled(qtbot, window)
    block = pane.edit.firstVisibleBlock()
    while block.length() < 40:
        block = block.next()
    start = pane.stored_position(block.position())
    assert _underline_rows_that_show(pane, block.position(), page) == 0  # nothing there before
    pane.set_notes([(1, start, start + 30, code)])
    pane.highlighter.finish()
    settled(qtbot, window)
    qt_start = pane.marks("notes")[0].start
    assert _underline_rows_that_show(pane, qt_start, page) >= 1
    # What shows is the code's colour, not a grey line (issue 14: the last edge was the text colour):
    # under the text and in the margin's stripe, the marks' pixels keep the code's hue and chroma.
    from duidu.ui.colours import chroma, hue_angle

    for where, pixels in (("under the text", _underline_pixels(pane, qt_start, page)), ("in the margin", _stripe_pixels(pane))):
        assert pixels, where
        for colour in pixels:
            turn = abs(hue_angle(colour) - hue_angle(code)) % 360
            assert min(turn, 360 - turn) <= 12 and chroma(colour) >= 0.6 * chroma(code), (where, colour, code)


def _cell_colours(pane, qt_start: int, qt_end: int) -> list[str]:
    """Every pixel colour of the boxes the characters ``qt_start..qt_end`` take on screen (one line)."""
    edit = pane.edit
    image = edit.viewport().grab().toImage()
    block = edit.document().findBlock(qt_start)
    line = block.layout().lineForTextPosition(qt_start - block.position())
    end = min(qt_end - block.position(), line.textStart() + line.textLength())
    x0, x1 = (line.cursorToX(p) for p in (qt_start - block.position(), end))
    x0, x1 = (x[0] if isinstance(x, tuple) else x for x in (x0, x1))
    top = edit.blockBoundingGeometry(block).translated(edit.contentOffset()).top() + line.y()
    ratio = image.devicePixelRatio()
    return [image.pixelColor(int(x * ratio), int(y * ratio)).name()
            for x in range(int(x0) + 1, int(x1) - 1) for y in range(int(top) + 1, int(top + line.height()) - 1)]


@pytest.mark.parametrize("page, text", [("#ffffff", "#000000"), ("#1e1e1e", "#e6e6e6")])
def test_differing_characters_stand_out_on_the_rendered_pane(qtbot, window, page, text):
    """Issue 14 part 4: the characters a fuzzy passage changes were a 1-px wave, lost in running
    text. On screen they now sit on a solid block of the differences' colour, in its own text
    colour, set apart from the focus tint around them (WCAG 3:1) in either theme."""
    from duidu.ui.colours import contrast
    from duidu.ui.highlighter import _TINTS, ACTIVE, DIFFERS, DIFFERS_TEXT

    reader = window.reader
    for pane in reader.panes.values():
        palette = pane.edit.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(page))
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
        pane.edit.setPalette(palette)
        pane.refresh_theme()
    dark = reader.panes["a"].theme.dark
    assert dark == (page != "#ffffff")
    fuzzy = [n for n, p in enumerate(reader.shown) if p.kind == "fuzzy" and not p.boilerplate]
    assert fuzzy
    for n in fuzzy:
        reader.activate(n)
        idle(qtbot, window)
        if reader.differs["a"] or reader.differs["b"]:
            break
    side = "a" if reader.differs["a"] else "b"
    pane = reader.panes[side]
    settled(qtbot, window)
    mark = max(pane.marks("differs"), key=lambda m: m.end - m.start)
    pane.edit.setTextCursor(pane.edit.textCursor())  # no selection drawn over it
    colours = _cell_colours(pane, mark.start, mark.end)
    block_colour, focus = _TINTS[dark][DIFFERS], _TINTS[dark][ACTIVE]
    assert colours.count(block_colour) >= 0.4 * len(colours), (block_colour, max(set(colours), key=colours.count))
    assert contrast(block_colour, focus) >= 3.0 and contrast(block_colour, page) >= 3.0
    # The glyphs on it are drawn in the block's own text colour, legible on it (4.5:1).
    assert contrast(DIFFERS_TEXT[dark], block_colour) >= 4.5
    # (the glyph's core: the pixel furthest from the block; its edges are blended by antialiasing)
    core = max(colours, key=lambda c: contrast(c, block_colour))
    assert contrast(core, block_colour) >= 3.0 and contrast(core, DIFFERS_TEXT[dark]) < 1.5, core
    # The focused passage's other characters keep the focus tint: the block marks only what differs.
    active = pane.marks("active")[0]
    before = [c for c in _cell_colours(pane, active.start, min(active.end, mark.start))] if active.start < mark.start else []
    if before:
        assert block_colour not in set(before)
