"""Offline always: the guard works, and a whole session of commands runs under it."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import pytest

from conftest import NetworkAttempt


def test_guard_refuses_connections():
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("example.org", 80)


def test_commands_run_with_the_network_refused(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>川渝教育</title><link rel="stylesheet" href="http://example.org/a.css">'
        '<script src="https://example.org/t.js"></script></head><body>'
        '<img src="http://example.org/photo.jpg"><p>川渝两地共建名师名校长工作室。</p></body></html>',
        encoding="utf-8",
    )
    code = textwrap.dedent(
        f"""
        import socket, sys
        def refuse(*a, **k):
            raise SystemExit("network access attempted")
        socket.socket.connect = socket.socket.connect_ex = refuse
        socket.create_connection = socket.getaddrinfo = refuse
        from duidu.cli.main import main
        for args in (["import", {str(page)!r}], ["list"], ["show", "1", "--script", "tw"],
                     ["search", "工作室"], ["show", "川渝教育", "--json"]):
            assert main(args) == 0, args
        """
    )
    env_lib = str(tmp_path / "lib.sqlite")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"DUIDU_LIBRARY": env_lib, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    assert "名师名校长工作室" in r.stdout
