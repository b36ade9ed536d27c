"""Measures: the policy actions a document states, grouped across documents however worded.

A reviewer reading Chongqing against Sichuan asks "which actions do both report?" — 职教集团,
名师名校长工作室, 联席会议 — even where one writes 成立6个职教集团 and the other 舉辦6個職教集團.
Two sources find them:

* the lexicon (``resources/measures.toml``): canonical name, category and variant phrases,
  matched on the key form (simplified, punctuation dropped), longest variant first;
* a pattern over jieba words: an action verb (建立, 组建, 共建, 深化 …) followed in the same
  clause by an object whose head noun is 机制/制度/平台/联盟/共同体/工作室/试验区 … . The
  object's name is normalised (numerals, quantifiers, place names and 的-phrases dropped);
  one the lexicon knows takes its canonical name, the others are named verb class + object
  (建立学前教育联盟) under the category 其他. Patterns overlapping a lexicon hit yield to it.

Only clauses that hold both a verb and a head noun are segmented (POS pass), so extraction is
linear and cheap enough for a 500k-character document; the library caches it at import.
Furniture is ignored; every span indexes the stored text and ``doc.text[start:end] == text``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from duidu.engine.document import EngineDocument, Span
from duidu.paths import resource_path
from duidu.text.keyform import query_key

__all__ = ["CATEGORIES", "OTHER", "LexiconEntry", "MeasureMention", "MeasureRow", "by_region",
           "extract_measures", "lexicon", "measure_table"]

LEXICON = "measures.toml"
OTHER = "其他"
# The fixed categories, in table order (documented in resources/measures.toml).
CATEGORIES = ("机制建设", "平台载体", "人才与师资", "资源共享", "产教融合", "招生与学位", "评价督导",
              "对外开放", "赛事活动", OTHER)

# Action verbs -> verb class (the class names a pattern-found measure, so 成立X and 组建X group).
VERB_CLASSES = {
    "建立": "建立 组建 成立 设立 创建 搭建 构建 筹建 新建 组织 建成",
    "共建": "共建 合建 联建 共同建设 联合打造 共同打造",
    "建设": "建设 打造 建好 建强 培育 建",
    "完善": "完善 健全 优化 改进 迭代",
    "推进": "推进 推动 深化 实施 开展 加强 强化 落实 加快 探索 实行 推行",
    "举办": "举办 召开 承办 主办",
    "制定": "制定 制订 签订 签署 出台 印发",
}
VERB_CLASS = {v: cls for cls, verbs in VERB_CLASSES.items() for v in verbs.split()}
# Head nouns of a measure's object (a jieba word ending in one counts: 工作机制, 职教集团).
HEADS = ("机制", "制度", "体制", "平台", "联盟", "共同体", "联合体", "工作室", "试验区", "示范区",
         "实验区", "先行区", "集团", "项目", "计划", "工程", "基地", "中心", "体系", "协议", "方案",
         "联席会", "论坛", "大赛", "学院", "研究院", "实验室", "智库", "生态圈", "工坊")
# Leading words of an object that say where or how many, not what (好/强: 建好, 建强).
PLACES = frozenset("两地 双方 各地 三省一市 两省市 我市 全市 全省 本市 成渝地区双城经济圈 双城经济圈 长江经济带 "
                   "各级 各类 各种 一批 一系列 若干 多个 一些 更多 相关 有关 各项 多种 好 强".split())
# Verbs that open a new predicate: an object never runs past them (设施建设纳入…项目).
STOP_VERBS = frozenset("纳入 作为 成为 覆盖 达到 实现 形成 提供 取得 为 是".split())
SKIP_POS = ("m", "q", "r", "ns", "x")
WINDOW = 10  # words from the verb to the head noun
MAX_NAME = 14  # key characters of a derived object name (longer ones keep their last words)
_CLAUSE = re.compile(r"[^，,；;。：:！？!?\s][^，,；;。：:！？!?\n\r]*")  # 、 stays inside: it joins objects
_VERB_RE = re.compile("|".join(sorted(map(re.escape, VERB_CLASS), key=len, reverse=True)))
_HEAD_RE = re.compile("|".join(map(re.escape, HEADS)))
_JOINERS = frozenset("、 和 与 及 以及".split())
_OPENERS, _CLOSERS = "“‘「『《(（", "”’」』》)）"
_NUMERIC = re.compile(r"^[0-9０-９.．零〇一二三四五六七八九十百千万亿两第首余多个所名项次届对家类]+$")


@dataclass(frozen=True)
class LexiconEntry:
    name: str
    category: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class MeasureMention:
    measure: str  # canonical (lexicon) or derived (pattern) name, simplified
    category: str
    start: int  # offsets in the stored text
    end: int
    text: str  # doc.text[start:end]
    source: str  # "lexicon" | "pattern"


@dataclass(frozen=True)
class MeasureRow:
    name: str
    category: str
    mentions: dict[int, tuple[tuple[int, int], ...]]  # document id -> evidence spans

    @property
    def documents(self) -> tuple[int, ...]:
        return tuple(self.mentions)


_word_key = lru_cache(maxsize=1 << 16)(query_key)  # words recur; OpenCC per word is slow


@lru_cache(maxsize=1)
def lexicon() -> tuple[LexiconEntry, ...]:
    """The measure lexicon, variants in key form; a bad category is an error, not a guess."""
    data = tomllib.loads(resource_path(LEXICON).read_text(encoding="utf-8"))
    entries = []
    for item in data.get("measure", []):
        if item["category"] not in CATEGORIES[:-1]:
            raise ValueError(f"{LEXICON}: {item['name']}: unknown category {item['category']!r}")
        variants = tuple(dict.fromkeys(k for k in (query_key(v) for v in item["variants"]) if k))
        entries.append(LexiconEntry(query_key(item["name"]), item["category"], variants))
    return tuple(entries)


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


def _acts(words: list, i: int) -> bool:
    """Whether the verb at ``words[i]`` acts on what follows (not 建立健全, 落实的, 圈建设)."""
    nxt = next((w for w in words[i + 1:] if w.pos != "x"), None)
    if nxt is None or nxt.text in VERB_CLASS or nxt.text == "的":
        return False  # 建立健全: the last verb of a run takes the object
    prev = words[i - 1] if i else None
    # 建设 after a noun is the noun "construction" (共同体建设实施方案), not the verb.
    return not (words[i].text == "建设" and prev is not None and (prev.pos or "").startswith(("n", "v")))


def _lexicon_mentions(doc: EngineDocument, sentences: _Spans) -> list[MeasureMention]:
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
        if k < 0 or sentences.index(e - 1) != k:
            continue  # the key form dropped a sentence break inside the phrase
        s, e = _balanced(doc.text, s, e)
        out.append(MeasureMention(entry.name, entry.category, s, e, doc.text[s:e], "lexicon"))
    return out


def _name_of(words: list) -> str:
    """``_object_name`` when it names something beyond its head noun, else ""."""
    name = _object_name(words)
    head = max((h for h in HEADS if name.endswith(h)), key=len, default="")
    return name if len(name) >= len(head) + 2 else ""


def _object_name(words: list) -> str:
    """The normalised name of an object phrase (its words, head noun last)."""
    for k in range(len(words) - 1, -1, -1):
        if words[k].text == "的":
            words = words[k + 1:]
            break
    k = 0
    while k < len(words) - 1 and (words[k].pos in SKIP_POS or words[k].text in PLACES
                                  or _NUMERIC.match(words[k].text)):
        k += 1
    words = words[k:]
    keys = [_word_key(w.text) for w in words]
    while len(keys) > 1 and sum(map(len, keys)) > MAX_NAME:
        keys.pop(0)
    return "".join(keys)


def _is_stop(word) -> bool:
    if word.text in VERB_CLASS or word.text in STOP_VERBS:
        return True
    pos = word.pos or ""
    return pos.startswith(("p", "c")) or (pos.startswith("u") and word.text != "的")


def _objects(words: list, i: int) -> list[tuple[int, int]]:
    """The objects of the verb at ``words[i]``: (first word, head word) index pairs."""
    found, start, j = [], i + 1, i + 1
    while j < len(words) and j - start < WINDOW:
        w = words[j]
        if _is_stop(w) or w.text == "、":
            break
        if w.text.endswith(HEADS):
            found.append((start, j))
            if not _name_of(words[start:j + 1]):
                break  # 项目推进机制、…: a bare head means the verb was part of a noun
            if j + 2 < len(words) and words[j + 1].text in _JOINERS:
                start = j = j + 2
                continue
            break
        j += 1
    return found


def _pattern_mentions(doc: EngineDocument, lexical: _Spans, sentences: _Spans) -> list[MeasureMention]:
    from duidu.text.script import convert
    from duidu.text.segment import segment

    simple = convert(doc.text, "t2s")
    s, smap = simple.text, simple.map
    excluded = _Spans([(e.start, e.end) for e in doc.excluded])
    variants = _variants()
    out: list[MeasureMention] = []
    for clause in _CLAUSE.finditer(s):
        a, b = clause.span()
        verb = _VERB_RE.search(s, a, b)
        if verb is None or _HEAD_RE.search(s, verb.end(), b) is None:
            continue
        ca, cb = smap.to_src_span(a, b)
        if excluded.overlaps(ca, cb) or sentences.index(ca) < 0:
            continue
        words = [w for w in segment(s[a:b], pos=True) if w.text.strip()]
        i = 0
        while i < len(words):
            cls = VERB_CLASS.get(words[i].text)
            if cls is None or not _acts(words, i):
                i += 1
                continue
            objects = _objects(words, i)
            for n, (first, head) in enumerate(objects):
                name = _name_of(words[first:head + 1])
                if not name:
                    continue  # a bare head (完善机制) names nothing
                os_, oe = smap.to_src_span(a + words[first].start, a + words[head].end)
                if lexical.overlaps(os_, oe):
                    continue  # the lexicon already names this measure
                st = smap.to_src_span(a + words[i].start, a + words[i].end)[0] if n == 0 else os_
                st, oe = _balanced(doc.text, st, oe)
                entry = variants.get(name)
                measure, category = (entry.name, entry.category) if entry else (cls + name, OTHER)
                out.append(MeasureMention(measure, category, st, oe, doc.text[st:oe], "pattern"))
            i = objects[-1][1] + 1 if objects else i + 1
    return out


def extract_measures(doc: EngineDocument) -> list[MeasureMention]:
    """Every measure the document states, lexicon and pattern, sorted by start."""
    sentences = _sentences(doc)
    lexical = _lexicon_mentions(doc, sentences)
    spans = _Spans([(m.start, m.end) for m in lexical])
    found = lexical + _pattern_mentions(doc, spans, sentences)
    found.sort(key=lambda m: (m.start, m.end))
    return found


def measure_table(docs: Sequence[EngineDocument],
                  mentions: dict[int, list[MeasureMention]] | None = None) -> list[MeasureRow]:
    """Measures × documents: one row per canonical name with each document's evidence spans.

    Sorted by category (``CATEGORIES`` order), then by how many documents share the measure.
    ``mentions`` are the cached extractions (document id -> mentions); missing ones are made.
    """
    rows: dict[str, tuple[str, dict[int, list[tuple[int, int]]]]] = {}
    for doc in docs:
        found = mentions[doc.id] if mentions is not None and doc.id in mentions else extract_measures(doc)
        for m in found:
            category, per_doc = rows.setdefault(m.measure, (m.category, {}))
            per_doc.setdefault(doc.id, []).append((m.start, m.end))
    table = [MeasureRow(name, cat, {d: tuple(sorted(spans)) for d, spans in per_doc.items()})
             for name, (cat, per_doc) in rows.items()]
    order = {c: k for k, c in enumerate(CATEGORIES)}
    table.sort(key=lambda r: (order.get(r.category, len(order)), -len(r.mentions), r.name))
    return table


def by_region(rows: Sequence[MeasureRow], docs: Sequence[EngineDocument]) -> dict[str, dict[str, int]]:
    """Measures × regions: measure name -> region -> how many of its documents state it."""
    region = {d.id: d.region or "未标注" for d in docs}
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        counts: dict[str, int] = {}
        for doc_id in row.mentions:
            if doc_id in region:
                counts[region[doc_id]] = counts.get(region[doc_id], 0) + 1
        if counts:
            out[row.name] = counts
    return out
