"""Frames: a shared passage that is only the words around two different figures or names.

Reports state their results in common frames: 新增境内外上市公司45家 / 新增境内外上市公司16家,
外国获批在川设立领事机构增至24家 / 外国获批在渝设立领事机构增至15个. The words match, the facts do
not; what the two share is a figure to compare, which is the figure layer's job
(``engine/figures.py``). A passage with no figure of its own that ends (or starts), on both sides,
right at a figure (at most ``REACH`` characters of a clause away: 均达100% / 达到93%) where the two
figures differ is such a frame. The same words around the same figure (辐射引领教研员、教师5000余人 in both)
stay shared content, and so does a passage with figures inside it (they are part of what it says).
The same holds for names: a clause's tail after a different name on each side (攀西 / 川渝
特高压交流工程等项目) is a frame (``name_frame``). Numbered slogans that count different things on
each side are the third kind (``counts_other_things``).
"""

from __future__ import annotations

import re
from functools import lru_cache

REACH = 4  # characters of the same clause between a passage's end and the figure it frames
# A figure: Arabic digits (a decimal point, thousands commas) and the unit character after them.
FIGURE = re.compile(r"[0-9０-９][0-9０-９.．,]*[%％‰]?[^\s0-9０-９，。；：、！？,.;:!?（）()“”\"《》]?")
CLAUSE_BREAK = re.compile(r"[\s，。；：、！？,;:!?（）()“”\"《》]")
DIGIT = re.compile(r"[0-9０-９]")


def _figure_after(text: str, end: int) -> str | None:
    """The figure (digits and unit) that follows ``end`` within ``REACH`` characters of the clause."""
    window = text[end : end + REACH + 16]
    cut = CLAUSE_BREAK.search(window)
    clause = window[: cut.start()] if cut else window
    m = DIGIT.search(clause, 0, REACH + 1)
    return FIGURE.match(clause, m.start()).group() if m else None


def _figure_before(text: str, start: int) -> str | None:
    """The figure (digits and unit) that ends at most ``REACH`` characters before ``start``, in the
    same clause (24个国家先进制造业集群)."""
    window = text[max(0, start - REACH - 16) : start]
    if not DIGIT.search(window):
        return None  # (most passages: no figure before them to look for)
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(window)]
    clause = window[breaks[-1] if breaks else 0 :]
    last = None
    for m in FIGURE.finditer(clause):
        if DIGIT.match(clause, m.start()) and len(clause) - m.end() <= REACH:
            last = m.group()
    return last


def figure_frame(a_text: str, a_span: tuple[int, int], b_text: str, b_span: tuple[int, int]) -> bool:
    """Whether the passage at ``a_span`` of ``a_text`` and ``b_span`` of ``b_text`` (stored-text
    offsets) is a frame around figures that differ on its two sides: no figure of its own, and at
    one of its ends a figure on each side, not the same."""
    if DIGIT.search(a_text, *a_span) or DIGIT.search(b_text, *b_span):
        return False
    for figure, a_at, b_at in ((_figure_after, a_span[1], b_span[1]), (_figure_before, a_span[0], b_span[0])):
        x = figure(a_text, a_at)
        if x is not None:  # (most passages have no figure beside them: B is not read)
            y = figure(b_text, b_at)
            if y is not None and x != y:
                return True
    return False


NUMBERED = re.compile(r"[一二两三四五六七八九十百千双]")  # the count a numbered slogan opens with
LISTED = re.compile(r"[^，。；：！？,;:!?\n]{1,12}、[^，。；：！？,;:!?、\n]{1,12}[“「\"]?$")  # 生产、供销、信用“
LIST_REACH = 24  # characters before a slogan searched for the list it counts


def _listed_before(text: str, start: int) -> str | None:
    """The list of things written right before ``start`` (生产、供销、信用 before “三位一体”), if any."""
    m = LISTED.search(text, max(0, start - LIST_REACH), start)
    return m.group().rstrip("“「\"") if m else None


def counts_other_things(a_text: str, a_span: tuple[int, int], b_text: str, b_span: tuple[int, int]) -> bool:
    """Whether a numbered slogan both texts quote counts different things in each: it names as many
    things as the text lists before it, so 数量、质量、生态“三位一体” and 中医药事业产业文化“三位一体” share
    a number, not a measure. Only when a side lists them: a slogan the centre defines and both quote
    bare (落实“五统一、一开放”基本要求 / 坚持“五统一、一开放”) is the same measure."""
    if not NUMBERED.match(a_text, a_span[0]):
        return False
    a_list, b_list = _listed_before(a_text, a_span[0]), _listed_before(b_text, b_span[0])
    return (a_list is not None or b_list is not None) and a_list != b_list


