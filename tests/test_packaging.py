"""Desktop integration and the bundle's plumbing: the .desktop file and AppStream metainfo validate,
the icons are the sizes launchers ask for and match their SVG, one reverse-DNS id runs through all of
it and the app, and duidu.paths finds the data inside a PyInstaller bundle.

The validators come from Debian's desktop-file-utils and appstream (`make deps` installs them as
root). The bundle itself is built and run by `make bundle-test` (packaging/check_bundle.sh), which
.ci/run runs after this suite.
"""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import duidu
from duidu import paths
from duidu.ui.app import DESKTOP_FILE_NAME

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{DESKTOP_FILE_NAME}.desktop"
METAINFO = LINUX / f"{DESKTOP_FILE_NAME}.metainfo.xml"
ICONS = ROOT / "resources" / "icons" / "hicolor"
SVG = ICONS / "scalable" / "apps" / f"{DESKTOP_FILE_NAME}.svg"
SIZES = (48, 128, 256)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if not found:  # -ra prints this reason in the summary: the check was not run, and why
        pytest.skip(f"{name} is missing: `make deps` as root installs it (Debian package {package})")
    return found


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive (Name[zh_CN])
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validates():
    r = subprocess.run([_tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "error:" not in r.stdout + r.stderr
    # The only remark allowed: Office;Education; is two main categories, which the issue asks for.
    others = [line for line in (r.stdout + r.stderr).splitlines() if line.strip() and "more than one main category" not in line]
    assert not others, others


def test_metainfo_validates():
    r = subprocess.run([_tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "E:" not in r.stdout and "W:" not in r.stdout, r.stdout


def test_one_id_throughout():
    entry = _desktop_entry()
    assert DESKTOP_FILE_NAME == "io.github.duidu.Duidu"
    assert entry["Icon"] == DESKTOP_FILE_NAME
    assert entry["Name"] == "Duidu" and entry["Name[zh_CN]"] == "对读"
    assert entry["Comment"] and entry["Comment[zh_CN]"] and entry["GenericName"] and entry["Keywords"]
    assert entry["Categories"] == "Office;Education;"
    assert set(entry["MimeType"].strip(";").split(";")) == {
        "text/plain", "text/html", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    # Exec runs the command pyproject installs (and the bundle's executable is called the same).
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts and scripts["duidu"] == "duidu.cli.main:main"
    assert entry["Exec"] == "duidu gui %F"  # files opened from a file manager are imported

    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == DESKTOP_FILE_NAME
    assert component.findtext("metadata_license") == "CC0-1.0"
    assert component.findtext("project_license") == "Apache-2.0"
    launchable = component.find("launchable")
    assert launchable.get("type") == "desktop-id" and launchable.text == DESKTOP.name
    assert component.findtext("provides/binary") == "duidu"
    assert component.find("content_rating") is not None
    releases = component.findall("releases/release")
    assert releases[0].get("version") == duidu.__version__, "add a <release> for the new version"
    langs = {p.get(XML_LANG) for p in component.findall("description/p")}
    assert {None, "zh-CN"} <= langs
    assert {n.get(XML_LANG) for n in component.findall("summary")} >= {None, "zh-CN"}


def _png_size(path: Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


def test_icons_sizes_and_svg():
    root = ET.parse(SVG).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 256 256"
    assert not list(root.iter("{http://www.w3.org/2000/svg}text")), "no text in the icon (fonts differ per machine)"
    for size in SIZES:
        png = ICONS / f"{size}x{size}" / "apps" / f"{DESKTOP_FILE_NAME}.png"
        width, height, colour = _png_size(png)
        assert (width, height) == (size, size), png
        assert colour == 6, f"{png}: not RGBA (the icon needs a transparent background)"


def test_pngs_are_rendered_from_the_svg(qapp):
    """The PNGs are what packaging/render_icons.py makes of the SVG now (re-run it after editing the SVG)."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import render_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    from PySide6.QtGui import QImage

    for size in SIZES:
        fresh = render_icons.render(size).convertToFormat(QImage.Format.Format_ARGB32)
        stored = QImage(str(render_icons.png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
        assert stored.size() == fresh.size()
        a, b = bytes(fresh.constBits()), bytes(stored.constBits())
        mean = sum(abs(x - y) for x, y in zip(a, b)) / len(a)
        assert mean < 2.0, f"{size}×{size} PNG differs from its SVG (mean {mean:.2f}/255): python packaging/render_icons.py"


def test_the_app_uses_the_icon(qapp):
    from duidu.ui.app import _application

    app = _application([])
    sizes = {(s.width(), s.height()) for s in app.windowIcon().availableSizes()}
    assert {(n, n) for n in SIZES} <= sizes
    assert app.desktopFileName() == DESKTOP_FILE_NAME


def test_paths_inside_a_bundle(monkeypatch, tmp_path):
    """Frozen (PyInstaller), the data is read from sys._MEIPASS/duidu/…, where duidu.spec puts it."""
    checkout = paths.resource_path("opencc", "chains.json")
    assert checkout.is_file() and paths.seed_path("manifest.toml").is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_path("opencc", "chains.json") == tmp_path / "duidu" / "resources" / "opencc" / "chains.json"
    assert paths.seed_path("manifest.toml") == tmp_path / "duidu" / "seeds" / "manifest.toml"
    assert paths.resource_path() == tmp_path / "duidu" / "resources"


def test_spec_puts_the_data_where_paths_looks():
    spec = (ROOT / "packaging" / "duidu.spec").read_text(encoding="utf-8")
    assert 'tree(ROOT / "resources", "duidu/resources")' in spec
    assert 'tree(ROOT / "seeds", "duidu/seeds")' in spec
    assert 'collect_data_files("jieba", includes=["dict.txt"])' in spec
    assert "duidu.__version__" in spec and "BUNDLE(" in spec and 'APP_ID = "io.github.duidu.Duidu"' in spec
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["optional-dependencies"]["bundle"] == ["pyinstaller>=6"]
    assert not any("pyinstaller" in d.lower() for d in project["dependencies"])


@pytest.mark.parametrize("script, reason", [
    ('echo "duidu 0.0.0"', "--version printed 'duidu 0.0.0'"),
    ('case "$1" in --version) echo "duidu VERSION";; *) echo "{}";; esac', "compare 1 2 --json: unexpected output"),
    ('case "$1" in --version) echo "duidu VERSION";; *) exit 3;; esac', "compare 1 2 --json exited non-zero"),
])
def test_check_bundle_fails_on_a_broken_bundle(tmp_path, script, reason):
    """packaging/check_bundle.sh (run by `make bundle-test`) exits non-zero and says why."""
    fake = tmp_path / "duidu"
    fake.write_text("#!/bin/sh\n" + script.replace("VERSION", duidu.__version__) + "\n", encoding="utf-8")
    fake.chmod(0o755)
    r = subprocess.run(["bash", str(ROOT / "packaging" / "check_bundle.sh"), str(fake)], capture_output=True, text=True,
                       env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert r.returncode != 0
    assert reason in r.stderr, r.stdout + r.stderr


def test_check_bundle_needs_a_bundle(tmp_path):
    r = subprocess.run(["bash", str(ROOT / "packaging" / "check_bundle.sh"), str(tmp_path / "nothing")], capture_output=True, text=True)
    assert r.returncode == 1 and "make bundle builds it" in r.stderr
