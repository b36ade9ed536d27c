"""``duidu reuse`` and ``duidu regions``: many documents at once, on the command line.

Both select documents the same way (ids, else filters, else the whole library) and show a
progress bar on stderr when it is a terminal; Ctrl-C stops the work and says so.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager

from duidu.cli.output import columns, dump_json, elide, name_width, open_library, pad

BAR = 24  # characters of the progress bar


def add_selection(p: argparse.ArgumentParser) -> None:
    """The options that choose documents when none are named."""
    p.add_argument("--region", action="append", default=[], metavar="REGION",
                   help="only documents of this region, by name or GB/T 2260 code, or their beginning (repeatable)")
    p.add_argument("--kind", metavar="KIND", help="only documents of this kind")
    p.add_argument("--year", metavar="YYYY", help="only documents dated in this year (or YYYY-MM)")
    p.add_argument("--no-seeds", dest="seeds", action="store_false", help="leave out the sample documents")


def _selected(lib, args) -> list[int]:
    from duidu.library.reuse import Selection, select

    return select(lib, Selection(tuple(lib.resolve(d).id for d in args.docs), tuple(args.region), args.kind,
                                 args.year, args.seeds))


@contextmanager
def _progress_bar(label: str, enabled: bool):
    """A progress callback drawing ``label [####----] 40%`` on stderr (nothing when not enabled)."""
    shown = [-1]

    def progress(fraction: float) -> None:
        percent = int(fraction * 100)
        if enabled and percent != shown[0]:
            shown[0] = percent
            filled = int(fraction * BAR)
            sys.stderr.write(f"\r\033[K{label} [{'#' * filled}{'-' * (BAR - filled)}] {percent}%")
            sys.stderr.flush()

    try:
        yield progress
    finally:
        if enabled and shown[0] >= 0:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _cancelled(what: str) -> int:
    print(f"duidu: {what} cancelled; nothing was written", file=sys.stderr)
    return 130


def cmd_reuse(args, parser) -> int:
    from duidu.cli import spark_reuse
    from duidu.library.reuse import reuse

    if spark_reuse.wanted(args):  # --engine spark, or reuse import DIR
        return spark_reuse.cmd(args, parser)
    with open_library(args) as lib:
        ids = _selected(lib, args)
        if len(ids) < 2:
            parser.error("reuse needs at least two documents")
        try:
            with _progress_bar("reuse: aligning", sys.stderr.isatty()) as progress:
                result = reuse(lib, ids, progress=progress)
        except KeyboardInterrupt:
            return _cancelled("reuse")
        docs = {i: lib.document(i) for i in ids}
    if args.json:
        dump_json({**result.to_json(),
                   "documents": [{"id": d.id, "title": d.title, "region": d.region, "date": d.date} for d in docs.values()],
                   "pairs_considered": result.pairs_considered, "pairs_possible": len(ids) * (len(ids) - 1) // 2})
        return 0
    n = len(ids)
    print(f"{n} documents: {result.pairs_considered} of {n * (n - 1) // 2} pairs aligned (candidates from shared "
          f"distinctive text), {len(result.families)} families, {len(result.edges)} edges")

    def name(i: int) -> str:
        d = docs[i]
        return f"{i} {elide(d.title, 30)} ({d.date or 'undated'})"

    print("\nstrongest reuse (informative characters shared; → from the earlier document to the later):")
    for e in result.edges[: args.top]:
        arrow = "→" if e.direction != "none" else "—"
        print(f"  {e.informative_chars:>8.1f}  {pad(name(e.source), 48)} {arrow} {name(e.target)}"
              f"   ({e.chars} chars, {e.passages} passages)")
    print("\nlargest families (the origin: the earliest dated copy):")
    for f in result.families[: args.top]:
        where = len({m.doc for m in f.members})
        origin = f"origin {name(f.origin)}" if f.origin is not None else "no single earliest copy"
        print(f"  {where} documents, {origin}: {elide(' '.join(f.text.split()), 60)}")
        for m in f.members:
            print(f"      {pad(name(m.doc), 48)} {m.start}–{m.end}  similarity {m.similarity:.2f}")
    return 0


def cmd_regions(args, parser) -> int:
    from duidu.library.regions import measure_matrix

    with open_library(args) as lib:
        ids = _selected(lib, args)
        if not ids:
            parser.error("regions needs at least one document")
        try:
            with _progress_bar("regions: reading measures", sys.stderr.isatty()) as progress:
                found = measure_matrix(lib, ids, order=args.order, context=15, progress=progress)
        except KeyboardInterrupt:
            return _cancelled("regions")
        matrix = found.matrix
        if args.min_regions:
            matrix = matrix.shared_by(args.min_regions)
        if args.missing_from:
            region = _region_among(matrix.regions, args.missing_from)
            if region is None:
                parser.error(f"--missing-from: no one region {args.missing_from!r} among the documents' "
                             f"({'、'.join(g.name for g in matrix.regions)})")
            matrix = matrix.missing_from(region)
        if args.sort == "spread":
            matrix = matrix.by_spread()
    if args.json:
        dump_json(matrix.to_json())
        return 0
    names = [g.name for g in matrix.regions]
    heads = [_short_region(n) for n in names]
    rows = matrix.rows[: args.top] if args.top else matrix.rows
    # Names whole in a pipe; on a terminal cut with "…" to what the region columns leave.
    width = name_width(max([columns(r.name) for r in rows] + [8]), 2 + 2 + 5 * len(heads) + 4)
    print(pad("measure", width + 4) + "".join(pad(h, 5) for h in heads) + " regions")
    category = None
    for r in rows:
        if r.category != category and args.sort != "spread":
            category = r.category
            print(f"[{category}]")
        marks = "".join(pad(str(r.cells[n].mentions) if n in r.cells else "·", 5) for n in names)
        print("  " + pad(elide(r.name, width), width) + "  " + marks + f" {r.spread}")  # a gap after the longest
        if args.evidence:
            for n in names:
                for e in found.cell(r, n):
                    print(f"      {n} {e.doc} {e.start}–{e.end}: …{' '.join((e.before + e.text + e.after).split())}…")
    return 0


def _region_among(regions, asked: str) -> str | None:
    """The column ``asked`` names, as ``--region`` takes it: its name or GB/T 2260 code, or the
    beginning of one when only one region has it (上海 → 上海市, 51 → 四川省)."""
    for g in regions:
        if asked in (g.name, g.code):
            return g.name
    found = [g.name for g in regions if g.name.startswith(asked) or (g.code or "").startswith(asked)]
    return found[0] if len(found) == 1 else None


def _short_region(name: str) -> str:
    """A column head of two characters: 内蒙古自治区 → 内蒙, 黑龙江省 → 黑龙, 全国 → 全国."""
    return name[:2]
