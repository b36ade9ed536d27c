"""Indicators: the targets and results a report states for GDP, prices, jobs, grain …

A researcher reading 31 provincial reports asks "who set which growth target?" The reports
word it each their own way — 地区生产总值增长5%左右, 全省生产总值增长5%—5.5%, 经济增长5.5%左右,
地区生产总值按增长5%安排 — and state last year's result in the same words a page earlier
(过去一年…地区生产总值增长5.2%). So every value is read with:

* its indicator, by the lexicon ``resources/indicators.toml`` (aliases, longest first);
* its unit (%, 个百分点, 万人, 亿元, 万吨 — 万亿元, 亿斤, 万亿斤 and 亿吨 are brought to these —) and, for a range
  (5%—5.5%, 4.5-5%), the upper end;
* its qualifier: 左右 以上 以内 以下 上下, 不低于 不超过 力争 超过 约, 区间 for a range;
* its period: the report year's target, the year before's result, or a five-year plan's
  average (年均). The nearest cue before the value in its paragraph decides (今年, 预期目标,
  目标 → target; 过去一年, 去年, 上年, 预计全年 → result; 年均 → plan); a paragraph with no
  cue takes the last strong cue of the paragraphs before ("主要预期目标" on its own line), else
  the report's part it stands in ("三、2026年重点工作" → target, "一、2025年工作回顾" → result,
  "二、“十五五”时期主要目标任务" → the plan ahead).

Only a value right after its indicator counts (a few linking words between: 增长, 涨幅, 控制在,
按…安排): 相当于全市生产总值的比例达到4.6% is not a GDP figure. Spans index the stored text.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from duidu.engine.document import EngineDocument
from duidu.engine.numerals import parse_number
from duidu.paths import resource_path

__all__ = ["Indicator", "IndicatorValue", "extract_indicators", "indicator_named", "indicator_table", "indicators",
           "region_named", "report_year", "TARGET", "RESULT", "PLAN", "PREFIX_QUALIFIERS"]

LEXICON = "indicators.toml"
TARGET, RESULT, PLAN = "target", "result", "plan"

# Words that may stand between an indicator and its value (增长, 涨幅, 控制在, 按增长…安排).
_LINK = (r"(?:(?:全年|预计|实际|同口径|同比|比上年|较上年|名义|年均|平均|均值|总体|累计|分别|拟按|按|力争|确保|努力|总水平|"
         r"上涨幅度|幅度|继续|稳定)?"
         r"(?:增长|增速|涨幅|降幅|上涨|微涨|下降|微降|回落|降低|减少|提高到|提高|提升到|提升|增加到|增加|增至|降至|降到|达到|达|突破|超过|"
         r"目标设定为|设定为|目标为|为|保持在|稳定在|控制在|实现|在|是|保持|首次跃上|跃上|迈上|跨上|站上)?){0,3}")
# (继续保持500亿斤以上, 稳定保持在76亿斤以上: 湖北, 宁夏 grain; 甘肃 一般公共预算收入同口径增长5.5%左右)
# 突破3万亿元, 超1万美元, 逾百亿: a lower bound, as 以上 and 超过 are (超过 before 超: tried in order).
# Qualifiers written before the value (the Figures tab puts them back there).
PREFIX_QUALIFIERS = ("不低于", "不少于", "不超过", "不高于", "至少", "力争", "超过", "高于", "低于", "约", "近", "突破", "逾", "超")
_SUFFIX_Q = ("左右", "以上", "以内", "以下", "上下", "以上", "之内")
_NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
# Units, longest first; 万亿元 and 亿元 are both money (brought to 亿元).
_UNITS = ("个百分点", "万亿元", "亿元", "万元", "万亿斤", "亿斤", "亿吨", "万吨", "亿公斤", "万人次", "万人", "万户", "微克/立方米",
          "%", "％", "元")
_UNIT_RE = "|".join(map(re.escape, _UNITS))
_VALUE = re.compile(
    rf"(?P<pre>{'|'.join(PREFIX_QUALIFIERS)})?(?P<num>{_NUM})(?P<u1>{_UNIT_RE})?"
    rf"(?:(?P<dash>[—–\-~～至到])(?P<num2>{_NUM})(?P<u2>{_UNIT_RE}))?"
    rf"(?P<suf>{'|'.join(_SUFFIX_Q)})?"
)
_PARA_BREAK = re.compile(r"\n")
# 达到5.53万亿元、稳居全国前十强、增长4.8%: one short clause with no number may stand between.
_CHAIN = re.compile(r"[、，,]\s*(?:[^、，,。；;：:\n0-9０-９%％]{1,10}[、，,]\s*)?"
                    r"((?:同比|比上年|较上年|年均)?(?:增长|下降|增速|上涨)|达到|达)(?=[0-9０-９])")
# 突破4000亿元、达到4211亿元: a level's exact figure may follow its bound (达到 above).
_THRESHOLD = ("跃上", "迈上", "跨上", "站上")
_STEP = re.compile(r"新?(?:台阶|关口|大关)")
# An exclusion makes another indicator's scope: 扣除房地产开发投资后，固定资产投资增长2.7% is investment
# without real estate, not the region's investment (price effects are no scope: 扣除价格因素后实际增长).
_EXCLUSION = re.compile(r"(?:扣除|不含|剔除)(?!价格|物价)")
_EXCLUSION_REACH = 24  # characters before an indicator read for an exclusion, within its sentence
_CLAUSE_END = re.compile(r"[，,。；;！!？?：:\n]")
_PARTNER = re.compile(r"\s*(?:其中)?(?:对|与)[^，,。；;：:\n]{1,22}$")
# Period cues, read backwards from a value: the nearest one wins.
_TARGET_CUES = ("预期目标", "目标是", "目标为", "今年", "本年", "力争", "工作安排")  # (每年安排140亿元: funds, no period)
_RESULT_CUES = ("过去一年", "去年", "上年", "一年来", "预计全年", "实现了", "完成了")
_PLAN_CUES = ("年均", "五年", "到2030年", "到2035年")
# A cue that is part of a name says nothing of the period: 新型城镇化战略五年行动计划.
_NOT_CUE = {"五年": ("行动", "计划", "规划", "攻坚", "专项")}
_BEATEN = ("高于", "好于", "超过", "超出", "低于", "完成", "实现", "达到", "符合")
_NOT_CUE_AFTER = {"预期目标": _BEATEN}  # 增速高于预期目标: a result


def _last_cue(before: str, cue: str) -> int:
    """Where ``cue`` last stands in ``before`` as a cue, not inside a name; -1 if nowhere."""
    at = before.rfind(cue)
    while at >= 0 and (before.startswith(_NOT_CUE.get(cue, ()), at + len(cue))
                       or before.endswith(_NOT_CUE_AFTER.get(cue, ()), 0, at)):
        at = before.rfind(cue, 0, at)
    return at


# Cues strong enough to carry over into the paragraphs after them ("主要预期目标" on its own
# line, a section heading); 预期目标任务圆满完成 looks back, not forward.
# (增速高于预期目标 looks back too: last year's result measured against last year's target.)
_STRONG = ((re.compile("".join(f"(?<!{w})" for w in _BEATEN) + r"预期目标(?!任务|顺利|圆满|较好|全面|如期|完成|实现)"),
            TARGET),
           (re.compile(r"工作回顾|过去一年|刚刚过去的"), RESULT), (re.compile(r"过去五年|过去的五年|五年来|这五年"), PLAN))
# A paragraph opening with a year ("各位代表，刚刚过去的2025年，…", "2026年是…开局之年") speaks of that
# year, and so do the paragraphs after it: a strong cue dated by the report year (not 2021—2025年).
_OPENING = 24
_BARE_OK = "年是为计现中"  # 今年/全年/预计/实现/其中 + 生产总值: still the whole economy
_CARRY = 1500  # characters a strong cue reaches forward past its paragraph (a —— list's lead-in: all of it)
_LIST_ITEM = "——"
_HEADING_LEN = 60  # a paragraph this short is a heading or a lead-in line ("…目标任务：")
_YEAR = re.compile(r"(19[5-9]\d|20\d\d)\s*年")
PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
             "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏",
             "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾")
_REGION_SUFFIX = {"北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "内蒙古": "内蒙古自治区",
                  "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区",
                  "香港": "香港特别行政区", "澳门": "澳门特别行政区", "台湾": "台湾省"}


@dataclass(frozen=True)
class Indicator:
    name: str
    aliases: tuple[str, ...]
    not_after: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()  # aliases that name the indicator only standing alone
    summed: bool = False  # a five-year review's figure is the years' sum (城镇新增就业), not the last year's
    reduction: bool = False  # values are reductions (单位GDP能耗降低2.5%); else a fall is negative


@dataclass(frozen=True)
class IndicatorValue:
    indicator: str
    value: float
    unit: str  # "%", "个百分点", "万人", "亿元", "亿斤" …
    qualifier: str  # 左右 以上 以内 … 区间 (a range) or ""
    period: str  # 2026年目标, 2025年, 年均 (a plan) …; see ``period_label``
    kind: str  # TARGET, RESULT or PLAN
    start: int  # offsets in the stored text: the value with its unit and qualifier
    end: int
    text: str
    high: float | None = None  # the upper end of a range (5%—5.5%)
    context: str = ""  # the indicator's wording and the value: 地区生产总值增长5%左右

    def shown(self) -> str:
        """The value as a reader writes it: 5%左右, 5–5.5%, 1600亿斤以上."""
        def num(v: float) -> str:
            return format(v, ".12g")  # 1349000, not 1.349e+06
        core = f"{num(self.value)}–{num(self.high)}{self.unit}" if self.high is not None else f"{num(self.value)}{self.unit}"
        return core + (self.qualifier if self.qualifier in _SUFFIX_Q else "") if self.qualifier != "区间" else core


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    data = tomllib.loads(resource_path(LEXICON).read_text(encoding="utf-8"))
    return tuple(Indicator(i["name"], tuple(i["aliases"]), tuple(i.get("not_after", ())), tuple(i.get("bare", ())),
                           bool(i.get("summed", False)), bool(i.get("reduction", False)))
                 for i in data["indicator"])


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


@lru_cache(maxsize=1)
def _alias_re() -> tuple[re.Pattern, dict[str, Indicator]]:
    by_alias = {a: ind for ind in indicators() for a in ind.aliases}
    pattern = "|".join(map(re.escape, sorted(by_alias, key=len, reverse=True)))
    ahead = rf"(?=(?:{'|'.join(PREFIX_QUALIFIERS)})?[0-9０-９])"  # lets the linking words give back what the value needs
    # 城镇调查失业率从上半年5.5%降到5.3%, 生产总值从4.16万亿元增加到5.67万亿元: the level reached is the value.
    start = (rf"(?:从[^0-9０-９，,。；;：:\n]{{0,6}}{_NUM}(?:{_UNIT_RE})?"
             r"(?:增加|增长|提高|提升|扩大|上升|下降|降低|减少|降|升)?(?:到|至))?")
    return re.compile(rf"(?P<alias>{pattern}){start}(?P<link>{_LINK}){ahead}"), by_alias


def report_year(title: str = "", text: str = "", date: str | None = None, file_name: str | None = None) -> int | None:
    """The year a report is about: its date's, its title's or file name's; else read from its text.

    In the text, "2024年工作回顾" means a report on 2025 (the review is of the year before),
    "2026年工作安排" a report on 2026; failing both, the first year of its opening lines."""
    if date and date[:4].isdigit():
        return int(date[:4])
    for source in (title, file_name):  # a title may be the review's heading (一、2025年工作回顾)
        m = re.search(r"(19[5-9]\d|20\d\d)年[^。\n]{0,15}?回顾", source or "")
        if m:
            return int(m.group(1)) + 1
        m = _YEAR.search(source or "") or re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", source or "")
        if m:
            return int(m.group(1))
    m = re.search(r"(19[5-9]\d|20\d\d)年[^。\n]{0,15}?回顾", text)
    if m:
        return int(m.group(1)) + 1
    m = re.search(r"(19[5-9]\d|20\d\d)年(?:工作安排|重点工作|经济社会发展)", text)
    if m:
        return int(m.group(1))
    m = _YEAR.search(text[:300])
    return int(m.group(1)) if m else None


def region_named(*texts: str | None) -> str | None:
    """The provincial-level region a title or file name names (2026_四川省_政府工作报告.txt → 四川省)."""
    for text in texts:
        if not text:
            continue
        hits = [(text.find(p), p) for p in PROVINCES if p in text]
        if hits:
            p = min(hits)[1]
            if p in _REGION_SUFFIX:
                return _REGION_SUFFIX[p]
            return p + ("省" if p not in ("香港", "澳门") else "")
        if "国务院" in text or "全国" in text:
            return "全国"
    return None


def period_label(kind: str, year: int | None, ahead: bool = False, rate: bool = True) -> str:
    """2026年目标, 2025年; a plan's (average) rate or level: the five years ahead (a target) or behind."""
    if kind == TARGET:
        return f"{year}年目标" if year else "本年目标"
    if kind == RESULT:
        return f"{year - 1}年" if year else "上年"
    each = "年均" if rate else ""
    if year:
        return f"{year}—{year + 4}年{each}目标" if ahead else f"{year - 5}—{year - 1}年{each}"
    return f"五年规划{each}目标" if ahead else f"过去五年{each}"


