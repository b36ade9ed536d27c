"""`make bench` (hostile part): work on hostile input grows linearly with its size (issue 16).

Each reader is given an input and the same input 10× and 100× larger, in one run; the time
ratios must stay within 15× and 150× (linear, with room for a busy machine). Cases:

* html: a page with N unclosed <nav>s, each holding a paragraph (was quadratic: 12.5k 3.7 s, 100k 192 s),
  and a page ending in N unterminated comments and tags (quadratic in html.parser's close())
* docx: word/document.xml of N formatted paragraphs, streamed
* paragraph: one paragraph without punctuation (the seeds' own words, punctuation removed),
  through segmentation with parts of speech and measure extraction (was super-linear)
* codebook: a codebook of N codes imported, then all merged into one (was quadratic)

Then absolute figures, each in a fresh process with its peak RSS (resource.getrusage):

* a .docx whose document.xml inflates to 250 MB (under the 256 MB cap): read whole, memory bound 1 GB
  (VmHWM from /proc, else resource.getrusage: see ``_peak_mb``)
* a text of 1.1M short paragraphs: refused before the analysis (was a traceback after 177 s)

    .venv/bin/python benchmarks/hostile.py          # exit 1 when a ratio or a bound is over target
"""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

RATIO_10, RATIO_100 = 15.0, 150.0
MEMORY_MB = 1024  # peak RSS of any single hostile read
BIG_XML_MB = 250
REFUSAL_S = 120.0  # 1.1M paragraphs: the refusal, not the work

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_PARA = ('<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="SimSun" w:eastAsia="SimSun"/>'
         '<w:sz w:val="32"/></w:rPr><w:t>{}</w:t></w:r></w:p>')


def _seconds(work, *args) -> float:
    start = time.process_time()
    work(*args)
    return time.process_time() - start


def _best(work, arg, runs: int) -> float:
    return min(_seconds(work, arg) for _ in range(runs))


# -- the cases: (name, make input of scale n, the work on it, base n) ------------------------------

def html_input(n: int) -> str:
    return "<html><body><p>四川省推进教育协同发展。</p>" + "<nav><p>导航</p>" * n + "</body><p>附件</p></html>"


def html_tail_input(n: int) -> str:
    return "<p>四川省推进教育协同发展。</p>" + "<!--<a " * n  # unfinished: html.parser's close() re-parsed it from each "<"


def html_work(page: str) -> None:
    from duidu.library.html_text import extract

    assert extract(page).text.endswith(("附件", "发展。"))


def docx_input(n: int) -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>' + "".join(
        _PARA.format(f"第{i}段教育协同发展") for i in range(n)) + "</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml)
    return out.getvalue()


def docx_work(data: bytes) -> None:
    from duidu.library.docx_text import extract

    assert extract(data).paragraphs


def _seed_words() -> str:
    from duidu.paths import seed_path

    text = "".join(seed_path(f).read_text(encoding="utf-8") for f in sorted(os.listdir(seed_path())) if f.endswith(".txt"))
    return re.sub(r"[^\u4e00-\u9fff]", "", text)  # the seeds' words, no punctuation, no line breaks


