"""The comparison report of a pair: ``duidu report A B --html/--pdf`` and the reader's export.

``report`` lays both whole texts side by side (``duidu compare --html``); this is what a reader
hands on: both documents' metadata, the similarity, each shared passage beside its counterpart
with the characters that differ marked, the measures, the figures, and the notes on the two
documents, all in one chosen script. ``build_pair_report`` gathers it from the library (stored
spans mapped into the script's view, so nothing is re-found by text); ``pair_report_html``
renders it, either for a browser or, with ``for_print``, in the subset of HTML that Qt's
QTextDocument lays out for the PDF (tables instead of a grid, simple CSS).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Sequence

from duidu import __version__
from duidu.library.report import (DIFFERS, FUZZY, FUZZY_TINT, VERBATIM, VERBATIM_TINT, CSS, e, figures_table, footer,
                                  measures_table, page)
from duidu.library.errors import InputError
from duidu.library.light_markdown import to_html as note_html
from duidu.library.report_words import TAIWAN
from duidu.library.views import route
from duidu.text.script import VIEW_SCRIPTS

if TYPE_CHECKING:
    from duidu.engine.compare import Comparison
    from duidu.engine.similarity import Similarity
    from duidu.library.documents import Document
    from duidu.library.store import Library


@dataclass(frozen=True)
class Side:
    """One end of a shared passage as shown: its text in the report's script."""

    text: str
    differs: tuple[tuple[int, int], ...]  # characters only this side has, offsets into ``text``
    paragraph: int  # counted from 1
    before: str = ""  # the clause's start before the passage (context: a passage is shown whole)
    after: str = ""  # the clause's end after it
    same_as: int = 0  # this side's text was already shown, whole, with passage number ``same_as``


@dataclass(frozen=True)
class SharedPassage:
    number: int  # counted from 1, in A's order (the reader's numbering)
    kind: str  # verbatim | fuzzy
    similarity: float
    boilerplate: bool
    a: Side
    b: Side


@dataclass(frozen=True)
class Quote:
    where: str  # "A ¶3", "B ¶5", or another document: "#7"
    text: str  # in the report's script (an orphaned quote converted from its document's script)
    orphaned: bool


@dataclass(frozen=True)
class NoteRow:
    kind: str  # passage | comparison
    quotes: tuple[Quote, ...]
    tags: tuple[str, ...]  # "group/name", in the report's script
    note: str  # light Markdown, in the report's script
    annotator: str


@dataclass(frozen=True)
class PairReport:
    a: "Document"  # title, region and source in the report's script
    b: "Document"
    script: str
    boilerplate: bool  # whether boilerplate passages are shown
    similarity: "Similarity"
    passages: tuple[SharedPassage, ...]
    hidden: int  # boilerplate passages left out
    measures: tuple[tuple[str, str, int, int], ...]  # category, measure, count in A, count in B
    figures: tuple[tuple[str, str, str, bool], ...]  # measure, figure in A, figure in B, differs
    notes_a: tuple[NoteRow, ...]
    notes_b: tuple[NoteRow, ...]
    links: tuple[NoteRow, ...]  # comparison notes joining A and B
    made: str  # ISO date
    version: str = __version__
    annotator: str | None = None  # only this annotator's notes are shown (blind coding)