# A plan's figure looks ahead (十五五 targets) or back (十四五 results): the nearest cue decides.
# (主要目标任务基本完成 looks back: the plan's targets met.)
_AHEAD = re.compile(r"十五五|未来五年|今后五年|到20[3-9]\d年|2030年|主要指标|主要目标(?!任务|基本|圆满|全面|如期|顺利)"
                    r"|远景目标|建议")
_BEHIND = re.compile(r"十四五|过去五年|五年来|这五年|五年间|2021年以来|2020年")


# Units of one quantity brought to one (the value is scaled; the text stays as written).
_SAME = {"％": ("%", 1.0), "万亿元": ("亿元", 10_000.0), "万亿斤": ("万吨", 50_000.0), "亿斤": ("万吨", 5.0),
         "亿吨": ("万吨", 10_000.0), "亿公斤": ("万吨", 10.0)}


def _unit(u: str | None) -> str:
    return _SAME.get(u or "", (u or "", 1.0))[0]


def _scale(u: str | None) -> float:
    return _SAME.get(u or "", ("", 1.0))[1]


class _Periods:
    """Decides each value's period from the cues before it (paragraph first, then carried cues)."""

    def __init__(self, text: str, year: int | None) -> None:
        self.text = text
        self.breaks = [m.start() for m in _PARA_BREAK.finditer(text)]
        self.strong: list[tuple[int, str]] = sorted(
            [(m.start(), kind) for cue, kind in _STRONG for m in cue.finditer(text)] + _year_openings(text, year))
        self.strong_at = [p for p, _ in self.strong]
        years = ((f"{year}年", TARGET), (f"{year - 1}年", RESULT)) if year else ()
        self.cues = (*((c, TARGET) for c in _TARGET_CUES), *((c, RESULT) for c in _RESULT_CUES),
                     *((c, PLAN) for c in _PLAN_CUES), *years)
        self.sections = _sections(text, year)
        self.section_at = [p for p, _ in self.sections]

    def section(self, pos: int) -> tuple[int, str]:
        """(where it starts, its kind) of the report's part ``pos`` stands in, or (-1, "")."""
        j = bisect_right(self.section_at, pos - 1) - 1
        return self.sections[j] if j >= 0 else (-1, "")

    def ahead(self, pos: int, margin: bool = False) -> bool:
        """Whether a plan's value before ``pos`` is a target for the years ahead (else a past average).

        The nearest cue in its paragraph decides; a paragraph with none ("一是高质量发展水平明显提升。
        …年均增长5%以上") takes the nearest heading or lead-in line (a short paragraph) in the
        ``_CARRY`` characters before it ("“十五五”时期，要努力实现以下目标任务："); a cue wins over
        the margin (海南's review: 城镇调查失业率控制在5.5%以内 under "五年来，…" is kept, not aimed at)."""
        k = bisect_right(self.breaks, pos - 1)
        para = self.breaks[k - 1] + 1 if k else 0
        lines = [self.text[para:pos]]
        while k > 0 and pos - self.breaks[k - 1] <= _CARRY:
            k -= 1
            start = self.breaks[k - 1] + 1 if k else 0
            if self.breaks[k] - start <= _HEADING_LEN:
                lines.append(self.text[start:self.breaks[k]])
        for before in lines:
            ahead = max((m.end() for m in _AHEAD.finditer(before)), default=-1)
            behind = max((m.end() for m in _BEHIND.finditer(before)), default=-1)
            if ahead != behind:
                return ahead > behind
        # No cue: a rate stated with a margin (``margin``: 5%左右, 5%—5.5%) is a target, results
        # being exact; else the part it stands in (二、“十五五”时期主要目标…).
        return margin or self.section(pos)[1] == _PLAN_AHEAD

    def _lead_in(self, k: int) -> int:
        """Where the lead-in of the list paragraph ``k`` (after ``k`` breaks) stands: a run of
        paragraphs opening with ——, however long, is the list of the paragraph before it ("2025年是
        “十四五”收官之年。五年来，…" then eight "——…" items of the five years, 山东); else len(text)."""
        def opens(j: int) -> int:
            return self.breaks[j - 1] + 1 if j else 0

        def item(j: int) -> bool:  # a list item, or a blank line between two
            end = self.breaks[j] if j < len(self.breaks) else len(self.text)
            return self.text.startswith(_LIST_ITEM, opens(j)) or not self.text[opens(j):end].strip()

        j = k
        while j > 0 and item(j):
            j -= 1
        return opens(j) if j < k and not self.text.startswith(_LIST_ITEM, opens(j)) else len(self.text)

    def kind(self, pos: int, link: str) -> str:
        if "年均" in link:
            return PLAN
        k = bisect_right(self.breaks, pos - 1)
        para_start = self.breaks[k - 1] + 1 if k else 0
        before = self.text[para_start:pos]
        # The nearest cue wins; at one place the longer cue (预期目标 over 目标是).
        found = [(at + len(cue), len(cue), kind) for cue, kind in self.cues if (at := _last_cue(before, cue)) >= 0]
        if found:
            return max(found)[2]
        start, part = self.section(pos)
        j = bisect_right(self.strong_at, pos - 1) - 1
        if j >= 0 and (pos - self.strong[j][0] <= _CARRY or self.strong[j][0] >= self._lead_in(k)) \
                and self.strong[j][0] >= start:
            return self.strong[j][1]
        if part:  # "三、2026年重点工作": what it lists is this year's; "一、2025年工作回顾": last year's
            return PLAN if part == _PLAN_AHEAD else part
        return RESULT  # a bare value in a report is most often something achieved


