"""Where the library lives: decided here only (argument, then DUIDU_LIBRARY, then the platform)."""

from __future__ import annotations

import os
from pathlib import Path

LIBRARY_FILE = "library.sqlite"


def library_path(explicit: str | os.PathLike | None = None) -> Path:
    """``--library PATH`` wins, then ``$DUIDU_LIBRARY``, then the user-data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("DUIDU_LIBRARY")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("duidu", appauthor=False) / LIBRARY_FILE