def build_pair_report(lib: "Library", a_id: int, b_id: int, *, script: str = "original", boilerplate: bool = False,
                      comparison: "Comparison | None" = None, today: str | None = None,
                      annotator: str | None = None, progress=None, cancel=None) -> PairReport:
    """Everything the report shows, read once. ``comparison``: one already made for this pair;
    ``annotator``: show only that annotator's notes (passage and comparison), as blind coding
    shows a coder only their own."""
    from duidu.engine.inline import in_view, inline_diff
    from duidu.engine.progress import checkpoint

    if script not in VIEW_SCRIPTS:  # refused before any work
        raise InputError("script", f"{script!r} is not a script (choose from {', '.join(VIEW_SCRIPTS)})")
    c = comparison if comparison is not None and (comparison.a.id, comparison.b.id) == (a_id, b_id) \
        else lib.compare(a_id, b_id, cancel=cancel)
    views = {d: lib.view(d, script) for d in {a_id, b_id}}
    va, vb = views[a_id], views[b_id]
    say = _speaker(script)
    shown = c.shown(boilerplate)
    passages = []
    seen: dict[str, list[tuple[int, int, int]]] = {"a": [], "b": []}  # shown spans (view), passage number
    number = {id(p): k for k, p in enumerate(shown, 1)}  # the reader's "Passage k / N" and its list's #k
    for done, p in enumerate(c.ranked(boilerplate), 1):  # listed most informative first, numbered in A's order
        checkpoint(done / max(1, len(shown)) * 0.9, progress, cancel)
        n = number[id(p)]
        ops = in_view(inline_diff(c.a, c.b, p.a_key, p.b_key), va.map, vb.map)
        a0, a1 = va.map.to_dst_span(p.a_start, p.a_end)
        b0, b1 = vb.map.to_dst_span(p.b_start, p.b_end)
        a_diff = [(o.a_start, o.a_end) for o in ops if o.op == "delete"]
        b_diff = [(o.b_start, o.b_end) for o in ops if o.op == "insert"]
        passages.append(SharedPassage(
            n, p.kind, p.similarity, p.boilerplate,
            _side(va.text, a0, a1, a_diff, _paragraph(c.a.paragraphs, p.a_start), seen["a"], n),
            _side(vb.text, b0, b1, b_diff, _paragraph(c.b.paragraphs, p.b_start), seen["b"], n),
        ))
    measures = tuple((say(m.category), say(m.name), len(m.mentions.get(a_id, ())), len(m.mentions.get(b_id, ())))
                     for m in c.measures)
    figures = tuple(sorted(((say(f"{f.measure}（{f.period}）" if f.period else f.measure),
                             va.text[slice(*va.map.to_dst_span(f.a_start, f.a_end))],
                             vb.text[slice(*vb.map.to_dst_span(f.b_start, f.b_end))], f.differs) for f in c.figures),
                           key=lambda f: not f[3]))  # the figures that differ first: what a reviewer checks
    a_doc, b_doc = _in_script(lib.document(a_id), script), _in_script(lib.document(b_id), script)
    notes_a, notes_b, links = _notes(lib, c, views, script, (a_doc, b_doc), annotator)
    checkpoint(1.0, progress, cancel)
    return PairReport(a_doc, b_doc, script,
                      boilerplate, c.similarity, tuple(passages), len(c.passages) - len(shown), measures, figures,
                      notes_a, notes_b, links, today or date.today().isoformat(), annotator=annotator)


# A clause ends at one of these: a passage shown whole runs from the clause it starts in to the
# end of the clause it ends in, so it never starts or stops inside a word.
_CLAUSE_END = "。！？；，、：\n!?;"
CONTEXT = 40  # at most this many characters of context either side


def _ends_clause(text: str, i: int) -> bool:
    """``text[i]`` ends a clause: Chinese punctuation, or an ASCII comma or colon as some pages
    write them (发展,会议听取) — but not the comma of a figure (5,000)."""
    ch = text[i]
    if ch in _CLAUSE_END:
        return True
    return ch in ",:" and not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())


def _side(text: str, start: int, end: int, differs, paragraph: int, seen: list, number: int) -> Side:
    lo = start
    while lo > 0 and start - lo < CONTEXT and not _ends_clause(text, lo - 1):
        lo -= 1
    if start - lo >= CONTEXT:
        lo = start  # no clause edge near: the passage as found
    hi = end
    while hi < len(text) and hi - end < CONTEXT and (hi == start or not _ends_clause(text, hi - 1)) and text[hi] != "\n":
        hi += 1
    if hi - end >= CONTEXT:
        hi = end
    same = next((k for s, e, k in seen if s <= lo and hi <= e), 0)  # shown whole already: said once
    if not same:
        seen.append((lo, hi, number))
    return Side(text[start:end], _relative(differs, start, end), paragraph, text[lo:start], text[end:hi], same)


def _speaker(script: str, source: str = "simplified"):
    """Text written in ``source`` (labels: measure names, categories, headings are simplified;
    a document's metadata is in the document's script) in the report's script."""
    from duidu.text.script import convert

    config = route(script, source)
    if config is None:
        return lambda text: text
    cache: dict[str, str] = {}

    def say(text: str) -> str:
        if text and text not in cache:
            cache[text] = convert(text, config).text
        return cache.get(text, text)

    return say


