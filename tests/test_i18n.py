"""The interface in Chinese and English: complete translations, and switching without a restart."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from duidu.library.store import Library
from duidu.ui import app as ui_app
from duidu.ui import i18n
from duidu.ui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations"


def _messages(ts: Path):
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        for m in context.iter("message"):
            yield context.findtext("name"), m


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_every_interface_string_is_translated(tmp_path, language):
    """Re-extract the strings from the code into a copy of the committed .ts: any string that is
    new (or was never translated) comes out unfinished, and this test names it."""
    import PySide6

    copy = tmp_path / f"duidu_{language}.ts"
    shutil.copy(TS / f"duidu_{language}.ts", copy)
    lupdate = Path(PySide6.__file__).parent / "lupdate"
    sources = sorted(str(p) for p in (ROOT / "desktop" / "duidu" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-locations", "none", "-source-language", "en",
                    "-target-language", language, "-ts", str(copy)], check=True, capture_output=True)
    untranslated = []
    for context, m in _messages(copy):
        t = m.find("translation")
        if t.get("type") in ("obsolete", "vanished"):
            continue
        text = "".join(t.itertext()).strip()
        if t.get("type") == "unfinished" or not text:
            untranslated.append(f"{context}: {m.findtext('source')!r}")
    assert not untranslated, f"{len(untranslated)} strings lack a {language} translation: {untranslated[:10]}"
    assert sum(1 for _ in _messages(copy)) > 200


def test_traditional_catalogue_is_written_for_taiwan_readers():
    """zh_TW is its own catalogue (Taiwan's words), not the simplified one run through a converter."""
    zh_cn = {(c, m.findtext("source")): "".join(m.find("translation").itertext()).strip() for c, m in _messages(TS / "duidu_zh_CN.ts")}
    zh_tw = {(c, m.findtext("source")): "".join(m.find("translation").itertext()).strip() for c, m in _messages(TS / "duidu_zh_TW.ts")}
    assert zh_cn.keys() == zh_tw.keys()
    assert zh_tw[("MainWindow", "&File")] == "檔案(&F)" and zh_cn[("MainWindow", "&File")] == "文件(&F)"
    assert zh_tw[("MainWindow", "Library")] == "文庫"
    assert zh_tw[("MainWindow", "&Help")] == "說明(&H)" and zh_cn[("MainWindow", "&Help")] == "帮助(&H)"
    assert zh_tw[("NotesUI", "Undo")] == "復原" and zh_cn[("NotesUI", "Undo")] == "撤销"
    assert zh_tw[("MainWindow", "Sync scrolling")] == "同步捲動"
    from duidu.text.script import convert

    machine = sum(1 for k, v in zh_cn.items() if convert(v, "s2twp").text != zh_tw[k])
    assert machine >= 40  # dozens of strings differ from what s2twp would make of the simplified ones
    mainland = ("幫助", "撤銷", "滾動", "全域性", "選中", "標籤")
    assert not [(k, v) for k, v in zh_tw.items() if any(word in v for word in mainland)]
    # `make translations` keeps the hand-written file: it never converts zh_CN into it.
    script = (ROOT / "packaging" / "translations.py").read_text(encoding="utf-8")
    assert "traditional_from_simplified" not in script and 'lupdate(TS_DIR / f"duidu_{language}.ts", language)' in script


def test_one_term_per_concept_in_chinese():
    """A code (QDA) is 编码/編碼 everywhere, never also 标签/標籤."""
    for language, word in (("zh_CN", "标签"), ("zh_TW", "標籤")):
        assert not [m.findtext("source") for _, m in _messages(TS / f"duidu_{language}.ts")
                    if word in "".join(m.find("translation").itertext())]


def test_taiwan_catalogue_uses_the_glossary_taiwan_terms():
    """Menus and dialogs in zh_TW name each concept by the README glossary's 繁體（臺灣） term:
    none of the terms it gives only to the mainland (共享段落, 套話), no mainland usage (选中,
    回车 …), and a "script" is 字體, never 文字 (which zh_TW keeps for "text")."""
    import re

    from glossary import MAINLAND_USAGE, mainland_only

    zh_tw = {m.findtext("source"): "".join(m.find("translation").itertext()) for _, m in _messages(TS / "duidu_zh_TW.ts")}
    words = [m for m in mainland_only() if m != "文字"] + list(MAINLAND_USAGE)
    assert "共享段落" in words  # the glossary was read
    assert not {s: t for s, t in zh_tw.items() if any(w in t for w in words)}
    assert not {s: t for s, t in zh_tw.items() if re.search(r"\bscripts?\b", s, re.I) and "文字" in t}
    assert zh_tw["Script"] == "字體" and zh_tw["Shared passages"] == "共同段落"


def test_english_plurals_come_from_the_catalogue(qapp):
    from PySide6.QtCore import QCoreApplication

    i18n.install("en")
    try:
        assert QCoreApplication.translate("MeasuresPanel", "%n differ", None, 1) == "1 differs"
        assert QCoreApplication.translate("PassagesPanel", "%n shared passages", None, 1) == "1 shared passage"
        assert QCoreApplication.translate("PassagesPanel", "%n shared passages", None, 3) == "3 shared passages"
    finally:
        i18n.install("en")


def test_system_language_resolution():
    assert i18n.resolve("system", "zh_CN") == "zh_CN"
    assert i18n.resolve("system", "zh_SG") == "zh_CN"
    for name in ("zh_TW", "zh_HK", "zh_MO"):
        assert i18n.resolve("system", name) == "zh_TW"
    assert i18n.resolve("system", "en_US") == i18n.resolve("system", "C") == "en"
    assert i18n.resolve("zh_TW", "en_US") == "zh_TW"


def ok_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    return box.button(QDialogButtonBox.StandardButton.Ok).text()


def test_switching_language_in_preferences_needs_no_restart(qtbot, tmp_path):
    with Library.open() as lib:
        path, docs = lib.path, lib.documents()
    settings = Settings(tmp_path / "s.ini")
    settings.language = "en"
    window = ui_app.open_window(path, docs, settings)
    window.show()
    window.open_initial()
    qtbot.waitUntil(lambda: window.reader.comparison is not None and not window.tasks.busy(), timeout=30000)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "&File" and ok_text() == "OK"
    pair = (window.reader.ids["a"], window.reader.ids["b"])
    notes = window.notes_ui.notes
    notes.annotate(pair[0], 10, 20, note="切换语言前的笔记")
    qtbot.waitUntil(lambda: len(notes.annotations) == 1, timeout=10000)
    pa, pb = window.reader.panes["a"], window.reader.panes["b"]
    para = pa.doc_text.paragraphs[len(pa.doc_text.paragraphs) // 2]
    pa.scroll_to_stored(para.start)  # the reader is halfway down A, with words selected in B
    pb.select_stored(120, 131)
    top_a, selection_b = pa.stored_top(), pb.stored_selection()
    assert top_a > 0 and selection_b == (120, 131)

    settings.language = "zh_CN"
    window.apply_preferences()  # as the dialog's OK does
    new = ui_app.current_window()
    assert new is not window and new.isVisible() and not window.isVisible()
    qtbot.waitUntil(lambda: new.reader.comparison is not None and not new.tasks.busy(), timeout=30000)
    assert (new.reader.ids["a"], new.reader.ids["b"]) == pair  # the same comparison, in Chinese
    na, nb = new.reader.panes["a"], new.reader.panes["b"]
    assert na.paragraph_of(na.stored_top()) == pa.paragraph_of(top_a)  # and the same places in it
    assert nb.stored_selection() == selection_b
    assert [a.text() for a in new.menuBar().actions()][:3] == ["文件(&F)", "编辑(&E)", "视图(&V)"]
    assert new.library_dock.windowTitle() == "文库"
    # Qt's own dialogs speak Chinese too (qtbase translations shipped with PySide6).
    assert ok_text() == "确定"
    # The edits made before the switch can still be undone in the new window.
    assert new.notes_ui.undo_action.isEnabled()
    new.notes_ui.undo_action.trigger()
    qtbot.waitUntil(lambda: not new.notes_ui.notes.annotations and not new.tasks.busy(), timeout=10000)
    with Library.open() as lib:
        assert lib.annotations() == []

    settings.language = "zh_TW"
    new.apply_preferences()
    tw = ui_app.current_window()
    assert tw.library_dock.windowTitle() == "文庫"
    settings.language = "en"
    tw.apply_preferences()
    back = ui_app.current_window()
    assert back.library_dock.windowTitle() == "Library"
    back.close()
    i18n.install("en")


def test_one_term_per_concept_in_english():
    """The English interface and guide say "code" (a codebook entry; "to code" the act), never "tag":
    the source strings of the catalogues, the guide, and the guides' Chinese use of 标签/標籤 only for tabs."""
    import re

    tag = re.compile(r"\btag(s|ged|ging)?\b", re.IGNORECASE)
    sources = {m.findtext("source") for _, m in _messages(TS / "duidu_zh_CN.ts")}
    assert "Filter by code (any script)" in sources and "Code selection…" in sources
    assert not [s for s in sources if tag.search(s)]
    guide = (ROOT / "resources" / "docs" / "guide.en.md").read_text(encoding="utf-8")
    assert not tag.findall(guide)
    for language, word in (("zh_CN", "标签"), ("zh_TW", "標籤")):
        text = (ROOT / "resources" / "docs" / f"guide.{language}.md").read_text(encoding="utf-8")
        assert text.count(word) == text.count(word + ("页" if language == "zh_CN" else "頁"))  # only a tab (标签页)
