"""`pip install .` gives a working `duidu`: the wheel carries the seeds and the OpenCC data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_installs_a_working_command(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True,
    )
    assert build.returncode == 0, build.stderr
    wheel = next((tmp_path / "dist").glob("duidu-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "duidu/cli/main.py",
        "duidu/seeds/manifest.toml",
        "duidu/seeds/001_6a591adfc5be8ef4.txt",
        "duidu/resources/opencc/dictionary/STPhrases.txt",
        "duidu/resources/opencc/chains.json",
        "duidu/resources/opencc/LICENSE",
        "duidu/resources/userdict.txt",
        "duidu/resources/divisions/divisions.tsv",  # the gazetteer regions come from
    ):
        assert needed in names, needed
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "duidu = duidu.cli.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()

    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)], check=True)
    env = {**os.environ, "PYTHONPATH": str(site), "DUIDU_LIBRARY": str(tmp_path / "lib.sqlite")}
    code = "import duidu, sys; assert duidu.__file__.startswith(sys.argv[1]), duidu.__file__; from duidu.cli.main import main; raise SystemExit(main(['show', '2', '--script', 'simplified']))"
    r = subprocess.run([sys.executable, "-c", code, str(site)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "川渝毗邻地区将共同推进教育高质量发展" in r.stdout
