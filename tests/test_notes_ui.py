"""Notes in the real window: tagging a selection, comparison notes, the panel, undo/redo, the codebook."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from duidu.library.store import Library
from duidu.ui.annotate_dialog import AnnotateDialog, checked_ids
from duidu.ui.notes_model import NoteRole


@pytest.fixture
def window(annotator_window):
    return annotator_window


def idle(qtbot, win):
    qtbot.waitUntil(lambda: not win.tasks.busy(), timeout=30000)


def painted(pane, mark) -> str:
    c = pane.edit.textCursor()
    c.setPosition(mark.start)
    c.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
    return c.selectedText().replace("\u2060", "")  # the joiners keeping figures with units are display only


def code_id(win, name: str) -> int:
    return next(c.id for c in win.notes_ui.notes.codes if c.name == name)


def library_notes():
    with Library.open() as lib:
        return lib.annotations()


def test_tagging_a_selection_draws_it_lists_it_and_undo_takes_it_back(qtbot, window):
    ui, notes = window.notes_ui, window.notes_ui.notes
    pane = window.reader.panes["b"]  # seed 001, traditional
    text = pane.doc_text.text
    start = text.index("職教集團")
    pane.select_stored(start, start + 4)
    tag = code_id(window, "产教融合与校企合作")
    notes.annotate(pane.document_id, start, start + 4, code_ids=[tag], note="两地共建 **职教集团**")
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    (saved,) = library_notes()
    assert (saved.targets[0].start, saved.targets[0].quote, saved.annotator) == (start, "職教集團", "张三")
    (mark,) = pane.marks("notes")
    assert painted(pane, mark) == "職教集團"
    # The note stays on the same words in every script.
    for script in ("simplified", "tw", "hk", "original"):
        window.set_global_script(script)
        idle(qtbot, window)
        (mark,) = pane.marks("notes")
        assert painted(pane, mark) == pane.view.text[slice(*pane.view.map.to_dst_span(start, start + 4))]
    # The panel lists it, filters by tag (and the tag's group) and by text in either script.
    panel = ui.panel
    assert panel.proxy.rowCount() == 1
    panel.text_filter.setText("职教集团")
    assert panel.proxy.rowCount() == 1
    panel.text_filter.setText("学分银行")
    assert panel.proxy.rowCount() == 0
    panel.text_filter.clear()
    # The code filter is typed, in either script: the group's name in traditional characters finds
    # the note coded under it; another code's name, typed in traditional, finds nothing.
    from duidu.text.script import convert

    group = next(c for c in notes.codes if c.id == next(c for c in notes.codes if c.id == tag).parent_id)
    panel.code_filter.setText(group.name)  # 需求型: a group stands for the codes under it
    assert panel.proxy.rowCount() == 1
    panel.code_filter.setText("產教")  # part of 产教融合与校企合作, typed in traditional
    assert panel.proxy.rowCount() == 1
    panel.code_filter.setText(convert("经费投入", "s2t").text)  # 經費投入
    assert panel.code_filter.text() == "經費投入" and panel.proxy.rowCount() == 0
    panel.code_filter.setText("協調")  # 组织保障与协调机制: a part of a name, in the other script
    assert panel.codes_matching("協調") == {code_id(window, "组织保障与协调机制")}
    panel.code_filter.clear()
    assert panel.proxy.rowCount() == 1
    # Undo deletes it from the library and the pane; redo brings back the same note.
    window.notes_ui.undo_action.trigger()
    qtbot.waitUntil(lambda: not notes.annotations, timeout=10000)
    assert library_notes() == [] and pane.marks("notes") == []
    window.notes_ui.redo_action.trigger()
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    (back,) = library_notes()
    assert (back.id, back.guid, back.note) == (saved.id, saved.guid, saved.note)
    assert len(pane.marks("notes")) == 1


def test_comparison_note_from_the_focused_shared_passage(qtbot, window):
    reader, notes = window.reader, window.notes_ui.notes
    reader.activate(1)
    idle(qtbot, window)
    spans = window.notes_ui.comparison_spans()
    p = reader.shown[1]
    assert spans == ((reader.ids["a"], p.a_start, p.a_end), (reader.ids["b"], p.b_start, p.b_end))
    notes.link(*spans, note="同一措施：四川出资，重庆要求")
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    (link,) = library_notes()
    assert link.kind == "comparison" and [t.quote for t in link.targets] == [p.a_text, p.b_text]
    for side in ("a", "b"):
        (mark,) = reader.panes[side].marks("notes")
        assert painted(reader.panes[side], mark) == (p.a_text if side == "a" else p.b_text) or reader.panes[side].view.script != "original"
    # Selections on both sides win over the focused passage.
    pa, pb = reader.panes["a"], reader.panes["b"]
    pa.select_stored(10, 20)
    pb.select_stored(100, 110)
    assert window.notes_ui.comparison_spans() == ((reader.ids["a"], 10, 20), (reader.ids["b"], 100, 110))


def test_edit_and_delete_from_the_panel_are_undoable(qtbot, window):
    notes, panel = window.notes_ui.notes, window.notes_ui.panel
    pane = window.reader.panes["a"]
    notes.annotate(pane.document_id, 100, 120, code_ids=[code_id(window, "经费投入")], note="旧")
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    note = notes.annotations[0]
    notes.edit(note, [code_id(window, "试点示范")], "新")
    qtbot.waitUntil(lambda: notes.annotations and notes.annotations[0].note == "新", timeout=10000)
    assert library_notes()[0].code_ids == (code_id(window, "试点示范"),)
    window.notes_ui.undo_action.trigger()
    qtbot.waitUntil(lambda: notes.annotations[0].note == "旧", timeout=10000)
    assert library_notes()[0].code_ids == (code_id(window, "经费投入"),)
    panel.table.setCurrentIndex(panel.proxy.index(0, 0))
    panel.delete_button.click()
    qtbot.waitUntil(lambda: not notes.annotations, timeout=10000)
    assert library_notes() == []
    window.notes_ui.undo_action.trigger()
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    assert library_notes()[0].note == "旧"


def test_blind_mode_shows_only_my_notes(qtbot, window):
    notes, panel = window.notes_ui.notes, window.notes_ui.panel
    pane = window.reader.panes["a"]
    with Library.open() as lib:
        lib.annotate(pane.document_id, 200, 210, annotator="李四")
    notes.annotate(pane.document_id, 300, 310)
    qtbot.waitUntil(lambda: len(notes.annotations) == 2, timeout=10000)
    assert panel.model.rowCount() == 2 and len(pane.marks("notes")) == 2
    panel.blind.setChecked(True)
    assert panel.model.rowCount() == 1 and panel.model.index(0, 0).data(NoteRole.Annotator) == "张三"
    assert len(pane.marks("notes")) == 1


def test_codebook_edits_are_undoable(qtbot, window):
    notes = window.notes_ui.notes
    before = len(notes.codes)
    notes.add_code("学分银行", parent_id=code_id(window, "资源共建共享"))
    qtbot.waitUntil(lambda: len(notes.codes) == before + 1, timeout=10000)
    new = code_id(window, "学分银行")
    pane = window.reader.panes["a"]
    notes.annotate(pane.document_id, 50, 60, code_ids=[new])
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    target = code_id(window, "经费投入")
    notes.delete_code(next(c for c in notes.codes if c.id == new), reassign_to=target)
    qtbot.waitUntil(lambda: len(notes.codes) == before, timeout=10000)
    assert library_notes()[0].code_ids == (target,)
    window.notes_ui.undo_action.trigger()
    qtbot.waitUntil(lambda: len(notes.codes) == before + 1, timeout=10000)
    assert library_notes()[0].code_ids == (new,)
    window.notes_ui.undo_action.trigger()  # the note
    window.notes_ui.undo_action.trigger()  # the code
    qtbot.waitUntil(lambda: len(notes.codes) == before and not notes.annotations, timeout=10000)


def test_annotate_dialog_and_models(qtbot, window, qtmodeltester):
    notes = window.notes_ui.notes
    dialog = AnnotateDialog(notes.codes, ["一段引文"], code_ids=[code_id(window, "试点示范")], note="n")
    qtbot.addWidget(dialog)
    assert dialog.code_ids() == [code_id(window, "试点示范")] and dialog.note_text() == "n"
    qtmodeltester.check(dialog.model)
    dialog.filter.setText("经费")
    pane = window.reader.panes["a"]
    notes.annotate(pane.document_id, 5, 15)
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    qtmodeltester.check(window.notes_ui.panel.model)
    qtmodeltester.check(window.notes_ui.panel.proxy)
    assert checked_ids(dialog.model) == [code_id(window, "试点示范")]


def test_bad_span_is_refused_with_one_line_and_nothing_saved(qtbot, window):
    notes = window.notes_ui.notes
    with qtbot.waitSignal(notes.failed, timeout=10000) as failed:
        notes.annotate(window.reader.ids["a"], 10, 10 ** 7)
    assert "\n" not in failed.args[0] and failed.args[0]
    assert library_notes() == [] and notes.undo_stack.count() == 0


def test_a_revised_document_reanchors_its_notes_and_an_orphan_is_placed_by_hand(qtbot, window, tmp_path):
    notes, reader = window.notes_ui.notes, window.reader
    pane = reader.panes["a"]
    doc = pane.document_id
    text = pane.doc_text.text
    kept = text.index("职教集团")
    gone_at = text.index("100名教师互派交流")
    notes.annotate(doc, kept, kept + 4, note="stays")
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    notes.annotate(doc, gone_at, gone_at + 10, note="loses its sentence")
    qtbot.waitUntil(lambda: len(notes.annotations) == 2, timeout=10000)
    revised = ("新增的第一段，说明修订。\n\n" + text).replace("100名教师互派交流", "")
    (tmp_path / "revised.txt").write_text(revised, encoding="utf-8")
    reports = []
    notes.revise(doc, str(tmp_path / "revised.txt"), reports.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=60000)
    (report,) = reports
    assert (report.moved, report.orphaned) == (1, 1)
    qtbot.waitUntil(lambda: any(a.orphaned for a in notes.annotations), timeout=10000)
    orphan = next(a for a in notes.annotations if a.orphaned)
    stays = next(a for a in notes.annotations if not a.orphaned)
    with Library.open() as lib:
        new_text = lib.text(doc).text
    assert new_text[stays.targets[0].start : stays.targets[0].end] == "职教集团"
    # Placing the orphan at a selection in its document, then undoing that.
    reader.open_pair(doc, reader.ids["b"])
    idle(qtbot, window)
    at = new_text.index("教师交流")
    pane.select_stored(at, at + 4)
    window.notes_ui.place_orphan(orphan)
    qtbot.waitUntil(lambda: not any(a.orphaned for a in notes.annotations), timeout=10000)
    placed = next(a for a in notes.annotations if a.id == orphan.id)
    assert placed.targets[0].quote == "教师交流" and placed.targets[0].start == at
    window.notes_ui.undo_action.trigger()
    qtbot.waitUntil(lambda: any(a.orphaned for a in notes.annotations), timeout=10000)


def test_overlapping_notes_are_all_named_under_the_mouse_and_a_click_selects_one(qtbot, window):
    notes, reader = window.notes_ui.notes, window.reader
    pane = reader.panes["a"]
    doc = pane.document_id
    notes.annotate(doc, 100, 140, code_ids=[code_id(window, "经费投入")], note="外层")
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    notes.annotate(doc, 110, 120, code_ids=[code_id(window, "试点示范")], note="内层")
    qtbot.waitUntil(lambda: len(notes.annotations) == 2, timeout=10000)
    tip = window.notes_ui.describe("a", 115)
    assert "外层" in tip and "内层" in tip and "经费投入" in tip and "试点示范" in tip
    assert "内层" not in window.notes_ui.describe("a", 135)
    window.notes_ui._clicked("a", 115)  # as a click in the pane does
    current = window.notes_ui.panel.table.currentIndex()
    assert current.data(NoteRole.Annotation).note == "内层"  # the innermost


def test_notes_export_import_and_agreement_from_the_window(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from duidu.ui import notes_exchange_ui as ex

    notes = window.notes_ui.notes
    pane = window.reader.panes["a"]
    tag = code_id(window, "经费投入")
    notes.annotate(pane.document_id, 100, 140, code_ids=[tag])
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    with Library.open() as lib:
        lib.annotate(pane.document_id, 110, 150, code_ids=[tag], annotator="李四")
    notes.reload()
    qtbot.waitUntil(lambda: len(notes.annotations) == 2, timeout=10000)
    out = tmp_path / "notes.qdpx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.notes_ui.export_action.trigger()
    qtbot.waitUntil(lambda: out.exists() and not window.tasks.busy(), timeout=20000)
    import zipfile

    assert "project.qde" in zipfile.ZipFile(out).namelist()
    csv = tmp_path / "notes"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(csv), "CSV table (*.csv)"))
    window.notes_ui.export_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "notes.csv").exists() and not window.tasks.busy(), timeout=20000)
    # Importing the project back adds nothing (same notes) and says so.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    window.notes_ui.import_action.trigger()
    # The summary opens window-modal from the task's callback (open(), never a nested exec()).
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=20000)
    QApplication.activeModalWidget().accept()
    assert len(library_notes()) == 2
    # Agreement: both annotators chosen; kappa and alpha per tag in the dialog.
    window.notes_ui.agreement_action.trigger()
    chooser = QApplication.activeModalWidget()
    assert isinstance(chooser, ex.AnnotatorChooser)
    chooser.accept()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ex.AgreementDialog), timeout=20000)
    dialog = QApplication.activeModalWidget()
    model = dialog.model
    rows = {model.item(r, 0).text(): model.item(r, 1).text() for r in range(model.rowCount())}
    assert any(name.endswith("经费投入") for name in rows)
    kappa = next(v for k, v in rows.items() if k.endswith("经费投入"))
    assert kappa != "—" and -1.0 <= float(kappa) <= 1.0


def test_a_blind_reviewer_exports_a_report_with_only_their_notes(qtbot, window, tmp_path):
    from duidu.ui.report_action import export_report

    notes = window.notes_ui.notes
    pane = window.reader.panes["a"]
    with Library.open() as lib:
        lib.annotate(pane.document_id, 200, 210, note="李四的笔记", annotator="李四")
    notes.annotate(pane.document_id, 300, 310, note="张三的笔记")
    qtbot.waitUntil(lambda: len(notes.annotations) == 2, timeout=10000)
    window.notes_ui.panel.blind.setChecked(True)
    out = tmp_path / "blind.html"
    export_report(window, str(out))
    qtbot.waitUntil(lambda: out.exists() and not window.tasks.busy(), timeout=30000)
    html = out.read_text(encoding="utf-8")
    assert "张三的笔记" in html and "李四的笔记" not in html


def test_a_comparison_note_started_from_a_measure_row(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from duidu.ui import notes_ui

    reader, notes = window.reader, window.notes_ui.notes
    c = reader.comparison
    row = next(r for r in c.measures if r.mentions.get(c.a.id) and r.mentions.get(c.b.id))
    (a0, a1), (b0, b1) = row.mentions[c.a.id][0], row.mentions[c.b.id][0]
    window.measures_panel.noteRequested.emit(c.a.id, a0, a1, c.b.id, b0, b1)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, notes_ui.AnnotateDialog)
    dialog.accept()
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    (link,) = library_notes()
    assert link.kind == "comparison"
    assert [(t.document_id, t.start, t.end) for t in link.targets] == [(c.a.id, a0, a1), (c.b.id, b0, b1)]
    assert [t.quote for t in link.targets] == [reader.panes["a"].doc_text.text[a0:a1], reader.panes["b"].doc_text.text[b0:b1]]


def test_codebook_dialog_merge_offers_only_codes_and_move_offers_the_top_level(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from duidu.ui.codebook_dialog import CodebookDialog

    dialog = CodebookDialog(window.notes_ui.notes, window)
    qtbot.addWidget(dialog)
    code = next(c for c in window.notes_ui.notes.codes if c.name == "经费投入")
    dialog.select(code.id)
    offered = {}

    def pick(parent, title, label, items, current, editable):
        offered[title] = list(items)
        return items[0], False  # look, then cancel

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    dialog.merge()
    dialog.move()
    merge_items, move_items = offered.values()
    assert "(top level)" not in merge_items and "供给型/经费投入" not in merge_items and merge_items
    assert move_items[0] == "(top level)"


def test_a_notes_quotes_follow_the_readers_script_in_its_dialogs(qtbot, window, monkeypatch):
    """Issue 14 part 3: editing a note (or starting a comparison note) showed its quotes as stored,
    simplified under a Taiwan reading; they follow the reader's script, the note keeps its spans."""
    from PySide6.QtWidgets import QLabel

    from duidu.text.script import convert

    notes = window.notes_ui.notes
    pane = window.reader.panes["a"]
    text = pane.doc_text.text
    start = text.index("教育")
    notes.annotate(pane.document_id, start, start + 30, note="旧")
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    stored = notes.annotations[0].targets[0].quote
    assert convert(stored, "s2tw").text != stored
    window.set_global_script("tw")
    shown = []
    monkeypatch.setattr("duidu.ui.notes_ui.show", shown.append)
    window.notes_ui.edit_note(notes.annotations[0])
    labels = [label.text() for label in shown[0].findChildren(QLabel)]
    assert any(convert(stored, "s2tw").text in t for t in labels) and not any(stored in t for t in labels)
    window.reader.activate(1)
    idle(qtbot, window)
    window.notes_ui.comparison_note()
    p = window.reader.shown[1]
    labels = [label.text() for label in shown[1].findChildren(QLabel)]
    assert any(convert(p.a_text, "s2tw").text in t for t in labels)
    # The codebook's names as the notes' cards show them (renaming starts from the stored name).
    def names(model):
        out, todo = [], [model.invisibleRootItem()]
        while todo:
            item = todo.pop()
            for r in range(item.rowCount()):
                out.append(item.child(r).text())
                todo.append(item.child(r))
        return out

    assert any(n.startswith("經費投入") for n in names(shown[0].model))
    assert not any(n.startswith("经费投入") for n in names(shown[0].model))
    window.notes_ui.open_codebook()
    assert any(n.startswith("經費投入") for n in names(shown[2].model))
    for dialog in shown:
        dialog.deleteLater()


