"""China's administrative divisions (``resources/divisions/divisions.tsv``, GB/T 2260 codes) and
the region a name such as an issuing body belongs to: 东莞市住房公积金管理委员会 → 广东省东莞市.

Only full names are matched (临翔区, not 临翔): an organ's name carries its division's full name,
and short forms would find places in ordinary words. Province-level units are also known by their
common short form (重庆, 广西, 内蒙古) when it stands before an organ word (重庆市委 has the full
name anyway). A county-level name shared by several places (朝阳区) is taken only when its city or
province is named too, or when all of them lie in one province (then that province).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from duidu.paths import resource_path
from duidu.text.chars import HAN_CLASS

NATIONAL = "全国"
# Organs of the central state: no division in their name, the whole country is their region.
_CENTRAL = re.compile(r"^(国务院|中共中央|中央|全国|国家|中华人民共和国|最高人民|中国人民银行|海关总署)")
_CENTRAL_MINISTRY = re.compile(rf"^{HAN_CLASS}{{2,12}}(部|总局|总署)(办公厅)?$")
_PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
MIN_NAME = 3  # two-character county names (城区, 矿区, 郊区) are ordinary words


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: str | None
    level: str  # province | city | county


@dataclass(frozen=True)
class Region:
    name: str  # the chain of names, province first: 广东省东莞市, 重庆市渝中区; or 全国
    code: str | None  # the most specific division's six-digit code (None for 全国)
    division: Division | None


class Gazetteer:
    def __init__(self, divisions: list[Division]) -> None:
        self.by_code = {d.code: d for d in divisions}
        self.by_name: dict[str, list[Division]] = {}
        for d in divisions:
            names = {d.name}
            if d.level == "province":
                short = _PROVINCE_SUFFIX.sub("", d.name)
                if len(short) >= 2:
                    names.add(short)
            for n in names:
                if len(n) >= MIN_NAME or d.level == "province":
                    self.by_name.setdefault(n, []).append(d)
        self.lengths = sorted({len(n) for n in self.by_name}, reverse=True)

    def chain(self, d: Division) -> list[Division]:
        out = [d]
        while out[-1].parent and out[-1].parent in self.by_code:
            out.append(self.by_code[out[-1].parent])
        return out[::-1]

    def region(self, d: Division) -> Region:
        return Region("".join(x.name for x in self.chain(d)), d.code, d)

    def find(self, text: str) -> Region | None:
        """The most specific division named in ``text`` (leftmost longest names), or None."""
        found: list[list[Division]] = []
        i = 0
        while i < len(text):
            for n in self.lengths:
                hit = self.by_name.get(text[i : i + n])
                if hit:
                    found.append(hit)
                    i += n
                    break
            else:
                i += 1
        if not found:
            return None
        named = {d.code for hits in found for d in hits}
        best: Division | None = None
        for hits in found:
            # A shared name counts where one of its ancestors is named too.
            supported = [d for d in hits if len(hits) == 1 or any(a.code in named for a in self.chain(d)[:-1])]
            if not supported:
                provinces = {self.chain(d)[0].code for d in hits}
                if len(provinces) != 1:
                    continue
                supported = [self.by_code[provinces.pop()]]
            d = supported[0]
            if best is None:
                best = d
            elif best.code in {a.code for a in self.chain(d)}:
                best = d  # more specific, inside the one found before
            elif d.code in {a.code for a in self.chain(best)}:
                pass  # less specific (a city named after its county)
            else:
                break  # another place: the first named is the issuer's own (江门市…关于广州市…)
        return self.region(best) if best else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    rows = []
    with open(resource_path("divisions", "divisions.tsv"), encoding="utf-8") as f:
        next(f)  # header
        for line in f:
            code, name, parent, level = line.rstrip("\n").split("\t")
            rows.append(Division(code, name, parent or None, level))
    return Gazetteer(rows)


def region_of(issuer: str | None) -> Region | None:
    """The region of an issuing body (or any organ's name); None when it names no place."""
    if not issuer:
        return None
    name = re.sub(r"\s+", "", issuer)
    found = gazetteer().find(name)
    if found:
        return found
    first = re.split(r"[、，,]", name)[0]
    if _CENTRAL.match(first) or _CENTRAL_MINISTRY.match(first):
        return Region(NATIONAL, None, None)
    return None


def gazetteer_starts(text: str) -> bool:
    """Whether ``text`` begins with a division's full name (the start of another organ's name)."""
    g = gazetteer()
    return any(len(g.by_name.get(text[:n], ())) and n >= MIN_NAME for n in g.lengths)
