"""Document-derived text shown outside the panes (titles, measures, figures, search results,
notes' quotes) in the script the reader chose, so a traditional reading is traditional
everywhere; the interface's own language is a separate choice and is not touched here."""

from __future__ import annotations

from functools import lru_cache

# The toolbar's script -> the OpenCC conversion for text of any origin ("original": as stored).
CONFIGS = {"simplified": "t2s", "traditional": "s2t", "tw": "s2tw", "hk": "s2hk"}


@lru_cache(maxsize=8192)
def in_script(text: str, script: str) -> str:
    config = CONFIGS.get(script)
    if not config or not text:
        return text
    from duidu.text.script import convert

    return convert(text, config).text


def converter(script: str):
    """A one-argument function for models and delegates (identity for "original")."""
    if script not in CONFIGS:
        return lambda text: text
    return lambda text: in_script(text, script) if isinstance(text, str) else text
