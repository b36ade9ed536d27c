"""Rebuild resources/background/policy_4gram_df.npz, the background model of policy language.

    .venv/bin/python packaging/build_background.py [CORPUS_DIR]

Reads the reference corpus (default ../shared/corpus: provinces-2026/*.txt, national/*.txt,
govcn/*.html) and the five seeds; every document is cleaned and put in key form as the app
does, and each character 6-gram's document count is kept when at least three documents hold
it (the two documents a passage is shared by do not make it common). See resources/background/README.md.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from duidu.engine.background import MODEL, gram_hashes  # noqa: E402
from duidu.text.clean import clean  # noqa: E402
from duidu.text.keyform import key_form  # noqa: E402


def _html_text(raw: str) -> str:
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", raw)
    return html.unescape(re.sub(r"<[^>]+>", "\n", raw))


def documents(corpus: Path) -> list[tuple[str, str]]:
    docs = [(str(p.relative_to(corpus)), p.read_text(encoding="utf-8"))
            for p in sorted([*corpus.glob("provinces-2026/*.txt"), *corpus.glob("national/*.txt")])]
    docs += [(str(p.relative_to(corpus)), _html_text(p.read_text(encoding="utf-8"))) for p in sorted(corpus.glob("govcn/*.html"))]
    docs += [(f"seeds/{p.name}", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return docs


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        print(f"no reference corpus at {corpus}: nothing rebuilt", file=sys.stderr)
        return 1
    docs = documents(corpus)
    per_doc = []
    for name, raw in docs:
        c = clean(raw)
        key = key_form(c.text, [(e.start, e.end) for e in c.excluded]).text
        per_doc.append(np.unique(gram_hashes(key)))
        print(f"{name}: {len(key)} key characters")
    keys, counts = np.unique(np.concatenate(per_doc), return_counts=True)
    keep = counts >= 3
    out = ROOT / "resources" / Path(*MODEL)
    np.savez_compressed(out, keys=keys[keep], counts=counts[keep].astype(np.uint16), documents=np.int64(len(docs)))
    print(f"{len(docs)} documents, {int(keep.sum())} grams in three or more: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
