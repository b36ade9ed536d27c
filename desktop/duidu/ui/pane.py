"""One side of the reader: a document in a chosen script, its marks, an overview ruler and a find bar.

The pane shows a ``ScriptView`` of the stored text. Everything that crosses its border is in
stored-text code points (``stored_top``, ``select_stored``, ``scroll_to_stored``); Qt's UTF-16
positions stay inside, converted through the view's map, so a script toggle or a character
outside the Basic Multilingual Plane never moves a highlight.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QMouseEvent, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QVBoxLayout, QWidget

from duidu.text.offsets import OffsetMap, utf16_map
from duidu.ui.find_bar import FindBar
from duidu.ui.fonts import reading_font
from duidu.ui.highlighter import MarkHighlighter, Theme
from duidu.ui.labels import FOLLOW_GLOBAL, SCRIPTS as LABELLED_SCRIPTS, label as label_text
from duidu.ui.marks import (EVIDENCE, EXCLUDED, FOUND, HEADING, INDENT, NOTE, Indexed, Mark,  # noqa: F401 (INDENT)
                             shift_layers, shown_text, span_marks)
from duidu.ui.paragraph_margin import ParagraphMargin
from duidu.ui.ruler import OverviewRuler

# (script, label) of the per-pane choice; None follows the global choice.
SCRIPTS = ((None, FOLLOW_GLOBAL), *LABELLED_SCRIPTS)
PARAGRAPH_SPACE = 0.45  # a blank line between paragraphs, as a fraction of the reading size


class ReaderEdit(QPlainTextEdit):
    """Read-only text that reports where the mouse clicks and rests (Qt positions)."""

    clickedAt = Signal(int)
    hoveredAt = Signal(int, QPoint)
    paletteChanged = Signal()
    reflowed = Signal(int)  # a new width re-wrapped the text; the Qt position that was at the top
    widthChanged = Signal()  # the viewport's width changed (a dock folded, a scroll bar came or went)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.paletteChanged.emit()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        # Qt's line breaking follows the Unicode rules (UAX #14): a line may break between Han
        # characters but never before 。，、”》）, never after “《（, and never inside 2026 or 1.5;
        # the text shown joins each figure to its unit (marks.shown_text), so never "92|个" either.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setMouseTracking(True)
        self.setCenterOnScroll(False)
        self.extra_actions: list[QAction] = []
        self.context_actions = None  # callable(Qt position) -> actions for that place (notes there)
        self.navigating = False  # True while a key press moves the view (the reader scrolling)
        self.rewrapping = False  # True while a new width re-wraps the text (Qt moving the view)
        self.code_marks = lambda: ()  # the coded passages (NOTE marks, Qt positions) whose underlines may need an edge

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        from duidu.ui.code_underline import paint_edges

        paint_edges(self, [(m.start, m.end, m.color) for m in self.code_marks()])

    def resizeEvent(self, event) -> None:  # the viewport's size (QAbstractScrollArea)
        rewrap = event.oldSize().width() != event.size().width() and not self.document().isEmpty()
        if event.oldSize().width() != event.size().width():
            self.widthChanged.emit()
        top = self.cursorForPosition(QPoint(2, 2)).position() if rewrap else None  # still the old layout
        self.rewrapping = rewrap
        try:
            super().resizeEvent(event)
        finally:
            self.rewrapping = False
        if top is not None:
            self.reflowed.emit(top)
        margin = getattr(self, "margin", None)
        if margin is not None:
            margin.fit()

    def createMimeDataFromSelection(self):
        """Copied text without the joiners that keep figures with their units (they are display only)."""
        from PySide6.QtCore import QMimeData

        from duidu.text.linebreak import JOINER

        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText().replace(JOINER, ""))
        return data

    def keyPressEvent(self, event) -> None:
        self.navigating = True
        try:
            super().keyPressEvent(event)
        finally:
            self.navigating = False

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clickedAt.emit(self.cursorForPosition(event.position().toPoint()).position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if not event.buttons():
            point = event.position().toPoint()
            self.hoveredAt.emit(self.cursorForPosition(point).position(), event.globalPosition().toPoint())

    def contextMenuEvent(self, event) -> None:
        menu: QMenu = self.createStandardContextMenu()
        here = self.context_actions(self.cursorForPosition(event.pos()).position()) if self.context_actions else []
        if here:
            menu.addSeparator()
            menu.addActions(here)
        if self.extra_actions:
            menu.addSeparator()
            menu.addActions(self.extra_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()


class ElidingChooser(QComboBox):
    """A document chooser whose long title is cut in the middle (both its start and its end tell
    documents apart: 《关于…的通知》), the whole title in the tooltip."""

    def paintEvent(self, event) -> None:
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox, QStylePainter

        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideMiddle,
                                                           max(0, field.width() - 4))
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class DocumentPane(QWidget):
    documentChosen = Signal(int)  # document id picked in the pane's chooser
    scriptChosen = Signal(object)  # a script, or None to follow the global choice
    positionClicked = Signal(int)  # stored-text position
    positionHovered = Signal(int, QPoint)  # stored-text position, global mouse point
    scrolled = Signal(bool)  # True when the reader scrolled (not the program placing the text)

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.document_id: int | None = None
        self.doc_text = None  # library DocumentText
        self.view = None  # library ScriptView
        self._to_qt = OffsetMap.identity(0)  # stored code points -> Qt positions
        self._view_to_qt = OffsetMap.identity(0)
        self._starts = [0]
        self._found: list[Mark] = []
        self._found_at = -1
        self._marks: dict[str, list[Mark]] = {}
        self._evidence: tuple[int, int] | None = None  # stored span shown as "look here"
        self._notes: list[tuple[int, int, int, str]] = []  # (annotation id, start, end, colour) on this document
        self._paragraph_starts: tuple = (None, [])  # (doc_text, its paragraph starts), for sync scrolling
        self._programmatic = 0  # >0 while the pane itself moves the view
        # (position the reader is at, the top when it was placed): a re-wrap returns to the
        # position itself, so dragging a window edge does not creep back a line per step.
        self._anchor: tuple[int, int] | None = None
        self._user_scroll = False  # set by the scroll bar's actions (wheel, drag, arrows, page)
        self._by_passage: dict[str, dict[int, Mark]] = {}
        self._font: tuple[int, str, str] = (0, "", "sans")  # points (0: not set yet), family, face
        self._headings: list[tuple[int, int]] = []  # stored spans of the paragraphs read as headings

        self.chooser = ElidingChooser(self)
        self.chooser.setAccessibleName(self.tr("Document"))
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(10)
        self.chooser.currentIndexChanged.connect(lambda i: self.chooser.setToolTip(self.chooser.itemText(i)))
        self.chooser.activated.connect(lambda i: self.documentChosen.emit(self.chooser.itemData(i)))
        self.script_box = QComboBox(self)
        self.script_box.setAccessibleName(self.tr("Script of this pane"))
        for script, label in SCRIPTS:
            self.script_box.addItem(label_text(label), script)
        self.script_box.activated.connect(lambda i: self.scriptChosen.emit(self.script_box.itemData(i)))
        self.info = QLabel(self)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setStyleSheet("QLabel { color: palette(placeholder-text); }")

        self.edit = ReaderEdit(self)
        self.edit.code_marks = lambda: self._marks.get("notes", ())
        self.edit.setAccessibleName(self.tr("Document text"))
        self.edit.margin = self.margin = ParagraphMargin(self.edit)
        self.theme = Theme(self.edit.palette())
        self.highlighter = MarkHighlighter(self.edit.document(), self.theme)
        self.ruler = OverviewRuler(self)
        self.ruler.jumpRequested.connect(self._jump_to_fraction)

        self.find_bar = FindBar(self)
        self.find_box, self.find_count = self.find_bar.box, self.find_bar.status
        self.find_box.setPlaceholderText(self.tr("Find in this document (any script)"))
        self.find_box.textChanged.connect(lambda _: self._find_timer.start())
        self.find_bar.step.connect(self.find_next)
        self.find_bar.closed.connect(self.hide_find)
        self._find_timer = QTimer(self, singleShot=True, interval=200)
        self._find_timer.timeout.connect(self._run_find)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.chooser, 1)
        head.addWidget(self.script_box)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        if side == "a":  # rulers on the outer edges; the connector gutter lies between the panes
            body.addWidget(self.ruler)
            body.addWidget(self.edit, 1)
        else:
            body.addWidget(self.edit, 1)
            body.addWidget(self.ruler)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addWidget(self.info)
        layout.addLayout(body, 1)
        layout.addWidget(self.find_bar)

        bar = self.edit.verticalScrollBar()
        bar.actionTriggered.connect(self._user_scrolling)  # emitted before the value changes
        bar.valueChanged.connect(self._on_scroll)
        self.edit.paletteChanged.connect(self._palette_changed)
        self.edit.reflowed.connect(self._rewrapped)
        self.edit.clickedAt.connect(lambda q: self.positionClicked.emit(self.stored_position(q)))
        self.edit.hoveredAt.connect(lambda q, g: self.positionHovered.emit(self.stored_position(q), g))

    # -- the library's documents in the chooser ------------------------------------------
    def set_choices(self, documents) -> None:
        self._choices = list(documents)
        self._choices_config = self.view.config if self.view is not None else None
        self.chooser.clear()
        for d in self._choices:
            self.chooser.addItem(self.in_script(f"{d.title}  [{d.region or '—'}]"), d.id)
        self._select_choice()

    def in_script(self, text: str) -> str:
        """Document-derived text (titles, regions, sources) in the script this pane shows."""
        config = self.view.config if self.view is not None else None
        if not config or not text:
            return text
        from duidu.text.script import convert

        return convert(text, config).text

    def _select_choice(self) -> None:
        self.chooser.setCurrentIndex(self.chooser.findData(self.document_id))  # -1: none chosen yet

    def update_document(self, document) -> None:
        """The library changed this document's metadata: citations and the header follow."""
        if self.doc_text is not None and document.id == self.document_id:
            from dataclasses import replace

            self.doc_text = replace(self.doc_text, document=document)
            self._show_info()

    def set_script_choice(self, script: str | None) -> None:
        self.script_box.setCurrentIndex(max(0, self.script_box.findData(script)))

    # -- showing a document ----------------------------------------------------------------
    def set_document(self, doc_text, view, layers: dict[str, list[Mark]] | None = None,
                     indexed: Indexed | None = None) -> None:
        """Show ``view`` of ``doc_text``; the same document keeps its reading position and selection."""
        same = self.doc_text is not None and doc_text.document.id == self.document_id
        top = self.stored_top() if same else 0
        selection = self.stored_selection() if same else None
        if not same:
            self._evidence, self._notes = None, []
            self.margin.set_stripes([])
        new_forms = self.view is None or self.view.script != view.script
        self.doc_text, self.view, self.document_id = doc_text, view, doc_text.document.id
        if new_forms and self._font[0]:
            self._apply_font()
        display, indent = shown_text(view, doc_text)
        self._view_to_qt = indent.then(utf16_map(display))  # view code points -> the text shown, Qt positions
        self._to_qt = view.map.then(self._view_to_qt)
        # Marks made on a worker are in the view's own Qt positions (``view.qt_map()``): shifted past the indents.
        self._from_view_qt = None if indent.is_identity else utf16_map(view.text).inverse().then(self._view_to_qt)
        self._found, self._found_at = [], -1
        self._show_info()
        if getattr(self, "_choices_config", None) != view.config and getattr(self, "_choices", None):
            self.set_choices(self._choices)  # the titles in the pane's script too
        self._select_choice()
        self._programmatic += 1  # new text resets the scroll bar: not the reader scrolling
        try:
            self.highlighter.clear_for_new_text()  # no stale marks while the new text is laid out
            self.edit.setPlainText(display)
            self._starts = self._block_starts()
            self._space_paragraphs()
            self._number_paragraphs()
            self.set_layers(layers or {}, indexed)
        finally:
            self._programmatic -= 1
        if selection:
            self.select_stored(*selection)
        self.scroll_to_stored(top)
        if self.find_bar.isVisible() and self.find_box.text():
            self._run_find()

    def _show_info(self) -> None:
        d = self.doc_text.document
        self.info.setText(" · ".join(x for x in (self.in_script(d.region), d.date, self.in_script(d.source),
                                                  self.tr("%n characters", "", d.length)) if x))

    def _block_starts(self) -> list[int]:
        """Where Qt's blocks begin: it also breaks at U+2029 and other separators, not only at \\n."""
        starts = []
        block = self.edit.document().firstBlock()
        while block.isValid():
            starts.append(block.position())
            block = block.next()
        return starts or [0]

    def _space_paragraphs(self) -> None:
        """Blank lines drawn a little under half a line tall: paragraph spacing as printed documents
        have it. QPlainTextEdit ignores block margins, but lays out an empty block one line of its
        block character format high; only blank blocks get the small size, so no offset moves."""
        doc = self.edit.document()
        points = self.edit.font().pointSizeF()
        if points <= 0:
            return
        fmt = QTextCharFormat()
        fmt.setFontPointSize(max(2.0, round(points * PARAGRAPH_SPACE, 1)))
        cursor = QTextCursor(doc)
        undo = doc.isUndoRedoEnabled()
        doc.setUndoRedoEnabled(False)  # read-only text: nothing to undo, nothing to keep
        # One edit, its signal held back: the layout is told directly and re-lays out only what it
        # shows, while the highlighter (a listener) would re-format every block in between (an
        # empty block has nothing to format). 12 ms instead of 66 ms over a 500k-character text.
        doc.blockSignals(True)
        cursor.beginEditBlock()
        try:
            for start in self._blank_blocks():
                cursor.setPosition(start)
                cursor.setBlockCharFormat(fmt)
        finally:
            cursor.endEditBlock()
            doc.blockSignals(False)
            doc.setUndoRedoEnabled(undo)

    def _blank_blocks(self) -> list[int]:
        """Qt positions of the empty blocks (from the block starts: one block ends where the next begins)."""
        starts, end = self._starts, self.edit.document().characterCount()
        return [s for s, nxt in zip(starts, [*starts[1:], end]) if nxt - s == 1]

    def _number_paragraphs(self) -> None:
        """The margin's ¶ numbers (the stored text's paragraphs, as citations count them) and the headings."""
        doc = self.edit.document()
        paragraphs = self.doc_text.paragraphs
        self.margin.set_numbers({doc.findBlock(self._to_qt.to_dst(p.start)).blockNumber(): n
                                 for n, p in enumerate(paragraphs, 1)})
        from duidu.text.structure import headings

        self._headings = [(paragraphs[i].start, paragraphs[i].end)
                          for i in headings(self.doc_text.text, paragraphs, self.doc_text.excluded)]

    def _with_furniture(self, layers: dict[str, list[Mark]]) -> dict[str, list[Mark]]:
        excluded = [(e.start, e.end) for e in self.doc_text.excluded]
        return {"headings": span_marks(self._headings, HEADING, self._to_qt),
                "excluded": span_marks(excluded, EXCLUDED, self._to_qt), **layers}

    def set_layers(self, layers: dict[str, list[Mark]], indexed: Indexed | None = None) -> None:
        """Replace every mark (a new comparison, the boilerplate switch); ``indexed``: the same layers
        a worker already indexed by block, used when made for this very text."""
        shift = getattr(self, "_from_view_qt", None)
        if shift is not None and not (indexed is not None and indexed.shown):
            layers = shift_layers(layers, shift)  # made in the view's positions: past the first-line indents
            indexed = None
        indexes = indexed.layers if indexed is not None and indexed.starts == self._starts else None
        layers = self._with_furniture(layers)
        if self._evidence is not None:  # pane-local marks outlive a new comparison
            layers["evidence"] = span_marks([self._evidence], EVIDENCE, self._to_qt)
        if "found" not in layers and self._found:
            layers["found"] = self._found
        layers["notes"] = self._note_marks()
        self._marks = {name: sorted(marks, key=lambda m: (m.start, m.end)) for name, marks in layers.items()}
        self._by_passage.clear()
        top = self.top_qt()
        self._programmatic += 1
        try:
            self.highlighter.reset(self._starts, layers, indexes=indexes, visible=self.visible_blocks())
            self._keep_top(top)
        finally:
            self._programmatic -= 1
        self._update_ruler()

    def set_layer(self, name: str, marks: list[Mark]) -> None:
        self._marks[name] = sorted(marks, key=lambda m: (m.start, m.end))
        self._by_passage.pop(name, None)
        top = self.top_qt()
        self._programmatic += 1
        try:
            self.highlighter.set_layer(name, marks)
            self._keep_top(top)
        finally:
            self._programmatic -= 1
        if name == "passages":
            self._update_ruler()

    def set_notes(self, notes: list[tuple[int, int, int, str]]) -> None:
        """This document's notes: (annotation id, start, end, colour) in stored-text code points."""
        self._notes = list(notes)
        marks = self._note_marks()
        self.set_layer("notes", marks)
        self.margin.set_stripes([(m.start, m.end, m.color or "#cc79a7") for m in marks])

    def _note_marks(self) -> list[Mark]:
        out = []
        for note, start, end, color in self._notes:
            if 0 <= start < end <= self._to_qt.src_len:
                out.append(Mark(*self._to_qt.to_dst_span(start, end), NOTE, note=note, color=color))
        return out

    def evidence(self) -> tuple[int, int] | None:
        """The stored span last shown as evidence (a measure cell, a figure, a search hit)."""
        return self._evidence

    def notes_at(self, stored_pos: int) -> list[int]:
        """Annotation ids whose passage covers a stored position."""
        return [n for n, s, e, _ in self._notes if s <= stored_pos < e]

    def _keep_top(self, qt_top: int) -> None:
        """Repainting re-lays out blocks and may shift lines: keep the same text at the top."""
        if self.top_qt() != qt_top:
            self.scroll_to_qt(qt_top)

    def _rewrapped(self, old_top: int) -> None:
        """Qt keeps the top line's number, not its text, when a new width re-wraps: go back to the text."""
        anchor = self._anchor
        self._keep_top(anchor[0] if anchor is not None and anchor[1] == old_top else old_top)

    def show_evidence(self, start: int, end: int) -> None:
        """Mark a stored span (a measure's evidence, a search hit), select it and bring it into view."""
        self._evidence = (start, end)
        self.set_layer("evidence", span_marks([self._evidence], EVIDENCE, self._to_qt))
        self.select_stored(start, end)
        self.scroll_to_stored(start, center=True)

    def qt_map(self) -> OffsetMap:
        return self._to_qt

    def marks(self, layer: str) -> list[Mark]:
        """A layer's marks in text order."""
        return self._marks.get(layer, [])

    def marks_between(self, layer: str, qt_start: int, qt_end: int) -> list[Mark]:
        index = self.highlighter.layer(layer)
        if index is None:
            return []
        out: dict[int, Mark] = {}
        for block in index.blocks_of(qt_start, qt_end + 1):
            for m in index.marks(block):
                if m.start <= qt_end and m.end >= qt_start:
                    out[id(m)] = m
        return sorted(out.values(), key=lambda m: (m.start, m.end))

    def marks_by_passage(self, layer: str) -> dict[int, Mark]:
        found = self._by_passage.get(layer)
        if found is None:
            found = self._by_passage[layer] = {m.passage: m for m in self.marks(layer)}
        return found

    def _update_ruler(self) -> None:
        self.ruler.set_marks(self._to_qt.dst_len, self.marks("passages"), self.theme.hues)
        self.ruler.set_visible_range(self.top_qt(), self.bottom_qt())

    def _palette_changed(self) -> None:
        if Theme(self.edit.palette()).dark != self.theme.dark:  # the system (or the user) switched light/dark
            self.refresh_theme()

    def refresh_theme(self) -> None:
        """Colours for the current palette (the system may switch between light and dark)."""
        heading = self.theme.heading_points
        self.theme = Theme(self.edit.palette())
        self.theme.heading_points = heading
        self.highlighter.set_theme(self.theme)
        self._update_ruler()

    def set_font_size(self, points: int, family: str = "", face: str | None = None) -> None:
        """The reading font: the view's script picks the glyph forms (SC / TC / HK), ``face`` sans, song or fangsong."""
        self._font = (points, family, self._font[2] if face is None else face)
        top = self.top_qt()
        self._programmatic += 1
        try:
            self._apply_font()
            self._keep_top(top)
        finally:
            self._programmatic -= 1

    def _apply_font(self) -> None:
        points, family, face = self._font
        script = self.view.script if self.view is not None else "simplified"
        font = reading_font(points, family, script, face)
        self.edit.setFont(font)
        self._space_paragraphs()  # the blank lines keep their share of the new size
        self.margin.fit()
        heading = round(font.pointSizeF() * 1.15, 1)
        if heading != self.theme.heading_points:
            self.theme.heading_points = heading
            self.highlighter.set_theme(self.theme)

    # -- positions --------------------------------------------------------------------------
    def stored_position(self, qt_pos: int) -> int:
        return self._to_qt.to_src(max(0, min(qt_pos, self._to_qt.dst_len)))

    def qt_span(self, start: int, end: int) -> tuple[int, int]:
        return self._to_qt.to_dst_span(start, end)

    def top_qt(self) -> int:
        return self.edit.cursorForPosition(QPoint(2, 2)).position()

    def bottom_qt(self) -> int:
        vp = self.edit.viewport()
        return self.edit.cursorForPosition(QPoint(vp.width() - 2, vp.height() - 2)).position()

    def stored_top(self) -> int:
        return self.stored_position(self.top_qt())

    def stored_selection(self) -> tuple[int, int] | None:
        c = self.edit.textCursor()
        if not c.hasSelection():
            return None
        return self._to_qt.to_src_span(c.selectionStart(), c.selectionEnd())

    def select_stored(self, start: int, end: int) -> None:
        s, e = self.qt_span(start, end)
        c = self.edit.textCursor()
        c.setPosition(s)
        c.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(c)

    def selected_text(self) -> str:
        span = self.stored_selection()
        return "" if span is None or self.doc_text is None else self.doc_text.text[span[0] : span[1]]

    def scroll_to_stored(self, pos: int, *, center: bool = False) -> None:
        if self.doc_text is None:
            return
        self.scroll_to_qt(self.qt_span(pos, pos)[0], center=center)

    def scroll_to_qt(self, qt_pos: int, *, center: bool = False) -> None:
        """Put a position at the top of the view (or a third of the way down) without moving the selection.

        QPlainTextEdit scrolls by lines and knows a block's line count only once laid out,
        so the first estimate is corrected by where the position really lands.
        """
        doc = self.edit.document()
        qt_pos = max(0, min(qt_pos, doc.characterCount() - 1))
        block = doc.findBlock(qt_pos)
        if not block.isValid():
            return
        bar = self.edit.verticalScrollBar()
        line = 0
        if block.layout() is not None and block.layout().lineCount() > 0:
            line = max(0, block.layout().lineForTextPosition(qt_pos - block.position()).lineNumber())
        wanted = self.edit.viewport().height() // 3 if center else 0
        spacing = max(1, self.edit.fontMetrics().lineSpacing())
        cursor = QTextCursor(doc)
        cursor.setPosition(qt_pos)
        self._programmatic += 1
        try:
            bar.setValue(block.firstLineNumber() + line)
            tried: dict[int, int] = {}
            for _ in range(12):
                y = self.edit.cursorRect(cursor).top()
                tried[bar.value()] = y
                off = round((y - wanted) / spacing)
                value = max(bar.minimum(), min(bar.maximum(), bar.value() + (off or 0)))
                if off == 0 or value in tried:
                    break
                bar.setValue(value)
            # Lines are not all one spacing tall (blank lines, margins): of the values tried,
            # keep the one that shows the position nearest to where it was wanted, on screen.
            visible = {v: y for v, y in tried.items() if y >= 0} or tried
            best = min(visible, key=lambda v: abs(visible[v] - wanted))
            if best != bar.value():
                bar.setValue(best)
        finally:
            self._programmatic -= 1
        top = self.top_qt()
        # The position itself only when it did reach the top line (not at the document's end).
        reached = not center and self.edit.cursorRect(cursor).top() < spacing
        self._anchor = (qt_pos if reached else top, top)

    def paragraph_of(self, pos: int) -> int:
        """Index of the stored-text paragraph holding ``pos`` (the nearest one before it)."""
        if self._paragraph_starts[0] is not self.doc_text:
            self._paragraph_starts = (self.doc_text, [p.start for p in self.doc_text.paragraphs])
        return max(0, bisect_right(self._paragraph_starts[1], pos) - 1)

    def citation(self) -> str:
        """The selection with where it comes from: title, region, date, paragraph."""
        span = self.stored_selection()
        if span is None or self.doc_text is None:
            return ""
        d = self.doc_text.document
        quote = self.view.text[slice(*self.view.map.to_dst_span(*span))]
        paragraph = self.tr("paragraph %1").replace("%1", str(self.paragraph_of(span[0]) + 1))
        # The title and region in the quote's script (a traditional quote under 华龙网 read as two sources).
        where = self.tr(", ").join(x for x in (f"《{self.in_script(d.title)}》", self.in_script(d.region or ""), d.date,
                                               paragraph) if x)
        return f"“{quote}”\n——{where}"

    def _jump_to_fraction(self, fraction: float) -> None:
        self.scroll_to_qt(int(fraction * self._to_qt.dst_len), center=True)
        self.scrolled.emit(True)  # the reader asked for it: the other pane follows

    def visible_blocks(self, top: int | None = None, bottom: int | None = None) -> tuple[int, int]:
        """Block numbers on screen (from the visible Qt positions, when the caller has them)."""
        doc = self.edit.document()
        top = self.top_qt() if top is None else top
        bottom = self.bottom_qt() if bottom is None else bottom
        return doc.findBlock(top).blockNumber(), doc.findBlock(bottom).blockNumber() + 1

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.highlighter.ensure(*self.visible_blocks())

    def _user_scrolling(self, _action: int) -> None:
        self._user_scroll = True

    def _on_scroll(self, *_) -> None:
        """Only the reader's own scrolling (wheel, scroll bar, keys, the ruler) drives the other pane;
        the program placing text, relayouts and new text never do."""
        by_user = (self._user_scroll or self.edit.navigating) and self._programmatic == 0
        self._user_scroll = False
        top, bottom = self.top_qt(), self.bottom_qt()
        if self._programmatic == 0 and not self.edit.rewrapping:
            self._anchor = (top, top)  # the reader (or Qt, following the cursor) moved: this is the place now
        self.highlighter.ensure(*self.visible_blocks(top, bottom))
        self.ruler.set_visible_range(top, bottom)
        self.scrolled.emit(by_user)

    # -- find in pane ------------------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.open()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self._found, self._found_at = [], -1
        self.set_layer("found", [])
        self.edit.setFocus()

    def _run_find(self) -> None:
        query = self.find_box.text().strip()
        self._found, self._found_at = [], -1
        if query and self.view is not None:
            from duidu.text.script import convert

            forms = {query, convert(query, "s2t").text, convert(query, "t2s").text}
            if self.view.config:
                forms.add(convert(query, self.view.config).text)
            text = self.view.text
            spans = set()
            for form in forms:
                i = text.find(form)
                while i >= 0:
                    spans.add((i, i + len(form)))
                    i = text.find(form, i + 1)
            self._found = [Mark(*self._view_to_qt.to_dst_span(s, e), FOUND) for s, e in sorted(spans)]
        self.set_layer("found", self._found)
        self.find_count.setText(self.tr("%n found", "", len(self._found)) if query else "")
        if self._found:
            self.find_next(+1, from_top=True)

    def find_next(self, step: int, *, from_top: bool = False) -> None:
        if not self._found:
            return
        if from_top:
            top = self.top_qt()
            self._found_at = next((i for i, m in enumerate(self._found) if m.start >= top), 0)
        else:
            self._found_at = (self._found_at + step) % len(self._found)
        m = self._found[self._found_at]
        c = self.edit.textCursor()
        c.setPosition(m.start)
        c.setPosition(m.end, QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(c)
        self.scroll_to_qt(m.start, center=True)
        self.find_count.setText(f"{self._found_at + 1}/{len(self._found)}")
