"""Offset maps: the contract every view relies on to land spans on the same words."""

from __future__ import annotations

import pytest

from duidu.text.offsets import OffsetMap, OffsetMapBuilder, Segment, utf16_map


def sample() -> OffsetMap:
    # "ab" kept, "cde" -> 4 chars, "f" kept, "gh" deleted, "ijk" kept
    b = OffsetMapBuilder()
    b.keep(2)
    b.replace(3, 4)
    b.keep(1)
    b.delete(2)
    b.keep(3)
    return b.build()


def test_builder_merges_linear_runs_and_keeps_one_char_swaps_linear():
    b = OffsetMapBuilder()
    b.keep(2)
    b.replace(1, 1)
    b.keep(3)
    m = b.build()
    assert m.is_identity and (m.src_len, m.dst_len) == (6, 6)


def test_spans_inside_atomic_segments_widen():
    m = sample()
    assert (m.src_len, m.dst_len) == (11, 10)
    assert m.to_dst_span(0, 2) == (0, 2)
    assert m.to_dst_span(3, 4) == (2, 6)  # inside "cde" -> the whole 4-char replacement
    assert m.to_src_span(3, 4) == (2, 5)


def test_spans_touching_deletions_are_tight():
    m = sample()
    # dst "f" + first char after the deletion: source skips the deleted "gh"
    assert m.to_src_span(6, 7) == (5, 6)
    assert m.to_src_span(7, 8) == (8, 9)
    assert m.to_src_span(6, 8) == (5, 9)  # a span across the deletion keeps it inside
    assert m.to_dst_span(6, 8) == (7, 7)  # only deleted text -> an empty span at its place


def test_out_of_range_span_raises():
    with pytest.raises(IndexError):
        sample().to_dst_span(3, 12)
    with pytest.raises(IndexError):
        sample().to_src_span(5, 4)


def test_inverse_swaps_directions():
    m = sample()
    inv = m.inverse()
    for a in range(m.src_len + 1):
        for b in range(a, m.src_len + 1):
            assert inv.to_src_span(a, b) == m.to_dst_span(a, b)


def test_composition_maps_step_by_step():
    first = sample()
    b = OffsetMapBuilder()
    b.keep(4)
    b.replace(2, 1)
    b.keep(4)
    second = b.build()
    both = first.then(second)
    assert (both.src_len, both.dst_len) == (11, 9)
    for a in range(12):
        for e in range(a, 12):
            assert both.to_dst_span(a, e) == second.to_dst_span(*first.to_dst_span(a, e))
    with pytest.raises(ValueError):
        second.then(first)


def test_bytes_round_trip():
    m = sample().then(OffsetMap.from_segments([Segment(10, 10, True)])).then(utf16_map("x" * 10))
    again = OffsetMap.from_bytes(m.to_bytes())
    assert again == m
    assert again.to_dst_span(3, 4) == m.to_dst_span(3, 4)


def test_utf16_map_counts_surrogate_pairs():
    text = "a𠮷b𩸽c"
    m = utf16_map(text)
    assert m.dst_len == len(text.encode("utf-16-le")) // 2 == 7
    assert m.to_dst_span(2, 3) == (3, 4)  # "b"
    assert m.to_dst_span(3, 4) == (4, 6)  # "𩸽"
    assert m.to_src_span(5, 6) == (3, 4)  # the low surrogate alone -> the whole character
    assert utf16_map("纯中文").is_identity


def test_table_of_every_position_maps_as_span_by_span():
    """``to_src_table`` (the passage finder maps thousands of spans of one text with it) gives
    what ``to_src`` and ``to_src_span`` give, on a key form of real text with punctuation, spaces
    and furniture removed; a map that turns characters into nothing has no table."""
    import random

    from duidu.text.keyform import key_form

    text = ("一、总体要求\n（一）指导思想。以习近平新时代中国特色社会主义思想为指导， 推动 2025年GDP增长5.5%左右；"
            "「渝英荟萃」《沃土计划》——教育协同发展！") * 40
    keyed = key_form(text, [(5, 12), (300, 340)])
    m = keyed.map
    table = m.to_src_table()
    assert table is not None
    starts, ends = table
    for p in range(m.dst_len + 1):
        assert starts[p] == m.to_src(p)
    rng = random.Random(7)
    for _ in range(3000):
        s = rng.randint(0, m.dst_len - 1)
        e = rng.randint(s + 1, m.dst_len)
        assert (starts[s], ends[e]) == m.to_src_span(s, e)
    assert len(text) > m.dst_len  # the key form did leave characters out
    assert sample().inverse().to_src_table() is None  # the deletion, read backwards, creates text
