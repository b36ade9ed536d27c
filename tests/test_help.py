"""The user guide in the app: both languages load, every picture is there, every shortcut it names is real."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextDocument

from duidu.library.store import Library
from duidu.paths import resource_path
from duidu.ui.help import GUIDES, LABELS, HelpWindow, default_language, guide_path
from duidu.ui.main_window import MainWindow
from duidu.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
KEY = re.compile(r"^(?:(?:Ctrl|Alt|Shift|Meta)\+.+|F\d{1,2})$")  # a backticked token that names a key


def text(language: str) -> str:
    return guide_path(language).read_text(encoding="utf-8")


def first_heading(language: str) -> str:
    return next(line[2:].strip() for line in text(language).splitlines() if line.startswith("# "))


def keys_named(language: str) -> set[str]:
    """Every key sequence the guide writes in backticks (Alt+↓ as Alt+Down), in Qt's portable form."""
    out = set()
    for token in re.findall(r"`([^`\n]+)`", text(language)):
        if KEY.match(token):
            seq = QKeySequence(token.replace("↓", "Down").replace("↑", "Up"))
            assert seq.count() == 1 and not seq.isEmpty(), f"{language}: {token!r} is not one key sequence"
            out.add(seq.toString(QKeySequence.SequenceFormat.PortableText))
    return out


@pytest.fixture
def help_window(qtbot):
    w = HelpWindow(language="zh_CN")
    qtbot.addWidget(w)
    w.resize(900, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_guides_are_package_data():
    """The guides sit in the duidu.resources package, which pyproject ships whole ("**/*")."""
    for language in GUIDES:
        path = guide_path(language)
        assert path.is_file()
        assert resource_path() in path.parents
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-dir"]["duidu.resources"] == "resources"
    assert "**/*" in config["tool"]["setuptools"]["package-data"]["duidu.resources"]


def test_opens_in_chinese_then_english(help_window, qtbot):
    w = help_window
    assert w.language == "zh_CN"
    assert w.browser.document().firstBlock().text() == first_heading("zh_CN") == "对读 Duidu 使用指南"
    assert w.windowTitle() == "对读使用指南" and w.language_label.text() == "语言"  # the window speaks the guide's language
    i = w.language_box.findData("en")
    w.language_box.setCurrentIndex(i)
    w.language_box.activated.emit(i)
    assert w.language == "en"
    assert w.browser.document().firstBlock().text() == first_heading("en") == "Duidu user guide"
    assert w.windowTitle() == "Duidu user guide" and w.find_box.placeholderText() == "Find in the guide"
    assert w.browser.source() == QUrl.fromLocalFile(str(guide_path("en")))


def test_default_language_follows_the_locale_and_the_preference(tmp_path):
    before = QLocale()
    try:
        QLocale.setDefault(QLocale("zh_CN"))
        assert default_language() == "zh_CN"
        QLocale.setDefault(QLocale("en_GB"))
        assert default_language() == "en"
        settings = Settings(tmp_path / "s.ini")
        settings.language = "zh_TW"
        assert default_language(settings) == "zh_TW"
        settings.language = "system"
        QLocale.setDefault(QLocale("zh_HK"))
        assert default_language(settings) == "zh_TW"
        settings.language = "en"
        QLocale.setDefault(QLocale("zh_CN"))
        assert default_language(settings) == "en"
    finally:
        QLocale.setDefault(before)


@pytest.mark.parametrize("language", list(GUIDES))
def test_every_image_exists_as_the_viewer_resolves_it(help_window, language):
    w = help_window
    w.set_language(language)
    written = IMAGE.findall(text(language))
    assert len(written) >= 3
    for name in written:
        assert not name.startswith(("/", "http:", "https:")), name  # relative, offline
        assert (guide_path(language).parent / name).is_file(), name
    urls = w.image_urls()
    assert len(urls) == len(written)
    for url in urls:
        path = Path(url.toLocalFile())
        assert path.is_file() and path.suffix == ".png"
        assert guide_path(language).parent in path.parents
        data = w.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, url)
        assert data is not None and not data.isEmpty()
    # shown no wider than the page
    room = w.browser.viewport().width()
    for _name, cursor in w._images():
        assert 0 < cursor.charFormat().toImageFormat().width() <= room


def test_both_guides_have_the_same_structure():
    def outline(language):
        t = text(language)
        images = [re.sub(r"\.(zh_CN|zh_TW|en)\.png$", ".png", i) for i in IMAGE.findall(t)]  # each shows its own language
        return (sum(1 for line in t.splitlines() if line.startswith("## ")), images)

    assert outline("zh_CN") == outline("en") == outline("zh_TW")
    assert keys_named("zh_CN") == keys_named("en") == keys_named("zh_TW")


