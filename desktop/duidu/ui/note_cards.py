"""The notes panel's rows drawn as cards: the quote(s), the note, its codes, where and who.

A card reads top to bottom as a note is written: the codes as coloured chips, the quote (both
quotes of a comparison note, A ⇄ B), the note itself, then document · annotator · date in
small grey. The table keeps its model, filters and sorting; only the drawing changes, and
each card is as tall as its text.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from duidu.ui.notes_model import DOCUMENT, NoteRole

QUOTE_LIMIT = 160  # characters of each quote on a card (the tooltip and the passage have the rest)
NOTE_LIMIT = 300


class NoteCardDelegate(QStyledItemDelegate):
    def __init__(self, notes, parent=None) -> None:
        super().__init__(parent)
        self.notes = notes  # the controller: codes and their colours
        self.in_script = lambda text: text  # document-derived text in the reader's script

    def _html(self, index, palette: QPalette, selected: bool) -> str:
        a = index.data(NoteRole.Annotation)
        dim = palette.color(QPalette.ColorRole.PlaceholderText).name()
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text).name()
        codes = self.notes.code_map()
        chips = " ".join(
            f'<span style="background:{codes[c].color}; color:{codes[c].color}">▍</span>'
            f'<span style="color:{text}">{escape(self.in_script(codes[c].name))}</span>'
            for c in a.code_ids if c in codes)
        quotes = [f"“{escape(self.in_script(t.quote[:QUOTE_LIMIT]))}{'…' if len(t.quote) > QUOTE_LIMIT else ''}”"
                  for t in a.targets]
        quote = '<br><span style="color:%s">⇄</span> ' % dim
        orphan = "⚠ " if a.orphaned else ""
        note = escape(a.note[:NOTE_LIMIT] + ("…" if len(a.note) > NOTE_LIMIT else "")).replace("\n", "<br>")
        where = escape(self.in_script(index.siblingAtColumn(DOCUMENT).data() or ""))
        meta = " · ".join(x for x in (where, escape(a.annotator), a.updated_at.replace("T", " ")[:16]) if x)
        parts = [f'<div style="color:{text}">']
        if chips:
            parts.append(f"<div>{chips}</div>")
        parts.append(f"<div>{orphan}{quote.join(quotes)}</div>")
        if note:
            parts.append(f'<div style="margin-top:2px"><i>{note}</i></div>')
        parts.append(f'<div style="color:{dim}; font-size:small">{meta}</div></div>')
        return "".join(parts)

    def _document(self, option, index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(6)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc.setHtml(self._html(index, option.palette, selected))
        doc.setTextWidth(max(80, option.rect.width()))
        return doc

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        doc.documentLayout().draw(painter, context)
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, option.rect.height() - 1, option.rect.width(), option.rect.height() - 1)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        width = option.widget.viewport().width() if option.widget is not None else 320
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 2)
