"""Inter-annotator agreement: the engine's kappa and alpha against hand-computed cases and a
brute-force coincidence matrix, and Library.agreement / `duidu notes agreement` on the seeds."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest

from duidu.cli.main import main
from duidu.engine.agreement import agreement, alpha_from_levels, kappa_from_counts, levels, merged
from duidu.library.errors import InputError
from duidu.library.store import Library

CHONGQING = "000_bf6dfff8fbad574e.txt"
SICHUAN = "001_6a591adfc5be8ef4.txt"


# -- hand-computed cases ------------------------------------------------------------------------
def test_kappa_on_twenty_characters_by_hand():
    # One document of 20 characters. A tags [0, 10), B tags [5, 9):
    #   both yes 4 (5–8), A only 6 (0–4, 9), B only 0, both no 10 (10–19)
    #   po = (4 + 10) / 20 = 0.7
    #   pA(yes) = 10/20 = 0.5, pB(yes) = 4/20 = 0.2
    #   pe = 0.5·0.2 + 0.5·0.8 = 0.1 + 0.4 = 0.5
    #   kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4
    result = agreement([{1: [(0, 10)]}, {1: [(5, 9)]}], {1: 20})
    assert result.kappa == pytest.approx(0.4, abs=1e-12)
    assert (result.characters, result.marked) == (20, (10, 4))
    assert kappa_from_counts(4, 6, 0, 10) == pytest.approx(0.4, abs=1e-12)
    # What the usual mistakes would have given on the same table:
    yes_only = (0.7 - 0.5 * 0.2) / (1 - 0.5 * 0.2)  # pe = pA(yes)·pB(yes) alone: 0.667
    mean = (0.5 + 0.2) / 2
    scott = (0.7 - (mean**2 + (1 - mean) ** 2)) / (1 - (mean**2 + (1 - mean) ** 2))  # averaged marginals: 0.341
    assert yes_only == pytest.approx(2 / 3) and scott == pytest.approx(0.340659, abs=1e-6)
    assert abs(result.kappa - yes_only) > 0.2 and abs(result.kappa - scott) > 0.05


def test_alpha_on_the_same_twenty_characters_by_hand():
    # m = 2 coders, 20 units: h = [10 no-no, 6 split, 4 yes-yes]; n = 40 values
    #   n1 = 6·1 + 4·2 = 14, n0 = 26; o01 = 6·1·1/(2 − 1) = 6
    #   Do = 2·6/40 = 0.3; De = 2·26·14/(40·39) = 0.46667; alpha = 1 − 0.3/0.46667 = 5/14
    result = agreement([{1: [(0, 10)]}, {1: [(5, 9)]}], {1: 20})
    assert levels([{1: [(0, 10)]}, {1: [(5, 9)]}], {1: 20}) == [10, 6, 4]
    assert result.alpha == pytest.approx(5 / 14, abs=1e-12)


def test_alpha_for_three_annotators_by_hand():
    # 10 characters; A [0, 5), B [0, 4), C [2, 6):
    #   yes counts per character: 2 2 3 3 2 1 0 0 0 0 -> h = [4, 1, 3, 2], m = 3, n = 30
    #   n1 = 1 + 6 + 6 = 13, n0 = 17; Σ h_j·j·(m − j) = 1·2 + 3·2 = 8, o01 = 8/2 = 4
    #   alpha = 1 − (n − 1)·o01/(n0·n1) = 1 − 29·4/(17·13) = 105/221 = 0.475113
    marks = [{7: [(0, 5)]}, {7: [(0, 4)]}, {7: [(2, 6)]}]
    assert levels(marks, {7: 10}) == [4, 1, 3, 2]
    result = agreement(marks, {7: 10})
    assert result.alpha == pytest.approx(105 / 221, abs=1e-12) and result.kappa is None
    assert result.marked == (5, 4, 4)


def test_identical_annotations_and_the_degenerate_cases():
    same = {1: [(3, 9), (12, 15)], 2: [(0, 4)]}
    result = agreement([same, same, same], {1: 30, 2: 8})
    assert result.alpha == 1.0 and result.characters == 38
    pair = agreement([same, dict(same)], {1: 30, 2: 8})
    assert (pair.kappa, pair.alpha) == (1.0, 1.0)
    nothing = agreement([{}, {}], {1: 5})  # pe = 1 and De = 0: defined as 1.0
    assert (nothing.kappa, nothing.alpha) == (1.0, 1.0)
    everything = agreement([{1: [(0, 5)]}, {1: [(0, 5)]}], {1: 5})
    assert (everything.kappa, everything.alpha) == (1.0, 1.0)
    opposite = agreement([{1: [(0, 5)]}, {1: [(5, 10)]}], {1: 10})
    assert opposite.kappa == pytest.approx(-1.0) and opposite.alpha < 0
    with pytest.raises(ValueError):
        agreement([same], {1: 30})
    with pytest.raises(ValueError):
        kappa_from_counts(0, 0, 0, 0)


def test_spans_are_merged_and_clipped():
    assert merged([(5, 8), (0, 3), (2, 4), (8, 9), (20, 30), (-2, 1)], 25) == [(0, 4), (5, 9), (20, 25)]
    twice = agreement([{1: [(0, 10), (2, 6)]}, {1: [(5, 9)]}], {1: 20})  # overlapping spans count once
    assert twice.marked == (10, 4) and twice.kappa == pytest.approx(0.4)


def brute_force(marks, lengths) -> tuple[Fraction | None, Fraction]:
    """Kappa and alpha the slow way: a value per character per annotator, the coincidence matrix
    built unit by unit (Krippendorff 2011, 'Computing Krippendorff's alpha-reliability')."""
    units = []
    for doc, length in lengths.items():
        for ch in range(length):
            units.append([int(any(s <= ch < e for s, e in m.get(doc, ()))) for m in marks])
    m = len(marks)
    o = {(c, k): Fraction(0) for c in (0, 1) for k in (0, 1)}
    for values in units:
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    o[(c, k)] += Fraction(1, m - 1)
    n_c = {c: o[(c, 0)] + o[(c, 1)] for c in (0, 1)}
    n = n_c[0] + n_c[1]
    alpha = Fraction(1) if 0 in (n_c[0], n_c[1]) else 1 - (n - 1) * (o[(0, 1)] + o[(1, 0)]) / (2 * n_c[0] * n_c[1])
    kappa = None
    if m == 2:
        total = len(units)
        po = Fraction(sum(a == b for a, b in units), total)
        pa, pb = Fraction(sum(a for a, _ in units), total), Fraction(sum(b for _, b in units), total)
        pe = pa * pb + (1 - pa) * (1 - pb)
        kappa = (Fraction(1) if po == 1 else Fraction(0)) if pe == 1 else (po - pe) / (1 - pe)
    return kappa, alpha


def test_interval_arithmetic_equals_the_brute_force_coincidence_matrix():
    rng = random.Random(5)
    for trial in range(60):
        lengths = {d: rng.randint(1, 40) for d in range(rng.randint(1, 3))}
        marks = []
        for _ in range(rng.choice((2, 2, 3, 4))):
            marks.append({d: [(s, s + rng.randint(1, 12)) for s in (rng.randrange(n) for _ in range(rng.randint(0, 3)))]
                          for d, n in lengths.items()})
        kappa, alpha = brute_force(marks, lengths)
        result = agreement(marks, lengths)
        assert result.alpha == pytest.approx(float(alpha), abs=1e-12), trial
        if kappa is not None:
            assert result.kappa == pytest.approx(float(kappa), abs=1e-12), trial
    assert alpha_from_levels([10, 6, 4]) == pytest.approx(5 / 14)


# -- Library.agreement on the seeds -----------------------------------------------------------
@pytest.fixture
def lib(own_lib):
    return own_lib  # a seeded library of this test's own (conftest)


def span(lib: Library, doc_id: int, quote: str, extra: int = 0) -> tuple[int, int]:
    text = lib.text(doc_id).text
    assert text.count(quote) == 1, quote
    return text.index(quote), text.index(quote) + len(quote) + extra


def coded(lib):
    """Two readers tag seed 000 (and 001) with 对象/教师 and 对象/治理, overlapping but not the same."""
    cq, sc = lib.resolve(CHONGQING).id, lib.resolve(SICHUAN).id
    teachers, governance = lib.resolve_code("对象/教师").id, lib.resolve_code("对象/治理").id
    quote = "推动川渝两地100名教师互派交流"
    s, e = span(lib, cq, quote)
    lib.annotate(cq, s, e, code_ids=[teachers], annotator="王老师")  # 16 characters
    lib.annotate(cq, s + 4, e + 4, code_ids=[teachers], annotator="李研究员")  # shifted by 4: 12 shared
    g = span(lib, cq, "高质量召开7次教育协同发展工作联席会议")
    lib.annotate(cq, *g, code_ids=[governance], annotator="王老师")
    lib.annotate(cq, *g, code_ids=[governance], annotator="李研究员")  # the same span
    lib.link(cq, *g, sc, *span(lib, sc, "舉辦6個職教集團、4個職教聯盟"), code_ids=[teachers], annotator="王老师")
    orphan = lib.annotate(cq, 0, 50, code_ids=[teachers], annotator="李研究员")
    lib.db.execute("UPDATE targets SET status = 'orphan' WHERE annotation_id = ?", [orphan.id])  # left out
    return cq, sc, teachers, governance, e - s


def test_library_agreement_per_tag_on_the_seeds(lib):
    cq, sc, teachers, governance, size = coded(lib)
    rows = lib.agreement(["王老师", "李研究员"])  # both have notes on 000 only
    assert [r.code_name for r in rows] == ["对象/教师", "对象/治理"]
    n = lib.document(cq).length
    t = rows[0]
    # 王老师: 16 + 19 (the link's side in 000; 001 is not compared); 李研究员: 16; shared 12
    both, a_only, b_only = size - 4, size + 19 - (size - 4), 4
    assert (t.code_id, t.characters, t.annotators, t.marked) == (teachers, n, ("王老师", "李研究员"), (size + 19, size))
    assert t.kappa == pytest.approx(kappa_from_counts(both, a_only, b_only, n - both - a_only - b_only))
    po = Fraction(n - a_only - b_only, n)
    pa, pb = Fraction(size + 19, n), Fraction(size, n)
    pe = pa * pb + (1 - pa) * (1 - pb)
    assert t.kappa == pytest.approx(float((po - pe) / (1 - pe)))
    assert rows[1].kappa == rows[1].alpha == 1.0 and rows[1].code_id == governance
    both_docs = lib.agreement(["王老师", "李研究员"], document_ids=[cq, sc])
    assert both_docs[0].characters == n + lib.document(sc).length and both_docs[0].marked == (size + 19 + 15, size)


def test_library_agreement_refuses_what_it_cannot_compare(lib):
    coded(lib)
    for names, message in ((["王老师"], "two or more"), (["王老师", " 王老师 "], "two or more"),
                           (["王老师", "无名氏"], "无名氏: has no notes")):
        with pytest.raises(InputError, match=message):
            lib.agreement(names)
    third = lib.documents()[2].id
    lib.annotate(third, 0, 10, annotator="张三")
    with pytest.raises(InputError, match="no document carries notes by all of them"):
        lib.agreement(["王老师", "张三"])
    assert lib.agreement(["王老师", "张三"], document_ids=[third]) == []  # nobody tagged anything there


def test_cli_notes_agreement(lib, capsys):
    cq, *_ = coded(lib)
    library = str(lib.path)
    assert main(["--library", library, "notes", "agreement", "王老师", "李研究员", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code_name"] for r in rows] == ["对象/教师", "对象/治理"]
    assert set(rows[0]) == {"code_id", "code_name", "kappa", "alpha", "characters", "annotators", "marked", "alpha_u"}
    assert rows[1]["kappa"] == 1.0
    assert main(["--library", library, "notes", "agreement", "王老师", "李研究员", "--doc", CHONGQING]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"2 annotators, {lib.document(cq).length:,} characters compared; characters tagged by each at the right"
    assert out[3].startswith("对象/治理") and "1.000" in out[3]
    assert main(["--library", library, "notes", "agreement", "王老师", "nobody"]) == 1
    assert capsys.readouterr().err.strip() == "duidu: nobody: has no notes in the library"
    with pytest.raises(SystemExit) as exit_:
        main(["--library", library, "notes", "agreement", "王老师"])
    assert exit_.value.code == 2


def test_unitized_alpha_reproduces_krippendorffs_worked_example():
    """Krippendorff (2004: 254): two observers, continuum 150–450, categories c and k."""
    from fractions import Fraction

    from duidu.engine.agreement import _distance, unitized_alpha, unitized_disagreement

    begin, length = 150, 300
    c = [[(225, 295), (370, 400)], [(220, 300), (355, 375), (400, 420)]]
    k = [[(180, 240), (300, 350)], [(180, 240), (300, 350)]]
    shift = lambda raters: [[(s - begin, e - begin) for s, e in r] for r in raters]
    d_o, d_e = unitized_disagreement(shift(c), length)
    assert round(float(d_o), 4) == 0.0144 and round(float(d_e), 4) == 0.0532
    assert unitized_alpha(shift(c), length) == pytest.approx(0.7286, abs=1e-4)
    assert unitized_disagreement(shift(k), length)[0] == 0 and round(float(unitized_disagreement(shift(k), length)[1]), 4) == 0.0490
    assert unitized_alpha(shift(k), length) == 1.0
    # Over both categories (mean Do over mean De), as the book reports: 0.8591.
    ko, ke = unitized_disagreement(shift(k), length)
    assert float(1 - (d_o + ko) / (d_e + ke)) == pytest.approx(0.8591, abs=5e-4)
    # The segment distances of the same page: overlapping units, and a unit inside a gap.
    assert _distance((225, 295, True), (220, 300, True)) == 50
    assert _distance((370, 400, True), (355, 375, True)) == 850
    assert _distance((400, 450, False), (400, 420, True)) == 400
    assert _distance((400, 450, False), (430, 460, True)) == 0  # not inside the gap: no distance
    assert isinstance(d_o, Fraction)


def test_unitized_alpha_in_the_library_report(lib):
    a = lib.annotate(1, 100, 200, code_ids=[lib.resolve_code("经费投入").id], annotator="甲")
    lib.annotate(1, 120, 200, code_ids=[lib.resolve_code("经费投入").id], annotator="乙")
    (row,) = lib.agreement(["甲", "乙"])
    assert 0 < row.alpha_u < 1 and row.alpha_u != row.alpha
    assert a.targets[0].end == 200
