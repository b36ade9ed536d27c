"""Paragraphs and sentences of a reading text.

A paragraph is a non-blank line, trimmed of surrounding whitespace (ideographic space U+3000,
NBSP, zero-width space and a stray BOM count as whitespace). A sentence ends after a run of
sentence-final marks (``。！？!?；;`` or an ellipsis ``……``) together with the closing quotes and
brackets that follow it (``”’」』）)``). Sentences never cross a paragraph edge; inside a
paragraph they cover its text without gaps except the whitespace between them.

ASCII ``!?;`` end a sentence only when no ASCII letter, digit or ``=&`` follows, so a URL's query
string (``a.php?id=1``) or an HTML entity stays inside its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# WHITESPACE: trimmed from both ends of a line and skipped between sentences.
from .chars import WHITESPACE, WHITESPACE_SET, count_han

# A sentence ends after one of these (runs are kept together: "？！", "。。").
SENTENCE_FINAL = "。！？；｡"
ASCII_FINAL = "!?;"
# An ellipsis ends a sentence when at least two of these stand together ("……").
ELLIPSES = "…⋯"
# Carried with the sentence they close.
CLOSERS = "”’」』）)》〉】\u300f"

# The leading lookahead lets the regex engine skip ahead by character class (much faster).
_SENTENCE_END = re.compile(
    rf"(?=[{SENTENCE_FINAL}{re.escape(ASCII_FINAL)}{ELLIPSES}])"
    rf"(?:[{SENTENCE_FINAL}]|[{re.escape(ASCII_FINAL)}](?![A-Za-z0-9=&])"
    + "".join(f"|{e}{{2,}}" for e in ELLIPSES)
    + rf")+[{re.escape(CLOSERS)}]*"
)
_LEADING_WS = re.compile(f"[{WHITESPACE}]*")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[Span]:
    """Every non-blank line of ``text`` (split on LF), trimmed, in order."""
    out: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        body = line.lstrip(WHITESPACE)
        if body:
            start = pos + len(line) - len(body)
            out.append(Span(start, start + len(body.rstrip(WHITESPACE))))
        pos += len(line) + 1
    return out


def sentences(text: str, paras: list[Span] | tuple[Span, ...]) -> list[Sentence]:
    """The sentences of each paragraph, in order, each trimmed of surrounding whitespace."""
    out: list[Sentence] = []
    append = out.append
    ends = _SENTENCE_END.finditer
    leading = _LEADING_WS.match
    space = WHITESPACE_SET
    for index, para in enumerate(paras):
        start = para.start
        stop = para.end
        for m in ends(text, start, stop):
            end = m.end()
            if text[start] in space:
                start = leading(text, start, end).end()
                if start == end:
                    continue
            append(Sentence(start, end, index))
            start = end
        if start < stop:
            # The paragraph is trimmed, so only the head of the remainder can be blank.
            if text[start] in space:
                start = leading(text, start, stop).end()
            append(Sentence(start, stop, index))
    return out


# A heading's numbering: 第一章 / 第3条 / 一、 / （一） / 1. — in a short line it marks a heading.
_NUMBERED = re.compile(r"(?:第[一二三四五六七八九十百零〇\d]+[章节條条部分编編]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))")
_NOT_A_HEADING_END = "，、：:,;；" + SENTENCE_FINAL + ASCII_FINAL + ELLIPSES
HEADING_MAX = 40  # characters: longer lines are body text however they start
_BYLINE = re.compile(r"(?:[（(]?(?:记者|記者|编辑|編輯|责任编辑|責任編輯|来源|來源|作者|通讯员|通訊員|摄影|攝影))")


def headings(text: str, paras: list[Span] | tuple[Span, ...], furniture=()) -> list[int]:
    """Indexes of the paragraphs that read as headings: short lines with no sentence-final mark
    inside (a title, ``一、总体要求``, ``第三章 保障措施``), as Chinese documents set them apart.

    ``furniture``: the page furniture's spans (anything with ``start`` and ``end``). A line wholly
    inside them (a web page's 四川日报, 打印本页, 相关链接>>) is not the document's, never a heading."""
    out = []
    outside = set(body_paragraphs(paras, furniture))
    for index, p in enumerate(paras):
        if index not in outside:
            continue
        line = text[p.start:p.end]
        if not 2 <= len(line) <= HEADING_MAX or line[-1] in _NOT_A_HEADING_END:
            continue
        if any(ch in SENTENCE_FINAL for ch in line[:-1]) or _BYLINE.match(line) or _unclosed(line):
            continue
        han = count_han(line)
        if han >= 4 or (_NUMBERED.match(line) and han >= 2):
            out.append(index)
    return out


_PAIRS = ("“”", "‘’", "《》", "（）", "()", "「」", "『』", "【】")


def _unclosed(line: str) -> bool:
    """A quote or bracket opened and not closed: a fragment of a paragraph the source broke
    (7.“双向揭榜挂帅”：企业找技术、成果找市场“双向 | 揭榜 | …), not a heading."""
    return any(line.count(o) > line.count(c) for o, c in _PAIRS)


def body_paragraphs(paras: list[Span] | tuple[Span, ...], furniture=()) -> list[int]:
    """Indexes of the paragraphs not wholly inside one of the ``furniture`` spans."""
    spans: list[list[int]] = []
    for s, e in sorted((f.start, f.end) for f in furniture):  # overlapping spans joined
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    starts = [s for s, _ in spans]
    out = []
    for index, p in enumerate(paras):
        k = bisect_right(starts, p.start) - 1  # the last furniture span starting at or before it
        if not (k >= 0 and spans[k][1] >= p.end):
            out.append(index)
    return out