def catalogue(language: str) -> dict[str, set[str]]:
    """source -> its translations in duidu_<language>.ts, as a reader sees them: no (&F)
    accelerators, no trailing "…", first plural form."""
    import xml.etree.ElementTree as ET

    out: dict[str, set[str]] = {}
    for m in ET.parse(ROOT / "resources" / "translations" / f"duidu_{language}.ts").getroot().iter("message"):
        t = m.find("translation")
        if t is None or t.get("type") == "unfinished":
            continue
        forms = [f.text or "" for f in t.iter("numerusform")] or [t.text or ""]
        shown = re.sub(r"\(&\w\)|&(?=\w)", "", forms[0]).removesuffix("…").strip()
        out.setdefault(m.findtext("source"), set()).add(shown)
    return out


QUOTED = re.compile(r"「([^」\n]+)」|“([^”\n]+)”|\*\*([^*\n]+)\*\*")


def quoted_names(language: str) -> list[str]:
    """Names the guide quotes (「…」, “…”, **…**), a menu path "编辑 → 偏好设置" split into its steps."""
    out = []
    for match in QUOTED.finditer(text(language)):
        quoted = next(g for g in match.groups() if g)
        out += [step.strip("「」“”： ").removesuffix("…") for step in quoted.split("→")]
    return [name for name in out if name]


def test_the_taiwan_guide_is_kept_by_hand():
    """guide.zh_TW.md is written for Taiwan readers and reviewed: `make translations` never
    rewrites it from the simplified guide (a conversion would undo the review)."""
    source = (ROOT / "packaging" / "translations.py").read_text(encoding="utf-8")
    assert "guide.zh_TW.md" in source and "write_text" not in source


def test_the_taiwan_guide_uses_the_glossary_taiwan_terms():
    """Each concept the simplified guide names is named in the Taiwan guide by the README
    glossary's 繁體（臺灣） term; no term the glossary gives only to the mainland and no mainland
    usage (选中, 回车, 撤销 …) is left. 文字 stays allowed: in Taiwan it is "text" (文字編碼),
    the script being 字體."""
    from glossary import MAINLAND_USAGE, mainland_only, terms

    simplified, taiwan = text("zh_CN"), text("zh_TW")
    for cn, tw in terms():
        if cn in simplified:
            assert tw in taiwan, f"the simplified guide names {cn}; the Taiwan guide should say {tw}"
    left = {m: taiwan.count(m) for m in [*mainland_only(), *MAINLAND_USAGE] if m != "文字" and m in taiwan}
    assert not left, f"mainland terms in the Taiwan guide: {left}"
    assert "“" not in taiwan and "「" in taiwan  # Taiwan's quotation marks


def test_the_taiwan_guide_names_the_interface_as_the_taiwan_catalogue_does():
    """Where the simplified guide quotes an interface string (a menu, action, tab or button in
    duidu_zh_CN.ts), the Taiwan guide quotes that string's zh_TW translation."""
    cn, tw = catalogue("zh_CN"), catalogue("zh_TW")
    sources: dict[str, set[str]] = {}
    for source, shown in cn.items():
        for name in shown:
            sources.setdefault(name, set()).add(source)
    quoted_tw = set(quoted_names("zh_TW"))
    checked = 0
    for name in quoted_names("zh_CN"):
        if name not in sources:
            continue  # not an interface string (a concept, a colour)
        wanted = set().union(*(tw.get(s, set()) for s in sources[name]))
        assert wanted & quoted_tw, f"the simplified guide quotes {name!r}; the Taiwan guide should quote {sorted(wanted)}"
        checked += 1
    assert checked >= 20, checked  # the guide's menu and action names were found


def test_the_help_window_speaks_taiwan_words():
    from glossary import MAINLAND_USAGE

    words = "".join(LABELS["zh_TW"].values())
    assert not [m for m in MAINLAND_USAGE if m in words] and "搜尋" in words


def test_find_in_the_guide(help_window, qtbot):
    w = help_window
    w.find_action.trigger()
    assert w.find_bar.isVisible()
    w.find_box.setText("共享段落")
    assert w.browser.textCursor().selectedText() == "共享段落"
    first = w.browser.textCursor().position()
    assert w.find_next(+1)
    assert w.browser.textCursor().position() != first
    w.find_box.setText("没有这样的文字 xyzzy")
    assert not w.find_next(+1)


@pytest.fixture
def window(qtbot, tmp_path):
    with Library.open() as lib:  # DUIDU_LIBRARY points into tmp_path (conftest); seeds imported
        path, docs = lib.path, lib.documents()
    win = MainWindow(path, docs, settings=Settings(tmp_path / "s.ini"), chinese_font=True)
    qtbot.addWidget(win)
    yield win
    win.close()


def test_every_shortcut_in_the_guides_is_an_action_of_the_window(window):
    real = {seq.toString(QKeySequence.SequenceFormat.PortableText)
            for action in window.findChildren(QAction) for seq in action.shortcuts()}
    for language in GUIDES:
        named = keys_named(language)
        assert len(named) >= 20, named
        missing = named - real
        assert not missing, f"{language} guide names shortcuts the window does not have: {sorted(missing)}"
