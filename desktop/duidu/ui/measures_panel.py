"""The reader's measures side panel: a pair's similarity, the measures both state, their figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from duidu.engine.progress import checkpoint
from duidu.ui.measures_model import DocumentColumn, FigureRole, FiguresModel, MeasuresModel, Role
from duidu.ui.tasks import TaskRunner

CHANNEL = "library-measures"


REGION_CHARS = 4  # a column header's region is cut to this (its tooltip has the title)


def _percent(x: float) -> str:
    return f"{x:.1%}"  # as `duidu compare` prints it


def _short(doc: Any) -> str:
    name = doc.region or doc.title
    return name if len(name) <= REGION_CHARS else name[:REGION_CHARS] + "…"


def _label(side: str, doc: Any) -> str:
    return f"{side} {_short(doc)}"


def pair_columns(comparison: Any) -> list[DocumentColumn]:
    # Two lines (A over its region): the column as narrow as its ✓ 3, the measure's name gets the width.
    return [DocumentColumn(d.id, f"{side}\n{_short(d)}", d.title) for side, d in (("A", comparison.a), ("B", comparison.b))]


def library_columns(documents: Any) -> list[DocumentColumn]:
    return [DocumentColumn(d.id, f"#{d.id}\n{_short(d)}", d.title) for d in documents]  # two lines: narrow


def library_measures(library: Any, progress, cancel) -> tuple[list, list, dict[int, str]]:
    """Task: measure × every document, with the stored texts the tooltips quote (worker thread)."""
    documents = library.documents()
    ids = [d.id for d in documents]
    rows = library.measure_table(ids)
    texts = {}
    for k, i in enumerate(ids):
        checkpoint(k / max(1, len(ids)), progress, cancel)
        texts[i] = library.text(i).text
    return documents, rows, texts


class _WrappedNames(QStyledItemDelegate):
    """A tree's first column wrapped onto as many lines as its width needs. QTreeView asks a row's
    height with no width (so never wraps): this gives the delegate the column's width, less the
    indentation of the item's depth."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option, index):
        if index.column() == 0 and self._tree.wordWrap() and option.rect.width() <= 0:
            depth, parent = 1 if self._tree.rootIsDecorated() else 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            tree = self._tree
            spanned = tree.isFirstColumnSpanned(index.row(), index.parent())  # a period's name across the row
            width = tree.viewport().width() if spanned else tree.columnWidth(0)
            option = QStyleOptionViewItem(option)
            # A valid rect (the style wraps only inside one): the width is what counts.
            option.rect = QRect(0, 0, max(1, width - depth * tree.indentation()), 1)
        return super().sizeHint(option, index)


RELAYOUT_MS = 60  # after the names' column last changed width, their rows are laid out again
RESIZE_ROWS = 60  # rows a column's width is measured on: all of a 1,000-row table took ~0.4 s a layout


