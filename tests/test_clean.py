"""duidu.text.clean on the five seeds and on synthetic texts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from duidu.paths import seed_path
from duidu.text import chars, furniture, pinyin, structure
from duidu.text.clean import CleanText, clean

SEEDS = {
    "000": "000_bf6dfff8fbad574e.txt",
    "001": "001_6a591adfc5be8ef4.txt",
    "002": "002_a26b798a85d25e72.txt",
    "003": "003_a7b1866d95dd2697.txt",
    "004": "004_bae3a0f70cd3e527.txt",
}


def body(key: str) -> str:
    return seed_path(SEEDS[key]).read_text(encoding="utf-8")


_cache: dict[str, CleanText] = {}


def cleaned(key: str) -> CleanText:
    if key not in _cache:
        _cache[key] = clean(body(key))
    return _cache[key]


# -- an independent reading finder: decompose, and look for a diacritic on Latin letters ------

_PARENS = re.compile(r"[(（]([^()（）]{1,12})[)）]")


def _is_reading(content: str) -> bool:
    bare = "".join(c for c in unicodedata.normalize("NFD", content) if not unicodedata.combining(c))
    return bare.isascii() and bare.isalpha() and bare != content and len(content) <= 7


def independent_readings(s: str) -> list[re.Match]:
    return [
        m
        for m in _PARENS.finditer(s)
        if m.start() > 0 and unicodedata.name(s[m.start() - 1], "").startswith("CJK")
        and _is_reading(m.group(1))
    ]


def independent_strip(s: str) -> str:
    out, pos = [], 0
    for m in independent_readings(s):
        out.append(s[pos : m.start()])
        pos = m.end()
    out.append(s[pos:])
    return "".join(out)


# -- seed 001: readings ------------------------------------------------------------------------


def test_seed001_readings_removed_and_counted():
    b = body("001")
    c = cleaned("001")
    found = independent_readings(b)
    assert len(found) > 250  # the seed is full of them: 網(wǎng), 區(qū), 進(jìn), 質(zhì) ...
    assert c.pinyin_removed == len(found)
    assert independent_readings(c.text) == []
    for word in ("網(wǎng)", "區(qū)", "進(jìn)", "質(zhì)"):
        assert word in b
        assert word not in c.text
    # The only tone-marked letters left are in the page's own mojibake "請?jiān)?0日", which has
    # no opening parenthesis and no Han character before it: not a reading by the rule.
    leftovers = re.findall(r"[A-Za-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü][A-Za-z]*", c.text)
    assert leftovers == ["jiān"]
    assert "請?jiān)?0日內" in c.text


def test_seed001_real_parentheses_intact():
    c = cleaned("001")
    for real in ("(王爵 王林)", "(園)", "(縣)", "(暫定名)", "(完)", "(非本網)"):
        assert real in c.text, real
    assert c.text.count("(") == 6
    assert "校(園)長掛職" in c.text
    assert "24個市區(縣)開展" in c.text


def test_seed001_nothing_but_readings_changes():
    b = body("001")
    c = cleaned("001")
    assert c.text == independent_strip(b)
    assert len(b) - len(c.text) == sum(m.end() - m.start() for m in independent_readings(b))
    assert c.map.src_len == len(b)
    assert c.map.dst_len == len(c.text)


def test_seed001_map_sends_spans_back_to_the_same_characters():
    b = body("001")
    c = cleaned("001")
    spans = [(p.start, p.end) for p in c.paragraphs] + [(s.start, s.end) for s in c.sentences]
    i = c.text.index("聯席會議第七次會議")
    spans.append((i, i + len("聯席會議第七次會議")))
    spans.append((0, len(c.text)))
    for start, end in spans:
        s0, s1 = c.map.to_src_span(start, end)
        assert independent_strip(b[s0:s1]) == c.text[start:end]
        # and forward again
        assert c.map.to_dst_span(s0, s1) == (start, end)
    # A body span over a reading maps to the text around it; one starting inside a reading
    # is tightened to the text after it, never gains a character it did not cover.
    j = b.index("網(wǎng)四川")
    k = c.text.index("網四川")
    assert c.map.to_dst_span(j, j + len("網(wǎng)四川")) == (k, k + 3)
    assert c.map.to_dst_span(j + 2, j + len("網(wǎng)四川")) == (k + 1, k + 3)


def test_unchanged_seeds_have_identity_maps():
    for key in ("000", "002", "003", "004"):
        c = cleaned(key)
        assert c.pinyin_removed == 0
        assert c.text == body(key)
        assert c.map.is_identity


# -- furniture -----------------------------------------------------------------------------------

EXPECTED_FURNITURE = {
    "000": [
        ("editor", "责任编辑:钟学丽"),
        ("navigation", "经典小说推荐"),
        ("navigation", "杂志订阅"),
        ("links", "友情链接"),
    ],
    "001": [
        ("navigation", "中新社四川分社正文"),
        ("navigation", "首頁 > scxw > 中新網四川"),
        ("byline", "2024年10月30日 09:54 來源:中新網四川 編輯:曹惠君"),
        ("caption", "會議現場。曾誠 攝"),
        ("caption", "會議現場。曾誠 攝"),
        ("caption", "簽約儀式現場。曾誠 攝"),
        ("caption", "簽約儀式現場。曾誠 攝"),
        ("copyright", "中國新聞網·四川新聞版權與免責聲明:"),
        ("copyright", None),  # the notice: "① 凡本網注明..." to the telephone number
    ],
    "002": [],
    "003": [],
    "004": [
        ("byline", "2025-10-08 19:52:41 来源: 第1眼TV-华龙网"),
        ("editor", "责任编辑:姚辉省"),
        ("comments", "发言请遵守新闻跟帖服务协议"),
    ],
}


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_excluded_lines_are_exactly_the_furniture(key):
    c = cleaned(key)
    got = [(e.reason, c.text[e.start : e.end]) for e in c.excluded]
    expected = EXPECTED_FURNITURE[key]
    assert [r for r, _ in got] == [r for r, _ in expected]
    for (_, line), (_, want) in zip(got, expected):
        if want is not None:
            assert line == want


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_excluded_are_whole_paragraphs_sorted_and_disjoint(key):
    c = cleaned(key)
    paras = {(p.start, p.end) for p in c.paragraphs}
    last_end = -1
    for e in c.excluded:
        assert (e.start, e.end) in paras
        assert e.start > last_end
        last_end = e.end
        assert e.reason in {"navigation", "caption", "copyright", "editor", "byline", "comments", "links"}


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_article_text_is_never_excluded(key):
    """Every paragraph that is not listed furniture is kept, titles and body alike."""
    c = cleaned(key)
    excluded = {(e.start, e.end) for e in c.excluded}
    kept = [c.text[p.start : p.end] for p in c.paragraphs if (p.start, p.end) not in excluded]
    assert len(kept) == len(c.paragraphs) - len(EXPECTED_FURNITURE[key])
    n_body = sum(1 for line in kept if len(line) > 60 and line.count("。") >= 1)
    assert n_body == {"000": 11, "001": 7, "002": 54, "003": 14, "004": 13}[key]


def test_seed001_article_paragraphs_kept():
    c = cleaned("001")
    excluded = [c.text[e.start : e.end] for e in c.excluded]
    for needle in ("聯席會議第七次會議", "全方位合作 川渝毗鄰地區將共同推進教育高質量發展",
                   "會上,廣安、自貢", "余孝其表示", "劉宴兵表示", "廣安理工學院(暫定名)"):
        assert needle in c.text
        assert not any(needle in line for line in excluded), needle
    notice = [line for line in excluded if line.startswith("①")]
    assert len(notice) == 1 and notice[0].endswith("+86-28-62938795")
    # The copyright block is the end of the document.
    assert c.excluded[-1].end == c.paragraphs[-1].end


def test_seed000_and_004_tails_excluded_body_kept():
    c = cleaned("000")
    reasons = {c.text[e.start : e.end]: e.reason for e in c.excluded}
    assert reasons == {"责任编辑:钟学丽": "editor", "经典小说推荐": "navigation",
                       "杂志订阅": "navigation", "友情链接": "links"}
    first_body = c.paragraphs[2]
    assert c.text[first_body.start:].startswith("党的二十大报告指出")
    assert all(not (e.start <= first_body.start < e.end) for e in c.excluded)
    # A signed article names its author: that line is document, not furniture.
    assert "作者: 刘宴兵" not in reasons
    assert "作\u00a0 者:中共重庆市委教育工作委员会书记、重庆市教育委员会主任" in c.text
    assert not any(line.startswith("作") for line in reasons)

    c = cleaned("004")
    reasons = {c.text[e.start : e.end]: e.reason for e in c.excluded}
    assert reasons["发言请遵守新闻跟帖服务协议"] == "comments"
    assert reasons["责任编辑:姚辉省"] == "editor"
    for kept in ("典型案例展示丨国家级新区联动 携手共建教育高质量协同发展标杆", "牵头单位:重庆两江新区教育局",
                 "一、背景意义", "三、经验启示"):
        assert kept not in reasons


def test_synthetic_furniture_rules_both_scripts():
    lines = [
        "当前位置：首页 > 新闻中心 > 正文",           # navigation
        "首页 > 教育 > 正文",                        # navigation
        "标题：推进教育协同发展",                     # kept
        "2024年3月1日 来源：教育部",                  # byline
        "發布時間：2024-03-01 10:00",                 # byline
        "2024年3月1日，教育部发布了《关于推进教育协同发展的通知》。",  # kept (a sentence)
        "2024年3月1日",                               # kept (a document's date)
        "（记者 张三 摄）",                           # caption
        "图为签约仪式现场。新华社记者 李四 摄",       # caption
        "正文内容中用相机拍摄",                       # kept
        "【責任編輯：王五】",                         # editor
        "编辑 工作要求",                              # kept: no colon after a generic role
        "友情鏈接：人民網 新華網",                   # links
        "網友評論",                                   # comments
        "0条评论",                                    # comments
        "上一篇：重庆教育强市建设规划",               # navigation
        "打印本页 | 关闭窗口",                        # navigation
        "A > B",                                      # kept (two steps, no home)
        "加强版权所有人合法权益保护",                 # kept
        "Copyright © 2024 某某网 版权所有",           # copyright
        "苏ICP备12345678号",                          # copyright
        "版權聲明：",                                 # copyright (heading near the end)
        "本站所有文章未經許可不得轉載。",             # copyright (after the heading)
    ]
    c = clean("\n".join(lines))
    got = {c.text[e.start : e.end]: e.reason for e in c.excluded}
    assert got == {
        "当前位置：首页 > 新闻中心 > 正文": "navigation",
        "首页 > 教育 > 正文": "navigation",
        "2024年3月1日 来源：教育部": "byline",
        "發布時間：2024-03-01 10:00": "byline",
        "（记者 张三 摄）": "caption",
        "图为签约仪式现场。新华社记者 李四 摄": "caption",
        "【責任編輯：王五】": "editor",
        "友情鏈接：人民網 新華網": "links",
        "網友評論": "comments",
        "0条评论": "comments",
        "上一篇：重庆教育强市建设规划": "navigation",
        "打印本页 | 关闭窗口": "navigation",
        "Copyright © 2024 某某网 版权所有": "copyright",
        "苏ICP备12345678号": "copyright",
        "版權聲明：": "copyright",
        "本站所有文章未經許可不得轉載。": "copyright",
    }


def test_copyright_heading_far_from_the_end_does_not_swallow_the_article():
    articles = [f"第{i}条 本办法所称作品，是指文学、艺术和科学领域内的智力成果。" for i in range(30)]
    c = clean("\n".join(["版权声明"] + articles))
    assert c.excluded == ()
    c = clean("\n".join(articles + ["版权声明"] + articles[:3]))
    assert [c.text[e.start : e.end] for e in c.excluded] == ["版权声明"] + articles[:3]
    c = clean("第一条 为了规范版权声明的使用，制定本办法。\n第二条 版权所有人的权利受法律保护。")
    assert c.excluded == ()


# -- paragraphs and sentences ----------------------------------------------------------------


def check_structure(c: CleanText) -> None:
    text = c.text
    ws = " \t\r\n\u3000\u00a0"
    # paragraphs: exactly the non-blank lines, trimmed, in order
    lines = [line.strip(ws) for line in text.split("\n") if line.strip(ws)]
    assert [text[p.start : p.end] for p in c.paragraphs] == lines
    prev = -1
    for p in c.paragraphs:
        assert prev < p.start < p.end
        assert "\n" not in text[p.start : p.end]
        assert text[p.start] not in ws and text[p.end - 1] not in ws
        prev = p.end
    # sentences: inside their paragraph, sorted, covering it but for whitespace
    by_para: dict[int, list] = {}
    prev = -1
    for s in c.sentences:
        p = c.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        assert s.start >= prev
        prev = s.end
        assert text[s.start] not in ws and text[s.end - 1] not in ws
        by_para.setdefault(s.paragraph, []).append(s)
    assert sorted(by_para) == list(range(len(c.paragraphs)))
    for i, p in enumerate(c.paragraphs):
        ss = by_para[i]
        assert ss[0].start == p.start and ss[-1].end == p.end
        for a, b in zip(ss, ss[1:]):
            assert text[a.end : b.start].strip(ws) == ""


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_paragraphs_and_sentences_cover_the_seeds(key):
    c = cleaned(key)
    check_structure(c)
    assert len(c.sentences) > len(c.paragraphs)


def test_sentences_end_after_final_marks_and_keep_closers():
    text = "他说：“这很好。”然后走了……大家都笑了！真的吗？是的；好!\n　　第二段(完)。 下一句"
    c = clean(text)
    check_structure(c)
    got = [text[s.start : s.end] for s in c.sentences]
    assert got == ["他说：“这很好。”", "然后走了……", "大家都笑了！", "真的吗？", "是的；", "好!",
                   "第二段(完)。", "下一句"]
    assert [s.paragraph for s in c.sentences] == [0, 0, 0, 0, 0, 0, 1, 1]


def test_ascii_marks_inside_urls_do_not_split():
    text = "详见 http://example.com/a.php?id=1&x=2 页面。第二句"
    c = clean(text)
    assert [text[s.start : s.end] for s in c.sentences] == [
        "详见 http://example.com/a.php?id=1&x=2 页面。", "第二句"]


def test_astral_characters_and_fullwidth_readings():
    body_ = "\u3000\u3000𠮷(jí)野家（jiā）的網(wǎng)站。(STEM)课程(ma)与(lǜ)色(Chinese)\n\n  A(wǎng) 二行！  \n"
    c = clean(body_)
    assert c.text == "\u3000\u3000𠮷野家的網站。(STEM)课程(ma)与色(Chinese)\n\n  A(wǎng) 二行！  \n"
    assert c.pinyin_removed == 4
    check_structure(c)
    assert [c.text[p.start : p.end] for p in c.paragraphs] == [
        "𠮷野家的網站。(STEM)课程(ma)与色(Chinese)", "A(wǎng) 二行！"]
    i = c.text.index("𠮷")
    assert c.map.to_src_span(i, i + 1) == (body_.index("𠮷"), body_.index("𠮷") + 1)
    j = c.text.index("網站")
    s0, s1 = c.map.to_src_span(j, j + 2)
    assert body_[s0:s1] == "網(wǎng)站"
    # astral character as the last one of a sentence and of the text
    c = clean("好𠮷。𠮷")
    assert [c.text[s.start : s.end] for s in c.sentences] == ["好𠮷。", "𠮷"]


def test_no_normalisation_of_compatibility_ideographs():
    body_ = "\uf900\uf901\u2f00(wǎng)理\uff08ｘ）"  # 豈 更 ⼀ (a Kangxi radical: not Han, reading stays)
    c = clean(body_)
    assert c.text == body_
    assert c.pinyin_removed == 0
    c = clean("\uf900(qǐ)")
    assert c.text == "\uf900"


def test_empty_and_blank_bodies():
    for b in ("", "\n", "  \u3000\n\t\n"):
        c = clean(b)
        assert c.text == b
        assert c.paragraphs == () and c.sentences == () and c.excluded == ()


def test_twenty_megabytes_clean_correctly():
    # (How fast is measured by `make bench`, not asserted here.)
    seeds = "\n".join(body(k) for k in sorted(SEEDS))
    big = (seeds + "\n") * (20_000_000 // (len(seeds) + 1) + 1)
    assert len(big) >= 20_000_000
    c = clean(big)
    copies = big.count("中新社四川分社正文")
    assert c.pinyin_removed == copies * cleaned("001").pinyin_removed
    # Every copy's furniture but seed 001's copyright block, which only counts near the end of a
    # document (here the text ends with seed 004).
    per_copy = sum(len(v) for v in EXPECTED_FURNITURE.values())
    assert len(c.excluded) == copies * (per_copy - 2)


# -- one definition of Han characters and whitespace (duidu.text.chars) ----------------------

# One character of every Han block (Extensions H and I are newer than some Unicode databases).
HAN_PROBES = ["\u3400", "\u4e00", "\u9fff", "\uf900", "\ufa6d", "\U00020000", "\U0002a700",
              "\U0002b740", "\U0002b820", "\U0002ceb0", "\U0002ebf0", "\U0002f800", "\U00030000",
              "\U00031350", "\U000323af"]
NOT_HAN = ["〇", "、", "a", "\u2f00", "\u3000", "\uff21", "\U0002a6e0", "\U0002fa20", "\U000323b0"]


def test_han_is_every_unified_and_compatibility_ideograph():
    for ch in HAN_PROBES:
        assert chars.is_han(ch) and chars.count_han(ch * 3 + "ab") == 3, hex(ord(ch))
    for ch in NOT_HAN:
        assert not chars.is_han(ch) and not chars.has_han(ch), hex(ord(ch))
    # Every ideograph up to Extension I that this Python's Unicode database knows of (whatever
    # its version) is Han, and every assigned character in the Han ranges is one.
    for cp in range(0x3000, 0x323B0):
        name = unicodedata.name(chr(cp), "")
        ideograph = name.startswith(("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-"))
        if ideograph or (name and chars.is_han(chr(cp))):
            assert ideograph and chars.is_han(chr(cp)), f"U+{cp:04X} {name}"


def test_text_layer_modules_agree_on_han():
    for ch in HAN_PROBES:
        # a reading after any Han character is stripped
        text, _, removed = pinyin.strip_readings(f"{ch}(wǎng)")
        assert (text, removed) == (ch, 1), hex(ord(ch))
        # a caption credit names people written in any Han characters
        assert furniture.is_caption(f"会议现场。{ch}{ch} 摄", furniture.Context([])), hex(ord(ch))


def test_one_whitespace_for_the_text_layer():
    assert structure.WHITESPACE is chars.WHITESPACE
    assert {" ", "\t", "\u3000", "\u00a0", "\u200b", "\ufeff"} <= chars.WHITESPACE_SET
    assert chars.is_blank("\u3000\u00a0 \u200b\n") and not chars.is_blank("\u3000中")
    c = clean("\u2002\u202f中文。\u205f\n\u200b\n")
    assert [c.text[p.start : p.end] for p in c.paragraphs] == ["中文。"]


def test_han_ranges_are_defined_only_in_chars():
    # Another copy of the ranges drifts from this one: modules import duidu.text.chars instead.
    package = Path(chars.__file__).resolve().parent.parent
    copies = [str(path.relative_to(package)) for path in sorted(package.rglob("*.py"))
              if path.name != "chars.py" and re.search(r"\\u4e00|\\u3400|\\U00020000",
                                                        path.read_text(encoding="utf-8"))]
    assert copies == []
