"""Regression for the PySide6 pin: 6.12.0 on CPython 3.11 frees ``None`` (none_dealloc abort)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib import metadata

import pytest

CALLS = 20_000

# Run in a child: the bug aborts the interpreter, which must fail one test, not kill pytest.
_CHILD = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, QTimer

    app = QCoreApplication.instance() or QCoreApplication([])
    obj = QObject()
    timer = QTimer()
    before = sys.getrefcount(None)
    for i in range({CALLS} // 2):
        obj.setObjectName("duidu")   # void C++ method: returns None
        timer.setInterval(i % 97)    # void C++ method: returns None
    after = sys.getrefcount(None)
    print(before, after)
    """
)


def test_void_qt_calls_keep_none_alive():
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, (
        f"child died with {proc.returncode} after void Qt calls "
        f"(PySide6 none_dealloc bug?):\n{proc.stderr[-2000:]}"
    )
    before, after = map(int, proc.stdout.split())
    # The bug loses one reference per call; a healthy build loses none.
    assert after >= before, f"refcount(None) dropped {before} -> {after} over {CALLS} void calls"


def _installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _major_minor(version: str) -> tuple[int, int]:
    major, minor = version.split(".")[:2]
    return int(major), int(minor)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the bad release only bites CPython < 3.12")
def test_installed_essentials_is_below_612():
    version = metadata.version("PySide6-Essentials")
    assert _major_minor(version) < (6, 12), f"PySide6-Essentials {version} is installed; need < 6.12"


@pytest.mark.parametrize("dist", ["PySide6", "PySide6-Addons", "PySide6-WebEngine"])
def test_only_essentials_installed(dist):
    # The meta-package pulls in Addons and the ~280 MB web engine, and is unpinned here.
    assert not _installed(dist), f"{dist} is installed; Duidu needs only PySide6-Essentials"
