"""Render the app icon's PNGs from its SVG with Qt's own renderer (QtSvg is in PySide6-Essentials).

    .venv/bin/python packaging/render_icons.py     # rewrites resources/icons/hicolor/NxN/apps/*.png

The SVG (resources/icons/hicolor/scalable/apps/) is the source; the PNGs are what launchers,
AppStream and the window use. tests/test_packaging.py checks they are up to date.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICON_ID = "io.github.duidu.Duidu"
SIZES = (48, 128, 256)
ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons" / "hicolor"
SVG = ICONS / "scalable" / "apps" / f"{ICON_ID}.svg"


def png_path(size: int) -> Path:
    return ICONS / f"{size}x{size}" / "apps" / f"{ICON_ID}.png"


def render(size: int):
    """The SVG drawn at size×size pixels, transparent background (a QImage)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render.app = QGuiApplication(sys.argv[:1])  # kept alive for the process
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise ValueError(f"{SVG}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    for size in SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(path), "PNG"):
            print(f"render_icons: could not write {path}", file=sys.stderr)
            return 1
        print(f"{path.relative_to(ICONS.parents[2])}: {size}×{size}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