def _year_openings(text: str, year: int | None) -> list[tuple[int, str]]:
    """(where, kind) of each paragraph naming the report year (TARGET) or the year before (RESULT) in
    its first ``_OPENING`` characters, not as the end of a span (2021—2025年) nor with a month."""
    if not year:
        return []
    dated = re.compile(rf"(?<![—–\-~～至到0-9])({year - 1}|{year})年(?![0-9一二三四五六七八九十]+月|底|末)")
    out = []
    for m in re.finditer(r"^[^\n]", text, re.M):
        d = dated.search(text, m.start(), min(len(text), m.start() + _OPENING))
        if d and "\n" not in text[m.start():d.start()] and "报告" not in text[m.start():d.end() + 8]:
            out.append((d.start(), RESULT if d.group(1) == str(year - 1) else TARGET))
    return out


_GROWTH = re.compile(r"年均|平均|增长|增速|涨幅|上涨|下降|降低|减少|提高(?!到)|提升(?!到)|增加(?!到)")


_YEARLY_BEFORE = ("年均", "每年", "平均每年")
# Linking words ending in a fall: the value is a negative change (下降3.3%, CPI微降0.1%).
_FALL = re.compile(r"(?:下降|降低|减少|微降|回落)$|降幅")
# A change of a level (增加近1000亿元, 净增1万亿元), not the level: linking words ending in a verb of change.
_CHANGE = re.compile(r"(?:增加|增长|净增|减少|下降|降低|提高|提升)$")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def _signed(ind: Indicator, link: str, value: float, high: float | None) -> tuple[float, float | None]:
    """A value and its range's top as the indicator counts them: a fall is negative (固定资产投资下降
    3.3%: -3.3), unless the indicator's values are reductions (单位GDP能耗降低2.5%: 2.5)."""
    if ind.reduction or not _FALL.search(link):
        return value, high
    return (-value, None) if high is None else (-high, -value)


