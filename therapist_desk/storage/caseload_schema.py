"""Schema version 2: clients, program-level and status history, shared goals and progress, sessions.

Clients are known only by alias. Sessions (and the journal's notes) point at ``clients.id``,
so renaming an alias is one UPDATE of one row. ``clients.program_level`` and ``clients.status``
hold the current values (the latest dated history entry) so the caseload table needs no join
on history; the dated history tables let trends count the active load of any past week.
"""

from __future__ import annotations

from therapist_desk.storage.migrations import migration
from therapist_desk.storage.vault import Vault

# A day is YYYY-MM-DD text: SQLite's date() functions and plain text order both work on it.
_DAY = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
_LEVELS = "('inpatient', 'php', 'iop', 'outpatient')"
_STATUSES = "('active', 'waitlist', 'discharged', 'transferred')"
_RATING = "BETWEEN 1 AND 5"


@migration(2)
def _create(vault: Vault) -> None:
    vault.execute(
        f"""CREATE TABLE clients (
               id            TEXT PRIMARY KEY,
               alias         TEXT NOT NULL UNIQUE COLLATE NOCASE,
               -- NFKC + casefold of the alias: uniqueness beyond ASCII (NOCASE folds only A-Z)
               alias_key     TEXT NOT NULL UNIQUE,
               program_level TEXT NOT NULL CHECK (program_level IN {_LEVELS}),
               status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN {_STATUSES}),
               started_on    TEXT CHECK (started_on IS NULL OR started_on {_DAY}),
               created_at    TEXT NOT NULL,
               extra         TEXT
           )"""
    )
    vault.execute(
        f"""CREATE TABLE client_level_history (
               id            INTEGER PRIMARY KEY,
               client_id     TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
               program_level TEXT NOT NULL CHECK (program_level IN {_LEVELS}),
               effective_on  TEXT NOT NULL CHECK (effective_on {_DAY}),
               UNIQUE (client_id, effective_on)
           )"""
    )
    vault.execute(
        f"""CREATE TABLE client_status_history (
               id            INTEGER PRIMARY KEY,
               client_id     TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
               status        TEXT NOT NULL CHECK (status IN {_STATUSES}),
               effective_on  TEXT NOT NULL CHECK (effective_on {_DAY}),
               UNIQUE (client_id, effective_on)
           )"""
    )
    vault.execute(
        f"""CREATE TABLE goals (
               id          TEXT PRIMARY KEY,
               client_id   TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
               text        TEXT NOT NULL,
               status      TEXT NOT NULL DEFAULT 'active'
                           CHECK (status IN ('active', 'achieved', 'paused', 'dropped')),
               created_on  TEXT NOT NULL CHECK (created_on {_DAY}),
               extra       TEXT
           )"""
    )
    vault.execute("CREATE INDEX goals_by_client ON goals(client_id, status)")
    vault.execute(
        f"""CREATE TABLE goal_progress (
               id        TEXT PRIMARY KEY,
               goal_id   TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
               noted_on  TEXT NOT NULL CHECK (noted_on {_DAY}),
               note      TEXT NOT NULL,
               extra     TEXT
           )"""
    )
    vault.execute("CREATE INDEX goal_progress_by_goal ON goal_progress(goal_id, noted_on)")
    vault.execute(
        f"""CREATE TABLE sessions (
               id              TEXT PRIMARY KEY,
               client_id       TEXT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
               date            TEXT NOT NULL CHECK (date {_DAY}),
               minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
               format          TEXT NOT NULL DEFAULT 'individual'
                               CHECK (format IN ('individual', 'group', 'family')),
               intensity       INTEGER CHECK (intensity {_RATING}),
               alliance        INTEGER CHECK (alliance {_RATING}),
               congruence      INTEGER CHECK (congruence {_RATING}),
               positive_regard INTEGER CHECK (positive_regard {_RATING}),
               empathy         INTEGER CHECK (empathy {_RATING}),
               resistance      TEXT CHECK (resistance IN ('none', 'some', 'strong')),
               stalled         INTEGER NOT NULL DEFAULT 0 CHECK (stalled IN (0, 1)),
               note            TEXT NOT NULL DEFAULT '',
               created_at      TEXT NOT NULL,
               updated_at      TEXT NOT NULL,
               extra           TEXT
           )"""
    )
    # Caseload rows (last session, sessions in 30 days, the stalled run) read only this index.
    vault.execute("CREATE INDEX sessions_by_client ON sessions(client_id, date, stalled)")
    # Weekly aggregates over a date range read only this index, never the note text.
    vault.execute("CREATE INDEX sessions_by_date ON sessions(date, format, minutes, intensity)")
