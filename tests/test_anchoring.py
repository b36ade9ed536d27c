"""Re-anchoring rules on their own (no library): exact, moved, fuzzy, orphaned."""

from __future__ import annotations

import pytest
from diff_match_patch import diff_match_patch

from duidu.library.anchoring import (
    CONTEXT, AnchorDetail, AnchorReport, best_match, context, matcher, reanchor, similarity,
)
from duidu.paths import seed_path
from duidu.text.clean import clean

TEXT = clean(seed_path("000_bf6dfff8fbad574e.txt").read_text(encoding="utf-8")).text
PAD = "".join(f"附：第{n}项重点任务分解表从略。\n" for n in range(1000))  # 17,890 characters


def target(text: str, quote: str, nth: int = 0) -> tuple[str, str, str, int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    q, prefix, suffix = context(text, start, start + len(quote))
    return q, prefix, suffix, start, start + len(quote)


def test_context_takes_32_characters_either_side_and_stops_at_the_edges():
    quote, prefix, suffix = context(TEXT, 600, 630)
    assert (quote, prefix, suffix) == (TEXT[600:630], TEXT[568:600], TEXT[630:662])
    assert len(prefix) == len(suffix) == CONTEXT
    assert context(TEXT, 0, 5) == (TEXT[:5], "", TEXT[5:37])
    assert context(TEXT, len(TEXT) - 4, len(TEXT))[2] == ""


def test_unchanged_position_is_exact():
    q, p, s, a, b = target(TEXT, "深化推进成渝教育容纳力")
    assert reanchor(TEXT, q, p, s, a, b).outcome == "exact"
    edited = TEXT[: b + 10] + "新增的文字" + TEXT[b + 10 :]  # changed after it: still exact
    assert reanchor(edited, q, p, s, a, b) == reanchor(TEXT, q, p, s, a, b)


def test_text_inserted_before_moves_the_target():
    q, p, s, a, b = target(TEXT, "深化推进成渝教育容纳力")
    revised = "新增的一段导语。\n\n" + TEXT
    anchor = reanchor(revised, q, p, s, a, b)
    assert (anchor.outcome, anchor.start, anchor.end) == ("moved", a + 10, b + 10)
    assert revised[anchor.start : anchor.end] == q


def test_among_copies_the_one_whose_context_matches_wins_then_the_nearest():
    body = "甲方推进教育协同发展，乙方也要推进教育协同发展，丙方同样推进教育协同发展。"
    q, p, s, a, b = target(body, "推进教育协同发展", nth=1)  # 乙方's
    revised = "丙方同样推进教育协同发展。另" + body
    anchor = reanchor(revised, q, p, s, a, b)
    assert anchor.outcome == "moved" and revised[anchor.start - 5 : anchor.start] == "，乙方也要"
    # No context at all: the copy nearest the old place.
    anchor = reanchor("xx" + body, q, "", "", a, b)
    assert anchor.start == a + 2
    bare = "协同发展" * 4
    assert reanchor("a" + bare, "协同发展", "", "", 8, 12).start == 9


def test_one_character_edited_is_fuzzy_and_the_span_is_exact():
    q, p, s, a, b = target(TEXT, "高质量召开7次教育协同发展工作联席会议")
    revised = TEXT[:a] + q.replace("7", "8") + TEXT[b:]
    anchor = reanchor(revised, q, p, s, a, b)
    assert (anchor.outcome, anchor.start, anchor.end) == ("fuzzy", a, b)
    assert anchor.similarity == pytest.approx(1 - 1 / len(q))


def test_edits_at_the_edges_and_inside_long_quotes_keep_the_whole_span():
    start = TEXT.index("对标对表《重庆市推动")
    q, p, s, a, b = target(TEXT, TEXT[start : start + 150])
    assert len(q) > 32  # past bitap's 32-character patterns: head and tail are matched apart
    mid = a + 70
    revised = TEXT[:a] + "对标" + TEXT[a + 2 : mid] + "（新增说明文字）" + TEXT[mid : b - 1] + "。" + TEXT[b:]
    anchor = reanchor(revised, q, p, s, a, b)
    assert anchor.outcome == "fuzzy"
    assert (anchor.start, anchor.end) == (a, b + len("（新增说明文字）"))
    assert anchor.similarity >= 0.9


def test_a_moved_and_edited_passage_15000_characters_away_is_found():
    q, p, s, a, b = target(TEXT, "地签署《推动成渝地区双城经济圈教育协同发展框架协议》")
    assert len(q) <= 32
    edited = q.replace("双城", "雙城")
    revised = TEXT[:a] + TEXT[b:] + PAD + edited + "。"
    new_at = len(TEXT) - len(q) + len(PAD)
    assert new_at - a > 15_000
    # diff-match-patch with its defaults finds neither the exact quote nor the edited one so far away
    dmp = diff_match_patch()
    assert dmp.match_main(TEXT[:a] + TEXT[b:] + PAD + q, q, a) != new_at
    assert dmp.match_main(revised, edited, a) != new_at
    assert matcher(len(revised)).match_main(revised, q, a) == new_at
    anchor = reanchor(revised, q, p, s, a, b)
    assert (anchor.outcome, anchor.start, anchor.end) == ("fuzzy", new_at, new_at + len(q))


def test_a_long_passage_moved_far_and_edited_is_found():
    start = TEXT.index("积极应对人口资源的深刻变化")
    q, p, s, a, b = target(TEXT, TEXT[start : start + 120])
    edited = q[:40] + "进一步" + q[40:100] + q[101:]
    revised = TEXT[:a] + TEXT[b:] + PAD + edited + "\n"
    anchor = reanchor(revised, q, p, s, a, b)
    assert anchor.outcome == "fuzzy"
    assert revised[anchor.start : anchor.end] == edited


def test_deleted_or_rewritten_passages_are_orphans_that_keep_their_place():
    q, p, s, a, b = target(TEXT, "深化推进成渝教育容纳力")
    gone = TEXT[:a] + TEXT[b:]
    assert reanchor(gone, q, p, s, a, b).__dict__ == {"outcome": "orphaned", "start": a, "end": b, "similarity": 0.0}
    rewritten = TEXT[:a] + "提高成渝两地教育的吸纳能力" + TEXT[b:]  # under 0.8 similar: not the same passage
    assert reanchor(rewritten, q, p, s, a, b).outcome == "orphaned"
    assert reanchor("", q, p, s, a, b).outcome == "orphaned"
    assert reanchor(TEXT, "", "", "", 3, 3).outcome == "orphaned"


def test_best_match_finds_the_closest_substring():
    text = "abcdefghij" * 3
    assert best_match("cdXfg", text, 0, 10, 7) == (2, 7, 1)
    assert best_match("cdfg", text, 0, 10, 7) == (2, 7, 1)  # e missing from the pattern
    assert best_match("cdeefg", text, 0, 10, 7) == (2, 7, 1)  # one e too many
    assert best_match("abc", text, 5, 30, 23)[:2] == (20, 23)  # the copy ending nearest 23
    assert best_match("abc", text, -5, 99, 3)[:2] == (0, 3)  # the window is clipped to the text


def test_similarity_is_one_minus_edits_over_length():
    assert similarity("协同发展", "协同发展") == 1.0
    assert similarity("协同发展", "协作发展") == 0.75
    assert similarity("", "") == 1.0 and similarity("协同", "") == 0.0


def test_report_counts_and_summary():
    d = [AnchorDetail(1, 0, o, 0, 1, 0, 1, "x", 1.0) for o in ("exact", "exact", "exact", "moved", "moved", "fuzzy")]
    report = AnchorReport.of(d)
    assert (report.exact, report.moved, report.fuzzy, report.orphaned) == (3, 2, 1, 0)
    assert report.summary() == "3 unchanged, 2 moved, 1 fuzzy, 0 orphaned"
