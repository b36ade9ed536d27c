"""`make bench` (formats part): a 100-page text PDF imported, beside pdftotext on the same file.

The PDF is made here from the real official documents in ``tests/data/formats`` (p03, p01,
p07: a red-header notice, a notice with its 解读, forms and notes), their pages repeated in
turn until there are 100 (PDFium's page import; no text is invented). It is then

* read by Duidu's PDF reader alone (characters, lines, tables, paragraphs, furniture),
* imported into a new library (reading + cleaning + analysis + writing: what ``duidu
  import`` does), the target: ≤ 3 s,
* and converted by ``pdftotext`` (poppler-utils), the baseline, in the same run.

    .venv/bin/python benchmarks/formats.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from duidu.library.formats import pdf
from duidu.library.store import Library

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "formats"
SOURCES = ("p03_mingxi_xzf_2022-06.pdf", "p01_dongguan_gjjwh_2023-02.pdf", "p07_changle_rencai_goufang_xize.pdf")
PAGES = 100
RUNS = 3
TARGET_S = 3.0


def make_pdf(out: Path) -> int:
    """``PAGES`` pages taken in turn from the source PDFs; returns the page count."""
    doc = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(DATA / name) for name in SOURCES]
    while len(doc) < PAGES:
        for src in sources:
            take = min(len(src), PAGES - len(doc))
            if take:
                doc.import_pages(src, list(range(take)))
    doc.save(out)
    return len(doc)


def median_time(action) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "hundred_pages.pdf"
        pages = make_pdf(path)
        data = path.read_bytes()
        read_s, found = median_time(lambda: pdf.read(data))

        counter = iter(range(RUNS))

        def import_once():
            with Library.open(tmp / f"lib{next(counter)}.sqlite", seed=False) as lib:
                return lib.import_file(path)

        import_s, result = median_time(import_once)
        pdftotext = shutil.which("pdftotext")
        if pdftotext:
            base_s, _ = median_time(lambda: subprocess.run([pdftotext, "-q", str(path), str(tmp / "out.txt")],
                                                           check=True))
            base = f"baseline pdftotext (poppler-utils): {base_s:.2f} s, ratio {import_s / base_s:.1f}×"
        else:
            base = "baseline pdftotext: not installed (apt-get install poppler-utils), not measured"
    body = [p for p in found.paragraphs if not p.furniture]
    furniture = len(found.paragraphs) - len(body)
    ok = import_s <= TARGET_S
    print(f"Formats benchmark: median of {RUNS} runs, Python {sys.version.split()[0]}, "
          f"{pages}-page PDF ({len(data) / 1e6:.1f} MB, {sum(len(p.text) for p in body):,} characters)")
    print(f"  read (PDFium + layout): {read_s:6.2f} s  -> {len(body)} paragraphs, {furniture} furniture lines marked")
    print(f"  import into a library : {import_s:6.2f} s  target ≤ {TARGET_S:.0f} s  {'ok' if ok else 'OVER'}   {base}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
