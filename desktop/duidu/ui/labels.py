"""Names of scripts, languages and themes as the interface shows them (one list, translated)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Labels"

SCRIPTS = (  # (script, label): the view scripts of duidu.text.script.VIEW_SCRIPTS
    ("original", QT_TRANSLATE_NOOP("Labels", "Original")),
    ("simplified", QT_TRANSLATE_NOOP("Labels", "Simplified")),
    ("traditional", QT_TRANSLATE_NOOP("Labels", "Traditional")),
    ("tw", QT_TRANSLATE_NOOP("Labels", "Taiwan")),
    ("hk", QT_TRANSLATE_NOOP("Labels", "Hong Kong")),
)
FOLLOW_GLOBAL = QT_TRANSLATE_NOOP("Labels", "Follow the toolbar")
LANGUAGES = (  # each language named in itself, as language menus do
    ("system", QT_TRANSLATE_NOOP("Labels", "System language")),
    ("zh_CN", "简体中文"),
    ("zh_TW", "繁體中文"),
    ("en", "English"),
)
THEMES = (
    ("system", QT_TRANSLATE_NOOP("Labels", "Follow the system")),
    ("light", QT_TRANSLATE_NOOP("Labels", "Light")),
    ("dark", QT_TRANSLATE_NOOP("Labels", "Dark")),
)

FACES = (  # the reading face (duidu.ui.fonts.FACES)
    ("sans", QT_TRANSLATE_NOOP("Labels", "Sans (screen)")),
    ("song", QT_TRANSLATE_NOOP("Labels", "Song (print)")),
    ("fangsong", QT_TRANSLATE_NOOP("Labels", "FangSong (official documents)")),
)


def label(text: str) -> str:
    """A label above in the interface's language."""
    return QCoreApplication.translate(CONTEXT, text)