class MeasuresPanel(QWidget):
    """Shows one ``Comparison``; "全库" switches the tree to measure × every document (a task)."""

    evidenceRequested = Signal(int, int, int)  # document id, start, end in its stored text
    figureRequested = Signal(int, int, int, int)  # a_start, a_end, b_start, b_end
    noteRequested = Signal(int, int, int, int, int, int)  # a doc, a start, a end, b doc, b start, b end

    def __init__(self, tasks: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._comparison: Any = None
        self._last_cell: tuple[str, int] | None = None  # (measure, document) last clicked
        self._next_span = 0

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.shared_box = QCheckBox(self.tr("Only shared"), self)
        self.shared_box.setToolTip(self.tr("Only measures stated by both (library: by two or more)"))
        self.library_button = QPushButton(self.tr("Whole library"), self)
        self.library_button.setCheckable(True)
        self.library_button.setToolTip(self.tr("Measures across every document"))
        self.status = QLabel(self)

        self.model = MeasuresModel(self)
        self.tree = QTreeView(self)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Measures"))
        self.tree.setUniformRowHeights(True)  # the pair's tree wraps its long names: _after_reset
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setResizeContentsPrecision(RESIZE_ROWS)
        # A wrapped name's height follows its column's width: lay the rows out again when it changes,
        # once the width settles (a relayout of a report pair's ~570 rows costs ~60 ms: not on every
        # step of a dock being dragged).
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(RELAYOUT_MS)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        self.tree.header().sectionResized.connect(self._name_resized)
        self.tree.setItemDelegateForColumn(0, _WrappedNames(self.tree))
        self.model.modelReset.connect(self._after_reset)

        self.figures_label = QLabel(self)
        self.figures_model = FiguresModel(self)
        self.figures = QTreeView(self)  # period (this year's targets, last year's results …) → figures
        self.figures.setModel(self.figures_model)
        self.figures.setAccessibleName(self.tr("Figures"))
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.figures.setIndentation(self.fontMetrics().horizontalAdvance("0") * 2)  # the dock is narrow
        # An indicator longer than its column wraps onto a second line (一般公共预算收入 read
        # "一般公共预算…"); the values stay on one line each, whole.
        self.figures.setWordWrap(True)
        self.figures.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Indicator | A | B | ≠ in the dock's width: the values whole, the indicator takes the rest (elided,
        # whole in its tooltip); the old four wide columns made the table scroll sideways on real reports.
        # (It still scrolls if the dock is dragged narrower than the values: nothing is cut off unseen.)
        header = self.figures.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("≠") + 12)
        header.setResizeContentsPrecision(RESIZE_ROWS)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FiguresModel.INDICATOR, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._indicator_resized)
        self.figures.setItemDelegateForColumn(FiguresModel.INDICATOR, _WrappedNames(self.figures))
        self.figures_model.modelReset.connect(self._figures_reset)

        controls = QHBoxLayout()
        controls.addWidget(self.shared_box)
        controls.addStretch(1)
        controls.addWidget(self.status)
        controls.addWidget(self.library_button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.figures_label)
        lower_layout.addWidget(self.figures)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)
        # The figures get two fifths: a pair of reports has a dozen targets and results to read at a glance.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

        self.shared_box.toggled.connect(self.model.set_shared_only)
        self.library_button.toggled.connect(self.set_whole_library)
        self.tree.clicked.connect(self._cell_clicked)
        self.tree.activated.connect(self._cell_activated)
        self.figures.clicked.connect(self._figure_clicked)
        self.figures.activated.connect(self._figure_activated)
        self.clear()

    # -- the API ----------------------------------------------------------------------
    def set_script(self, in_script) -> None:
        """Document-derived text (measures, figures, titles) through ``in_script``: the reader's script."""
        for model in (self.model, self.figures_model):
            model.in_script = in_script
            model.layoutChanged.emit()
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, model.columnCount() - 1))
        if self._comparison is not None:
            self.show_comparison(self._comparison)

    def show_comparison(self, comparison: Any) -> None:
        """Show an ``engine.compare.Comparison``; the whole-library view, if on, stays on."""
        self._comparison = comparison
        a, b, sim = comparison.a, comparison.b, comparison.similarity
        t = self.model.in_script
        self.summary.setText(
            t(f"A {a.region or ''} 《{a.title}》\nB {b.region or ''} 《{b.title}》\n")
            + self.tr("Similarity") + f" {_percent(sim.score)} · "
            + self.tr("A in B") + f" {_percent(sim.a_in_b)} · " + self.tr("B in A") + f" {_percent(sim.b_in_a)}"
        )
        self.figures_model.set_pairs(comparison.figures, _label("A", a), _label("B", b), (a.text, b.text))
        n, differ = self.figures_model.count(), self.figures_model.differing()
        self.figures_label.setText(self.tr("Figures") + f" ({n}) · "
                                   + self.tr("%n differ", "", differ))
        if not self.whole_library():
            self._show_pair()

    def clear_pair(self) -> None:
        """A new pair is being compared: forget the old pair's figures; the whole-library view stays."""
        if not self.whole_library():
            self.clear()
            return
        self._comparison = None
        self.figures_model.set_pairs([])
        self.summary.setText(self.tr("Comparing…"))
        self.figures_label.setText(self.tr("Figures"))

    def clear(self) -> None:
        self._tasks.cancel(CHANNEL)
        self._comparison = None
        self.library_button.blockSignals(True)
        self.library_button.setChecked(False)
        self.library_button.blockSignals(False)
        self.model.clear()
        self.figures_model.set_pairs([])
        self.summary.setText(self.tr("No pair open"))
        self.figures_label.setText(self.tr("Figures"))
        self.status.clear()

    def whole_library(self) -> bool:
        return self.library_button.isChecked()

    def settle(self) -> None:
        """Lay the wrapped names out now if a relayout is waiting for their width to settle (a
        screenshot is taken at once: it showed the rows as tall as the width before needed)."""
        if self._relayout.isActive():
            self._relayout.stop()
            self.tree.doItemsLayout()

    @Slot(bool)
    def set_whole_library(self, on: bool) -> None:
        """On: measure × every document (computed afresh, off the UI thread); off: the pair."""
        if self.library_button.isChecked() != on:
            self.library_button.setChecked(on)  # comes back here through toggled
            return
        if on:
            self.status.setText(self.tr("Working…"))
            self._tasks.run(CHANNEL, library_measures, self._library_ready, on_error=self._library_failed,
                            label=self.tr("Library measures"))
        else:
            self._tasks.cancel(CHANNEL)
            self.status.clear()
            self._show_pair()

    # -- filling --------------------------------------------------------------------------
    def _show_pair(self) -> None:
        c = self._comparison
        if c is None:
            self.model.clear()
            return
        self.model.set_table(pair_columns(c), c.measures, {c.a.id: c.a.text, c.b.id: c.b.text})

    def _library_ready(self, result: tuple) -> None:
        documents, rows, texts = result
        self.status.clear()
        if self.whole_library():
            self.model.set_table(library_columns(documents), rows, texts)

    def _library_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("Failed"))
        self.status.setToolTip(str(error))

    @Slot()
    def _after_reset(self) -> None:
        self._last_cell = None
        self.tree.expandAll()
        header = self.tree.header()
        # A pair fits: names take the rest. Many documents: names whole, the tree scrolls sideways.
        mode = QHeaderView.ResizeMode
        pair = self.model.columnCount() <= 3
        header.setSectionResizeMode(0, mode.Stretch if pair else mode.ResizeToContents)
        # A pair's long names wrap onto a second line (two rows' heights measured: a few hundred rows);
        # the whole library's names are whole in one line and its thousand rows stay uniform (fast).
        self.tree.setWordWrap(pair)
        self.tree.setUniformRowHeights(not pair)
        for col in range(1, self.model.columnCount()):
            header.setSectionResizeMode(col, mode.ResizeToContents)

    @Slot(int, int, int)
    def _name_resized(self, section: int, old: int, new: int) -> None:
        if section == 0 and self.tree.wordWrap() and old != new:
            self._relayout.start()

    @Slot(int, int, int)
    def _indicator_resized(self, section: int, old: int, new: int) -> None:
        if section == FiguresModel.INDICATOR and old != new:
            self.figures.doItemsLayout()

    @Slot()
    def _figures_reset(self) -> None:
        self.figures.expandAll()
        for row in range(self.figures_model.rowCount()):  # a period's name across the row
            self.figures.setFirstColumnSpanned(row, QModelIndex(), True)

    # -- clicks ---------------------------------------------------------------------------
    @Slot(QModelIndex)
    def _tree_menu(self, pos) -> None:
        """A measure both documents of the pair state: start a comparison note on its evidence."""
        row = self.model.measure_row(self.tree.indexAt(pos))
        c = self._comparison
        if row is None or c is None or self.whole_library():
            return
        a, b = row.mentions.get(c.a.id), row.mentions.get(c.b.id)
        if not a or not b:
            return
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        action = menu.addAction(self.tr("Comparison note on this measure…"))
        action.triggered.connect(lambda: self.noteRequested.emit(c.a.id, *a[0], c.b.id, *b[0]))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _cell_clicked(self, index: QModelIndex) -> None:
        """A document cell: its first evidence span; the same cell again: the next one."""
        spans = index.data(Role.Spans) or ()
        doc = index.data(Role.DocumentId)
        if not spans or doc is None:
            return
        cell = (index.data(Role.Name), doc)
        k = self._next_span if cell == self._last_cell else 0
        start, end = spans[k % len(spans)]
        self._last_cell, self._next_span = cell, (k + 1) % len(spans)
        self.evidenceRequested.emit(doc, start, end)

    @Slot(QModelIndex)
    def _cell_activated(self, index: QModelIndex) -> None:
        if QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:  # Enter; a double-click also clicks
            self._cell_clicked(index)

    @Slot(QModelIndex)
    def _figure_clicked(self, index: QModelIndex) -> None:
        spans = index.data(FigureRole.Spans)
        if spans:
            self.figureRequested.emit(*spans)

    @Slot(QModelIndex)
    def _figure_activated(self, index: QModelIndex) -> None:
        if QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:
            self._figure_clicked(index)