def paragraph_input(n: int) -> str:
    words = _seed_words()
    return (words * (n // len(words) + 1))[:n]


def paragraph_work(text: str) -> None:
    """What an import does with the text: measures (tagged words) and the similar-passage rows (words)."""
    from duidu.engine.document import EngineDocument
    from duidu.library.similar_index import rows

    rows(EngineDocument.from_text(1, text))


def codebook_input(n: int) -> str:
    codes = "".join(f'<Code guid="00000000-0000-4000-8000-{i:012d}" name="代码{i}" isCodable="true"/>' for i in range(n))
    return ('<?xml version="1.0" encoding="UTF-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
            f'<Code guid="00000000-0000-4000-9000-000000000000" name="组" isCodable="true">{codes}</Code></Codes></CodeBook>')


def codebook_work(xml: str) -> None:
    from duidu.library.store import Library

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "c.qdc")
        path.write_text(xml, encoding="utf-8")
        with Library.open(Path(folder, "l.sqlite"), seed=False, codebook="empty", backup=False) as lib:
            lib.import_codebook(path)
            group = next(c for c in lib.codes() if c.name == "组")
            lib.merge_codes(group.id, lib.add_code("别处").id)


CASES = (
    ("html: unclosed <nav>s", html_input, html_work, 12_500, "tags"),
    ("html: unterminated at the end", html_tail_input, html_work, 12_500, "constructs"),
    ("docx: paragraphs", docx_input, docx_work, 5_000, "paragraphs"),
    ("paragraph without punctuation", paragraph_input, paragraph_work, 5_000, "characters"),
    ("codebook: import + merge", codebook_input, codebook_work, 2_000, "codes"),
)


def linearity() -> bool:
    from duidu.text.segment import warm_up

    warm_up(pos=True)  # loading jieba is not the work measured
    ok = True
    for name, make, work, n, unit in CASES:
        work(make(n // 10))  # warm caches (lexicon, regexes) on a small input first
        # Best of several: the first run at a size also pays for new memory pages (more at 100×).
        times = [_best(work, make(n * k), 3 if k < 100 else 2) for k in (1, 10, 100)]
        r10, r100 = times[1] / times[0], times[2] / times[0]
        good = r10 <= RATIO_10 and r100 <= RATIO_100
        ok &= good
        print(f"  {name:32} 1× {n:>9,} {unit}: {times[0]:7.3f} s   10×: {times[1]:7.2f} s ({r10:5.1f}×)   "
              f"100×: {times[2]:7.2f} s ({r100:6.1f}×)   target ≤ {RATIO_10:.0f}× / ≤ {RATIO_100:.0f}×  "
              f"{'ok' if good else 'OVER'}")
    return ok


# -- absolute figures, each in a fresh process --------------------------------------------------------

def _child(case: str) -> str:
    """Run in a fresh process: prints 'seconds peak_mb outcome'."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        if case == "big-docx":
            path = Path(folder, "big.docx")
            para = _PARA.format("教育协同发展").encode()
            head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'.encode()
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
                with zf.open("word/document.xml", "w", force_zip64=True) as f:
                    f.write(head)
                    block = para * 4096
                    for _ in range(BIG_XML_MB * 1024 * 1024 // len(block)):
                        f.write(block)
                    f.write(b"</w:body></w:document>")
            size = path.stat().st_size
            start = time.perf_counter()
            from duidu.library.readers import read_source

            source = read_source(path)
            outcome = f"read: {len(source.body):,} characters from a {size / 1e6:.1f} MB file"
        else:  # many paragraphs
            path = Path(folder, "many.txt")
            path.write_text("加强教育。\n" * 1_100_000, encoding="utf-8")
            start = time.perf_counter()
            from duidu.library.errors import InputError
            from duidu.library.importer import prepare

            try:
                prepare(path)
                outcome = "accepted (should have been refused)"
            except InputError as exc:
                outcome = f"refused: {exc.reason}"
    seconds = time.perf_counter() - start
    return f"{seconds:.1f} {_peak_mb():.0f} {outcome}"


def _peak_mb() -> float:
    """This process's peak resident memory. Linux keeps getrusage's ru_maxrss across fork and
    exec (a child started by a large parent reports the parent's peak), so VmHWM first, which
    belongs to this process's own memory."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def absolute() -> bool:
    ok = True
    for case, label, limit in (("big-docx", f"docx: {BIG_XML_MB} MB document.xml", None),
                               ("many", "text: 1.1M short paragraphs", REFUSAL_S)):
        r = subprocess.run([sys.executable, __file__, "--child", case], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"  {label:32} FAILED: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}")
            ok = False
            continue
        seconds, peak, outcome = r.stdout.strip().split(" ", 2)
        good = float(peak) <= MEMORY_MB and (limit is None or float(seconds) <= limit)
        good &= ("refused" in outcome) == (case == "many")
        ok &= good
        when = f"  target ≤ {limit:.0f} s" if limit else ""
        print(f"  {label:32} {float(seconds):7.1f} s, peak RSS {float(peak):5.0f} MB (bound {MEMORY_MB} MB){when}  "
              f"{'ok' if good else 'OVER'} — {outcome}")
    return ok


def main() -> int:
    print("hostile input: peak memory and time of the largest inputs, each in a fresh process")
    ok = absolute()  # first, while this process is small
    print("hostile input: time ratios at 1×, 10×, 100× the input (CPU time, best of 3; of 2 at 100×)")
    ok &= linearity()
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(_child(sys.argv[2]))
        sys.exit(0)
    sys.exit(main())