def _yearly(s: str, at: int, link: str) -> bool:
    """Whether a past plan's rate at ``at`` is a yearly average: its words say so (年均, 平均每年) or
    its sentence does before it (年均增长5.4%。…); a review's bare growth over the five years is the
    whole change (吉林 十四五: 粮食产量增长近15%, 安徽: 单位地区生产总值能耗下降17%)."""
    if "年均" in link or "平均" in link or s.endswith(_YEARLY_BEFORE, 0, at):
        return True
    start = max((m.end() for m in _SENTENCE_END.finditer(s, max(0, at - 200), at)), default=max(0, at - 200))
    return "年均" in s[start:at]


def _is_rate(link: str, unit: str, before: str = "") -> bool:
    """Whether a plan's value is a yearly rate (年均增长5%) rather than a level it reaches (城镇化率
    达到71%, 失业率控制在5.5%左右): only a rate is an average of the plan's years, and a count the
    report itself calls yearly (城镇新增就业年均超过70万人); a change the report calls cumulative
    (累计下降14%) is the plan's whole change."""
    if "年均" in link or "平均每年" in link or before.endswith(_YEARLY_BEFORE):
        return True  # (年均新增城镇就业30万人, 每年城镇新增就业40万人以上: the words before the indicator)
    if "累计" in link:
        return False  # 单位地区生产总值能耗累计下降超14%: the five years' sum, no yearly average
    return unit in ("%", "个百分点") and _GROWTH.search(link) is not None


