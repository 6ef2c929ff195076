"""Screenshots of the Caseload section for the README: the table and a client page, light and dark.

    .venv/bin/python tools/caseload_screenshots.py            # docs/screenshots/caseload*.png, client-page*.png

A throwaway vault in a temporary folder (cheap test KDF), filled with the seeded synthetic data
of tests/ui/caseload_demo.py; windows are grabbed at 1280x800.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from screenshot_kit import grab, rebuild_sections, run_schemes, section_view, unlocked_window, use_scheme

from tests.ui.caseload_demo import populate
from therapist_desk.domain.clock import FakeClock
from therapist_desk.ui.caseload import CaseloadView
from therapist_desk.ui.caseload.table_model import FLAGS


def shoot(scheme: str, out: Path) -> None:
    suffix = use_scheme(scheme)
    clock = FakeClock(datetime(2026, 3, 4, 16, 30, tzinfo=UTC))
    with unlocked_window("td-caseload-shots-", clock) as (window, _home):
        ids = populate(window.bridge.session.services)
        rebuild_sections(window)
        view = section_view(window, "caseload", CaseloadView)
        view.table.sortByColumn(FLAGS, Qt.SortOrder.DescendingOrder)  # flagged clients first
        view.select_client(ids["Aspen"])
        view.table.scrollToTop()
        grab(window, out / f"caseload{suffix}.png")
        view.open_client(ids["River"])
        view.client_page.sessions.selectRow(0)
        grab(window, out / f"client-page{suffix}.png")


def main() -> int:
    return run_schemes(__doc__, lambda scheme, args: shoot(scheme, args.out))


if __name__ == "__main__":
    raise SystemExit(main())
