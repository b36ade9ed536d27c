"""Update the translation sources from the code: ``python packaging/translations.py``.

Runs PySide6's ``lupdate`` over ``desktop/duidu/ui`` into both catalogues,
``resources/translations/duidu_zh_CN.ts`` and ``duidu_zh_TW.ts``: translations already there are
kept, new strings appear unfinished and ``tests/test_i18n.py`` fails until they are translated
in each file. The Taiwan catalogue is written by hand for Taiwan readers (說明, 復原, 搜尋,
同步捲動 …), never converted from the simplified one: a conversion gives mainland phrasing in
traditional characters. ``--seed-tw`` offers an OpenCC (s2twp) draft for the strings still
unfinished in zh_TW only, left unfinished for review. The Traditional Chinese user guide
(``resources/docs/guide.zh_TW.md``) is likewise written for Taiwan readers and kept by hand; this
script never writes it. Why not s2twp plus a term table: a conversion keeps mainland phrasing
(选中, 回车, 下划线, 套话 …) that no finite table catches, and re-running it would undo each
review. ``tests/test_help.py`` holds the guide to the README glossary and to the menu names of
``duidu_zh_TW.ts``; after changing the simplified guide, edit the Taiwan one to match.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "desktop" / "duidu" / "ui"
TS_DIR = ROOT / "resources" / "translations"


def lupdate(ts: Path, language: str, *options: str) -> None:
    import PySide6

    tool = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    sources = [str(p) for p in sorted(UI.rglob("*.py"))]  # ui/regions/ too
    subprocess.run([str(tool), *sources, "-locations", "none", "-source-language", "en",
                    "-target-language", language, "-no-obsolete", *options, "-ts", str(ts)], check=True,
                   stdout=subprocess.DEVNULL)


# English needs a catalogue only for its plurals ("1 document", "2 documents"): the "%n …"
# strings. Each is written "singular|plural"; this fills the two forms of new ones by rule.
_IRREGULAR = {"differ": "differs"}


def english_plurals(ts: Path) -> int:
    tree = ET.parse(ts)
    filled = 0
    for m in tree.getroot().iter("message"):
        t = m.find("translation")
        plural = m.findtext("source")
        forms = [f.text for f in t.iter("numerusform")] if t is not None else []
        untouched = forms and all(f == plural for f in forms)  # never written by hand
        if t is None or m.get("numerus") != "yes" or not (t.get("type") == "unfinished" or untouched):
            continue
        words = plural.split(" ")
        # "%n shared passages" -> "%n shared passage" (the first plural noun after %n);
        # "… %n more", "%n found", "%n verbatim" do not change.
        singular = plural
        if "%n" in words:
            for i in range(words.index("%n") + 1, len(words)):
                w = words[i]
                if w in _IRREGULAR or (w.endswith("s") and not w.endswith("ss")):
                    words[i] = _IRREGULAR.get(w) or w[:-1]
                    singular = " ".join(words)
                    break
        for form in list(t):
            t.remove(form)
        ET.SubElement(t, "numerusform").text = singular
        ET.SubElement(t, "numerusform").text = plural
        t.attrib.pop("type", None)
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def seed_traditional(simplified: Path, traditional: Path) -> int:
    """Drafts for the zh_TW strings still unfinished: the zh_CN translation through s2twp, kept
    unfinished (a reviewer writes the Taiwan wording). Finished zh_TW strings are never touched."""
    sys.path.insert(0, str(ROOT / "desktop"))
    from duidu.text.script import convert

    drafts = {}
    for context in ET.parse(simplified).getroot().iter("context"):
        for m in context.iter("message"):
            t = m.find("translation")
            if t is not None and t.get("type") != "unfinished":
                drafts[(context.findtext("name"), m.findtext("source"))] = t
    tree = ET.parse(traditional)
    seeded = 0
    for context in tree.getroot().iter("context"):
        for m in context.iter("message"):
            t = m.find("translation")
            draft = drafts.get((context.findtext("name"), m.findtext("source")))
            if t is None or t.get("type") != "unfinished" or draft is None or "".join(t.itertext()).strip():
                continue
            forms = list(draft.iter("numerusform"))
            if forms:
                for form in list(t):
                    t.remove(form)
                for form in forms:
                    ET.SubElement(t, "numerusform").text = convert(form.text or "", "s2twp").text
            else:
                t.text = convert(draft.text or "", "s2twp").text
            seeded += 1
    tree.write(traditional, encoding="utf-8", xml_declaration=True)
    return seeded


if __name__ == "__main__":
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for language in ("zh_CN", "zh_TW"):
        lupdate(TS_DIR / f"duidu_{language}.ts", language)
    lupdate(TS_DIR / "duidu_en.ts", "en", "-pluralonly")
    print(f"{english_plurals(TS_DIR / 'duidu_en.ts')} English plurals filled in duidu_en.ts")
    if "--seed-tw" in sys.argv:
        n = seed_traditional(TS_DIR / "duidu_zh_CN.ts", TS_DIR / "duidu_zh_TW.ts")
        print(f"{n} zh_TW drafts from zh_CN (s2twp), left unfinished for review")
    for language in ("zh_CN", "zh_TW"):
        ts = TS_DIR / f"duidu_{language}.ts"
        unfinished = ET.parse(ts).getroot().findall(".//translation[@type='unfinished']")
        print(f"{len(unfinished)} still to translate in {ts.name}")
    print("resources/docs/guide.zh_TW.md is kept by hand: after changing guide.zh_CN.md, edit it to match")
