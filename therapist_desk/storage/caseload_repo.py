"""SQL for the caseload (schema v2): rows in, frozen domain dataclasses out.

No validation here beyond what the schema enforces: services/caseload.py checks values first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from therapist_desk.domain.caseload import (
    CaseloadEntry,
    ClientRecord,
    GoalProgress,
    ProgramLevelChange,
    SessionEntry,
    SharedGoal,
    StatusChange,
)
from therapist_desk.storage.vault import Vault


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# -- clients -----------------------------------------------------------------------------
_CLIENT = "SELECT id, alias, program_level, status, started_on, created_at FROM clients"


def _client(row: Any) -> ClientRecord:
    return ClientRecord(row[0], row[1], row[2], row[3], _day(row[4]), row[5])


def get_client(vault: Vault, client_id: str) -> ClientRecord | None:
    row = vault.execute(_CLIENT + " WHERE id = ?", (client_id,)).fetchone()
    return _client(row) if row else None


def client_id_for_key(vault: Vault, key: str) -> str | None:
    """The id of the client whose ``alias_key`` is ``key`` (see domain.caseload.alias_key)."""
    return vault.scalar("SELECT id FROM clients WHERE alias_key = ?", (key,))


def insert_client(vault: Vault, client: ClientRecord, key: str, extra: str | None = None) -> None:
    vault.execute(
        "INSERT INTO clients (id, alias, alias_key, program_level, status, started_on, created_at, extra)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            client.id,
            client.alias,
            key,
            client.program_level,
            client.status,
            client.started_on.isoformat() if client.started_on else None,
            client.created_at,
            extra,
        ),
    )


def set_alias(vault: Vault, client_id: str, alias: str, key: str) -> None:
    vault.execute("UPDATE clients SET alias = ?, alias_key = ? WHERE id = ?", (alias, key, client_id))


def has_linked_notes(vault: Vault, client_id: str) -> bool:
    """True when a journal note (schema v3, ``notes.client_id``) links to the client."""
    if not vault.scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notes'"):
        return False
    columns = {row[1] for row in vault.query("PRAGMA table_info(notes)")}
    if "client_id" not in columns:
        return False
    return vault.scalar("SELECT 1 FROM notes WHERE client_id = ? LIMIT 1", (client_id,)) is not None


def set_started_on(vault: Vault, client_id: str, started_on: date | None) -> None:
    value = started_on.isoformat() if started_on else None
    vault.execute("UPDATE clients SET started_on = ? WHERE id = ?", (value, client_id))


_HISTORY = {"level": ("client_level_history", "program_level"), "status": ("client_status_history", "status")}


def put_history(vault: Vault, kind: str, client_id: str, value: str, day: date) -> None:
    """Record ``value`` from ``day`` on (one entry per day: a second change that day replaces it)."""
    table, column = _HISTORY[kind]
    vault.execute(
        f"INSERT INTO {table} (client_id, {column}, effective_on) VALUES (?, ?, ?)"
        f" ON CONFLICT (client_id, effective_on) DO UPDATE SET {column} = excluded.{column}",
        (client_id, value, day.isoformat()),
    )
    refresh_current(vault, client_id)


def remove_history(vault: Vault, kind: str, client_id: str, day: date) -> int:
    table, _ = _HISTORY[kind]
    cursor = vault.execute(
        f"DELETE FROM {table} WHERE client_id = ? AND effective_on = ?", (client_id, day.isoformat())
    )
    refresh_current(vault, client_id)
    return int(cursor.rowcount)


def history_count(vault: Vault, kind: str, client_id: str) -> int:
    table, _ = _HISTORY[kind]
    return int(vault.scalar(f"SELECT count(*) FROM {table} WHERE client_id = ?", (client_id,)))


def refresh_current(vault: Vault, client_id: str) -> None:
    """The current level and status are those of the latest dated history entry."""
    for table, column in _HISTORY.values():
        vault.execute(
            f"UPDATE clients SET {column} = COALESCE((SELECT {column} FROM {table} h"
            f" WHERE h.client_id = clients.id ORDER BY effective_on DESC LIMIT 1), {column})"
            " WHERE id = ?",
            (client_id,),
        )


def level_history(vault: Vault, client_id: str) -> tuple[ProgramLevelChange, ...]:
    rows = vault.query(
        "SELECT program_level, effective_on FROM client_level_history WHERE client_id = ?"
        " ORDER BY effective_on",
        (client_id,),
    )
    return tuple(ProgramLevelChange(r[0], date.fromisoformat(r[1])) for r in rows)


def status_history(vault: Vault, client_id: str) -> tuple[StatusChange, ...]:
    rows = vault.query(
        "SELECT status, effective_on FROM client_status_history WHERE client_id = ? ORDER BY effective_on",
        (client_id,),
    )
    return tuple(StatusChange(r[0], date.fromisoformat(r[1])) for r in rows)


# -- caseload rows ---------------------------------------------------------------------------
# The per-client figures are computed in Python over a scan of the (client_id, date, stalled)
# covering index rather than with GROUP BY. This was chosen while the vault ran with
# cipher_memory_security = ON (every allocation an mlock/munlock pair: ~130 ms for GROUP BY vs
# ~20 ms for the scan on 600 clients / 20,000 sessions); the scan stays the faster form.


@dataclass
class _SessionStats:
    last: str | None = None
    recent: int = 0
    total: int = 0
    last_ok: str | None = None
    run: int = 0


def _session_stats(
    vault: Vault, since: str, today: str, clients_where: str = "", params: tuple[Any, ...] = ()
) -> dict[str, _SessionStats]:
    """Per client: sessions, the last one, those since ``since``, the stalled run. Only the
    sessions of the clients ``clients_where`` selects are read (the dashboard's active clients,
    not ten years of discharged ones)."""
    where = f"WHERE client_id IN (SELECT c.id FROM clients c WHERE {clients_where})" if clients_where else ""
    rows = vault.query(
        f"SELECT client_id, date, stalled FROM sessions {where} ORDER BY client_id, date, stalled", params
    )
    stats: dict[str, _SessionStats] = {}
    current: _SessionStats | None = None
    current_id = None
    for cid, day, stalled in rows:
        if cid != current_id:
            current_id, current = cid, stats.setdefault(cid, _SessionStats())
        assert current is not None
        current.total += 1
        current.last = day  # rows come in date order
        if since <= day <= today:
            current.recent += 1
        # Within one day a session not marked stalled counts as the latest (it sorts first and
        # the stalled ones of that day are not counted), so a good session always breaks a run.
        if not stalled:
            current.last_ok, current.run = day, 0
        elif current.last_ok is None or day > current.last_ok:
            current.run += 1
    return stats


def caseload_rows(
    vault: Vault,
    *,
    since: date,
    today: date,
    quiet_before: date,
    where: str = "",
    params: Iterable[Any] = (),
    client_id: str | None = None,
) -> list[tuple[CaseloadEntry, int, int]]:
    """(entry without flags, stalled run length, quiet active goals) per client, by alias.

    A goal is quiet when it is active, was agreed on or before ``quiet_before`` and has no
    progress note after that day.
    """
    args = tuple(params)
    clients = vault.query(
        "SELECT c.id, c.alias, c.program_level, c.status, c.started_on FROM clients c"
        + (f" WHERE {where}" if where else "")
        + " ORDER BY c.alias_key",
        args,
    )
    stats = _session_stats(vault, since.isoformat(), today.isoformat(), where, args)
    quiet: dict[str, int] = {}
    one = " AND g.client_id = ?2" if client_id is not None else ""
    for (cid,) in vault.query(
        "SELECT g.client_id FROM goals g WHERE g.status = 'active' AND g.created_on <= ?1 AND NOT EXISTS"
        " (SELECT 1 FROM goal_progress p WHERE p.goal_id = g.id AND p.noted_on > ?1)" + one,
        (quiet_before.isoformat(), client_id) if client_id is not None else (quiet_before.isoformat(),),
    ):
        quiet[cid] = quiet.get(cid, 0) + 1
    empty = _SessionStats()
    result = []
    for cid, alias, level, status, started_on in clients:
        s = stats.get(cid, empty)
        entry = CaseloadEntry(cid, alias, level, status, _day(started_on), _day(s.last), s.recent, s.total)
        result.append((entry, s.run, quiet.get(cid, 0)))
    return result


# -- goals ------------------------------------------------------------------------------------
def _progress(row: Any) -> GoalProgress:
    return GoalProgress(row[0], row[1], date.fromisoformat(row[2]), row[3])


def goals_for_client(vault: Vault, client_id: str) -> list[SharedGoal]:
    return goals_by_client(vault, client_id).get(client_id, [])


def goals_by_client(vault: Vault, client_id: str | None = None) -> dict[str, list[SharedGoal]]:
    """Goals (oldest first, each with its progress notes) per client; of one client if given."""
    where, params = ("WHERE g.client_id = ?", (client_id,)) if client_id is not None else ("", ())
    progress: dict[str, list[GoalProgress]] = {}
    for row in vault.query(
        "SELECT p.id, p.goal_id, p.noted_on, p.note FROM goal_progress p JOIN goals g ON g.id = p.goal_id"
        f" {where} ORDER BY p.noted_on, p.rowid",
        params,
    ):
        progress.setdefault(row[1], []).append(_progress(row))
    goals: dict[str, list[SharedGoal]] = {}
    for g in vault.query(
        f"SELECT g.id, g.client_id, g.text, g.status, g.created_on FROM goals g {where} ORDER BY g.created_on, g.rowid",
        params,
    ):
        goal = SharedGoal(g[0], g[1], g[2], g[3], date.fromisoformat(g[4]), tuple(progress.get(g[0], ())))
        goals.setdefault(goal.client_id, []).append(goal)
    return goals


def get_goal(vault: Vault, goal_id: str) -> SharedGoal | None:
    client_id = vault.scalar("SELECT client_id FROM goals WHERE id = ?", (goal_id,))
    if client_id is None:
        return None
    return next(g for g in goals_for_client(vault, client_id) if g.id == goal_id)


def insert_goal(vault: Vault, goal: SharedGoal, extra: str | None = None) -> None:
    vault.execute(
        "INSERT INTO goals (id, client_id, text, status, created_on, extra) VALUES (?, ?, ?, ?, ?, ?)",
        (goal.id, goal.client_id, goal.text, goal.status, goal.created_on.isoformat(), extra),
    )
    for item in goal.progress:
        insert_progress(vault, item)


def update_goal(vault: Vault, goal: SharedGoal) -> None:
    vault.execute("UPDATE goals SET text = ?, status = ? WHERE id = ?", (goal.text, goal.status, goal.id))


def get_progress(vault: Vault, progress_id: str) -> GoalProgress | None:
    row = vault.execute(
        "SELECT id, goal_id, noted_on, note FROM goal_progress WHERE id = ?", (progress_id,)
    ).fetchone()
    return _progress(row) if row else None


def insert_progress(vault: Vault, item: GoalProgress, extra: str | None = None) -> None:
    vault.execute(
        "INSERT INTO goal_progress (id, goal_id, noted_on, note, extra) VALUES (?, ?, ?, ?, ?)",
        (item.id, item.goal_id, item.noted_on.isoformat(), item.note, extra),
    )


def update_progress(vault: Vault, item: GoalProgress) -> None:
    vault.execute(
        "UPDATE goal_progress SET noted_on = ?, note = ? WHERE id = ?",
        (item.noted_on.isoformat(), item.note, item.id),
    )


# -- sessions -----------------------------------------------------------------------------------
SESSION_COLUMNS = (
    "s.id, s.client_id, c.alias, s.date, s.minutes, s.intensity, s.format, s.alliance, s.congruence,"
    " s.positive_regard, s.empathy, s.resistance, s.stalled, s.note, s.created_at, s.updated_at, s.extra"
)
SESSION_FROM = f"SELECT {SESSION_COLUMNS} FROM sessions s JOIN clients c ON c.id = s.client_id"


def session_from_row(r: Any) -> SessionEntry:
    return SessionEntry(
        r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
        bool(r[12]), r[13], r[14], r[15], r[16],
    )  # fmt: skip


def get_session(vault: Vault, session_id: str) -> SessionEntry | None:
    row = vault.execute(SESSION_FROM + " WHERE s.id = ?", (session_id,)).fetchone()
    return session_from_row(row) if row else None


def query_sessions(
    vault: Vault, where: str, params: Iterable[Any], limit: int | None = None
) -> list[SessionEntry]:
    sql = SESSION_FROM + f" WHERE {where} ORDER BY s.date DESC, s.stalled ASC, s.created_at DESC, s.id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [session_from_row(r) for r in vault.query(sql, tuple(params))]


def upsert_session(vault: Vault, e: SessionEntry) -> None:
    """Insert ``e``, or write every field of it over the session with the same id."""
    vault.execute(
        "INSERT INTO sessions (id, client_id, date, minutes, intensity, format, alliance, congruence,"
        " positive_regard, empathy, resistance, stalled, note, created_at, updated_at, extra)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, date = excluded.date,"
        " minutes = excluded.minutes, intensity = excluded.intensity, format = excluded.format,"
        " alliance = excluded.alliance, congruence = excluded.congruence,"
        " positive_regard = excluded.positive_regard, empathy = excluded.empathy,"
        " resistance = excluded.resistance, stalled = excluded.stalled, note = excluded.note,"
        " created_at = excluded.created_at, updated_at = excluded.updated_at, extra = excluded.extra",
        (
            e.id, e.client_id, e.date.isoformat(), e.minutes, e.intensity, e.format, e.alliance,
            e.congruence, e.positive_regard, e.empathy, e.resistance, int(e.stalled), e.note,
            e.created_at, e.updated_at, e.extra,
        ),
    )  # fmt: skip


def recent_stalled_flags(vault: Vault, client_id: str, limit: int) -> list[tuple[date, bool]]:
    """(date, stalled) of the latest sessions, newest first, in the caseload query's order."""
    rows = vault.query(
        "SELECT date, stalled FROM sessions WHERE client_id = ? ORDER BY date DESC, stalled ASC LIMIT ?",
        (client_id, limit),
    )
    return [(date.fromisoformat(r[0]), bool(r[1])) for r in rows]


# -- preferences ------------------------------------------------------------------------------
def get_preference(vault: Vault, key: str) -> Any:
    """The JSON value stored under ``key`` in the vault's preferences, or None."""
    value = vault.scalar("SELECT value FROM preferences WHERE key = ?", (key,))
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None  # a damaged preference falls back to the default rather than failing


def set_preference(vault: Vault, key: str, value: Any) -> None:
    vault.execute(
        "INSERT INTO preferences (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value)),
    )
