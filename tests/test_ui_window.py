"""The minimal window on a fresh library: the seeds listed, a sound model, pinyin sorting, a screenshot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QImage

from duidu.library.store import Library
from duidu.ui.app import run
from duidu.ui.library_model import COLUMNS, Role
from duidu.ui.main_window import WINDOW_TITLE, MainWindow
from duidu.ui.settings import Settings

MANIFEST = Path(__file__).resolve().parent.parent / "seeds" / "manifest.toml"


@pytest.fixture
def documents(seeded_default):
    lib = Library.open()  # DUIDU_LIBRARY points into tmp_path (conftest)
    try:
        yield lib.documents()
    finally:
        lib.close()


def _window(documents, tmp_path, **kwargs) -> MainWindow:
    settings = Settings(tmp_path / "settings.ini")
    with Library.open() as lib:
        path = lib.path
    return MainWindow(path, documents, settings=settings, **kwargs)


@pytest.fixture
def window(qtbot, documents, tmp_path):
    win = _window(documents, tmp_path)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    return win


def _column(model, column: int = 0, role: int = Qt.ItemDataRole.DisplayRole) -> list:
    return [model.index(r, column).data(role) for r in range(model.rowCount())]


def test_window_lists_the_seed_documents(window):
    manifest = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    assert window.windowTitle() == WINDOW_TITLE == "对读 Duidu"
    assert window.model.rowCount() == 5
    assert sorted(_column(window.model)) == sorted(d["title"] for d in manifest["document"])
    assert sorted(_column(window.model, 0, Role.Title)) == sorted(d["title"] for d in manifest["document"])
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())]
    # English: the tests run in the C locale
    assert headers == ["Title", "Region", "Date", "Issued by", "Number", "Script", "Length"]
    assert {"title", "region", "date", "script", "length"} <= {
        bytes(v).decode() for v in window.model.roleNames().values()
    }


def test_model_and_proxy_pass_modeltester(window, qtmodeltester):
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)


def test_sorting_by_title_is_pinyin_order(window):
    proxy = window.proxy
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    ascending = _column(proxy)
    firsts = [t[0] for t in ascending]
    # 国 guó < 加 jiā < 全 quán in pinyin; by code point it would be 全 < 加 < 国.
    assert firsts.index("国") < firsts.index("加") < firsts.index("全")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert _column(proxy) == ascending[::-1]


def test_sorting_by_length_is_numeric(window):
    proxy = window.proxy
    column = [f for f, _ in COLUMNS].index("length")
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    lengths = _column(proxy, column, Role.Length)
    assert lengths == sorted(lengths) and len(set(lengths)) > 1


def test_font_banner_only_without_chinese_font(qtbot, documents, tmp_path):
    without = _window(documents, tmp_path, chinese_font=False)
    qtbot.addWidget(without)
    assert without.font_banner.isVisibleTo(without)
    assert "sudo apt install fonts-noto-cjk" in without.font_banner.text()
    with_font = _window(documents, tmp_path, chinese_font=True)
    qtbot.addWidget(with_font)
    assert not with_font.font_banner.isVisibleTo(with_font)


def test_run_writes_a_1600x1000_screenshot(qapp, tmp_path):
    shot = tmp_path / "shot.png"
    assert run([], screenshot=str(shot)) == 0
    assert shot.stat().st_size > 0
    image = QImage(str(shot))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1600, 1000)
    # Not a blank canvas: the table drew something.
    colours = {image.pixel(x, y) for x in range(0, 1600, 40) for y in range(0, 1000, 40)}
    assert len(colours) > 2


def test_startup_does_not_load_jieba(tmp_path, seeded_default):
    """jieba costs ~1.4 s to import: starting on an existing library (the seeded one) must show the
    window without it. (The first comparison then snaps passage ends to words with jieba's dictionary,
    on a worker.)"""
    child = textwrap.dedent(
        """
        import json, sys
        import duidu.ui.main_window as main_window
        from duidu.ui.app import run
        at_show = []
        show = main_window.MainWindow.show
        def recording_show(self):
            at_show.append("jieba" in sys.modules)
            return show(self)
        main_window.MainWindow.show = recording_show
        code = run([], screenshot=sys.argv[1])
        print(json.dumps([code, at_show == [False]]))
        """
    )

    def start() -> tuple[int, bool]:
        proc = subprocess.run(
            [sys.executable, "-c", child, str(tmp_path / "s.png")],
            capture_output=True, text=True, timeout=120,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        return tuple(json.loads(proc.stdout.strip().splitlines()[-1]))

    code, shown_without_jieba = start()
    assert code == 0
    assert shown_without_jieba, "the window was shown once, after jieba had been imported (or never)"


def test_gui_screenshot_of_a_chosen_pair_script_and_passage(tmp_path, seeded_default):
    """`duidu gui --compare A B --script S --select N --screenshot F` renders the real window and exits
    (on the seeded library: the first run's seeding is tests/test_library.py's)."""
    shot = tmp_path / "pair.png"
    cmd = [sys.executable, "-m", "duidu", "gui", "--compare", "1", "全方位合作", "--script", "simplified",
           "--select", "2", "--screenshot", str(shot)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=_no_display())
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr[-3000:]  # no display needed, no stray Qt warnings
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1600, 1000)
    colours = {image.pixel(x, y) for x in range(0, 1600, 20) for y in range(0, 1000, 20)}
    assert len(colours) > 20  # text, highlights, bands: not an empty frame
    bad = subprocess.run([sys.executable, "-m", "duidu", "gui", "--compare", "1", "no such title",
                          "--screenshot", str(tmp_path / "x.png")], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "no such title" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "x.png").exists()


def _no_display() -> dict:
    """The environment of a machine with no display and no platform chosen for Qt."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = ""
    return env


