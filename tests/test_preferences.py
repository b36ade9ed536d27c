"""Preferences: typed settings with an upgrade step, the dialog, and the window following them."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from duidu.library.store import Library
from duidu.ui.main_window import MainWindow
from duidu.ui.preferences import PreferencesDialog
from duidu.ui.settings import VERSION, Settings


def test_a_version_1_settings_file_is_upgraded(tmp_path):
    path = tmp_path / "old.ini"
    old = QSettings(str(path), QSettings.Format.IniFormat)
    old.setValue("version", 1)
    old.setValue("reader/boilerplate", True)
    old.setValue("reader/font_size", 15)
    old.sync()
    s = Settings(path)
    assert s.show_boilerplate is True and s.font_size == 15
    again = QSettings(str(path), QSettings.Format.IniFormat)
    assert int(again.value("version")) == VERSION == 2
    assert not again.contains("reader/boilerplate") and again.value("compare/boilerplate") in (True, "true")


def test_typed_values_and_defaults(tmp_path):
    s = Settings(tmp_path / "s.ini")
    assert (s.language, s.theme, s.font_family, s.min_length, s.script) == ("system", "system", "", None, "original")
    s.language, s.theme, s.min_length = "klingon", "neon", 99
    assert (s.language, s.theme, s.min_length) == ("system", "system", None)  # unknown values fall back
    s.min_length = 12
    assert Settings(tmp_path / "s.ini").min_length == 12


def test_the_dialog_writes_every_setting_and_the_window_follows(qtbot, tmp_path):
    with Library.open() as lib:
        path, docs = lib.path, lib.documents()
    settings = Settings(tmp_path / "s.ini")
    win = MainWindow(path, docs, settings=settings, chinese_font=True)
    qtbot.addWidget(win)
    win.show()
    win.open_initial()
    qtbot.waitUntil(lambda: win.reader.comparison is not None and not win.tasks.busy(), timeout=30000)
    before = len(win.reader.comparison.passages)
    dialog = PreferencesDialog(settings, win)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.script.setCurrentIndex(dialog.script.findData("simplified"))
    dialog.font_size.setValue(16)
    dialog.min_length.setValue(14)
    dialog.annotator.setText("王五")
    dialog.blind.setChecked(True)
    dialog.accept()
    assert (settings.theme, settings.script, settings.font_size, settings.min_length) == ("dark", "simplified", 16, 14)
    assert (settings.annotator, settings.blind) == ("王五", True)
    win.apply_preferences()
    qtbot.waitUntil(lambda: win.reader.comparison is not None and not win.tasks.busy(), timeout=30000)
    pane = win.reader.panes["a"]
    qtbot.waitUntil(lambda: pane.theme.dark, timeout=5000)  # the palette change reaches the panes' colours
    assert pane.view.script == "simplified" and pane.edit.font().pointSize() == 16
    assert pane.theme.dark  # the dark palette reached the panes' colours
    assert len(win.reader.comparison.passages) < before  # longer minimum, fewer passages
    assert win.notes_ui.notes.annotator == "王五" and win.notes_ui.notes.blind
    from duidu.ui.theme import apply_theme

    apply_theme("system")
    win.close()


def test_each_reading_face_names_the_font_that_draws_it(qtbot, tmp_path):
    """仿宋 chosen where no FangSong font is installed (any Linux without Windows' fonts) is drawn
    by a Song face: the choice says so, by naming the font each face gets here."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontDatabase

    from duidu.ui.fonts import FANGSONG, reading_font

    dialog = PreferencesDialog(Settings(tmp_path / "s.ini"))
    qtbot.addWidget(dialog)
    drawn = {}
    for face in ("sans", "song", "fangsong"):
        i = dialog.face.findData(face)
        drawn[face] = reading_font(12, face=face).families()[0]
        assert dialog.face.itemText(i).endswith(f"— {drawn[face]}")
        assert dialog.face.itemData(i, Qt.ItemDataRole.ToolTipRole) == drawn[face]
    assert drawn["sans"] != drawn["song"]
    if not set(FANGSONG) & set(QFontDatabase.families()):
        assert drawn["fangsong"] == drawn["song"]  # what the name now tells the reader
    dialog.face.setCurrentIndex(dialog.face.findData("fangsong"))
    dialog.accept()
    assert Settings(tmp_path / "s.ini").font_face == "fangsong"  # the stored value is the face, not the label
