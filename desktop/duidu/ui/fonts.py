"""Fonts that show Chinese (and pinyin tone letters such as ǎ ǜ) as glyphs, never as boxes.

The reading panes ask for well-known CJK families first, so one face draws Han characters,
Latin and pinyin alike; Qt falls back to any installed font after them. The families come in
the forms of the script shown: the same code point is drawn differently in mainland,
Taiwan and Hong Kong type (骨 户 说 …), so a pane showing Taiwan text asks for the TC faces
first and Hong Kong text for the HK ones. A *face* preference picks sans (screen), song
(宋体/明體, print) or fangsong (仿宋, the body face of official documents, GB/T 9704).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

# Per script form: sans, then song (serif); the system faces of each platform after Noto/Source Han.
_SANS = {
    "SC": ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei"),
    "TC": ("Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"),
    "HK": ("Noto Sans CJK HK", "Source Han Sans HC", "PingFang HK", "Microsoft JhengHei"),
}
_SONG = {
    "SC": ("Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "NSimSun"),
    "TC": ("Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU", "MingLiU"),
    "HK": ("Noto Serif CJK HK", "Source Han Serif HC", "Songti TC", "MingLiU_HKSCS"),
}
FANGSONG = ("FangSong", "FangSong_GB2312", "仿宋", "仿宋_GB2312", "STFangsong", "AR PL UKai CN")
FACES = ("sans", "song", "fangsong")  # the preference's choices
# What a view's script is drawn in: the forms of its region (original text: mainland forms).
FORM_OF_SCRIPT = {"simplified": "SC", "original": "SC", "traditional": "TC", "tw": "TC", "hk": "HK"}
READING_FAMILIES = _SANS["SC"] + _SANS["TC"]  # the default order (simplified forms first)
SAMPLE = "协協网網ǎǜ"  # simplified, traditional, pinyin tone letters


def has_chinese_font() -> bool:
    """True if any installed font covers Simplified Chinese (needs a QGuiApplication)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def families_for(script: str = "simplified", face: str = "sans") -> tuple[str, ...]:
    """The families to ask for, best first: the script's own forms in the chosen face, then the
    other faces of those forms, then the other forms (something always draws the glyph)."""
    form = FORM_OF_SCRIPT.get(script, "SC")
    own = (_SONG[form] + _SANS[form]) if face == "song" else (
        FANGSONG + _SONG[form] + _SANS[form] if face == "fangsong" else _SANS[form] + _SONG[form])
    others = tuple(f for k in ("SC", "TC", "HK") if k != form for f in _SANS[k])
    return own + others


def reading_font(points: int, family: str = "", script: str = "simplified", face: str = "sans") -> QFont:
    """``family`` first when it is installed (a preference), then the script's CJK faces."""
    installed = set(QFontDatabase.families())
    font = QFont()
    families = [f for f in ((family,) if family else ()) + families_for(script, face) if f in installed]
    if families:
        font.setFamilies(families)
    font.setPointSize(points)
    return font


def covers(font: QFont, text: str = SAMPLE) -> bool:
    """Whether the font's first face has a glyph for every character of ``text``."""
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in text)
