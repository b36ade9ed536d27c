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


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    """A new library holding the five seeds, shared by the tests of one module."""
    from duidu.library.store import Library

    with Library.open(tmp_path_factory.mktemp("seeds") / "library.sqlite") as library:
        yield library


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    """One seeded library file for the session; tests that write get their own copy (``own_lib``)."""
    from duidu.library.store import Library

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    with Library.open(path, backup=False) as library:
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def own_lib(seeded_template, tmp_path):
    """A seeded library of this test's own (a copy of the template: no seeding per test)."""
    import shutil

    from duidu.library.store import Library

    path = tmp_path / "lib.sqlite"
    shutil.copyfile(seeded_template, path)
    with Library.open(path, backup=False) as library:
        yield library
