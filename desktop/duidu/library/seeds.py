"""The embedded default corpus: the five documents Duidu was created from, with their metadata."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

from duidu.library.importer import prepare
from duidu.paths import seed_path

if TYPE_CHECKING:
    from duidu.library.store import Library


def manifest() -> list[dict]:
    """The seeds' metadata as delivered (``seeds/manifest.toml``)."""
    with open(seed_path("manifest.toml"), "rb") as f:
        return tomllib.load(f)["document"]


def import_seeds(library: "Library") -> int:
    """Import every seed in one transaction (all or none); returns how many were new."""
    prepared = [prepare(seed_path(entry["file"]), metadata=entry, seed=True) for entry in manifest()]
    with library.db.atomic():
        return sum(library.add(p).created for p in prepared)
