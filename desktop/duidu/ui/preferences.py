"""The preferences dialog: every setting a reader changes, kept in ``Settings``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFontComboBox, QFormLayout, QLineEdit,
                               QSpinBox, QWidget)

from duidu.ui.labels import FACES, LANGUAGES, SCRIPTS, THEMES, label
from duidu.ui.settings import MIN_LENGTH_RANGE, Settings

def _combo(parent: QWidget, items, current) -> QComboBox:
    box = QComboBox(parent)
    for value, text in items:
        box.addItem(label(text), value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class PreferencesDialog(QDialog):
    def _name_faces(self) -> None:
        """Each face says which installed font draws it: without a FangSong font (none ships with
        Linux) 仿宋 is drawn by a Song face, and the choice should not pretend otherwise."""
        from duidu.ui.fonts import reading_font

        for i in range(self.face.count()):
            families = reading_font(12, face=self.face.itemData(i)).families()
            if families:
                self.face.setItemText(i, f"{self.face.itemText(i)} — {families[0]}")
                self.face.setItemData(i, families[0], Qt.ItemDataRole.ToolTipRole)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        self.language = _combo(self, LANGUAGES, settings.language)
        self.theme = _combo(self, THEMES, settings.theme)
        self.script = _combo(self, SCRIPTS, settings.script)
        self.face = _combo(self, FACES, settings.font_face)
        self._name_faces()
        self.font_family = QFontComboBox(self)
        self.font_family.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
        if settings.font_family:
            self.font_family.setCurrentText(settings.font_family)
        self.default_font = QCheckBox(self.tr("Built-in Chinese fonts"), self)
        self.default_font.setChecked(not settings.font_family)
        self.default_font.toggled.connect(lambda on: self.font_family.setEnabled(not on))
        self.font_family.setEnabled(bool(settings.font_family))
        self.font_size = QSpinBox(self)
        self.font_size.setRange(8, 40)
        self.font_size.setValue(settings.font_size)
        self.min_length = QSpinBox(self)
        lo, hi = MIN_LENGTH_RANGE
        self.min_length.setRange(lo - 1, hi)
        self.min_length.setSpecialValueText(self.tr("Default (8)"))  # shown at the minimum: the engine's choice
        self.min_length.setValue(settings.min_length or lo - 1)
        self.boilerplate = QCheckBox(self.tr("Show boilerplate matches"), self)
        self.boilerplate.setChecked(settings.show_boilerplate)
        self.sync = QCheckBox(self.tr("Scroll the panes in step"), self)
        self.sync.setChecked(settings.sync_scrolling)
        self.annotator = QLineEdit(settings.annotator, self)
        self.blind = QCheckBox(self.tr("Blind: show only my notes"), self)
        self.blind.setChecked(settings.blind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow(self.tr("Default script"), self.script)
        form.addRow(self.tr("Reading face"), self.face)
        form.addRow(self.tr("Font"), self.font_family)
        form.addRow(self.default_font)
        form.addRow(self.tr("Font size"), self.font_size)
        form.addRow(self.tr("Minimum match length (characters)"), self.min_length)
        form.addRow(self.boilerplate)
        form.addRow(self.sync)
        form.addRow(self.tr("Annotator"), self.annotator)
        form.addRow(self.blind)
        form.addRow(buttons)

    def accept(self) -> None:
        s = self.settings
        s.language = self.language.currentData()
        s.theme = self.theme.currentData()
        s.script = self.script.currentData()
        s.font_family = "" if self.default_font.isChecked() else self.font_family.currentFont().family()
        s.font_size = self.font_size.value()
        s.font_face = self.face.currentData()
        lo, _ = MIN_LENGTH_RANGE
        s.min_length = self.min_length.value() if self.min_length.value() >= lo else None
        s.show_boilerplate = self.boilerplate.isChecked()
        s.sync_scrolling = self.sync.isChecked()
        if self.annotator.text().strip():
            s.annotator = self.annotator.text()
        s.blind = self.blind.isChecked()
        s.sync()
        super().accept()
