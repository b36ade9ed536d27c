"""`make bench` (metadata part): the whole of ../shared/corpus imported as a folder, its official
metadata checked against the corpus manifests, and the import timed.

    .venv/bin/python benchmarks/metadata.py [CORPUS]

* Imports CORPUS (default ../shared/corpus, beside the repository) with ``duidu import DIR
  --recursive``'s loop (``library.batch.import_paths``) into a new temporary library, and prints
  one line per file: status, title, issuing body, number, date written, region.
* Counts, against ``manifest.tsv`` and ``formats/manifest.tsv``: titles right (equal once spaces
  and the manifest's bracketed additions — the number, 附…, notes — are set aside; or the
  manifest's title is the issuer's name followed by the document's own title line; or the
  manifest's title is a bare 2026年政府工作报告 and Duidu's names the region in it), dates right
  (the manifest's first YYYY-MM-DD; "not stated" expects none; a provincial report is expected
  to carry the date it states — the first "YYYY年M月D日在" of its raw text — where the manifest
  has the site's publish date), regions right (the manifest's region; for formats/, the
  most specific division found must be named in the manifest's issuing body or title, and
  none is expected where the manifest says the issuer is not stated).
* Times the import (target ≤ 30 s) beside a baseline measured in the same run: reading and
  decoding every file (``read_source``: the readers alone, no cleaning, analysis or writing).
Says so plainly, and measures nothing, when the corpus is not there.
"""

from __future__ import annotations

import csv
import re
import sys
import tempfile
import time
from pathlib import Path

from duidu.engine.officialdoc import parse_date
from duidu.library.batch import expand, import_paths
from duidu.library.errors import InputError
from duidu.library.readers import read_source
from duidu.library.store import Library

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 30.0
_STATED = re.compile(r"[\d〇○一二三四五六七八九十]{4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日在")


def manifests(corpus: Path) -> dict[str, dict]:
    """Relative path -> expected title, date, region, issuer (what each manifest has)."""
    out: dict[str, dict] = {}
    with open(corpus / "manifest.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            out[r["file"]] = {"title": r["title"], "date": r["date"], "region": r["region"], "issuer": ""}
    formats = corpus / "formats" / "manifest.tsv"
    if formats.exists():
        with open(formats, encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                out["formats/" + r["file"]] = {"title": r["title"], "date": r["date"], "region": None,
                                               "issuer": r["issuing_body"]}
    return out


def _bare(title: str) -> str:
    """A title without spaces, and without the manifest's bracketed additions at its end."""
    t = re.sub(r"\s+", "", title or "")
    t = re.sub(r"——.*$", "", t)
    while True:
        cut = re.sub(r"[（(][^（）()]*(〔|号|附|含|；|版|正文)[^（）()]*[）)]$", "", t)
        if cut == t:
            return t
        t = cut


def title_right(got: str, expected: str, issuer: str, region: str | None = None) -> bool:
    g, e = _bare(got), _bare(expected)
    if g == e or (region and g.replace(region, "", 1) == e):  # 2026年政府工作报告 given its region
        return True
    first = re.split(r"[（(、，]", issuer or "")[0]
    return bool(first) and e == first + g


def expected_date(path: Path, rel: str, expected: dict) -> str | None:
    """The date a file should get: a provincial report's stated one, else the manifest's leading
    date (YYYY-MM-DD, or YYYY-MM / YYYY when that is all it gives); none where the manifest says
    the file states none (blank, "not stated", a file's creation time)."""
    if rel.startswith("provinces-2026/"):
        m = _STATED.search(path.read_text(encoding="utf-8"))
        if m:
            return parse_date(m[0])
    text = expected["date"] or ""
    if re.search(r"not stated|left blank|creation time", text):
        return None
    m = re.match(r"\d{4}(-\d{2}(-\d{2})?)?", text)
    return m[0] if m else None


def date_right(got: str | None, want: str | None) -> bool:
    """Equal, or the manifest gives only a year or month and the date found lies in it."""
    if got is None or want is None:
        return got == want
    return got == want or (len(want) < 10 and got.startswith(want))


def region_right(doc, rel: str, expected: dict) -> bool:
    if expected["region"] is not None:
        want = "全国" if expected["region"] in ("全国", "中央") else expected["region"]
        return doc.region == want
    if re.match(r"not stated", expected["issuer"]):
        return doc.region is None  # nothing names the issuer: no region to find
    if not doc.region or doc.region == "全国":
        return False
    from duidu.engine.divisions import gazetteer

    last = gazetteer().by_code[doc.region_code].name if doc.region_code else doc.region
    return last in expected["issuer"] or last in expected["title"]


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "corpus"
    if not (corpus / "manifest.tsv").exists():
        print(f"metadata benchmark: {corpus} is not present (no manifest.tsv there): nothing measured")
        return 0
    expected = manifests(corpus)
    files, _ = expand([corpus], recursive=True)

    start = time.perf_counter()
    for path in files:  # the baseline: reading and decoding alone
        try:
            read_source(path)
        except InputError:
            pass
    baseline = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        with Library.open(Path(tmp) / "bench.sqlite", seed=False, backup=False) as lib:
            start = time.perf_counter()
            summary = import_paths(lib, [corpus], recursive=True)
            took = time.perf_counter() - start

            counts = {"title": [0, 0], "date": [0, 0], "region": [0, 0]}
            print(f"{'file':<44} {'status':<9} title | issuer | number | date | region")
            for o in summary.outcomes:
                rel = Path(o.path).relative_to(corpus).as_posix() if o.path.startswith(str(corpus)) else o.path
                if not o.ok:
                    print(f"{rel[:44]:<44} {o.status:<9} {o.reason}")
                    continue
                d = o.document
                marks = ""
                if rel in expected:
                    e = expected[rel]
                    checks = {"title": title_right(d.title, e["title"], e["issuer"], d.region),
                              "date": date_right(d.date, expected_date(Path(o.path), rel, e)),
                              "region": region_right(d, rel, e)}
                    for k, ok in checks.items():
                        counts[k][0] += ok
                        counts[k][1] += 1
                    marks = " ".join(("✓" if ok else "✗") + k[0] for k, ok in checks.items())
                print(f"{rel[:44]:<44} {o.status:<9} {d.title} | {d.issuing_body or '—'} | {d.doc_number or '—'} | "
                      f"{d.date or '—'} | {d.region or '—'}  [{marks}]")
    print()
    print(f"corpus: {corpus}")
    print(summary.line())
    for o in summary.refused:
        print(f"  refused {Path(o.path).name}: {o.reason}")
    for k, (right, n) in counts.items():
        print(f"{k}s right: {right}/{n}")
    ratio = took / baseline if baseline else float("inf")
    verdict = "OK" if took <= TARGET_S else "OVER TARGET"
    print(f"import of the whole corpus: {took:.1f} s (target ≤ {TARGET_S:.0f} s: {verdict}); "
          f"baseline, reading and decoding the same {len(files)} files: {baseline:.1f} s; ratio {ratio:.1f}×")
    return 0 if took <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
