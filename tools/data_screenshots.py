"""Screenshots for backup and export (issue 4): the export warning and the backup status line.

    .venv/bin/python tools/data_screenshots.py     # docs/screenshots/export-warning*.png, backup-status*.png

A throwaway vault in a temporary folder (cheap test KDF), filled with the seeded synthetic
caseload of tests/ui/caseload_demo.py, locked once so that the automatic backup is made,
then unlocked again; windows are grabbed at 1280x800.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots import SIZE, grab, settle, wait_until  # noqa: E402

from tests.ui.caseload_demo import populate  # noqa: E402
from therapist_desk.app import build_sections, configure_application, create_main_window  # noqa: E402
from therapist_desk.domain.clock import FakeClock  # noqa: E402
from therapist_desk.paths import resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.services.vault_store import VaultStore  # noqa: E402
from therapist_desk.ui.dialogs import ScriptedDialogs  # noqa: E402
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme  # noqa: E402

PASSPHRASE = "willow harbour lantern seven"  # noqa: S105 (a throwaway vault)


def unlock(window) -> None:  # type: ignore[no-untyped-def]
    window.bridge.unlock(PASSPHRASE, lambda exc: print(f"unlock failed: {type(exc).__name__}"))
    wait_until(lambda: window.bridge.session.is_unlocked)


def shoot(scheme: str, out: Path, *, settings_shot: Path | None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, scheme)
    suffix = "-dark" if scheme == DARK else ""
    with tempfile.TemporaryDirectory(prefix="td-data-shots-") as tmp:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
        paths = resolve_paths(Path(tmp) / "Therapist Desk")
        VaultStore(paths, TEST_PROFILE).create(PASSPHRASE)[0].close()
        clock = FakeClock(datetime(2026, 3, 4, 8, 40, tzinfo=UTC))
        window = create_main_window(
            paths, kdf_profile=TEST_PROFILE, clock=clock, dialogs=ScriptedDialogs(), sections=build_sections()
        )
        window.resize(*SIZE)
        window.show()
        window.refresh_theme()
        unlock(window)
        populate(window.bridge.session.services)
        window.bridge.lock()  # the day's automatic backup
        wait_until(lambda: not window.bridge.session.is_unlocked)
        clock.advance(8 * 3600)
        unlock(window)
        window.workspace.select("caseload")
        grab(window, out / f"backup-status{suffix}.png")

        window.data_actions.export_action.trigger()
        warning = window.data_actions.export_warning
        assert warning is not None
        settle()
        grab(warning, out / f"export-warning{suffix}.png")
        warning.reject()
        if settings_shot is not None:
            dialog = window.open_settings()
            assert dialog is not None
            settle()
            grab(dialog, settings_shot / f"settings-backups{suffix}.png")
            dialog.reject()
        window.close()
        window.deleteLater()
        settle()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--scheme", choices=[LIGHT, DARK, "both"], default="both")
    parser.add_argument("--settings-to", type=Path, help="also grab the Settings dialog into this folder")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    configure_application(app)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    for scheme in [LIGHT, DARK] if args.scheme == "both" else [args.scheme]:
        shoot(scheme, args.out, settings_shot=args.settings_to)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
