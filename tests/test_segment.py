"""duidu.text.segment: jieba with the project's own tokenizer and policy-term dictionary."""

from __future__ import annotations

import re
import subprocess
import sys
import threading

import pytest

from duidu.paths import resource_path, seed_path
from duidu.text import segment as seg
from duidu.text.clean import clean
from duidu.text.segment import Word, segment, user_terms, warm_up

SIMPLIFIED_SEEDS = [
    "000_bf6dfff8fbad574e.txt",
    "002_a26b798a85d25e72.txt",
    "003_a7b1866d95dd2697.txt",
    "004_bae3a0f70cd3e527.txt",
]

REQUIRED = ["成渝地区双城经济圈", "县管校聘", "教共体", "双减", "产教融合", "名师名校长工作室", "职教集团", "川渝通办"]
SUGGESTED = ["职教联盟", "教育协同发展", "学分银行", "联席会议", "毗邻地区", "双城记", "长三角", "三省一市",
             "教育强市", "立德树人", "共建共享", "一体化发展"]


def seed_sentences() -> list[str]:
    out = []
    for name in SIMPLIFIED_SEEDS:
        c = clean(seed_path(name).read_text(encoding="utf-8"))
        out.extend(c.text[s.start : s.end] for s in c.sentences)
    return out


SENTENCES = seed_sentences()


def check_cover(text: str, words: list[Word]) -> None:
    at = 0
    for w in words:
        assert w.start == at
        assert w.end > w.start
        assert text[w.start : w.end] == w.text
        at = w.end
    assert at == len(text)


# -- the dictionary ------------------------------------------------------------------------


def test_userdict_file():
    path = resource_path("userdict.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "jieba" in "\n".join(lines[:5])
    terms = user_terms()
    words = [w for w, _, _ in terms]
    assert len(words) >= 60
    assert len(set(words)) == len(words)
    for w, freq, tag in terms:
        assert re.fullmatch(r"[\u4e00-\u9fff]+", w), w
        assert isinstance(freq, int) and freq > 0
        assert tag and tag.isalpha()
    for w in REQUIRED + SUGGESTED:
        assert w in words, w


@pytest.mark.parametrize("term", REQUIRED + SUGGESTED)
def test_term_is_one_word_in_a_seed_sentence(term):
    found = [s for s in SENTENCES if term in s]
    assert found, f"{term} occurs in no seed sentence"
    words = [w.text for w in segment(found[0])]
    assert term in words, "/".join(words)


@pytest.mark.parametrize("term", REQUIRED)
def test_required_term_is_one_word_everywhere_in_the_seeds(term):
    """Every occurrence is a word of its own or inside a longer user term (产教融合共同体)."""
    terms = {w for w, _, _ in user_terms()}
    n = 0
    for s in SENTENCES:
        if term in s:
            words = [w.text for w in segment(s)]
            assert s.count(term) == sum(w.count(term) for w in words if w in terms), "/".join(words)
            n += words.count(term)
    assert n >= 1


def test_every_user_term_occurrence_is_kept_or_yields_to_another_user_term():
    """A user term in the seeds is one word, inside one, or overlapped by another user term
    chosen instead (职业教育/协同发展 rather than 职业/教育协同发展)."""
    terms = {w for w, _, _ in user_terms()}
    for s in SENTENCES:
        words = segment(s)
        for term in terms:
            for m in re.finditer(re.escape(term), s):
                inside = any(w.start <= m.start() and m.end() <= w.end for w in words)
                yielded = any(w.text in terms and w.start < m.end() and m.start() < w.end
                              and w.text != term for w in words)
                assert inside or yielded, (term, "/".join(w.text for w in words))


def test_own_tokenizer_not_the_global_one():
    import jieba

    segment("县管校聘")
    assert seg._tokenizer is not None and seg._tokenizer is not jieba.dt
    assert "县管校聘" not in jieba.dt.FREQ


# -- offsets and tags ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_offsets_cover_whole_seed(name):
    text = clean(seed_path(name).read_text(encoding="utf-8")).text
    for pos in (False, True):
        words = segment(text, pos=pos)
        check_cover(text, words)
        assert len(words) > 500


def test_pos_tags():
    s = "推动成渝地区双城经济圈建设，联合推进义务教育阶段教师“县管校聘”管理改革。"
    words = segment(s, pos=True)
    check_cover(s, words)
    assert all(w.pos for w in words)
    tags = {w.text: w.pos for w in words}
    assert tags["成渝地区双城经济圈"] == "nz"
    assert tags["县管校聘"] == "nz"
    assert tags["推动"] == "v"
    assert tags["，"] == "x"
    assert [w.text for w in words] == [w.text for w in segment(s)]
    assert all(w.pos is None for w in segment(s))


def test_odd_text():
    assert segment("") == []
    assert segment("", pos=True) == []
    for s in ("𠮷野家的网站 abc  123\n\n\u3000第二行", "  ", "\n", "(STEM)教学", "a"):
        for pos in (False, True):
            check_cover(s, segment(s, pos=pos))


# -- loading -------------------------------------------------------------------------------


def test_import_does_not_load_jieba():
    code = (
        "import sys\n"
        "import duidu.text.segment, duidu.text.clean\n"
        "assert 'jieba' not in sys.modules, 'jieba imported'\n"
        "duidu.text.segment.warm_up()\n"
        "assert 'jieba' in sys.modules\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"
    assert "Building prefix dict" not in r.stderr  # jieba's logging is silenced


def test_lazy_load_is_thread_safe(monkeypatch):
    import jieba

    made = []
    real = jieba.Tokenizer

    def counting(*args, **kwargs):
        tk = real(*args, **kwargs)
        made.append(tk)
        return tk

    monkeypatch.setattr(jieba, "Tokenizer", counting)
    monkeypatch.setattr(seg, "_tokenizer", None)
    monkeypatch.setattr(seg, "_pos_tokenizer", None)
    s = "川渝通办、产教融合和名师名校长工作室"
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def run(pos: bool) -> None:
        try:
            results.append([w.text for w in segment(s, pos=pos)])
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i % 2 == 0,)) for i in range(6)]
    threads.append(threading.Thread(target=warm_up))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(made) == 1
    assert len(results) == 6
    assert all(r == ["川渝通办", "、", "产教融合", "和", "名师名校长工作室"] for r in results)


