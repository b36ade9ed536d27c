"""OpenCC's upstream conformance cases (tests/data/opencc, Apache-2.0; see LICENSE there)."""

from __future__ import annotations

import json
import re
from pathlib import Path

DATA = Path(__file__).parent / "data" / "opencc"
REQUIRED = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp")


def cases() -> list[tuple[str, str, str]]:
    """(input, config, expected) for every check; the file has trailing commas."""
    text = (DATA / "testcases.json").read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", text))
    return [(c["input"], cfg, exp) for c in data["cases"] for cfg, exp in c["expected"].items()]


def conformance(convert) -> dict[str, tuple[int, int]]:
    """config -> (passed, checks) for ``convert(text, config) -> str``."""
    counts: dict[str, list[int]] = {}
    for text, cfg, expected in cases():
        if cfg not in REQUIRED:
            continue
        c = counts.setdefault(cfg, [0, 0])
        c[0] += convert(text, cfg) == expected
        c[1] += 1
    return {cfg: (p, n) for cfg, (p, n) in counts.items()}


def golden(config: str) -> tuple[str, str]:
    """(simplified input, upstream's output) for the US Constitution golden text."""
    src = (DATA / "golden" / "us_constitution_zhs.txt").read_text(encoding="utf-8")
    out = (DATA / "golden" / f"us_constitution_zhs.{config}.txt").read_text(encoding="utf-8")
    return src, out
