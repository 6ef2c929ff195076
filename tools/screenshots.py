"""Regenerate the README/docs screenshots offscreen, in a light and a dark palette.

    .venv/bin/python tools/screenshots.py                 # docs/screenshots/*.png
    .venv/bin/python tools/screenshots.py --sections      # also one PNG per registered section
    .venv/bin/python tools/screenshots.py --populate mypkg.demo:fill   # fill(services) first

Everything happens in a temporary folder with a throwaway vault (cheap test KDF); no real
data folder is touched. Windows are grabbed at 1280x800 with ``QWidget.grab()``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from therapist_desk.app import build_sections, configure_application, create_main_window  # noqa: E402
from therapist_desk.domain.clock import FakeClock  # noqa: E402
from therapist_desk.paths import resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.ui.dialogs import ScriptedDialogs  # noqa: E402
from therapist_desk.ui.main_window import MainWindow  # noqa: E402
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme  # noqa: E402

SIZE = (1280, 800)
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


def shoot(scheme: str, out: Path, *, sections: bool, populate: Callable[[object], None] | None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, scheme)
    suffix = "-dark" if scheme == DARK else ""
    with tempfile.TemporaryDirectory(prefix="td-shots-") as tmp:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
        paths = resolve_paths(Path(tmp) / "Therapist Desk")
        clock = FakeClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
        window: MainWindow = create_main_window(
            paths, kdf_profile=TEST_PROFILE, clock=clock, dialogs=ScriptedDialogs(), sections=build_sections()
        )
        window.resize(*SIZE)
        window.show()
        window.refresh_theme()
        first_run = window.first_run
        assert first_run is not None
        grab(window, out / f"welcome{suffix}.png")

        first_run.show_create()
        form = first_run.create_page.form
        QTest.keyClicks(form.first, PASSPHRASE)
        QTest.keyClicks(form.second, PASSPHRASE)
        grab(window, out / f"first-run{suffix}.png")

        first_run.create_page.create_button.click()
        wait_until(lambda: first_run.currentWidget() is first_run.code_page)
        grab(window, out / f"recovery-code{suffix}.png")

        first_run.code_view.stored.setChecked(True)
        first_run.code_view.continue_button.click()
        wait_until(lambda: window.bridge.session.is_unlocked)
        if populate is not None:
            populate(window.bridge.session.services)
            window.workspace.tear_down()
            window.workspace.build(window.bridge.session.services)
        grab(window, out / f"main-window{suffix}.png")
        if sections:
            for section in window.registry.sections():
                window.workspace.select(section.id)
                grab(window, out / f"section-{section.id}{suffix}.png")

        settings_dialog = window.open_settings()
        assert settings_dialog is not None
        settle()
        grab(settings_dialog, out / f"settings{suffix}.png")
        settings_dialog.reject()

        window.lock_action.trigger()
        wait_until(lambda: not window.bridge.session.is_unlocked)
        grab(window, out / f"unlock{suffix}.png")
        QTest.keyClicks(window.lock_screen.unlock_page.passphrase, "not the passphrase")
        window.lock_screen.unlock_page.unlock_button.click()
        wait_until(lambda: window.lock_screen.unlock_page.error.isVisible())
        grab(window, out / f"unlock-error{suffix}.png")
        window.close()
        window.deleteLater()
        settle()


def load_populate(spec: str | None) -> Callable[[object], None] | None:
    if not spec:
        return None
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--sections", action="store_true", help="grab every registered section too")
    parser.add_argument("--populate", metavar="MODULE:FUNCTION", help="called with Services before grabbing")
    parser.add_argument("--scheme", choices=[LIGHT, DARK, "both"], default="both")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    configure_application(app)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    for scheme in [LIGHT, DARK] if args.scheme == "both" else [args.scheme]:
        shoot(scheme, args.out, sections=args.sections, populate=load_populate(args.populate))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