# A report's parts: "一、2025年工作回顾", "二、“十五五”时期主要目标任务", "三、2026年重点工作".
# (甘肃 heads them without a number: "2026年重点工作" alone on its line.)
_PART = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、(.{2,48})|([^\s（(，,。；;：:、！!？?—]{4,24}))[ \t\u3000]*$", re.M)
_PART_BEHIND = re.compile(r"回顾|总结|成就|十四五|过去")
_PART_AHEAD = re.compile(r"十五五|第十五个五年")
_PART_NOW = re.compile(r"重点工作|工作安排|主要任务|主要工作|工作任务|政府工作任务")
_PLAN_AHEAD = "plan ahead"


def _sections(text: str, year: int | None) -> list[tuple[int, str]]:
    """Where each of the report's parts starts and what its bare values are: RESULT, TARGET or
    ``_PLAN_AHEAD``; a heading that says none of these (一、提高低保… in a list) starts no part."""
    out = []
    for m in _PART.finditer(text):
        head = m.group(1) or m.group(2)
        if "报告" in head:
            continue  # the title ("2026年福建省政府工作报告"), not a part
        if _PART_BEHIND.search(head) or (year and f"{year - 1}年" in head):
            out.append((m.start(), RESULT))
        elif _PART_AHEAD.search(head):
            out.append((m.start(), _PLAN_AHEAD))
        elif (year and f"{year}年" in head) or _PART_NOW.search(head):
            out.append((m.start(), TARGET))
    return out


