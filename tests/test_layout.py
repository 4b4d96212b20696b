"""The layout the code keeps: the core (`auditor` minus its CLI and terminal UI) never imports the CLI or
the UI, checked on the import graph of every module and on what importing the whole core loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "auditor"
OUTSIDE_THE_CORE = ("auditor.cli", "auditor.tui")
ENTRY_POINT = "auditor.__main__"  # `python -m auditor`: the CLI's, not the core's


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, absolute names, relative imports resolved (inside functions too)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def _core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if _module_name(p) != ENTRY_POINT
            and not any(_module_name(p).startswith(outside) for outside in OUTSIDE_THE_CORE)]


def test_the_import_graph_finds_relative_imports():
    # the checker itself: a relative import two levels up is resolved to its absolute name
    assert "auditor.document" in _imports(PACKAGE / "formats" / "html.py")
    assert "auditor.rules.schema" in _imports(PACKAGE / "cli" / "rules.py")


def test_no_core_module_imports_the_cli_or_the_ui():
    offenders = {}
    for path in _core_modules():
        bad = sorted(name for name in _imports(path)
                     if any(name == o or name.startswith(o + ".") for o in OUTSIDE_THE_CORE))
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_importing_the_whole_core_loads_neither_the_cli_nor_the_ui():
    names = sorted(_module_name(p) for p in _core_modules()
                   if _module_name(p) != "auditor.cluster")  # the dask extra: tested in test_cluster.py
    code = (f"import importlib, sys\nfor name in {names!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('auditor.cli', 'auditor.tui', 'textual'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
