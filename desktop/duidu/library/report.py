"""A self-contained HTML report of a comparison (``duidu compare A B --html FILE``).

Both texts side by side, shared passages marked in each (verbatim and fuzzy told apart with
the Okabe–Ito colour-blind-safe palette, each linked to its counterpart), page furniture
dimmed, then the measures and differing figures. One file, no scripts, nothing remote.
"""

from __future__ import annotations

import html
from datetime import date

from duidu import __version__
from duidu.engine.compare import Comparison
from duidu.engine.document import EngineDocument

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans CJK TC","Source Han Sans",sans-serif;margin:2em;color:#222;line-height:1.7}
h1{font-size:1.4em} table{border-collapse:collapse;margin:1em 0} td,th{border:1px solid #ccc;padding:.2em .6em;vertical-align:top}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:2em} .doc p{margin:.4em 0}
mark{padding:0 .1em;border-radius:2px;color:inherit} mark.verbatim{background:#cfe5f5;border-bottom:2px solid #0072B2}
mark.fuzzy{background:#fbe6c2;border-bottom:2px dashed #E69F00} .furniture{color:#999}
.meta{color:#555} .differs{color:#D55E00;font-weight:bold}
@media (prefers-color-scheme: dark){body{background:#1e1e1e;color:#ddd} mark.verbatim{background:#0b3a5c} mark.fuzzy{background:#5c430b} .furniture{color:#777}}
"""


def _doc_html(doc: EngineDocument, marks: list[tuple[int, int, str]], side: str) -> str:
    """Paragraphs of ``doc`` with passage ``(start, end, kind)`` marks, furniture dimmed.

    The first piece of passage n carries the id ``{side}{n}`` and every piece links to the
    counterpart's id on the other side.
    """
    other = "b" if side == "a" else "a"
    furniture = [(e.start, e.end) for e in doc.excluded]
    out = []
    for p in doc.paragraphs:
        cuts = {p.start, p.end}
        for s, e, _ in marks:
            cuts.update(x for x in (s, e) if p.start < x < p.end)
        pieces = []
        edges = sorted(cuts)
        for lo, hi in zip(edges, edges[1:]):
            piece = html.escape(doc.text[lo:hi])
            n = next((k for k, (s, e, _) in enumerate(marks) if s <= lo and hi <= e), None)
            if n is not None:
                anchor = f' id="{side}{n}"' if lo == marks[n][0] else ""
                piece = f'<mark class="{marks[n][2]}"{anchor}><a href="#{other}{n}">{piece}</a></mark>'
            pieces.append(piece)
        dim = any(s <= p.start and p.end <= e for s, e in furniture)
        out.append(f'<p{" class=furniture" if dim else ""}>{"".join(pieces)}</p>')
    return "\n".join(out)


def comparison_html(c: Comparison, *, boilerplate: bool = False) -> str:
    shown = c.shown(boilerplate)
    a_html = _doc_html(c.a, [(p.a_start, p.a_end, p.kind) for p in shown], "a")
    b_html = _doc_html(c.b, [(p.b_start, p.b_end, p.kind) for p in shown], "b")
    e = html.escape
    sim = c.similarity
    measures = "".join(
        f"<tr><td>{e(m.category)}</td><td>{e(m.name)}</td><td>{len(m.mentions.get(c.a.id, ()))}</td><td>{len(m.mentions.get(c.b.id, ()))}</td></tr>"
        for m in c.measures
    )
    figures = "".join(
        f"<tr><td>{e(f.measure)}</td><td>{e(f.a_text)}</td><td>{e(f.b_text)}</td>"
        f"<td{' class=differs' if f.differs else ''}>{'differs' if f.differs else 'same'}</td></tr>"
        for f in c.figures
    )
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>对读 {e(c.a.title)} ↔ {e(c.b.title)}</title><style>{_CSS}</style></head>
<body>
<h1>{e(c.a.title)} ↔ {e(c.b.title)}</h1>
<p class="meta">A: {e(c.a.region or "—")}, {len(c.a.text)} 字 · B: {e(c.b.region or "—")}, {len(c.b.text)} 字 ·
Duidu {__version__}, {date.today().isoformat()}</p>
<p>Similarity {sim.score:.1%} · {sim.a_in_b:.1%} of A appears in B · {sim.b_in_a:.1%} of B appears in A ·
{len(shown)} shared passages ({sum(p.kind == "verbatim" for p in shown)} verbatim, {sum(p.kind == "fuzzy" for p in shown)} fuzzy){"" if boilerplate else f", {len(c.passages) - len(shown)} boilerplate hidden"}.
<mark class="verbatim">verbatim</mark> <mark class="fuzzy">fuzzy</mark></p>
<div class="pair"><div class="doc"><h2>A · {e(c.a.title)}</h2>{a_html}</div><div class="doc"><h2>B · {e(c.b.title)}</h2>{b_html}</div></div>
<h2>Measures</h2><table><tr><th>Category</th><th>Measure</th><th>A</th><th>B</th></tr>{measures}</table>
<h2>Figures</h2><table><tr><th>Measure</th><th>A</th><th>B</th><th></th></tr>{figures}</table>
</body></html>
"""
