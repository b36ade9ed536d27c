"""One function per ``duidu`` subcommand: parse nothing, print results, return the exit code."""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import asdict

from duidu.cli.output import columns as _columns, dump_json, elide as _elide, name_width, pad as _pad
from duidu.cli.output import open_library as _open
from duidu.cli.reuse import cmd_regions, cmd_reuse  # noqa: F401  (dispatched by name from main)
from duidu.library import backups
from duidu.library.errors import InputError


def cmd_import(args, parser: argparse.ArgumentParser) -> int:
    if args.revises:
        return _revise(args, parser)
    import os

    from duidu.library.batch import IMPORTED, import_paths

    if args.title and (len(args.paths) > 1 or os.path.isdir(args.paths[0])):
        parser.error("--title names one document: import one file at a time with it")
    meta = {"title": args.title, "region": args.region, "date": args.date, "source": args.source}
    interactive = not args.json and sys.stderr.isatty()

    def report(outcome) -> None:
        if interactive:
            sys.stderr.write("\r\033[K")  # the progress line gives way
        if args.json:
            return
        if not outcome.ok:
            print(f"duidu: {outcome.path}: {outcome.reason}", file=sys.stderr)
        elif outcome.status == IMPORTED:
            r, d = outcome.result, outcome.document
            print(f"imported {d.id}: {d.title} [{d.script}] — {r.encoding_note}; "
                  f"{r.pinyin_removed} pinyin readings removed; {r.excluded} furniture lines marked")
        else:
            print(outcome.line())

    def progress(fraction: float) -> None:
        if interactive and fraction < 1:
            sys.stderr.write(f"\r\033[Kimporting… {fraction:.0%}")
            sys.stderr.flush()

    with _open(args) as lib:
        summary = import_paths(lib, args.paths, recursive=args.recursive, encoding=args.encoding, metadata=meta,
                               progress=progress, on_outcome=report)
    if interactive:
        sys.stderr.write("\r\033[K")
    tried = [o for o in summary.outcomes if o.status != "skipped"]
    if args.json:
        dump_json([_outcome_json(o) for o in summary.outcomes])
    else:
        for o in summary.refused:
            if os.path.isdir(o.path):  # a folder with nothing to import (files were reported as done)
                print(f"duidu: {o.path}: {o.reason}", file=sys.stderr)
        if len(tried) > 1 or (summary.imported + summary.duplicates and any(os.path.isdir(p) for p in args.paths)):
            print(summary.line())  # the summary of a batch; its refusals again, all together
            for o in summary.refused:
                print(f"  refused {o.path}: {o.reason}")
    return 1 if summary.refused else 0


def _outcome_json(o) -> dict:
    if not o.ok:
        return {"path": o.path, "status": o.status, "error": o.reason}
    r = o.result
    return {"path": o.path, "status": o.status, "created": r.created, "encoding": r.encoding_note,
            "pinyin_removed": r.pinyin_removed, "excluded": r.excluded, "document": asdict(o.document)}


def _revise(args, parser) -> int:
    if len(args.paths) > 1:
        parser.error("--revises takes one PATH: the revised version of that document")
    if any((args.title, args.region, args.date, args.source)):
        parser.error("--revises keeps the document's title, region, date and source; leave out --title/--region/--date/--source")
    with _open(args) as lib:
        doc = lib.resolve(args.revises)
        report = lib.revise(doc.id, args.paths[0], encoding=args.encoding)
        doc = lib.document(doc.id)
    if args.json:
        dump_json({"document": asdict(doc), "exact": report.exact, "moved": report.moved, "fuzzy": report.fuzzy,
                   "orphaned": report.orphaned, "details": [asdict(d) for d in report.details]})
        return 0
    print(f"revised {doc.id}: {doc.title}")
    print(report.summary())
    for d in report.details:
        if d.outcome == "orphaned":
            print(f"  orphaned: note {d.annotation_id} 「{_short(d.quote)}」 (kept at {d.old_start}–{d.old_end})")
    return 0