def _in_script(d: "Document", script: str) -> "Document":
    """The document with its title, region and source as the report's script shows them."""
    say = _speaker(script, d.script)
    return replace(d, title=say(d.title), region=d.region and say(d.region), source=d.source and say(d.source))


def _relative(spans, lo: int, hi: int) -> tuple[tuple[int, int], ...]:
    """``spans`` of a view clipped to ``[lo, hi)`` and counted from ``lo``, adjacent ones joined."""
    out: list[list[int]] = []
    for s, t in sorted(spans):
        s, t = max(s, lo) - lo, min(t, hi) - lo
        if s >= t:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], t)
        else:
            out.append([s, t])
    return tuple((s, t) for s, t in out)


def _paragraph(paragraphs, pos: int) -> int:
    return max(1, bisect_right([p.start for p in paragraphs], pos))


def _notes(lib: "Library", c: "Comparison", views: dict, script: str, docs: tuple["Document", "Document"],
           annotator: str | None = None):
    """The notes on A, on B, and the comparison notes joining the two (each listed once; ``docs``:
    A and B as the report shows them); only
    ``annotator``'s when given. A note's text and the tag paths are the researcher's own
    typing, in either script whatever the document's, so they are converted as a mixed text
    is (``route(script, "mixed")``: each script's characters into the report's)."""
    typed = _speaker(script, "mixed")
    paths: dict[int, str] = {}
    for code in lib.codes():  # tree order: a parent's path is known before its children's
        paths[code.id] = code.name if code.parent_id is None else f"{paths[code.parent_id]}/{code.name}"
    side = {c.a.id: (_side_name("A", docs[0]), c.a.paragraphs),  # "A 四川省 ¶20": the sides named as elsewhere
            c.b.id: (_side_name("B", docs[1]), c.b.paragraphs)}

    def quote(t) -> Quote:
        if t.status != "anchored":
            say = _speaker(script, lib.document(t.document_id).script)
            return Quote(side.get(t.document_id, (f"#{t.document_id}",))[0], say(t.quote), True)
        if t.document_id not in views:
            views[t.document_id] = lib.view(t.document_id, script)
        v = views[t.document_id]
        text = v.text[slice(*v.map.to_dst_span(t.start, t.end))]
        if t.document_id in side:
            name, paragraphs = side[t.document_id]
            return Quote(f"{name} ¶{_paragraph(paragraphs, t.start)}", text, False)
        return Quote(f"#{t.document_id}", text, False)

    def row(n) -> NoteRow:
        return NoteRow(n.kind, tuple(quote(t) for t in n.targets),
                       tuple(typed(paths.get(i, str(i))) for i in n.code_ids), typed(n.note), n.annotator)

    pair = {c.a.id, c.b.id}
    notes_a = lib.annotations(document_id=c.a.id, annotator=annotator)
    links = [n for n in notes_a
             if n.kind == "comparison" and {t.document_id for t in n.targets} == pair and len(pair) == 2]
    linked = {n.id for n in links}
    on_a = [n for n in notes_a if n.id not in linked]
    on_b = [n for n in lib.annotations(document_id=c.b.id, annotator=annotator) if n.id not in linked and c.b.id != c.a.id]
    return tuple(map(row, on_a)), tuple(map(row, on_b)), tuple(map(row, links))


# -- rendering ------------------------------------------------------------------------------
_SCREEN_CSS = CSS + f"""
.summary td{{min-width:6em}} .legend span{{padding:0 .4em;margin-right:.6em}}
.passage{{margin:1.2em 0;border-left:4px solid {VERBATIM};padding-left:.8em}} .passage.fuzzy{{border-left:4px dashed {FUZZY}}}
.passage h3{{font-size:.95em;margin:.2em 0;color:#555}} .sides{{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}}
.verbatim .side{{background:{VERBATIM_TINT}}} .fuzzy .side{{background:{FUZZY_TINT}}} .side{{padding:.3em .5em;border-radius:3px}}
.d{{color:{DIFFERS};font-weight:bold;text-decoration:underline wavy {DIFFERS}}} .orphan{{color:#999}} .ctx{{color:#888}}
.swatch-verbatim{{background:{VERBATIM_TINT};border-bottom:2px solid {VERBATIM}}} .swatch-fuzzy{{background:{FUZZY_TINT};border-bottom:2px dashed {FUZZY}}}
@media (prefers-color-scheme: dark){{.verbatim .side{{background:#0b3a5c}} .fuzzy .side{{background:#5c430b}} .passage h3{{color:#aaa}}}}
"""

