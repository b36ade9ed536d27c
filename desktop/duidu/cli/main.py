"""``duidu``: the command line, a thin face over the library (the GUI is the other face).

Exit codes: 0 success, 1 input error (one line naming the file and the reason), 2 usage.
Heavy modules are imported inside the commands so ``duidu --version`` starts cold in ms.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys

from duidu import __version__
from duidu.text.script import VIEW_SCRIPTS

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_MAX_COUNT = 1_000_000_000  # --limit, --top, --select …: past this a number is a typo
_MAX_ID = 2**63 - 1  # SQLite's largest row id
_DOC_ARGS = ("doc", "docs", "a", "b", "revises", "compare", "tag")  # ids, names or titles to resolve
_ONE_LINE_ARGS = ("title", "region", "source")  # stored as typed: one printable line


def _date(value: str) -> str:
    import datetime

    m = _DATE.match(value)
    try:
        if m is None:
            raise ValueError
        datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))  # 2024-13-45, 2024-02-30: no such day
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD, a day that exists)") from None
    return value


def _positive(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= _MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number from 1 to {_MAX_COUNT:,}")
    return int(value)


def _ref_problem(ref: str) -> str | None:
    """Why ``ref`` (a DOC or tag argument) cannot be an id, when it looks like one and is not."""
    text = ref.strip()
    if not text.isdigit():
        return None  # a name or a title
    if not text.isdecimal():  # ², ①: digits to Unicode, never an id
        return f"{ref!r} is not an id (ids are whole numbers written 0-9)"
    if int(text) > _MAX_ID:
        return f"{ref!r} is not an id (larger than any id, {_MAX_ID:,})"
    return None


def _check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Ids validated before anything opens the library (exit 2 with the usage line); one-line
    fields made one printable line (a newline or terminal escape in a title shows as a space)."""
    from duidu.text.chars import one_line_text

    for name in _DOC_ARGS:
        value = getattr(args, name, None)
        for ref in [value] if isinstance(value, str) else value or ():
            problem = _ref_problem(ref) if isinstance(ref, str) else None
            if problem:
                parser.error(f"argument {name.upper() if name != 'tag' else '--tag'}: {problem}")
    for name in _ONE_LINE_ARGS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, one_line_text(value))


