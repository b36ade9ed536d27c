"""Rebuild resources/background/ (policy_6gram_df.npz, policy_4gram_docs.npz, policy_word_df.npz),
the background model of policy language.

    .venv/bin/python packaging/build_background.py [CORPUS_DIR]

Reads the reference corpus (default ../shared/corpus: provinces-2026/*.txt, national/*.txt,
govcn/*.html) and the five seeds; every document is cleaned and put in key form as the app
does, and each character 6-gram's document count is kept when at least three documents hold
it (the two documents a passage is shared by do not make it common); so is each jieba word's.
See resources/background/README.md.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from duidu.engine.background import COVER_GRAM, HOLDERS, MODEL, WORDS, gram_hashes  # noqa: E402
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


def build_words(keys: list[str]) -> Path:
    """resources/background/policy_word_df.npz: how many documents hold each word of the key forms
    (jieba, as ``duidu.text.segment`` cuts them), for words in three or more."""
    from duidu.text.segment import segment

    per_doc = [np.unique(np.array([w.text for w in segment(key) if w.text.strip()], dtype=np.str_)) for key in keys]
    words, counts = np.unique(np.concatenate(per_doc), return_counts=True)
    keep = counts >= 3
    out = ROOT / "resources" / Path(*WORDS)
    np.savez_compressed(out, words=words[keep], counts=counts[keep].astype(np.uint16), documents=np.int64(len(keys)))
    print(f"{int(keep.sum())} words in three or more: {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return out


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        print(f"no reference corpus at {corpus}: nothing rebuilt", file=sys.stderr)
        return 1
    docs = documents(corpus)
    per_doc, per_doc4, keys_of = [], [], []
    for name, raw in docs:
        c = clean(raw)
        key = key_form(c.text, [(e.start, e.end) for e in c.excluded]).text
        keys_of.append(key)
        per_doc.append(np.unique(gram_hashes(key)))
        per_doc4.append(np.unique(gram_hashes(key, COVER_GRAM)))
        print(f"{name}: {len(key)} key characters")
    keys, counts = np.unique(np.concatenate(per_doc), return_counts=True)
    keep = counts >= 3
    out = ROOT / "resources" / Path(*MODEL)
    np.savez_compressed(out, keys=keys[keep], counts=counts[keep].astype(np.uint16), documents=np.int64(len(docs)))
    print(f"{len(docs)} documents, {int(keep.sum())} grams in three or more: {out} ({out.stat().st_size / 1e6:.1f} MB)")
    # Which documents hold each 4-gram (a bit each: at most 64 documents), for grams in two or more.
    assert len(docs) <= 64, "the document sets are 64-bit masks"
    owner = np.concatenate([np.full(len(g), d, np.uint64) for d, g in enumerate(per_doc4)])
    keys4, where, counts4 = np.unique(np.concatenate(per_doc4), return_inverse=True, return_counts=True)
    masks = np.zeros(len(keys4), np.uint64)
    np.bitwise_or.at(masks, where, np.uint64(1) << owner)
    keep4 = counts4 >= 2
    out4 = ROOT / "resources" / Path(*HOLDERS)
    np.savez_compressed(out4, keys=keys4[keep4], masks=masks[keep4], documents=np.int64(len(docs)))
    print(f"{int(keep4.sum())} 4-grams in two or more: {out4} ({out4.stat().st_size / 1e6:.1f} MB)")
    build_words(keys_of)
    return 0


if __name__ == "__main__":
    sys.exit(main())
