"""The README glossary ("Glossary: one term per concept") read as data, so the checks of the
Taiwan wording (report labels, guide, interface catalogue) follow the table and cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from duidu.text.script import convert

README = Path(__file__).resolve().parents[1] / "README.md"

# Mainland wording a Taiwan text must not use (OpenCC s2twp leaves these as they are).
MAINLAND_USAGE = ("軟件", "文檔", "默認", "設置", "幫助", "撤銷", "滾動", "選中", "回車", "菜單", "鼠標", "界面",
                  "下劃線", "單元格", "後臺", "查找", "全域性", "視頻", "屏幕")


def terms() -> list[tuple[str, str]]:
    """(简体 term, 繁體（臺灣） term) for each concept, "笔记 / 对照笔记" and "编码（标注）" split."""
    text = README.read_text(encoding="utf-8")
    table = text.split("### Glossary: one term per concept", 1)[1].split("\n\n", 2)[1]
    pairs = []
    for row in table.splitlines()[2:]:  # past the header and its rule
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        simplified, taiwan = (re.split(r"\s*/\s*|（|）", c) for c in cells[1:3])
        simplified, taiwan = [s for s in simplified if s], [t for t in taiwan if t]
        assert len(simplified) == len(taiwan), row
        pairs += zip(simplified, taiwan)
    assert len(pairs) >= 12, pairs  # the table was found whole
    return pairs


def mainland_only() -> dict[str, str]:
    """Terms the glossary gives only to the mainland, as a conversion writes them in traditional
    characters (套话 → 套話), each with the Taiwan term to use instead."""
    out = {}
    for simplified, taiwan in terms():
        converted = convert(simplified, "s2twp").text
        if converted != taiwan:
            out[converted] = taiwan
    return out
