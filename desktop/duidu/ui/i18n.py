"""The interface's language: Duidu's own translations and Qt's, installed together.

Source strings are English; ``resources/translations/duidu_<lang>.ts`` hold the Chinese
(simplified and traditional). The set-up builds the ``.qm`` files Qt loads (``make venv``
runs ``python -m duidu.ui.i18n``); an installed copy without them builds them once into the
user's cache with PySide6's own ``lrelease``. Qt's dialogs (buttons, file dialogs) are
translated by the ``qtbase`` catalogues that ship with PySide6.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from duidu.paths import resource_path

LANGUAGES = ("zh_CN", "zh_TW")  # translated; English is the source
_installed: list[QTranslator] = []


def resolve(language: str, system: str | None = None) -> str:
    """"system" → the system's (``system``: a locale name such as zh_HK, default the OS's): Taiwan,
    Hong Kong and Macau get traditional Chinese, other Chinese simplified, everything else English."""
    if language in LANGUAGES or language == "en":
        return language
    name = system if system is not None else QLocale.system().name()  # zh_CN, zh_TW, zh_HK, en_US…
    if name.startswith("zh"):
        traditional = any(tag in name for tag in ("TW", "HK", "MO", "Hant"))
        return "zh_TW" if traditional else "zh_CN"
    return "en"


def source_dir() -> Path:
    return resource_path("translations")


def lrelease() -> Path:
    import PySide6

    folder = Path(PySide6.__file__).parent
    return folder / ("lrelease.exe" if sys.platform == "win32" else "lrelease")


def build(out_dir: Path | None = None) -> list[Path]:
    """Compile every ``.ts`` to ``.qm`` (next to it, or in ``out_dir``)."""
    built = []
    for ts in sorted(source_dir().glob("duidu_*.ts")):
        qm = (out_dir or ts.parent) / (ts.stem + ".qm")
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(lrelease()), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def _catalogue(language: str) -> Path | None:
    shipped = source_dir() / f"duidu_{language}.qm"
    if shipped.exists():
        return shipped
    import platformdirs

    cache = Path(platformdirs.user_cache_dir("duidu", appauthor=False)) / "translations"
    built = cache / f"duidu_{language}.qm"
    ts = source_dir() / f"duidu_{language}.ts"
    if ts.exists() and (not built.exists() or built.stat().st_mtime < ts.stat().st_mtime):
        try:
            build(cache)
        except (OSError, subprocess.CalledProcessError):
            return None  # no lrelease here: the interface stays in English rather than failing
    return built if built.exists() else None


def install(language: str) -> str:
    """Install the translators for ``language`` (a setting value); returns the language in force."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    chosen = resolve(language)
    QLocale.setDefault(QLocale(chosen if chosen != "en" else "en_US"))
    if chosen == "en":  # the source strings, but their plurals ("1 document") come from a catalogue
        translator = QTranslator(app)
        path = _catalogue("en")
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        return chosen
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{chosen}", qt_dir), (f"duidu_{chosen}", None)):
        translator = QTranslator(app)
        path = Path(folder) / f"{name}.qm" if folder else _catalogue(chosen)
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
    return chosen


if __name__ == "__main__":  # the set-up: python -m duidu.ui.i18n
    for qm in build():
        print(f"built {qm}")
