"""Measures: the policy actions a document states, grouped across documents however worded.

A reviewer reading 31 provincial reports — or Chongqing against Sichuan — asks "which actions
do they share?": 提振消费专项行动, 以旧换新, 两重/两新, 人工智能+, or 职教集团 and 名师名校长工作室,
even where one writes 成立6个职教集团 and the other 舉辦6個職教集團. Four sources find them:

* nationally standard programme names and slogans (``resources/slogans.toml``: 两新, 两重,
  双减, 人工智能+ with their long forms and the central documents defining them), matched as
  written on the simplified text;
* the document's own definitions of a short form — “两重”（国家重大战略实施和重点领域安全能力建设）,
  …（简称“三个一批”）: the short form and the long one name one measure in that document;
* the lexicon (``resources/measures.toml``): canonical name and variant phrases, matched on the
  key form (simplified, punctuation dropped), longest variant first;
* a pattern over jieba words: an action verb (建立, 共建, 推进, 实施, 发展 …) followed in the
  same clause by an object whose head noun names a measure (机制, 平台, 行动, 工程, 经济,
  园区, 试验区 …). The measure is named by the *object*, not the verb: 推进/建设/共建 X → X.
  Numerals, quantifiers, place names, adverbs and 的-phrases are dropped from the name, a
  negation or scope prefix is kept (非义务教育 is not 义务教育).

Every measure gets a policy area (its category: 经济, 产业, 科技, 教育, 民生, 生态 … from the cue
words of ``resources/policy_cues.toml`` in its name, then its clause, then the heading of its
part of the document) and a Rothwell & Zegveld instrument type (供给型 / 环境型 / 需求型).
Across documents ``measure_table`` groups by name and then by meaning: names with one head noun
whose modifiers differ little (character-level similarity) or only by a leading qualifier
(京津冀国际科技创新中心 / 国际科技创新中心) are one measure — never across a negation.

Only clauses that hold both a verb and a head noun are segmented (POS pass), so extraction is
linear and cheap enough for a 500k-character document; the library caches it at import.
Furniture is ignored; every span indexes the stored text and ``doc.text[start:end] == text``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sized, Sequence

from duidu.engine.document import EngineDocument, Span
from duidu.engine.per_document import per_document
from duidu.paths import resource_path
from duidu.text.chars import HAN_CLASS
from duidu.text.keyform import query_key

__all__ = ["AREAS", "CATEGORIES", "INSTRUMENTS", "OTHER", "LexiconEntry", "MeasureCount", "MeasureMention", "MeasureRow",
           "area_of", "by_region", "extract_measures", "instrument_of", "lexicon", "measure_counts", "measure_table", "slogans"]

LEXICON = "measures.toml"
SLOGANS = "slogans.toml"
CUES = "policy_cues.toml"
OTHER = "其他"
# Policy areas, in table order (the chapters of a government work report), then the catch-all.
AREAS = ("经济", "产业", "科技", "教育", "民生", "生态", "农业农村", "区域", "开放", "文化", "治理", "安全")
CATEGORIES = (*AREAS, OTHER)
INSTRUMENTS = ("供给型", "环境型", "需求型")  # Rothwell & Zegveld: supply, environment, demand

# Action verbs. A measure is named by its object, so the verb only has to be recognised.
VERBS = frozenset("""
建立 组建 成立 设立 创建 搭建 构建 筹建 新建 组织 建成 共建 合建 联建 共同建设 联合打造 共同打造 打造 建好 建强
培育 建设 建 完善 健全 优化 改进 迭代 推进 推动 深化 实施 开展 加强 强化 落实 加快 探索 实行 推行 举办 召开 承办
主办 制定 制订 签订 签署 出台 印发 发展 壮大 开拓 启动 部署 争创 布局 谋划 扩大 提升 支持 促进 用好 办好 做强 做优
做大 推广 引进 开通 开工 创办 实现 抓好 建造 筹办 设置 申建 拓展 提振 激发 推出 开设 参与 承接 认定 升级 剥离 打好 打赢
""".split())
# A verb word jieba glues to its adverb (大力发展, 加快建设) is still the verb.
ADVERBS = ("大力", "加快", "深入", "积极", "全面", "持续", "着力", "扎实", "稳步", "有序", "协同", "统筹", "高标准",
           "高质量", "加力", "全力", "进一步", "继续", "不断", "共同", "联合")
# Head nouns of a measure's object (a jieba word ending in one counts: 工作机制, 职教集团).
HEADS = ("机制", "制度", "体制", "平台", "联盟", "共同体", "联合体", "工作室", "试验区", "示范区", "实验区", "先行区",
         "集团", "项目", "计划", "工程", "基地", "中心", "集聚区", "体系", "协议", "方案", "联席会", "论坛", "大赛", "学院",
         "研究院", "实验室", "智库", "生态圈", "工坊", "行动", "经济", "产业", "园区", "集群", "走廊", "通道",
         "枢纽", "新城", "试点", "战略", "政策", "补贴", "市场", "更新", "改造", "振兴", "工厂", "博览会", "大会",
         "展会", "开发区", "自贸区", "都市圈", "经济圈", "经济带", "城市群", "产业链", "供应链", "基金", "清单",
         "网络", "设施", "改革", "专区", "港", "城", "标准", "创新带", "服务圈", "生活圈", "制造", "服务", "保障", "保险", "医院", "公园", "赛事")
# Leading words of an object that say where, how many or how, not what (好/强: 建好, 建强).
PLACES = frozenset("两地 双方 各地 三省一市 两省市 我市 全市 全省 本市 我省 我区 全区 本省 自治区 成渝地区双城经济圈 双城经济圈 "
                   "长江经济带 各级 各类 各种 一批 一系列 若干 多个 一些 更多 相关 有关 各项 多种 好 强 "
                   "高质量 高水平 更高水平 高标准 新一轮 全方位 多层次 今年 明年 年内 当前 近年 目前 "
                   "进一步 持续 全面 深入 不断 积极 加快 大力 着力 切实 稳步 有序 逐步 统筹 协同 努力 更加 更好 剩余 其余 现有".split())
_GENERIC = frozenset("专项 有关 相关 各项 系列 这项 此项".split())  # modifiers that name nothing
NEGATIONS = frozenset("非 不 无 未 反 去".split())  # kept with the word after them: 非义务教育
# Verbs that open a new predicate: an object never runs past them (设施建设纳入…项目).
STOP_VERBS = frozenset("纳入 作为 成为 覆盖 达到 实现 形成 提供 取得 为 是 达 增长 提高 超过 "
                       "可以 应当 必须 不得 进行".split())  # 银行|可以|配合…: a modal opens a predicate
SKIP_POS = ("m", "q", "r", "ns", "x")
WINDOW = 10  # words from the verb to the head noun
MAX_NAME = 16  # key characters of a derived object name (longer ones keep their last words)
_CLAUSE = re.compile(r"[^，,；;。：:！？!?\s][^，,；;。：:！？!?\n\r]*")  # 、 stays inside: it joins objects
_VERB_RE = re.compile("|".join(sorted(map(re.escape, VERBS), key=len, reverse=True)))
_HEAD_RE = re.compile("|".join(map(re.escape, HEADS)))
_HEAD_SET, _HEAD_LONGEST = frozenset(HEADS), max(map(len, HEADS))
_HEAD_TAILS = frozenset(h[k:] for h in HEADS for k in range(1, len(h)))  # 区 of 集聚|区: a head cut in two
_WHEN = frozenset("前 后 时 期间 期内 以前 以后 之前 之后".split())  # 实施|前: a time, not an action
_JOINERS = frozenset("、 和 与 及 以及 等".split())  # 等 first in an object: the list before it ended
_OPENERS, _CLOSERS = "“‘「『《(（", "”’」』》)）"
_COUNTED = re.compile(r"^[一二三四五六七八九十两]+大$")  # 六大|未来产业: the count of a set, not its name
_NUMERIC = re.compile(r"^[0-9０-９.．零〇一二三四五六七八九十百千万亿两第首余多个所名项次届对家类]+$")
# A heading of a report's part: （三）…, 三、…, 3. … (its first sentence names the area).
_HEADING = re.compile(r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、])")
# A document's own definition of a short form: “两重”（…）, …（简称“X”）.
_DEFINED_AFTER = re.compile(r"[“\"]([^”\"\n，。]{2,8})[”\"][（(]([^（）()\n]{4,40})[）)]")
_DEFINED_BEFORE = re.compile(r"([^\s，,。；;、：:“”（）()]{4,30})[（(](?:以下)?简称[“\"]([^”\"）)\n]{2,8})[”\"][）)]")


@dataclass(frozen=True)
class LexiconEntry:
    name: str
    category: str  # the policy area
    variants: tuple[str, ...]
    instrument: str = ""


@dataclass(frozen=True)
class MeasureMention:
    measure: str  # canonical (lexicon, slogan) or derived (pattern: the object) name, simplified
    category: str  # the policy area (AREAS) or OTHER
    start: int  # offsets in the stored text
    end: int
    text: str  # doc.text[start:end]
    source: str  # "slogan" | "defined" | "lexicon" | "pattern"


@dataclass(frozen=True)
class MeasureRow:
    name: str
    category: str
    mentions: dict[int, tuple[tuple[int, int], ...]]  # document id -> evidence spans
    instrument: str = ""  # 供给型 | 环境型 | 需求型 | "" (no cue)
    names: tuple[str, ...] = field(default=())  # every name grouped into this row (the wordings)

    @property
    def documents(self) -> tuple[int, ...]:
        return tuple(self.mentions)


_word_key = lru_cache(maxsize=1 << 16)(query_key)  # words recur; OpenCC per word is slow


@lru_cache(maxsize=1)
def lexicon() -> tuple[LexiconEntry, ...]:
    """The measure lexicon, variants in key form; a bad area or instrument is an error, not a guess."""
    data = tomllib.loads(resource_path(LEXICON).read_text(encoding="utf-8"))
    entries = []
    for item in data.get("measure", []):
        if item["area"] not in AREAS or item.get("instrument", "供给型") not in INSTRUMENTS:
            raise ValueError(f"{LEXICON}: {item['name']}: unknown area or instrument")
        variants = tuple(dict.fromkeys(k for k in (query_key(v) for v in item["variants"]) if k))
        entries.append(LexiconEntry(query_key(item["name"]), item["area"], variants, item.get("instrument", "")))
    return tuple(entries)


@dataclass(frozen=True)
class Slogan:
    name: str
    area: str
    instrument: str
    variants: tuple[str, ...]
    not_before: tuple[str, ...]
    source: str
    not_after: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def slogans() -> tuple[Slogan, ...]:
    data = tomllib.loads(resource_path(SLOGANS).read_text(encoding="utf-8"))
    out = []
    for item in data["slogan"]:
        if item["area"] not in AREAS or item["instrument"] not in INSTRUMENTS:
            raise ValueError(f"{SLOGANS}: {item['name']}: unknown area or instrument")
        out.append(Slogan(item["name"], item["area"], item["instrument"], tuple(item["variants"]),
                          tuple(item.get("not_before", ())), item["source"], tuple(item.get("not_after", ()))))
    return tuple(out)


@lru_cache(maxsize=1)
def _slogan_re() -> tuple[re.Pattern, dict[str, Slogan]]:
    by_variant = {v.replace("＋", "+"): s for s in slogans() for v in s.variants}
    parts = [re.escape(v).replace(r"\+", "[+＋]") for v in sorted(by_variant, key=len, reverse=True)]
    return re.compile("|".join(parts)), by_variant


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(area cues, instrument cues, the area cues that are not weak)."""
    data = tomllib.loads(resource_path(CUES).read_text(encoding="utf-8"))
    area = tuple((c, a) for a, cues in data["area"].items() for c in cues)
    instrument = tuple((c, i) for i, cues in data["instrument"].items() for c in cues)
    weak = frozenset(data["weak"]["area"])
    return area, instrument, tuple(c for c in area if c[0] not in weak)


