"""Schema version 5: the vault's signing key, pinned supervisee keys, received summaries,
and the supervisor's own supervision notes."""

from __future__ import annotations

from therapist_desk.storage.migrations import migration
from therapist_desk.storage.vault import Vault


@migration(5)
def _create(vault: Vault) -> None:
    vault.execute(
        """CREATE TABLE signing_key (
               id          INTEGER PRIMARY KEY CHECK (id = 1),
               private_key BLOB NOT NULL,
               created_at  TEXT NOT NULL
           )"""
    )
    vault.execute(
        """CREATE TABLE pinned_signers (
               name        TEXT PRIMARY KEY COLLATE NOCASE,
               public_key  TEXT NOT NULL,
               fingerprint TEXT NOT NULL,
               pinned_at   TEXT NOT NULL,
               replaced    TEXT NOT NULL DEFAULT '[]'  -- earlier keys, JSON list, after an accepted change
           )"""
    )
    vault.execute(
        """CREATE TABLE received_summaries (
               id            TEXT PRIMARY KEY,
               signer_name   TEXT NOT NULL COLLATE NOCASE,
               fingerprint   TEXT NOT NULL,
               period_from   TEXT,
               period_to     TEXT,
               received_at   TEXT NOT NULL,
               key_changed   INTEGER NOT NULL DEFAULT 0,
               file_bytes    BLOB NOT NULL
           )"""
    )
    vault.execute("CREATE INDEX received_by_signer ON received_summaries(signer_name, period_from)")
    vault.execute(
        """CREATE TABLE supervision_notes (
               id               TEXT PRIMARY KEY,
               summary_id       TEXT REFERENCES received_summaries(id) ON DELETE CASCADE,
               met_on           TEXT NOT NULL,
               duration_minutes INTEGER,
               format           TEXT NOT NULL DEFAULT 'individual',
               cases_discussed  TEXT NOT NULL DEFAULT '',
               risk_ethics      TEXT NOT NULL DEFAULT '',
               decisions        TEXT NOT NULL DEFAULT '',
               actions          TEXT NOT NULL DEFAULT '[]',
               wellbeing        TEXT NOT NULL DEFAULT '',
               learning_goals   TEXT NOT NULL DEFAULT '',
               created_at       TEXT NOT NULL,
               updated_at       TEXT NOT NULL
           )"""
    )
    vault.execute("CREATE INDEX supervision_notes_by_summary ON supervision_notes(summary_id)")
