"""Figures: the numbers two documents give for the same measure, paired, with the ones that differ flagged.

Reports on one programme quote its figures again and again — 6个职教集团 / 6個職教集團,
召开7次联席会议 / 先后召開7次聯席會議, 100名教师互派交流 — and a reviewer wants to see where two
documents agree and where they do not. A figure is a number with a measure word
(``numerals.find_figures``) attached to a measure mention in the same clause:

* inside the mention's own evidence (举办五届的…论坛),
* just before it, at most ``GAP_BEFORE`` characters ahead and not across 、 (成立6个职教集团,
  召开7次教育协同发展工作联席会议, 100名教师互派交流),
* just after it, when it closes the clause or is an ordinal (互派访问学者139人, 联席会议第七次会议),
* or first in the next clause when that clause opens with 覆盖/涉及/参与 … (…职教联盟,覆盖两地
  职业院校662所), attached to the last mention before it.

A figure counts what stands right after it, so it counts the mention only when nothing but
modifiers stands between them: in 选择11个左右的县探索片区化推进乡村振兴 the 11 are counties, in
538所中小学与北京市学校结对 schools of one side (a verb, a preposition or a conjunction in between
gives the number to another noun; people counted before a verb stay the measure's: 为超300万名婴幼儿
发放育儿补贴). And where the mention is a modifier of a noun after it, the
figure counts that noun (``Figure.counted``): 1281个乡村振兴示范村 counts villages, 100个乡村振兴片区
districts, 593家专精特新“小巨人”企业 giants — two figures of one measure pair only when they count
the same thing (``_same_thing``); an ordinal after a mention numbers it only when no other noun
follows (联席会议第七次会议, not 自贸试验区第六批“最佳实践案例”).

Pairs are made per measure, counted thing, compatible measure word (名/人/位 alike) and kind: an ordinal
(第七次, 首届, 首批, the 四次 of 六届四次全会) meets only another ordinal, never a count (7次, 3屆),
which it does not state ("7 = 7" would claim an agreement the texts do not make, and 首届 / 3屆 a
discrepancy: the first contest and three contests are both true). Slogans and ordinal phrases
(新一轮, 六个一批, 每年一届) are no figures at all (``numerals``). Within a kind, equal values pair
first, then in reading order; a figure left over meets the closest value on the other side, so no
stated figure goes unshown.

Indicator values (``engine.indicators``: 地区生产总值增长5%左右) pair by indicator, unit and
period (``pair_indicators``): this year's target meets the other report's target, never its
result for last year, and a pair differs when the value, the range or the qualifier does.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass
from typing import Sequence

from duidu.engine.document import EngineDocument
from duidu.engine.indicators import IndicatorValue
from duidu.engine.measures import MeasureMention
from duidu.engine.numerals import Number, find_figures

__all__ = ["Figure", "FigurePair", "extract_figures", "pair_figures", "pair_indicators", "UNIT_CLASS"]

GAP_BEFORE = 10  # characters between a number and the measure it counts
GAP_AFTER = 4
# A clause opening with one of these gives the coverage of the measure before it.
COVER = ("覆盖", "覆蓋", "涉及", "惠及", "辐射", "輻射", "参与", "參與", "累计", "累計", "共计", "共計")
# Measure words that count the same things (others are their own class).
UNIT_CLASS = {"名": "人", "人": "人", "位": "人", "个": "个", "项": "个", "家": "个",
              "次": "次", "场": "次", "场次": "次", "届": "届", "期": "届"}
_BREAK = re.compile(r"[，,；;。：:！？!?\n]")
# A verb between a number and a measure makes the number another noun's: 16个案例入选全国“高效办成一件事”典型.
_PREDICATES = ("入选", "获评", "获批", "列入", "纳入", "成为", "作为", "达到", "获得", "荣获", "评为",
               "入選", "獲評", "獲批", "納入", "成為", "作為", "達到", "獲得", "榮獲", "評為")
_ITEM_END = "、，,；;。：:！？!?\n等"


@dataclass(frozen=True)
class Figure:
    measure: str
    start: int  # offsets in the stored text
    end: int
    text: str  # doc.text[start:end]: 6个, 第七次, 首届, 130余份
    value: float
    unit: str  # simplified measure word: 个 所 名 次 届 对 项 人 …; 万 is in the value
    ordinal: bool = False  # 第七次, 首届
    counted: str = ""  # the nouns after the measure the figure counts (示范村 of 乡村振兴示范村), simplified,
    # space-separated words
    scope: str = ""  # a partner scope between the figure and its measure: 共建 of 320个共建重点项目


@dataclass(frozen=True)
class FigurePair:
    measure: str
    a_text: str
    b_text: str
    a_value: float
    b_value: float
    differs: bool
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    # Indicator pairs (``pair_indicators``) also carry these; measure figures leave them empty.
    unit: str = ""
    period: str = ""
    a_qualifier: str = ""
    b_qualifier: str = ""


# Tags of words that name a thing (jieba's: nouns, abbreviations; 县 is zg); 建设 (vn) ends a head.
_NOUN_TAGS = ("n", "j", "zg")
# Tags that give a number before a mention to another noun: a verb (探索), a preposition (与), a
# conjunction (和); verbal nouns (发展, 工作) stay modifiers.
_FOREIGN_TAGS = ("v", "p", "c")
_QUOTES = "“”‘’「」『』《》\"'"
_HEAD_SPAN = 12  # characters after a mention read for its head noun


def _words(text: str) -> list:
    from duidu.text.script import convert
    from duidu.text.segment import segment_tagged, tag_unknown

    return tag_unknown(segment_tagged(convert(text, "t2s").text))


def _head(text: str, clause_goes_on: bool = True) -> str:
    """The nouns ``text`` opens with, space-separated, a quoted name as one word in “”:
    示范村。 → 示范村, ”“小巨人”企业 → “小巨人” 企业, 片区建设 → 片区, 、绿色工厂 → "". A noun right
    before a verb is left out: the dictionary tags many predicates as nouns (事项落地见效,
    项目全部开工, 上线运行), and a real head is rarely followed by its verb with no pause — unless
    the number closes the words read (``clause_goes_on`` False: 科技成果转化企业新增1013家)."""
    out, name = [], None
    words = _words(text)
    for k, w in enumerate(words):
        if w.text in _QUOTES:
            opens = w.text in "“‘「『《" or (w.text in "\"'" and name is None)
            if not opens and name:
                out.append("“" + "".join(name) + "”")
            name = [] if opens else None
            continue
        if name is not None:
            name.append(w.text)
        elif not w.pos.startswith(_NOUN_TAGS):
            break
        elif not clause_goes_on or k + 1 >= len(words) or words[k + 1].pos != "v":
            out.append(w.text)
    return " ".join(out)


def _foreign(gap: str, unit: str) -> bool:
    """Whether a word in ``gap`` (between a number and a mention) makes the number another noun's.
    People counted before a verb are the measure's own (为超300万名婴幼儿发放育儿补贴: the children it
    reached), so for them only a preposition or conjunction does (…名教师与…学校结对)."""
    tags = ("p", "c") if UNIT_CLASS.get(unit) == "人" else _FOREIGN_TAGS
    return any(w.pos.startswith(tags) and not w.pos.startswith("vn") for w in _words(gap))


def _counted(text: str, m: MeasureMention, n: Number) -> str:
    """What ``n`` counts beyond the mention ``m``: the head noun after it (after the mention, or
    between the mention and a number after it)."""
    if n.start >= m.end:
        return _head(text[m.end:n.start], clause_goes_on=False)
    end = min(len(text), m.end + _HEAD_SPAN)
    stop = _BREAK.search(text, m.end, end)
    return _head(text[m.end:stop.start() if stop else end])


# Words that put a count in a partner's scope: 320个共建重点项目 are projects two regions run together,
# not a count of the region's own key projects (宁夏 实施重点项目2800多个), so they meet only a figure
# of the same scope.
_JOINT = re.compile(r"共建|合作|协作|联建|联合(?!体)|共同(?!体)|对口|跨省|跨区域|两地|双方")  # (产教联合体, 共同体: names)
_SCOPE_BEFORE = 6  # characters before a mention read for a scope word when the figure follows it


def _scope(text: str, m: MeasureMention, n: Number) -> str:
    """The partner scope word standing between ``n`` and ``m`` (or, for a figure after the mention,
    just before the mention in its clause), simplified; "" if none. A word of the mention's own
    name is no scope (合作 of 国际合作园区 names the measure)."""
    from duidu.text.script import convert

    if n.end <= m.start:
        gap = text[n.end:m.start]
    else:
        before = text[max(0, m.start - _SCOPE_BEFORE):m.start]
        gap = _BREAK.split(before)[-1]
    # The mention's own words count too where its name leaves them out (共建重点项目 → 重点项目).
    hit = _JOINT.search(convert(gap + "|" + _left_out(m), "t2s").text)
    return hit.group() if hit and hit.group() not in m.measure else ""


def _left_out(m: MeasureMention) -> str:
    """The words of a mention its measure's name leaves out (共建 of 共建重点项目 → 重点项目)."""
    at = m.text.find(m.measure)
    return m.text[:at] if at > 0 else ("" if at == 0 else m.text)