def _nonempty(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="duidu", description="对读 Duidu: read Chinese policy documents against each other.")
    p.add_argument("--version", action="version", version=f"duidu {__version__}")
    p.add_argument("--library", metavar="PATH", type=_nonempty, help="library file (default: $DUIDU_LIBRARY, then the user-data folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    imp = sub.add_parser("import", help="import .txt .md .html .docx .pdf .doc .wps .ofd files")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders of them")
    imp.add_argument("--recursive", "-r", action="store_true", help="also import the folders inside a folder")
    imp.add_argument("--encoding", help="decode with this encoding instead of detecting it (e.g. gb18030, big5)")
    imp.add_argument("--title")
    imp.add_argument("--region")
    imp.add_argument("--date", type=_date)
    imp.add_argument("--source")
    imp.add_argument("--revises", metavar="DOC", type=_nonempty,
                     help="PATH is a revised version of DOC: replace its text, keep its id and metadata, find its notes again")
    imp.add_argument("--json", action="store_true", help="print the results as JSON")

    ls = sub.add_parser("list", help="list the library's documents")
    ls.add_argument("--json", action="store_true")

    ed = sub.add_parser("edit", help="correct a document's metadata (kept when the file is imported again)")
    ed.add_argument("doc", metavar="DOC", type=_nonempty, help="id, file name or unique title prefix")
    ed.add_argument("--title", type=_nonempty)
    ed.add_argument("--issuer", help="issuing body (发文机关); \"\" clears it")
    ed.add_argument("--number", help="document number (发文字号), e.g. 渝府办发〔2025〕42号")
    ed.add_argument("--date", help="date written (成文日期): YYYY, YYYY-MM or YYYY-MM-DD")
    ed.add_argument("--region", help="region, e.g. 广东省东莞市")
    ed.add_argument("--addressees", help="addressees (主送机关)")
    ed.add_argument("--attachment", action="append", metavar="NAME", help="an attachment listed (repeat for each)")
    ed.add_argument("--source")
    ed.add_argument("--reset", action="append", default=[], metavar="FIELD",
                    choices=("title", "issuer", "number", "date", "region", "addressees", "attachments"),
                    help="drop your correction: show what was read from the text again (repeatable)")
    ed.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="print a document, in any script")
    show.add_argument("doc", metavar="DOC", type=_nonempty, help="id, file name or unique title prefix")
    show.add_argument("--script", choices=VIEW_SCRIPTS, default="original")
    show.add_argument("--json", action="store_true")

    conv = sub.add_parser("convert", help="convert text with an OpenCC configuration")
    conv.add_argument("--config", required=True, help="s2t, t2s, s2tw, tw2s, s2hk, hk2s, s2twp, tw2sp, t2tw, t2hk")
    conv.add_argument("file", nargs="?", default="-", metavar="FILE", help="a file, or - for standard input")

    se = sub.add_parser("search", help="find words in the library, in any script")
    se.add_argument("query", type=_nonempty)
    se.add_argument("--doc", metavar="DOC", type=_nonempty, help="only this document")
    se.add_argument("--limit", type=_positive, default=100)
    se.add_argument("--json", action="store_true")

    cmp_ = sub.add_parser("compare", help="shared passages, alignment, measures and figures of two documents")
    cmp_.add_argument("a", metavar="A", type=_nonempty)
    cmp_.add_argument("b", metavar="B", type=_nonempty)
    cmp_.add_argument("--json", action="store_true", help="print the comparison as JSON (the contract in the README)")
    cmp_.add_argument("--html", metavar="FILE", help="write a self-contained side-by-side report")
    cmp_.add_argument("--boilerplate", action="store_true", help="also show passages of stock phrasing")
    cmp_.add_argument("--min-length", type=_positive, help="least key characters of a passage (default 8)")

    rep = sub.add_parser("report", help="a comparison report of two documents, as HTML or PDF")
    rep.add_argument("a", metavar="A", type=_nonempty)
    rep.add_argument("b", metavar="B", type=_nonempty)
    out = rep.add_mutually_exclusive_group(required=True)
    out.add_argument("--html", metavar="FILE", help="write a self-contained HTML page")
    out.add_argument("--pdf", metavar="FILE", help="write an A4 PDF (Chinese fonts embedded)")
    rep.add_argument("--script", choices=VIEW_SCRIPTS, default="original", help="show the texts in this script")
    rep.add_argument("--boilerplate", action="store_true", help="also list passages of stock phrasing")

    mx = sub.add_parser("matrix", help="similarity and containment between documents")
    mx.add_argument("docs", nargs="*", metavar="DOC", type=_nonempty, help="documents (default: the whole library)")
    mx.add_argument("--json", action="store_true")

    ms = sub.add_parser("measures", help="policy measures × documents (and regions)")
    ms.add_argument("docs", nargs="*", metavar="DOC", type=_nonempty, help="documents (default: the whole library)")
    ms.add_argument("--json", action="store_true")

    fg = sub.add_parser("figures", help="each document's value of each indicator (GDP growth, CPI, jobs …): targets and results")
    fg.add_argument("docs", nargs="*", metavar="DOC", type=_nonempty, help="documents (default: the whole library)")
    fg.add_argument("--indicator", metavar="NAME", type=_nonempty, help="only this indicator (a name or an alias: GDP, CPI …)")
    fg.add_argument("--json", action="store_true")

    from duidu.cli.reuse import add_selection  # light: the commands import the library when run

    ru = sub.add_parser("reuse", help="where shared text came from: families of shared passages and who took whose wording")
    ru.add_argument("docs", nargs="*", metavar="DOC", type=_nonempty, help="documents (default: those the filters choose, else all)")
    add_selection(ru)
    ru.add_argument("--top", type=_positive, default=10, help="edges and families to print (not with --json)")
    ru.add_argument("--json", action="store_true", help="families and edges as JSON (the contract in the README)")
    from duidu.cli.spark_reuse import add_options as add_spark_options  # light: pyspark only when --engine spark runs

    add_spark_options(ru)

    rg = sub.add_parser("regions", help="policy measures × regions, with the evidence")
    rg.add_argument("docs", nargs="*", metavar="DOC", type=_nonempty, help="documents (default: those the filters choose, else all)")
    add_selection(rg)
    rg.add_argument("--order", choices=("code", "name", "shared"), default="code",
                    help="columns by administrative code, by name, or by how many measures they state")
    rg.add_argument("--sort", choices=("category", "spread"), default="category", help="rows by category, or by spread")
    rg.add_argument("--min-regions", type=_positive, metavar="K", help="only measures stated in at least K regions")
    rg.add_argument("--missing-from", metavar="REGION",
                    help="only measures this region does not state (its name or GB/T 2260 code, or their beginning)")
    rg.add_argument("--top", type=_positive, help="print only the first N measures")
    rg.add_argument("--evidence", action="store_true", help="print each mention in its context")
    rg.add_argument("--json", action="store_true")

    sim = sub.add_parser("similar", help="passages of the library most like a given passage")
    sim.add_argument("--text", required=True, type=_nonempty, help="the passage, in either script")
    sim.add_argument("--doc", metavar="DOC", type=_nonempty, help="only this document")
    sim.add_argument("--top", type=_positive, default=10)
    sim.add_argument("--json", action="store_true")

    notes = sub.add_parser("notes", help="notes on passages")
    notes_sub = notes.add_subparsers(dest="action", metavar="ACTION", required=True)
    nl = notes_sub.add_parser("list", help="list notes, in document order")
    nl.add_argument("--doc", metavar="DOC", type=_nonempty, help="only notes on this document")
    nl.add_argument("--tag", metavar="NAME", type=_nonempty, help="only notes tagged with this code or one under it (name, group/name or id)")
    nl.add_argument("--annotator", metavar="NAME", type=_nonempty, help="only this annotator's notes")
    nl.add_argument("--json", action="store_true")

    nx = notes_sub.add_parser("export", help="write notes to CSV, Markdown, W3C JSON or a REFI-QDA project (.qdpx)")
    nx.add_argument("file", metavar="FILE")
    nx.add_argument("--format", choices=("csv", "md", "json", "qdpx"), help="default: from FILE's extension")
    nx.add_argument("--doc", metavar="DOC", nargs="+", action="extend", type=_nonempty,
                    help="only notes on these documents (a comparison note brings its other document along)")
    ni = notes_sub.add_parser("import", help="import a REFI-QDA project (.qdpx): documents, codes and notes")
    ni.add_argument("file", metavar="FILE")
    ni.add_argument("--json", action="store_true")
    nr = notes_sub.add_parser("recover", help="put back notes that could not be saved (the library was gone, full or read-only)")
    nr.add_argument("--list", action="store_true", help="only list the kept notes")
    na = notes_sub.add_parser("agreement", help="inter-annotator agreement per tag (Cohen's kappa, Krippendorff's alpha)")
    na.add_argument("annotators", nargs="+", metavar="ANNOTATOR", type=_nonempty, help="two or more annotators")
    na.add_argument("--doc", metavar="DOC", nargs="+", action="extend", type=_nonempty,
                    help="compare on these documents (default: those every annotator has notes on)")
    na.add_argument("--json", action="store_true")

    cb = sub.add_parser("codebook", help="the codes notes are tagged with")
    cb_sub = cb.add_subparsers(dest="action", metavar="ACTION", required=True)
    cl = cb_sub.add_parser("list", help="list the codes as a tree")
    cl.add_argument("--json", action="store_true")
    cx = cb_sub.add_parser("export", help="write the codebook as a REFI-QDA codebook (.qdc)")
    cx.add_argument("file", metavar="FILE")
    ci = cb_sub.add_parser("import", help="merge a REFI-QDA codebook (.qdc) into the codebook")
    ci.add_argument("file", metavar="FILE")

    lb = sub.add_parser("library", help="the library file itself: its backups")
    lb_sub = lb.add_subparsers(dest="action", metavar="ACTION", required=True)
    lr = lb_sub.add_parser("restore", help="put a backup in the library's place (the library as it was is kept beside it)")
    lr.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup's file name or path (default: the newest that passes the check)")
    lb_sub.add_parser("backups", help="list the library's backups, newest last, with whether each passes the check")

    gui = sub.add_parser("gui", help="start the desktop app (the default)")
    gui.add_argument("files", nargs="*", metavar="FILE", help="documents to import on opening (a file manager's Open with)")
    gui.add_argument("--compare", nargs=2, metavar=("A", "B"), type=_nonempty, help="open these two documents side by side")
    gui.add_argument("--script", choices=VIEW_SCRIPTS, help="show both panes in this script")
    gui.add_argument("--select", type=_positive, metavar="N", help="focus the N-th shared passage (1 = the first)")
    gui.add_argument("--language", choices=("zh_CN", "zh_TW", "en"), help="interface language (default: preferences, else the system's)")
    gui.add_argument("--regions", nargs="+", metavar="DOC", type=_nonempty, help="open the region view over these documents (measures × regions, targets, reuse)")
    gui.add_argument("--regions-tab", choices=("measures", "targets", "network", "all"),
                     help="with --regions: the tab shown (default measures); with --screenshot, 'all' writes FILE.png "
                          "(measures) and FILE-targets.png, FILE-network.png beside it (the network tab waits until "
                          "the reuse network is complete)")
    gui.add_argument("--screenshot", metavar="FILE.png", help="render the window offscreen at 1600×1000 to a PNG and exit")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_arguments(parser, args)
    from duidu.library.errors import InputError

    try:
        if args.command in (None, "gui"):
            from duidu.ui.app import run

            if getattr(args, "regions_tab", None) and not args.regions:
                parser.error("--regions-tab needs --regions DOC...")
            return run(library_path=args.library, screenshot=getattr(args, "screenshot", None),
                       compare=getattr(args, "compare", None), script=getattr(args, "script", None),
                       select=getattr(args, "select", None), language=getattr(args, "language", None),
                       files=getattr(args, "files", None) or (), regions=getattr(args, "regions", None),
                       regions_tab=getattr(args, "regions_tab", None))
        from duidu.cli import commands
        from duidu.library import transactions

        transactions.on_every_wait(_say_waiting)
        return getattr(commands, f"cmd_{args.command}")(args, parser)
    except InputError as exc:
        print(f"duidu: {exc}", file=sys.stderr)
        return 1
    except sqlite3.OperationalError as exc:  # after opening: locked by another writer, disk full…
        from duidu.library.errors import database_reason
        from duidu.library.location import library_path

        print(f"duidu: {library_path(args.library)}: {database_reason(exc)}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:  # a page found damaged after opening: stop, and name the way back
        from duidu.library.backups import damaged
        from duidu.library.location import library_path

        path = library_path(args.library)
        damage = type(exc) is sqlite3.DatabaseError  # SQLite's "malformed" / "not a database"; not a constraint
        print(f"duidu: {damaged(path, str(exc)) if damage else f'{path}: library error: {exc}'}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `duidu show … | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # any file the command writes or reads that no reader checked first
        where = exc.filename if exc.filename is not None else "duidu"
        print(f"duidu: {where}: {(exc.strerror or str(exc)).lower()}", file=sys.stderr)
        return 1


_waited: set = set()


def _say_waiting(path, seconds: float) -> None:
    """Another Duidu holds the write lock: said once, then the command waits its turn."""
    if path not in _waited:
        _waited.add(path)
        print(f"duidu: {path}: waiting for another Duidu to finish writing to the library…", file=sys.stderr, flush=True)
