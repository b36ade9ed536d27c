"""The newcomer's path: the README's set-up says what the Makefile does."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _makefile_packages() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^DEB_PACKAGES := \\\n((?:\t.*\n)+)", text, re.M)
    assert block, "DEB_PACKAGES is not where this test reads it"
    return block.group(1).replace("\\", " ").split()


def test_the_readmes_not_root_list_is_the_makefiles():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if line.strip().startswith("sudo apt install ")]
    assert len(lines) == 1, lines
    packages = _makefile_packages()
    assert len(packages) > 20 and {"desktop-file-utils", "appstream", "fonts-noto-cjk"} <= set(packages)
    assert lines[0].split()[3:] == packages


def test_make_install_links_the_command_where_the_readme_says(tmp_path):
    """`make install BIN_DIR=…`: a link to the venv's duidu that runs (no re-install: the venv is there)."""
    if not (ROOT / ".venv" / "bin" / "duidu").exists():
        pytest.skip("no .venv here (the suite runs outside `make test`): nothing for make install to link")
    bin_dir = tmp_path / "bin"
    proc = subprocess.run(["make", "-s", "-o", ".venv/.installed-stamp", "install", f"BIN_DIR={bin_dir}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    link = bin_dir / "duidu"
    assert link.is_symlink() and link.resolve() == (ROOT / ".venv" / "bin" / "duidu").resolve()
    assert "is not on your PATH" in proc.stdout  # tmp_path is not: the user is told what to add
    version = subprocess.run([str(link), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("duidu ")


def _fake_tools(tmp_path, *, uid: int, missing: set[str]) -> dict:
    """A PATH whose id, dpkg, apt-get and java stand in for the system's: dpkg knows every package
    but ``missing``, apt-get only writes down how it was called."""
    import os
    import stat

    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    calls = tmp_path / "apt-get.calls"
    scripts = {
        "id": f'#!/bin/sh\n[ "$1" = -u ] && echo {uid} || echo "uid={uid}"\n',
        "dpkg": "#!/bin/sh\ncase \"$2\" in " + "".join(f"{p}) exit 1;; " for p in sorted(missing)) + "esac\nexit 0\n",
        "apt-get": f'#!/bin/sh\necho "$*" >> "{calls}"\n',
        "java": "#!/bin/sh\nexit 0\n",
    }
    for name, body in scripts.items():
        (bin_dir / name).write_text(body)
        (bin_dir / name).chmod(stat.S_IRWXU)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}, calls


@pytest.mark.parametrize("uid", [0, 1000])
def test_make_deps_says_nothing_and_does_nothing_when_nothing_is_missing(tmp_path, uid):
    """A second `make run` or `make test` (as root or not) checks with dpkg and stops there."""
    env, calls = _fake_tools(tmp_path, uid=uid, missing=set())
    proc = subprocess.run(["make", "-s", "deps"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == "" and not calls.exists()


def test_make_deps_names_only_what_is_missing(tmp_path):
    """Not root: one line with the apt command for the missing packages alone (it once listed all 33
    whether installed or not). Root: apt-get installs just those."""
    packages = _makefile_packages()
    gone = {"xauth", "appstream"}
    env, calls = _fake_tools(tmp_path, uid=1000, missing=gone)
    proc = subprocess.run(["make", "-s", "deps"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    wanted = " ".join(p for p in packages if p in gone)  # in the Makefile's order
    assert proc.returncode == 0 and not calls.exists()
    assert proc.stdout.splitlines() == [
        f"deps: not root (or no apt-get): install what is missing yourself: sudo apt install {wanted}"]
    (tmp_path / "root").mkdir()
    env, calls = _fake_tools(tmp_path / "root", uid=0, missing=gone)
    proc = subprocess.run(["make", "-s", "deps"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.splitlines() == [f"deps: installing {wanted}"]
    assert calls.read_text().splitlines() == ["update -qq", f"install -y -qq --no-install-recommends {wanted}"]