def _figure(doc: EngineDocument, m: MeasureMention, n: Number) -> Figure:
    return Figure(m.measure, n.start, n.end, doc.text[n.start:n.end], n.value, n.unit, n.ordinal,
                  _counted(doc.text, m, n) if not n.ordinal else "", _scope(doc.text, m, n))


def extract_figures(doc: EngineDocument, mentions: Sequence[MeasureMention]) -> list[Figure]:
    """The figures attached to ``mentions`` (the document's measures), sorted by start."""
    text = doc.text
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    if not mentions:
        return []
    breaks = [b.start() for b in _BREAK.finditer(text)]
    numbers = list(find_figures(text))
    starts = [n.start for n in numbers]
    used: set[int] = set()
    found: list[Figure] = []

    def clause(pos: int, end: int) -> tuple[int, int]:
        k = bisect_left(breaks, pos)
        j = bisect_left(breaks, end)
        return (breaks[k - 1] + 1 if k else 0), (breaks[j] if j < len(breaks) else len(text))

    def take(m: MeasureMention, k: int) -> None:
        used.add(k)
        found.append(_figure(doc, m, numbers[k]))

    # Pass 1: numbers inside or just before a mention (Chinese counts stand before the noun).
    for i, m in enumerate(mentions):
        cs, _ = clause(m.start, m.end)
        prev_end = mentions[i - 1].end if i else 0
        for k in range(bisect_left(starts, m.start), bisect_left(starts, m.end)):
            if numbers[k].end <= m.end:
                take(m, k)
        k = bisect_left(starts, m.start) - 1
        while k >= 0 and numbers[k].end > m.start:
            k -= 1
        if k >= 0 and k not in used:
            n = numbers[k]
            gap = text[n.end:m.start]
            if (n.start >= max(cs, prev_end) and len(gap) <= GAP_BEFORE and "、" not in gap
                    and not any(v in gap for v in _PREDICATES) and not (gap and _foreign(gap, n.unit))):
                take(m, k)
    # Pass 2: numbers just after a mention, or opening the clause that follows it.
    for i, m in enumerate(mentions):
        cs, ce = clause(m.start, m.end)
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        k = bisect_left(starts, m.end)
        if k < len(numbers) and k not in used:
            n = numbers[k]
            gap = text[m.end:n.start]
            closes = n.end >= len(text) or text[n.end] in _ITEM_END
            if (n.end <= min(ce, next_start) and len(gap) <= GAP_AFTER and "、" not in gap
                    and (closes or (n.ordinal and _numbers_mention(text, m, n)))):
                take(m, k)
                continue
        if next_start <= ce or ce >= len(text) or text[ce] not in "，,":
            continue  # not the last mention of its clause, or the sentence ends here
        nxt = text[ce + 1:].lstrip()
        if nxt.startswith(COVER):
            _, ne = clause(ce + 1, ce + 1)
            k = bisect_left(starts, ce + 1)
            if k < len(numbers) and numbers[k].end <= min(ne, next_start) and k not in used:
                take(m, k)
    found.sort(key=lambda f: (f.start, f.end))
    return found


