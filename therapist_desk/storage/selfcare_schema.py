"""Schema version 4: daily check-ins, time off, instrument assessments.

Indicator settings and the check-in reminder live in the core ``preferences`` table as JSON
(keys in services/selfcare.py), so they need no table of their own.
"""

from __future__ import annotations

from therapist_desk.storage.migrations import migration
from therapist_desk.storage.vault import Vault

# A day is stored as YYYY-MM-DD text so that SQLite's date() functions and plain text order
# both work; the CHECK keeps anything else out.
_DAY = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"


@migration(4)
def _create(vault: Vault) -> None:
    vault.execute(
        f"""CREATE TABLE self_care_checkins (
               id                TEXT PRIMARY KEY,
               day               TEXT NOT NULL UNIQUE CHECK (day {_DAY}),
               energy            INTEGER CHECK (energy BETWEEN 0 AND 10),
               mood              INTEGER CHECK (mood BETWEEN 0 AND 10),
               exhaustion        INTEGER CHECK (exhaustion BETWEEN 0 AND 10),
               sleep_hours       REAL    CHECK (sleep_hours BETWEEN 0 AND 24),
               exercise_minutes  INTEGER CHECK (exercise_minutes BETWEEN 0 AND 1440),
               self_care_minutes INTEGER CHECK (self_care_minutes BETWEEN 0 AND 1440),
               peer_support      INTEGER CHECK (peer_support IN (0, 1)),
               supervision       INTEGER CHECK (supervision IN (0, 1)),
               breaks            INTEGER CHECK (breaks BETWEEN 0 AND 50),
               boundaries_kept   INTEGER CHECK (boundaries_kept IN (0, 1)),
               note              TEXT NOT NULL DEFAULT '',
               extra             TEXT,
               created_at        TEXT NOT NULL,
               updated_at        TEXT NOT NULL
           )"""
    )
    vault.execute(
        f"""CREATE TABLE time_off (
               id          TEXT PRIMARY KEY,
               kind        TEXT NOT NULL CHECK (kind IN ('day_off', 'vacation')),
               status      TEXT NOT NULL CHECK (status IN ('planned', 'taken', 'cancelled')),
               start_on    TEXT NOT NULL CHECK (start_on {_DAY}),
               end_on      TEXT NOT NULL CHECK (end_on {_DAY} AND end_on >= start_on),
               note        TEXT NOT NULL DEFAULT '',
               extra       TEXT,
               created_at  TEXT NOT NULL,
               updated_at  TEXT NOT NULL
           )"""
    )
    vault.execute("CREATE INDEX time_off_by_start ON time_off (start_on, end_on)")
    vault.execute(
        f"""CREATE TABLE assessments (
               id          TEXT PRIMARY KEY,
               instrument  TEXT NOT NULL,
               taken_on    TEXT NOT NULL CHECK (taken_on {_DAY}),
               answers     TEXT NOT NULL CHECK (json_valid(answers)),
               scores      TEXT NOT NULL CHECK (json_valid(scores)),
               extra       TEXT,
               created_at  TEXT NOT NULL
           )"""
    )
    vault.execute("CREATE INDEX assessments_by_instrument ON assessments (instrument, taken_on, created_at)")
