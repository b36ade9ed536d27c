"""Fonts that show Chinese (and pinyin tone letters such as ǎ ǜ) as glyphs, never as boxes.

The reading panes ask for well-known CJK families first, so one face draws Han characters,
Latin and pinyin alike; Qt falls back to any installed font after them.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

READING_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Serif CJK SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "Noto Sans CJK TC", "Microsoft JhengHei",
)
SAMPLE = "协協网網ǎǜ"  # simplified, traditional, pinyin tone letters


def has_chinese_font() -> bool:
    """True if any installed font covers Simplified Chinese (needs a QGuiApplication)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def reading_font(points: int, family: str = "") -> QFont:
    """``family`` first when it is installed (a preference), then the known CJK faces."""
    installed = set(QFontDatabase.families())
    font = QFont()
    families = [f for f in ((family,) if family else ()) + READING_FAMILIES if f in installed]
    if families:
        font.setFamilies(families)
    font.setPointSize(points)
    return font


def covers(font: QFont, text: str = SAMPLE) -> bool:
    """Whether the font's first face has a glyph for every character of ``text``."""
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in text)
