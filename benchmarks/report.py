"""`make bench` (report part): the PDF with table rows kept whole, against Qt's own pagination.

A synthetic passage table of 2,000 rows (1-5 lines of score, 5-27 and 3-19 four-character
words of text: a long comparison's report) is written to an A4 PDF twice in one process:
as Duidu writes it (rows kept whole, headings repeated; each split found from a layout) and
with the keep-together passes turned off (Qt cuts rows at a page's foot). The ratio is the
price of whole rows; the target is the absolute time.

    .venv/bin/python benchmarks/report.py
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import statistics
import sys
import tempfile
import time
from pathlib import Path

from duidu.ui import pdf

ROWS = 2000
RUNS = 3
TARGET_S = 10.0


def html() -> str:
    rows = "".join(f'<tr><td width="12%">{n}' + "<br>·" * (n % 5) + f"</td><td>{'共建共享' * (5 + n % 23)}</td>"
                   f"<td>{'协同发展' * (3 + n % 17)}</td></tr>" for n in range(ROWS))
    return (f'<html><body><h1>表</h1><table width="100%" border="1" cellpadding="4"><tr><th>#</th><th>A</th>'
            f"<th>B</th></tr>{rows}</table></body></html>")


def timed(page: str, out: Path) -> tuple[float, int]:
    times, pages = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        pages = pdf.write_pdf(page, out)
        times.append(time.perf_counter() - started)
    return statistics.median(times), pages


def main() -> int:
    pdf.ensure_application()
    page = html()
    with tempfile.TemporaryDirectory() as tmp:
        kept, kept_pages = timed(page, Path(tmp) / "kept.pdf")
        passes, pdf.KEEP_PASSES = pdf.KEEP_PASSES, 0
        try:
            cut, cut_pages = timed(page, Path(tmp) / "cut.pdf")
        finally:
            pdf.KEEP_PASSES = passes
    ok = kept <= TARGET_S
    print(f"Report benchmark: median of {RUNS} runs, Python {sys.version.split()[0]}")
    print(f"PDF of a {ROWS}-row passage table, rows whole      {kept:6.2f} s  target ≤ {TARGET_S:.0f} s  "
          f"{'ok' if ok else 'OVER'}   baseline Qt's pagination (rows cut): {cut:.2f} s, ratio {kept / cut:.1f}×")
    print(f"  {kept_pages} pages with rows whole and headings repeated; {cut_pages} pages with rows cut")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
