"""The region view: measures × regions, targets side by side, the reuse network and where a
passage came from, over a chosen set of documents. Its data comes from workers
(``library/regions.py`` and ``library/region_view.py`` through the task runner); it asks the reader to open pairs."""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from duidu.library import region_view as data
from duidu.library.regions import NATIONAL, measure_matrix
from duidu.ui.regions import export
from duidu.ui.regions.charts import Legend, NetworkView, TargetsChart, paint_matrix
from duidu.ui.regions.models import (CATEGORY_ROLE, EVIDENCE_ROLE, FIXED, EdgesModel, EvidenceModel, FamilyModel,
                                     MatrixModel, TargetsModel)

SCOPES = ("all", "selection", "filter")
SET = "set:"  # a scope's data for a saved set: the prefix, then the set's name
EDGES_PER_NODE = 2  # the network's first threshold shows about this many edges a document


def _in_script(rows: list[list], t) -> list[list]:
    """A table's words through ``t``; its heading row (column keys) and numbers as they are."""
    return rows[:1] + [[t(x) if isinstance(x, str) else x for x in row] for row in rows[1:]]


def _table(model, parent) -> QTableView:
    t = QTableView(parent)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setStretchLastSection(True)
    t.setWordWrap(False)
    return t


class RegionView(QWidget):
    """Many documents at once; signals ask the window's reader to open what the user picked."""

    pairRequested = Signal(int, object, int, object)  # doc A, (start, end) or None, doc B, span or None
    spanRequested = Signal(int, int, int)  # doc, start, end
    ready = Signal()  # matrix and targets shown
    networkReady = Signal()  # the whole reuse network shown (first looks come before it)
    failed = Signal(str)  # the matrix and targets, or the network, could not be made: why
    _partialNetwork = Signal(int, object)  # run, Network: a first look, emitted on a worker
    setsChanged = Signal()  # the saved sets were (re)read into the choice

    def __init__(self, tasks, parent=None, *, selection=lambda: []) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.selection = selection  # the library panel's selected ids
        self.ids: list[int] = []
        self.reuse_cache = None
        self._network_run = 0  # the latest network asked for: first looks of older runs are dropped
        self._partialNetwork.connect(self._network_partial, Qt.ConnectionType.QueuedConnection)
        self.matrix_model = MatrixModel(self)
        self.evidence_model = EvidenceModel(self)
        self.targets_model = TargetsModel(self)
        self.edges_model = EdgesModel(self)
        self.family_model = FamilyModel(self)
        self.in_script = lambda text: text  # document-derived text in the reader's script (set by the window)

        # -- the set of documents --
        self.scope = QComboBox(self)
        for key, text in zip(SCOPES, (self.tr("All documents (not the samples)"), self.tr("Selected in the library"),
                                      self.tr("Filter by region or year"))):
            self.scope.addItem(text, key)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("e.g. 2026, 广东, 44 (region code)"))
        self.filter.setMinimumWidth(self.filter.fontMetrics().horizontalAdvance(self.filter.placeholderText()) + 16)  # read whole
        self.refresh_button = QPushButton(self.tr("Show"), self)
        self.save_set_button = QPushButton(self.tr("Save as set…"), self)
        self.save_set_button.setToolTip(self.tr("Keep these documents as a named set in the library (e.g. provinces 2026)"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)  # two lines rather than a window wider than the screen
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Documents:"), self))
        top.addWidget(self.scope)
        top.addWidget(self.filter, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.save_set_button)
        top.addWidget(self.status, 2)
        self.csv_button = QPushButton(self.tr("Export CSV…"), self)
        self.picture_button = QPushButton(self.tr("Export picture…"), self)
        self.report_button = QPushButton(self.tr("Region report…"), self)
        # The exports beside the tabs, not on the documents' row: this dock lies under the panes,
        # beside the analysis dock, and one row of everything needed 1083 px (1322 in English).
        exports = QWidget(self)
        row = QHBoxLayout(exports)
        row.setContentsMargins(0, 0, 0, 2)
        for b in (self.csv_button, self.picture_button, self.report_button):
            row.addWidget(b)

        self.tabs = QTabWidget(self)
        self.tabs.setCornerWidget(exports, Qt.Corner.TopRightCorner)
        self.tabs.addTab(self._measures_tab(), self.tr("Measures × regions"))
        self.tabs.addTab(self._targets_tab(), self.tr("Targets"))
        self.tabs.addTab(self._network_tab(), self.tr("Reuse network"))
        self.tabs.addTab(self._family_tab(), self.tr("Where did this come from"))
        col = QVBoxLayout(self)
        col.setContentsMargins(4, 4, 4, 4)
        col.addLayout(top)
        col.addWidget(self.tabs, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.save_set_button.clicked.connect(self._save_set_dialog)
        self.scope.activated.connect(lambda: self.refresh() if self.scope.currentData() not in ("filter",) else None)
        self.load_sets()
        self.filter.returnPressed.connect(lambda: (self.scope.setCurrentIndex(SCOPES.index("filter")), self.refresh()))
        self.csv_button.clicked.connect(self._export_csv_dialog)
        self.picture_button.clicked.connect(self._export_picture_dialog)
        self.report_button.clicked.connect(self._export_report_dialog)

    # -- tabs -------------------------------------------------------------------------------------
    def _measures_tab(self) -> QWidget:
        w = QWidget(self)
        self.order = QComboBox(w)
        for key, text in zip(("code", "pinyin", "shared"), (self.tr("administrative code"), self.tr("pinyin"),
                                                            self.tr("measures shared"))):
            self.order.addItem(text, key)
        self.min_regions = QSpinBox(w)
        self.min_regions.setRange(1, 99)
        self.missing = QComboBox(w)
        self.missing.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.spread_sort = QComboBox(w)
        self.spread_sort.addItem(self.tr("by category"), False)
        self.spread_sort.addItem(self.tr("by spread"), True)
        bar = QHBoxLayout()
        for label, widget in ((self.tr("Columns by"), self.order), (self.tr("Rows"), self.spread_sort),
                              (self.tr("Shared by at least"), self.min_regions), (self.tr("Missing from"), self.missing)):
            bar.addWidget(QLabel(label, w))
            bar.addWidget(widget)
        bar.addStretch(1)
        self.legend = Legend(self.matrix_model, w)  # beside the hint under the table (no row of its own)
        self.matrix_view = _table(self.matrix_model, w)
        self.matrix_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix_view.horizontalHeader().setStretchLastSection(False)
        self.matrix_view.horizontalHeader().setDefaultSectionSize(40)
        self.matrix_view.horizontalHeader().setMinimumSectionSize(24)
        self.matrix_view.verticalHeader().setDefaultSectionSize(22)
        self.evidence_view = _table(self.evidence_model, w)
        self.evidence_label = QLabel(self.tr("Click a cell to see its evidence; double-click a line to read it in the pair."), w)
        split = QSplitter(Qt.Orientation.Vertical, w)
        split.addWidget(self.matrix_view)
        below = QWidget(split)
        bl = QVBoxLayout(below)
        bl.setContentsMargins(0, 0, 0, 0)
        hint = QHBoxLayout()
        self.evidence_label.setWordWrap(True)
        hint.addWidget(self.evidence_label, 1)
        hint.addWidget(self.legend)
        bl.addLayout(hint)
        bl.addWidget(self.evidence_view)
        split.addWidget(below)
        split.setSizes([700, 200])
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.order.currentIndexChanged.connect(lambda: self.matrix_model.set_order(self.order.currentData()))
        self.min_regions.valueChanged.connect(self.matrix_model.set_min_regions)
        self.missing.currentIndexChanged.connect(lambda: self.matrix_model.set_missing_from(self.missing.currentData()))
        self.spread_sort.currentIndexChanged.connect(lambda: self.matrix_model.set_by_spread(self.spread_sort.currentData()))
        self.matrix_model.modelReset.connect(self._matrix_shown)
        self.evidence_view.hide()  # until a cell is chosen: the line above says what to do (no empty box)
        self.evidence_model.modelReset.connect(lambda: self.evidence_view.setVisible(self.evidence_model.rowCount() > 0))
        self.matrix_view.clicked.connect(self.open_cell)
        self.matrix_view.activated.connect(self.open_cell)  # Enter on the current cell, for the keyboard
        self.evidence_view.activated.connect(self.open_evidence)
        self.evidence_view.doubleClicked.connect(self.open_evidence)
        return w

    def _targets_tab(self) -> QWidget:
        w = QWidget(self)
        self.indicator = QComboBox(w)
        self.indicator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # 地区生产总值 (%) · 31 whole
        self.sentence = QLabel(self.tr("Click a point to read its sentence."), w)
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = TargetsChart(self.targets_model, w)
        self.targets_view = _table(self.targets_model, w)
        bar = QHBoxLayout()
        self.indicator_label = QLabel(self.tr("Indicator"), w)
        bar.addWidget(self.indicator_label)
        bar.addWidget(self.indicator)
        bar.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical, w)
        split.addWidget(self.chart)
        split.addWidget(self.targets_view)
        split.setSizes([520, 300])
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        lay.addWidget(self.sentence)
        self.indicator.currentIndexChanged.connect(self.targets_model.choose)
        self.targets_model.modelReset.connect(lambda: self.targets_view.setVisible(self.targets_model.rowCount() > 0))
        self.targets_model.modelReset.connect(lambda: [self.targets_view.resizeColumnToContents(c) for c in range(4)])
        self.chart.pointClicked.connect(self.read_point)
        self.targets_view.doubleClicked.connect(
            lambda i: self._read_target(self.targets_model.data(i, EVIDENCE_ROLE), open_it=True))
        return w

    def _network_tab(self) -> QWidget:
        w = QWidget(self)
        self.threshold = QSpinBox(w)
        self.threshold.setRange(0, 100000)
        self.threshold.setSingleStep(50)
        self.threshold.setValue(100)
        self.threshold.setSuffix(self.tr(" informative characters"))
        self.network_button = QPushButton(self.tr("Compute"), w)
        self.network_view = NetworkView(self.edges_model, w)
        self.edges_view = _table(self.edges_model, w)
        self.edge_label = QLabel(self.tr("Edges point from the earlier document to the later; click one to read the pair."), w)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Edges from"), w))
        bar.addWidget(self.threshold)
        bar.addWidget(self.network_button)
        bar.addWidget(self.edge_label, 1)
        split = QSplitter(Qt.Orientation.Horizontal, w)
        split.addWidget(self.network_view)
        split.addWidget(self.edges_view)
        split.setSizes([1000, 500])
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.edges_model.modelReset.connect(self.edges_view.resizeColumnsToContents)  # "四川省 2024-…" was cut
        self.threshold.valueChanged.connect(self.edges_model.set_threshold)
        self.edges_model.set_threshold(self.threshold.value())
        self.network_button.clicked.connect(self.compute_network)
        self.network_view.edgeClicked.connect(self.open_edge)
        self.edges_view.doubleClicked.connect(lambda i: self.open_edge(self.edges_model.data(i, EVIDENCE_ROLE)))
        return w

    def _family_tab(self) -> QWidget:
        w = QWidget(self)
        ask = self.tr("Select a sentence in the reader and choose “Where did this come from?” (right-click menu).")
        self.family_label = QLabel(ask, w)
        self.family_label.setWordWrap(True)
        self.family_view = _table(self.family_model, w)
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.family_label)
        lay.addWidget(self.family_view, 1)
        self.family_view.hide()  # until a passage is asked about: the line above says how (no empty box)
        lay.addStretch(0)
        self.family_model.modelReset.connect(lambda: self.family_view.setVisible(self.family_model.rowCount() > 0))
        self.family_view.doubleClicked.connect(self.open_copy)
        self.family_view.activated.connect(self.open_copy)
        return w

    def set_script(self, in_script) -> None:
        """Measures, categories, regions, titles, sentences and pictures through ``in_script``
        (the reader's script); sorting and the keys behind the choices stay the stored text."""
        self.in_script = in_script
        for model in (self.matrix_model, self.evidence_model, self.targets_model, self.edges_model, self.family_model):
            model.in_script = in_script
            model.layoutChanged.emit()
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, model.columnCount() - 1))
        for combo, text in ((self.missing, lambda key: in_script(key)),
                            (self.indicator, lambda key: self.indicator_text(key))):
            for k in range(combo.count()):
                if combo.itemData(k):
                    combo.setItemText(k, text(combo.itemData(k)))
        for widget in (self.chart, self.network_view, self.legend):
            widget.update()

    def indicator_text(self, label: str) -> str:
        found = next((t for t in self.targets_model.indicators if t.label == label), None)
        return f"{self.in_script(label)} · {len(found.points) if found else 0}"

    # -- data -----------------------------------------------------------------------------------------
    def show_documents(self, ids: list[int]) -> None:
        """Show the region view over these documents (the command line's ``--regions``)."""
        self.ids = list(ids)
        self._run()

    def refresh(self) -> None:
        from duidu.library.reuse import Selection, select

        scope = self.scope.currentData()
        chosen = list(self.selection()) if scope == "selection" else []
        if scope.startswith(SET):  # a saved set
            from duidu.library.document_sets import members

            name = scope[len(SET):]
            self._run(lambda lib: members(lib.db, name))
            return
        text = self.filter.text().strip()

        def pick(lib):
            if scope == "selection":
                return chosen
            if scope == "filter" and text:
                if text[:4].isdigit() and len(text) >= 4 and not text[:6].isdigit():
                    return select(lib, Selection(year=text, seeds=False))
                return select(lib, Selection(regions=tuple(text.replace("，", ",").split(",")), seeds=False))
            return select(lib, Selection(seeds=False))
        self._run(pick)

    def _run(self, pick=None) -> None:
        ids = self.ids
        self.status.setText(self.tr("Reading the documents…"))

        def work(lib, progress, cancel):
            started = time.perf_counter()
            chosen = pick(lib) if pick else ids
            matrix = measure_matrix(lib, chosen, progress=lambda f: progress(f * 0.6), cancel=cancel)
            found = data.targets(lib, chosen, progress=lambda f: progress(0.6 + f * 0.4), cancel=cancel)
            return chosen, matrix, found, time.perf_counter() - started

        self.tasks.run("regions", work, self._shown, label=self.tr("Region view"),
                       on_error=lambda e: (self.status.setText(str(e)), self.failed.emit(str(e))))

    def _shown(self, result) -> None:
        ids, matrix, found, seconds = result
        self.ids = list(ids)
        self.matrix_model.missing_from = None  # the regions' choice is filled anew below
        self.matrix_model.set_matrix(matrix)
        self.evidence_model.set_evidence("", "", (), {}, {})
        self.missing.blockSignals(True)
        self.missing.clear()
        self.missing.addItem(self.tr("(any region)"), None)
        for r in matrix.regions:
            self.missing.addItem(self.in_script(r.name), r.name)
        self.missing.blockSignals(False)
        self.targets_model.set_indicators(found)
        self.indicator.blockSignals(True)
        self.indicator.clear()
        for t in found:
            self.indicator.addItem(self.indicator_text(t.label), t.label)
        self.indicator.blockSignals(False)
        for widget in (self.indicator_label, self.indicator, self.sentence):  # none: the chart says so, no empty choice
            widget.setVisible(bool(found))
        self.edges_model.set_network(None)
        regions = [r for r in matrix.regions if r.name != NATIONAL]
        self.status.setText(self.tr("%1 documents, %2 regions, %3 measures (%4 s)").replace("%1", str(len(ids)))
                            .replace("%2", str(len(regions))).replace("%3", str(len(matrix.rows)))
                            .replace("%4", f"{seconds:.1f}"))
        self.ready.emit()
        self.compute_network()  # after the matrix and targets: they never wait for the alignment

    def compute_network(self) -> None:
        from duidu.library.reuse import ReuseCache

        if self.reuse_cache is None:
            self.reuse_cache = ReuseCache()  # kept between runs: a pair aligned once is not aligned again
        ids, cache = list(self.ids), self.reuse_cache
        self._network_run += 1
        run = self._network_run
        self.edge_label.setText(self.tr("Finding shared text…"))

        def work(lib, progress, cancel):
            return data.network(lib, ids, cache=cache, progress=progress, cancel=cancel,
                                partial=lambda net: self._partialNetwork.emit(run, net))

        def done(net) -> None:
            if run != self._network_run:
                return
            self._show_network(net)
            self.edge_label.setText(self.tr("%1 edges (%2 shown); edges point from the earlier document to the later.")
                                    .replace("%1", str(len(net.edges))).replace("%2", str(len(self.edges_model.edges))))
            self.networkReady.emit()

        self.tasks.run("regions-network", work, done, label=self.tr("Reuse network"),
                       on_error=lambda e: (self.edge_label.setText(str(e)), self.failed.emit(str(e))))

    def _network_partial(self, run: int, net) -> None:
        if run != self._network_run or (self.edges_model.network is not None and self.edges_model.network.complete):
            return
        self._show_network(net)
        self.edge_label.setText(self.tr("First look: %1 edges from the pairs aligned so far (the strongest first); "
                                        "aligning the rest…").replace("%1", str(len(net.edges))))

    def _show_network(self, net) -> None:
        # Most pairs of reports share some text: start from the strongest few edges a node
        # (a circle of every pair is unreadable); the threshold stays the user's to lower.
        ranked = sorted((e.informative_chars for e in net.edges), reverse=True)
        most = EDGES_PER_NODE * len(net.nodes)
        if len(ranked) > most and self.threshold.value() < ranked[most - 1]:
            self.threshold.blockSignals(True)
            self.threshold.setValue(int(ranked[most - 1]))
            self.threshold.blockSignals(False)
            self.edges_model.threshold = self.threshold.value()
        self.edges_model.set_network(net)

    def show_family(self, text: str, source: tuple[int, int, int] | None) -> None:
        self.tabs.setCurrentIndex(3)
        self.family_label.setText(self.tr("Looking for “%1”…").replace("%1", text[:80]))

        def work(lib, progress, cancel):
            return data.family(lib, text, source, progress=progress, cancel=cancel)

        def done(copies) -> None:
            self.family_model.set_family(text, copies)
            said = self.tr("“%1”: %2 documents, earliest first (★ the likely origin); double-click one to read it beside the selection.")
            self.family_label.setText(said.replace("%1", text[:60]).replace("%2", str(len(copies))))
            self.family_view.resizeColumnsToContents()

        self.tasks.run("regions-family", work, done, label=self.tr("Where did this come from"),
                       on_error=lambda e: self.family_label.setText(str(e)))

    # -- saved sets --------------------------------------------------------------------------------------
    def load_sets(self) -> None:
        from duidu.library.document_sets import names

        self.tasks.run("regions-sets", lambda lib, progress, cancel: names(lib.db), self._sets_loaded,
                       label=self.tr("Document sets"))

    def _sets_loaded(self, found) -> None:
        current = self.scope.currentData()
        while self.scope.count() > len(SCOPES):
            self.scope.removeItem(len(SCOPES))
        for name, n in found:
            self.scope.addItem(self.tr("Set: %1 (%2)").replace("%1", name).replace("%2", str(n)), SET + name)
        at = self.scope.findData(current)
        self.scope.setCurrentIndex(max(0, at))
        self.setsChanged.emit()

    def save_set(self, name: str) -> None:
        """Keep the documents shown as the set ``name`` (through the window's writer: never lost)."""
        from duidu.library.document_sets import save

        ids = list(self.ids)

        def done(_n) -> None:
            self.load_sets()
            self.status.setText(self.tr("Saved the set “%1”").replace("%1", name))

        self.tasks.write(lambda lib, progress, cancel: save(lib.db, name, ids), done, label=self.tr("Save document set"),
                         on_error=lambda e: self.status.setText(str(e)))

    def _save_set_dialog(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        if not self.ids:
            self.status.setText(self.tr("Show some documents first"))
            return
        name, ok = QInputDialog.getText(self, self.tr("Save as set"), self.tr("Name of the set:"))
        if ok and name.strip():
            self.save_set(name.strip())

    # -- from the views to the reader -----------------------------------------------------------------
    def _matrix_shown(self) -> None:
        v = self.matrix_view
        v.clearSpans()
        for r in range(self.matrix_model.rowCount()):
            if self.matrix_model.data(self.matrix_model.index(r, 0), CATEGORY_ROLE):
                v.setSpan(r, 0, 1, self.matrix_model.columnCount())
        v.setColumnWidth(0, 260)
        v.setColumnWidth(1, 56)

    def open_cell(self, index: QModelIndex) -> None:
        region = self.matrix_model.region_at(index.column())
        row = self.matrix_model.rows[index.row()]
        if region is None or isinstance(row, str):
            return
        m = self.matrix_model.matrix
        self.evidence_model.set_evidence(row.name, region, m.cell(row, region), m.titles, m.dates)
        self.evidence_label.setText(self.tr("%1 in %2: %3 mentions — double-click one to read it in the pair.")
                                    .replace("%1", self.in_script(row.name)).replace("%2", self.in_script(region))
                                    .replace("%3", str(row.count(region))))
        self.evidence_view.resizeColumnToContents(0)

    def counterpart(self, measure: str, region: str, doc: int):
        """The document to read an evidence against: the national one stating the measure, else
        the first other region's (the matrix's column order)."""
        row = next((r for r in self.matrix_model.measure_lines() if r.name == measure), None)
        if row is None:
            return None
        m = self.matrix_model.matrix
        others = [n for n in [NATIONAL, *self.matrix_model.columns] if n != region and n in row.cells]
        if others:
            return m.cell(row, others[0])[0]
        return next((e for e in m.cell(row, region) if e.doc != doc), None)

    def open_evidence(self, index: QModelIndex) -> None:
        e = self.evidence_model.data(index, EVIDENCE_ROLE)
        if e is None:
            return
        other = self.counterpart(self.evidence_model.measure, self.evidence_model.region, e.doc)
        if other is None:
            self.spanRequested.emit(e.doc, e.start, e.end)
        else:
            self.pairRequested.emit(e.doc, (e.start, e.end), other.doc, (other.start, other.end))

    def read_point(self, point) -> None:
        self._read_target(point, open_it=False)
        for r, p in enumerate(self.targets_model.points):
            if p is point:
                self.targets_view.selectRow(r)

    def _read_target(self, point, *, open_it: bool) -> None:
        if point is None:
            return
        self.sentence.setText(self.in_script(f"{point.region} · {point.shown} · {point.period}：{point.sentence}"))
        if open_it:
            self.spanRequested.emit(point.doc, point.start, point.end)

    def open_edge(self, edge) -> None:
        if edge is None:
            return
        nodes = self.edges_model.nodes
        self.edge_label.setText(self.tr("%1 → %2: %3 informative characters shared").replace(
            "%1", self.in_script(nodes[edge.source].title)).replace("%2", self.in_script(nodes[edge.target].title)).replace("%3", f"{edge.informative_chars:g}"))
        self.pairRequested.emit(edge.source, None, edge.target, None)

    def open_copy(self, index: QModelIndex) -> None:
        c = self.family_model.data(index, EVIDENCE_ROLE)
        if c is None:
            return
        chosen = next((x for x in self.family_model.copies if x.selected), None) or next(
            (x for x in self.family_model.copies if x.origin), None)
        if chosen is None or chosen is c:
            self.spanRequested.emit(c.doc, c.start, c.end)
        else:
            self.pairRequested.emit(chosen.doc, (chosen.start, chosen.end), c.doc, (c.start, c.end))

    # -- exports --------------------------------------------------------------------------------------
    def current_rows(self) -> list[list]:
        return [self.matrix_model.csv_rows, self.targets_model.csv_rows, self.edges_model.csv_rows,
                self.family_model.csv_rows][self.tabs.currentIndex()]()

    def current_painter(self):
        """What the current tab draws, as ``fn(painter, rect)``."""
        k = self.tabs.currentIndex()
        if k == 1:
            return self.chart.paint
        if k == 2:
            return self.network_view.paint
        if k == 0:
            return lambda p, rect: paint_matrix(self.matrix_model, p, rect)
        widget = self.tabs.currentWidget()

        def grab(p, rect):
            p.drawPixmap(rect.toRect(), widget.grab())
        return grab

    def export_csv(self, path) -> None:
        export.write_csv(self.current_rows(), path)

    def export_picture(self, path) -> None:
        k = self.tabs.currentIndex()
        size = self.tabs.currentWidget().size() if k == 3 else self._matrix_size() if k == 0 else QSize(1400, 800)
        export.write_picture(self.current_painter(), path, size)

    def _matrix_size(self, max_rows: int = 80) -> QSize:
        rows = min(max_rows, len(self.matrix_model.measure_lines()))
        return QSize(max(900, 320 + 30 * len(self.matrix_model.columns)), 200 + 20 * max(rows, 1))

    def report_html(self) -> str:
        m = self.matrix_model
        size = self._matrix_size()
        picture = export.png_data_uri(lambda p, rect: paint_matrix(m, p, rect), size)
        lines = m.measure_lines()
        t = self.in_script  # the report in the reader's script, as the pair report is; the interface's words as they are
        rows = [[self.tr("Measure"), self.tr("Regions"), self.tr("Missing from")]]
        for line in lines:
            absent = [c for c in m.columns if c not in line.cells]
            rows.append([t(line.name), line.spread, t("、".join(absent)) if len(absent) <= len(m.columns) // 2 else "—"])
        import html

        regions = t("、".join(f"{r.name}（{len(r.documents)}）" for r in m.matrix.regions)) if m.matrix else ""
        sections = [(self.tr("Documents"), f"<p>{html.escape(self.status.text())}</p><p>{html.escape(regions)}</p>"),
                    (self.tr("Measures × regions"), f"<img src='{picture}' width='640'>" + export.html_table(rows))]
        if self.targets_model.current is not None:
            sections.append((t(self.targets_model.current.label),
                             f"<img src='{export.png_data_uri(self.chart.paint)}' width='640'>"
                             + export.html_table(_in_script(self.targets_model.csv_rows(), t))))
        if self.edges_model.network is not None:
            sections.append((self.tr("Reuse network"), f"<img src='{export.png_data_uri(self.network_view.paint)}' width='640'>"
                             + export.html_table(_in_script(self.edges_model.csv_rows(), t))))
        if self.family_model.copies:
            sections.append((self.tr("Where did this come from"), export.html_table(self.family_model.csv_rows(t))))
        return export.region_report(self.tr("Region report"), sections)

    def export_report(self, path) -> int:
        return export.write_report(self.report_html(), path)

    def _ask(self, title: str, filters: str):
        path, _ = QFileDialog.getSaveFileName(self, title, "", filters)
        return path or None

    def _export_csv_dialog(self) -> None:
        if path := self._ask(self.tr("Export CSV"), "CSV (*.csv)"):
            self.export_csv(path)

    def _export_picture_dialog(self) -> None:
        if path := self._ask(self.tr("Export picture"), "PNG (*.png);;SVG (*.svg)"):
            self.export_picture(path)

    def _export_report_dialog(self) -> None:
        if path := self._ask(self.tr("Region report"), "PDF (*.pdf);;HTML (*.html)"):
            self.export_report(path)
