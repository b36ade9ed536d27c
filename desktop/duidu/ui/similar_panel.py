"""The reader's similar-passages side panel: where else the library says something like this."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from duidu.ui.similar_model import Role, SimilarResultsModel
from duidu.ui.tasks import TaskRunner

CHANNEL = "similar"
TOP = 20


class _ElidedLabel(QLabel):
    """One line that cuts its text with … to fit its width; the tooltip has it whole."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        line = " ".join(self._full.split())
        self.setText(self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, max(0, self.width())))


class SimilarPanel(QWidget):
    """``search(text)`` ranks the library's passages by likeness to ``text`` (a task)."""

    openRequested = Signal(int, int, int)  # document id, start, end in its stored text

    def __init__(self, tasks: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self._tasks = tasks

        self.heading = QLabel(self.tr("Similar passages"), self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.query = _ElidedLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.model = SimilarResultsModel(self)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setAccessibleName(self.tr("Similar passages"))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSpacing(2)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)  # rewrap when the panel narrows

        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setToolTip(self.tr("Open this passage in the reader"))
        self.open_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addStretch(0)  # takes the room while there is no result (no empty box under the hint)
        layout.addLayout(buttons)

        self.results.activated.connect(self._open)
        self.results.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(lambda: self.open_button.setEnabled(False))
        self.model.modelReset.connect(self._show_results)
        self.open_button.clicked.connect(lambda: self._open(self.results.currentIndex()))
        self.clear()

    # -- the API ----------------------------------------------------------------------
    def search(self, text: str, source: tuple[int, int, int] | None = None) -> None:
        """Rank passages like ``text``; an empty query only says so (no task).

        ``source`` (document id, start, end) is where the query was selected: that passage
        itself is left out of the results."""
        self._tasks.cancel(CHANNEL)
        self.model.clear()
        if not text or not text.strip():
            self.query.set_full_text("")
            self.status.setText(self.tr("Empty query: select a passage first"))
            return
        self.query.set_full_text(self.tr("Query:") + " " + text.strip())
        self.status.setText(self.tr("Searching…"))
        def work(lib, progress, cancel):
            hits = lib.similar(text, top=TOP + 1)
            if source is not None:
                doc, start, end = source
                hits = [h for h in hits if not (h.document_id == doc and h.start < end and start < h.end)]
                # Other documents first: the query's own document is where it came from, not news.
                hits.sort(key=lambda h: h.document_id == doc)
            return hits[:TOP]

        self._tasks.run(CHANNEL, work, self._found, on_error=self._failed, label=self.tr("Similar passages"))

    def clear(self) -> None:
        self._tasks.cancel(CHANNEL)
        self.model.clear()
        self.query.set_full_text("")
        self.status.setText(self.tr("Select a passage to find similar ones"))

    # -- results --------------------------------------------------------------------------
    def _show_results(self) -> None:
        has = self.model.rowCount() > 0
        self.results.setVisible(has)
        self.open_button.setVisible(has)

    def _found(self, hits: list) -> None:
        self.model.set_hits(hits)
        if hits:
            self.status.setText(self.tr("%n results", "", len(hits)))
            self.results.setCurrentIndex(self.model.index(0))
        else:
            self.status.setText(self.tr("No similar passages"))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("Search failed:") + f" {error}")

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.open_button.setEnabled(current.isValid())

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(index.data(Role.DocumentId), index.data(Role.Start), index.data(Role.End))
