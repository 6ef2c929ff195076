"""Screenshots of the Dashboard for the README, light and dark, at 1280x800.

    .venv/bin/python tools/dashboard_screenshots.py      # docs/screenshots/dashboard.png, dashboard-dark.png

A throwaway vault in a temporary folder (cheap test KDF), filled by the seeded demo generator
(services/demo_data.py: two years, scale 0.3, seed 7) with the clock fixed at Thursday 5 March
2026, 09:30, plus today's check-in, then unlocked: the dashboard is the first screen.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from screenshot_kit import (
    PASSPHRASE,
    grab,
    run_light_and_dark,
    settle,
    unlocked_window,
    use_scheme,
)

from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.demo_data import populate_demo
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.services.vault_store import VaultStore

NOW = datetime(2026, 3, 5, 9, 30, tzinfo=UTC)
TODAY = CheckInValues(
    energy=5,
    mood=6,
    exhaustion=7,
    sleep_hours=6.5,
    exercise_minutes=20,
    self_care_minutes=15,
    peer_support=True,
    supervision=False,
    breaks=2,
    boundaries_kept=True,
)


def make_vault(paths) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    unlocked, _code = VaultStore(paths, TEST_PROFILE).create(PASSPHRASE)
    try:
        populate_demo(unlocked, clock, years=2, scale=0.3, seed=7)
        SelfCareService(unlocked.vault, clock).save_check_in(clock.today(), TODAY)
    finally:
        unlocked.close()


def shoot(scheme: str, out: Path) -> None:
    suffix = use_scheme(scheme)
    with unlocked_window("td-dashboard-shots-", FakeClock(NOW), make_vault=make_vault) as (window, _home):
        assert window.workspace.current_section == "dashboard"
        settle()
        grab(window, out / f"dashboard{suffix}.png")


def main() -> int:
    return run_light_and_dark(shoot)


if __name__ == "__main__":
    raise SystemExit(main())
