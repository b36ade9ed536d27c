"""The user guide inside the app: the Markdown guides of ``resources/docs/`` in a text browser, offline.

The guides are package data (``duidu.paths.resource_path("docs", …)``), so an installed Duidu or
a bundle finds them as a checkout does; their screenshots resolve relative to the guide's own
URL, as QTextBrowser resolves every resource of a source it loaded. Nothing here opens a link.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from duidu.paths import resource_path
from duidu.ui.find_bar import FindBar

# language -> (label in the chooser, file under resources/docs/)
GUIDES = {
    "zh_CN": ("简体中文", "guide.zh_CN.md"),
    "zh_TW": ("繁體中文", "guide.zh_TW.md"),  # made from the simplified one (packaging/translations.py)
    "en": ("English", "guide.en.md"),
}
# The window speaks the language of the guide it shows (not the interface's): a reader who picks
# the English guide gets an English find bar, whatever language the rest of the app is in.
LABELS = {
    "zh_CN": {"title": "对读使用指南", "language": "语言", "language_name": "指南的语言", "guide": "使用指南",
              "find": "查找", "find_here": "在指南中查找", "close_find": "关闭查找栏", "no_match": "无结果",
              "missing": "找不到使用指南："},
    "zh_TW": {"title": "對讀使用指南", "language": "語言", "language_name": "指南的語言", "guide": "使用指南",
              "find": "搜尋", "find_here": "在指南中搜尋", "close_find": "關閉搜尋列", "no_match": "無結果",
              "missing": "找不到使用指南："},
    "en": {"title": "Duidu user guide", "language": "Language", "language_name": "Language of the guide",
           "guide": "User guide", "find": "Find", "find_here": "Find in the guide", "close_find": "Close find bar",
           "no_match": "No match", "missing": "The user guide is missing:"},
}


def guide_path(language: str) -> Path:
    return resource_path("docs", GUIDES[language][1])


def default_language(settings=None) -> str:
    """The interface language chosen in the preferences, else the system locale: Chinese for zh_*."""
    chosen = getattr(settings, "language", "system") if settings is not None else "system"
    if chosen == "en":
        return "en"
    if chosen == "zh_TW":
        return "zh_TW"
    if isinstance(chosen, str) and chosen.startswith("zh"):
        return "zh_CN"
    system = QLocale().name()
    if system.startswith(("zh_TW", "zh_HK", "zh_MO")) or "Hant" in QLocale().bcp47Name():
        return "zh_TW"
    return "zh_CN" if system.startswith("zh") else "en"


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(980, 820)

        self.language_box = QComboBox(self)
        for code, (label, _file) in GUIDES.items():
            self.language_box.addItem(label, code)
        self.language_box.activated.connect(lambda i: self.set_language(self.language_box.itemData(i)))

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # offline: a link never leaves the guide
        self.browser.anchorClicked.connect(self._link)
        # The guides are long: a scroll bar always there keeps the page's width steady for the images.
        self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.browser.viewport().installEventFilter(self)  # images follow the page's width

        self.find_bar = FindBar(self)
        self.find_box, self.find_status = self.find_bar.box, self.find_bar.status
        self.close_find = self.find_bar.close_button
        self.find_box.textChanged.connect(lambda _: self.find_next(+1, again=True))
        self.find_bar.step.connect(self.find_next)
        self.find_bar.closed.connect(self.hide_find)

        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.show_find)
        self.addAction(self.find_action)

        top = QHBoxLayout()
        top.addStretch(1)
        self.language_label = QLabel(self)
        top.addWidget(self.language_label)
        top.addWidget(self.language_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.find_bar)

        self.language = ""
        self.set_language(language or default_language(getattr(parent, "settings", None)))

    # -- the guide ------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        if language not in GUIDES:
            language = "en"
        self.language = language
        self.language_box.setCurrentIndex(self.language_box.findData(language))
        self._label()
        path = guide_path(language)
        if not path.is_file():
            self.browser.setPlainText(self.labels["missing"] + f" {path}")
            return
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        self._fit_images()
        if self.find_bar.isVisible() and self.find_box.text():
            self.find_next(+1, again=True)

    def _label(self) -> None:
        self.labels = t = LABELS[self.language]
        self.setWindowTitle(t["title"])
        self.language_label.setText(t["language"])
        self.language_box.setAccessibleName(t["language_name"])
        self.browser.setAccessibleName(t["guide"])
        self.find_action.setText(t["find"])
        self.find_box.setPlaceholderText(t["find_here"])
        self.close_find.setAccessibleName(t["close_find"])
        if self.find_status.text():
            self.find_status.setText(t["no_match"])

    def image_urls(self) -> list[QUrl]:
        """Every image the loaded guide shows, resolved against the guide as the browser resolves it."""
        base = self.browser.source()
        return [base.resolved(QUrl(name)) for name, _cursor in self._images()]

    def _images(self) -> list[tuple[str, QTextCursor]]:
        """(image name as written in the guide, a cursor selecting it), in document order."""
        out = []
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().isImageFormat():
                    cursor = QTextCursor(self.browser.document())
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    out.append((fragment.charFormat().toImageFormat().name(), cursor))
                it += 1
            block = block.next()
        return out

    def _fit_images(self) -> None:
        """Screenshots are 1600 pixels wide: shown at most as wide as the page, keeping their shape."""
        doc = self.browser.document()
        room = max(200, self.browser.viewport().width() - 2 * int(doc.documentMargin()) - 8)
        base = self.browser.source()
        for name, cursor in self._images():
            image = QImage(base.resolved(QUrl(name)).toLocalFile())
            if image.isNull():
                continue
            width = min(image.width(), room)
            fmt = cursor.charFormat().toImageFormat()
            if round(fmt.width()) == width:
                continue
            fmt.setWidth(width)
            fmt.setHeight(image.height() * width / image.width())
            cursor.setCharFormat(fmt)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_images()
        return super().eventFilter(watched, event)

    def _link(self, url: QUrl) -> None:
        """A link to the other guide switches language; anything else stays unopened (offline)."""
        name = Path(url.path()).name
        for code, (_label, file) in GUIDES.items():
            if name == file:
                self.set_language(code)
                return

    # -- finding --------------------------------------------------------------------------
    def show_find(self) -> None:
        self.find_bar.open()

    def hide_find(self) -> None:
        self.find_bar.hide()
        self.find_status.clear()
        self.browser.setFocus()

    def find_next(self, step: int, *, again: bool = False) -> bool:
        """Select the next (+1) or previous (-1) place of the find box's text, wrapping round;
        ``again``: search from the start of the current match (the text was just typed)."""
        text = self.find_box.text()
        if not text:
            self.find_status.clear()
            return False
        flags = QTextDocument.FindFlag.FindBackward if step < 0 else QTextDocument.FindFlag(0)
        if again:
            cursor = self.browser.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.browser.setTextCursor(cursor)
        found = self.browser.find(text, flags)
        if not found:  # wrap round
            cursor = self.browser.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if step < 0 else QTextCursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.find_status.setText("" if found else self.labels["no_match"])
        return found
