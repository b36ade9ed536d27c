"""A self-contained HTML report of a comparison (``duidu compare A B --html FILE``).

Both texts side by side, shared passages marked in each (verbatim and fuzzy told apart with
the Okabe–Ito colour-blind-safe palette, each linked to its counterpart), page furniture
dimmed, then the measures and differing figures. One file, no scripts, nothing remote.

The pieces every Duidu report shares — the palette, the base style, the measures and figures
tables, the page around a body, the footer — live here too; ``pair_report`` (``duidu
report``) builds on them.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Sequence

from duidu import __version__
from duidu.engine.compare import Comparison
from duidu.engine.document import EngineDocument

# Okabe–Ito: blue and orange for verbatim and fuzzy passages, vermillion for what differs.
VERBATIM, FUZZY, DIFFERS = "#0072B2", "#E69F00", "#D55E00"
VERBATIM_TINT, FUZZY_TINT = "#cfe5f5", "#fbe6c2"

CSS = f"""
body{{font-family:"Noto Sans CJK SC","Noto Sans CJK TC","Source Han Sans",sans-serif;margin:2em;color:#222;line-height:1.7}}
h1{{font-size:1.4em}} table{{border-collapse:collapse;margin:1em 0}} td,th{{border:1px solid #ccc;padding:.2em .6em;vertical-align:top}}
th{{text-align:left}} td.n,th.n{{text-align:right}} tr.category th{{background:#eee}}
.pair{{display:grid;grid-template-columns:1fr 1fr;gap:2em}} .doc p{{margin:.4em 0}}
mark{{padding:0 .1em;border-radius:2px;color:inherit}} mark.verbatim{{background:{VERBATIM_TINT};border-bottom:2px solid {VERBATIM}}}
mark.fuzzy{{background:{FUZZY_TINT};border-bottom:2px dashed {FUZZY}}} .furniture{{color:#999}}
.meta{{color:#555}} .differs{{color:{DIFFERS};font-weight:bold}} footer{{color:#777;font-size:.85em;margin-top:3em}}
@media (prefers-color-scheme: dark){{body{{background:#1e1e1e;color:#ddd}} mark.verbatim{{background:#0b3a5c}} mark.fuzzy{{background:#5c430b}} .furniture{{color:#777}} tr.category th{{background:#333}}}}
"""

e = html.escape


def page(title: str, body: str, css: str = CSS) -> str:
    """A whole HTML document: UTF-8, inline style, nothing remote, no scripts."""
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{css}</style></head>\n<body>\n{body}\n</body></html>\n")


def footer(extra: str = "", today: str | None = None, brand: str = "对读 Duidu") -> str:
    """Who made the report and when: Duidu's version and the date (``today`` for tests);
    ``brand``: the name in the report's script."""
    tail = f" · {e(extra)}" if extra else ""
    return f"<footer>{e(brand)} {e(__version__)} · {e(today or date.today().isoformat())}{tail}</footer>"


def measures_table(rows: Sequence[tuple[str, str, int, int]], heads: tuple[str, str, str] = ("Measure", "A", "B"),
                   table: str = "<table>") -> str:
    """``(category, measure, count in A, count in B)`` rows under a header row per category."""
    out, category = [], None
    for cat, name, a, b in rows:
        if cat != category:
            category = cat
            out.append(f'<tr class="category"><th colspan="3">{e(cat)}</th></tr>')
        out.append(f'<tr><td>{e(name)}</td><td class="n">{a or "·"}</td><td class="n">{b or "·"}</td></tr>')
    head = f"<th>{e(heads[0])}</th>" + "".join(f'<th class="n">{e(h)}</th>' for h in heads[1:])
    return f"{table}<tr>{head}</tr>{''.join(out)}</table>"


def figures_table(rows: Sequence[tuple[str, str, str, bool]], heads: tuple[str, str, str] = ("Measure", "A", "B"),
                  words: tuple[str, str] = ("differs", "same"), table: str = "<table>") -> str:
    """``(measure, figure in A, figure in B, differs)`` rows; the differing ones flagged."""
    out = "".join(
        f"<tr><td>{e(m)}</td><td>{e(a)}</td><td>{e(b)}</td>"
        f"<td{' class=differs' if d else ''}>{e(words[0] if d else words[1])}</td></tr>"
        for m, a, b, d in rows
    )
    head = "".join(f"<th>{e(h)}</th>" for h in heads)
    return f"{table}<tr>{head}<th></th></tr>{out}</table>"


def _doc_html(doc: EngineDocument, marks: list[tuple[int, int, str]], side: str) -> str:
    """Paragraphs of ``doc`` with passage ``(start, end, kind)`` marks, furniture dimmed.

    The first piece of passage n carries the id ``{side}{n}`` and every piece links to the
    counterpart's id on the other side.
    """
    other = "b" if side == "a" else "a"
    furniture = [(x.start, x.end) for x in doc.excluded]
    out = []
    for p in doc.paragraphs:
        cuts = {p.start, p.end}
        for s, t, _ in marks:
            cuts.update(x for x in (s, t) if p.start < x < p.end)
        pieces = []
        edges = sorted(cuts)
        for lo, hi in zip(edges, edges[1:]):
            piece = e(doc.text[lo:hi])
            n = next((k for k, (s, t, _) in enumerate(marks) if s <= lo and hi <= t), None)
            if n is not None:
                anchor = f' id="{side}{n}"' if lo == marks[n][0] else ""
                piece = f'<mark class="{marks[n][2]}"{anchor}><a href="#{other}{n}">{piece}</a></mark>'
            pieces.append(piece)
        dim = any(s <= p.start and p.end <= t for s, t in furniture)
        out.append(f'<p{" class=furniture" if dim else ""}>{"".join(pieces)}</p>')
    return "\n".join(out)


def comparison_html(c: Comparison, *, boilerplate: bool = False) -> str:
    shown = c.shown(boilerplate)
    a_html = _doc_html(c.a, [(p.a_start, p.a_end, p.kind) for p in shown], "a")
    b_html = _doc_html(c.b, [(p.b_start, p.b_end, p.kind) for p in shown], "b")
    sim = c.similarity
    measures = measures_table([(m.category, m.name, len(m.mentions.get(c.a.id, ())), len(m.mentions.get(c.b.id, ())))
                               for m in c.measures])
    figures = figures_table([(f.measure, f.a_text, f.b_text, f.differs) for f in c.figures])
    body = f"""<h1>{e(c.a.title)} ↔ {e(c.b.title)}</h1>
<p class="meta">A: {e(c.a.region or "—")}, {len(c.a.text)} 字 · B: {e(c.b.region or "—")}, {len(c.b.text)} 字 ·
Duidu {__version__}, {date.today().isoformat()}</p>
<p>Similarity {sim.score:.1%} · {sim.a_in_b:.1%} of A appears in B · {sim.b_in_a:.1%} of B appears in A ·
{len(shown)} shared passages ({sum(p.kind == "verbatim" for p in shown)} verbatim, {sum(p.kind == "fuzzy" for p in shown)} fuzzy){"" if boilerplate else f", {len(c.passages) - len(shown)} boilerplate hidden"}.
<mark class="verbatim">verbatim</mark> <mark class="fuzzy">fuzzy</mark></p>
<div class="pair"><div class="doc"><h2>A · {e(c.a.title)}</h2>{a_html}</div><div class="doc"><h2>B · {e(c.b.title)}</h2>{b_html}</div></div>
<h2>Measures</h2>{measures}
<h2>Figures</h2>{figures}"""
    return page(f"对读 {c.a.title} ↔ {c.b.title}", body)
