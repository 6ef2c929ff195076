"""Screenshots of the Self-care section's pages, light and dark, at 1280x800.

    .venv/bin/python tools/selfcare_screenshots.py      # docs/screenshots/selfcare-*.png

A throwaway vault in a temporary folder (cheap test KDF), filled with the seeded data of
``tests/ui/selfcare_seed.py``; the clock is fixed at Monday 2 March 2026, 09:30. Writes
selfcare-checkin, selfcare-cbi, selfcare-results and selfcare-indicators (and -dark variants).
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

from PySide6.QtCore import QLocale, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots import PASSPHRASE, SIZE, grab, settle, wait_until  # noqa: E402

from tests.ui.selfcare_seed import populate  # noqa: E402
from therapist_desk.app import build_sections, configure_application, create_main_window  # noqa: E402
from therapist_desk.domain.clock import FakeClock  # noqa: E402
from therapist_desk.paths import resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.services.vault_store import VaultStore  # noqa: E402
from therapist_desk.ui.dialogs import ScriptedDialogs  # noqa: E402
from therapist_desk.ui.selfcare import SelfCareView  # noqa: E402
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme  # noqa: E402

KEYS = {str(n): getattr(Qt.Key, f"Key_{n}") for n in range(10)}


def type_into(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def shoot(scheme: str, out: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, scheme)
    suffix = "-dark" if scheme == DARK else ""
    with tempfile.TemporaryDirectory(prefix="td-selfcare-shots-") as tmp:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
        paths = resolve_paths(Path(tmp) / "Therapist Desk")
        created, _code = VaultStore(paths, TEST_PROFILE).create(PASSPHRASE)
        created.close()
        clock = FakeClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
        window = create_main_window(
            paths, kdf_profile=TEST_PROFILE, clock=clock, dialogs=ScriptedDialogs(), sections=build_sections()
        )
        window.resize(*SIZE)
        window.show()
        window.refresh_theme()
        window.bridge.unlock(PASSPHRASE, lambda exc: print("unlock failed:", type(exc).__name__))
        wait_until(lambda: window.bridge.session.is_unlocked)
        populate(window.bridge.session.services)
        window.workspace.select("self-care")
        view = window.workspace.section_views()["self-care"]
        assert isinstance(view, SelfCareView)
        settle()

        # Today's check-in, being typed (the reminder's time has passed: the notice shows).
        page = view.check_in
        point = QLocale().decimalPoint()
        for name, text in (
            ("energy", "5"),
            ("mood", "6"),
            ("exhaustion", "7"),
            ("sleep_hours", f"6{point}5"),
        ):
            page.spins[name].selectAll()
            type_into(page.spins[name], text)
        type_into(page.spins["exercise_minutes"], "20")
        page.boxes["peer_support"].setChecked(True)
        type_into(page.note, "Two heavy intakes; a walk at lunch helped.")
        page.note.setFocus()
        grab(window, out / f"selfcare-checkin{suffix}.png")

        # The CBI, a third answered, by keyboard.
        view.show_tab(2)
        form = view.instruments.open_form("cbi")
        for digit in "2322432":
            QTest.keyClick(QApplication.focusWidget(), KEYS[digit])
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        settle()
        heading = form.scale_headings["work"]
        form.scroll_area.verticalScrollBar().setValue(
            heading.mapTo(form.scroll_area.widget(), heading.rect().topLeft()).y()
        )
        grab(window, out / f"selfcare-cbi{suffix}.png")

        # The results of this month's CBI, with the change since February.
        latest = view.selfcare.list_assessments("cbi")[-1]
        view.instruments.show_results(latest)
        grab(window, out / f"selfcare-results{suffix}.png")

        # The indicators, with "why am I seeing this?" open on a pattern.
        view.show_tab(3)
        view.indicators.select_rule("exhaustion_rising")
        view.indicators.why_action.setChecked(True)
        grab(window, out / f"selfcare-indicators{suffix}.png")

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
