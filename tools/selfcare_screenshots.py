"""Screenshots of the Self-care section's pages, light and dark, at 1280x800.

    .venv/bin/python tools/selfcare_screenshots.py      # docs/screenshots/selfcare-*.png

A throwaway vault in a temporary folder (cheap test KDF), filled with the seeded data of
``tests/ui/selfcare_seed.py``; the clock is fixed at Monday 2 March 2026, 09:30. Writes
selfcare-checkin, selfcare-cbi, selfcare-results and selfcare-indicators (and -dark variants).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from screenshot_kit import (
    grab,
    run_light_and_dark,
    section_view,
    settle,
    unlocked_window,
    use_scheme,
)

from tests.ui.selfcare_seed import populate
from therapist_desk.domain.clock import FakeClock
from therapist_desk.ui.selfcare import SelfCareView

KEYS = {str(n): getattr(Qt.Key, f"Key_{n}") for n in range(10)}


def type_into(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def shoot(scheme: str, out: Path) -> None:
    suffix = use_scheme(scheme)
    clock = FakeClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    with unlocked_window("td-selfcare-shots-", clock) as (window, _home):
        populate(window.bridge.session.services)
        view = section_view(window, "self-care", SelfCareView)
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


def main() -> int:
    return run_light_and_dark(shoot)


if __name__ == "__main__":
    raise SystemExit(main())
