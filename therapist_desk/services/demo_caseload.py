"""Demo caseload: invented aliases stepping down through program levels, sessions, shared goals.

Each client follows a course of care: a start level (residential, PHP, IOP or outpatient), a
stay at each level, a step down (now and then a step back up after a lapse), and an end:
discharged, or transferred, or still in care today. Admissions are busier in winter and much
busier in the heavy winter. Sessions fall on the therapist's workdays at a rhythm that fits the
level; their intensity and the therapist's self-ratings follow the day's strain; a share of
clients go through a run of stalled sessions, and a few are in one today (the caseload flags).
Clients and history go through the caseload repository; sessions are validated as
``SessionDraft`` and inserted with ``executemany``.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from therapist_desk.domain.caseload import (
    ClientRecord,
    GoalProgress,
    SessionDraft,
    SharedGoal,
    alias_key,
)
from therapist_desk.services.demo_calendar import DemoCalendar
from therapist_desk.services.demo_vocabulary import (
    ALIAS_WORDS,
    CODE_LETTERS,
    GOAL_PROGRESS,
    GOALS,
    SESSION_NOTES,
)
from therapist_desk.storage import caseload_repo as repo
from therapist_desk.storage.vault import Vault

NewId = Callable[[], str]
STAY_DAYS = {"inpatient": (18, 35), "php": (14, 30), "iop": (42, 90), "outpatient": (60, 270)}
SESSIONS_PER_WEEK = {"inpatient": 3, "php": 3, "iop": 2, "outpatient": 1}
BASE_INTENSITY = {"inpatient": 3.3, "php": 3.0, "iop": 2.7, "outpatient": 2.4}
NEXT_LEVEL = {"inpatient": "php", "php": "iop", "iop": "outpatient"}
START_LEVELS = ("inpatient",) * 3 + ("php",) * 2 + ("iop",) * 3 + ("outpatient",) * 2


@dataclass
class DemoClient:
    id: str
    alias: str
    started_on: date
    levels: list[tuple[date, str]] = field(default_factory=list)  # (effective_on, level)
    statuses: list[tuple[date, str]] = field(default_factory=list)  # (effective_on, status)
    care_from: date | None = None  # first day of active care (after any waitlist)
    care_to: date | None = None  # last day of care, or None while in care today
    stalled_from: int = -1  # index of the first stalled session of a run (-1: none)
    stalled_len: int = 0
    offset: float = 0.0  # how this client's sessions tend to go for the therapist

    def level_on(self, day: date) -> str:
        current = self.levels[0][1]
        for effective_on, level in self.levels:
            if effective_on > day:
                break
            current = level
        return current


def _aliases(rng: random.Random, count: int) -> list[str]:
    words = list(ALIAS_WORDS)
    rng.shuffle(words)
    taken: set[str] = set()
    result = []
    for _ in range(count):
        if words and rng.random() < 0.45:
            alias = words.pop()
        else:
            alias = ""
            while not alias or alias_key(alias) in taken:
                alias = f"Client {rng.choice(CODE_LETTERS)}{rng.randint(1, 99 if count < 1500 else 999)}"
        taken.add(alias_key(alias))
        result.append(alias)
    return result


def _admission_days(rng: random.Random, calendar: DemoCalendar, count: int) -> list[date]:
    """Start days spread evenly over the weekdays (from three months before the first day, so
    the caseload is already full when the data begins), busier in winter and much busier in
    the heavy winter. Even spacing rather than independent draws keeps the census steady."""
    first = calendar.first - timedelta(days=91)
    days = [first + timedelta(days=i) for i in range((calendar.last - first).days + 1)]
    days = [d for d in days if d.weekday() < 5]
    cumulative = []
    total = 0.0
    for day in days:
        weight = 1.3 if day.month in (1, 2, 3) else 1.0
        total += weight * (1.45 if calendar.in_heavy_winter(day) else 1.0)
        cumulative.append(total)
    return [
        days[min(len(days) - 1, bisect.bisect(cumulative, (k + rng.random()) * total / count))]
        for k in range(count)
    ]


def plan_clients(rng: random.Random, calendar: DemoCalendar, count: int, new_id: NewId) -> list[DemoClient]:
    today = calendar.last + timedelta(days=1)
    clients = []
    for alias, start in zip(_aliases(rng, count), _admission_days(rng, calendar, count), strict=True):
        client = DemoClient(new_id(), alias, start, offset=rng.gauss(0, 0.5))
        level = rng.choice(START_LEVELS)
        day = start
        if rng.random() < 0.12:  # waited for a place first
            client.statuses.append((start, "waitlist"))
            day = start + timedelta(days=rng.randint(5, 21))
        if day > today:
            client.levels.append((start, level))
            clients.append(client)
            continue
        client.care_from = day
        client.levels.append((start, level))
        client.statuses.append((day, "active"))
        while True:
            stay = timedelta(days=rng.randint(*STAY_DAYS[level]))
            day += stay
            if day > today:
                break
            roll = rng.random()
            if level != "inpatient" and roll < 0.06:  # a lapse: back up one level
                level = {"php": "inpatient", "iop": "php", "outpatient": "iop"}[level]
            elif level in NEXT_LEVEL and roll < 0.78:
                level = NEXT_LEVEL[level]
            else:
                end = "transferred" if roll > 0.93 else "discharged"
                client.statuses.append((day, end))
                client.care_to = day - timedelta(days=1)
                break
            client.levels.append((day, level))
        if rng.random() < 0.18:
            client.stalled_from, client.stalled_len = rng.randint(2, 12), rng.randint(3, 6)
        clients.append(client)
    return clients


def _session_days(
    rng: random.Random, calendar: DemoCalendar, client: DemoClient, factor: float
) -> list[date]:
    if client.care_from is None:
        return []
    last = min(client.care_to or calendar.last, calendar.last)
    begin = max(client.care_from, calendar.first)  # no sessions before the data begins
    monday = begin - timedelta(days=begin.weekday())
    days: list[date] = []
    while monday <= last:
        week = [monday + timedelta(days=i) for i in range(5)]
        week = [d for d in week if begin <= d <= last and calendar.is_workday(d)]
        if week:
            wanted = SESSIONS_PER_WEEK[client.level_on(week[0])] * factor
            count = int(wanted) + (rng.random() < wanted - int(wanted))
            days += sorted(rng.sample(week, min(count, len(week))))
        monday += timedelta(weeks=1)
    return days


def _draft(
    rng: random.Random, calendar: DemoCalendar, client: DemoClient, day: date, stalled: bool
) -> SessionDraft:
    level = client.level_on(day)
    s = calendar.strain(day)
    roll = rng.random()
    if level in ("inpatient", "php"):
        fmt, minutes = ("group", 60) if roll < 0.15 else ("individual", rng.choice((15, 20, 25, 30, 30)))
    elif level == "iop":
        fmt, minutes = (
            ("group", 60)
            if roll < 0.15
            else ("family", 50)
            if roll < 0.23
            else ("individual", rng.choice((25, 30, 45)))
        )
    else:
        fmt, minutes = ("family", 50) if roll < 0.08 else ("individual", rng.choice((30, 45, 45, 50)))
    intensity = BASE_INTENSITY[level] + 1.6 * (s - 0.3) + (0.5 if stalled else 0.0) + rng.gauss(0, 0.8)
    rated = rng.random() < 0.85

    def rating(base: float, strain_weight: float) -> int | None:
        value = (
            base + client.offset - strain_weight * (s - 0.3) - (0.8 if stalled else 0.0) + rng.gauss(0, 0.5)
        )
        return int(min(5, max(1, round(value)))) if rated else None

    resistance = rng.choices(("none", "some", "strong"), (2, 3, 2) if stalled else (12, 5, 1))[0]
    return SessionDraft(
        client_id=client.id,
        date=day,
        minutes=minutes,
        intensity=int(min(5, max(1, round(intensity)))),
        format=fmt,
        alliance=rating(3.9, 1.0),
        congruence=rating(3.9, 1.0),
        positive_regard=rating(4.0, 1.3),
        empathy=rating(4.2, 2.2),
        resistance=resistance if rated else None,
        stalled=stalled,
        note=rng.choice(SESSION_NOTES) if rng.random() < 0.3 else "",
    ).validated()


def write_clients(vault: Vault, clients: list[DemoClient], tz: tzinfo) -> None:
    for client in clients:
        created = datetime.combine(client.started_on, time(9, 0), tz).isoformat()
        record = ClientRecord(
            client.id, client.alias, client.levels[0][1], client.statuses[0][1], client.started_on, created
        )
        repo.insert_client(vault, record, alias_key(client.alias))
        for day, level in client.levels:
            repo.put_history(vault, "level", client.id, level, day)
        for day, status in client.statuses:
            repo.put_history(vault, "status", client.id, status, day)


def write_sessions(
    vault: Vault,
    rng: random.Random,
    calendar: DemoCalendar,
    clients: list[DemoClient],
    target: int,
    new_id: NewId,
    tz: tzinfo,
) -> int:
    """About ``target`` sessions: every client's rhythm, thinned evenly to the target. A small or
    short caseload (few clients, more of them outside the years shown) meets more often."""
    planned = [(c, _session_days(rng, calendar, c, 1.0)) for c in clients]
    total = sum(len(days) for _, days in planned)
    if 0 < total < target:
        factor = min(3.0, 1.1 * target / total)
        planned = [(c, _session_days(rng, calendar, c, factor)) for c in clients]
        total = sum(len(days) for _, days in planned)
    keep = min(1.0, target / total) if total else 1.0
    today = calendar.last + timedelta(days=1)
    rows = []
    for client, days in planned:
        days = [d for d in days if rng.random() < keep]
        in_care_today = client.care_from is not None and client.care_to is None
        if in_care_today and len(days) > 6 and rng.random() < 0.15:  # stalled right now
            client.stalled_from, client.stalled_len = len(days) - rng.randint(4, 6), 6
        for index, day in enumerate(days):
            stalled = client.stalled_from <= index < client.stalled_from + client.stalled_len
            draft = _draft(rng, calendar, client, day, stalled)
            stamp = datetime.combine(
                day, time(rng.randint(9, 17), rng.choice((0, 15, 30, 45))), tz
            ).isoformat()
            rows.append(
                (
                    new_id(), draft.client_id, day.isoformat(), draft.minutes, draft.intensity, draft.format,
                    draft.alliance, draft.congruence, draft.positive_regard, draft.empathy, draft.resistance,
                    int(draft.stalled), draft.note, stamp, stamp,
                )
            )  # fmt: skip
    assert all(date.fromisoformat(r[2]) < today for r in rows)
    vault.executemany(
        "INSERT INTO sessions (id, client_id, date, minutes, intensity, format, alliance, congruence,"
        " positive_regard, empathy, resistance, stalled, note, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def write_goals(
    vault: Vault, rng: random.Random, calendar: DemoCalendar, clients: list[DemoClient], new_id: NewId
) -> tuple[int, int]:
    """Goals agreed early in care with progress notes every few weeks; returns (goals, notes)."""
    goals = notes = 0
    for client in clients:
        if client.care_from is None:
            continue
        end = client.care_to or calendar.last
        quiet = client.care_to is None and rng.random() < 0.2  # no progress noted lately
        for text in rng.sample(GOALS, rng.randint(1, 3)):
            created = min(end, client.care_from + timedelta(days=rng.randint(2, 14)))
            goal_id = new_id()
            progress = []
            day = created + timedelta(days=rng.randint(10, 40))
            stop = end - timedelta(weeks=10) if quiet else end
            while day <= stop:
                progress.append(GoalProgress(new_id(), goal_id, day, rng.choice(GOAL_PROGRESS)))
                day += timedelta(days=rng.randint(14, 45))
            if client.care_to is None:
                status = "active"
            else:
                status = rng.choices(("achieved", "dropped", "paused", "active"), (5, 2, 1, 1))[0]
            repo.insert_goal(vault, SharedGoal(goal_id, client.id, text, status, created, tuple(progress)))
            goals += 1
            notes += len(progress)
    return goals, notes