# QTextDocument: no grid, no border-radius, no wavy lines; its table attributes do the layout.
_PRINT_CSS = f"""
body{{color:#222}} h1{{font-size:16pt}} h2{{font-size:12.5pt;margin-top:14pt}} p{{margin:3pt 0}}
th{{text-align:left;background-color:#eeeeee}} td{{vertical-align:top}}
td.verbatim{{background-color:{VERBATIM_TINT}}} td.fuzzy{{background-color:{FUZZY_TINT}}} td.n,th.n{{text-align:center}}
tr.category th{{background-color:#f4f4f4}} .d{{color:{DIFFERS};font-weight:bold;text-decoration:underline}}
.differs{{color:{DIFFERS};font-weight:bold}} .meta{{color:#555555}} .orphan{{color:#999999}} .ctx{{color:#888888}}
.kind-verbatim{{color:{VERBATIM};font-weight:bold}} .kind-fuzzy{{color:#B36B00;font-weight:bold}}
footer{{color:#777777;font-size:8pt}} p.c{{margin:0}} .swatch-verbatim{{background-color:{VERBATIM_TINT}}} .swatch-fuzzy{{background-color:{FUZZY_TINT}}}
"""
_TABLE = '<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;border-color:#bbbbbb">'
_LIST = _TABLE.replace('width="100%"', 'width="80%"').replace('cellpadding="4"', 'cellpadding="2"')  # measures, figures
_SMALL = _TABLE.replace('width="100%"', 'width="55%"')  # the similarity figures
_KINDS = {"verbatim": "逐字相同 verbatim", "fuzzy": "近似 fuzzy"}
_SCRIPTS = {"original": "原文 original", "simplified": "简体 simplified", "traditional": "繁體 traditional",
            "tw": "台灣 Taiwan", "hk": "香港 Hong Kong", "mixed": "混合 mixed", "unknown": "—"}


def _name(r: PairReport, side: str) -> str:
    """A side as a reader names it: "A 重庆" (its region), else "A"."""
    return _side_name(side, r.a if side == "A" else r.b)


def _side_name(side: str, d: "Document") -> str:
    return f"{side} {d.region}" if d.region else side


SUMMARY_NAMES = 12  # measures a summary line names; the full table follows


def _measure_lists(r: PairReport, say) -> str:
    """Shared, only in A, only in B: one line each, before the full table, naming the most
    mentioned first and at most SUMMARY_NAMES of them (two provinces' reports have some 260
    measures only one side names: listed whole they made the "summary" two pages long)."""
    groups = ((say("共有 Shared"), [m for m in r.measures if m[2] and m[3]]),
              (f"{say('仅见于 only in')} {_name(r, 'A')}", [m for m in r.measures if m[2] and not m[3]]),
              (f"{say('仅见于 only in')} {_name(r, 'B')}", [m for m in r.measures if m[3] and not m[2]]))

    def line(items) -> str:
        ranked = sorted(items, key=lambda m: -(m[2] + m[3]))  # stable: the table's order among equals
        named = e("、".join(m[1] for m in ranked[:SUMMARY_NAMES])) or e(say("无 none"))
        more = len(ranked) - SUMMARY_NAMES
        return named + (f' <span class="meta">… +{more} {e(say("项见措施表 more in Measures"))}</span>' if more > 0 else "")

    return "".join(f"<p><b>{e(title)} ({len(items)})</b>: {line(items)}</p>" for title, items in groups)


