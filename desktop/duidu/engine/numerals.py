"""Numbers as policy texts write them: 6个 / 6個 / 六个, 第七次, 首届, 1.2万, 130余份.

Figures are compared across documents and scripts, so every way of writing a count must come
to the same value: Arabic and full-width digits, Chinese numerals (一二三…十百千万亿, 两/兩,
〇/零), mixed forms (25.8万), ordinals (第七 = 7) and 首 (首届, 首批 = 1). A numeral that is
not a well-formed number is a *name*, not a figure: 十三五 (a five-year plan) parses to None.

``find_figures(text)`` finds every number that carries a measure word (个/所/名/次/届/对/项
…), because a bare number in a policy text is usually a year, a code (33618) or a name.
Numbered slogans and ordinal phrases are names too (新一轮, 六个一批, “两个维护”, 中央八项规定,
每年一届, 两位数, 一次性). Ordinals are marked as such, with 第 (第七次, 第十四届), 首 (首届, 首批)
or without (六届四次全会, 二十届四中全会, 十六届人大三次会议, 机场三期, 二轮延包 — a count of two
says 两): they say which one, not how many, and never meet a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
           "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
           "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_CHARS = "".join([*_DIGITS, *_SMALL, *_BIG])
# Spellings cn2an does not know, as the ones it does (traditional and variant forms).
_TO_CN2AN = str.maketrans({"兩": "两", "萬": "万", "億": "亿", "貳": "贰", "參": "叁", "陸": "陆", "○": "〇"})
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")

# Measure words, simplified -> (traditional spellings). Longer ones first in the regex.
# 批 only counts after 首/第 ("一批" means "a number of"); 年 is left out (years are not figures).
UNITS = {
    "场次": ("場次",), "人次": (), "个": ("個", "箇"), "所": (), "名": (), "位": (), "人": (), "次": (),
    "届": ("屆",), "期": (), "对": ("對",), "项": ("項",), "家": (), "门": ("門",), "场": ("場",),
    "份": (), "类": ("類",), "支": (), "批": (), "条": ("條",), "座": (), "轮": ("輪",),
}
_UNIT_OF = {spelling: simple for simple, trad in UNITS.items() for spelling in (simple, *trad)}
_UNIT_RE = "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))
_ARABIC = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_NUMBER = rf"(?:{_ARABIC}[万萬亿億千]?|[{_CN_CHARS}]+)"
FIGURE_RE = re.compile(
    rf"(?P<ord>第)?(?P<num>{_NUMBER})(?P<approx>余|餘|多)?(?P<unit>{_UNIT_RE})"
    rf"|(?P<first>首)(?P<unit1>届|屆|批|次|个|個|家|期|轮|輪)"
)


@dataclass(frozen=True)
class Number:
    """One figure found in a text: ``text[start:end]``, its value and simplified measure word."""

    start: int
    end: int
    value: float
    unit: str
    ordinal: bool  # 第七次, 首届: which one, rather than how many


def chinese_number(s: str) -> int | None:
    """The value of a Chinese numeral (三十六, 一百零五, 两万五千), or None if it is no number.

    cn2an reads the numeral (its "normal" mode: 一百五 = 150, 两万五 = 25000, 二〇二四); what it
    would read but a policy text means otherwise is refused first: a run of digits with no place
    unit and no zero (三五 is "three or five", not 35; 十三五 a five-year plan).
    """
    if not s or any(ch not in _DIGITS and ch not in _SMALL and ch not in _BIG for ch in s):
        return None
    if all(ch in _DIGITS for ch in s) and len(s) > 1 and not any(ch in "〇零○" for ch in s):
        return None
    if all(ch in _DIGITS for ch in s) and len(s) == 1:
        return _DIGITS[s]
    import cn2an  # late: only Chinese numerals need it

    try:
        value = cn2an.cn2an(s.translate(_TO_CN2AN), "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value == int(value) else None


def parse_number(s: str) -> float | None:
    """Any one number: ``36``, ``３６``, ``三十六``, ``1.2万``, ``第七`` (= 7), ``首`` (= 1)."""
    s = s.strip().translate(_FULLWIDTH)
    if s.startswith("第"):
        s = s[1:]
    if s == "首":
        return 1.0
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)([万萬亿億千百]*)", s)
    if m:
        value = float(m.group(1))
        for ch in m.group(2):
            value *= _BIG.get(ch) or _SMALL[ch]
        return value
    n = chinese_number(s)
    return None if n is None else float(n)


def find_figures(text: str, start: int = 0, end: int | None = None) -> Iterator[Number]:
    """Every number with a measure word in ``text[start:end]``; offsets index ``text``."""
    end = len(text) if end is None else end
    for m in FIGURE_RE.finditer(text, start, end):
        if m.group("first"):
            if m.start() > 0 and text[m.start() - 1] in _CN_CHARS:
                continue
            yield Number(m.start(), m.end(), 1.0, _UNIT_OF[m.group("unit1")], True)
            continue
        num, unit = m.group("num"), _UNIT_OF[m.group("unit")]
        a = m.start()
        if a > 0 and not m.group("ord") and (text[a - 1] in _CN_CHARS or text[a - 1].isdigit()):
            continue  # inside a longer numeral or name the regex started late in
        value = parse_number(num)
        if value is None or (unit == "批" and not m.group("ord")) or _names_not_counts(text, a, m):
            continue
        yield Number(a, m.end(), value, unit, bool(m.group("ord")) or _session(text, a, m.end(), unit))


_NOT_ONE = "新每这上下同另单本"  # 新一轮, 每一届, 本届: which round, not how many
_PER = ("每年", "一年", "每届", "每次")  # 每年一届: how often, not how many
# 十四届九次全会, 党的二十届四中全会, 十六届人大三次会议: a body's term and its sitting name one
# session; 机场三期工程: a project's phase. Ordinals, though no 第 says so.
_BODY = r"(?:党的|全国人大|人大|政协|人民代表大会|中央|省委|市委|区委|州委|县委|党委)"
_TERM_AFTER = re.compile(rf"{_BODY}?(?:[{_CN_CHARS}0-9]+(?:次|中全会|中[、，])|历次|全会|党代会)|{_BODY}")
_TERM_BEFORE = re.compile(rf"{_BODY}$")
_SITTING_AFTER = re.compile(r"(?:全体)?(?:全会|中全会|党代会)")
_SITTING_BEFORE = re.compile(rf"[{_CN_CHARS}0-9]+届{_BODY}?$")
# 期 after a project is its phase (机场三期, 核电一期, 4号线一期北段); a course's 期 is counted (举办三期培训班).
_COURSE_AFTER = re.compile(r"(?:培训|研修|学习|班|讲座|课程|论坛|活动)")
_COURSE_BEFORE = re.compile(r"(?:举办|开办|举行|开展|办好|办|共|累计)$")
# The few traditional spellings these look-arounds meet (the stored text may be either script).
_T2S = str.maketrans("會黨歷協屆議規兩個項國確維務識體腳結設擴開專區縣", "会党历协届议规两个项国确维务识体脚结设扩开专区县")


def _session(text: str, a: int, end: int, unit: str) -> bool:
    """A term, sitting or phase (六届四次全会, 二十届四中全会, 三期工程): which one, not how many."""
    before, after = text[max(0, a - 10):a].translate(_T2S), text[end:end + 12].translate(_T2S)
    if unit == "届":
        return _TERM_AFTER.match(after) is not None or _TERM_BEFORE.search(before) is not None
    if unit == "次":
        return _SITTING_AFTER.match(after) is not None or _SITTING_BEFORE.search(before) is not None
    if unit == "期":
        return (not text[a].isdigit() and _COURSE_AFTER.match(after) is None
                and _COURSE_BEFORE.search(before) is None)
    # 二轮延包, 二期: a count of two says 两 (两轮, 两期); 二 alone before a measure word is "the second".
    return text[a] in "二贰貳" and end - a == 2


# Numbered names: a count in form, the name of one principle or slogan (中央八项规定, 两个大局).
_NAMED = ("八项规定", "一个中国", "两个大局", "两个确立", "两个维护", "两个毫不动摇", "两个结合", "两个一百年",
          "三个务必", "三个代表", "四个意识", "四个自信", "四个全面", "五位一体", "一个脚印")
# A measure word that starts another word: 两位数 (double-digit), 一次性 (one-off).
_NOT_UNIT = {"位": "数", "次": "性"}
_QUOTES = "“\"「『‘"
_SLOGAN_LEN = 8


def _names_not_counts(text: str, a: int, m: re.Match) -> bool:
    """A numbered slogan or an ordinal phrase, not a count: 新一轮, 六个一批, “两个维护”."""
    if m.group("num") in ("一", "壹") and a > 0 and (text[a - 1] in _NOT_ONE or text[max(0, a - 2):a] in _PER):
        return True
    end = m.end()
    unit = _UNIT_OF[m.group("unit")]
    ahead = text[a:end + 4].translate(_T2S)
    if unit in _NOT_UNIT and ahead.startswith(_NOT_UNIT[unit], end - a):
        return True
    if ahead.startswith(_NAMED):
        return True
    if m.group("unit") in ("个", "個") and text[end:end + 1] == "一" and not m.group("num")[0].isdigit():
        return True  # 三个一批, 五个一工程 (3个一流学科 is a count)
    if a > 0 and text[a - 1] in _QUOTES and not m.group("ord"):
        close = re.search(r"[”\"」』’]", text[end:end + _SLOGAN_LEN])
        return close is not None  # “两个毫不动摇”, “四个全面”: a slogan's name
    return False
