"""Deterministic synthetic data for a demo vault, for screenshots, tests and benchmarks.

One seeded generator fills an unlocked, empty vault with years of a busy addiction counsellor's
records, ending yesterday (the clock's today): at ``years=10, scale=1`` about 5,000 reflections
of 100-600 words that answer prompts of the library (free, Gibbs and structured bias
reflections), 600 clients under invented aliases, 20,000 sessions, a check-in for nearly every
day, a monthly CBI and a weekly single-item check, time off, and shared goals with progress.
``scale`` multiplies the caseload and the journal (clients, sessions, goals, reflections);
``years`` the length of the history. Day-based records (one check-in a day, the monthly CBI,
the weekly single item, time off) follow the calendar and do not grow with ``scale``.

The story the trends tell (services/demo_calendar.py): winters are heavier than summers, one
recent winter much heavier (caseload, session hours and intensity up; exhaustion, CBI and the
single item rising; empathy ratings down; weekends worked), and the two weeks off after it
bring a recovery.

The same ``seed`` and clock give the same data, identifiers included: every component draws
from its own ``random.Random`` derived from the seed. Reflections go through the journal's
``insert_note`` (so the full-text index is filled by its triggers), clients and goals through
the caseload repository; the rest is validated with the services' own checks and inserted with
``executemany``, a few transactions in all.

    populate_demo(unlocked, clock, years=1, scale=0.1, seed=7)
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.journal import ADDRESSING_DIMENSIONS, check_draft
from therapist_desk.domain.prompts import Prompt
from therapist_desk.services.demo_calendar import DemoCalendar
from therapist_desk.services.demo_caseload import (
    DemoClient,
    plan_clients,
    write_clients,
    write_goals,
    write_sessions,
)
from therapist_desk.services.demo_selfcare import write_assessments, write_check_ins, write_time_off
from therapist_desk.services.demo_text import NoteWriter
from therapist_desk.services.journal import JournalService
from therapist_desk.storage.journal_repository import insert_note
from therapist_desk.storage.vault import Vault

if TYPE_CHECKING:
    from therapist_desk.services.vault_store import UnlockedVault

DEFAULT_SEED = 20251006
MAX_YEARS = 50
MAX_SCALE = 20.0
# Per year at scale 1 (10 years: 5,000 reflections, 600 clients, 20,000 sessions).
NOTES_PER_YEAR = 500
CLIENTS_PER_YEAR = 60
SESSIONS_PER_YEAR = 2000
NOTE_BATCH = 2000  # reflections per transaction: keeps the write-ahead log moderate at scale 5

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DemoCounts:
    """What ``populate_demo`` wrote."""

    notes: int
    clients: int
    sessions: int
    goals: int
    goal_progress: int
    check_ins: int
    assessments: int
    time_off: int


def planned_counts(years: int, scale: float) -> tuple[int, int, int]:
    """(reflections, clients, sessions) aimed at for ``years`` and ``scale``."""
    return (
        max(1, round(NOTES_PER_YEAR * years * scale)),
        max(1, round(CLIENTS_PER_YEAR * years * scale)),
        max(1, round(SESSIONS_PER_YEAR * years * scale)),
    )


def check_parameters(years: object, scale: object) -> None:
    """Raise ``InvalidEntry`` unless 1 <= years <= 50 (whole) and 0 < scale <= 20."""
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
        raise InvalidEntry(f"The number of years must be a whole number from 1 to {MAX_YEARS}.")
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not 0 < scale <= MAX_SCALE:
        raise InvalidEntry(f"The scale must be a number above 0 and at most {MAX_SCALE:g}.")


def _id_maker(rng: random.Random) -> Callable[[], str]:
    return lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _stream(seed: int, name: str) -> random.Random:
    # A separate stream per part: changing how notes are written leaves the sessions as they were.
    return random.Random(f"therapist-desk-demo:{seed}:{name}")  # noqa: S311 (synthetic data, not secrets)


def populate_demo(
    target: Vault | UnlockedVault,
    clock: Clock,
    *,
    years: int = 10,
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
) -> DemoCounts:
    """Fill an empty vault (an ``UnlockedVault`` or a ``Vault``) with demo data ending yesterday.

    Refuses (``InvalidEntry``) a vault that already holds clients, reflections or check-ins:
    demo data belongs in a vault of its own. ``progress(done, total, label)`` is called as the
    work goes on (records written so far, records planned, what is being written).
    """
    check_parameters(years, scale)
    vault = target if isinstance(target, Vault) else target.vault
    if any(
        vault.scalar(f"SELECT 1 FROM {table} LIMIT 1") for table in ("clients", "notes", "self_care_checkins")
    ):
        raise InvalidEntry("Demo data goes only into a new, empty vault; this one already holds records.")
    now = clock.now()
    tz = now.tzinfo or UTC
    today = clock.today()
    calendar = DemoCalendar.build(_stream(seed, "calendar"), today, years)
    note_count, client_count, session_count = planned_counts(years, scale)
    total = client_count + session_count + len(calendar.days()) + note_count
    done = 0

    def step(amount: int, label: str) -> None:
        nonlocal done
        done = min(total, done + amount)
        if progress is not None:
            progress(done, total, label)

    step(0, "planning")
    rng = _stream(seed, "caseload")
    new_id = _id_maker(rng)
    clients = plan_clients(rng, calendar, client_count, new_id)
    with vault.transaction():
        write_clients(vault, clients, tz)
        step(len(clients), "clients")
        sessions = write_sessions(vault, rng, calendar, clients, session_count, new_id, tz)
        goals, goal_progress = write_goals(vault, rng, calendar, clients, new_id)
    step(session_count, "sessions and goals")

    rng = _stream(seed, "selfcare")
    new_id = _id_maker(rng)
    with vault.transaction():
        check_ins = write_check_ins(vault, rng, calendar, new_id, tz)
        time_off = write_time_off(vault, calendar, new_id, tz)
        assessments = write_assessments(vault, rng, calendar, new_id, tz)
    step(len(calendar.days()), "check-ins, time off and assessments")

    notes = _write_notes(vault, clock, calendar, clients, note_count, seed, lambda n: step(n, "reflections"))
    return DemoCounts(notes, len(clients), sessions, goals, goal_progress, check_ins, assessments, time_off)


def _active_by_week(calendar: DemoCalendar, clients: list[DemoClient]) -> dict[int, list[DemoClient]]:
    """Clients in care in each week (numbered from the first day), to link reflections to."""
    weeks: dict[int, list[DemoClient]] = {}
    for client in clients:
        if client.care_from is None:
            continue
        first = (client.care_from - calendar.first).days // 7
        last = ((client.care_to or calendar.last) - calendar.first).days // 7
        for week in range(max(0, first), last + 1):
            weeks.setdefault(week, []).append(client)
    return weeks


def _choose_prompt(
    rng: random.Random, kind: str, pools: dict[str, list[Prompt]], strain: float, avoid: str | None
) -> Prompt:
    if kind == "bias":
        pool = [p for p in pools["bias"] if avoid is None or avoid not in p.dimensions]
        return rng.choice(pool or pools["bias"])
    # Tired weeks bring more reflections on burnout, boundaries and stalled work.
    if strain > 0.5 and rng.random() < strain - 0.2:
        return rng.choice(pools["strained"])
    return rng.choice(pools["other"])


def _write_notes(
    vault: Vault,
    clock: Clock,
    calendar: DemoCalendar,
    clients: list[DemoClient],
    count: int,
    seed: int,
    advance: Callable[[int], None],
) -> int:
    rng = _stream(seed, "journal")
    new_id = _id_maker(rng)
    writer = NoteWriter(rng)
    journal = JournalService(vault, clock)
    prompts = journal.prompts.prompts
    strained_themes = {"burnout_self_care", "boundaries", "stalled_progress"}
    pools = {
        "bias": [p for p in prompts if p.is_bias_prompt],
        "other": [p for p in prompts if not p.is_bias_prompt],
        "strained": [p for p in prompts if not p.is_bias_prompt and strained_themes & set(p.themes)],
    }
    tz = clock.now().tzinfo or UTC
    days = calendar.days()
    weights = [0.15 if d in calendar.vacation_days else 1.0 if calendar.is_workday(d) else 0.45 for d in days]
    note_days = sorted(rng.choices(days, weights, k=count))
    by_week = _active_by_week(calendar, clients)
    # One ADDRESSING dimension goes unreflected for the last four months (an indicator shows it).
    quiet_dimension = rng.choice(ADDRESSING_DIMENSIONS)
    quiet_from = calendar.last - timedelta(days=120)
    last_moment = datetime.combine(calendar.last, time(23, 59), tz)
    written = 0
    for start in range(0, count, NOTE_BATCH):
        with vault.transaction():
            for day in note_days[start : start + NOTE_BATCH]:
                strain = calendar.strain(day)
                roll = rng.random()
                kind = "bias" if roll < 0.14 else "gibbs" if roll < 0.28 else "free"
                prompt = _choose_prompt(
                    rng, kind, pools, strain, quiet_dimension if day >= quiet_from else None
                )
                active = by_week.get((day - calendar.first).days // 7, [])
                client = rng.choice(active) if active and rng.random() < 0.4 else None
                level = (
                    client.level_on(day) if client else rng.choice(("inpatient", "php", "iop", "outpatient"))
                )
                draft = writer.fill(
                    journal.draft_from_prompt(prompt.id, kind),
                    alias=client.alias if client else None,
                    level=level,
                    strain=strain,
                    rested=calendar.rested(day),
                )
                if client is not None:
                    draft = replace(draft, client_id=client.id)
                late = calendar.in_heavy_winter(day) and rng.random() < 0.3
                hour = rng.randint(21, 23) if late else rng.randint(8, 19)
                created = datetime.combine(day, time(hour, rng.randint(0, 59)), tz)
                updated = created + timedelta(minutes=rng.randint(0, 90))
                if rng.random() < 0.08:  # came back to it days later
                    updated = min(created + timedelta(days=rng.randint(1, 20)), last_moment)
                deleted = None
                if (calendar.last - day).days < 25 and rng.random() < 0.05:
                    deleted = datetime.combine(calendar.last, time(12, 0), tz)
                insert_note(vault, new_id(), check_draft(draft), created, max(updated, created), deleted)
                written += 1
        advance(min(NOTE_BATCH, count - start))
    return written
