"""Issue 14 part 5, as a reader steps through a pair: what the window says and what the
passages list offers (test_reading_comfort holds the list's and the position's basics)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from duidu.ui.passages_panel import INDEX_ROLE, SORT_ROLE


def test_the_wrap_is_still_said_once_the_differences_are_counted(annotator_window, qtbot):
    """Stepping past the last passage says so; the inline diff's count, which arrives a moment
    later, used to replace that line in the status bar before anyone could read it."""
    window = annotator_window
    reader, bar = window.reader, window.statusBar()
    last = reader._order["a"][-1]
    reader.activate(last)
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=30000)
    reader.step(+1)
    qtbot.waitUntil(lambda: "Differences in this passage" in bar.currentMessage(), timeout=30000)
    assert reader.position()[0] == 1
    assert "back to the first" in bar.currentMessage()
    # An ordinary step says only the count: the wrap is not repeated.
    reader.step(+1)
    qtbot.waitUntil(lambda: reader.position()[0] == 2 and not window.tasks.busy(), timeout=30000)
    qtbot.waitUntil(lambda: "Differences in this passage" in bar.currentMessage(), timeout=30000)
    assert "back to the first" not in bar.currentMessage()
    reader.activate(reader._order["a"][0])
    reader.step(-1)
    qtbot.waitUntil(lambda: "Differences in this passage" in bar.currentMessage(), timeout=30000)
    assert "on to the last" in bar.currentMessage()


def test_sorting_by_kind_orders_the_fuzzy_passages_by_similarity(annotator_window):
    """Kind: the fuzzy passages first, least alike at the top (where a reviewer starts), then
    the verbatim ones in reading order — not the fuzzy ones in whatever order they came."""
    window = annotator_window
    reader, panel = window.reader, window.passages_panel
    shown = reader.shown
    fuzzy = [p.similarity for p in shown if p.kind == "fuzzy"]
    assert len(set(fuzzy)) >= 2 and any(p.kind == "verbatim" for p in shown)  # the seed pair has both
    panel.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    rows = [panel.proxy.index(r, 0).data(INDEX_ROLE) for r in range(panel.proxy.rowCount())]
    kinds = [shown[n].kind for n in rows]
    assert kinds == sorted(kinds)  # "fuzzy" < "verbatim": all fuzzy first
    assert [shown[n].similarity for n in rows[:len(fuzzy)]] == sorted(fuzzy)
    verbatim = rows[len(fuzzy):]
    assert verbatim == sorted(verbatim)
    assert panel.proxy.index(0, 4).data(SORT_ROLE) == min(fuzzy)
    # Rows are two lines of text tall (the text is what is read), every row alike.
    line = panel.table.fontMetrics().lineSpacing()
    assert 2 * line <= panel.table.rowHeight(0) <= 2 * line + 10
    assert {panel.table.rowHeight(r) for r in range(panel.proxy.rowCount())} == {panel.table.rowHeight(0)}


def test_the_text_column_keeps_room_for_the_passage(annotator_window):
    """The figures' columns are as wide as their values; a long header ("Informative") is cut and
    whole in its tooltip. The text column showed only "…" in English at 1600x1000."""
    window = annotator_window
    panel = window.passages_panel
    window.side_tabs.setCurrentWidget(panel)
    table, fm = panel.table, panel.table.fontMetrics()
    assert table.columnWidth(5) >= 5 * fm.horizontalAdvance("中")
    assert table.horizontalScrollBar().maximum() == 0  # every column in view, none scrolled off
    model = panel.model
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Informative"
    assert table.isColumnHidden(0)  # the reading order (#): the header's menu shows it
    for col in range(1, 5):  # a column still shows its widest value whole
        widest = max(fm.horizontalAdvance(panel.proxy.index(r, col).data()) for r in range(panel.proxy.rowCount()))
        assert table.columnWidth(col) > widest
