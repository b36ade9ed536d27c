"""Seeds by prefix doubling (engine/seeds.py) against the level-by-level numbering of n-grams
that passage finding within windows uses (engine/passages.py): the same pairs, the same
too-common positions."""

import random

import numpy as np
import pytest

from duidu.engine import passages as engine
from duidu.engine import seeds
from duidu.engine.document import EngineDocument
from duidu.engine.passages import find_passages
from duidu.engine.seeds import seed_pairs

from conftest import repetitive_keys


def _level_by_level(ca, cb, n_a, n_b):
    inside = [np.ones(n_a, np.bool_), np.ones(n_b, np.bool_)]
    return engine._windowed_seeds(engine._grams(ca), engine._grams(cb), np.arange(n_a), np.arange(n_b), inside)


def _random_pairs(seed: int):
    """300 random repetitive key pairs with their codes and seed counts (pairs too short skipped)."""
    rng = random.Random(seed)
    for _ in range(300):
        ka, kb = repetitive_keys(rng, 1, 400)
        ca, cb = engine._codes(ka, kb)
        n_a, n_b = len(ka) - engine.SEED + 1, len(kb) - engine.SEED + 1
        if n_a > 0 and n_b > 0:
            yield ka, kb, ca, cb, n_a, n_b


@pytest.mark.parametrize("whole", [0, 10**9], ids=["longer grams ranked where asked", "over the whole texts"])
def test_prefix_doubling_seeds_equal_the_level_by_level_numbering(whole, monkeypatch):
    monkeypatch.setattr(seeds, "WHOLE", whole)  # both ways of ranking the longer grams
    pairs = 0
    for ka, kb, ca, cb, n_a, n_b in _random_pairs(11):
        ii, jj, common = seed_pairs(ca, cb, np.arange(n_a), np.arange(n_b), engine.MAX_SEED_PAIRS, engine.LEVELS)
        ii0, jj0, common0 = _level_by_level(ca, cb, n_a, n_b)
        found, expected = sorted(zip(ii.tolist(), jj.tolist())), sorted(zip(ii0.tolist(), jj0.tolist()))
        assert found == expected
        assert common.tolist() == common0.tolist()
        for i, j in found:  # each a real shared gram
            assert ka[i : i + engine.SEED] == kb[j : j + engine.SEED]
        pairs += len(found)
    assert pairs > 5000


def test_pairs_left_out_inside_runs_grow_the_same_runs():
    """Without the pairs inside a run another pair starts, growing the seeds finds the same runs."""
    left_out = 0
    for ka, kb, ca, cb, n_a, n_b in _random_pairs(12):
        every = seed_pairs(ca, cb, np.arange(n_a), np.arange(n_b), engine.MAX_SEED_PAIRS, engine.LEVELS)
        fewer = seed_pairs(ca, cb, np.arange(n_a), np.arange(n_b), engine.MAX_SEED_PAIRS, engine.LEVELS, inside=False)
        assert set(zip(*fewer[:2])) <= set(zip(*every[:2]))
        assert fewer[2].tolist() == every[2].tolist()
        assert engine._grown(ca, cb, *fewer[:2]).tolist() == engine._grown(ca, cb, *every[:2]).tolist()
        left_out += len(every[0]) - len(fewer[0])
    assert left_out > 5000


@pytest.mark.parametrize("whole", [0, 10**9], ids=["longer grams ranked where asked", "over the whole texts"])
def test_seeds_from_each_documents_sorted_grams_equal_the_joint_ranking(whole, monkeypatch):
    """Pairing two texts' 4-grams sorted once each (per document: ``GramIndex``) finds the same
    pairs and too-common positions as ranking both texts' grams together."""
    monkeypatch.setattr(seeds, "WHOLE", whole)
    pairs = 0
    for ka, kb, ca, cb, n_a, n_b in _random_pairs(13):
        ii, jj, common = seeds.indexed_seed_pairs(seeds.GramIndex.of(ka), seeds.GramIndex.of(kb),
                                                  engine.MAX_SEED_PAIRS, engine.LEVELS)
        ii0, jj0, common0 = seed_pairs(ca, cb, np.arange(n_a), np.arange(n_b), engine.MAX_SEED_PAIRS,
                                       engine.LEVELS, inside=False)
        assert sorted(zip(ii.tolist(), jj.tolist())) == sorted(zip(ii0.tolist(), jj0.tolist()))
        assert common.tolist() == common0.tolist()
        pairs += len(ii)
    assert pairs > 5000


def test_a_character_beyond_16_bits_has_no_index_and_the_joint_ranking_serves():
    assert seeds.GramIndex.of("教育𠀀协同发展") is None  # four such characters would not fit 64 bits
    a = EngineDocument.from_text(1, "推进𠀀教育协同发展试验区建设，共建未来技术学院。")
    b = EngineDocument.from_text(2, "我们推进𠀀教育协同发展试验区建设。")
    assert [p.a_text for p in find_passages(a, b)] == ["推进𠀀教育协同发展试验区建设"]
