"""The preferences dialog: reading defaults kept in ``Settings`` (script, font size, switches)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from duidu.ui.settings import Settings

SCRIPTS = (
    ("original", "原文 Original"),
    ("simplified", "简体 Simplified"),
    ("traditional", "繁體 Traditional"),
    ("tw", "台灣 Taiwan"),
    ("hk", "香港 Hong Kong"),
)


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("偏好设置 Preferences"))
        self.script = QComboBox(self)
        for script, label in SCRIPTS:
            self.script.addItem(self.tr(label), script)
        self.script.setCurrentIndex(max(0, self.script.findData(settings.script)))
        self.font_size = QSpinBox(self)
        self.font_size.setRange(8, 40)
        self.font_size.setValue(settings.font_size)
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
        form.addRow(self.tr("默认文字 Default script"), self.script)
        form.addRow(self.tr("字号 Font size"), self.font_size)
        form.addRow(self.boilerplate)
        form.addRow(self.sync)
        form.addRow(self.tr("标注者 Annotator"), self.annotator)
        form.addRow(self.blind)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.script = self.script.currentData()
        self.settings.font_size = self.font_size.value()
        self.settings.show_boilerplate = self.boilerplate.isChecked()
        self.settings.sync_scrolling = self.sync.isChecked()
        if self.annotator.text().strip():
            self.settings.annotator = self.annotator.text()
        self.settings.blind = self.blind.isChecked()
        super().accept()
