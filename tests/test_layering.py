"""Keeps the layers honest: Qt only in duidu.ui, and imports pointing one way (ui -> library -> engine -> text,
with cli beside ui: it reaches ui only through ``duidu.ui.app``, to start the window or paint a PDF).
Every import counts, those inside functions too."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PKG_ROOT = Path(__file__).resolve().parent.parent / "desktop" / "duidu"
QT_TOPS = {"PySide6", "shiboken6"}

# layer -> the duidu sub-packages it must never import.
FORBIDDEN = {
    "text": {"library", "cli", "ui", "engine", "spark"},
    "engine": {"library", "cli", "ui", "spark"},
    "library": {"cli", "ui", "spark"},
    "cli": {"ui"},
    "ui": {"spark"},
    "spark": {"cli", "ui"},  # the Spark job uses engine, text and library; only cli starts it
}
SPARK_TOPS = {"pyspark", "py4j"}  # only duidu.spark imports them (an optional extra)
# The Qt face's entry points the command line may use despite FORBIDDEN: the window, a report's PDF.
CLI_INTO_UI = {"duidu.ui.app", "duidu.ui.app.run", "duidu.ui.app.write_pdf"}


def _module_name(path: Path) -> str:
    parts = ["duidu", *path.relative_to(PKG_ROOT).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> list[Path]:
    return sorted(p for p in PKG_ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def _layer(path: Path) -> str | None:
    rel = path.relative_to(PKG_ROOT).parts
    return rel[0] if len(rel) > 1 else None


def _imported_modules(path: Path) -> set[str]:
    """Absolute names of every module a file imports, anywhere in it (lazy imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own = _module_name(path).split(".")
    package = own if path.name == "__init__.py" else own[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            # `from duidu import ui` imports the sub-package duidu.ui.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_sources_found():
    assert (PKG_ROOT / "__init__.py").is_file()


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(PKG_ROOT)))
def test_static_imports(path: Path):
    imports = _imported_modules(path)
    layer = _layer(path)
    if layer != "ui":
        qt = sorted(m for m in imports if m.split(".")[0] in QT_TOPS)
        assert not qt, f"{path.relative_to(PKG_ROOT)} imports Qt ({qt}); only duidu.ui may"
    if layer != "spark":
        spark = sorted(m for m in imports if m.split(".")[0] in SPARK_TOPS)
        assert not spark, f"{path.relative_to(PKG_ROOT)} imports {spark}; only duidu.spark may"
    banned = FORBIDDEN.get(layer or "", set())
    allowed = CLI_INTO_UI if layer == "cli" else set()
    bad = sorted(m for m in imports if m.split(".")[:2] in (["duidu", b] for b in banned) and m not in allowed)
    assert not bad, f"duidu.{layer} must not import {bad} (layers point one way)"


def _cli_imports() -> dict[str, set[str]]:
    """Each duidu.cli module -> the duidu.cli modules it imports (anywhere in it)."""
    cli = {_module_name(p): p for p in _sources() if _layer(p) == "cli"}
    return {name: {m for m in _imported_modules(path) if m in cli and m != name} for name, path in cli.items()}


def test_cli_modules_import_each_other_without_cycles():
    graph = _cli_imports()
    assert len(graph) >= 3 and any(graph.values())  # modules found, and some imports to check

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for nxt in sorted(graph[path[-1]]):
            if nxt == start:
                return [*path, nxt]
            if nxt not in path and (found := cycle_from(start, [*path, nxt])):
                return found
        return None

    cycles = [c for name in sorted(graph) if (c := cycle_from(name, [name]))]
    assert not cycles, f"duidu.cli modules import each other in a cycle: {' -> '.join(cycles[0])}"


def test_cli_modules_use_no_private_names_of_other_modules():
    """What the commands share lives in duidu.cli.output, under public names."""
    bad = []
    for path in (p for p in _sources() if _layer(p) == "cli"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("duidu"):
                bad += [f"{path.name}: from {node.module} import {a.name}" for a in node.names
                        if a.name.startswith("_") and not a.name.endswith("__")]
    assert not bad, bad


_CHILD = textwrap.dedent(
    """
    import importlib, json, sys
    names = json.loads(sys.argv[1])
    culprit = None
    for name in names:
        importlib.import_module(name)
        if culprit is None and ({"PySide6", "shiboken6"} & set(sys.modules)):
            culprit = name
    print(json.dumps({"imported": len(names), "culprit": culprit,
                      "qt": sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))}))
    """
)


def test_non_ui_modules_import_without_qt():
    names = [
        _module_name(p)
        for p in _sources()
        if _layer(p) != "ui" and p.name != "__main__.py"  # __main__ would run the CLI
    ]
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(names)],
        capture_output=True, text=True, timeout=120, cwd=PKG_ROOT.parent.parent,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["imported"] == len(names)
    assert not result["qt"], f"importing {result['culprit']} pulled in {result['qt']}"


def _module_level_imports(path: Path) -> set[str]:
    """Modules imported at a file's top level (not inside a function): what importing it costs."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def test_spark_is_started_only_lazily_by_the_command_line():
    """duidu.spark (and pyspark) load only when `duidu reuse --engine spark` runs."""
    users = {}
    for path in _sources():
        if _layer(path) == "spark":
            continue
        spark = {m for m in _imported_modules(path) if m.split(".")[:2] == ["duidu", "spark"]}
        if spark:
            users[path.relative_to(PKG_ROOT).as_posix()] = spark
            top = {m for m in _module_level_imports(path) if m.split(".")[:2] == ["duidu", "spark"]}
            assert not top, f"{path.relative_to(PKG_ROOT)} imports {sorted(top)} at module level; only lazily"
    assert set(users) == {"cli/spark_reuse.py"}, users
