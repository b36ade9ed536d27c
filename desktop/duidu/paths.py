"""Where the shipped data lives: ``resources/`` and ``seeds/`` in a checkout, package data when installed."""

from __future__ import annotations

from importlib import resources as _res
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (OpenCC data, dictionaries, stop lists)."""
    return Path(str(_res.files("duidu.resources").joinpath(*parts)))


def seed_path(*parts: str) -> Path:
    """A file under ``seeds/`` (the embedded default corpus and its manifest)."""
    return Path(str(_res.files("duidu.seeds").joinpath(*parts)))
