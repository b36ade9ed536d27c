"""Script conversion: OpenCC conformance, the engine's own output, exact offset maps."""

from __future__ import annotations

import pytest

from duidu.paths import seed_path
from duidu.text.offsets import utf16_map
from duidu.text.script import CONFIGS, convert, detect_script, engine_convert
from opencc_cases import REQUIRED, cases, conformance, golden

# What the mandated engine reaches with OpenCC's current dictionaries (the floor set by the
# issue) and what Duidu's chains reach; the README table is printed by benchmarks/conformance.py.
FLOOR = {"s2t": 95, "t2s": 52, "s2tw": 61, "tw2s": 32, "s2hk": 46, "hk2s": 21, "s2twp": 78, "tw2sp": 51}
REACHED = {"s2t": 95, "t2s": 52, "s2tw": 64, "tw2s": 32, "s2hk": 51, "hk2s": 21, "s2twp": 80, "tw2sp": 51}
CHECKS = {"s2t": 96, "t2s": 55, "s2tw": 65, "tw2s": 32, "s2hk": 51, "hk2s": 21, "s2twp": 84, "tw2sp": 53}


@pytest.fixture(scope="module")
def counts():
    return conformance(lambda text, cfg: convert(text, cfg).text)


@pytest.mark.parametrize("config", REQUIRED)
def test_upstream_conformance(counts, config):
    passed, checks = counts[config]
    assert checks == CHECKS[config]
    assert passed >= FLOOR[config]
    assert passed == REACHED[config], "conformance changed: update REACHED and the README table"


def test_output_is_the_engines_own_on_every_case():
    differing = [(t, c) for t, c, _ in cases() if c in CONFIGS and convert(t, c).text != engine_convert(t, c)]
    assert differing == []


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk", "s2twp"])
def test_golden_text(config):
    src, expected = golden(config)
    out = convert(src, config).text
    assert out == engine_convert(src, config)
    assert len(out) == len(expected)
    same = sum(a == b for a, b in zip(out, expected)) / len(expected)
    assert same >= 0.9994


def seed_text(n: int) -> str:
    return next(seed_path().glob(f"{n:03d}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("config", ["s2t", "s2twp", "s2hk", "t2s", "tw2sp"])
def test_map_round_trips_on_seeds(config):
    text = seed_text(0) if config.startswith("s") else seed_text(1)
    result = convert(text, config)
    m = result.map
    assert (m.src_len, m.dst_len) == (len(text), len(result.text))
    assert result.text == engine_convert(text, config)
    # Every paragraph maps to a view span and back onto itself.
    pos = 0
    for line in text.split("\n"):
        a, b = m.to_dst_span(pos, pos + len(line))
        assert m.to_src_span(a, b) == (pos, pos + len(line))
        assert convert(line, config).text == result.text[a:b]
        pos += len(line) + 1


def test_length_changing_phrase_maps_whole():
    text = "发展互联网教育"
    result = convert(text, "s2twp")
    assert result.text == "發展網際網路教育"
    i = text.index("互联网")
    a, b = result.map.to_dst_span(i, i + 3)
    assert result.text[a:b] == "網際網路"
    # A span edge inside the phrase widens to the whole phrase, never splits it.
    assert result.map.to_src_span(a + 1, a + 2) == (i, i + 3)
    # Text after the phrase is shifted by exactly the length change.
    j = text.index("教育")
    assert result.text[slice(*result.map.to_dst_span(j, j + 2))] == "教育"
    assert result.map.to_src_span(*result.map.to_dst_span(j, j + 2)) == (j, j + 2)


def test_astral_characters_in_code_points_and_utf16():
    text = "𠮷野家在互联网上发展教育"  # U+20BB7 is outside the BMP: 1 code point, 2 UTF-16 units
    result = convert(text, "s2twp")
    i = text.index("教育")
    a, b = result.map.to_dst_span(i, i + 2)
    assert result.text[a:b] == "教育"
    qt = result.map.then(utf16_map(result.text))
    qa, qb = qt.to_dst_span(i, i + 2)
    units = result.text.encode("utf-16-le")
    assert units[2 * qa : 2 * qb].decode("utf-16-le") == "教育"
    assert (qa, qb) == (a + 1, b + 1)
    assert qt.to_src_span(qa, qb) == (i, i + 2)
    # A span that splits the astral character's surrogate pair widens to the whole character.
    assert qt.to_src_span(1, 2) == (0, 1)


def test_unknown_config_is_refused():
    with pytest.raises(ValueError, match="unknown conversion"):
        convert("中文", "x2y")


@pytest.mark.parametrize("n, script", [(0, "simplified"), (1, "traditional"), (2, "simplified"), (3, "simplified"), (4, "simplified")])
def test_detect_script_on_seeds(n, script):
    guess = detect_script(seed_text(n))
    assert guess.script == script
    assert guess.confidence >= 0.95


def test_detect_mixed_and_unknown():
    mixed = seed_text(0)[:800] + seed_text(1)[:800]
    guess = detect_script(mixed)
    assert guess.script == "mixed"
    assert guess.simplified_marks > 0 and guess.traditional_marks > 0
    none = detect_script("The quick brown fox 12345")
    assert (none.script, none.confidence) == ("unknown", 0.0)


@pytest.mark.parametrize("config, n", [("s2t", 0), ("s2tw", 2), ("t2s", 1)])
def test_every_character_maps_exactly_when_lengths_do_not_change(config, n):
    """Equal-length phrases (协同→協同) stay character for character: no span ever widens."""
    text = seed_text(n)
    result = convert(text, config)
    assert len(result.text) == len(text)
    for i in range(len(text)):
        a, b = result.map.to_dst_span(i, i + 1)
        assert (a, b) == (i, i + 1)
        assert result.map.to_src_span(a, b) == (i, i + 1)


@pytest.mark.parametrize("config", ["s2twp", "tw2sp", "s2hk"])
def test_long_unpunctuated_clauses_match_the_engine(config):
    """A page without punctuation is one clause: same output as the engine, without its
    quadratic rescanning (the engine takes seconds here; benchmarks measure the rest)."""
    import random

    rng = random.Random(7)
    pieces = ["互联网", "发展中国家", "學前教育", "資訊", "软件", "计算机", "教育", "發展", "共同体", "乾隆", "头发", "后面", "著作", "台湾", "𠮷", "a1"]
    for _ in range(3):
        clause = "".join(rng.choice(pieces) for _ in range(400))
        result = convert(clause, config)
        assert result.text == engine_convert(clause, config)
        assert result.map.src_len == len(clause) and result.map.dst_len == len(result.text)
