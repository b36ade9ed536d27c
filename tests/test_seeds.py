"""Seeds by prefix doubling (engine/seeds.py) against the level-by-level numbering of n-grams
that passage finding within windows uses (engine/passages.py): the same pairs, the same
too-common positions."""

import random

import numpy as np

from duidu.engine import passages as engine
from duidu.engine.seeds import seed_pairs

from conftest import repetitive_keys


def _level_by_level(ca, cb, n_a, n_b):
    inside = [np.ones(n_a, np.bool_), np.ones(n_b, np.bool_)]
    return engine._windowed_seeds(engine._grams(ca), engine._grams(cb), np.arange(n_a), np.arange(n_b), inside)


def test_prefix_doubling_seeds_equal_the_level_by_level_numbering():
    rng = random.Random(11)
    pairs = 0
    for _ in range(300):
        ka, kb = repetitive_keys(rng, 1, 400)
        ca, cb = engine._codes(ka, kb)
        n_a, n_b = len(ka) - engine.SEED + 1, len(kb) - engine.SEED + 1
        if n_a <= 0 or n_b <= 0:
            continue
        ii, jj, common = seed_pairs(ca, cb, np.arange(n_a), np.arange(n_b), engine.MAX_SEED_PAIRS, engine.LEVELS)
        ii0, jj0, common0 = _level_by_level(ca, cb, n_a, n_b)
        found, expected = sorted(zip(ii.tolist(), jj.tolist())), sorted(zip(ii0.tolist(), jj0.tolist()))
        assert found == expected
        assert common.tolist() == common0.tolist()
        for i, j in found:  # each a real shared gram
            assert ka[i : i + engine.SEED] == kb[j : j + engine.SEED]
        pairs += len(found)
    assert pairs > 5000
