"""Furniture quality on the real corpus: what is marked per file, and what looks wrong.

Reads ../shared/corpus (provinces-2026, national, govcn, formats/*) when it is there and
says so when it is not. For each file: furniture lines marked, body lines, and the suspicious
cases -- a body line at the page's head or tail that is short and has no punctuation (furniture
left in? or the title, dateline and speaker, which must stay) and a furniture
line with sentence punctuation longer than 40 characters (a document sentence marked?).
Decided twice: by the page's structure alone, and with the template pairs learnt from all the
files together (as a library holding them would).

    .venv/bin/python benchmarks/furniture.py [--show FILE-SUBSTRING] [--quiet]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from duidu.library.errors import InputError
from duidu.library.readers import read_source
from duidu.text.clean import clean
from duidu.library.formats import with_source_furniture
from duidu.text.furniture import classify, edge_keys, structure
from duidu.text.templates import MIN_DOCUMENTS

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FOLDERS = ("provinces-2026", "national", "govcn", "formats/shtml", "formats/pdf", "formats/doc", "formats/wps",
           "formats/ofd")
SUFFIXES = (".txt", ".html", ".shtml", ".htm", ".pdf", ".doc", ".wps", ".ofd")
SHORT_BODY = 12  # a body line this short without any punctuation is suspicious
_PUNCT = re.compile(r"[。！？!?；;，,：:、]")
_SENTENCE = re.compile(r"[。！？!?；;]")


def files() -> list[Path]:
    out = []
    for folder in FOLDERS:
        out += sorted(p for p in (CORPUS / folder).glob("*") if p.suffix in SUFFIXES)
    return out


def source_of(path: Path):
    if path.suffix == ".shtml":  # read as HTML whether or not the reader knows the extension yet
        import shutil
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            copy = Path(d) / (path.stem + ".html")
            shutil.copy(path, copy)
            return read_source(copy)
    return read_source(path)


def body_of(path: Path) -> str:
    return source_of(path).body


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", help="print every line of the files whose name contains this, with its mark")
    ap.add_argument("--quiet", action="store_true", help="totals and suspicious lines only")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"furniture: no corpus at {CORPUS}: nothing measured.")
        return 0
    docs = []
    for path in files():
        try:
            source = source_of(path)
        except InputError as exc:  # a scan, a font with no Unicode map: refused by the reader
            print(f"{path.parent.name}/{path.name}: refused ({exc})")
            continue
        c = clean(source.body)
        reader = len(with_source_furniture(c, source).excluded) - len(c.excluded)  # a PDF's page numbers …
        lines = [c.text[p.start : p.end] for p in c.paragraphs]
        docs.append((path, lines, edge_keys(c.text, c.paragraphs), reader))
    counts: Counter[str] = Counter()
    for _, _, keys, _ in docs:
        counts.update(keys)
    template = {k for k, n in counts.items() if n >= MIN_DOCUMENTS}
    print(f"corpus: {CORPUS} ({len(docs)} files); template pairs learnt: {len(template)}")
    print(f"{'file':42} {'furniture':>9} {'+template':>9} {'body':>5} {'reader':>6}  kinds")
    totals = Counter()
    suspicious = 0
    for path, lines, _, reader in docs:
        alone = classify(lines)
        _, head_end, tail_start = structure(lines)
        marks = classify(lines, template)
        name = path.parent.name + "/" + path.name
        kinds = Counter(m for m in marks if m)
        n_furn = sum(1 for m in marks if m)
        totals["furniture"] += n_furn
        totals["body"] += len(lines) - n_furn
        if not args.quiet:
            print(f"{name[:42]:42} {sum(1 for m in alone if m):9} {n_furn:9} {len(lines) - n_furn:5} {reader:6}  "
                  + " ".join(f"{k}:{v}" for k, v in sorted(kinds.items())))
        for i, (line, mark) in enumerate(zip(lines, marks)):
            flag = None
            edge = i < head_end or i >= tail_start
            if mark is None and edge and len(line) <= SHORT_BODY and not _PUNCT.search(line):
                flag = "body at the page's edge, short, no punctuation"
            elif mark is not None and len(line) > 40 and _SENTENCE.search(line):
                flag = f"{mark}, a sentence over 40 chars"
            if flag:
                suspicious += 1
                print(f"    ? {name[:30]}: [{flag}] {line[:70]}")
        if args.show and args.show in name:
            for line, mark in zip(lines, marks):
                print(f"      {mark or '':10} | {line[:90]}")
    print(f"total: {totals['furniture']} furniture lines, {totals['body']} body lines, {suspicious} suspicious")
    return 0


if __name__ == "__main__":
    sys.exit(main())
