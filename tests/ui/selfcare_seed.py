"""Seeded, realistic self-care data for the Self-care UI tests and screenshots.

Two months of daily check-ins (a few gaps, exhaustion climbing in the last week), time off
with a planned day and a cancelled one, four monthly CBI results and weekly single-item
answers. The clock is 2026-03-02 (a Monday); check-ins stop the day before, so today's is
still to do. ``populate(services)`` is the ``tools/screenshots.py --populate`` entry point.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from therapist_desk.domain.instruments import get_instrument
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.selfcare import ReminderSettings, SelfCareService

TODAY = date(2026, 3, 2)
FIRST_DAY = date(2026, 1, 5)
NOTES = (
    "Long intake day; walked home.",
    "Group ran over time.",
    "Good supervision, felt lighter.",
    "Too many late emails.",
    "",
    "",
    "Quiet evening with family.",
)
# Target level (0 = never/very low .. 4 = always/very high) per scale, for each CBI.
CBI_LEVELS = {
    date(2026, 1, 5): {"personal": 2.0, "work": 2.0, "client": 1.3},
    date(2026, 2, 2): {"personal": 2.2, "work": 2.2, "client": 1.6},
    date(2026, 3, 2): {"personal": 2.5, "work": 2.6, "client": 1.9},
}
SINGLE_ITEM = (2, 2, 3, 2, 2, 2, 3, 2)


def cbi_answers(levels: dict[str, float], rng: random.Random) -> dict[str, str]:
    instrument = get_instrument("cbi")
    answers = {}
    for item in instrument.items:
        level = levels[item.scale] + rng.uniform(-0.6, 0.6)
        if item.reverse:
            level = 4 - level
        index = 4 - max(0, min(4, round(level)))  # options run from "always" (100) down
        answers[item.id] = item.response_set.options[index].value
    return answers


def check_in_values(day: date, rng: random.Random) -> CheckInValues:
    last_week = (TODAY - day).days <= 7
    exhaustion = min(10, max(0, round(rng.gauss(7.2 if last_week else 4.0, 0.8))))
    return CheckInValues(
        energy=min(10, max(0, round(rng.gauss(4 if last_week else 6, 1)))),
        mood=min(10, max(0, round(rng.gauss(5 if last_week else 6.5, 1)))),
        exhaustion=exhaustion,
        sleep_hours=round(rng.gauss(6.4 if last_week else 7.2, 0.5) * 2) / 2,
        exercise_minutes=rng.choice((0, 0, 20, 30, 45)),
        self_care_minutes=rng.choice((10, 15, 20, 30)),
        peer_support=day.weekday() in (1, 3) and rng.random() < 0.7,
        supervision=day.weekday() == 2 and day.isocalendar().week % 2 == 0,
        breaks=rng.randint(1, 4),
        boundaries_kept=rng.random() < (0.5 if last_week else 0.8),
        note=rng.choice(NOTES),
    )


def populate_selfcare(selfcare: SelfCareService, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    day = FIRST_DAY
    while day < TODAY:
        if rng.random() > 0.1:  # a few days without a check-in
            selfcare.save_check_in(day, check_in_values(day, rng))
        day += timedelta(days=1)
    selfcare.add_time_off("vacation", date(2025, 12, 22), date(2026, 1, 2), "taken", "Winter break")
    selfcare.add_time_off("day_off", date(2026, 1, 19), date(2026, 1, 19), "taken")
    selfcare.add_time_off("day_off", date(2026, 2, 13), date(2026, 2, 13), "taken", "Long weekend")
    selfcare.add_time_off("day_off", date(2026, 2, 27), date(2026, 2, 27), "cancelled", "Covered a shift")
    selfcare.add_time_off("day_off", date(2026, 3, 13), date(2026, 3, 13), "planned")
    selfcare.add_time_off("vacation", date(2026, 4, 6), date(2026, 4, 10), "planned", "Spring week")
    for taken_on, levels in CBI_LEVELS.items():
        selfcare.save_assessment("cbi", taken_on, cbi_answers(levels, rng))
    for week, answer in enumerate(SINGLE_ITEM):
        selfcare.save_assessment(
            "single_item", TODAY - timedelta(days=7 * (len(SINGLE_ITEM) - 1 - week)), {"burnout": str(answer)}
        )
    selfcare.set_reminder(ReminderSettings(enabled=True, at=ReminderSettings.at.replace(hour=8)))


def populate_caseload(services: Any, *, seed: int = 11) -> None:
    """A small caseload so the session-load indicator has weeks to read (skipped if absent)."""
    caseload = getattr(services, "caseload", None)
    if caseload is None:
        return
    from therapist_desk.domain.caseload import SessionDraft

    rng = random.Random(seed)
    clients = [
        caseload.add_client(alias, level, started_on=date(2026, 1, 5)).client.id
        for alias, level in (
            ("Heron", "iop"),
            ("Juniper", "outpatient"),
            ("Tamarack", "php"),
            ("Wren", "iop"),
        )
    ]
    day = date(2026, 2, 16)
    while day <= TODAY:
        if day.weekday() < 5:
            for _ in range(4):
                caseload.log_session(
                    SessionDraft(
                        rng.choice(clients),
                        day,
                        rng.choice((50, 60, 60, 90)),
                        rng.choice((1, 2, 2, 3, 3, 3, 4, 5)),
                    )
                )
        day += timedelta(days=1)


def populate(services: Any) -> None:
    """Everything above, for ``tools/screenshots.py --populate tests.ui.selfcare_seed:populate``."""
    populate_selfcare(services.selfcare)
    populate_caseload(services)
