"""What every ``tools/*screenshots.py`` script shares: an offscreen app, a throwaway vault in a
temporary folder, a 1280x800 main window, and grabbing it to a PNG.

Import this before anything from PySide6: it puts the repository on ``sys.path`` (the seeded
data lives in ``tests/ui``) and selects the offscreen platform before a QApplication exists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from therapist_desk.app import build_sections, configure_application, create_main_window  # noqa: E402
from therapist_desk.domain.clock import FakeClock  # noqa: E402
from therapist_desk.paths import AppPaths, resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.services.vault_store import VaultStore  # noqa: E402
from therapist_desk.ui.dialogs import ScriptedDialogs  # noqa: E402
from therapist_desk.ui.main_window import MainWindow  # noqa: E402
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme  # noqa: E402

SIZE = (1280, 800)
View = TypeVar("View", bound=QWidget)
PASSPHRASE = "willow harbour lantern seven"  # noqa: S105 (a throwaway vault)


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()
        time.sleep(0.01)


def grab(widget: QWidget, target: Path) -> None:
    settle()
    widget.grab().save(str(target))
    print(f"wrote {target.relative_to(REPO) if target.is_relative_to(REPO) else target}")


def use_scheme(scheme: str) -> str:
    """Apply the palette to the running app; return the file-name suffix for it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, scheme)
    return "-dark" if scheme == DARK else ""


@contextmanager
def throwaway_home(prefix: str) -> Iterator[Path]:
    """A temporary folder that also holds the XDG config, cache, state and runtime folders.

    Its name is fixed (``<tmp>/<prefix>``, emptied first and removed after), so the vault path
    the window shows is the same in every run and unchanged screenshots stay byte-identical.
    """
    home = Path(tempfile.gettempdir()) / prefix.rstrip("-")
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(mode=0o700)
    try:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
            os.environ[var] = str(home / var.lower())
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def app_paths(home: Path) -> AppPaths:
    return resolve_paths(home / "Therapist Desk")


def create_empty_vault(paths: AppPaths) -> None:
    VaultStore(paths, TEST_PROFILE).create(PASSPHRASE)[0].close()


def open_window(paths: AppPaths, clock: FakeClock, dialogs: ScriptedDialogs | None = None) -> MainWindow:
    window = create_main_window(
        paths,
        kdf_profile=TEST_PROFILE,
        clock=clock,
        dialogs=dialogs if dialogs is not None else ScriptedDialogs(),
        sections=build_sections(),
    )
    window.resize(*SIZE)
    window.show()
    window.refresh_theme()
    return window


def unlock(window: MainWindow) -> None:
    window.bridge.unlock(PASSPHRASE, lambda exc: print(f"unlock failed: {type(exc).__name__}"))
    wait_until(lambda: window.bridge.session.is_unlocked)


def rebuild_sections(window: MainWindow) -> None:
    """Build the section views again, after seeded data went in behind their backs."""
    window.workspace.tear_down()
    window.workspace.build(window.bridge.session.services)


def section_view(window: MainWindow, section_id: str, view_type: type[View]) -> View:
    """Select a section in the sidebar and return its view."""
    window.workspace.select(section_id)
    view = window.workspace.section_views()[section_id]
    assert isinstance(view, view_type)
    return view


def close_window(window: MainWindow) -> None:
    window.close()
    window.deleteLater()
    settle()


@contextmanager
def unlocked_window(
    prefix: str,
    clock: FakeClock,
    *,
    dialogs: ScriptedDialogs | None = None,
    make_vault: Callable[[AppPaths], None] = create_empty_vault,
) -> Iterator[tuple[MainWindow, Path]]:
    """A main window on a fresh throwaway vault, unlocked; yields it with the temporary folder."""
    with throwaway_home(prefix) as home:
        paths = app_paths(home)
        make_vault(paths)
        window = open_window(paths, clock, dialogs)
        unlock(window)
        yield window, home
        close_window(window)


def start_app() -> QApplication:
    app = QApplication([sys.argv[0]])
    configure_application(app)
    return app


def run_schemes(
    description: str | None,
    shoot: Callable[[str, argparse.Namespace], None],
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None,
) -> int:
    """The common command line (``--out``, ``--scheme``): start the app, shoot each scheme."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--scheme", choices=[LIGHT, DARK, "both"], default="both")
    if add_arguments is not None:
        add_arguments(parser)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = start_app()
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    for scheme in [LIGHT, DARK] if args.scheme == "both" else [args.scheme]:
        shoot(scheme, args)
    return 0


def run_light_and_dark(shoot: Callable[[str, Path], None]) -> int:
    """No command line: both schemes into docs/screenshots."""
    out = REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    start_app()
    for scheme in (LIGHT, DARK):
        shoot(scheme, out)
    return 0