def pair_report_html(r: PairReport, *, for_print: bool = False) -> str:
    """The report as one HTML page (``for_print``: the layout QTextDocument prints): the summary
    first (similarity, shared / only-A / only-B measures, the figures that differ), then the rest."""
    say = _labels(r.script)
    table = _TABLE if for_print else "<table>"
    sections = [
        f"<h1>{e(r.a.title)}<br>↔ {e(r.b.title)}</h1>",
        f"<h2>{e(say('摘要 Summary'))}</h2>{_summary(r, _SMALL if for_print else table, say)}"
        + (_measure_lists(r, say) if r.measures else ""),
        f"<h2>{e(say('文档 Documents'))}</h2>{_metadata(r, table, say)}",
        f"<h2>{e(say('共享段落 Shared passages'))}</h2>{_passages(r, for_print, say)}",
        f"<h2>{e(say('措施 Measures'))}</h2>"
        + (measures_table(r.measures, (say("措施 Measure"), _name(r, "A"), _name(r, "B")), _LIST if for_print else table)
           if r.measures else _none(say)),
        f"<h2>{e(say('数字 Figures'))}</h2>{_figures(r, _LIST if for_print else table, say)}",
        f"<h2>{e(say('笔记 Notes'))}</h2>{_all_notes(r, table, say)}",
        footer(f"{say('文字')} {say(_SCRIPTS[r.script])}", r.made, brand=f"{say('对读')} Duidu"),
    ]
    return page(f"{say('对读')} {r.a.title} ↔ {r.b.title}", "\n".join(sections), _PRINT_CSS if for_print else _SCREEN_CSS)


def _labels(script: str):
    """The report's labels in ``script``: Taiwan's reviewed wording (``report_words``), where a
    conversion would keep mainland terms; other scripts by conversion."""
    say = _speaker(script)
    if script != "tw":
        return say
    return lambda text: TAIWAN.get(text) or say(text)


def _none(say) -> str:
    return f'<p class="meta">{e(say("无 none"))}</p>'


def _metadata(r: PairReport, table: str, say) -> str:
    def rows():
        for label, get in (("标题 Title", lambda d: d.title), ("地区 Region", lambda d: d.region),
                           ("日期 Date", lambda d: d.date), ("来源 Source", lambda d: d.source),
                           ("文字 Script", lambda d: say(_SCRIPTS.get(d.script, d.script))),
                           ("字数 Length", lambda d: f"{d.length:,}")):
            yield f"<tr><th>{e(say(label))}</th><td>{e(get(r.a) or '—')}</td><td>{e(get(r.b) or '—')}</td></tr>"

    return (f"{table}<tr><th></th><th>{e(_name(r, 'A'))} · #{r.a.id}</th><th>{e(_name(r, 'B'))} · #{r.b.id}</th></tr>"
            f"{''.join(rows())}</table>")


def _summary(r: PairReport, table: str, say) -> str:
    s = r.similarity
    kinds = [p.kind for p in r.passages]
    hidden = "" if r.boilerplate else f"; {r.hidden} {say('套话段落未列出 boilerplate passages left out')}"
    a, b = _name(r, "A"), _name(r, "B")
    differ = [f for f in r.figures if f[3]]
    figures = (f"<p><b>{len(differ)} / {len(r.figures)} {e(say('对应数字不同 paired figures differ'))}</b>"
               + (": " + e("；".join(f"{f[0]} {f[1]} ≠ {f[2]}" for f in differ)) if differ else "") + "</p>"
               if r.figures else "")
    return (f'{table}<tr><th>{e(say("相似度 Similarity"))}</th><td class="n">{s.score:.1%}</td></tr>'
            f'<tr><th>{e(a)} {e(say("见于 in"))} {e(b)}</th><td class="n">{s.a_in_b:.1%}</td></tr>'
            f'<tr><th>{e(b)} {e(say("见于 in"))} {e(a)}</th><td class="n">{s.b_in_a:.1%}</td></tr></table>'
            + figures
            + f"<p>{len(kinds)} {e(say('共享段落 shared passages'))}: {kinds.count('verbatim')} "
            f"{e(say('逐字相同 verbatim'))}, {kinds.count('fuzzy')} {e(say('近似 fuzzy'))}{e(hidden)}.</p>"
            f'<p class="legend"><span class="swatch-verbatim">&nbsp;{e(say(_KINDS["verbatim"]))}&nbsp;</span> '
            f'<span class="swatch-fuzzy">&nbsp;{e(say(_KINDS["fuzzy"]))}&nbsp;</span> '
            f'<span class="d">{e(say("不同 differing characters"))}</span></p>')