def _short(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _code_paths(codes) -> dict[int, str]:
    """``group/name`` of every code (``codes`` in tree order: parents come first)."""
    paths: dict[int, str] = {}
    for c in codes:
        paths[c.id] = c.name if c.parent_id is None else f"{paths[c.parent_id]}/{c.name}"
    return paths


def cmd_notes(args, parser) -> int:
    if args.action != "list":
        from duidu.cli import exchange

        return getattr(exchange, f"notes_{args.action}")(args, parser)
    with _open(args) as lib:
        doc_id = lib.resolve(args.doc).id if args.doc else None
        code_id = lib.resolve_code(args.tag).id if args.tag else None
        found = lib.annotations(document_id=doc_id, code_id=code_id, annotator=args.annotator)
        paths = _code_paths(lib.codes())
    if args.json:
        dump_json([{**asdict(a), "codes": [paths[c] for c in a.code_ids]} for a in found])
        return 0
    for a in found:
        where = " ↔ ".join(f"{t.document_id}:{t.start}–{t.end}{' (orphaned)' if t.status == 'orphan' else ''}" for t in a.targets)
        quotes = " ↔ ".join(f"「{_short(t.quote)}」" for t in a.targets)
        tags = f"  [{', '.join(paths[c] for c in a.code_ids)}]" if a.code_ids else ""
        note = f"  {_short(a.note, 60)}" if a.note else ""
        print(f"{a.id:>4}  {where}  {quotes}{tags}{note}  — {a.annotator}")
    if not found:
        print("no notes", file=sys.stderr)
    return 0


def cmd_codebook(args, parser) -> int:
    if args.action != "list":
        from duidu.cli import exchange

        return getattr(exchange, f"codebook_{args.action}")(args, parser)
    with _open(args) as lib:
        codes = lib.codes()
    paths = _code_paths(codes)
    if args.json:
        dump_json([{**asdict(c), "path": paths[c.id]} for c in codes])
        return 0
    depths: dict[int, int] = {}
    for c in codes:
        depth = depths[c.id] = 0 if c.parent_id is None else depths[c.parent_id] + 1
        print(f"{c.id:>4}  {c.color}  {'  ' * depth}{_pad(c.name, 22 - 2 * depth)}{c.description}")
    if not codes:
        print("the codebook is empty", file=sys.stderr)
    return 0


def cmd_library(args, parser) -> int:
    """``library restore`` and ``library backups``: they work on the file, without opening it as a
    library (a damaged one could not be); a restored library is then opened, to rebuild what it lacks."""
    from pathlib import Path

    from duidu.library.location import library_path

    path = library_path(args.library)
    if args.action == "backups":
        found = backups.backups(path)
        if not found:
            print(f"no backups of {path} (they are kept in {backups.folder(path)})")
        for b in found:
            print(f"{b}  {'ok' if backups.check_file(b) == 'ok' else 'fails the check'}")
        return 0
    restored, kept = backups.restore(path, Path(args.backup) if args.backup else None)
    print(f"restored {path} from {restored}" + (f"; the library as it was is kept as {kept}" if kept else ""))
    # A backup leaves out what the texts give again: made here, said, rather than in silence by
    # whatever opens the library next (14 s for 27 documents on a busy machine).
    print("making its search index, key forms and measures again from the texts…", file=sys.stderr, flush=True)
    _open(args).close()
    return 0


def cmd_list(args, parser) -> int:
    with _open(args) as lib:
        docs = lib.documents()
    if args.json:
        dump_json([asdict(d) for d in docs])
        return 0
    _print_table(docs)
    return 0


# duidu list: (header, field, least columns). Title and issuer share what the terminal leaves.
_LIST_COLUMNS = (("id", "id", 4), ("title", "title", 16), ("issuer", "issuing_body", 10), ("number", "doc_number", 8),
                 ("date", "date", 10), ("region", "region", 8), ("字", "length", 6))
_SHARED = {"title": 3, "issuing_body": 2}  # how the room left is shared out


def _print_table(docs) -> None:
    """One document a line, in columns; whole in a pipe, cut with "…" to fit a terminal."""
    from duidu.text.chars import one_line_text

    def cell(d, name: str) -> str:
        value = getattr(d, name)
        return "—" if value in (None, "") else one_line_text(str(value))  # a stored newline or escape shown as a space

    rows = [[cell(d, name) for _, name, _ in _LIST_COLUMNS] for d in docs]
    widths = [max([_columns(h)] + [_columns(r[i]) for r in rows]) for i, (h, _, _) in enumerate(_LIST_COLUMNS)]
    terminal = shutil.get_terminal_size((0, 0)).columns  # 0: a pipe or a file
    room = terminal - 2 * (len(widths) - 1)
    if terminal and sum(widths) > room:
        fixed = sum(w for w, (_, n, _) in zip(widths, _LIST_COLUMNS) if n not in _SHARED)
        left = max(room - fixed, sum(least for _, n, least in _LIST_COLUMNS if n in _SHARED))
        total = sum(_SHARED.values())
        shared = [i for i, (_, name, _) in enumerate(_LIST_COLUMNS) if name in _SHARED]
        natural = list(widths)
        for i in shared:
            _, name, least = _LIST_COLUMNS[i]
            widths[i] = min(natural[i], max(least, left * _SHARED[name] // total))
        spare = left - sum(widths[i] for i in shared)  # what a short column leaves goes to the others
        for i in shared:
            more = max(0, min(spare, natural[i] - widths[i]))
            widths[i] += more
            spare -= more
    right = {"id", "length"}
    print("  ".join(_pad(h, w) for (h, _, _), w in zip(_LIST_COLUMNS, widths)).rstrip())
    for r in rows:
        cells = []
        for (_, name, _), w, value in zip(_LIST_COLUMNS, widths, r):
            value = _elide(value, w)
            cells.append(" " * (w - _columns(value)) + value if name in right else _pad(value, w))
        print("  ".join(cells).rstrip())


def cmd_edit(args, parser) -> int:
    fields = {"title": args.title, "issuing_body": args.issuer, "doc_number": args.number, "date": args.date,
              "region": args.region, "addressees": args.addressees, "source": args.source}
    changes = {k: v for k, v in fields.items() if v is not None}
    if args.attachment is not None:
        changes["attachments"] = args.attachment
    names = {"issuer": "issuing_body", "number": "doc_number"}
    reset = [names.get(f, f) for f in args.reset]
    if not changes and not reset:
        parser.error("nothing to change: give --title, --issuer, --number, --date, --region, --addressees, "
                     "--attachment, --source or --reset FIELD")
    with _open(args) as lib:
        doc = lib.update_metadata(lib.resolve(args.doc).id, **changes, reset=reset)
    if args.json:
        dump_json(asdict(doc))
        return 0
    print(f"{doc.id}: {doc.title}")
    for label, value in (("issuer", doc.issuing_body), ("number", doc.doc_number), ("date", doc.date),
                         ("region", doc.region), ("addressees", doc.addressees),
                         ("attachments", "；".join(doc.attachments)), ("source", doc.source)):
        print(f"  {label}: {value or '—'}")
    return 0


def cmd_show(args, parser) -> int:
    with _open(args) as lib:
        doc = lib.resolve(args.doc)
        body = lib.text(doc.id)
        view = lib.view(doc.id, args.script)
    if not args.json:
        sys.stdout.write(view.text)
        if not view.text.endswith("\n"):
            sys.stdout.write("\n")
        return 0
    out = {
        "id": doc.id,
        "title": doc.title,
        "region": doc.region,
        "region_code": doc.region_code,
        "date": doc.date,  # the date written (成文日期)
        "issuing_body": doc.issuing_body,
        "doc_number": doc.doc_number,
        "addressees": doc.addressees,
        "attachments": list(doc.attachments),
        "source": doc.source,
        "script": doc.script,
        "script_confidence": doc.script_confidence,
        "text": body.text,
        "paragraphs": [[p.start, p.end] for p in body.paragraphs],
        "sentences": [[s.start, s.end] for s in body.sentences],
        "excluded": [{"start": e.start, "end": e.end, "reason": e.reason} for e in body.excluded],
    }
    if args.script != "original":
        out["view"] = {
            "script": view.script,
            "config": view.config,
            "text": view.text,
            "paragraphs": [list(view.map.to_dst_span(p.start, p.end)) for p in body.paragraphs],
        }
    dump_json(out)
    return 0


def cmd_convert(args, parser) -> int:
    from duidu.text.script import CONFIGS, convert

    if args.config not in CONFIGS:
        parser.error(f"unknown --config {args.config!r} (choose from {', '.join(CONFIGS)})")
    from duidu.library.charsets import decode_bytes
    from duidu.library.input_files import read_bounded, read_stream, require_regular_file
    from duidu.library.readers import MAX_BYTES

    if args.file == "-":  # a pipe is what standard input is for; still read to a limit
        data, source = read_stream(sys.stdin.buffer, "<stdin>", MAX_BYTES), "<stdin>"
    else:
        source = args.file
        require_regular_file(source)  # a FIFO would block, /dev/zero never end
        data = read_bounded(source, MAX_BYTES)
    text, _ = decode_bytes(data, source)
    sys.stdout.write(convert(text, args.config).text)
    return 0


def cmd_search(args, parser) -> int:
    with _open(args) as lib:
        doc_id = lib.resolve(args.doc).id if args.doc else None
        hits = lib.search(args.query, document_id=doc_id, limit=args.limit)
    if args.json:
        dump_json([asdict(h) for h in hits])
        return 0
    for h in hits:
        print(f"{h.document_id:>4} ¶{h.paragraph + 1:<3} {h.title[:24]}  …{h.before}【{h.match}】{h.after}…")
    if not hits:
        print(f"no matches for {args.query!r}", file=sys.stderr)
    return 0


def cmd_compare(args, parser) -> int:
    options = {"min_length": args.min_length} if args.min_length else {}
    with _open(args) as lib:
        a, b = lib.resolve(args.a), lib.resolve(args.b)
        comparison = lib.compare(a.id, b.id, **options)
    if args.html:
        from duidu.library.report import comparison_html

        from duidu.library.output_file import write_whole

        write_whole(args.html, comparison_html(comparison, boilerplate=args.boilerplate).encode("utf-8"))
    if args.json:
        dump_json(comparison.to_json(boilerplate=args.boilerplate))
    elif args.html:  # as `duidu report` does: a word that the file is there
        print(f"wrote {args.html}: {len(comparison.shown(args.boilerplate))} shared passages")
    else:
        s = comparison.similarity
        shown = comparison.shown(args.boilerplate)
        print(f"A {a.id}: {a.title}\nB {b.id}: {b.title}")
        print(f"similarity {s.score:.1%}; A in B {s.a_in_b:.1%}; B in A {s.b_in_a:.1%}; "
              f"{len(shown)} shared passages, {len(comparison.passages) - len(shown)} boilerplate hidden")
        for p in shown:
            print(f"  [{p.kind} {p.similarity:.2f}] {p.a_text}  ↔  {p.b_text}")
        shared = [m for m in comparison.measures if m.mentions.get(a.id) and m.mentions.get(b.id)]
        if shared:
            print("shared measures: " + "、".join(m.name for m in shared))
        for f in comparison.figures:
            print(f"  figure {f.measure}: {f.a_text} / {f.b_text}{'  ← differs' if f.differs else ''}")
    return 0


def cmd_matrix(args, parser) -> int:
    with _open(args) as lib:
        docs = [lib.resolve(d) for d in args.docs] if args.docs else lib.documents()
        if len(docs) < 2:
            parser.error("matrix needs at least two documents")
        table = lib.similarity_matrix([d.id for d in docs])
    if args.json:
        dump_json({
            "documents": [{"id": d.id, "title": d.title, "region": d.region} for d in docs],
            "pairs": [{"a": a, "b": b, "similarity": s.score, "a_in_b": s.a_in_b, "b_in_a": s.b_in_a} for (a, b), s in table.items()],
        })
        return 0
    ids = [d.id for d in docs]
    print("similarity (containment of row in column)")
    print("      " + "".join(f"{i:>8}" for i in ids))
    for a in ids:
        cells = []
        for b in ids:
            if a == b:
                cells.append(f"{'—':>8}")
                continue
            s = table[(a, b)] if (a, b) in table else table[(b, a)]
            share = s.a_in_b if (a, b) in table else s.b_in_a
            cells.append(f"{share:>8.1%}")
        print(f"{a:>6}" + "".join(cells))
    return 0


def cmd_measures(args, parser) -> int:
    from duidu.engine.measures import by_region
    from duidu.library.measure_stream import measure_counts, measure_spans

    # Counts, not every mention's span (memory that grew with the library, issue 15 part 5).
    with _open(args) as lib:
        docs = [lib.resolve(d) for d in args.docs] if args.docs else lib.documents()
        ids = [d.id for d in docs]
        rows = measure_counts(lib, ids)
        regions = by_region(rows, docs)  # ids and regions: no document's text held
        if args.json:  # written a measure at a time, its spans read back from a spill file
            _stream_json(
                {"documents": [{"id": d.id, "title": d.title, "region": d.region} for d in docs]},
                "measures",
                ({"name": r.name, "category": r.category, "instrument": r.instrument,
                  "documents": {str(i): [list(s) for s in found] for i, found in spans.items()},
                  "regions": regions.get(r.name, {})}
                 for r, spans in measure_spans(lib, rows, ids)))
            return 0
    # Names whole when they fit the terminal (always in a pipe or a file), else cut with "…":
    # the columns of counts stay in line either way.
    longest = max([_columns(r.name) for r in rows] + [7])
    width = name_width(longest, 2 + 5 * len(ids) + 3 + 4)  # indent, counts, gap, a short region
    print(_pad("measure", width + 2) + "".join(f"{i:>5}" for i in ids) + "   regions")
    category = None
    for r in rows:
        if r.category != category:
            category = r.category
            print(f"[{category}]")
        marks = "".join(f"{r.counts.get(i, 0) or '·':>5}" for i in ids)
        where = "、".join(f"{region}" for region in regions.get(r.name, {}))
        print("  " + _pad(_elide(r.name, width), width) + f"{marks}   {where}")
    return 0


def _stream_json(head: dict, key: str, items) -> None:
    """``dump_json({**head, key: list(items)})`` byte for byte, writing each item as it comes."""
    import json

    def dumps(value, depth: int) -> str:  # a JSON string holds no raw newline: indenting lines is exact
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)

    opening = dumps({**head, key: []}, 0)
    sys.stdout.write(opening[: opening.rindex("[]")] + "[")
    empty = True
    for item in items:
        sys.stdout.write(("\n    " if empty else ",\n    ") + dumps(item, 2))
        empty = False
    sys.stdout.write("]\n}\n" if empty else "\n  ]\n}\n")


def cmd_figures(args, parser) -> int:
    from duidu.engine.indicators import extract_indicators, indicator_named, indicator_table, region_named, report_year

    wanted = None
    if args.indicator:
        wanted = indicator_named(args.indicator)
        if wanted is None:
            from duidu.engine.indicators import indicators

            parser.error(f"no indicator {args.indicator!r}; known: " + "、".join(i.name for i in indicators()))
    with _open(args) as lib:
        docs = [lib.resolve(d) for d in args.docs] if args.docs else lib.documents()
        found = {}
        for d in docs:
            doc = lib.engine_document(d.id)
            found[d.id] = [v for v in extract_indicators(doc, report_year(d.title, doc.text, d.date, d.file_name))
                           if wanted is None or v.indicator == wanted]
    meta = {d.id: d for d in docs}
    region = {d.id: d.region or region_named(d.title, d.file_name) for d in docs}
    table = indicator_table(found, [d.id for d in docs])
    if args.json:
        dump_json({"indicators": [
            {"name": t["name"], "unit": t["unit"], "values": [
                {"doc": i, "region": region[i], "value": v.value, "high": v.high, "qualifier": v.qualifier,
                 "period": v.period, "kind": v.kind, "text": v.text, "start": v.start, "end": v.end}
                for i, v in t["values"]]}
            for t in table]})
        return 0
    if not table:
        print("no indicator values found", file=sys.stderr)
    for t in table:
        print(f"{t['name']} ({t['unit']})")
        rows: dict[int, list] = {}
        for i, v in t["values"]:
            rows.setdefault(i, []).append(v)
        for i, vals in rows.items():
            label = region[i] or meta[i].title
            shown = "；".join(f"{v.period} {v.text}" + (f"（{v.qualifier}）" if v.qualifier not in v.text + "区间" else "")
                             for v in vals)
            print(f"  {i:>4}  {_pad(label[:10], 20)}{shown}")
    return 0


def cmd_similar(args, parser) -> int:
    from duidu.text.keyform import query_key

    if len(query_key(args.text)) < 2:
        parser.error("--text needs at least two characters that are not punctuation")
    with _open(args) as lib:
        doc_id = lib.resolve(args.doc).id if args.doc else None
        hits = lib.similar(args.text, document_id=doc_id, top=args.top)
    if args.json:
        dump_json({"results": [{"doc": h.document_id, "start": h.start, "end": h.end, "text": h.text, "score": h.score} for h in hits]})
        return 0
    for h in hits:
        print(f"{h.score:.2f}  {h.document_id:>4} {h.title[:20]}  {h.text}")
    if not hits:
        print("no similar passages", file=sys.stderr)
    return 0


def cmd_report(args, parser) -> int:
    from duidu.library.notes_export import save
    from duidu.library.pair_report import build_pair_report, pair_report_html

    with _open(args) as lib:
        a, b = lib.resolve(args.a), lib.resolve(args.b)
        report = build_pair_report(lib, a.id, b.id, script=args.script, boilerplate=args.boilerplate)
    if args.html:
        save(args.html, pair_report_html(report).encode("utf-8"))
    else:
        from duidu.ui.app import write_pdf  # Qt loads only for a PDF

        pages = write_pdf(pair_report_html(report, for_print=True), args.pdf, script=args.script)
    path = args.html or args.pdf
    notes = len(report.links) + len(report.notes_a) + len(report.notes_b)
    print(f"wrote {path}: {len(report.passages)} shared passages, {len(report.measures)} measures, "
          f"{len(report.figures)} figures, {notes} notes" + ("" if args.html else f"; {pages} pages"))
    return 0
