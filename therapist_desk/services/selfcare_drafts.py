"""Unfinished instrument answers, kept inside the vault while it is locked.

A lock (idle, screen lock, Ctrl+L) can come in the middle of a questionnaire. Rather than
throw the answers away, the view hands them to ``AssessmentDrafts`` from its lock hook; they
are stored as JSON in the vault's ``preferences`` table (encrypted like everything else) and
offered again after the next unlock. Nothing is scored or counted until the user submits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidAnswers
from therapist_desk.domain.instruments import bundled_instruments, get_instrument, normalise_answers
from therapist_desk.services.selfcare import read_preference, write_preference
from therapist_desk.storage.vault import Vault

DRAFT_KEY_PREFIX = "selfcare.draft."


@dataclass(frozen=True)
class AssessmentDraft:
    instrument_id: str
    taken_on: date
    answers: Mapping[str, str]  # answered items only, checked against the instrument
    saved_at: datetime


class AssessmentDrafts:
    """At most one unfinished set of answers per instrument."""

    def __init__(self, vault: Vault, clock: Clock) -> None:
        self.vault = vault
        self.clock = clock

    def save(self, instrument_id: str, taken_on: date, answers: Mapping[str, Any]) -> AssessmentDraft | None:
        """Keep ``answers`` for later; no answers removes the draft. Raises ``InvalidAnswers``."""
        instrument = get_instrument(instrument_id)
        normalised = normalise_answers(instrument, answers)
        if not normalised:
            self.discard(instrument_id)
            return None
        draft = AssessmentDraft(instrument.id, taken_on, normalised, self.clock.now())
        with self.vault.transaction():
            write_preference(
                self.vault,
                DRAFT_KEY_PREFIX + instrument.id,
                {
                    "taken_on": taken_on.isoformat(),
                    "answers": normalised,
                    "saved_at": draft.saved_at.isoformat(),
                },
            )
        return draft

    def get(self, instrument_id: str) -> AssessmentDraft | None:
        """The stored draft, or None (also when it no longer fits the instrument)."""
        instrument = bundled_instruments().get(instrument_id)
        raw = read_preference(self.vault, DRAFT_KEY_PREFIX + instrument_id) if instrument else None
        if instrument is None or not isinstance(raw, dict):
            return None
        try:
            answers = normalise_answers(instrument, raw.get("answers"))
            taken_on = date.fromisoformat(str(raw.get("taken_on")))
            saved_at = datetime.fromisoformat(str(raw.get("saved_at")))
        except (InvalidAnswers, ValueError):
            return None
        if not answers:
            return None
        # A draft never carries a future date into the form (the clock may have been wrong).
        return AssessmentDraft(instrument.id, min(taken_on, self.clock.today()), answers, saved_at)

    def discard(self, instrument_id: str) -> None:
        """Forget the draft of an instrument (after it was submitted or cleared)."""
        with self.vault.transaction():
            self.vault.execute("DELETE FROM preferences WHERE key = ?", (DRAFT_KEY_PREFIX + instrument_id,))
