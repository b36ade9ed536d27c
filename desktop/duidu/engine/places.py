"""Places a shared passage names on both sides: what makes it the two documents' own.

Read by hand on whole report pairs (benchmarks/passage_sample.py), what two provinces' reports
share is mostly policy language that a 42-document background cannot tell from content
(健全扫黑除恶常态化机制 is in only these two of the 42, yet every reader knows it is a formula). The
passages that are content almost always name a place or area they share: a joint programme
(长三角生态绿色一体化发展示范区, 天津滨海—中关村科技园), a corridor or campaign
(成渝世界级机场群, 黄河“几字弯”攻坚战). Such passages are shown first.

Names: the province- and prefecture-level divisions of ``resources/divisions/divisions.tsv`` by
their short form (成都, 重庆) and the cross-region areas of national strategy (``AREAS``). A
document's own region does not count: 我谨代表北京市人民政府 and 驻川人民解放军 are a report
speaking of itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from duidu.engine.document import EngineDocument
from duidu.engine.per_document import per_document
from duidu.paths import resource_path

# Areas that span divisions, named by regional strategies and joint programmes (西部 and 东北:
# the regions of 西部大开发 and 东北振兴; 西部金融中心 is 成渝's programme).
AREAS = ("京津冀", "长三角", "成渝", "川渝", "巴蜀", "粤港澳", "大湾区", "珠三角", "长江", "黄河", "几字弯", "中关村",
         "滨海", "首都", "西部", "雄安", "浦东", "临港", "虹桥", "海峡", "两岸", "闽台", "西部陆海", "东北", "长城", "长征",
         "秦岭", "祁连山", "三江源", "青藏", "河西走廊", "淮河", "大运河", "太湖", "洞庭湖", "鄱阳湖", "北部湾", "海南自由贸易港")
_SUFFIX = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|盟|省|市)$")


@lru_cache(maxsize=1)
def _names() -> tuple[str, ...]:
    names = set(AREAS)
    path = resource_path("divisions", "divisions.tsv")
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) >= 4 and parts[3] in ("province", "city"):
                short = _SUFFIX.sub("", parts[1])
                if len(short) >= 2:
                    names.add(short)
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _by_first() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """Names by their first character (longest first) and a pattern of those characters: a text
    is scanned once for where a name may start, not once per name."""
    first: dict[str, list[str]] = {}
    for name in _names():
        first.setdefault(name[0], []).append(name)
    return re.compile("[" + "".join(map(re.escape, sorted(first))) + "]"), {k: tuple(v) for k, v in first.items()}


def own_names(region: str | None) -> frozenset[str]:
    """The names a document of ``region`` (广东省, 四川省成都市) uses for itself."""
    if not region:
        return frozenset()
    return frozenset(n for n in _names() if n in region and n not in AREAS)


# A compass point before a name makes a compound, not the place: 东西部协作, 中西部地区 (not 西部).
_COMPASS = frozenset("东東南西北中")


def _marks(text: str) -> tuple[list[int], list[tuple[int, str]]]:
    """Every place name in ``text``: (starts, [(end, name)]) in order of start. None is read
    inside a compass compound (东西部, 中西部) unless the compass point ends a name (陕西西安)."""
    pattern, first = _by_first()
    starts, found, ends = [], [], set()
    for m in pattern.finditer(text):
        at = m.start()
        if at and text[at - 1] in _COMPASS and at not in ends:
            continue
        for name in first[m.group()]:
            if text.startswith(name, at):
                starts.append(at)
                found.append((at + len(name), name))
                ends.add(at + len(name))
                break
    return starts, found


def names_in(text: str) -> list[str]:
    """The place names in ``text``, in order (长三角 in 上海（长三角）国际科技创新中心)."""
    return [name for _, name in _marks(text)[1]]


# Read once per document (a comparison asks for every passage's span).
_document_marks = per_document(lambda doc: _marks(doc.text))


def places_in(doc: EngineDocument, start: int, end: int, own: frozenset[str] = frozenset()) -> set[str]:
    """The place names standing wholly in ``doc.text[start:end]``, but ``own``."""
    starts, found = _document_marks(doc)
    k = bisect_left(starts, start)
    out = set()
    while k < len(starts) and starts[k] < end:
        stop, name = found[k]
        if stop <= end and name not in own:
            out.add(name)
        k += 1
    return out


def shared_places(a: EngineDocument, a_span: tuple[int, int], b: EngineDocument, b_span: tuple[int, int]) -> tuple[str, ...]:
    """Places both passages name, neither document's own region: the passage's tie to the pair."""
    own = own_names(a.region) | own_names(b.region)
    return tuple(sorted(places_in(a, *a_span, own) & places_in(b, *b_span, own)))
