"""A note's light Markdown as safe HTML (the reports) and kept whole inside a Markdown file.

Notes are plain text with light Markdown: ``**bold**`` (or ``__bold__``), ``*italic*`` (or
``_italic_``), ``` `code` ```, line breaks, simple lists (``- item``, ``* item``, ``1. item``) and
``[text](url)`` links. ``to_html`` escapes everything first and only then applies a few rules,
so no HTML of the note's ever reaches the page; a link is shown as text (its words and the
address in brackets), never as a live link. Lists become lines with a visible marker (``•`` or
the number typed), so what is shown is exactly the text a PDF gives back. ``to_markdown_lines``
keeps a note's markup for a Markdown file but stops block markup the light set does not have
(headings, rules, setext underlines, quotes, raw HTML) from breaking out of the note.
"""

from __future__ import annotations

import html
import re

_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!<>|~"
_BACKSLASH = re.compile(rf"\\([{_ESCAPABLE}])")
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_SPAN = r"(?:[^<]|<strong>[^<]*</strong>)+?"  # never across a tag: what comes out nests properly
_EM = re.compile(rf"\*(?=[^\s*])({_SPAN})(?<=[^\s*])\*|(?<![0-9A-Za-z_])_(?=[^\s_])({_SPAN})(?<=[^\s_])_(?![0-9A-Za-z_])")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,9})[.)]\s+(.*)$")
_SLOT = re.compile("\x00(\\d+)\x00")


def to_html(text: str) -> str:
    """``text`` (a note) as HTML for inside a table cell or paragraph: escaped, then the light
    Markdown rendered with ``<strong>``, ``<em>``, ``<code>`` and ``<br>``."""
    lines = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")  # a blank line: one empty line, however many were typed
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet and not re.fullmatch(r"\s*([-*+])(\s*\1)*\s*", line):
            out.append("• " + _inline(bullet.group(1)))
        elif numbered:
            out.append(f"{numbered.group(1)}. " + _inline(numbered.group(2)))
        else:
            out.append(_inline(line.strip()))
    while out and not out[-1]:
        out.pop()
    return "<br>".join(out)


def _inline(text: str) -> str:
    slots: list[str] = []

    def keep(piece: str) -> str:
        slots.append(piece)
        return f"\x00{len(slots) - 1}\x00"

    # on the raw text: what must not be read as markup, each already escaped
    text = _BACKSLASH.sub(lambda m: keep(html.escape(m.group(1))), text)
    text = _CODE.sub(lambda m: keep(f"<code>{html.escape(m.group(1))}</code>"), text)

    def link(m: re.Match) -> str:
        label, url = m.group(1), m.group(2)
        return label if label == url else label + keep(f" ({html.escape(url)})")

    text = _LINK.sub(link, text)
    text = html.escape(text)  # everything else is text: no tag, no entity of the note's survives
    text = _STRONG.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", text)
    text = _EM.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", text)
    while _SLOT.search(text):  # a link's address may hold slots of its own (earlier ones)
        text = _SLOT.sub(lambda m: slots[int(m.group(1))], text)
    return text


# -- inside a Markdown file ----------------------------------------------------------------
_BREAKOUT = re.compile(r"^(\s*)(#|=+\s*$|-{2,}\s*$|([-*_])(\s*\3){2,}\s*$|`{3,}|~{3,})")


def _no_html(line: str) -> str:
    """``<`` and ``>`` backslashed outside code spans (inside one they are shown as typed)."""
    parts = re.split(r"(`[^`]+`)", line)
    return "".join(p if n % 2 else re.sub(r"([<>])", r"\\\1", p) for n, p in enumerate(parts))


def to_markdown_lines(text: str) -> list[str]:
    """A note's lines for a Markdown file, its own light Markdown kept: ``<`` and ``>`` escaped
    (no raw HTML), and a line that would start a heading, a rule, a setext underline, a quote or
    a code fence gets a backslash, so the note cannot end the block it is placed in or change
    the document's outline. Each line but the last of a paragraph ends in a hard break."""
    lines = [_no_html(line.rstrip()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [_BREAKOUT.sub(lambda m: m.group(1) + "\\" + m.group(2), line) for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return [line + "  " if line and n + 1 < len(lines) and lines[n + 1] else line for n, line in enumerate(lines)]
