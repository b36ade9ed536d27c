"""The readable text of a saved web page, one paragraph per line.

Policy documents are often saved straight from a government site, so the page carries
navigation, scripts, share buttons and footers around the text. This keeps what a reader
would read -- text and paragraph breaks -- and drops the rest. It only parses: nothing
(images, stylesheets, frames) is ever fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from duidu.text.chars import HAN_RANGES, one_line_text

# Elements whose content is never document text.
SKIPPED = frozenset({
    "script", "style", "noscript", "template", "iframe", "svg", "math", "object", "canvas",
    "nav", "header", "footer", "aside", "form", "button", "select", "textarea",
})
# Elements that start and end a line of their own.
BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "tr", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main",
    "blockquote", "pre", "hr", "br", "figure", "figcaption", "address", "center", "details",
    "summary", "fieldset", "legend", "body", "html",
})
CELLS = frozenset({"td", "th"})  # a table row is one line, its cells separated by a tab
_CELL = "\x00"  # marks a cell's start in the line being built (NUL is never page text: dropped below)

# HTML collapses ASCII whitespace only; no-break and ideographic spaces are content.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
# Characters a browser treats as wide for the segment-break rule: Han (duidu.text.chars) plus
# CJK radicals, punctuation, kana and bopomofo (U+2E80-U+33FF) and full-width forms.
_WIDE = re.compile(f"[{HAN_RANGES}\u2e80-\u33ff\uff00-\uffef]")


@dataclass(frozen=True)
class PageText:
    title: str | None
    text: str  # one paragraph per line, no blank lines


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in ``<meta charset>``, ``http-equiv`` or an XML declaration.

    Read from the bytes (the label is ASCII in every encoding a meta tag can be written
    in); browsers look at the first 1024 bytes, saved pages often put it later, so look
    further."""
    head = data[:65536]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def extract(html: str) -> PageText:
    """Raises ValueError if html.parser gives up on the markup (it asserts on a few
    malformed constructs; the known one is handled in the parser below)."""
    parser = _TextParser()
    try:
        parser.feed(html)
        # feed() stops at the first construct it cannot finish -- an unclosed comment or tag,
        # which in a browser runs to the end of the file and shows nothing -- and keeps the rest;
        # html.parser's close() would then parse that rest again from every "<" in it, which is
        # quadratic (20,000 unclosed "<!--": 13 s). So the construct is dropped, as a browser
        # drops it; a held-back tail that is no construct (a last "AT&T") is text.
        tail, parser.rawdata = parser.rawdata, ""
        if tail and not tail.startswith("<"):
            parser.handle_data(unescape(tail))
        parser.close()
    except AssertionError as e:
        raise ValueError(str(e)) from None
    return parser.result()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities decoded for us
        self._skipping: list[str] = []  # open SKIPPED elements, innermost last
        self._open_skipped: dict[str, int] = {}  # how many of each are open: a lookup, never a scan
        self._lines: list[str] = []
        self._current: list[str] = []
        self._title: list[str] | None = None  # collecting while inside the first <title>
        self._title_done = False
        self._title_text = ""
        self._pre = 0

    def parse_marked_section(self, i, report=1):
        """``<![CDATA[…]]>``, ``<![if IE]>``. html.parser raises AssertionError on anything
        else after ``<![``; a saved page must not crash the import, so skip to the next ">"."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end == -1 else end + 1

    # -- tags --
    def handle_starttag(self, tag, attrs):
        if self._title is not None:  # an unclosed <title> ends where the next element starts
            self._end_title()
        if tag == "title" and not self._skipping and not self._title_done:
            self._title = []  # (a <title> inside <svg> is skipped: the image's, not the page's)
        elif tag in SKIPPED:
            self._skipping.append(tag)
            self._open_skipped[tag] = self._open_skipped.get(tag, 0) + 1
        elif not self._skipping:
            self._open(tag)

    def handle_startendtag(self, tag, attrs):  # <br/>, <svg/>: opens nothing
        if not self._skipping and tag not in SKIPPED:
            self._open(tag)
            if tag == "pre":
                self._pre -= 1

    def _open(self, tag):
        if tag in BLOCKS:
            self._break()
            if tag == "pre":
                self._pre += 1
        elif tag in CELLS:
            self._current.append(_CELL)

    def handle_endtag(self, tag):
        if self._title is not None:
            self._end_title()
            return
        if self._skipping:
            # Counted, so that thousands of unclosed <nav>s cost no scan per end tag: each
            # element is pushed and popped once (linear in the page).
            if self._open_skipped.get(tag):
                while self._pop_skipped() != tag:
                    pass
            elif tag in ("body", "html"):  # an unclosed <nav> must not swallow the page
                self._skipping.clear()
                self._open_skipped.clear()
            return
        if tag in BLOCKS:
            self._break()
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
        elif self._skipping:
            return
        elif self._pre:  # preformatted: its newlines are line breaks
            first, *rest = data.replace(_CELL, "").replace("\r\n", "\n").split("\n")
            self._current.append(first)
            for line in rest:
                self._break()
                self._current.append(line)
        else:
            self._current.append(data.replace(_CELL, ""))

    def _pop_skipped(self) -> str:
        tag = self._skipping.pop()
        self._open_skipped[tag] -= 1
        return tag

    def _end_title(self):
        self._title_done = True
        self._title_text = "".join(self._title or [])
        self._title = None

    # -- output --
    def _break(self):
        cells = "".join(self._current).split(_CELL)
        line = "\t".join(c for c in map(_collapse, cells) if c.strip())
        if line.strip():
            self._lines.append(line)
        self._current = []

    def result(self) -> PageText:
        self._break()
        title = one_line_text(_collapse(self._title_text)) or None  # no terminal escapes, no bidi overrides
        return PageText(title, "\n".join(self._lines))


def _collapse(text: str) -> str:
    """One paragraph's whitespace as a browser shows it: runs become one space, except that a
    line break between two Chinese characters disappears (CSS Text segment-break rule), as
    source HTML wraps long Chinese lines anywhere."""
    def space(m: re.Match) -> str:
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if "\n" in m.group() and _WIDE.match(before or " ") and _WIDE.match(after or " "):
            return ""
        return " "
    return _HTML_SPACE.sub(space, text).strip(" ")
