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
