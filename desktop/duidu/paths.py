"""Where the shipped data lives: ``resources/`` and ``seeds/`` in a checkout, package data when installed,
``sys._MEIPASS/duidu/…`` in a PyInstaller bundle (packaging/duidu.spec puts them there)."""

from __future__ import annotations

import sys
from importlib import resources as _res
from pathlib import Path


def _root(package: str) -> Path:
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):  # data files, not modules, in a bundle
        return Path(sys._MEIPASS, *package.split("."))
    return Path(str(_res.files(package)))


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (OpenCC data, dictionaries, stop lists)."""
    return _root("duidu.resources").joinpath(*parts)


def seed_path(*parts: str) -> Path:
    """A file under ``seeds/`` (the embedded default corpus and its manifest)."""
    return _root("duidu.seeds").joinpath(*parts)
