"""The boilerplate test's library marks (engine/boilerplate.py, a library of MIN_LIBRARY documents or
more, asked one stretch at a time) against their definition: stretch by stretch, a stretch the
library finds common marks its characters stock, and a stretch all of whose characters are stock
already is not asked. Same marks, same questions in the same order."""

import random

import numpy as np

from duidu.engine.boilerplate import COMMON_GRAM, SEPARATOR, Boilerplate


def _by_definition(key: str, common: np.ndarray, asks) -> None:
    for i in range(len(key) - COMMON_GRAM + 1):
        gram = key[i : i + COMMON_GRAM]
        if SEPARATOR not in gram and (common[i : i + COMMON_GRAM] < 1).any() and asks(gram):
            common[i : i + COMMON_GRAM] = 1.0


def test_library_marks_are_those_of_reading_stretch_by_stretch():
    rng = random.Random(5)
    marked = 0
    for trial in range(60):
        alphabet = "教育协同发展川渝推动"[: rng.randint(2, 10)]
        keys = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(rng.randint(1, 12))]
        key = SEPARATOR.join(keys)
        common = np.array([rng.choice([0.0, 0.3, 1.0, 1.0]) for _ in key])
        asked: dict[str, list[str]] = {"fast": [], "definition": []}

        def library(tag):
            def documents_with(gram: str) -> int:
                asked[tag].append(gram)
                return 30 if hash((gram, trial)) % 3 == 0 else 0
            return documents_with

        fast, expected = common.copy(), common.copy()
        test = Boilerplate(40, library("fast"))
        test._library_marks(key, fast)
        reference = Boilerplate(40, library("definition"))
        _by_definition(key, expected, reference._common)
        assert fast.tolist() == expected.tolist()
        assert asked["fast"] == asked["definition"]
        marked += int((fast != common).sum())
    assert marked > 100  # the library did mark stretches