def extract_indicators(doc: EngineDocument, year: int | None = None) -> list[IndicatorValue]:
    """Every indicator value the document states, in reading order (furniture left out)."""
    from duidu.text.script import convert

    simple = convert(doc.text, "t2s")
    s, smap = simple.text, simple.map
    if year is None:
        year = report_year(doc.title, s)
    pattern, by_alias = _alias_re()
    periods = _Periods(s, year)
    excluded = [(e.start, e.end) for e in doc.excluded]
    out: list[IndicatorValue] = []
    for m in pattern.finditer(s):
        ind = by_alias[m.group("alias")]
        a = m.start()
        if any(s.endswith(w, 0, a) for w in ind.not_after):
            continue
        if m.group("alias") in ind.bare and a and _is_letter(s[a - 1]) and s[a - 1] not in _BARE_OK:
            continue  # 海洋生产总值, 县域经济增长: another, narrower indicator
        if _excluded_scope(s, a):
            continue
        link, pos = m.group("link"), m.end()
        kind = periods.kind(a, link)
        # 社会消费品零售总额、固定资产投资增长4%左右 (黑龙江): one value for every indicator listed; with
        # 分别 (…分别增长5%、6%) each its own, in order, this one the last.
        shared = [(other, at, None) for other, at in _listed_before(s, a, by_alias)]
        if shared and "分别" in link:
            reads = _value_list(s, pos, link, len(shared) + 1)
            if reads is None:
                continue  # values and names do not match one to one: none is read
            shared = [(other, at, r) for (other, at, _), r in zip(reversed(shared), reads)]
            pos = reads[-1][0]
        first = True
        while (read := _read_value(s, pos, link)) is not None:
            vs, ve, value, high, unit, qualifier = read
            value, high = _signed(ind, link, value, high)
            src_s, src_e = smap.to_src_span(vs, ve)
            if unit not in ("%", "个百分点") and _CHANGE.search(link):
                break  # 一般公共预算收入增加近1000亿元: a change of the level, not the level
            if not any(es < src_e and src_s < ee for es, ee in excluded):
                cs = smap.to_src_span(a, a + 1)[0]
                # With no cue, a plan's rate stated with a margin (5%左右, 5%—5.5%) is a target: results
                # are exact. (Not a cumulative change: 累计下降16%左右 may be a review's estimate.)
                ahead = kind == PLAN and periods.ahead(a, qualifier in ("左右", "区间", "以内") and "累计" not in link)
                before = s[max(0, a - 4):a]  # (年均新增城镇就业, 累计…: words just before the indicator)
                change = _is_rate(link, unit, before)
                label = period_label(kind, year, ahead, change and (ahead or _yearly(s, a, link)))
                value_kind = kind
                if kind == PLAN and not ahead and not change and not (ind.summed or "累计" in before + link):
                    # A level the five years' review reached is the last year's: 地区生产总值突破3万亿元,
                    # 城镇化率提高至64.8% (2025) — not the sum of new jobs, nor a cumulative change.
                    value_kind, label = RESULT, period_label(RESULT, year)
                out.append(IndicatorValue(ind.name, value, unit, qualifier, label, value_kind,
                                          src_s, src_e, doc.text[src_s:src_e], high, doc.text[cs:src_e]))
                for other, at, r in shared if first else ():
                    ovs, ove, ovalue, ohigh, ounit, oqual = r or read
                    if ounit != unit:
                        continue
                    ovalue, ohigh = _signed(other, link, ovalue, ohigh)
                    os_, (ss, se) = smap.to_src_span(at, at + 1)[0], smap.to_src_span(ovs, ove)
                    out.append(IndicatorValue(other.name, ovalue, ounit, oqual, label, value_kind,
                                              ss, se, doc.text[ss:se], ohigh, doc.text[os_:se]))
            first = False
            # 达到8500亿元、增长1.5%: the same indicator's growth follows its level.
            # 迈上6万亿元台阶，达到62661亿元: the exact level follows the threshold's step.
            chain = _CHAIN.match(s, ve + (len(step.group()) if (step := _STEP.match(s, ve)) else 0))
            if chain is None or unit == "%" or _alias_re()[0].search(s, ve, chain.start(1)):
                break  # (the growth of another indicator named in between is that one's)
            link, pos = chain.group(1), chain.end()
            if "年均" in link:
                kind = PLAN
    return _settle(out)


