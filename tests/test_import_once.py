"""Each derived form is made once at import: one jieba pass and one key form per document,
shared by search, measures and the similar-passage index (issue 15, part 4)."""

from __future__ import annotations

import pytest

from duidu.library.importer import prepare
from duidu.paths import seed_path
from duidu.text import keyform, segment
from duidu.text.script import convert

# A simplified seed and the traditional one (its words come from its t2s form).
SEEDS = ["000_bf6dfff8fbad574e.txt", "001_6a591adfc5be8ef4.txt"]


@pytest.fixture
def counted(monkeypatch):
    """Characters handed to jieba (its tokenizer and its part-of-speech cut) and to key-form
    making, counted as they pass."""
    seen = {"segmented": 0, "key formed": 0, "key forms": 0}
    tk, pt = segment._load(), segment._load_pos()
    real_tokenize, real_cut, real_drop = tk.tokenize, pt.cut, keyform._drop_ranges
    real_tokens = segment.tokens
    inside = []  # jieba's tokenize called by ``tokens`` (for blocks with letters or digits) is counted there

    def tokens(text, *args, **kwargs):
        seen["segmented"] += len(text)
        inside.append(1)
        try:
            return real_tokens(text, *args, **kwargs)
        finally:
            inside.pop()

    def tokenize(text, *args, **kwargs):
        if not inside:
            seen["segmented"] += len(text)
        return real_tokenize(text, *args, **kwargs)

    def cut(text, *args, **kwargs):
        seen["segmented"] += len(text)
        return real_cut(text, *args, **kwargs)

    def key(text, ranges):
        seen["key formed"] += len(text)
        seen["key forms"] += 1
        return real_drop(text, ranges)

    monkeypatch.setattr(tk, "tokenize", tokenize)
    monkeypatch.setattr(segment, "tokens", tokens)
    monkeypatch.setattr(pt, "cut", cut)
    monkeypatch.setattr(keyform, "_drop_ranges", key)
    return seen


@pytest.mark.parametrize("name", SEEDS)
def test_a_document_is_segmented_once_and_key_formed_once(counted, name):
    prepared = prepare(seed_path(name))
    text = prepared.cleaned.text
    simplified = convert(text, "t2s").text
    # jieba sees the simplified text once: the measures and the similar-passage index share one
    # segmentation. (A word the dictionary lacks is looked up again for its tag when a measure
    # needs it: a few characters more, never a second pass.)
    assert len(simplified) <= counted["segmented"] <= len(simplified) * 1.05
    # One key form of the whole text: the search index takes slices of it.
    assert counted["key forms"] == 1
    assert counted["key formed"] == len(text)
    # What both consumers made from it is there.
    assert prepared.mentions and prepared.similar and prepared.index


def test_shared_words_index_the_same_units(counted):
    """The similar index's words come from the one segmentation: every unit has its words, and
    each word is part of that unit's key."""
    prepared = prepare(seed_path(SEEDS[1]))
    key = prepared.key.text
    with_words = 0
    for row in prepared.similar:
        words = row[2].split()
        with_words += bool(words)
        assert all(w in key for w in words), row
    assert with_words >= 0.9 * len(prepared.similar)
