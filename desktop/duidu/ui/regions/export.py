"""Exports of the region view: a table as CSV, a picture as PNG or SVG, the whole view as an
HTML or PDF region report (the PDF through the pair report's path, ``ui/pdf.py``)."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

PICTURE = QSize(1400, 800)  # the size a chart is drawn at for export, whatever the window's


def write_csv(rows: list[list], path) -> None:
    """UTF-8 with a byte-order mark: Excel opens Chinese right."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)


def csv_text(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def write_picture(painter_fn, path, size: QSize = PICTURE) -> None:
    """Draw ``painter_fn(painter, rect)`` to a PNG or an SVG (by the file's suffix)."""
    path = str(path)
    rect = QRectF(0, 0, size.width(), size.height())
    if path.lower().endswith(".svg"):
        gen = QSvgGenerator()
        gen.setFileName(path)
        gen.setSize(size)
        gen.setViewBox(rect)
        gen.setTitle("Duidu")
        p = QPainter(gen)
        painter_fn(p, rect)
        p.end()
        return
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor(255, 255, 255))
    p = QPainter(image)
    painter_fn(p, rect)
    p.end()
    if not image.save(path, "PNG"):
        raise OSError(f"could not write {path}")


def png_data_uri(painter_fn, size: QSize = PICTURE) -> str:
    import base64
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor(255, 255, 255))
    p = QPainter(image)
    painter_fn(p, QRectF(0, 0, size.width(), size.height()))
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")


def html_table(rows: list[list], colours=None) -> str:
    """``colours(r, c)``: a cell's background or None."""
    head, *body = rows
    out = ["<table border='1' cellspacing='0' cellpadding='3'><tr>"]
    out += [f"<th>{html.escape(str(h))}</th>" for h in head]
    out.append("</tr>")
    for r, row in enumerate(body):
        out.append("<tr>")
        for c, cell in enumerate(row):
            bg = colours(r, c) if colours else None
            style = f" style='background:{bg}'" if bg else ""
            out.append(f"<td{style}>{html.escape(str(cell))}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def region_report(title: str, sections: list[tuple[str, str]]) -> str:
    """The whole view as one HTML page: ``sections`` are (heading, HTML body)."""
    parts = [f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body>",
             f"<h1>{html.escape(title)}</h1>"]
    for heading, body in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2>{body}")
    parts.append("</body></html>")
    return "".join(parts)


def write_report(page: str, path) -> int:
    """HTML as is; a .pdf through Qt's PDF writer. Returns the page count (1 for HTML)."""
    if str(path).lower().endswith(".pdf"):
        from duidu.ui.pdf import write_pdf

        return write_pdf(page, path)
    Path(path).write_text(page, encoding="utf-8")
    return 1
