"""The layers talk in one direction: nothing below ui/ imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "therapist_desk"
QT_FREE = ["domain", "storage", "security", "services", "cli_commands"]
QT_FREE_MODULES = ["cli.py", "paths.py", "logsetup.py", "settings.py"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def qt_free_files() -> list[Path]:
    files = [p for folder in QT_FREE for p in (PACKAGE / folder).rglob("*.py")]
    files += [PACKAGE / name for name in QT_FREE_MODULES if (PACKAGE / name).exists()]
    return files


def test_nothing_outside_ui_imports_pyside6():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(path) if m.startswith(("PySide6", "shiboken6"))
        )
        for path in qt_free_files()
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_lower_layers_do_not_reach_up():
    for folder, forbidden in [
        ("domain", ("therapist_desk.storage", "therapist_desk.services", "therapist_desk.ui")),
        ("storage", ("therapist_desk.services", "therapist_desk.ui")),
        ("security", ("therapist_desk.services", "therapist_desk.ui", "therapist_desk.storage")),
        ("services", ("therapist_desk.ui",)),
    ]:
        for path in (PACKAGE / folder).rglob("*.py"):
            bad = [m for m in imported_modules(path) if m.startswith(forbidden)]
            assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_modules_stay_small():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