def _numbers_mention(text: str, m: MeasureMention, n: Number) -> bool:
    """Whether an ordinal after a mention numbers it: nothing named after the ordinal but the
    mention's own noun (联席会议第七次会议), not another thing (自贸试验区第六批“最佳实践案例”)."""
    from duidu.text.script import convert

    head = _head(text[n.end:n.end + _HEAD_SPAN]).replace(" ", "")
    return not head or convert(m.text, "t2s").text.endswith(head)


def _same_thing(a: str, b: str) -> bool:
    """Whether two figures' counted nouns can name one kind of thing: one says none (the figure
    counts the measure itself), or they quote the same names and a noun of one ends a noun of the
    other (事项 / 重点 事项, 企业 / 中小企业); 示范村 and 片区, 综合体 and 机构, 项目 and 企业,
    “小巨人” 企业 and 企业 are different things."""
    if not a or not b:
        return True
    aw, bw = a.split(), b.split()
    if {w for w in aw if w[0] == "“"} != {w for w in bw if w[0] == "“"}:
        return False
    return any(x.endswith(y) or y.endswith(x) for x in aw for y in bw)


def _unit_class(unit: str) -> str:
    return UNIT_CLASS.get(unit, unit)


def _pair(measure: str, a: Figure, b: Figure) -> FigurePair:
    return FigurePair(measure, a.text, b.text, a.value, b.value, abs(a.value - b.value) > 1e-9,
                      a.start, a.end, b.start, b.end)


def _closest(values: list[tuple[float, int]], value: float) -> int:
    """The index of the value nearest ``value`` in ``values`` (sorted (value, index) pairs)."""
    k = bisect_left(values, (value, -1))
    near = [values[x] for x in (k - 1, k) if 0 <= x < len(values)]
    return min(near, key=lambda v: (abs(v[0] - value), v[1]))[1]


