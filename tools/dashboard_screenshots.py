"""Screenshots of the Dashboard for the README, light and dark, at 1280x800.

    .venv/bin/python tools/dashboard_screenshots.py      # docs/screenshots/dashboard.png, dashboard-dark.png

A throwaway vault in a temporary folder (cheap test KDF), filled by the seeded demo generator
(services/demo_data.py: two years, scale 0.3, seed 7) with the clock fixed at Thursday 5 March
2026, 09:30, plus today's check-in, then unlocked: the dashboard is the first screen.
"""

from __future__ import annotations

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

from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots import PASSPHRASE, SIZE, grab, settle, wait_until  # noqa: E402

from therapist_desk.app import build_sections, configure_application, create_main_window  # noqa: E402
from therapist_desk.domain.clock import FakeClock  # noqa: E402
from therapist_desk.domain.selfcare import CheckInValues  # noqa: E402
from therapist_desk.paths import resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.services.demo_data import populate_demo  # noqa: E402
from therapist_desk.services.selfcare import SelfCareService  # noqa: E402
from therapist_desk.services.vault_store import VaultStore  # noqa: E402
from therapist_desk.ui.dialogs import ScriptedDialogs  # noqa: E402
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme  # noqa: E402

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
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, scheme)
    suffix = "-dark" if scheme == DARK else ""
    with tempfile.TemporaryDirectory(prefix="td-dashboard-shots-") as tmp:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
        paths = resolve_paths(Path(tmp) / "Therapist Desk")
        make_vault(paths)
        window = create_main_window(
            paths,
            kdf_profile=TEST_PROFILE,
            clock=FakeClock(NOW),
            dialogs=ScriptedDialogs(),
            sections=build_sections(),
        )
        window.resize(*SIZE)
        window.show()
        window.refresh_theme()
        window.bridge.unlock(PASSPHRASE, lambda exc: print("unlock failed:", type(exc).__name__))
        wait_until(lambda: window.bridge.session.is_unlocked)
        assert window.workspace.current_section == "dashboard"
        settle()
        grab(window, out / f"dashboard{suffix}.png")
        window.close()
        window.deleteLater()
        settle()


def main() -> int:
    out = REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    configure_application(app)
    for scheme in (LIGHT, DARK):
        shoot(scheme, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
