"""The reflection journal: notes, autosave, trash, tags, search and the counts Trends needs.

Designed for a view that autosaves while the user types: ``save(note_id, draft)`` takes the
editor's whole state, compares it with what is stored and writes only the differences, in one
transaction; an unchanged draft costs one read and writes nothing. Deleting moves a note to the
trash; ``purge_expired()`` (run it after unlock) removes notes trashed more than 30 days ago.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidEntry, RecordNotFound
from therapist_desk.domain.journal import (
    BiasReflection,
    GibbsReflection,
    NoteDraft,
    NoteSummary,
    ReflectionNote,
    SaveResult,
    SearchHit,
    TagCount,
    TrashedNote,
    check_draft,
    word_count,
)
from therapist_desk.domain.prompts import PromptLibrary, load_prompt_library
from therapist_desk.services import journal_trends as trends
from therapist_desk.services.journal_search import NoteFilter, list_summaries, search_notes
from therapist_desk.services.journal_trends import DimensionCoverage, MonthlyCount, MonthlyTotal
from therapist_desk.storage.journal_repository import (
    SUMMARY_COLUMNS,
    insert_note,
    read_note,
    row_to_summary,
    stamp,
    write_changes,
)
from therapist_desk.storage.vault import IntegrityError, Vault

__all__ = [
    "BiasReflection",
    "DimensionCoverage",
    "GibbsReflection",
    "JournalService",
    "MonthlyCount",
    "MonthlyTotal",
    "NoteDraft",
    "NoteFilter",
    "NoteSummary",
    "ReflectionNote",
    "SaveResult",
    "SearchHit",
    "TagCount",
    "TrashedNote",
    "word_count",
]

TRASH_DAYS = 30
COVERAGE_DAYS = 90


class JournalService:
    """Use cases of the Journal section. Every method returns frozen dataclasses."""

    def __init__(self, vault: Vault, clock: Clock, prompts: PromptLibrary | None = None) -> None:
        self._vault = vault
        self._clock = clock
        self.prompts = prompts or load_prompt_library()

    def _now(self) -> datetime:
        now = self._clock.now()
        return now if now.tzinfo is not None else now.astimezone()

    # -- reading -----------------------------------------------------------------------
    def list_notes(
        self,
        *,
        tag: str | None = None,
        theme: str | None = None,
        client_id: str | None = None,
        kind: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[NoteSummary]:
        """Notes outside the trash, newest first, with title, times, tags and first line."""
        note_filter = NoteFilter(tag, theme, client_id, kind, date_from, date_to)
        return list_summaries(self._vault, note_filter, limit, offset)

    def count_notes(self) -> int:
        """How many notes are outside the trash."""
        return int(self._vault.scalar("SELECT count(*) FROM notes WHERE deleted_at IS NULL"))

    def get(self, note_id: str) -> ReflectionNote:
        """The whole note (also when it is in the trash); RecordNotFound when it is gone."""
        note = read_note(self._vault, note_id)
        if note is None:
            raise RecordNotFound("This reflection no longer exists; it may have been purged from the trash.")
        return note

    # -- writing -----------------------------------------------------------------------
    def create(self, draft: NoteDraft | None = None) -> ReflectionNote:
        """Save a new note (an empty one when no draft is given) and return it."""
        clean = check_draft(draft or NoteDraft())
        note_id = str(uuid.uuid4())
        now = self._now()
        with _client_link_errors(), self._vault.transaction():
            insert_note(self._vault, note_id, clean, now, now)
        return self.get(note_id)

    def draft_from_prompt(self, prompt_id: str, kind: str | None = None) -> NoteDraft:
        """A new note's draft for a prompt: its themes, and for a bias prompt a structured bias
        reflection already ticked with the prompt's assumption types and dimensions."""
        prompt = self.prompts.get(prompt_id)
        if prompt is None:
            raise InvalidEntry("That prompt is not in the prompt library.")
        kind = kind or ("bias" if prompt.is_bias_prompt else "free")
        bias = gibbs = None
        if kind == "bias":
            bias = BiasReflection(assumption_types=prompt.assumption_types, dimensions=prompt.dimensions)
        elif kind == "gibbs":
            gibbs = GibbsReflection()
        themes = prompt.themes if kind != "bias" else tuple(dict.fromkeys((*prompt.themes, "bias")))
        return NoteDraft(prompt_id=prompt.id, kind=kind, themes=themes, gibbs=gibbs, bias=bias)

    def save(self, note_id: str, draft: NoteDraft) -> SaveResult:
        """Autosave: store ``draft`` as the note's content. Idempotent and cheap: nothing is
        written (and ``updated_at`` stays) when the draft equals what is stored; otherwise only
        the changed parts are written, in one transaction. Works for notes in the trash too, so
        an editor left open never loses text."""
        clean = check_draft(draft)
        old = self.get(note_id)
        if old.draft == clean:
            return SaveResult(old, changed=False)
        now = self._now()
        with _client_link_errors(), self._vault.transaction():
            write_changes(self._vault, old, clean, now)
        fields = {f.name: getattr(clean, f.name) for f in dataclasses.fields(NoteDraft)}
        note = dataclasses.replace(old, **fields, updated_at=datetime.fromisoformat(stamp(now)))
        return SaveResult(note, changed=True)

    def update(self, note_id: str, **changes: Any) -> SaveResult:
        """``save`` with only the named fields changed, e.g. ``update(id, tags=("grief",))``."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(NoteDraft)}
        if unknown:
            raise InvalidEntry(f"A note has no field called {sorted(unknown)[0]!r}.")
        return self.save(note_id, dataclasses.replace(self.get(note_id).draft, **changes))

    def discard_if_empty(self, note_id: str) -> bool:
        """Remove a note for good if nothing was ever written in it (for a "New" the user left)."""
        note = read_note(self._vault, note_id)
        if note is None or not note.draft.is_empty():
            return False
        with self._vault.transaction(), _index_secure_delete(self._vault):
            self._vault.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        return True

    # -- trash -------------------------------------------------------------------------
    def delete(self, note_id: str) -> None:
        """Move a note to the trash (it can be restored for 30 days). Repeating it is harmless."""
        self.get(note_id)
        with self._vault.transaction(), _index_secure_delete(self._vault):
            self._vault.execute(
                "UPDATE notes SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (stamp(self._now().astimezone(UTC)), note_id),
            )

    def restore(self, note_id: str) -> ReflectionNote:
        """Take a note out of the trash, unchanged."""
        self.get(note_id)
        with self._vault.transaction():
            self._vault.execute("UPDATE notes SET deleted_at = NULL WHERE id = ?", (note_id,))
        return self.get(note_id)

    def list_trash(self) -> list[TrashedNote]:
        """Notes in the trash, most recently deleted first, with the time each will be purged."""
        rows = self._vault.query(
            f"SELECT {SUMMARY_COLUMNS} FROM notes n WHERE n.deleted_at IS NOT NULL "
            "ORDER BY n.deleted_at DESC, n.seq DESC"
        )
        result = []
        for row in rows:
            summary = row_to_summary(row)
            assert summary.deleted_at is not None
            purge_after = summary.deleted_at + timedelta(days=TRASH_DAYS)
            result.append(TrashedNote(summary, summary.deleted_at, purge_after))
        return result

    def purge(self, note_id: str) -> None:
        """Delete a note in the trash for good (a note outside the trash is refused)."""
        deleted_at = self._vault.scalar("SELECT deleted_at FROM notes WHERE id = ?", (note_id,))
        if deleted_at is None:
            raise InvalidEntry("Only a reflection in the trash can be deleted for good.")
        with self._vault.transaction():
            self._vault.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    def purge_expired(self) -> int:
        """Delete for good the notes trashed more than 30 days ago; returns how many."""
        cutoff = stamp((self._now() - timedelta(days=TRASH_DAYS)).astimezone(UTC))
        with self._vault.transaction():
            cursor = self._vault.execute(
                "DELETE FROM notes WHERE deleted_at IS NOT NULL AND deleted_at <= ?", (cutoff,)
            )
        return int(cursor.rowcount)

    def empty_trash(self) -> int:
        """Delete every note in the trash for good; returns how many."""
        with self._vault.transaction():
            cursor = self._vault.execute("DELETE FROM notes WHERE deleted_at IS NOT NULL")
        return int(cursor.rowcount)

    # -- tags and search -----------------------------------------------------------------
    def tags(self, prefix: str = "") -> list[TagCount]:
        """Tags in use outside the trash, most used first, for completion (prefix: any case)."""
        rows = self._vault.query(
            # INDEXED BY: the planner, without statistics, would read every note's row instead.
            "SELECT min(t.tag), count(*) FROM note_tags t "
            "JOIN notes n INDEXED BY notes_live_by_id ON n.id = t.note_id "
            "WHERE n.deleted_at IS NULL GROUP BY t.tag ORDER BY count(*) DESC, min(t.tag)"
        )
        wanted = " ".join(prefix.split()).lstrip("#").casefold()
        return [TagCount(tag, count) for tag, count in rows if tag.casefold().startswith(wanted)]

    def search(
        self,
        query: str,
        *,
        tag: str | None = None,
        theme: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        client_id: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        prefix_last: bool = True,
    ) -> list[SearchHit]:
        """Notes matching every term of ``query``, best first (bm25; title counts most).

        Never raises on what was typed: quotes and operators are plain text. An empty query
        (or one with nothing searchable, like only emoji) gives the normal newest-first list.
        ``prefix_last`` matches the last word as a prefix while the user is still typing it.
        """
        note_filter = NoteFilter(tag, theme, client_id, kind, date_from, date_to)
        return search_notes(self._vault, query, note_filter, limit, prefix_last)

    # -- counts for Trends and indicators --------------------------------------------
    def reflections_per_month(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[MonthlyTotal]:
        """Reflections per local month (oldest first; empty months omitted)."""
        return trends.reflections_per_month(self._vault, date_from, date_to)

    def reflections_per_month_by_theme(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[MonthlyCount]:
        """Reflections per month and theme."""
        return trends.per_month_by_theme(self._vault, date_from, date_to)

    def reflections_per_month_by_dimension(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[MonthlyCount]:
        """Bias reflections per month and ADDRESSING dimension."""
        return trends.per_month_by_dimension(self._vault, date_from, date_to)

    def reflections_per_month_by_assumption_type(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[MonthlyCount]:
        """Bias reflections per month and assumption type."""
        return trends.per_month_by_assumption_type(self._vault, date_from, date_to)

    def dimension_coverage(self, days: int = COVERAGE_DAYS) -> list[DimensionCoverage]:
        """Every ADDRESSING dimension with its bias reflections in the last ``days`` days."""
        return trends.dimension_coverage(self._vault, self._now(), days)

    def dimensions_not_reflected_on(self, days: int = COVERAGE_DAYS) -> tuple[str, ...]:
        """ADDRESSING dimensions with no bias reflection in the last ``days`` days."""
        return tuple(c.dimension for c in self.dimension_coverage(days) if c.reflections_in_window == 0)


@contextlib.contextmanager
def _client_link_errors() -> Iterator[None]:
    """Turn a refused client link (foreign key) into a calm InvalidEntry; nothing was saved."""
    try:
        yield
    except IntegrityError:
        raise InvalidEntry(
            "The linked client is not in the caseload (it may have been removed); nothing was saved."
        ) from None


@contextlib.contextmanager
def _index_secure_delete(vault: Vault) -> Iterator[None]:
    """While a note leaves the index (trash, discard), make FTS5 remove its words from the index
    pages rather than only mark them deleted. Left off otherwise: it slowed every autosave."""
    vault.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('secure-delete', 1)")
    try:
        yield
    finally:
        vault.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('secure-delete', 0)")
