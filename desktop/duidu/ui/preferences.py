"""The preferences dialog: every setting a reader changes, kept in ``Settings``."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFontComboBox, QFormLayout, QLineEdit,
                               QSpinBox, QWidget)

from duidu.ui.settings import MIN_LENGTH_RANGE, Settings

SCRIPTS = (
    ("original", "原文 Original"),
    ("simplified", "简体 Simplified"),
    ("traditional", "繁體 Traditional"),
    ("tw", "台灣 Taiwan"),
    ("hk", "香港 Hong Kong"),
)
LANGUAGES = (
    ("system", "跟随系统 System"),
    ("zh_CN", "简体中文"),
    ("zh_TW", "繁體中文"),
    ("en", "English"),
)
THEMES = (
    ("system", "跟随系统 System"),
    ("light", "浅色 Light"),
    ("dark", "深色 Dark"),
)


def _combo(parent: QWidget, items, current) -> QComboBox:
    box = QComboBox(parent)
    for value, label in items:
        box.addItem(label, value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("偏好设置 Preferences"))
        self.language = _combo(self, LANGUAGES, settings.language)
        self.theme = _combo(self, THEMES, settings.theme)
        self.script = _combo(self, SCRIPTS, settings.script)
        self.font_family = QFontComboBox(self)
        self.font_family.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
        if settings.font_family:
            self.font_family.setCurrentText(settings.font_family)
        self.default_font = QCheckBox(self.tr("使用内置中文字体 Built-in Chinese fonts"), self)
        self.default_font.setChecked(not settings.font_family)
        self.default_font.toggled.connect(lambda on: self.font_family.setEnabled(not on))
        self.font_family.setEnabled(bool(settings.font_family))
        self.font_size = QSpinBox(self)
        self.font_size.setRange(8, 40)
        self.font_size.setValue(settings.font_size)
        self.min_length = QSpinBox(self)
        lo, hi = MIN_LENGTH_RANGE
        self.min_length.setRange(lo - 1, hi)
        self.min_length.setSpecialValueText(self.tr("默认 Default (8)"))  # shown at the minimum: the engine's choice
        self.min_length.setValue(settings.min_length or lo - 1)
        self.boilerplate = QCheckBox(self.tr("显示套话匹配 Show boilerplate matches"), self)
        self.boilerplate.setChecked(settings.show_boilerplate)
        self.sync = QCheckBox(self.tr("按对齐同步滚动 Scroll the panes in step"), self)
        self.sync.setChecked(settings.sync_scrolling)
        self.annotator = QLineEdit(settings.annotator, self)
        self.blind = QCheckBox(self.tr("盲评：只显示我的笔记 Blind: show only my notes"), self)
        self.blind.setChecked(settings.blind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("界面语言 Language"), self.language)
        form.addRow(self.tr("外观 Theme"), self.theme)
        form.addRow(self.tr("默认文字 Default script"), self.script)
        form.addRow(self.tr("字体 Font"), self.font_family)
        form.addRow(self.default_font)
        form.addRow(self.tr("字号 Font size"), self.font_size)
        form.addRow(self.tr("最短共享段落（字）Minimum match length"), self.min_length)
        form.addRow(self.boilerplate)
        form.addRow(self.sync)
        form.addRow(self.tr("标注者 Annotator"), self.annotator)
        form.addRow(self.blind)
        form.addRow(buttons)

    def accept(self) -> None:
        s = self.settings
        s.language = self.language.currentData()
        s.theme = self.theme.currentData()
        s.script = self.script.currentData()
        s.font_family = "" if self.default_font.isChecked() else self.font_family.currentFont().family()
        s.font_size = self.font_size.value()
        lo, _ = MIN_LENGTH_RANGE
        s.min_length = self.min_length.value() if self.min_length.value() >= lo else None
        s.show_boilerplate = self.boilerplate.isChecked()
        s.sync_scrolling = self.sync.isChecked()
        if self.annotator.text().strip():
            s.annotator = self.annotator.text()
        s.blind = self.blind.isChecked()
        s.sync()
        super().accept()