def _listed_before(s: str, at: int, by_alias: dict[str, Indicator]) -> list[tuple[Indicator, int]]:
    """The indicators named just before ``at`` in a 、-list with no value of their own (社会消费品零售总额、
    | 固定资产投资增长4%左右): (indicator, where its name starts), nearest first."""
    longest = max(map(len, by_alias))
    out = []
    while at > 0 and s[at - 1] == "、":
        end = at - 1
        hit = next(((by_alias[s[end - n:end]], end - n) for n in range(min(longest, end), 1, -1)
                    if s[end - n:end] in by_alias), None)
        if hit is None or any(s.endswith(w, 0, hit[1]) for w in hit[0].not_after):
            break
        out.append(hit)
        at = hit[1]
    return out


def _value_list(s: str, pos: int, link: str, n: int) -> list[tuple] | None:
    """``n`` values in a 、-list from ``pos`` (5%、6%), each as ``_read_value`` gives it; None unless
    exactly ``n`` stand there."""
    reads = []
    while (read := _read_value(s, pos, link)) is not None:
        reads.append(read)
        if read[1] >= len(s) or s[read[1]] != "、":
            break
        pos = read[1] + 1
    return reads if len(reads) == n else None


def _excluded_scope(s: str, at: int) -> bool:
    """Whether the indicator at ``at`` is read with something left out (扣除…后, 不含…, 剔除…) in the
    words of its sentence just before it, or for one partner only: a clause opening with 对/与 and
    running to the indicator (上海 对东盟、共建“一带一路”国家进出口总额分别增长10.4%、12.1%: trade
    with them, not the city's)."""
    start = max(0, at - _EXCLUSION_REACH)
    start = max((m.end() for m in _SENTENCE_END.finditer(s, start, at)), default=start)
    if _EXCLUSION.search(s, start, at) is not None:
        return True
    clause = max((m.end() for m in _CLAUSE_END.finditer(s, max(0, at - _EXCLUSION_REACH), at)), default=-1)
    return clause >= 0 and _PARTNER.match(s, clause, at) is not None


# Qualifiers by what they say of the true value: at least, at most, about.
_LOWER = ("以上", "不低于", "不少于", "至少", "超过", "高于", "突破", "逾", "超")
_UPPER = ("以内", "以下", "之内", "不超过", "不高于", "低于")
_ABOUT = ("左右", "上下", "约", "近")
_ABOUT_MARGIN = 0.1  # 约3万亿元 restates 32765亿元; 约2.5万亿元 does not


