"""``duidu notes export|import|agreement`` and ``duidu codebook export|import``: notes and
codes in and out of the library, and how far annotators agree (the library does the work)."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

from duidu.cli.output import dump_json, open_library, pad
from duidu.library.errors import InputError

_EXTENSIONS = {".csv": "csv", ".md": "md", ".markdown": "md", ".json": "json", ".jsonld": "json", ".qdpx": "qdpx"}


def _doc_ids(lib, refs) -> list[int] | None:
    return [lib.resolve(r).id for r in refs] if refs else None


def notes_export(args, parser) -> int:
    fmt = args.format or _EXTENSIONS.get(Path(args.file).suffix.lower())
    if fmt is None:
        parser.error(f"cannot tell the format from {args.file!r}: add --format csv|md|json|qdpx")
    with open_library(args) as lib:
        result = lib.export_notes(args.file, fmt, document_ids=_doc_ids(lib, args.doc))
    print(result.summary())
    return 0


def notes_import(args, parser) -> int:
    suffix = Path(args.file).suffix.lower()
    if suffix in (".json", ".jsonld"):
        raise InputError(args.file, "importing W3C JSON is not supported; import a REFI-QDA project (.qdpx)")
    if suffix == ".qdc":
        raise InputError(args.file, "is a codebook: use `duidu codebook import`")
    with open_library(args) as lib:
        result = lib.import_qdpx(args.file)
    if args.json:
        dump_json(asdict(result))
    else:
        print(result.summary())
    return 0


def notes_agreement(args, parser) -> int:
    if len(set(args.annotators)) < 2:
        parser.error("agreement needs two or more different annotators")
    with open_library(args) as lib:
        rows = lib.agreement(args.annotators, document_ids=_doc_ids(lib, args.doc))
    if args.json:
        dump_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print("none of these annotators tagged anything on these documents", file=sys.stderr)
        return 0
    names = rows[0].annotators
    print(f"{len(names)} annotators, {rows[0].characters:,} characters compared; characters tagged by each at the right")
    print(pad("tag", 34) + f"{'kappa':>7}{'alpha':>7}{'αU':>7}  " + "  ".join(names))
    for r in rows:
        kappa = "—" if r.kappa is None else f"{r.kappa:.3f}"
        print(pad(r.code_name[:30], 34) + f"{kappa:>7}{r.alpha:>7.3f}{r.alpha_u:>7.3f}  "
              + "  ".join(f"{m:>{len(n)}}" for n, m in zip(names, r.marked)))
    return 0


def codebook_export(args, parser) -> int:
    with open_library(args) as lib:
        n = lib.export_codebook(args.file)
    print(f"wrote {n} codes to {args.file}")
    return 0


def codebook_import(args, parser) -> int:
    with open_library(args) as lib:
        result = lib.import_codebook(args.file)
    print(result.summary())
    return 0


def notes_recover(args, parser) -> int:
    """Notes that could not be saved (the library was gone, full or read-only) put back into the library."""
    from duidu.library import recovery
    from duidu.library.location import library_path

    kept = recovery.pending(library_path(args.library))
    if not kept:
        print(f"no kept notes for {library_path(args.library)} (they would be in {recovery.folder()})", file=sys.stderr)
        return 0
    if args.list:
        for k in kept:
            print(f"{k.path}  {k.record.get('failed_at', '')}  {k.summary}")
        return 0
    failed = 0
    with open_library(args) as lib:
        for k in kept:
            try:
                a = recovery.restore(lib, k)
            except InputError as exc:  # its passage is gone from this library: the file stays
                failed += 1
                print(f"duidu: {k.path}: {exc.reason}", file=sys.stderr)
                continue
            print(f"put back note {a.id}: {k.summary}")
    return 1 if failed else 0
