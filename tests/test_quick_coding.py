"""Issue 14 part 6: coding at speed — quick coding, code counts, the notes panel as cards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from duidu.ui.annotate_dialog import AnnotateDialog


@pytest.fixture
def window(annotator_window):
    return annotator_window


def visible_names(dialog) -> list[str]:
    out = []

    def walk(item, parent_index):
        for row in range(item.rowCount()):
            child = item.child(row)
            if not dialog.tree.isRowHidden(row, parent_index):
                out.append(child.text())
            walk(child, child.index())

    walk(dialog.model.invisibleRootItem(), dialog.model.invisibleRootItem().index())
    return out


def test_the_code_filter_finds_either_script_and_enter_ticks(window):
    codes = window.notes_ui.notes.codes
    target = next(c for c in codes if "协调" in c.name)
    dialog = AnnotateDialog(codes, ["引文"], parent=window)
    dialog.filter.setText("協調")  # traditional: the codebook is simplified
    shown = visible_names(dialog)
    assert any(target.name in name for name in shown)
    assert not any("经费" in name for name in shown)
    dialog.filter.returnPressed.emit()
    assert dialog.filter.text() == ""
    assert len(dialog.code_ids()) == 1 and "协调" in window.notes_ui.notes.code_map()[dialog.code_ids()[0]].name
    dialog.deleteLater()


def test_recent_codes_get_a_key_and_quick_coding_needs_no_dialog(window, qtbot):
    ui, notes = window.notes_ui, window.notes_ui.notes
    pane = window.reader.panes["a"]
    code = next(c for c in notes.codes if c.name == "经费投入")
    pane.select_stored(100, 110)
    pane.edit.setFocus()
    ui.annotate_selection()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AnnotateDialog)
    dialog.set_checked(code.id, True)
    dialog.accept()
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    assert ui.recent_codes[0] == code.id and window.settings.recent_codes[0] == code.id
    # The next dialog offers it on key 1.
    pane.select_stored(200, 210)
    ui.annotate_selection()
    dialog = QApplication.activeModalWidget()
    assert dialog.recent_buttons and dialog.recent_buttons[0].text() == "1 经费投入"
    dialog.tree.setFocus()
    QTest.keyClick(dialog, Qt.Key.Key_1)
    assert dialog.code_ids() == [code.id]
    dialog.reject()
    # Alt+1 in a pane: tagged at once.
    pane.select_stored(300, 312)
    ui.quick_code(1)
    qtbot.waitUntil(lambda: len(notes.annotations) == 2, timeout=10000)
    assert any(a.targets[0].start == 300 and list(a.code_ids) == [code.id] for a in notes.annotations), [(a.targets[0].document_id, a.targets[0].start, a.code_ids) for a in notes.annotations]
    ui.label_quick_actions()
    assert ui.quick_actions[0].text().endswith("经费投入") and not ui.quick_actions[1].isEnabled()


def test_codebook_counts_and_cards_with_both_quotes(window, qtbot):
    from duidu.ui.codebook_dialog import CodebookDialog
    from duidu.ui.notes_model import QUOTE

    ui, notes = window.notes_ui, window.notes_ui.notes
    code = next(c for c in notes.codes if c.name == "经费投入")
    reader = window.reader
    p = reader.shown[0]
    a_id, b_id = reader.ids["a"], reader.ids["b"]
    notes.link((a_id, p.a_start, p.a_end), (b_id, p.b_start, p.b_end), code_ids=[code.id], note="两地说法一致")
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    dialog = CodebookDialog(notes, window)
    qtbot.addWidget(dialog)
    texts = [dialog.model.item(r).child(c).text() for r in range(dialog.model.rowCount())
             for c in range(dialog.model.item(r).rowCount())]
    assert "经费投入  (1)" in texts
    panel = ui.panel
    assert [c for c in range(panel.model.columnCount()) if not panel.table.isColumnHidden(c)] == [QUOTE]
    index = panel.proxy.index(0, QUOTE)
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.palette = panel.table.palette()
    html = panel.cards._html(index, option.palette, False)
    assert p.a_text[:20] in html and p.b_text[:20] in html  # both quotes of a comparison note
    assert "两地说法一致" in html and "经费投入" in html and "张三" in html
    assert panel.table.rowHeight(0) > panel.table.fontMetrics().height() * 2  # a card, not a line


def test_quick_coding_with_the_keys_as_a_coder_presses_them(window, qtbot):
    """Keys sent to the widget that has the focus, as the keyboard sends them (the dialog itself
    never sees a digit the filter or the tree takes first): 1 ticks the last used code while the
    filter is empty, Alt+1 while typing; Enter in the filter ticks the first match and keeps the
    dialog open, Enter on an empty filter is OK — and never ticks the codebook's first code."""
    ui, notes = window.notes_ui, window.notes_ui.notes
    pane = window.reader.panes["a"]
    recent = next(c for c in notes.codes if c.name == "经费投入")
    target = next(c for c in notes.codes if "协调" in c.name)
    ui._used([recent.id])
    pane.select_stored(100, 112)
    pane.edit.setFocus()
    ui.annotate_selection()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AnnotateDialog) and dialog.focusWidget() is dialog.filter
    QTest.keyClick(dialog.filter, Qt.Key.Key_1)  # the filter is empty: the key is the code's
    assert dialog.code_ids() == [recent.id] and dialog.filter.text() == ""
    QTest.keyClick(dialog.filter, Qt.Key.Key_1)  # again: untick
    assert dialog.code_ids() == []
    dialog.filter.setText("協調")  # what an input method leaves in the box
    QTest.keyClick(dialog.filter, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # typing: Alt+1
    assert dialog.code_ids() == [recent.id] and dialog.filter.text() == "協調"
    QTest.keyClick(dialog.filter, Qt.Key.Key_Return)  # ticks 协调…, clears, stays open for the next
    assert dialog.isVisible() and dialog.filter.text() == ""
    assert sorted(dialog.code_ids()) == sorted([recent.id, target.id])
    dialog.tree.setFocus()
    QTest.keyClick(dialog.tree, Qt.Key.Key_1)  # in the tree too (not its type-ahead search)
    assert dialog.code_ids() == [target.id]
    dialog.filter.setFocus()
    QTest.keyClick(dialog.filter, Qt.Key.Key_Return)  # empty filter: OK, nothing more ticked
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    assert list(notes.annotations[0].code_ids) == [target.id]
    # Alt+1 in the pane: the selection coded at once, through the window's shortcut.
    window.activateWindow()  # back from the dialog, as the window manager does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    pane.select_stored(300, 312)
    pane.edit.setFocus()
    QTest.keyClick(pane.edit, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(notes.annotations) == 2, timeout=10000)
    assert any(a.targets[0].start == 300 for a in notes.annotations)
