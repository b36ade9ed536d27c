"""The region view's pictures, drawn with QPainter: the heat map's legend, the targets chart and
the reuse network. Plain QPainter because PySide6-Essentials has no QtCharts (it is in
PySide6-Addons, a second large wheel) and these three need only points, lines and labels;
drawing through ``paint(painter, rect)`` also gives SVG and PNG export for nothing."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from duidu.ui.regions.models import EdgesModel, TargetsModel, short_region as _short
from duidu.ui.regions.palette import category, viridis

HIT = 8.0  # pixels: how near a click must be to a point or an edge
PAPER, INK = QColor(255, 255, 255), QColor(40, 40, 40)  # exported pictures; on screen the theme's page and text


def _faded(colour: QColor, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(max(0, min(255, alpha)))
    return out


def _screen(widget) -> tuple[QColor, QColor]:
    """The page and text colours of the widget's theme (a white chart glared in the dark theme)."""
    return widget.palette().base().color(), widget.palette().text().color()


class Legend(QWidget):
    """The heat map's scale: mentions from 1 to the peak, in the palette."""

    def __init__(self, model, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        model.changed.connect(self.update)
        self.setMinimumHeight(30)

    def minimumSizeHint(self) -> QSize:
        """The label and nine of the smallest boxes (18 px): all it needs, not a fixed 520 px."""
        return QSize(self.fontMetrics().horizontalAdvance(self.label()) + 8 + 9 * 20, 30)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.label()) + 8 + 9 * 36, 30)

    def label(self) -> str:
        return self.tr("Mentions in the region's documents:")

    def paint(self, p: QPainter, r: QRectF) -> None:
        peak = self.model.peak
        p.setPen(self.palette().text().color())
        label = self.label()
        width = p.fontMetrics().horizontalAdvance(label) + 8
        p.drawText(QRectF(r.left(), r.top(), width, r.height()), Qt.AlignmentFlag.AlignVCenter, label)
        steps = min(peak, 8)
        box = max(18, min(34, (r.width() - width) / (steps + 1) - 2))
        for k in range(steps + 1):
            n = 0 if k == 0 else max(1, round(k * peak / steps))
            cell = QRectF(r.left() + width + k * (box + 2), r.top() + 4, box, r.height() - 8)
            # 0 as the table shows it: the page's own colour (light or dark theme), the rest in the palette.
            fill = self.model.colour(n) if n else self.palette().base().color()
            p.fillRect(cell, fill)
            p.setPen(self.palette().text().color() if not n else QColor(0, 0, 0) if fill.lightnessF() > 0.55
                     else QColor(255, 255, 255))
            p.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(n) if n else "0")

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        self.paint(p, QRectF(self.rect()))


