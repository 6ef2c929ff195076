"""The caseload in the therapist's words: clients by alias, program levels, shared goals, sessions.

Pure Python: vocabularies, frozen dataclasses and the checks that keep a value valid. Error
messages name the field and never repeat what the user typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.identifiers import IdentifierFinding

# Most to least intensive (DOMAIN.md §1); a client usually steps down this list.
PROGRAM_LEVELS = ("inpatient", "php", "iop", "outpatient")
PROGRAM_LEVEL_LABELS = {"inpatient": "Inpatient", "php": "PHP", "iop": "IOP", "outpatient": "Outpatient"}
CLIENT_STATUSES = ("active", "waitlist", "discharged", "transferred")
SESSION_FORMATS = ("individual", "group", "family")
RESISTANCE_LEVELS = ("none", "some", "strong")
GOAL_STATUSES = ("active", "achieved", "paused", "dropped")
SELF_RATINGS = ("alliance", "congruence", "positive_regard", "empathy")
HIGH_INTENSITY = 4  # intensity 4 or 5 counts as a high-intensity session

MAX_ALIAS_LENGTH = 60
MAX_GOAL_TEXT = 500
MAX_PROGRESS_NOTE = 2000
MAX_SESSION_NOTE = 2000
MAX_SESSION_MINUTES = 720

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalise_alias(alias: object) -> str:
    """The alias as stored: trimmed, inner runs of spaces collapsed. Raises ``InvalidEntry``."""
    if not isinstance(alias, str):
        raise InvalidEntry("The alias must be text.")
    cleaned = " ".join(alias.split())
    if not cleaned:
        raise InvalidEntry("The alias is empty; give the client a short alias such as a code or a word.")
    if len(cleaned) > MAX_ALIAS_LENGTH:
        raise InvalidEntry(f"The alias is longer than {MAX_ALIAS_LENGTH} characters; choose a shorter one.")
    if _CONTROL.search(cleaned):
        raise InvalidEntry("The alias contains control characters; type it again.")
    return cleaned


def alias_key(alias: str) -> str:
    """The form two aliases are compared in: "River", "river" and "RIVER" are one alias."""
    return unicodedata.normalize("NFKC", " ".join(alias.split())).casefold()


def check_choice(value: object, options: tuple[str, ...], what: str) -> str:
    if value not in options:
        raise InvalidEntry(f"The {what} must be one of: {', '.join(options)}.")
    return str(value)


def check_rating(value: object, what: str, required: bool = False) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidEntry(f"The {what} must be a whole number from 1 to 5.")
    return value


def clean_text(value: object, what: str, max_len: int, required: bool = True) -> str:
    if not isinstance(value, str):
        raise InvalidEntry(f"The {what} must be text.")
    text = value.strip()
    if required and not text:
        raise InvalidEntry(f"The {what} is empty.")
    if len(text) > max_len:
        raise InvalidEntry(f"The {what} is longer than {max_len} characters; shorten it.")
    return text


def check_day(value: object, what: str) -> date:
    if not isinstance(value, date):
        raise InvalidEntry(f"The {what} must be a calendar date.")
    return value


@dataclass(frozen=True)
class ClientRecord:
    id: str
    alias: str = field(repr=False)
    program_level: str
    status: str
    started_on: date | None
    created_at: str

    @property
    def is_active(self) -> bool:
        """Only active clients count in the active load; discharged ones stay in history."""
        return self.status == "active"


class CaseloadFlag:
    STALLED_SESSIONS = "stalled_sessions"
    GOALS_WITHOUT_PROGRESS = "goals_without_progress"


@dataclass(frozen=True)
class CaseloadEntry:
    """One row of the caseload table."""

    client_id: str
    alias: str = field(repr=False)
    program_level: str
    status: str
    started_on: date | None
    last_session: date | None
    sessions_last_30_days: int
    total_sessions: int
    flags: tuple[str, ...] = ()

    @property
    def is_active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class ProgramLevelChange:
    program_level: str
    effective_on: date


@dataclass(frozen=True)
class StatusChange:
    status: str
    effective_on: date


@dataclass(frozen=True)
class GoalProgress:
    id: str
    goal_id: str
    noted_on: date
    note: str = field(repr=False)


@dataclass(frozen=True)
class SharedGoal:
    """A goal agreed with the client, with its dated progress notes (oldest first)."""

    id: str
    client_id: str
    text: str = field(repr=False)
    status: str
    created_on: date
    progress: tuple[GoalProgress, ...] = ()

    @property
    def last_progress_on(self) -> date | None:
        return max((p.noted_on for p in self.progress), default=None)


@dataclass(frozen=True)
class SessionDraft:
    """What the quick-entry form collects; ``validated()`` checks every field."""

    client_id: str
    date: date
    minutes: int
    intensity: int | None  # required when saving; None only mirrors an imported unrated session
    format: str = "individual"
    alliance: int | None = None
    congruence: int | None = None
    positive_regard: int | None = None
    empathy: int | None = None
    resistance: str | None = None
    stalled: bool = False
    note: str = field(default="", repr=False)

    def validated(self) -> SessionDraft:
        check_day(self.date, "session date")
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int):
            raise InvalidEntry("The minutes must be a whole number.")
        if not 1 <= self.minutes <= MAX_SESSION_MINUTES:
            raise InvalidEntry(f"The minutes must be between 1 and {MAX_SESSION_MINUTES}.")
        check_rating(self.intensity, "emotional intensity", required=True)
        check_choice(self.format, SESSION_FORMATS, "session format")
        for name in SELF_RATINGS:
            check_rating(getattr(self, name), name.replace("_", " ") + " rating")
        if self.resistance is not None:
            check_choice(self.resistance, RESISTANCE_LEVELS, "resistance")
        if not isinstance(self.stalled, bool):
            raise InvalidEntry("The progress-stalled flag must be yes or no.")
        note = clean_text(self.note, "session note", MAX_SESSION_NOTE, required=False)
        return replace(self, note=note)


@dataclass(frozen=True)
class SessionEntry:
    """A logged session. Keep it to undo a delete (``restore_session``) or an edit (``draft()``)."""

    id: str
    client_id: str
    alias: str = field(repr=False)
    date: date
    minutes: int
    intensity: int | None
    format: str
    alliance: int | None
    congruence: int | None
    positive_regard: int | None
    empathy: int | None
    resistance: str | None
    stalled: bool
    note: str = field(repr=False)
    created_at: str
    updated_at: str
    extra: str | None = field(default=None, repr=False)  # unknown imported fields, kept for export

    @property
    def is_high_intensity(self) -> bool:
        return self.intensity is not None and self.intensity >= HIGH_INTENSITY

    def draft(self) -> SessionDraft:
        """The entry as a form would hold it, e.g. to put an edit back (undo)."""
        return SessionDraft(
            client_id=self.client_id,
            date=self.date,
            minutes=self.minutes,
            intensity=self.intensity,
            format=self.format,
            alliance=self.alliance,
            congruence=self.congruence,
            positive_regard=self.positive_regard,
            empathy=self.empathy,
            resistance=self.resistance,
            stalled=self.stalled,
            note=self.note,
        )


@dataclass(frozen=True)
class SavedClient:
    """A client after a save, with identifier warnings about its alias (empty when none)."""

    client: ClientRecord
    findings: tuple[IdentifierFinding, ...] = field(default=())


@dataclass(frozen=True)
class SavedGoal:
    """A goal after a save, with identifier warnings about its text (empty when none)."""

    goal: SharedGoal
    findings: tuple[IdentifierFinding, ...] = field(default=())


@dataclass(frozen=True)
class AliasCheck:
    """Live feedback while typing an alias: is it free, and does it look like an identifier?"""

    alias: str = field(repr=False)
    available: bool
    findings: tuple[IdentifierFinding, ...]
    problem: str | None = None  # why the alias cannot be saved as typed (empty, too long...)
