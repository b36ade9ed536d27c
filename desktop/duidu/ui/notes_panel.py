"""The notes panel: every note of the library, filtered and sorted, one click from its passage."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from duidu.ui.notes import NotesController
from duidu.ui.notes_model import NoteRole, NotesFilter, NotesModel

ANY = None


class NotesTable(QTableView):
    """The cards; with none to show, it says why and what to do (no empty box)."""

    placeholder = ""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is None or self.model().rowCount() or not self.placeholder:
            return
        from PySide6.QtGui import QPainter, QPalette

        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                         self.placeholder)


class NotesPanel(QWidget):
    openRequested = Signal(object)  # an Annotation: show its passage(s)
    editRequested = Signal(object)
    codebookRequested = Signal()
    placeRequested = Signal(object)  # an orphaned Annotation: anchor it at the pane's selection

    def __init__(self, notes: NotesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes = notes
        self.documents: list = []
        self.in_script = lambda text: text  # the documents' titles and regions in the reader's script
        self.model = NotesModel(self)
        self.proxy = NotesFilter(self)
        self.proxy.setSourceModel(self.model)

        # Typed, not picked: a code's name in either script (協調 finds 协调), part of it, or its
        # group's name (a group stands for the codes under it), as every other search in Duidu.
        self.code_filter = QLineEdit(self)
        self.code_filter.setPlaceholderText(self.tr("Filter by code (any script)"))
        self.code_filter.setAccessibleName(self.tr("Filter by code"))
        self.code_filter.setClearButtonEnabled(True)
        self.code_filter.textChanged.connect(lambda _: self._apply_filters())
        self._code_keys: dict[int, str] = {}  # code id -> its name in key form (refreshed with the codebook)
        from duidu.ui.pane import ElidingChooser

        self.doc_filter = ElidingChooser(self)  # a long title cut in the middle, whole in the tooltip
        self.doc_filter.currentTextChanged.connect(self.doc_filter.setToolTip)
        self.doc_filter.setAccessibleName(self.tr("Filter by document"))
        self.region_filter = QComboBox(self)
        self.region_filter.setAccessibleName(self.tr("Filter by region"))
        self.annotator_filter = QComboBox(self)
        self.annotator_filter.setAccessibleName(self.tr("Filter by annotator"))
        for box in (self.doc_filter, self.region_filter, self.annotator_filter):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
            box.activated.connect(lambda _: self._apply_filters())
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText(self.tr("Find in quotes and notes (any script)"))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(lambda _: self._apply_filters())
        self.blind = QCheckBox(self.tr("Blind (only my notes)"), self)
        self.blind.toggled.connect(self._set_blind)

        self.table = NotesTable(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Cards, not a spreadsheet: one column drawn by the delegate (quote(s), note, codes, document,
        # annotator, date); the model's other columns still sort and filter.
        from duidu.ui.note_cards import NoteCardDelegate
        from duidu.ui.notes_model import QUOTE

        self.cards = NoteCardDelegate(notes, self.table)
        self.table.setItemDelegateForColumn(QUOTE, self.cards)
        self.table.horizontalHeader().hide()
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.count = QLabel(self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.clicked.connect(lambda: self._selected() and self.editRequested.emit(self._selected()))
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(lambda: self._selected() and self.notes.delete(self._selected()))
        self.place_button = QPushButton(self.tr("Place at selection"), self)
        self.place_button.setToolTip(self.tr("Anchor an orphaned note at the text selected in a pane"))
        self.place_button.clicked.connect(lambda: self._selected() and self.placeRequested.emit(self._selected()))
        self.codebook_button = QPushButton(self.tr("Codebook…"), self)
        self.codebook_button.clicked.connect(self.codebookRequested)

        # The typed filter and the documents' titles have a row each (a narrow dock cut "All documen"
        # and the placeholder); region and annotator share one, each column as wide as the other.
        grid = QGridLayout()
        grid.addWidget(self.code_filter, 0, 0, 1, 2)
        grid.addWidget(self.doc_filter, 1, 0, 1, 2)
        grid.addWidget(self.region_filter, 2, 0)
        grid.addWidget(self.annotator_filter, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.place_button)
        buttons.addWidget(self.codebook_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid)
        layout.addWidget(self.text_filter)
        layout.addWidget(self.blind)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        notes.changed.connect(self.refresh)
        self.refresh()

    def set_script(self, in_script) -> None:
        """Quotes, titles and regions (cards and the choices above them) through ``in_script``."""
        self.in_script = self.cards.in_script = in_script
        self.refresh()
        self.table.viewport().update()

    def set_documents(self, documents) -> None:
        self.documents = list(documents)
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the controller's cache, keeping the chosen filters where they still exist."""
        n = self.notes
        paths = {c.id: n.path_of(c) for c in n.codes}
        self.model.set_notes(n.visible(), self.documents, n.codes, paths)
        from duidu.text.keyform import query_key

        self._code_keys = {c.id: query_key(c.name) for c in n.codes}
        self._fill(self.doc_filter, self.tr("All documents"), [(self.in_script(d.title), d.id) for d in self.documents])
        regions = sorted({d.region for d in self.documents if d.region})
        self._fill(self.region_filter, self.tr("All regions"), [(self.in_script(r), r) for r in regions])
        annotators = sorted({a.annotator for a in n.visible()} | {n.annotator})
        self._fill(self.annotator_filter, self.tr("All annotators"), [(a, a) for a in annotators])
        self.blind.blockSignals(True)
        self.blind.setChecked(n.blind)
        self.blind.blockSignals(False)
        self._apply_filters()
        self._show_cards()

    def _show_cards(self) -> None:
        from duidu.ui.notes_model import QUOTE

        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column != QUOTE)
        self.table.horizontalHeader().setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Stretch)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()  # a card's height follows the panel's width

    @staticmethod
    def _fill(box: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, ANY)
        for text, data in items:
            box.addItem(text, data)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)
        box.setToolTip(box.currentText())
        # Never narrower than its "All …" (the dock may be narrow: the choice must still read whole).
        from PySide6.QtCore import QSize
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

        option = QStyleOptionComboBox()
        option.initFrom(box)
        text = QSize(box.fontMetrics().horizontalAdvance(everything) + 8, box.fontMetrics().height())
        box.setMinimumWidth(box.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, box).width())

    def codes_matching(self, typed: str) -> set[int] | None:
        """Codes whose name holds what was typed (any script, any width), with every code under
        them; None when nothing is typed (no filter)."""
        from duidu.text.keyform import query_key

        key = query_key(typed.strip())
        if not key:
            return None
        children: dict = {}
        for c in self.notes.codes:
            children.setdefault(c.parent_id, []).append(c.id)
        under, todo = set(), [cid for cid, name in self._code_keys.items() if key in name]
        while todo:
            cid = todo.pop()
            if cid not in under:
                under.add(cid)
                todo.extend(children.get(cid, ()))
        return under

    def _apply_filters(self) -> None:
        under = self.codes_matching(self.code_filter.text())
        self.proxy.set_filters(code_ids=under, document_id=self.doc_filter.currentData(),
                               region=self.region_filter.currentData(), annotator=self.annotator_filter.currentData(),
                               text=self.text_filter.text())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(self.tr("%1 / %2 notes").replace("%1", str(shown)).replace("%2", str(total)))
        has = shown > 0
        self.table.placeholder = "" if has else self.tr("No note matches these filters.") if total else self.tr(
            "No notes yet. Select a passage in a pane and press Ctrl+T (Code selection…) to code it and write a note.")
        self.table.viewport().update()
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.orphans = sum(1 for a in self.notes.visible() if a.orphaned)
        self.place_button.setVisible(self.orphans > 0)

    def select(self, annotation_id: int) -> bool:
        """Make a note the current row (clearing filters that hide it); False if it is not listed."""
        for attempt in range(2):
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(NoteRole.Id) == annotation_id:
                    self.table.setCurrentIndex(index)
                    self.table.scrollTo(index)
                    return True
            if attempt == 0:  # hidden by a filter: show everything, then look again
                for box in (self.doc_filter, self.region_filter, self.annotator_filter):
                    box.setCurrentIndex(0)
                self.code_filter.clear()
                self.text_filter.clear()
                self._apply_filters()
        return False

    def _set_blind(self, on: bool) -> None:
        self.notes.blind = on
        self.notes.changed.emit()

    def _selected(self):
        index = self.table.currentIndex()
        return index.data(NoteRole.Annotation) if index.isValid() else None

    def _open(self, index) -> None:
        annotation = index.data(NoteRole.Annotation)
        if annotation is not None:
            self.openRequested.emit(annotation)
