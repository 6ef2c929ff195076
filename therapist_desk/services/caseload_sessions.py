"""The session log: quick entry, edit, delete with undo, and the lists the views show.

Undo works on whole entries: ``delete_session`` and ``update_session`` hand back what was there,
and ``restore_session(entry)`` puts exactly that back (same id, same times, same kept fields).
Deleting is a real delete (``secure_delete`` is on), not a hidden flag: a deleted private note
does not linger in the vault once the user has moved past undo.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from therapist_desk.domain.caseload import SessionDraft, SessionEntry
from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import RecordNotFound
from therapist_desk.storage import caseload_repo as repo
from therapist_desk.storage.vault import Vault


class SessionLog:
    """Mixed into ``CaseloadService``; needs ``self.vault`` and ``self.clock``."""

    vault: Vault
    clock: Clock

    def log_session(self, draft: SessionDraft) -> SessionEntry:
        """Log a session for a client. Every field is checked; nothing is saved on a bad value."""
        draft = draft.validated()
        now = self.clock.now().isoformat()
        with self.vault.transaction():
            entry = self._entry(str(uuid.uuid4()), draft, created_at=now, updated_at=now, extra=None)
            repo.upsert_session(self.vault, entry)
        return self.session(entry.id)

    def update_session(self, session_id: str, draft: SessionDraft) -> SessionEntry:
        """Replace a session's fields (the client may change too); returns the saved entry.
        Keep the entry shown before the edit to undo it with ``restore_session``."""
        draft = draft.validated()
        with self.vault.transaction():
            old = self.session(session_id)
            entry = self._entry(
                session_id,
                draft,
                created_at=old.created_at,
                updated_at=self.clock.now().isoformat(),
                extra=old.extra,
            )
            repo.upsert_session(self.vault, entry)
        return self.session(session_id)

    def delete_session(self, session_id: str) -> SessionEntry:
        """Delete a session; returns the entry so that undo can ``restore_session`` it."""
        with self.vault.transaction():
            entry = self.session(session_id)
            self.vault.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return entry

    def restore_session(self, entry: SessionEntry) -> SessionEntry:
        """Undo a delete or an edit: write ``entry`` back exactly as it was."""
        with self.vault.transaction():
            if repo.get_client(self.vault, entry.client_id) is None:
                raise RecordNotFound("The client of this session no longer exists, so it cannot be restored.")
            repo.upsert_session(self.vault, entry)
        return self.session(entry.id)

    def session(self, session_id: str) -> SessionEntry:
        entry = repo.get_session(self.vault, session_id)
        if entry is None:
            raise RecordNotFound("That session no longer exists.")
        return entry

    def sessions_for_client(self, client_id: str, limit: int | None = None) -> list[SessionEntry]:
        """A client's sessions, newest first."""
        return repo.query_sessions(self.vault, "s.client_id = ?", (client_id,), limit)

    def sessions_between(self, first: date, last: date, client_id: str | None = None) -> list[SessionEntry]:
        """Sessions dated ``first`` to ``last`` inclusive, newest first (e.g. one week of the log)."""
        where, params = "s.date BETWEEN ? AND ?", [first.isoformat(), last.isoformat()]
        if client_id is not None:
            where += " AND s.client_id = ?"
            params.append(client_id)
        return repo.query_sessions(self.vault, where, params)

    def recent_sessions(self, limit: int = 50) -> list[SessionEntry]:
        """The latest sessions across all clients, newest first (the session log's start view)."""
        return repo.query_sessions(self.vault, "1 = 1", (), limit)

    def _entry(
        self, session_id: str, draft: SessionDraft, *, created_at: str, updated_at: str, extra: str | None
    ) -> SessionEntry:
        client = repo.get_client(self.vault, draft.client_id)
        if client is None:
            raise RecordNotFound("That client no longer exists; choose another client for the session.")
        entry = SessionEntry(
            id=session_id,
            client_id=client.id,
            alias=client.alias,
            date=draft.date,
            minutes=draft.minutes,
            intensity=draft.intensity,
            format=draft.format,
            alliance=draft.alliance,
            congruence=draft.congruence,
            positive_regard=draft.positive_regard,
            empathy=draft.empathy,
            resistance=draft.resistance,
            stalled=draft.stalled,
            note=draft.note,
            created_at=created_at,
            updated_at=updated_at,
        )
        return replace(entry, extra=extra)