def _restates(v: IndicatorValue, exact: IndicatorValue) -> bool:
    """Whether ``v`` (a bound or a round figure) says less than ``exact`` and agrees with it:
    突破3万亿元 and 32765亿元."""
    if v.high is not None:
        return v.value <= exact.value <= v.high
    if v.qualifier in _LOWER:
        return exact.value >= v.value
    if v.qualifier in _UPPER:
        return exact.value <= v.value
    if v.qualifier in _ABOUT:
        return abs(exact.value - v.value) <= _ABOUT_MARGIN * abs(v.value)
    return not v.qualifier and v.value == exact.value


def _settle(values: list[IndicatorValue]) -> list[IndicatorValue]:
    """One value per indicator, unit and period where the report states one fact twice: a repeat
    is dropped, and so is a bound or round figure of a result the report also gives exactly (云南:
    地区生产总值突破3万亿元 in the five years' review, 32765亿元 for 2025 — the 2025 value is 32765亿元).
    A target keeps its qualifier (5%左右 is the target, not a rounding of 5%): only results and past
    averages are folded; two exact values that differ both stay, for the reader to see."""
    exact: dict[tuple, list[IndicatorValue]] = {}
    for v in values:
        if not v.qualifier and v.high is None:
            exact.setdefault((v.indicator, v.unit, v.period), []).append(v)
    out, seen = [], set()
    for v in values:
        key = (v.indicator, v.unit, v.period)
        said = (key, v.value, v.high, v.qualifier)
        if said in seen:
            continue  # the same value said again
        seen.add(said)
        if v.kind != TARGET and "目标" not in v.period and (v.qualifier or v.high is not None) and any(
                _restates(v, e) for e in exact.get(key, ())):
            continue
        out.append(v)
    return out


def _read_value(s: str, pos: int, link: str) -> tuple[int, int, float, float | None, str, str] | None:
    """The value at ``pos``: (start, end, value, upper end, unit, qualifier), or None."""
    v = _VALUE.match(s, pos)
    if v is None or (v.group("u1") is None and v.group("u2") is None):
        return None
    if v.end() < len(s) and (s[v.end()].isdigit() or s[v.end()] in "年月日"):
        return None  # a date or a longer number, not this value
    unit_text = v.group("u1") or v.group("u2")
    value = parse_number(v.group("num"))
    high = parse_number(v.group("num2")) if v.group("num2") else None
    if value is None or (v.group("dash") and high is None):
        return None
    value *= _scale(unit_text)
    if high is not None:
        high *= _scale(v.group("u2"))
    qualifier = "区间" if high is not None else (v.group("suf") or v.group("pre") or "")
    if not qualifier:  # 年均超过70万人: the linking words end in the qualifier the value lacks
        qualifier = next((q for q in PREFIX_QUALIFIERS if link.endswith(q)), "")
    if not qualifier and link.endswith(_THRESHOLD):
        qualifier = "突破"  # 粮食产量首次跃上1.4万亿斤新台阶: a threshold crossed, a lower bound as 突破 is
    if not qualifier and "力争" in link:
        qualifier = "力争"
    return v.start(), v.end(), value, high, _unit(unit_text), qualifier


def indicator_named(name: str) -> str | None:
    """The canonical indicator a name or alias stands for (GDP → 地区生产总值), or None."""
    key = name.strip().upper() if name.isascii() else name.strip()
    for ind in indicators():
        if key == ind.name or key in ind.aliases:
            return ind.name
    near = {ind.name for ind in indicators() for a in (ind.name, *ind.aliases) if key and key in a}
    return near.pop() if len(near) == 1 else None  # 粮食 → 粮食产量, when only one fits


def indicator_table(values: dict[int, list[IndicatorValue]], order: list[int]) -> list[dict]:
    """Indicator × document: one entry per indicator and unit, its values in ``order`` of documents.

    Indicators come in lexicon order, within one the unit most values use first (growth in %
    before a level in 亿元), and each document's values target first, then results, then plans.
    """
    rank = {ind.name: k for k, ind in enumerate(indicators())}
    kind_rank = {TARGET: 0, RESULT: 1, PLAN: 2}
    position = {d: k for k, d in enumerate(order)}
    groups: dict[tuple[str, str], list[tuple[int, IndicatorValue]]] = {}
    for doc_id, found in values.items():
        for v in found:
            groups.setdefault((v.indicator, v.unit), []).append((doc_id, v))
    keys = sorted(groups, key=lambda k: (rank.get(k[0], len(rank)), -len(groups[k]), k[1]))
    return [{"name": name, "unit": unit,
             "values": sorted(groups[(name, unit)],
                              key=lambda dv: (position.get(dv[0], 0), kind_rank[dv[1].kind], dv[1].start))}
            for name, unit in keys]
