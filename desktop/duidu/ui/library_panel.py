"""The reader's library panel: the documents (filter by region, sort, edit, import by drop) and search across them.

Every read and write goes through the TaskRunner as a ``Library`` call; the panel itself
holds only what the library last returned.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from duidu.library.readers import FORMATS
from duidu.ui.hit_delegate import HitDelegate
from duidu.ui.importing import DropImportFilter, ImportController, summary
from duidu.ui.library_model import COLUMNS, EDITABLE, LibraryModel, LibrarySortProxy, Role
from duidu.ui.search_model import HitRole, SearchResultsModel

SEARCH_CHANNEL = "library-search"
SEARCH_DELAY_MS = 250  # typing pauses this long before a search runs
SEARCH_LIMIT = 200
IMPORT_FILTER = " ".join(f"*{ext}" for ext in FORMATS)  # every extension import reads
MAX_COLUMN_EM = 4  # region and script: at most this wide (or their header's width), so the title keeps room
WHOLE_COLUMNS = {"date", "length"}  # short by nature, and a cut one misleads ("202…" reads as a year)
# The title column keeps at least this many characters; other columns show only beside it. At 8
# the default dock (250 px at 1600x1000) kept region and date and cut titles to 6-7 characters,
# too few to tell 加快推进… from 加快推动…; the date now waits for a wider dock (the title's
# tooltip gives it meanwhile).
TITLE_EM = 14
# Which columns a narrow panel keeps, first to last: the rest are hidden until the panel is wide
# enough (or shown by hand from the header's menu), never squeezed until "Issued by" reads "ssued b".
COLUMN_PRIORITY = ("region", "date", "issuing_body", "doc_number", "length", "script")


def _reason(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


class LibraryPanel(QWidget):
    documentActivated = Signal(int)  # document id (double-click or Enter on a row)
    compareRequested = Signal(int, int)  # the two selected documents, in view order
    openInPane = Signal(int, str)  # document id, "a" (left) or "b" (right)
    openRequested = Signal(int, int, int)  # document id, start, end of an activated search hit
    reviseRequested = Signal(int)  # import a revised version over this document (its notes re-anchored)
    libraryChanged = Signal()  # after an import added documents or an edit was stored

    def __init__(self, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._edits = 0
        self._regions: list[str] = []

        self.model = LibraryModel(parent=self)
        self.proxy = LibrarySortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.results_model = SearchResultsModel(parent=self)
        self.importer = ImportController(tasks, self)
        self.drop_filter = DropImportFilter(self.importer, self)

        self._build()
        self._build_actions()
        self._connect()
        self._update_regions()
        self._update_actions()
        self.drop_filter.install(self)
        self.drop_filter.install(self.table)

    # -- construction ---------------------------------------------------------------
    def _build(self) -> None:
        self.region_filter = QComboBox(self)
        self.region_filter.setAccessibleName(self.tr("Region filter"))
        self.region_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setToolTip(self.tr("Import files (or drop them on the list)"))
        self.compare_button = QPushButton(self.tr("Compare"), self)
        self.compare_button.setToolTip(self.tr("Compare the two selected documents"))

        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Documents"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Double-click opens a document, so editing is F2 or the context menu.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a title's start and end tell documents apart; whole in the tooltip
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a header dragged narrow keeps both ends
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        self._columns_by_hand: dict[str, bool] = {}  # field -> shown, as the reader chose in the header's menu
        self.table.viewport().installEventFilter(self)

        self.status = QLabel(self)  # import summaries and edit errors
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search…"))
        self.search_box.setAccessibleName(self.tr("Search all documents"))
        self.search_box.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.results = QListView(self)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setModel(self.results_model)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setAlternatingRowColors(True)
        self.results.setUniformItemSizes(True)
        self.results.setItemDelegate(HitDelegate(self.results))

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        # The buttons on one row, the region choice on the next, as wide as the dock: on one row a
        # narrow dock (240 px) squeezed the choice to "All regior".
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.compare_button)
        self.region_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        documents = QWidget(self)
        upper = QVBoxLayout(documents)
        upper.setContentsMargins(0, 0, 0, 0)
        upper.addLayout(top)
        upper.addWidget(self.region_filter)
        upper.addWidget(self.table)
        upper.addWidget(self.status)
        searching = QWidget(self)
        lower = QVBoxLayout(searching)
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.search_box)
        lower.addWidget(self.count_label)
        lower.addWidget(self.results)
        self._searching = searching
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(documents)
        self.splitter.addWidget(searching)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def _build_actions(self) -> None:
        self.compare_action = QAction(self.tr("Compare"), self)
        self.open_left_action = QAction(self.tr("Open in left pane"), self)
        self.open_right_action = QAction(self.tr("Open in right pane"), self)
        self.edit_action = QAction(self.tr("Edit…"), self)
        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.revise_action = QAction(self.tr("Import revised version…"), self)

    def _connect(self) -> None:
        self.table.activated.connect(self._activate_row)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.customContextMenuRequested.connect(self._show_menu)
        self.compare_button.clicked.connect(self._compare)
        self.compare_action.triggered.connect(self._compare)
        self.open_left_action.triggered.connect(lambda: self._open_current("a"))
        self.open_right_action.triggered.connect(lambda: self._open_current("b"))
        self.edit_action.triggered.connect(self._edit_current)
        self.refresh_action.triggered.connect(self.refresh)
        self.revise_action.triggered.connect(lambda: self._current_id() is not None
                                             and self.reviseRequested.emit(self._current_id()))
        self.import_button.clicked.connect(self._choose_files)
        self.region_filter.currentIndexChanged.connect(self._region_chosen)
        self.model.modelReset.connect(self._update_regions)
        self.model.dataChanged.connect(self._update_regions)
        self.model.editRequested.connect(self._store_edit)
        self.search_box.textChanged.connect(lambda _: self._search_timer.start())
        self.search_box.returnPressed.connect(self._search_now)
        self._search_timer.timeout.connect(self._search_now)
        self.results.activated.connect(self._activate_hit)
        self.results_model.modelReset.connect(self._fit_results)
        self._fit_results()
        self.importer.started.connect(self._importing)
        self.importer.finished.connect(self._imported)
        # Files imported before a cancel are kept: show them.
        self.importer.cancelled.connect(lambda: self._reload(then=self.libraryChanged.emit))

    # -- documents ----------------------------------------------------------------
    def set_documents(self, docs: list) -> None:
        """Show ``docs``, keeping the selection of those still present."""
        keep = set(self.selected_ids())
        self.model.set_documents(docs)
        self._fit_columns()
        selection = QItemSelection()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Role.Id) in keep:
                selection.select(index, self.proxy.index(row, self.proxy.columnCount() - 1))
        self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def set_script(self, in_script) -> None:
        """Titles, regions, issuers and hits in the reader's script (editing still starts from the stored text)."""
        self.model.in_script = self.results_model.in_script = in_script
        self.model.layoutChanged.emit()
        self.results_model.layoutChanged.emit()
        for k in range(1, self.region_filter.count()):
            self.region_filter.setItemText(k, in_script(self.region_filter.itemData(k)))

    def _fit_columns(self) -> None:
        em = self.table.fontMetrics().horizontalAdvance("中")
        header = self.table.horizontalHeader()
        pad = 2 * (self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin) + 1)
        self._widths = {}
        for column, (field, _label) in enumerate(COLUMNS):
            if column == 0:
                continue
            self.table.resizeColumnToContents(column)
            named = header.sectionSizeFromContents(column).width()  # the header's own width
            width = max(self.table.columnWidth(column), named)
            if field not in WHOLE_COLUMNS:  # long issuing bodies are cut (whole in the tooltip), the header never
                width = min(width, max(MAX_COLUMN_EM * em + pad, named))
            self.table.setColumnWidth(column, width)
            self._widths[field] = width
        # The narrowest the dock may go (and what it opens at on a crowded screen): a title of
        # TITLE_EM characters and its region.
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumWidth(TITLE_EM * em + self._widths["region"] + frame)
        self._choose_columns()

    def _choose_columns(self) -> None:
        """Show the columns that fit beside a title of ``TITLE_EM`` characters, in ``COLUMN_PRIORITY``
        order; a column the reader showed or hid from the header's menu stays as chosen."""
        widths = getattr(self, "_widths", None)
        if not widths:
            return
        fields = [f for f, _ in COLUMNS]
        room = self.table.viewport().width() - TITLE_EM * self.table.fontMetrics().horizontalAdvance("中")
        room -= sum(widths[f] for f, shown in self._columns_by_hand.items() if shown)  # the reader's columns first:
        full = False  # in priority order: once one does not fit, none after it (no empty 发文机关 for a date left out)
        for field in COLUMN_PRIORITY:  # the others give way to them (a title cut to 4 characters, 字数 cut, else)
            shown = self._columns_by_hand.get(field)
            if shown is None:
                shown = not full and widths[field] <= room
                full = not shown
                if shown:
                    room -= widths[field]
            self.table.setColumnHidden(fields.index(field), not shown)
        self.model.left_out = tuple(f for f in COLUMN_PRIORITY if self.table.isColumnHidden(fields.index(f)))

    def shown_columns(self) -> list[str]:
        return [f for n, (f, _) in enumerate(COLUMNS) if not self.table.isColumnHidden(n)]

    def _show_column_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        fields = [f for f, _ in COLUMNS]
        for field in COLUMN_PRIORITY:
            column = fields.index(field)
            action = menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, f=field: self.set_column_shown(f, on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(point))
        menu.deleteLater()

    def set_column_shown(self, field: str, shown: bool) -> None:
        """The reader's own choice of a column (the header's menu): kept whatever the panel's width."""
        self._columns_by_hand[field] = shown
        self._choose_columns()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._choose_columns()  # the dock was resized: columns come and go with the room
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        """Reload the documents from the library."""
        self._reload()

    def _reload(self, then=None) -> None:
        def done(docs: list) -> None:
            self.set_documents(docs)
            if then is not None:
                then()

        self._tasks.run("library-documents", lambda lib, progress, cancel: lib.documents(), done,
                        on_error=self._show_error, label=self.tr("Reading the library"))

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, top to bottom as shown."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.proxy.index(r, 0).data(Role.Id) for r in rows]

    def _current_id(self) -> int | None:
        """The row the keyboard or the context menu is on, if selected; else a lone selected row."""
        current = self.table.currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row(), QModelIndex()):
            return current.data(Role.Id)
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def _activate_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.documentActivated.emit(index.data(Role.Id))

    def _update_actions(self, *_) -> None:
        pair = len(self.selected_ids()) == 2
        self.compare_button.setEnabled(pair)
        self.compare_action.setEnabled(pair)
        one = self._current_id() is not None
        for action in (self.open_left_action, self.open_right_action, self.edit_action, self.revise_action):
            action.setEnabled(one)

    def _compare(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 2:
            self.compareRequested.emit(ids[0], ids[1])

    def _open_current(self, side: str) -> None:
        doc_id = self._current_id()
        if doc_id is not None:
            self.openInPane.emit(doc_id, side)

    def _edit_current(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            column = current.column() if COLUMNS[current.column()][0] in EDITABLE else 0
            self.table.edit(current.siblingAtColumn(column))

    def context_menu(self) -> QMenu:
        """The row menu, its actions enabled for the current selection."""
        self._update_actions()
        menu = QMenu(self)
        menu.addAction(self.compare_action)
        menu.addSeparator()
        menu.addAction(self.open_left_action)
        menu.addAction(self.open_right_action)
        menu.addSeparator()
        menu.addAction(self.edit_action)
        menu.addAction(self.revise_action)
        menu.addAction(self.refresh_action)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        selection = self.table.selectionModel()
        if index.isValid():
            flag = QItemSelectionModel.SelectionFlag
            if selection.isRowSelected(index.row(), QModelIndex()):
                selection.setCurrentIndex(index, flag.NoUpdate)
            else:
                selection.setCurrentIndex(index, flag.ClearAndSelect | flag.Rows)
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- region filter ---------------------------------------------------------------
    def _update_regions(self, *_) -> None:
        regions = self.model.regions()
        if regions == self._regions and self.region_filter.count():
            return
        self._regions = regions
        current = self.proxy.region()
        self.region_filter.blockSignals(True)
        self.region_filter.clear()
        self.region_filter.addItem(self.tr("All regions"), None)
        for region in regions:
            self.region_filter.addItem(self.model.in_script(region), region)
        self.region_filter.setCurrentIndex(regions.index(current) + 1 if current in regions else 0)
        self.region_filter.blockSignals(False)
        if current not in regions:
            self.proxy.set_region(None)

    def _region_chosen(self, row: int) -> None:
        self.proxy.set_region(self.region_filter.itemData(row) if row > 0 else None)

    # -- editing ----------------------------------------------------------------------
    def _store_edit(self, doc_id: int, field: str, value: str) -> None:
        self._edits += 1  # a channel per edit: a later edit must not cancel an earlier one
        self._tasks.run(
            f"library-edit-{self._edits}",
            lambda lib, progress, cancel: lib.update_metadata(doc_id, **{field: value}),
            self._edited,
            on_error=self._show_error,
            label=self.tr("Saving"),
        )

    def _edited(self, doc) -> None:
        self.model.update_document(doc)
        self._set_status(self.tr("Saved: {title}").format(title=doc.title))
        self.libraryChanged.emit()

    def _show_error(self, exc: BaseException) -> None:
        self._set_status(self.tr("Error: {reason}").format(reason=_reason(exc)), error=True)

    def _set_status(self, text: str, *, error: bool = False, details: str = "") -> None:
        self.status.setText(text)
        self.status.setToolTip(details or text)
        self.status.setStyleSheet("QLabel { color: #b02a37; }" if error else "")

    # -- importing ----------------------------------------------------------------------
    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import files"), "",
            self.tr("Documents ({patterns});;All files (*)").format(patterns=IMPORT_FILTER),
        )
        self.importer.import_paths(paths)

    def _importing(self, count: int) -> None:
        self._set_status(self.tr("Importing {n} files…").format(n=count))

    def _imported(self, result) -> None:
        errors = [o.line() for o in result.refused]
        self._set_status(summary(result), error=bool(errors), details="\n".join(errors))
        if result.imported:
            self._reload(then=self.libraryChanged.emit)
        elif result.duplicates:  # the same texts: only their metadata may have been read again
            self._reload()

    # -- search -----------------------------------------------------------------------
    def _fit_results(self) -> None:
        """The hit list only when there are hits: no empty box under the search field."""
        shown = self.results_model.rowCount() > 0
        self.results.setVisible(shown)
        self._searching.setMaximumHeight(16777215 if shown else self._searching.sizeHint().height())

    def _search_now(self) -> None:
        self._search_timer.stop()
        query = self.search_box.text().strip()
        if not query:
            self._tasks.cancel(SEARCH_CHANNEL)
            self.results_model.set_hits([])
            self.count_label.clear()
            return
        self.count_label.setText(self.tr("Searching…"))
        self._tasks.run(
            SEARCH_CHANNEL,
            lambda lib, progress, cancel: lib.search(query, limit=SEARCH_LIMIT),
            lambda hits: self._show_hits(query, hits),
            on_error=lambda exc: self.count_label.setText(self.tr("Search failed: {reason}").format(reason=_reason(exc))),
            label=self.tr("Searching"),
        )

    def _show_hits(self, query: str, hits: list) -> None:
        if query != self.search_box.text().strip():
            return  # typed on since: that search is on its way
        self.results_model.set_hits(hits)
        docs = len({h.document_id for h in hits})
        if not hits:
            text = self.tr("No hits")
        elif len(hits) >= SEARCH_LIMIT:
            text = self.tr("first {n} hits").format(n=len(hits))
        else:
            text = self.tr("{n} hits in {d} documents").format(n=len(hits), d=docs)
        self.count_label.setText(text)

    def _activate_hit(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(index.data(HitRole.DocumentId), index.data(HitRole.Start), index.data(HitRole.End))
