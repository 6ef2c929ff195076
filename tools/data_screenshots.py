"""Screenshots for backup and export (issue 4): the export warning and the backup status line.

    .venv/bin/python tools/data_screenshots.py     # docs/screenshots/export-warning*.png, backup-status*.png

A throwaway vault in a temporary folder (cheap test KDF), filled with the seeded synthetic
caseload of tests/ui/caseload_demo.py, locked once so that the automatic backup is made,
then unlocked again; windows are grabbed at 1280x800.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from screenshot_kit import grab, run_schemes, settle, unlock, unlocked_window, use_scheme, wait_until

from tests.ui.caseload_demo import populate
from therapist_desk.domain.clock import FakeClock


def shoot(scheme: str, out: Path, *, settings_shot: Path | None) -> None:
    suffix = use_scheme(scheme)
    clock = FakeClock(datetime(2026, 3, 4, 8, 40, tzinfo=UTC))
    with unlocked_window("td-data-shots-", clock) as (window, _home):
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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settings-to", type=Path, help="also grab the Settings dialog into this folder")


def main() -> int:
    return run_schemes(
        __doc__, lambda scheme, args: shoot(scheme, args.out, settings_shot=args.settings_to), add_arguments
    )


if __name__ == "__main__":
    raise SystemExit(main())
