"""Dialogs opened from task callbacks: window-modal with ``open()``, never ``exec()``.

A task's answer is delivered by a queued signal, often while something else (a test, the
screenshot path, closing the window) spins its own event loop; a dialog's ``exec()`` there
nests one more loop inside the delivery, and a task finishing or the window closing under it
pulls objects from beneath the outer loop (the soak test's crash). ``open()`` returns at
once: the dialog stays window-modal for the user and the callback ends normally.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def show(dialog: QDialog) -> QDialog:
    """Open ``dialog`` window-modal without a nested event loop; it deletes itself when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def message(parent: QWidget, title: str, text: str, icon=QMessageBox.Icon.Information) -> QMessageBox:
    """``QMessageBox.information``/``warning`` without its nested event loop."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    return show(box)
