"""A small, fixed vault for the supervision-summary tests: clients, sessions, check-ins, a CBI,
and reflections with canaries (one to be quoted, one that must never leave the vault)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from therapist_desk.domain.caseload import SessionDraft
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.journal import BiasReflection, NoteDraft
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.journal import JournalService
from therapist_desk.services.selfcare import SelfCareService

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PERIOD = (date(2026, 2, 2), date(2026, 3, 1))
SELECTED_CANARY = "QUOTEDWORDzq81"
SECRET_CANARY = "SECRETWORDxk42"
ALIAS_CANARY = "Kestrelqv"
STALLED_ALIAS = "Moraine"


@dataclass(frozen=True)
class Seeded:
    selected_note: str
    secret_note: str
    bias_note: str


def make_clock() -> FakeClock:
    return FakeClock(NOW)


def seed(vault, clock: FakeClock) -> Seeded:
    caseload = CaseloadService(vault, clock)
    first = caseload.add_client(ALIAS_CANARY, "iop", started_on=date(2026, 1, 5)).client.id
    second = caseload.add_client(STALLED_ALIAS, "php", started_on=date(2026, 1, 5)).client.id
    third = caseload.add_client("Client B12", "outpatient", started_on=date(2026, 1, 5)).client.id
    caseload.set_status(third, "discharged", date(2026, 2, 20))
    day = PERIOD[0]
    while day <= PERIOD[1]:
        if day.weekday() < 4:
            caseload.log_session(SessionDraft(first, day, 50, 4 if day.day % 3 == 0 else 2))
            caseload.log_session(
                SessionDraft(
                    second, day, 60, 3, stalled=day >= date(2026, 2, 23), note=f"{SECRET_CANARY} session"
                )
            )
        day += timedelta(days=1)
    caseload.log_session(SessionDraft(third, date(2026, 2, 10), 45, 5, format="group"))

    selfcare = SelfCareService(vault, clock)
    for offset in range(26):
        day = PERIOD[0] + timedelta(days=offset)
        selfcare.save_check_in(
            day,
            CheckInValues(
                energy=6,
                mood=6,
                exhaustion=4 + offset // 7,
                sleep_hours=7.0,
                exercise_minutes=20,
                peer_support=offset % 7 == 0,
                note=f"{SECRET_CANARY} check-in note",
            ),
        )
    selfcare.add_time_off("day_off", date(2026, 2, 14), date(2026, 2, 15), "taken", f"{SECRET_CANARY} trip")
    answers = {
        **dict.fromkeys(("p1", "p2", "p3", "w4"), "often"),
        **dict.fromkeys(("w1", "w2", "w3", "c1", "c2", "c3"), "high"),
    }
    selfcare.save_assessment("cbi", date(2026, 2, 3), answers)
    selfcare.save_assessment("single_item", date(2026, 2, 16), {"burnout": "3"})

    note_clock = FakeClock(datetime(2026, 2, 10, 18, 0, tzinfo=UTC))
    journal = JournalService(vault, note_clock)
    selected = journal.create(
        NoteDraft(
            title="After the family session",
            body=f"I felt caught between them. {SELECTED_CANARY} is what I want to bring.\n\n"
            f"Second paragraph with {SECRET_CANARY} that stays home.",
            themes=("empathy", "countertransference"),
            client_id=first,
        )
    ).id
    note_clock.advance(3600)
    secret = journal.create(
        NoteDraft(title=f"{SECRET_CANARY} title", body=f"{SECRET_CANARY} body", themes=("boundaries",))
    ).id
    note_clock.advance(3600)
    bias = journal.create(
        NoteDraft(
            title="Assumption about motivation",
            kind="bias",
            themes=("bias",),
            bias=BiasReflection(
                situation=f"{SECRET_CANARY} situation",
                assumption_types=("motivation",),
                dimensions=("socioeconomic_status", "age"),
            ),
        )
    ).id
    return Seeded(selected, secret, bias)