def test_codebook_merge_and_move_prompts_follow_the_readers_script(qtbot, window, monkeypatch):
    """Issue 14 part 3: the codebook's tree followed the reader's script but its merge and move
    prompts listed the stored (simplified) names; under a Taiwan reading they list them as the tree
    does, and the choice still lands on the code picked."""
    from PySide6.QtWidgets import QInputDialog

    from duidu.text.script import convert
    from duidu.ui.codebook_dialog import CodebookDialog

    window.set_global_script("tw")
    notes = window.notes_ui.notes
    dialog = CodebookDialog(notes, window, in_script=lambda text: convert(text, "s2tw").text)
    qtbot.addWidget(dialog)
    code = next(c for c in notes.codes if c.name == "经费投入")
    dialog.select(code.id)
    asked = {}

    def pick(parent, title, label, items, current, editable):
        asked[title] = (label, list(items))
        target = next(i for i in items if i.endswith("/" + convert("试点示范", "s2tw").text))
        return target, title == dialog.tr("Merge into")  # look at both; merge for real

    # The line under the tree: the code's path and description in the reader's script too.
    assert dialog.info.text().startswith("供給型/經費投入 · ") and "經費" in dialog.info.text().split(" · ")[1]
    monkeypatch.setattr(QInputDialog, "getItem", pick)
    dialog.move()
    dialog.merge()
    for title, (label, items) in asked.items():
        assert label == "經費投入", title
        assert any("試點示範" in i for i in items) and not any("试点示范" in i for i in items), title
    assert dialog.tr("(top level)") in asked[dialog.tr("Move under")][1]
    qtbot.waitUntil(lambda: "经费投入" not in {c.name for c in notes.codes}, timeout=10000)  # merged away
    assert "试点示范" in {c.name for c in notes.codes}  # into the one chosen
