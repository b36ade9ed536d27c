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
from functools import lru_cache

from duidu.paths import resource_path

# Areas that span divisions, named by regional strategies and joint programmes.
AREAS = ("京津冀", "长三角", "成渝", "川渝", "巴蜀", "粤港澳", "大湾区", "珠三角", "长江", "黄河", "几字弯", "中关村",
         "滨海", "首都", "雄安", "浦东", "临港", "虹桥", "海峡", "两岸", "闽台", "西部陆海", "东北", "长城", "长征",
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
def _pattern() -> re.Pattern:
    return re.compile("|".join(map(re.escape, _names())))


def own_names(region: str | None) -> frozenset[str]:
    """The names a document of ``region`` (广东省, 四川省成都市) uses for itself."""
    if not region:
        return frozenset()
    return frozenset(n for n in _names() if n in region and n not in AREAS)


def places_in(text: str, own: frozenset[str] = frozenset()) -> set[str]:
    return {m.group() for m in _pattern().finditer(text) if m.group() not in own}


def shared_places(a_text: str, b_text: str, a_region: str | None, b_region: str | None) -> tuple[str, ...]:
    """Places both texts name, neither side's own region: the passage's tie to the pair."""
    own = own_names(a_region) | own_names(b_region)
    return tuple(sorted(places_in(a_text, own) & places_in(b_text, own)))