SLOT_REACH = 16  # characters before a passage searched for the start of its clause
# Parts of speech (jieba's tags) of a word that names something or counts it: nouns, names of
# places, people, organisations and other proper names (n…), numerals and classifiers (m, q),
# abbreviations (j), Latin words. Not verbs (nor verbal nouns: 发展 before 林下经济 is the verb),
# adverbs, idioms, pronouns, prepositions, particles or localisers.
NAMING = ("n", "m", "q", "j", "eng")


def _slot_word(text: str, start: int) -> tuple[str, str] | None:
    """The last word of what stands before ``start`` in its clause, if anything does: its key text
    (with the words before it while under two characters: 23|项, 南向|西向) and its part of speech."""
    return _last_word(text[max(0, start - SLOT_REACH) : start])


@lru_cache(maxsize=1 << 16)
def _last_word(window: str) -> tuple[str, str] | None:
    """``_slot_word`` of the text before a passage (remembered: segmenting with parts of speech is
    slow, and a document's passages start at the same places in every comparison it takes part in)."""
    from duidu.text.keyform import query_key
    from duidu.text.segment import segment

    breaks = [m.end() for m in CLAUSE_BREAK.finditer(window)]
    key = query_key(window[breaks[-1] if breaks else 0 :])
    words = segment(key, pos=True) if key else []
    if not words:
        return None
    at = next((w.start for w in reversed(words) if len(key) - w.start >= 2), 0)
    return key[at:], words[-1].pos or ""


def _ends_clause(text: str, end: int) -> bool:
    return end >= len(text) or CLAUSE_BREAK.match(text, end) is not None


def name_frame(a_text: str, a_span: tuple[int, int], b_text: str, b_span: tuple[int, int]) -> bool:
    """Whether the passage is the same clause tail said of different things: 成都西部片区…试验区 /
    23项 经验做法获全国推广, 攀西 / 川渝 特高压交流工程等项目, 干渠 / 丹江口水库 水质稳定在Ⅱ类及以上.

    On both sides the passage runs to its clause's end, and right before it in the clause stands a
    word that names or counts something (``NAMING``), different on each side and sharing no
    character: a name or figure slot filled differently, so what the two share is the frame
    around it. After a verb or an adverbial the passage is what the clause says (推动 / 基层
    报表数据“只报一次”; 坚定不移 / 持之以恒 大抓产业、主攻工业): not a frame. Words naming the same thing
    in other words mostly share a character (首届 / 3届 川渝青年教师风采大赛, 向西 / 西向). A passage with
    figures of its own says them, as in ``figure_frame``. Only passages ending their clause on both
    sides are segmented (jieba with parts of speech: loaded on the first such passage)."""
    if not (_ends_clause(a_text, a_span[1]) and _ends_clause(b_text, b_span[1])):
        return False
    if DIGIT.search(a_text, *a_span) or DIGIT.search(b_text, *b_span):
        return False
    x = _slot_word(a_text, a_span[0])
    y = x and _slot_word(b_text, b_span[0])
    if not x or not y or set(x[0]) & set(y[0]):
        return False
    return all(pos.startswith(NAMING) for _, pos in (x, y))


@lru_cache(maxsize=64)
def _own_names(region: str | None) -> re.Pattern | None:
    """A pattern of the names a document of ``region`` calls itself by (longest first), if any."""
    from duidu.engine.places import own_names

    names = sorted(own_names(region), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def own_name_frame(a_text: str, a_span: tuple[int, int], a_region: str | None,
                   b_text: str, b_span: tuple[int, int], b_region: str | None) -> bool:
    """Whether the passage is the same words around each document's own region, and nothing else:
    环北部湾广西水资源配置 / 环北部湾广东水资源配置 are two provinces' own projects, 向关心支持重庆发展的 /
    向关心支持贵州发展的 each report thanking for itself. Each side names its own region
    (``places.own_names``) and, those names taken out, the two are the same in the key form."""
    from duidu.text.keyform import query_key

    def around(text: str, span: tuple[int, int], region: str | None) -> tuple[str, ...] | None:
        names = _own_names(region)
        if names is None:
            return None
        parts = names.split(text[span[0] : span[1]])
        return tuple(query_key(part) for part in parts) if len(parts) > 1 else None

    x = around(a_text, a_span, a_region)
    return x is not None and x == around(b_text, b_span, b_region)