def _nearest_cue(text: str, cues: tuple[tuple[str, str], ...]) -> str:
    """The label of the cue ending nearest the end of ``text`` (a longer one wins a tie, then
    the first listed), or "". Read from the end, trying only the cues that end in each
    character (was: every cue looked for in the text, ~300 searches a call)."""
    by_last = _by_last_char(cues)
    for end in range(len(text), 0, -1):
        found = by_last.get(text[end - 1])
        if found:
            for cue, label in found:  # longest first
                if end >= len(cue) and text.startswith(cue, end - len(cue)):
                    return label
    return ""


@lru_cache(maxsize=8)
def _by_last_char(cues: tuple[tuple[str, str], ...]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for n, (cue, label) in sorted(enumerate(cues), key=lambda c: (-len(c[1][0]), c[0])):
        if cue:
            out.setdefault(cue[-1], []).append((cue, label))
    return out


@lru_cache(maxsize=1 << 14)
def area_of(name: str, *contexts: str) -> str:
    """The policy area of a measure: by its name's cues, else its clause's, else its heading's; else OTHER."""
    area_cues, _, strong_cues = _cues()
    for text in (name, *contexts):
        strong = _nearest_cue(text, strong_cues)
        if strong:
            return strong
    for text in (name, *contexts):
        label = _nearest_cue(text, area_cues)
        if label:
            return label
    return OTHER


@lru_cache(maxsize=1 << 14)
def instrument_of(name: str) -> str:
    """Rothwell & Zegveld instrument type of a measure name (a known entry's own, else by cue), or ""."""
    known = _known().get(name)
    if known is not None and known[1]:
        return known[1]
    return _nearest_cue(name, _cues()[1])


@lru_cache(maxsize=1)
def _known() -> dict[str, tuple[str, str]]:
    """Canonical names of the lexicon and the slogans -> (area, instrument)."""
    out = {e.name: (e.category, e.instrument) for e in lexicon()}
    out.update({s.name: (s.area, s.instrument) for s in slogans()})
    return out


@lru_cache(maxsize=1)
def _variants() -> dict[str, LexiconEntry]:
    index: dict[str, LexiconEntry] = {}
    for entry in lexicon():
        for v in (*entry.variants, entry.name):
            index.setdefault(v, entry)
    return index


class _Spans:
    """Sorted, non-overlapping spans of the stored text, looked up by position."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def index(self, pos: int) -> int:
        """The span holding ``pos``, or -1."""
        k = bisect_right(self.starts, pos) - 1
        return k if k >= 0 and pos < self.ends[k] else -1

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, end - 1) - 1
        return k >= 0 and self.ends[k] > start


def _sentences(doc: EngineDocument) -> _Spans:
    spans = doc.sentences or doc.paragraphs or (Span(0, len(doc.text)),)
    return _Spans([(s.start, s.end) for s in spans])


class _Headings:
    """The heading each position of the (simplified) text stands under, and its paragraph's lead."""

    def __init__(self, s: str) -> None:
        self.s = s
        self.breaks = [m.start() for m in re.finditer(r"\n", s)]
        self.at: list[int] = []
        self.text: list[str] = []
        start = 0
        for end in (*self.breaks, len(s)):
            line = s[start:end]
            if _HEADING.match(line):
                self.at.append(start)
                self.text.append(re.split(r"[。；;]", line, maxsplit=1)[0][:60])
            start = end + 1

    def contexts(self, pos: int) -> tuple[str, ...]:
        k = bisect_right(self.breaks, pos - 1)
        para = self.breaks[k - 1] + 1 if k else 0
        lead = re.split(r"[。；;：:]", self.s[para:para + 80], maxsplit=1)[0]
        j = bisect_right(self.at, pos) - 1
        return (lead, self.text[j]) if j >= 0 else (lead,)


def _balanced(text: str, s: int, e: int) -> tuple[int, int]:
    """Widen a span by one quote or bracket so it does not open or close one alone."""
    piece = text[s:e]
    opens = sum(piece.count(c) for c in _OPENERS)
    closes = sum(piece.count(c) for c in _CLOSERS)
    if closes > opens and s > 0 and text[s - 1] in _OPENERS:
        s -= 1
    elif opens > closes and e < len(text) and text[e] in _CLOSERS:
        e += 1
    return s, e


def _verb(word) -> bool:
    """An action verb, alone, after its adverb (大力发展) or doubled (建立健全)."""
    t = word.text
    return t in VERBS or (len(t) > 2 and t.startswith(ADVERBS) and t[2:] in VERBS) or (
        len(t) == 4 and t[:2] in VERBS and t[2:] in VERBS)


def _acts(words: list, i: int) -> bool:
    """Whether the verb at ``words[i]`` acts on what follows (not 建立健全, 落实的, 圈建设)."""
    nxt = next((w for w in words[i + 1:] if w.pos != "x"), None)
    if nxt is None or _verb(nxt) or nxt.text == "的" or nxt.text in _WHEN:
        return False  # 建立健全: the last verb of a run takes the object; 实施|前: a time, no action
    prev = words[i - 1] if i else None
    if prev is not None and prev.pos == "a" and len(prev.text) == 1 and prev.text not in ("好", "强"):
        return False  # 贯彻新|发展|理念: an adjective makes the verb a noun (新发展理念)
    # 建设 after a noun is the noun "construction" (共同体建设实施方案), not the verb.
    return not (words[i].text in ("建设", "发展", "改革") and prev is not None
                and (prev.pos or "").startswith(("n", "v")) and not _verb(prev))


def _in_body(doc_text_span: tuple[int, int], sentences: _Spans, excluded: _Spans) -> bool:
    s, e = doc_text_span
    k = sentences.index(s)
    return k >= 0 and sentences.index(e - 1) == k and not excluded.overlaps(s, e)


def _slogan_mentions(doc: EngineDocument, s: str, smap, sentences: _Spans, excluded: _Spans) -> list[MeasureMention]:
    """Nationally standard programmes (the table) and the document's own short forms with their long ones."""
    pattern, by_variant = _slogan_re()
    hits: list[tuple[int, int, str, str]] = []  # start, end (simplified text), name, area
    for m in pattern.finditer(s):
        slogan = by_variant[m.group().replace("＋", "+")]
        after = m.end() + (1 if s[m.end():m.end() + 1] in _CLOSERS + "\"" else 0)  # “两新”组织
        if any(s.startswith(w, after) for w in slogan.not_before) or any(
                s.endswith(w, 0, m.start()) for w in slogan.not_after):
            continue
        hits.append((m.start(), m.end(), slogan.name, slogan.area))
    known = set(by_variant)
    lexical = _variants()
    defined: dict[str, tuple[str, str]] = {}  # short or long form -> (name, area)
    for rx, short_first in ((_DEFINED_AFTER, True), (_DEFINED_BEFORE, False)):
        for m in rx.finditer(s):
            short, long_ = (m.group(1), m.group(2)) if short_first else (m.group(2), m.group(1))
            if short in known or long_ in known or not re.search(HAN_CLASS + "{2}", short):
                continue
            if query_key(short) in lexical or query_key(long_) in lexical:
                continue  # the lexicon names it (教共体 is 基础教育发展共同体)
            if re.fullmatch(r"[\d\s—–\-年月日至〜~]+", long_) or "年" in short[-1:]:
                continue  # “十五五”（2026—2030年）: a period, not a measure
            area = area_of(query_key(long_), s[max(0, m.start() - 40):m.end() + 40])
            defined.setdefault(short, (short, area))
            defined.setdefault(long_, (short, area))
    for form, (name, area) in defined.items():
        for m in re.finditer(re.escape(form), s):
            hits.append((m.start(), m.end(), name, area))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out, end = [], 0
    for a, b, name, area in hits:  # leftmost, then longest, never overlapping
        if a < end:
            continue
        end = b
        src = smap.to_src_span(a, b)
        if not _in_body(src, sentences, excluded):
            continue
        st, en = _balanced(doc.text, *src)
        source = "defined" if name in defined else "slogan"
        out.append(MeasureMention(name, area, st, en, doc.text[st:en], source))
    return out


def _lexicon_mentions(doc: EngineDocument, sentences: _Spans, taken: _Spans) -> list[MeasureMention]:
    key = doc.keyform.text
    hits = []
    for variant, entry in _variants().items():  # str.find per variant: linear, in C
        at = key.find(variant)
        while at >= 0:
            hits.append((at, -len(variant), entry))
            at = key.find(variant, at + 1)
    hits.sort(key=lambda h: (h[0], h[1]))
    out, end = [], 0
    for at, neg, entry in hits:  # leftmost, then longest, never overlapping
        if at < end:
            continue
        end = at - neg
        s, e = doc.keyform.map.to_src_span(at, end)
        k = sentences.index(s)
        if k < 0 or sentences.index(e - 1) != k or taken.overlaps(s, e):
            continue  # the key form dropped a sentence break inside the phrase, or a slogan holds it
        s, e = _balanced(doc.text, s, e)
        out.append(MeasureMention(entry.name, entry.category, s, e, doc.text[s:e], "lexicon"))
    return out


@lru_cache(maxsize=1 << 14)  # asked again for every pair a measure is grouped in
def _head_of(name: str) -> str:
    """The longest head noun ending ``name`` (its endings looked up, not every head tried)."""
    return next((name[-k:] for k in range(min(len(name), _HEAD_LONGEST), 0, -1) if name[-k:] in _HEAD_SET), "")


@lru_cache(maxsize=1 << 14)  # pure in the name, asked for every table it is in
def _bucket(name: str) -> str | None:
    """The head noun and the two characters before it: names compared for grouping share it."""
    head = _head_of(name)
    return name[-len(head) - 2:] if head else None


def _name_of(words: list) -> str:
    """``_object_name`` when it names something beyond its head noun, else ""."""
    if any(w.text == "所谓" for w in words[:3]):
        return ""  # 组织所谓“东南亚防务集团”: a name the text disowns, another party's doing
    name = _object_name(words)
    if name in PLACES or name[:-len(_head_of(name)) or None] in _GENERIC:
        return ""  # 成渝地区双城经济圈: where, not what; 专项行动: which one is not said
    return name if len(name) >= len(_head_of(name)) + 2 else ""


def _object_name(words: list) -> str:
    """The normalised name of an object phrase (its words, head noun last; a negation kept)."""
    for k in range(len(words) - 1, -1, -1):
        if words[k].text == "的":
            words = words[k + 1:]
            break
    k = places = 0
    while k < len(words) - 1 and words[k].text not in NEGATIONS and words[k].text not in _OPENERS and (
            words[k].pos in SKIP_POS or words[k].text in PLACES or _NUMERIC.match(words[k].text)
            or _COUNTED.match(words[k].text) or words[k].text in _JOINERS
            # 亿元|以上|项目: a figure's qualifier goes with the figure (not 省|以下, no figure before it)
            or (k and words[k].pos == "f" and words[k - 1].pos in ("m", "q"))):
        places += words[k].pos == "ns"
        k += 1
    rest = "".join(w.text for w in words[k:])
    modifier = rest[:len(rest) - len(_head_of(rest))]
    if places and (not modifier or modifier in VERBS or modifier in _GENERIC or modifier in PLACES):
        k = 0  # 支持|皖北|发展政策: without the place the name says nothing (发展政策), so it stays
    quoted = words[k].text in _OPENERS  # “四单合一”机制: a quoted name is kept whole
    keys: list[str] = []
    for w in words[k:]:
        key = _word_key(w.text)
        if not key:
            continue
        if keys and keys[-1] in NEGATIONS:
            keys[-1] += key  # 非 + 义务教育: one piece, never cut apart
        else:
            keys.append(key)
    # A one-character piece left in front of what was dropped is a cut place name or measure word
    # (长株|潭, 10|条); first in the object it is the name's own (新|时代…工程, 省|以下…改革).
    while k and not quoted and len(keys) > 1 and len(keys[0]) == 1 and sum(map(len, keys)) > 4:
        keys.pop(0)
    while len(keys) > 1 and sum(map(len, keys)) > MAX_NAME:
        # Cut from the front, but a negated scope (非义务教育…) stays: its neighbour goes instead.
        keys.pop(1 if len(keys) > 2 and keys[0][0] in NEGATIONS else 0)
        while len(keys) > 1 and len(keys[0]) == 1:
            keys.pop(0)
    return "".join(keys)


PARTNERS = frozenset("与 同".split())  # 与X对接: X is whom the document works with
COOPERATE = frozenset("对接 合作 衔接".split())  # right after the partner's head (not 与港澳高水平合作平台)


def _is_stop(word) -> bool:
    if _verb(word) or word.text in STOP_VERBS:
        return True
    pos = word.pos or ""
    return pos.startswith(("p", "c")) or (pos.startswith("u") and word.text != "的")


def _quote_end(words: list, start: int, head: int) -> int:
    """The last word of a quoted name the head stands inside (举办“齐鲁服务消费季”活动: the name runs
    to the closing quote, not to 服务), else ``head``."""
    depth = sum((w.text in _OPENERS) - (w.text in _CLOSERS) for w in words[start:head + 1])
    if depth <= 0:
        return head
    close = next((k for k in range(head + 1, min(len(words), head + 6)) if words[k].text in _CLOSERS), -1)
    if close < 0 or any(words[k].text in _OPENERS or words[k].pos == "x" for k in range(head + 1, close)):
        return head
    return close - 1


def _objects(words: list, i: int) -> list[tuple[int, int]]:
    """The objects of the verb at ``words[i]``: (first word, head word) index pairs."""
    found, start, j = [], i + 1, i + 1
    if start < len(words) and words[start].text in PARTNERS and any(
            words[k].text.endswith(HEADS) and words[k + 1].text in COOPERATE for k in range(start + 1, min(len(words) - 1, start + WINDOW))):
        start += 1  # 深化与|西部陆海新通道|对接合作: the partner is the measure worked on
    while start < len(words):
        # The last head noun before the object ends (学费标准动态调整机制 ends at 机制).
        head, j, quoted, marks = -1, start, 0, 0
        while j < len(words) and j - start - marks < WINDOW:  # quotes and + are no words of the window
            w = words[j]
            marks += w.pos == "x"
            quoted += (w.text in _OPENERS) - (w.text in _CLOSERS)  # “管行业必须管招商”机制: a name, whole
            # 发展|中心, 质量提升|行动, 生育支持|政策, 商品和|服务: a verb or a joiner before a head is
            # part of the object; a preposition or a linking verb is not (以|县城, 为|枢纽: another predicate).
            nominal = (j + 1 < len(words) and words[j + 1].text.endswith(HEADS) and not (w.pos or "").startswith("p")
                       and w.text not in STOP_VERBS)
            if quoted <= 0 and ((_is_stop(w) and not nominal) or w.text == "、" or (w.text in _JOINERS and head >= 0)):
                break
            if w.text.endswith(HEADS) or (j > start and w.text in _HEAD_TAILS and words[j - 1].end == w.start
                                          and _head_of(words[j - 1].text + w.text) not in ("", _head_of(w.text))):
                head = j  # 人才|集聚|区: a head jieba cut in two (集聚区)
            j += 1
        if head < 0:
            break
        head = _widened(words, head)
        if head < 0:
            break
        head = _quote_end(words, start, head)
        found.append((start, head))
        if not _name_of(words[start:head + 1]):
            break  # 项目推进机制、…: a bare head means the verb was part of a noun
        if head + 2 < len(words) and words[head + 1].text in _JOINERS and not _verb(words[head + 2]):
            start = head + 2  # (not 完善…制度、健全…体系: a verb after the joiner opens a predicate of its own)
            continue
        break
    return found


# Nouns of an attribute, a result or the work of the thing before them (公共服务|质量,
# 改革|成果, 服务保障|工作: the measure is what comes before), never part of a measure's name.
ATTRIBUTES = frozenset("质量 水平 能力 效能 效率 效益 规模 比重 功能 作用 覆盖面 层次 品质 活力 韧性 成果 成效 "
                       "工作 全部 体验 能级 地位 优势 实力 影响力 竞争力 辐射力 带动力 吸引力 承载力 水准 "
                       "范围 任务 落地 领域 环节 短板 瓶颈 根基 整体 基础 底座 质效 形态 新形态 模式 格局 态势 "
                       "氛围 供给 地区 城市".split())


def _compound_noun(word) -> bool:
    """A noun that continues a compound (设施|农业); not an attribute, a verb or a -化 predicate (市场化)."""
    t = word.text
    return (word.pos or "") in ("n", "ng", "nz") and t not in ATTRIBUTES and not _verb(word) and not t.endswith("化")


def _widened(words: list, head: int) -> int:
    """The object's real last word when nouns follow its head noun in one compound (高标准|农田|80万亩,
    现代设施|农业。): only where the compound ends the clause or meets a figure; else the head stays
    the last word; -1 when a verb ends the object (公共政策|兑现: no measure named)."""
    k = head
    while k + 1 < len(words) and _compound_noun(words[k + 1]) and not words[k + 1].text.endswith(HEADS):
        k += 1
    if k == head:
        nxt = words[head + 1] if head + 1 < len(words) else None
        after = words[head + 2] if head + 2 < len(words) else None
        if (nxt is not None and nxt.pos == "v" and len(nxt.text) == 2 and not _verb(nxt) and nxt.text not in STOP_VERBS
                and (after is None or after.text in _JOINERS)):
            return -1  # 深化公共政策|兑现|和…: the object is an action on the name (honouring policies), unnamed
        return head
    nxt = words[k + 1] if k + 1 < len(words) else None
    if nxt is not None and nxt.text in ATTRIBUTES:
        return head  # 创新体系|整体|效能: the nouns after the head are the attribute's, not the name's
    # Else a predicate follows, or jieba took one for nouns (平台经济|规范|健康发展, 未来产业|蓄力|发展):
    # the head stays.
    return k if nxt is None or nxt.pos in ("x", "m") else head


# A list whose last item ends in one of SHARED and whose other items end in one of LISTED names
# one kind of thing: 重大产业、基础设施项目 are two kinds of projects, 招商引资体制、园区运营模式改革
# two reforms (not the 产业 and 体制 themselves); 新兴产业、未来产业 or X工程、Y项目 are not such lists.
SHARED = ("改革", "项目", "清单")  # a 清单 lists things of any kind: 金融支持重大项目、重点企业清单
LISTED = frozenset("产业 体制 制度 机制 设施 基础设施 市场".split())


def _shared_head(words: list, objects: list[tuple[int, int]]) -> str:
    """The head noun the items of a 、-list share, when its last item's head is of SHARED, else ""."""
    if len(objects) < 2:
        return ""
    last = _head_of(words[objects[-1][1]].text)
    return last if last in SHARED else ""


def _clauses(s: str):
    """The clauses of ``s``; one past ``segment.MAX_RUN`` (a text without punctuation) in pieces,
    each tagged only if it holds a verb and a head of its own: part-of-speech tagging costs
    about 0.3 ms a character on unusual text, and a measure is a few words long."""
    from duidu.text.segment import MAX_RUN, pieces

    for clause in _CLAUSE.finditer(s):
        a, b = clause.span()
        if b - a <= MAX_RUN:
            yield a, b
        else:
            yield from ((a + x, a + y) for x, y in pieces(s[a:b]))


def _pattern_mentions(doc: EngineDocument, s: str, smap, lexical: _Spans, sentences: _Spans,
                      excluded: _Spans, headings: _Headings, all_words: Sequence) -> list[MeasureMention]:
    from duidu.text.segment import tag_unknown

    starts = [w.start for w in all_words]
    variants = _variants()
    known = _known()
    out: list[MeasureMention] = []
    for a, b in _clauses(s):
        verb = _VERB_RE.search(s, a, b)
        if verb is None or _HEAD_RE.search(s, verb.end(), b) is None:
            continue
        ca, cb = smap.to_src_span(a, b)
        if excluded.overlaps(ca, cb) or sentences.index(ca) < 0:
            continue
        # The document's words (one jieba pass) from just before the first verb to the last head
        # noun (and the word after it); only there do words the dictionary lacks get the
        # part-of-speech HMM's tag, the costly part.
        last = max(m.end() for m in _HEAD_RE.finditer(s, verb.end(), b))
        clause_text, heading = s[a:b], headings.contexts(a)
        lo, hi = max(a, verb.start() - 4), min(b, last + 12)  # nouns after the head: _widened
        first_word = max(bisect_right(starts, lo) - 1, 0)
        last_word = bisect_right(starts, hi - 1)
        stretch = [w for w in all_words[first_word:last_word] if w.start >= a and w.end <= b and w.text.strip()]
        a = stretch[0].start if stretch else lo
        words = _joined_verbs([type(w)(w.start - a, w.end - a, w.text, w.pos) for w in tag_unknown(stretch)])
        i = 0
        while i < len(words):
            if not _verb(words[i]) or not _acts(words, i) or _in_title(s, a + words[i].start):
                i += 1
                continue
            objects = _objects(words, i)
            shared = _shared_head(words, objects)
            for n, (first, head) in enumerate(objects):
                name = _name_of(words[first:head + 1])
                if not name or _in_title(s, a + words[first].start + 1):
                    continue  # a bare head (完善机制) names nothing; 印发《关于…机制》: a document
                if (shared and n < len(objects) - 1 and (_head_of(name) in LISTED or shared == "清单")
                        and words[first].text != words[objects[-1][0]].text):  # 大抓产业、大抓项目: parallel
                    name += shared  # 招商引资体制、园区运营模式改革: the 体制 is one to reform
                os_, oe = smap.to_src_span(a + words[first].start, a + words[head].end)
                if lexical.overlaps(os_, oe):
                    continue  # the lexicon or a slogan already names this measure
                st = smap.to_src_span(a + words[i].start, a + words[i].end)[0] if n == 0 else os_
                st, oe = _balanced(doc.text, st, oe)
                entry = variants.get(name)
                if entry is not None:
                    measure, category = entry.name, entry.category
                elif name in known:
                    measure, category = name, known[name][0]
                else:
                    measure, category = name, area_of(name, clause_text, *heading)
                out.append(MeasureMention(measure, category, st, oe, doc.text[st:oe], "pattern"))
            i = objects[-1][1] + 1 if objects else i + 1
    return out


def _joined_verbs(words: list) -> list:
    """The words with an action verb jieba cut in two made one again (打|好 → 打好: 组织打好“三北”工程
    names 三北工程, not 打好三北工程)."""
    out = []
    for w in words:
        if out and len(out[-1].text) == 1 and len(w.text) == 1 and out[-1].end == w.start and out[-1].text + w.text in VERBS:
            out[-1] = type(w)(out[-1].start, w.end, out[-1].text + w.text, "v")
        else:
            out.append(w)
    return out


def _in_title(s: str, pos: int) -> bool:
    """Whether ``pos`` is in the title of a document the text cites: inside 《…》, or after 关于 (关于印发…,
    关于制定…: a title's opening). A document is cited, not a measure taken."""
    if s.endswith("关于", 0, pos):
        return True
    opened = s.rfind("《", max(0, pos - 60), pos)
    return opened >= 0 and s.rfind("》", opened, pos) < 0 and "\n" not in s[opened:pos] and "》" in s[pos:pos + 80]


def extract_measures(doc: EngineDocument, *, simplified=None, words: Sequence | None = None) -> list[MeasureMention]:
    """Every measure the document states (slogans, own definitions, lexicon, patterns), sorted by start.

    ``simplified`` (``convert(doc.text, "t2s")``) and ``words`` (``segment_tagged`` of its text)
    are the import's: made once per document and shared with the similar-passage index."""
    from duidu.text.script import convert
    from duidu.text.segment import segment_tagged

    simple = simplified if simplified is not None else convert(doc.text, "t2s")
    s, smap = simple.text, simple.map
    if words is None:
        words = segment_tagged(s)
    sentences = _sentences(doc)
    excluded = _Spans([(e.start, e.end) for e in doc.excluded])
    named = _slogan_mentions(doc, s, smap, sentences, excluded)
    named += _lexicon_mentions(doc, sentences, _Spans([(m.start, m.end) for m in named]))
    named.sort(key=lambda m: (m.start, m.end))
    spans = _Spans([(m.start, m.end) for m in named])
    found = named + _pattern_mentions(doc, s, smap, spans, sentences, excluded, _Headings(s), words)
    found.sort(key=lambda m: (m.start, m.end))
    return found


# -- grouping across documents ----------------------------------------------------------------------

SIMILAR = 0.85  # character-level similarity of two names with one head noun that makes them one measure
MIN_SUFFIX = 5  # a name that ends another (国际科技创新中心 / 京津冀国际科技创新中心) must be this long


def _negations(name: str) -> set[str]:
    return {ch for ch in name if ch in NEGATIONS}


def _same_measure(a: str, b: str, names: "_Ends | None" = None) -> bool:
    """Whether two derived names mean one measure: one head, modifiers alike, no negation apart,
    and (given the table's ``names``) no word between that makes another object of its own."""
    return _alike(a, b) and (names is None or not _objects_apart(a, b, _head_of(a), names))  # asked last: the costlier


@lru_cache(maxsize=1 << 16)  # pure in the two names, asked again for every table that holds both
def _alike(a: str, b: str) -> bool:
    """``_same_measure`` without the table: one head, modifiers alike, no negation apart."""
    head = _head_of(a)
    if not head or head != _head_of(b) or _negations(a) != _negations(b):
        return False
    short, long_ = sorted((a, b), key=len)
    if long_.endswith(short) and len(short) >= MIN_SUFFIX and len(short) >= len(head) + 3:
        # …but not with words of another area in front (一体化算力|公共服务体系, 廉政|风险防控长效机制).
        alike = not _narrowed(short, long_, SequenceMatcher(None, short, long_, autojunk=False).get_opcodes())
    elif abs(len(a) - len(b)) > 3:
        return False
    else:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        alike = matcher.ratio() >= SIMILAR and not _narrowed(a, b, matcher.get_opcodes())
    return alike


class _Ends:
    """The table's names by each of their endings: which names end in 金融体制改革 or 就业服务."""

    def __init__(self, names) -> None:
        self.by_last: dict[str, list[str]] = {}  # by the last two characters; an ending's names found when asked
        for n in names:
            self.by_last.setdefault(n[-2:], []).append(n)
        self.ending: dict[str, list[str]] = {}

    def stands(self, x: str, before: str) -> bool:
        """Whether some name ends in ``x`` without ``before`` in front of it: ``x`` is an object of its own."""
        found = self.ending.get(x)
        if found is None:
            found = self.ending[x] = [n for n in self.by_last.get(x[-2:], ()) if n.endswith(x)]
        return any(not before or not n.endswith(before + x) for n in found)


def _objects_apart(a: str, b: str, head: str, names: _Ends) -> bool:
    """Whether the words where two names differ make each its own object, as the table shows:
    国家[科技]创新中心 / 国家[技术]创新中心 (区域科技创新中心 and 省技术创新中心 stand alone: two
    kinds of centre); 财税[金融]体制改革 / 财税体制改革 (金融体制改革 stands alone: a coordinated
    modifier is a second reform); 公共[就业]服务平台 (就业服务 stands alone: its own object)."""
    before, ma, mb, tail = _apart(a, b)
    if q_short := (not before and not (ma and mb)):
        # One ends the other (金融体制改革 / 财税金融体制改革): the words in front coordinate with the
        # shorter name's first word when they make a name with its rest (财税体制改革).
        short, front = (a, mb) if not ma else (b, ma)
        return q_short and _cued(front) and front not in SCOPES and any(
            _cued(short[:k]) and names.stands(front + short[k:], "")
            for k in range(2, len(short) - len(head)))  # more than the bare head after it (not 职业教育|改革)
    if len(tail) < len(head):
        return False
    if ma and mb:  # words replaced: each with the rest an object of its own
        return (len(ma) >= 2 and len(mb) >= 2 and _cued(ma) and _cued(mb)
                and names.stands(ma + tail, before) and names.stands(mb + tail, before))
    put_in = ma or mb
    if len(put_in) < 2 or put_in in SCOPES or put_in in VERBS or put_in.endswith(ACTORS) or not _cued(put_in):
        return False  # 创新驱动[发展]战略, 社区[居家]养老服务: no word of a policy area put in
    areas = _cues()[0]
    if not _cue_areas(put_in, 0, len(put_in)) and (
            _cue_areas(put_in, 0, len(put_in), areas) <= _cue_areas(before, 0, len(before), areas)):
        # 数字[智能]产业集群: a weak word extends one of its own area before it (not 财税[金融]…).
        return False
    # The words put in, with the tail or the tail's first noun (就业 + 服务), name something elsewhere.
    ends = [tail] + [tail[:k] for k in range(2, len(tail)) if _head_of(tail[:k])]
    return any(names.stands(put_in + t, before) for t in ends)


def _apart(a: str, b: str) -> tuple[str, str, str, str]:
    """(common front, a's middle, b's middle, common end) of two names."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    q = 0
    while q < min(len(a), len(b)) - p and a[-1 - q] == b[-1 - q]:
        q += 1
    return a[:p], a[p:len(a) - q], b[p:len(b) - q], a[len(a) - q:]


@lru_cache(maxsize=1 << 14)
def _cued(text: str) -> bool:
    """Whether ``text`` holds a cue word of some policy area (weak ones too: 技术, 人才)."""
    return any(cue in text for cue, _ in _cues()[0])


def _put_in_verb_or_place(a: str, b: str) -> bool:
    """Whether one name is the other with a verb or a place put in before its head: 创新驱动[发展]战略,
    健康中国[重庆]行动 — the same object (not 优势[矿]产业, 县级[中]医院)."""
    from duidu.engine.places import names_in

    before, ma, mb, tail = _apart(a, b)
    put_in = ma or mb
    return bool(before) and not (ma and mb) and (put_in in VERBS or names_in(put_in) == [put_in])


def _narrowed(a: str, b: str, opcodes) -> bool:
    """Whether one name is the other with words of another policy area put in, which makes it
    another measure: 公共[文化]服务体系 (文化) is not 公共服务体系 (民生), 重大[科技]基础设施 not
    重大基础设施, 现代[文]化产业体系 not 现代化产业体系 — while 社会治安[整体]防控体系,
    规范涉企[行政]执法 or 高职[院校]双高计划 stay one measure (nothing of another area put in)."""
    tags = {tag for tag, *_ in opcodes} - {"equal"}
    if tags == {"insert"}:  # b is a with words put in
        short, long_, spans = a, b, [(j1, j2) for tag, _, _, j1, j2 in opcodes if tag == "insert"]
    elif tags == {"delete"}:
        short, long_, spans = b, a, [(i1, i2) for tag, i1, i2, _, _ in opcodes if tag == "delete"]
    elif tags == {"replace"}:
        # Words replaced are a rewording (乡村 / 农村, 治理 / 防治) unless each side's words name
        # another policy area: 教育协同发展试验区 is not 体育协同发展试验区.
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "replace":
                here, there = _cue_areas(a, i1, i2), _cue_areas(b, j1, j2)
                if here and there and not here & there:
                    return True
        return False
    else:
        return False  # words replaced and put in: a rewording, not a narrowing
    if len(spans) > 1 and all(hi - lo == 1 for lo, hi in spans):
        return False  # 民[营]企[业], 自[由]贸[易]: an abbreviation spelt out
    put_in = [long_[lo:hi] for lo, hi in spans]
    if any(_EXAMPLES.search(p) for p in put_in):
        return True  # 市民热线[等]公共服务平台: the examples named are the measure, not the kind
    if spans[0][0] == 0 and len(spans) == 1 and put_in[0].endswith(ACTORS):
        return False  # 工业企业|节能降碳改造, 重点行业|…: who carries it out, not another measure
    area = area_of(short)
    if area == OTHER:
        return False  # no area of its own for the words put in to differ from
    if spans[0][0] > 0 and any(_cue_areas(long_, lo, hi, _cues()[0]) - {area} - _cue_areas(long_, 0, lo, _cues()[0])
                               for lo, hi in spans if long_[lo:hi] not in SCOPES and not long_[lo:hi].endswith(ACTORS)):
        # 公共[技术]服务平台: a word of another area inside the name, even a weak cue — unless it
        # extends a word of its own area before it (数字[智能]产业集群).
        return True
    if not _nearest_cue(short, _cues()[2]) and spans[0][0] == 0:
        # A name filed by a weak cue alone (人才培养模式改革: 改革) with words in front: they say
        # whose or where (职业教育|…, 中小学|春秋假制度), not another kind as 重大[科技]基础设施 does.
        return False
    return any(at < hi and end > lo and cue not in short and cue_area != area and cue not in SCOPES
               for lo, hi in spans for at, end, cue, cue_area in _cue_hits(long_, 2))


# Cue words that say where or for whom a measure applies, or who pays for it, not what it is:
# 城乡|基本公共服务, 县乡村|养老服务网络, 财政|科技投入稳定增长机制 are the measure of the bare name.
# Nouns of who carries a measure out: 工业企业|节能降碳改造 is 节能降碳改造.
ACTORS = ("企业", "行业", "单位", "主体", "政府")
_EXAMPLES = re.compile(r"(?<![平同均对初高超])等(?![级次])")  # X等Y: Y named by its examples
SCOPES = frozenset("城乡 乡村 农村 县域 基层 城市 城镇 社区 区域 地区 都市圈 村 居民 群众 财政 预算".split())


@lru_cache(maxsize=1 << 14)
def _cue_areas(text: str, lo: int, hi: int, cues=None) -> frozenset[str]:
    """The areas of the strong cues (or ``cues``) of ``text`` that overlap ``text[lo:hi]``."""
    cues = cues or _cues()[2]
    which = 2 if cues is _cues()[2] else 0 if cues is _cues()[0] else None
    if which is not None:
        return frozenset(cue_area for at, end, _, cue_area in _cue_hits(text, which) if at < hi and end > lo)
    out = set()
    for cue, cue_area in cues:
        at = text.find(cue, max(0, lo - len(cue) + 1))
        while 0 <= at < hi:
            out.add(cue_area)
            at = text.find(cue, at + 1)
    return frozenset(out)


@lru_cache(maxsize=1 << 14)
def _cue_hits(text: str, which: int) -> tuple[tuple[int, int, str, str], ...]:
    """Every occurrence of the cues ``_cues()[which]`` in ``text``: (start, end, cue, area), found
    once per name by the cues that start with each character (not ~300 searches a question)."""
    by_first = _by_first_char(_cues()[which])
    return tuple((at, at + len(cue), cue, cue_area) for at, ch in enumerate(text)
                 for cue, cue_area in by_first.get(ch, ()) if text.startswith(cue, at))


@lru_cache(maxsize=8)
def _by_first_char(cues: tuple[tuple[str, str], ...]) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for cue, label in cues:
        if cue:
            out.setdefault(cue[0], []).append((cue, label))
    return out


def _groups(names: dict[str, Sized], derived: set[str]) -> dict[str, str]:
    """Name -> the name of its group, for derived names of one meaning.

    Names are taken most documents first; each joins the first group whose *representative*
    it matches (never a chain A~B~C that drifts from A), else starts its own. A known (lexicon,
    slogan) name is always a representative, a derived one joins it."""
    order = sorted(names, key=lambda n: (n in derived, -len(names[n]), len(n), n))
    ambiguous = _ambiguous(names, derived)
    ends = _Ends(n for n in names if _head_of(n))
    reps: dict[str, list[str]] = {}  # bucket -> representatives
    joined: dict[str, list[str]] = {}  # bucket -> names that joined a representative
    out: dict[str, str] = {}
    for n in order:
        buckets = _buckets(n)
        if n in ambiguous:
            out[n] = n  # its own row, and no row for others to join
            continue
        if buckets and n in derived:
            # The second bucket (a word put in before the head) only for a verb or a place put in.
            rep = next((r for k, b in enumerate(buckets) for r in reps.get(b, ())
                        if _same_measure(n, r, ends) and (k == 0 or _put_in_verb_or_place(n, r))), None)
            if rep is None:
                # Through a shorter name the row holds, when both say who in front of it: 工业企业|
                # 节能降碳改造 is 节能降碳改造, which joined 重点行业节能降碳改造 (no drift).
                rep = next((out[m] for m in joined.get(buckets[0], ())
                            if n.endswith(m) and out[m].endswith(m) and n[:-len(m)].endswith(ACTORS)
                            and out[m][:-len(m)].endswith(ACTORS) and _same_measure(n, m, ends)), None)
            if rep is not None:
                out[n] = rep
                for b in buckets:
                    joined.setdefault(b, []).append(n)
                continue
        out[n] = n
        for b in buckets:
            reps.setdefault(b, []).append(n)
    return out


@lru_cache(maxsize=1 << 14)  # pure in the name, asked for every table it is in
def _buckets(name: str) -> tuple[str, ...]:
    """The buckets a name is compared in: its head with the two characters before it, and its
    head with its first two (创新驱动战略 / 创新驱动发展战略: a word put in before the head)."""
    head = _head_of(name)
    if not head:
        return ()
    return (name[-len(head) - 2:], "^" + name[:2] + "|" + head)


def _ambiguous(names, derived: set[str]) -> set[str]:
    """Derived names that end the names of two places' measures: 国际科技创新中心 ends 长三角国际科技创新中心
    and 京津冀国际科技创新中心 (and a third report's 大湾区 one), so it joins neither, nor they it. A
    level (国家级 / 省级先进制造业集群) is no other place: the bare name still gathers those."""
    from duidu.engine.places import names_in

    by_bucket: dict[str, list[str]] = {}
    for n in names:
        bucket = _bucket(n)
        if bucket is not None:
            by_bucket.setdefault(bucket, []).append(n)
    out = set()
    for bucket in by_bucket.values():
        if len(bucket) < 3:
            continue
        for n in bucket:
            if n not in derived:
                continue
            places = {p for m in bucket if len(m) > len(n) and m.endswith(n) and _same_measure(n, m)
                      for p in names_in(m[:-len(n)])}
            if len(places) > 1:
                out.add(n)
    return out


def measure_table(docs: Sequence[EngineDocument],
                  mentions: dict[int, list[MeasureMention]] | None = None) -> list[MeasureRow]:
    """Measures × documents: one row per measure with each document's evidence spans.

    Rows group names of one meaning (``_same_measure``); a row's category is the area most of
    its mentions have. Sorted by category (``CATEGORIES`` order), then by how many documents
    share the measure. ``mentions`` are the cached extractions; missing ones are made.
    """
    per_name: dict[str, dict[int, list[tuple[int, int]]]] = {}
    areas: dict[str, list[Counter]] = {}  # each document's, added up per row (no Counter per name)
    derived: set[str] = set()
    for doc in docs:
        for name, (spans, counter, is_derived) in _by_name(doc, _found(doc, mentions)).items():
            per_doc = per_name.setdefault(name, {})
            per_doc[doc.id] = [*per_doc[doc.id], *spans] if doc.id in per_doc else spans
            areas.setdefault(name, []).append(counter)
            if is_derived:
                derived.add(name)
    group = _groups(per_name, derived)
    rows: dict[str, tuple[dict[str, int], dict[int, list[tuple[int, int]]], list[str]]] = {}
    while per_name:  # each name's spans handed over and let go (a whole library's are many)
        name, per_doc = per_name.popitem()
        row = rows.get(group[name])
        if row is None:
            row = rows[group[name]] = ({}, {}, [])
        counter, spans, names = row
        for found in areas[name]:
            for area, k in found.items():
                counter[area] = counter.get(area, 0) + k
        names.append(name)
        for d, found in per_doc.items():
            had = spans.get(d)  # one name's spans are sorted and distinct already (a tuple)
            spans[d] = found if had is None else [*had, *found]
    table = []
    while rows:
        name, (counter, per_doc, names) = rows.popitem()
        table.append(MeasureRow(name, _category(name, counter),
                                {d: s if isinstance(s, tuple) else tuple(sorted(set(s))) for d, s in per_doc.items()},
                                instrument_of(name), _wordings(name, names)))
    return _sorted(table)


@dataclass(frozen=True)
class MeasureCount:
    """A row of ``measure_counts``: a ``MeasureRow`` with each document's number of spans, not the spans."""
    name: str
    category: str
    counts: dict[int, int]  # document id -> how many distinct evidence spans
    instrument: str = ""
    names: tuple[str, ...] = field(default=())

    @property
    def documents(self) -> tuple[int, ...]:
        return tuple(self.counts)


def measure_counts(docs: Sequence[EngineDocument],
                   mentions: dict[int, list[MeasureMention]] | None = None) -> list[MeasureCount]:
    """``measure_table``'s rows, in its order, with counts for spans.

    A whole library's table holds every mention's span in ``measure_table``; here a document's
    mentions are counted as they are read and let go, so what is kept grows with the names and
    the documents stating them, not with the mentions (issue 15, part 5). The counts equal
    ``len(row.mentions[d])``: a span two names of one row share is counted once.
    """
    per_name: dict[str, dict[int, int]] = {}
    areas: dict[str, Counter] = {}
    derived: set[str] = set()
    shared: dict[int, list[list[str]]] = {}  # document -> names each of its spans found under two names
    for doc in docs:
        here: dict[str, set[tuple[int, int]]] = {}
        for m in _found(doc, mentions):
            here.setdefault(m.measure, set()).add((m.start, m.end))
            _note(m, areas, derived)
        owners: dict[tuple[int, int], list[str]] = {}
        for name, spans in here.items():
            per_name.setdefault(name, {})[doc.id] = len(spans)
            if len(here) > 1:
                for span in spans:
                    owners.setdefault(span, []).append(name)
        twice = [names for names in owners.values() if len(names) > 1]
        if twice:
            shared[doc.id] = twice
    group = _groups(per_name, derived)
    rows: dict[str, tuple[Counter, dict[int, int], list[str]]] = {}
    for name, per_doc in reversed(per_name.items()):  # measure_table's order: a row's documents as there
        counter, counts, names = rows.setdefault(group[name], (Counter(), {}, []))
        counter.update(areas[name])
        names.append(name)
        for d, n in per_doc.items():
            counts[d] = counts.get(d, 0) + n
    for d, spans in shared.items():  # one span under k names of one row: counted k times above
        for names in spans:
            for rep, k in Counter(group[n] for n in names).items():
                rows[rep][1][d] -= k - 1
    return _sorted([MeasureCount(name, _category(name, counter), counts, instrument_of(name), _wordings(name, names))
                    for name, (counter, counts, names) in rows.items()])


def _found(doc, mentions) -> list[MeasureMention]:
    return mentions[doc.id] if mentions is not None and doc.id in mentions else extract_measures(doc)


@per_document
def _by_name_kept(doc) -> list:
    return [None, None]  # the tuple of mentions last read, and _by_name of it


def _by_name(doc, found) -> dict[str, tuple[tuple[tuple[int, int], ...], Counter, bool]]:
    """A document's mentions by name: (sorted distinct spans, areas, derived), in the order the names first occur.
    Kept with the document for a tuple of mentions (the library's, the same object while the
    document lives), so a document in many pairs is read once, not once per pair."""
    try:
        kept = _by_name_kept(doc)
    except TypeError:  # a document that cannot be kept with (the library's bare ids)
        kept = [None, None]
    if kept[0] is found:
        return kept[1]
    spans: dict[str, list[tuple[int, int]]] = {}
    areas: dict[str, Counter] = {}
    derived: set[str] = set()
    for m in found:
        spans.setdefault(m.measure, []).append((m.start, m.end))
        _note(m, areas, derived)
    out = {name: (tuple(sorted(set(s))), areas[name], name in derived) for name, s in spans.items()}
    if isinstance(found, tuple):  # immutable: the same object is the same mentions
        kept[:] = [found, out]
    return out


def _note(m: MeasureMention, areas: dict[str, Counter], derived: set[str]) -> None:
    areas.setdefault(m.measure, Counter())[m.category] += 1
    if m.source == "pattern" and m.measure not in _known():
        derived.add(m.measure)


def _category(name: str, counter: Counter) -> str:
    known = _known().get(name)
    return known[0] if known else _majority(counter)


def _wordings(name: str, names: list[str]) -> tuple[str, ...]:
    return tuple(sorted(names, key=lambda n: (n != name, n)))


def _sorted(table: list):
    order = {c: k for k, c in enumerate(CATEGORIES)}
    table.sort(key=lambda r: (order.get(r.category, len(order)), -len(r.documents), r.name))
    return table


def _majority(counter: Counter) -> str:
    """The most frequent area, the catch-all only when nothing else was seen."""
    named = [(n, -CATEGORIES.index(c) if c in CATEGORIES else 0, c) for c, n in counter.items() if c != OTHER]
    return max(named)[2] if named else OTHER


def by_region(rows: Sequence[MeasureRow | MeasureCount], docs: Sequence[EngineDocument]) -> dict[str, dict[str, int]]:
    """Measures × regions: measure name -> region -> how many of its documents state it."""
    region = {d.id: d.region or "未标注" for d in docs}
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        counts: dict[str, int] = {}
        for doc_id in row.documents:
            if doc_id in region:
                counts[region[doc_id]] = counts.get(region[doc_id], 0) + 1
        if counts:
            out[row.name] = counts
    return out
