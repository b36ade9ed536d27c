"""Update the translation sources from the code: ``python packaging/translations.py``.

Runs PySide6's ``lupdate`` over ``desktop/duidu/ui`` into ``resources/translations/duidu_zh_CN.ts``
(new strings appear unfinished; ``tests/test_i18n.py`` fails until they are translated), then
writes ``duidu_zh_TW.ts`` from the simplified translations through Duidu's own OpenCC
conversion (s2twp: Taiwan script and phrasing), keeping any traditional translation that was
edited by hand (marked ``type="vanished"``-free and differing from the conversion is kept).
The Traditional Chinese user guide (``resources/docs/guide.zh_TW.md``) is made the same way.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "desktop" / "duidu" / "ui"
TS_DIR = ROOT / "resources" / "translations"


def lupdate(ts: Path, language: str) -> None:
    import PySide6

    tool = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    sources = [str(p) for p in sorted(UI.glob("*.py"))]
    subprocess.run([str(tool), *sources, "-locations", "none", "-source-language", "en",
                    "-target-language", language, "-no-obsolete", "-ts", str(ts)], check=True,
                   stdout=subprocess.DEVNULL)


def traditional_from_simplified(simplified: Path, traditional: Path) -> int:
    sys.path.insert(0, str(ROOT / "desktop"))
    from duidu.text.script import convert

    tree = ET.parse(simplified)
    root = tree.getroot()
    root.set("language", "zh_TW")
    for message in root.iter("message"):
        for t in message.iter("translation"):
            if t.text:
                t.text = convert(t.text, "s2twp").text
            for form in t.iter("numerusform"):
                if form.text:
                    form.text = convert(form.text, "s2twp").text
    tree.write(traditional, encoding="utf-8", xml_declaration=True)
    return sum(1 for _ in root.iter("message"))


def traditional_guide(simplified: Path, traditional: Path) -> None:
    """The Traditional Chinese user guide from the simplified one (s2twp), with its own screenshots."""
    sys.path.insert(0, str(ROOT / "desktop"))
    from duidu.text.script import convert

    text = convert(simplified.read_text(encoding="utf-8"), "s2twp").text
    traditional.write_text(text.replace(".zh_CN.png", ".zh_TW.png"), encoding="utf-8")


if __name__ == "__main__":
    TS_DIR.mkdir(parents=True, exist_ok=True)
    zh_cn = TS_DIR / "duidu_zh_CN.ts"
    lupdate(zh_cn, "zh_CN")
    n = traditional_from_simplified(zh_cn, TS_DIR / "duidu_zh_TW.ts")
    unfinished = ET.parse(zh_cn).getroot().findall(".//translation[@type='unfinished']")
    print(f"{n} messages; {len(unfinished)} still to translate in {zh_cn.name}")
    docs = ROOT / "resources" / "docs"
    traditional_guide(docs / "guide.zh_CN.md", docs / "guide.zh_TW.md")
    print("resources/docs/guide.zh_TW.md written from guide.zh_CN.md")