def _marked(side: Side, say=None) -> str:
    """The passage with its differing characters marked, inside its clause (context in grey);
    a side already shown whole in an earlier passage is pointed to, not repeated."""
    if side.same_as and say is not None:
        return f'<span class="ctx">{e(say("同上 as in"))} #{side.same_as}</span>'
    out, at = [], 0
    for s, t in side.differs:
        out.append(e(side.text[at:s]) + f'<span class="d">{e(side.text[s:t])}</span>')
        at = t
    context = (f'<span class="ctx">{e(side.before)}</span>' if side.before else "")
    return context + "".join(out) + e(side.text[at:]) + (f'<span class="ctx">{e(side.after)}</span>' if side.after else "")


def _passages(r: PairReport, for_print: bool, say) -> str:
    if not r.passages:
        return _none(say)

    def head(p: SharedPassage) -> str:
        tag = f" · {say('套话 boilerplate')}" if p.boilerplate else ""
        return f"{p.number} · {say(_KINDS[p.kind])} {p.similarity:.2f}{tag}"

    if for_print:
        rows = "".join(
            f'<tr><td width="10%"><p class="c"><b>{p.number}</b></p><p class="c kind-{p.kind}">'
            f'{e(say(_KINDS[p.kind].split()[0]))}</p><p class="c">{p.similarity:.2f}</p>'
            f'{"<p class=c>" + e(say("套话")) + "</p>" if p.boilerplate else ""}</td>'
            f'<td width="45%" class="{p.kind}"><span class="meta">¶{p.a.paragraph}</span> {_marked(p.a, say)}</td>'
            f'<td width="45%" class="{p.kind}"><span class="meta">¶{p.b.paragraph}</span> {_marked(p.b, say)}</td></tr>'
            for p in r.passages)
        return (f"{_TABLE}<tr><th>#</th><th>{e(_name(r, 'A'))} · {e(r.a.title)}</th>"
                f"<th>{e(_name(r, 'B'))} · {e(r.b.title)}</th></tr>{rows}</table>")
    a, b = e(_name(r, "A")), e(_name(r, "B"))
    return "\n".join(
        f'<section class="passage {p.kind}" id="p{p.number}"><h3>{e(head(p))} · {a} ¶{p.a.paragraph} ↔ {b} ¶{p.b.paragraph}</h3>'
        f'<div class="sides"><div class="side">{_marked(p.a, say)}</div><div class="side">{_marked(p.b, say)}</div></div></section>'
        for p in r.passages)


def _figures(r: PairReport, table: str, say) -> str:
    if not r.figures:
        return _none(say)
    differ = sum(f[3] for f in r.figures)
    return (f"<p>{differ} / {len(r.figures)} {e(say('对应数字不同 paired figures differ'))}.</p>"
            + figures_table(r.figures, (say("措施 Measure"), _name(r, "A"), _name(r, "B")), (say("不同 differs"), say("相同 same")), table))


def _all_notes(r: PairReport, table: str, say) -> str:
    def quotes(n: NoteRow) -> str:
        return "<br>".join(
            f'<span class="meta">{e(q.where)}</span> '
            + (f'<span class="orphan">「{e(q.text)}」 ({e(say("未能定位 orphaned"))})</span>' if q.orphaned
               else f"「{e(q.text)}」")
            for q in n.quotes)

    def listing(title: str, notes: Sequence[NoteRow]) -> str:
        if not notes:
            return f"<h3>{e(title)}</h3>{_none(say)}"
        heads = "".join(f"<th>{e(say(h))}</th>" for h in ("引文 Quote", "编码 Codes", "笔记 Note", "标注者 Annotator"))
        rows = "".join(f"<tr><td>{quotes(n)}</td><td>{e(', '.join(n.tags))}</td><td>{note_html(n.note)}</td>"
                       f"<td>{e(n.annotator)}</td></tr>" for n in notes)
        return f"<h3>{e(title)}</h3>{table}<tr>{heads}</tr>{rows}</table>"

    only = (f'<p class="meta">{e(say("只列出此标注者的笔记 Only the notes of"))} {e(r.annotator)}</p>'
            if r.annotator is not None else "")
    return only + "\n".join((
        listing(f"{say('对照笔记 Comparison notes')} {_name(r, 'A')} ↔ {_name(r, 'B')}", r.links),
        listing(f"{_name(r, 'A')} · {r.a.title}", r.notes_a),
        listing(f"{_name(r, 'B')} · {r.b.title}", r.notes_b),
    ))
