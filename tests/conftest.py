"""Test isolation: no test touches the user's real library, settings or the network."""

from __future__ import annotations

import os

# Before any Qt import anywhere in the session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Point every per-user location (library, settings, caches) into the test's tmp dir."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("DUIDU_LIBRARY", str(tmp_path / "library.duidu"))
    yield


class NetworkAttempt(RuntimeError):
    """Raised by the guard below: Duidu must never open a network connection."""


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Every test runs with outgoing connections and name lookups refused."""
    import socket

    def refuse(*args, **kwargs):
        raise NetworkAttempt(f"network access attempted: {args[1:] or kwargs}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


# The modules that take longest (a Spark session, the SIGKILL loops, the soak, the reader's
# windows), started first under ``make test``'s ``-n 2 --dist loadfile``: whole modules go to
# whichever worker is free, and a long one drawn last would leave the other worker idle.
LONGEST_FIRST = ("test_spark.py", "test_notes_store.py", "test_soak.py", "test_reader.py", "test_ui_window.py")


def pytest_collection_modifyitems(config, items):
    """After pytest-randomly's shuffle (a wrapper, before every plain hook): the longest modules
    first, in their shuffled order; the rest keep theirs (a stable sort)."""
    if hasattr(config, "workerinput"):  # an xdist worker (each collects, in the same order)
        items.sort(key=lambda item: item.path.name not in LONGEST_FIRST)


# A wait in a test ends when its condition holds; its timeout only stops a hang. Timeouts of a
# few seconds (pytest-qt's default is 5) are a timing window that a busy 2-core machine misses, so
# every qtbot wait gets at least this long.
WAIT_AT_LEAST_MS = 180_000


@pytest.fixture
def qtbot(qtbot):
    """pytest-qt's qtbot, its waits' timeouts raised to at least ``WAIT_AT_LEAST_MS``."""
    import functools

    for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed", "waitActive"):
        wait = getattr(qtbot, name)

        @functools.wraps(wait)
        def patient(*args, _wait=wait, timeout=5000, **kwargs):
            return _wait(*args, timeout=max(timeout, WAIT_AT_LEAST_MS) if timeout else timeout, **kwargs)

        setattr(qtbot, name, patient)
    return qtbot


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    """One seeded library file for the session; each test gets its own copy (``lib``)."""
    from duidu.library.store import Library

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    with Library.open(path, backup=False) as library:
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def seeded_default(seeded_template):
    """This test's default library ($DUIDU_LIBRARY) already holding the seeds: a copy of the
    template, for tests about something other than the first run (which seeds it, slowly)."""
    import shutil
    from pathlib import Path

    path = Path(os.environ["DUIDU_LIBRARY"])
    shutil.copyfile(seeded_template, path)
    return path


@pytest.fixture
def own_lib(seeded_template, tmp_path):
    """A seeded library of this test's own (a copy of the template: no seeding per test, and
    no test sees another's writes, whatever order they run in)."""
    with open_copy(seeded_template, tmp_path / "lib.sqlite") as library:
        yield library


@pytest.fixture
def lib(own_lib):
    """The per-test seeded library (``own_lib``) under its short name."""
    return own_lib


@pytest.fixture(scope="module")
def module_lib(seeded_template, tmp_path_factory):
    """A seeded library for a module's shared, read-only results (computed once per module).

    Only module-scoped fixtures use it, and only to read: a test that writes takes ``lib``."""
    with open_copy(seeded_template, tmp_path_factory.mktemp("module") / "lib.sqlite") as library:
        yield library


def repetitive_keys(rng, fewest_letters: int, longest: int) -> tuple[str, str]:
    """Two key texts over a small alphabet (phrasing repeated inside each), a third of them
    sharing a long stretch: the cases the matcher's tests check against a definition."""
    alphabet = "教育协同发展川渝"[: rng.randint(fewest_letters, 8)]
    ka = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
    kb = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
    if rng.random() < 0.3:
        kb = ka[: len(ka) // 2] + kb  # a long shared stretch, repeated phrasing inside it
    return ka, kb


def open_copy(template, path):
    import shutil

    from duidu.library.store import Library

    shutil.copyfile(template, path)
    return Library.open(path, backup=False)


@pytest.fixture
def annotator_window(qtbot, tmp_path, seeded_default):
    """The real window on the seeded default library, annotator 张三, with its first pair compared."""
    from duidu.library.store import Library
    from duidu.ui.main_window import MainWindow
    from duidu.ui.settings import Settings

    with Library.open() as lib:  # DUIDU_LIBRARY points into tmp_path (above)
        path, docs = lib.path, lib.documents()
    settings = Settings(tmp_path / "settings.ini")
    settings.annotator = "张三"
    win = MainWindow(path, docs, settings=settings, chinese_font=True)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    win.open_initial()
    qtbot.waitUntil(lambda: win.reader.comparison is not None and not win.tasks.busy(), timeout=30000)
    yield win
    win.close()