def test_without_a_display_the_window_says_so_in_one_line(tmp_path):
    """Qt would abort (exit 134) blaming a missing xcb library; the user needs to hear there is no display."""
    proc = subprocess.run([sys.executable, "-m", "duidu"], capture_output=True, text=True, timeout=120, env=_no_display())
    assert proc.returncode == 1 and proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith("duidu: no display") and "--screenshot" in line and "xvfb-run" in line
    assert not Path(os.environ["DUIDU_LIBRARY"]).exists()  # told before anything was created


def test_icon_only_buttons_have_accessible_names(window):
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QTabBar

    ours = [b for b in window.findChildren(QAbstractButton)  # Qt's own (clear, scroll, extension) excluded
            if not b.objectName().startswith("qt_") and not isinstance(b.parent(), (QLineEdit, QTabBar))]
    assert len(ours) > 5
    for button in ours:
        text = button.text().strip()
        if not any(ch.isalnum() for ch in text):  # an icon or a symbol such as ✕
            assert button.accessibleName() or (button.defaultAction() and button.defaultAction().text()), button


def test_files_given_to_gui_are_imported_once_the_window_is_up(tmp_path, seeded_default):
    """`duidu gui FILE…` (a file manager's "Open with", the .desktop file's Exec) imports them."""
    new = tmp_path / "川渝教育合作.txt"
    new.write_text("川渝两地共同推进职业教育合作，共建实训基地。\n\n两地教师互派交流。\n", encoding="utf-8")
    child = textwrap.dedent(
        """
        import sys
        from duidu.ui import app
        from duidu.ui.app import run
        import duidu.ui.app as a
        real = a.wait_for_tasks
        def wait(window, timeout_ms=120000):  # also wait for the import the files started
            real(window, timeout_ms)
            from PySide6.QtWidgets import QApplication
            while window.importer.busy():
                QApplication.processEvents()
            real(window, timeout_ms)
        a.wait_for_tasks = wait
        sys.exit(run([], screenshot=sys.argv[1], files=[sys.argv[2]]))
        """
    )
    proc = subprocess.run([sys.executable, "-c", child, str(tmp_path / "s.png"), str(new)],
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with Library.open() as lib:
        # A text that begins with a sentence has no title line: it is named by its file.
        assert any(d.file_name == "川渝教育合作.txt" and d.title == "川渝教育合作" for d in lib.documents())
