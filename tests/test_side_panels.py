"""The reader's side panels on the seeded library: measures, figures, similar passages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from duidu.library.store import Library
from duidu.ui.measures_model import FigureRole, FiguresModel, Role
from duidu.ui.measures_panel import MeasuresPanel
from duidu.ui.similar_model import Role as HitRole
from duidu.ui.similar_panel import SimilarPanel
from duidu.ui.tasks import TaskRunner

QUERY = "两地教师互相派遣交流"
CHONGQING, SICHUAN = 1, 2  # seed ids: simplified Chongqing, traditional Sichuan


@pytest.fixture
def library(seeded_default):
    lib = Library.open()  # DUIDU_LIBRARY points into tmp_path (conftest), the seeds in it
    yield lib
    lib.close()


@pytest.fixture
def tasks(qapp, library):
    runner = TaskRunner(library.path)
    yield runner
    runner.shutdown()


@pytest.fixture
def comparison(library):
    return library.compare(CHONGQING, SICHUAN)


def _measures_panel(qtbot, tasks, comparison) -> MeasuresPanel:
    panel = MeasuresPanel(tasks)
    qtbot.addWidget(panel)
    panel.resize(520, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_comparison(comparison)
    return panel


@pytest.fixture
def measures(qtbot, tasks, comparison):
    return _measures_panel(qtbot, tasks, comparison)


@pytest.fixture
def similar(qtbot, tasks):
    panel = SimilarPanel(tasks)
    qtbot.addWidget(panel)
    panel.resize(520, 800)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _tree(model):
    """[(category, [(name, {document id: spans})])] read back through the roles only."""
    out = []
    for c in range(model.rowCount()):
        cat = model.index(c, 0)
        assert cat.data(Role.Kind) == "category"
        rows = []
        for r in range(model.rowCount(cat)):
            name = model.index(r, 0, cat)
            assert name.data(Role.Kind) == "measure" and name.data(Role.Category) == cat.data(Role.Category)
            cells = {}
            for col in range(1, model.columnCount(cat)):
                cell = model.index(r, col, cat)
                assert cell.data(Role.Count) == len(cell.data(Role.Spans))
                if cell.data(Role.Count):
                    cells[cell.data(Role.DocumentId)] = cell.data(Role.Spans)
            rows.append((name.data(Role.Name), cells))
        out.append((cat.data(Role.Category), rows))
    return out


def _expected(rows, ids):
    groups: dict[str, list] = {}
    for row in rows:
        cells = {d: tuple(s) for d, s in row.mentions.items() if d in ids}
        groups.setdefault(row.category, []).append((row.name, cells))
    return list(groups.items())


def _cell(model, name: str, document_id: int) -> QModelIndex:
    col = model.column_of(document_id)
    for c in range(model.rowCount()):
        cat = model.index(c, 0)
        for r in range(model.rowCount(cat)):
            if model.index(r, 0, cat).data(Role.Name) == name:
                return model.index(r, col, cat)
    raise AssertionError(f"{name} not in the tree")


def _click(qtbot, view, index: QModelIndex) -> None:
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


# -- measures -----------------------------------------------------------------------------

def test_models_pass_modeltester(measures, qtmodeltester):
    assert measures.model.rowCount() > 0 and measures.figures_model.rowCount() > 0
    qtmodeltester.check(measures.model)
    qtmodeltester.check(measures.figures_model)
    measures.shared_box.setChecked(True)
    qtmodeltester.check(measures.model)
    qtmodeltester.check(FiguresModel())  # empty


def test_tree_is_the_engines_measure_rows(measures, comparison):
    model = measures.model
    ids = (comparison.a.id, comparison.b.id)
    assert [c.id for c in model.document_columns()] == list(ids)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[1:] == ["A\n重庆", "B\n四川"]  # two lines: the columns as narrow as their ✓ 3
    tree = _tree(model)
    assert tree == _expected(comparison.measures, ids)
    assert [c for c, _ in tree] == list(dict.fromkeys(r.category for r in comparison.measures))
    assert sum(len(rows) for _, rows in tree) == len(comparison.measures)


def test_only_shared_keeps_the_measures_both_state(measures, comparison):
    shared = [r for r in comparison.measures if {CHONGQING, SICHUAN} <= set(r.mentions)]
    assert 0 < len(shared) < len(comparison.measures)
    assert not measures.shared_box.isChecked()  # off by default
    measures.shared_box.setChecked(True)
    assert _tree(measures.model) == _expected(shared, (CHONGQING, SICHUAN))
    measures.shared_box.setChecked(False)
    assert sum(len(rows) for _, rows in _tree(measures.model)) == len(comparison.measures)


def test_summary_gives_the_similarity_and_regions(measures, comparison):
    sim = comparison.similarity
    text = measures.summary.text()
    for value in (sim.score, sim.a_in_b, sim.b_in_a):
        assert f"{value * 100:.1f}%" in text
    assert "重庆" in text and "四川" in text and "Similarity" in text


def test_clicking_a_cell_shows_its_evidence_and_then_the_next(qtbot, measures, library, comparison):
    row = next(r for r in comparison.measures if len(r.mentions.get(CHONGQING, ())) >= 2 and SICHUAN in r.mentions)
    truth = sorted((m.start, m.end) for m in library.mentions(CHONGQING) if m.measure == row.name)
    cell = _cell(measures.model, row.name, CHONGQING)
    got = []
    for _ in range(len(truth) + 1):
        with qtbot.waitSignal(measures.evidenceRequested, timeout=2000) as blocker:
            _click(qtbot, measures.tree, cell)
        doc, start, end = blocker.args
        assert doc == CHONGQING and (start, end) in truth
        got.append((start, end))
    assert got[: len(truth)] == truth  # every span once, in reading order
    assert got[-1] == truth[0]  # then round again
    other = _cell(measures.model, row.name, SICHUAN)
    with qtbot.waitSignal(measures.evidenceRequested, timeout=2000) as blocker:
        _click(qtbot, measures.tree, other)
    assert blocker.args == [SICHUAN, *row.mentions[SICHUAN][0]]
    measures.tree.setCurrentIndex(cell)  # the keyboard too
    with qtbot.waitSignal(measures.evidenceRequested, timeout=2000) as blocker:
        qtbot.keyClick(measures.tree, Qt.Key.Key_Return)
    assert blocker.args == [CHONGQING, *truth[0]]


def test_tooltips_quote_the_evidence(measures, comparison):
    row = comparison.measures[0]
    cell = _cell(measures.model, row.name, CHONGQING)
    texts = cell.data(Role.Texts)
    assert texts == [comparison.a.text[s:e] for s, e in row.mentions[CHONGQING]]
    assert all(t in cell.data(Qt.ItemDataRole.ToolTipRole) for t in texts)


@pytest.fixture
def reports(library):
    """Sichuan's and Hubei's 2026 report excerpts (tests/data/reports, PROVENANCE.tsv) compared: their
    job targets differ (85万人 / 70万人以上), their GDP, unemployment and CPI targets agree (read in
    the texts). The seeds agree on every count they share, so they have no differing figure to flag."""
    from report_quality import DATA

    ids = [library.import_file(DATA / f"2026_{r}_政府工作报告_targets.txt").document.id for r in ("四川省", "湖北省")]
    return library.compare(*ids)


def test_differing_figures_are_flagged_exactly(qtbot, tasks, reports):
    measures = _measures_panel(qtbot, tasks, reports)
    comparison = reports
    model = measures.figures_model
    assert model.count() == len(comparison.figures)
    assert any(p.differs for p in comparison.figures) and not all(p.differs for p in comparison.figures)
    # Period by period (this year's targets first); in each the differing ones first (as the report
    # lists them), each group in the text's order.
    shown = model.pairs()
    assert sorted(map(id, shown)) == sorted(map(id, comparison.figures))
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        period = group.data(FigureRole.Period)
        listed = sorted((p for p in comparison.figures if p.period == period), key=lambda p: not p.differs)
        assert [model.pair(model.index(r, 0, group)) for r in range(model.rowCount(group))] == listed
        for r, pair in enumerate(listed):
            sign = model.index(r, FiguresModel.DIFFERS, group)
            assert model.index(r, 0, group).data(FigureRole.Differs) is pair.differs
            assert (sign.data() == "≠") is pair.differs
            assert (sign.data(Qt.ItemDataRole.BackgroundRole) is not None) is pair.differs
    pair = next(p for p in shown if p.differs)
    with qtbot.waitSignal(measures.figureRequested, timeout=2000) as blocker:
        _click(qtbot, measures.figures, model.index_of(pair, FiguresModel.A))
    assert blocker.args == [pair.a_start, pair.a_end, pair.b_start, pair.b_end]
    assert comparison.a.text[pair.a_start:pair.a_end] == pair.a_text


def test_whole_library_shows_every_document(qtbot, measures, library, qtmodeltester):
    docs = library.documents()
    assert len(docs) == 5
    qtbot.mouseClick(measures.library_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: measures.model.columnCount() == 1 + len(docs), timeout=30000)
    model = measures.model
    assert [c.id for c in model.document_columns()] == [d.id for d in docs]
    ids = [d.id for d in docs]
    assert _tree(model) == _expected(library.measure_table(ids), ids)
    qtmodeltester.check(model)
    qtbot.mouseClick(measures.library_button, Qt.MouseButton.LeftButton)
    assert [c.id for c in model.document_columns()] == [CHONGQING, SICHUAN]


def test_clear_empties_the_panel(measures):
    measures.clear()
    assert measures.model.rowCount() == 0 and measures.figures_model.rowCount() == 0
    assert "%" not in measures.summary.text()


# -- similar passages ---------------------------------------------------------------------

def test_similar_ranks_passages_and_opens_one(qtbot, similar, tasks, library, qtmodeltester):
    assert not similar.results.isVisible() and not similar.open_button.isVisible()  # the hint, no empty box
    with qtbot.waitSignal(tasks.finished, timeout=30000):
        similar.search(QUERY)
    model = similar.model
    assert model.rowCount() > 0
    assert similar.results.isVisible() and similar.open_button.isVisible()
    qtmodeltester.check(model)
    scores = [model.index(r).data(HitRole.Score) for r in range(model.rowCount())]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    top = {model.index(r).data(HitRole.DocumentId) for r in range(min(5, model.rowCount()))}
    assert {CHONGQING, SICHUAN} <= top
    first = model.index(0)
    assert f"{scores[0] * 100:.1f}%" in first.data() and first.data(HitRole.Text) in first.data()
    assert QUERY in similar.query.full_text()

    row = 1
    index = model.index(row)
    doc, start, end = (index.data(r) for r in (HitRole.DocumentId, HitRole.Start, HitRole.End))
    assert library.text(doc).text[start:end] == index.data(HitRole.Text)
    similar.results.setCurrentIndex(index)
    with qtbot.waitSignal(similar.openRequested, timeout=2000) as blocker:
        qtbot.keyClick(similar.results, Qt.Key.Key_Return)
    assert blocker.args == [doc, start, end]
    with qtbot.waitSignal(similar.openRequested, timeout=2000) as blocker:
        qtbot.mouseClick(similar.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [doc, start, end]


@pytest.mark.parametrize("query", ["", "   \n\t"])
def test_empty_query_starts_no_task(similar, tasks, query):
    started = []
    tasks.started.connect(started.append)
    similar.search(query)
    assert started == [] and not tasks.busy()
    assert similar.model.rowCount() == 0
    assert similar.status.text()  # says what to do


def test_an_indicator_pair_shows_its_period_and_the_values_as_written(qapp):
    from duidu.engine.document import EngineDocument
    from duidu.engine.figures import pair_indicators
    from duidu.engine.indicators import extract_indicators

    a = EngineDocument.from_text(0, "今年主要预期目标是：地区生产总值增长5%左右。")
    b = EngineDocument.from_text(1, "今年主要预期目标是：地区生产总值增长5%以上。")
    model = FiguresModel()
    model.set_pairs(pair_indicators(extract_indicators(a, 2026), extract_indicators(b, 2026)), "A 甲", "B 乙",
                    (a.text, b.text))
    assert model.rowCount() == 1 and model.count() == 1
    group = model.index(0, 0)
    assert group.data() == "2026年目标 (1) · ≠ 1"  # the period heads its figures
    row = [model.index(0, c, group).data() for c in range(model.columnCount())]
    assert row == ["地区生产总值", "5%左右", "5%以上", "≠"]  # same number, other qualifier
    assert "A 甲: 今年主要预期目标是：地区生产总值增长5%左右" in model.index(0, 1, group).data(Qt.ItemDataRole.ToolTipRole)


def test_a_long_measure_name_wraps_whole_in_a_pair_and_not_in_the_library(qtbot, measures):
    """The dock is narrow: a pair's measure names longer than their column wrap onto more lines
    (they read "两新（大规模设备更新和…" cut at a dozen characters); the whole library's thousand rows
    stay one line each (uniform heights), their names whole in a column that scrolls sideways."""
    from PySide6.QtCore import QRect

    tree, model = measures.tree, measures.model
    fm = tree.fontMetrics()
    bold = tree.font()
    bold.setBold(True)
    rows = [model.index(r, 0, model.index(c, 0)) for c in range(model.rowCount()) for r in range(model.rowCount(model.index(c, 0)))]
    # Narrower than the seeds' longest name needs (the dock at 1366x768 is about 320 px: the reports'
    # names are longer than the seeds').
    longest = max(type(fm)(bold).horizontalAdvance(i.data()) for i in rows)
    measures.resize(longest + tree.columnWidth(1) + tree.columnWidth(2) - fm.horizontalAdvance("中中中"), 800)
    qtbot.waitUntil(lambda: tree.columnWidth(0) + 2 * tree.indentation() < longest)
    qtbot.waitUntil(lambda: not measures._relayout.isActive())  # the rows laid out again for the new width
    wrapped = 0
    for index in rows:
        rect = tree.visualRect(index)
        if rect.isEmpty():
            tree.scrollTo(index)
            rect = tree.visualRect(index)
        metrics = type(fm)(bold) if index.data(Qt.ItemDataRole.FontRole) is not None else fm
        name = index.data()
        needed = metrics.boundingRect(QRect(0, 0, rect.width() - 8, 10_000), int(Qt.TextFlag.TextWordWrap), name).height()
        assert rect.height() >= needed, (name, rect, needed)  # every character of the name in view
        if metrics.horizontalAdvance(name) > rect.width():
            wrapped += 1
            assert rect.height() >= 2 * fm.lineSpacing()
    assert wrapped > 0  # the seed pair has names longer than the dock
    assert tree.columnWidth(1) < fm.horizontalAdvance("A 重庆") + 24  # the document columns: ✓ n wide, not "A 重庆"
    measures.set_whole_library(True)
    qtbot.waitUntil(lambda: model.columnCount() > 3, timeout=30000)
    assert not tree.wordWrap() and tree.uniformRowHeights()
    assert tree.columnWidth(0) >= longest  # whole on one line: the column is as wide as the longest name
    measures.set_whole_library(False)
    assert tree.wordWrap() and not tree.uniformRowHeights()


def test_settle_lays_the_wrapped_names_out_for_their_width_at_once(measures):
    """A screenshot (app.save_screenshot) is taken at once: settle() does the relayout that waits
    for the names' width to settle, so the rows are as tall as the new width needs, not the old."""
    tree, model = measures.tree, measures.model
    rows = [model.index(r, 0, model.index(c, 0)) for c in range(model.rowCount()) for r in range(model.rowCount(model.index(c, 0)))]
    before = tree.columnWidth(0)
    measures.resize(measures.width() // 2, 800)  # no event loop turn from here: the timer cannot fire
    assert tree.columnWidth(0) < before and tree.wordWrap()
    measures.settle()
    assert not measures._relayout.isActive()
    settled = [tree.visualRect(i).height() for i in rows]
    tree.doItemsLayout()  # laid out afresh at this width
    assert settled == [tree.visualRect(i).height() for i in rows]
    assert max(settled) > min(settled)  # some names wrap at half the width


def test_a_long_indicator_wraps_and_its_values_stay_whole(qtbot, tasks, reports):
    from PySide6.QtCore import QRect

    panel = MeasuresPanel(tasks)
    qtbot.addWidget(panel)
    panel.resize(300, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_comparison(reports)
    view, model = panel.figures, panel.figures_model
    fm = view.fontMetrics()
    qtbot.waitUntil(lambda: view.columnWidth(FiguresModel.INDICATOR) > 0)
    wrapped = 0
    for pair in model.pairs():
        index = model.index_of(pair)
        view.scrollTo(index)
        rect = view.visualRect(index)
        name = index.data()
        needed = fm.boundingRect(QRect(0, 0, rect.width() - 8, 10_000), int(Qt.TextFlag.TextWordWrap), name).height()
        assert rect.height() >= needed, (name, rect, needed)
        wrapped += fm.horizontalAdvance(name) > rect.width()
        for col in (FiguresModel.A, FiguresModel.B):  # the values on one line, whole
            assert view.columnWidth(col) >= fm.horizontalAdvance(model.index_of(pair, col).data())
    assert wrapped > 0