def test_traditional_documents_segment_like_simplified_ones_with_stored_offsets():
    from duidu.text.clean import clean
    from duidu.text.segment import segment_document

    stored = clean(next(seed_path().glob("001_*.txt")).read_text(encoding="utf-8")).text
    words = segment_document(stored)
    assert "".join(w.text for w in words) == stored
    assert all(stored[w.start : w.end] == w.text for w in words)
    texts = [w.text for w in words]
    # Terms of the user dictionary come out whole in their traditional spelling.
    assert "成渝地區雙城經濟圈" in texts
    assert "職教集團" in texts
    assert "名師名校長工作室" in texts
    # Plain jieba on the traditional text itself cannot do that.
    from duidu.text.segment import segment

    assert "成渝地區雙城經濟圈" not in [w.text for w in segment(stored)]


# -- jieba-rs for Han blocks ---------------------------------------------------------------


def _corpus_texts() -> list[str]:
    from pathlib import Path

    from duidu.text.script import convert

    folder = Path(__file__).parent / "data" / "corpus"
    texts = [clean(seed_path(name).read_text(encoding="utf-8")).text for name in SIMPLIFIED_SEEDS]
    texts += [convert(clean(p.read_text(encoding="utf-8")).text, "t2s").text for p in sorted(folder.glob("*.txt"))]
    texts.append("𠮷野家的网站 abc  123\r\n\r\n\u3000第二行，2026-02-09发布PM2.5浓度下降3.5%，（STEM）教学\t㐀〇鿖")
    return texts


def test_tokens_are_jiebas_words_on_the_seeds_and_corpus():
    """The import's tokenizer (jieba-rs for Han-only blocks, jieba for the rest) gives exactly
    jieba's words, offsets and all, so switching engines changes no measure or index row."""
    pytest.importorskip("rjieba", reason="rjieba not installed: tokens() is jieba's own tokenize")
    texts = _corpus_texts()
    tk = seg._load()
    assert seg._load_fast() is not None
    words = 0
    for text in texts:
        expected = list(tk.tokenize(text))
        assert seg.tokens(text) == expected
        words += len(expected)
    assert words >= 20_000  # the comparison covered real text, not a few lines


def test_tokens_fall_back_to_jieba_without_rjieba(monkeypatch):
    monkeypatch.setattr(seg, "_fast", None)  # as if rjieba were not installed
    text = _corpus_texts()[0]
    assert seg.tokens(text) == list(seg._load().tokenize(text))
