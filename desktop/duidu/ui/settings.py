"""Typed preferences and window state on QSettings, behind one class with a version and upgrades.

QSettings stores strings on some platforms, so every read goes through a typed accessor
with a default; nothing else in ``ui/`` calls ``QSettings`` directly. The file lives in the
platform's config folder (``$XDG_CONFIG_HOME/duidu/settings.ini`` on Linux), resolved on each
construction so tests that point XDG_CONFIG_HOME at a temporary folder never see the user's.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

VERSION = 2
RECENT_LIMIT = 10
DEFAULT_FONT_SIZE = 12
LANGUAGES = ("system", "zh_CN", "zh_TW", "en")
THEMES = ("system", "light", "dark")
MIN_LENGTH_RANGE = (4, 40)


def settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("duidu", appauthor=False)) / "settings.ini"


class Settings:
    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self._q = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)
        self._upgrade()

    # -- versioning ---------------------------------------------------------------
    def _upgrade(self) -> None:
        version = self._int("version", 0)
        if 0 < version < 2:  # 1 -> 2: the boilerplate switch is a comparison option, beside the minimum length
            if self._q.contains("reader/boilerplate"):
                self._q.setValue("compare/boilerplate", self._q.value("reader/boilerplate"))
                self._q.remove("reader/boilerplate")
        if version < VERSION:
            self._q.setValue("version", VERSION)

    def sync(self) -> None:
        self._q.sync()

    # -- typed access ---------------------------------------------------------------
    def _int(self, key: str, default: int) -> int:
        try:
            return int(self._q.value(key, default))
        except (TypeError, ValueError):
            return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._q.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def _str(self, key: str, default: str) -> str:
        value = self._q.value(key, default)
        return value if isinstance(value, str) else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        return value if isinstance(value, QByteArray) else None

    # -- reader preferences -------------------------------------------------------------
    @property
    def script(self) -> str:
        return self._str("reader/script", "original")

    @script.setter
    def script(self, value: str) -> None:
        self._q.setValue("reader/script", value)

    @property
    def sync_scrolling(self) -> bool:
        return self._bool("reader/sync", True)

    @sync_scrolling.setter
    def sync_scrolling(self, value: bool) -> None:
        self._q.setValue("reader/sync", bool(value))

    @property
    def show_boilerplate(self) -> bool:
        return self._bool("compare/boilerplate", False)

    @show_boilerplate.setter
    def show_boilerplate(self, value: bool) -> None:
        self._q.setValue("compare/boilerplate", bool(value))

    @property
    def min_length(self) -> int | None:
        """Least key characters of a shared passage; None: the engine's default (chosen from evidence)."""
        value = self._int("compare/min_length", 0)
        lo, hi = MIN_LENGTH_RANGE
        return value if lo <= value <= hi else None

    @min_length.setter
    def min_length(self, value: int | None) -> None:
        self._q.setValue("compare/min_length", int(value or 0))

    @property
    def language(self) -> str:
        value = self._str("ui/language", "system")
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("ui/language", value if value in LANGUAGES else "system")

    @property
    def theme(self) -> str:
        value = self._str("ui/theme", "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._q.setValue("ui/theme", value if value in THEMES else "system")

    @property
    def font_family(self) -> str:
        """The reading panes' font family; "" for the built-in list of CJK faces."""
        return self._str("reader/font_family", "")

    @font_family.setter
    def font_family(self, value: str) -> None:
        self._q.setValue("reader/font_family", value or "")

    @property
    def font_face(self) -> str:
        """The reading face: sans, song (宋体/明體) or fangsong (仿宋, official documents)."""
        value = self._str("reader/font_face", "sans")
        return value if value in ("sans", "song", "fangsong") else "sans"

    @font_face.setter
    def font_face(self, value: str) -> None:
        self._q.setValue("reader/font_face", value if value in ("sans", "song", "fangsong") else "sans")

    @property
    def font_size(self) -> int:
        return max(8, min(40, self._int("reader/font_size", DEFAULT_FONT_SIZE)))

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._q.setValue("reader/font_size", int(value))

    @property
    def annotator(self) -> str:
        """The name on every note this user makes (the OS user by default)."""
        from duidu.ui.notes import default_annotator

        return self._str("notes/annotator", "").strip() or default_annotator()

    @annotator.setter
    def annotator(self, value: str) -> None:
        self._q.setValue("notes/annotator", value.strip())

    @property
    def blind(self) -> bool:
        return self._bool("notes/blind", False)

    @blind.setter
    def blind(self, value: bool) -> None:
        self._q.setValue("notes/blind", bool(value))

    @property
    def recent_codes(self) -> list[int]:
        """The codes applied last, most recent first (quick coding's keys 1–9)."""
        try:
            value = json.loads(self._str("notes/recent_codes", "[]"))
        except ValueError:
            return []
        return [v for v in value if isinstance(v, int)][:9] if isinstance(value, list) else []

    @recent_codes.setter
    def recent_codes(self, value: list[int]) -> None:
        self._q.setValue("notes/recent_codes", json.dumps([int(v) for v in value][:9]))

    # -- the last and recent comparisons -------------------------------------------------
    @property
    def last_comparison(self) -> dict | None:
        """{"a": id, "b": id, "script_a": s, "script_b": s} or None."""
        try:
            value = json.loads(self._str("session/last", ""))
        except ValueError:
            return None
        if isinstance(value, dict) and isinstance(value.get("a"), int) and isinstance(value.get("b"), int):
            return value
        return None

    @last_comparison.setter
    def last_comparison(self, value: dict) -> None:
        self._q.setValue("session/last", json.dumps(value))
        if value["a"] == value["b"]:
            return  # a document beside itself is a place to read, not a comparison to come back to
        recent = [r for r in self.recent if (r["a"], r["b"]) != (value["a"], value["b"])]
        self._q.setValue("session/recent", json.dumps(([{"a": value["a"], "b": value["b"]}] + recent)[:RECENT_LIMIT]))

    @property
    def recent(self) -> list[dict]:
        try:
            value = json.loads(self._str("session/recent", "[]"))
        except ValueError:
            return []
        return [r for r in value if isinstance(r, dict) and isinstance(r.get("a"), int) and isinstance(r.get("b"), int)]

    # -- window layout ---------------------------------------------------------------
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._bytes("window/geometry"), self._bytes("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)

    @property
    def folded_docks(self) -> dict[str, bool]:
        """Docks the reader folded or unfolded by hand (name -> folded); empty: the window fits itself."""
        try:
            value = json.loads(self._str("window/folded", "{}"))
        except ValueError:
            return {}
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, bool)} if isinstance(value, dict) else {}

    @folded_docks.setter
    def folded_docks(self, value: dict[str, bool]) -> None:
        self._q.setValue("window/folded", json.dumps(value))
