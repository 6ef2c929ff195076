"""Helpers shared by the journal tests: a service on a real vault with a clock that only moves
when told to, and a client made through the caseload service (for links and aliases)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from therapist_desk.domain.journal import NoteDraft, ReflectionNote
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.journal import JournalService

CET = timezone(timedelta(hours=1))
START = datetime(2025, 3, 3, 9, 0, tzinfo=CET)


class FakeClock:
    """Like domain.clock.FakeClock, and it can also jump to a moment in another UTC offset
    (travel, a DST change), which ``advance`` alone cannot show."""

    def __init__(self, start: datetime) -> None:
        self.moment = start
        self._mono = 1000.0

    def now(self) -> datetime:
        return self.moment

    def today(self):
        return self.moment.date()

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)
        self._mono += seconds


def make_clock(start: datetime = START) -> FakeClock:
    return FakeClock(start)


def make_journal(unlocked, clock: FakeClock | None = None) -> JournalService:
    return JournalService(unlocked.vault, clock or make_clock())


def write(journal: JournalService, clock: FakeClock | None = None, **fields) -> ReflectionNote:
    """Create a note, then move the clock a minute on so the next one is newer."""
    note = journal.create(NoteDraft(**fields))
    if clock is not None:
        clock.advance(60)
    return note


def add_client(unlocked, clock: FakeClock, alias: str = "River") -> str:
    return CaseloadService(unlocked.vault, clock).add_client(alias, "iop").client.id


def set_now(clock: FakeClock, moment: datetime) -> None:
    clock.moment = moment