class TargetsChart(QWidget):
    """Every region's value as a dot (a range as a bar), the national value as a dashed line."""

    pointClicked = Signal(object)  # TargetPoint

    def __init__(self, model: TargetsModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        model.modelReset.connect(self.update)
        self.setMinimumHeight(120)  # a laptop's 768 px: the reader above keeps its lines (the splitter gives more)
        self._hits: list[tuple[QPointF, object]] = []

    def points(self):
        c = self.model.current
        return list(c.points) if c else []

    def paint(self, p: QPainter, r: QRectF, paper: QColor = PAPER, ink: QColor = INK) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(r, paper)
        c = self.model.current
        self._hits = []
        p.setPen(ink)
        if c is None or not c.points:
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.tr("No indicator values in these documents"))
            return
        values = [v for pt in c.points for v in (pt.value, pt.high) if v is not None]
        if c.national:
            values.append(c.national.value)
        lo, hi = min(values), max(values)
        if hi == lo:
            lo, hi = lo - 1, hi + 1
        pad = (hi - lo) * 0.1
        lo, hi = (0 if lo >= 0 and lo - pad < 0 else lo - pad), hi + pad
        left, right, top, bottom = r.left() + 60, r.right() - 16, r.top() + 30, r.bottom() - 70
        y = lambda v: bottom - (v - lo) / (hi - lo) * (bottom - top)
        title = QFont(p.font())
        title.setBold(True)
        p.setFont(title)
        t = self.model.in_script  # the documents' words in the reader's script
        p.drawText(QRectF(left, r.top() + 4, right - left, 22), Qt.AlignmentFlag.AlignLeft, t(c.label))
        p.setFont(QFont(self.font()))
        grid = QPen(_faded(ink, 45))
        for k in range(6):  # five gridlines with their values
            v = lo + (hi - lo) * k / 5
            p.setPen(grid)
            p.drawLine(QPointF(left, y(v)), QPointF(right, y(v)))
            p.setPen(_faded(ink, 200))
            p.drawText(QRectF(r.left(), y(v) - 9, 54, 18), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       f"{v:.4g}")
        n = len(c.points)
        step = (right - left) / n
        for k, pt in enumerate(c.points):
            x = left + step * (k + 0.5)
            colour = viridis(0.25 if pt.kind == "target" else 0.7)
            if pt.high is not None:
                p.setPen(QPen(colour, 4))
                p.drawLine(QPointF(x, y(pt.value)), QPointF(x, y(pt.high)))
            p.setPen(QPen(ink, 1))
            p.setBrush(colour)
            p.drawEllipse(QPointF(x, y(pt.value)), 5, 5)
            self._hits.append((QPointF(x, y(pt.value)), pt))
            p.save()  # the region's name, turned to fit 31 of them
            p.translate(x, bottom + 6)
            p.rotate(60)
            p.setPen(ink)
            # The qualifier in brackets: run on, 北京左右 read as part of the name.
            qualifier = f"（{pt.qualifier}）" if pt.qualifier not in ("", "区间") else ""
            p.drawText(QPointF(0, 4), t(_short(pt.region) + qualifier))
            p.restore()
        if c.national:
            p.setPen(QPen(QColor(200, 30, 30), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(left, y(c.national.value)), QPointF(right, y(c.national.value)))
            label = self.national_label()
            p.drawText(QPointF(right - p.fontMetrics().horizontalAdvance(label) - 4, y(c.national.value) - 6), label)
        x = left + 260  # the key: what a dot's colour and a bar say
        for text, colour in ((self.tr("target"), viridis(0.25)), (self.tr("result"), viridis(0.7))):
            p.setPen(QPen(ink, 1))
            p.setBrush(colour)
            p.drawEllipse(QPointF(x, r.top() + 15), 5, 5)
            p.drawText(QPointF(x + 9, r.top() + 20), text)
            x += 24 + p.fontMetrics().horizontalAdvance(text)
        p.setPen(QPen(viridis(0.25), 4))
        p.drawLine(QPointF(x, r.top() + 9), QPointF(x, r.top() + 21))
        p.setPen(ink)
        p.drawText(QPointF(x + 8, r.top() + 20), self.tr("a range (low–high)"))
        p.setBrush(Qt.BrushStyle.NoBrush)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        self.paint(p, QRectF(self.rect()), *_screen(self))

    def national_label(self) -> str:
        """The reference line's label from the figure's own period and report: the provinces'
        2026 targets are read against the State Council's 2025 target, and the line must not pass
        for a 2026 (or 2024) figure."""
        c = self.model.current
        n = c.national if c else None
        if n is None:
            return ""
        t = self.model.in_script
        return self.tr("National %1: %2 (%3)").replace("%1", t(n.period)).replace("%2", t(n.shown)).replace(
            "%3", t(n.source) if n.source else str(n.doc))

    def point_near(self, pos: QPointF):
        best = min(self._hits, key=lambda h: (h[0] - pos).manhattanLength(), default=None)
        return best[1] if best and (best[0] - pos).manhattanLength() <= 2 * HIT else None

    def point_position(self, point) -> QPointF | None:
        return next((at for at, pt in self._hits if pt is point), None)

    def mousePressEvent(self, event) -> None:
        found = self.point_near(event.position())
        if found is not None:
            self.pointClicked.emit(found)


class NetworkView(QWidget):
    """Documents on a circle in administrative-code order, coloured by region; each edge a line
    as thick as its informative shared text, an arrow from the earlier document to the later."""

    edgeClicked = Signal(object)  # engine.reuse.Edge

    def __init__(self, model: EdgesModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        model.modelReset.connect(self.update)
        self.setMinimumHeight(140)  # as the targets chart: the window must fit 1366x768 with the view open
        self._where: dict[int, QPointF] = {}

    def layout_nodes(self, r: QRectF) -> dict[int, QPointF]:
        net = self.model.network
        if net is None:
            return {}
        nodes = sorted(net.nodes, key=lambda n: (n.code is not None, n.code or "", n.date or "", n.doc))
        cx, cy = r.center().x(), r.center().y()
        rx, ry = max(40.0, r.width() / 2 - 120), max(40.0, r.height() / 2 - 28)  # an ellipse: the dock is wide
        out = {}
        for k, n in enumerate(nodes):
            a = 2 * math.pi * k / max(1, len(nodes)) - math.pi / 2
            out[n.doc] = QPointF(cx + rx * math.cos(a), cy + ry * math.sin(a))
        return out

    def paint(self, p: QPainter, r: QRectF, paper: QColor = PAPER, ink: QColor = INK) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(r, paper)
        net = self.model.network
        if net is None:
            p.setPen(ink)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, self.tr("The reuse network is made on request (Compute)"))
            return
        self._where = where = self.layout_nodes(r)
        regions = sorted({n.region for n in net.nodes}, key=lambda s: next(
            (n.code or "~" for n in net.nodes if n.region == s), "~"))
        colour = {name: category(k, len(regions)) for k, name in enumerate(regions)}
        peak = max([e.informative_chars for e in self.model.edges] or [1])
        for e in self.model.edges:
            if e.source not in where or e.target not in where:
                continue
            a, b = where[e.source], where[e.target]
            width = 0.8 + 5 * e.informative_chars / peak
            p.setPen(QPen(_faded(ink, 90 + int(140 * e.informative_chars / peak)), width))
            p.drawLine(a, b)
            if e.direction == "earlier_to_later":
                self._arrow(p, a, b, width)
        for n in net.nodes:
            at = where[n.doc]
            p.setPen(QPen(ink, 1))
            p.setBrush(colour[n.region])
            p.drawEllipse(at, 8, 8)
            p.setPen(ink)
            label = self.model.in_script(_short(n.region)) + (f" {n.date[:7]}" if n.date else "")
            fm = p.fontMetrics()
            out = at - r.center()  # outward from the centre: left half to the left, bottom below
            dx = 12 if out.x() >= 0 else -12 - fm.horizontalAdvance(label)
            dy = 4 + (out.y() / max(1.0, r.height() / 2)) * 10
            if abs(out.x()) < 1:  # the top (or bottom) node: its label above (below), clear of its neighbour's
                dx, dy = -fm.horizontalAdvance(label) / 2, -12 if out.y() < 0 else 12 + fm.ascent()
            p.drawText(at + QPointF(dx, dy), label)
        p.setBrush(Qt.BrushStyle.NoBrush)

    @staticmethod
    def _arrow(p: QPainter, a: QPointF, b: QPointF, width: float) -> None:
        d = b - a
        length = math.hypot(d.x(), d.y()) or 1
        u = QPointF(d.x() / length, d.y() / length)
        tip = b - u * 10  # stop at the node's edge
        size = 8 + width
        left = tip - u * size + QPointF(-u.y(), u.x()) * size * 0.5
        right = tip - u * size - QPointF(-u.y(), u.x()) * size * 0.5
        p.save()
        p.setBrush(p.pen().color())
        p.drawPolygon(QPolygonF([tip, left, right]))
        p.restore()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        self.paint(p, QRectF(self.rect()), *_screen(self))

    def edge_near(self, pos: QPointF):
        best, dist = None, HIT
        for e in self.model.edges:
            if e.source in self._where and e.target in self._where:
                d = _distance(pos, self._where[e.source], self._where[e.target])
                if d <= dist:
                    best, dist = e, d
        return best

    def edge_middle(self, edge) -> QPointF:
        return (self._where[edge.source] + self._where[edge.target]) / 2

    def mousePressEvent(self, event) -> None:
        found = self.edge_near(event.position())
        if found is not None:
            self.edgeClicked.emit(found)




def _distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    d = b - a
    length2 = d.x() ** 2 + d.y() ** 2 or 1
    t = max(0.0, min(1.0, QPointF.dotProduct(p - a, d) / length2))
    q = a + d * t
    return math.hypot(p.x() - q.x(), p.y() - q.y())


def paint_matrix(model, p: QPainter, r: QRectF, *, max_rows: int = 80) -> None:
    """The heat map as one picture (exports and the report): the model's rows as filtered and
    ordered on screen, up to ``max_rows`` measures, region names turned above their columns."""
    from duidu.ui.regions.palette import text_on

    p.fillRect(r, QColor(255, 255, 255))
    lines = model.measure_lines()[:max_rows]
    cols = model.columns
    if not lines or not cols:
        p.setPen(QColor(40, 40, 40))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, "—")
        return
    fm = p.fontMetrics()
    t = model.in_script  # measures and regions as the window shows them
    name_w = min(320.0, max(fm.horizontalAdvance(t(x.name)) for x in lines) + 12)
    head_h = max(fm.horizontalAdvance(t(_short(c))) for c in cols) + 16
    legend_h = 30
    cell_w = max(14.0, (r.width() - name_w - 8) / len(cols))
    cell_h = max(10.0, min(22.0, (r.height() - head_h - legend_h) / len(lines)))
    x0, y0 = r.left() + name_w, r.top() + head_h
    p.setPen(QColor(40, 40, 40))
    for k, c in enumerate(cols):
        p.save()
        p.translate(x0 + (k + 0.5) * cell_w + fm.ascent() / 2, y0 - 6)
        p.rotate(-90)
        p.drawText(QPointF(0, 0), t(_short(c)))
        p.restore()
    for row, line in enumerate(lines):
        y = y0 + row * cell_h
        p.setPen(QColor(40, 40, 40))
        p.drawText(QRectF(r.left(), y, name_w - 6, cell_h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                   fm.elidedText(t(line.name), Qt.TextElideMode.ElideRight, int(name_w - 8)))
        for k, c in enumerate(cols):
            n = line.count(c)
            cell = QRectF(x0 + k * cell_w, y, cell_w - 1, cell_h - 1)
            colour = model.colour(n)
            p.fillRect(cell, colour)
            if n and cell_h >= 12:
                p.setPen(text_on(colour))
                p.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(n))
    y = y0 + len(lines) * cell_h + 6
    steps = min(model.peak, 8)
    p.setPen(QColor(40, 40, 40))
    # The legend says what a number counts (the window's legend's words: one translation).
    label = QCoreApplication.translate("Legend", "Mentions in the region's documents:")
    p.drawText(QPointF(r.left() + 4, y + 16), label)
    left = r.left() + 12 + fm.horizontalAdvance(label)
    for k in range(steps + 1):
        n = 0 if k == 0 else max(1, round(k * model.peak / steps))
        box = QRectF(left + k * 30, y + 2, 28, 18)
        p.fillRect(box, model.colour(n))
        p.setPen(text_on(model.colour(n)))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, str(n))