def _match(aa: list[Figure], bb: list[Figure]) -> list[tuple[int, int]]:
    """Index pairs: equal values first, then the rest in reading order, then leftovers to the closest."""
    waiting: dict[float, deque[int]] = {}
    for j, b in enumerate(bb):
        waiting.setdefault(b.value, deque()).append(j)
    matched, free_a, taken = [], [], set()
    for i, a in enumerate(aa):
        queue = waiting.get(a.value)
        if queue:
            j = queue.popleft()
            taken.add(j)
            matched.append((i, j))
        else:
            free_a.append(i)
    free_b = [j for j in range(len(bb)) if j not in taken]
    n = min(len(free_a), len(free_b))
    matched += zip(free_a[:n], free_b[:n])
    a_values = sorted((a.value, i) for i, a in enumerate(aa))
    b_values = sorted((b.value, j) for j, b in enumerate(bb))
    matched += [(i, _closest(b_values, aa[i].value)) for i in free_a[n:]]
    matched += [(_closest(a_values, bb[j].value), j) for j in free_b[n:]]
    return matched


def _by_thing(aa: list[Figure], bb: list[Figure]) -> list[tuple[list[Figure], list[Figure]]]:
    """``aa`` and ``bb`` split by the thing they count: each B figure goes with the A figures
    counting the same noun, else with those whose noun fits (``_same_thing``) in the fewest words,
    the first of equals; a thing one side alone counts makes no pair."""
    things = list(dict.fromkeys(f.counted for f in aa))
    parts: dict[str, list[Figure]] = {}
    for f in bb:
        fits = [t for t in things if _same_thing(t, f.counted)]
        # The same noun first, else the fewest other words (企业 before “小巨人” 企业 for 中小企业).
        fit = f.counted if f.counted in fits else min(fits, key=lambda t: len(t.split()), default=None)
        if fit is not None:
            parts.setdefault(fit, []).append(f)
    return [([f for f in aa if f.counted == t], parts[t]) for t in things if t in parts]


def pair_figures(a_figs: Sequence[Figure], b_figs: Sequence[Figure]) -> list[FigurePair]:
    """Figures of the same measure, counted thing and compatible measure word in A and B, paired
    and compared."""
    groups: dict[tuple[str, str, bool, str], tuple[list[Figure], list[Figure]]] = {}
    for side, figs in ((0, a_figs), (1, b_figs)):
        for f in sorted(figs, key=lambda f: f.start):
            # An ordinal is not a count (第七次 names one meeting, 7次 counts them; 首届 is the first
            # contest, not one contest against 3屆): ordinals meet only ordinals.
            # A partner's scope (共建, 合作 …) is another count: it meets only the same scope.
            groups.setdefault((f.measure, _unit_class(f.unit), f.ordinal, f.scope), ([], []))[side].append(f)
    pairs: list[FigurePair] = []
    for (measure, *_), (aa, bb) in groups.items():
        for a_part, b_part in _by_thing(aa, bb):
            pairs += [_pair(measure, a_part[i], b_part[j]) for i, j in _match(a_part, b_part)]
    pairs.sort(key=lambda p: (p.a_start, p.b_start))
    return pairs


def _indicator_key(v: IndicatorValue) -> tuple:
    return (v.value, v.high, v.qualifier)


def pair_indicators(a_vals: Sequence[IndicatorValue], b_vals: Sequence[IndicatorValue]) -> list[FigurePair]:
    """Values of the same indicator, unit and period in A and B, paired (equal first) and compared."""
    groups: dict[tuple[str, str, str], tuple[list[IndicatorValue], list[IndicatorValue]]] = {}
    for side, vals in ((0, a_vals), (1, b_vals)):
        for v in sorted(vals, key=lambda v: v.start):
            groups.setdefault((v.indicator, v.unit, v.period), ([], []))[side].append(v)
    pairs: list[FigurePair] = []
    for (name, unit, period), (aa, bb) in groups.items():
        if not (aa and bb):
            continue
        # One pair per value on the shorter side: equal values first, then in reading order.
        waiting = list(range(len(bb)))
        for i, a in enumerate(aa):
            if not waiting:
                break
            j = next((j for j in waiting if _indicator_key(bb[j]) == _indicator_key(a)), waiting[0])
            waiting.remove(j)
            b = bb[j]
            pairs.append(FigurePair(name, a.text, b.text, a.value, b.value,
                                    _indicator_key(a) != _indicator_key(b), a.start, a.end, b.start, b.end,
                                    unit, period, a.qualifier, b.qualifier))
    pairs.sort(key=lambda p: (p.a_start, p.b_start))
    return pairs
