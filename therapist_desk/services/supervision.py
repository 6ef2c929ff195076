"""The supervisor's side: receive signed summaries with trust on first use, and keep notes.

Also holds the vault's own signing identity, used when a supervisee signs a summary.

Trust on first use: the first summary filed under a supervisee's name pins that name to the
signing key. A later summary under the same name with another key is refused unless the
supervisor explicitly accepts the change (after checking the new fingerprint with the
supervisee by another channel); the change is then recorded and shown on that summary.
"""

from __future__ import annotations

import enum
import json
import uuid
from dataclasses import dataclass
from typing import Any

from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import SummaryVerificationFailed, UsageError
from therapist_desk.security.summary_signing import (
    VerifiedSummary,
    fingerprint,
    new_signing_key,
    public_key_of,
    verify_summary_bytes,
)
from therapist_desk.storage.vault import Vault


class SignerKeyChanged(SummaryVerificationFailed):
    """A summary under a pinned name was signed with a different key."""


class PinStatus(enum.Enum):
    NEW_SIGNER = "new"  # nobody pinned under this name or key yet: confirm a name
    KNOWN = "known"  # the key matches a pinned supervisee
    KEY_CHANGED = "key_changed"  # the name is pinned to another key: loud warning


@dataclass(frozen=True)
class Inspection:
    verified: VerifiedSummary
    status: PinStatus
    suggested_name: str
    pinned_fingerprint: str | None  # for KEY_CHANGED: the key we knew


@dataclass(frozen=True)
class ReceivedSummary:
    id: str
    signer_name: str
    fingerprint: str
    period_from: str | None
    period_to: str | None
    received_at: str
    key_changed: bool


@dataclass(frozen=True)
class ActionItem:
    text: str
    due_on: str | None = None
    done: bool = False


@dataclass(frozen=True)
class SupervisionNote:
    id: str
    summary_id: str | None
    met_on: str
    duration_minutes: int | None
    format: str
    cases_discussed: str
    risk_ethics: str
    decisions: str
    actions: tuple[ActionItem, ...]
    wellbeing: str
    learning_goals: str
    created_at: str
    updated_at: str


NOTE_FORMATS = ("individual", "group")


def _text(payload: dict[str, Any], *keys: str) -> str | None:
    value: Any = payload
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value if isinstance(value, str) else None


class SupervisionService:
    def __init__(self, vault: Vault, clock: Clock) -> None:
        self._vault = vault
        self._clock = clock

    # -- my own signing identity (supervisee side) ---------------------------------
    def signing_key(self) -> bytes:
        """This vault's Ed25519 private key, created on first use and kept inside the vault."""
        row = self._vault.query("SELECT private_key FROM signing_key WHERE id = 1")
        if row:
            return bytes(row[0][0])
        key = new_signing_key()
        with self._vault.transaction():
            self._vault.execute(
                "INSERT INTO signing_key(id, private_key, created_at) VALUES (1, ?, ?)",
                (key, self._clock.now().isoformat()),
            )
        return key

    def my_fingerprint(self) -> str:
        return fingerprint(public_key_of(self.signing_key()))

    # -- receiving -------------------------------------------------------------------
    def inspect(self, data: bytes) -> Inspection:
        """Verify a summary file and say how its key relates to the pinned supervisees."""
        verified = verify_summary_bytes(data)
        suggested = (_text(verified.payload, "display_name") or "").strip()[:120]
        pinned = self._vault.query(
            "SELECT name FROM pinned_signers WHERE public_key = ?", (verified.public_key.hex(),)
        )
        if pinned:
            return Inspection(verified, PinStatus.KNOWN, pinned[0][0], verified.fingerprint)
        same_name = self._pin_for(suggested) if suggested else None
        if same_name is not None:
            return Inspection(verified, PinStatus.KEY_CHANGED, suggested, same_name[1])
        return Inspection(verified, PinStatus.NEW_SIGNER, suggested, None)

    def pinned_fingerprint(self, name: str) -> str | None:
        """The fingerprint pinned under ``name`` (any case), or None."""
        pin = self._pin_for(name.strip())
        return pin[1] if pin else None

    def _pin_for(self, name: str) -> tuple[str, str] | None:
        rows = self._vault.query("SELECT public_key, fingerprint FROM pinned_signers WHERE name = ?", (name,))
        return (rows[0][0], rows[0][1]) if rows else None

    def file_summary(self, data: bytes, signer_name: str, accept_key_change: bool = False) -> ReceivedSummary:
        """Verify again, apply trust on first use under ``signer_name``, and store the file."""
        name = signer_name.strip()
        if not name:
            raise UsageError("Give the supervisee a name to file this summary under.")
        verified = verify_summary_bytes(data)
        key_hex = verified.public_key.hex()
        now = self._clock.now().isoformat()
        key_changed = False
        with self._vault.transaction():
            pin = self._pin_for(name)
            if pin is None:
                owner = self._vault.scalar("SELECT name FROM pinned_signers WHERE public_key = ?", (key_hex,))
                if owner is not None and owner.casefold() != name.casefold():
                    raise UsageError(
                        f"This signing key is already pinned to {owner}; file the summary under that name."
                    )
                self._vault.execute(
                    "INSERT INTO pinned_signers(name, public_key, fingerprint, pinned_at) VALUES (?, ?, ?, ?)",
                    (name, key_hex, verified.fingerprint, now),
                )
            elif pin[0] != key_hex:
                if not accept_key_change:
                    raise SignerKeyChanged(
                        f"This summary says it is from {name}, but it was signed with a different key "
                        f"(fingerprint {verified.fingerprint}; expected {pin[1]}). It was not filed. "
                        "Check the new fingerprint with the supervisee in person or by phone."
                    )
                replaced = json.loads(
                    self._vault.scalar("SELECT replaced FROM pinned_signers WHERE name = ?", (name,))
                )
                replaced.append({"fingerprint": pin[1], "public_key": pin[0], "replaced_at": now})
                self._vault.execute(
                    "UPDATE pinned_signers SET public_key = ?, fingerprint = ?, replaced = ? WHERE name = ?",
                    (key_hex, verified.fingerprint, json.dumps(replaced), name),
                )
                key_changed = True
            summary = ReceivedSummary(
                id=str(uuid.uuid4()),
                signer_name=name,
                fingerprint=verified.fingerprint,
                period_from=_text(verified.payload, "period", "from"),
                period_to=_text(verified.payload, "period", "to"),
                received_at=now,
                key_changed=key_changed,
            )
            self._vault.execute(
                "INSERT INTO received_summaries(id, signer_name, fingerprint, period_from, period_to,"
                " received_at, key_changed, file_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    summary.id,
                    name,
                    summary.fingerprint,
                    summary.period_from,
                    summary.period_to,
                    now,
                    int(key_changed),
                    data,
                ),
            )
        return summary

    def received(self) -> list[ReceivedSummary]:
        """Filed summaries by supervisee, then newest period first."""
        rows = self._vault.query(
            "SELECT id, signer_name, fingerprint, period_from, period_to, received_at, key_changed"
            " FROM received_summaries ORDER BY signer_name COLLATE NOCASE, period_from DESC, received_at DESC"
        )
        return [ReceivedSummary(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in rows]

    def open_received(self, summary_id: str) -> VerifiedSummary:
        """The stored file, verified again (the vault is trusted, but we never skip the check)."""
        data = self._vault.scalar("SELECT file_bytes FROM received_summaries WHERE id = ?", (summary_id,))
        if data is None:
            raise UsageError("That summary is no longer in the vault.")
        return verify_summary_bytes(bytes(data))

    def delete_received(self, summary_id: str) -> None:
        with self._vault.transaction():
            self._vault.execute("DELETE FROM received_summaries WHERE id = ?", (summary_id,))

    # -- the supervisor's own notes ---------------------------------------------------
    def save_note(
        self,
        *,
        met_on: str,
        summary_id: str | None = None,
        note_id: str | None = None,
        duration_minutes: int | None = None,
        format: str = "individual",
        cases_discussed: str = "",
        risk_ethics: str = "",
        decisions: str = "",
        actions: tuple[ActionItem, ...] = (),
        wellbeing: str = "",
        learning_goals: str = "",
    ) -> SupervisionNote:
        """Create or update a supervision record (date, duration, decisions, actions with dates...)."""
        if format not in NOTE_FORMATS:
            raise UsageError("A supervision session is individual or group.")
        if duration_minutes is not None and not 0 < duration_minutes <= 24 * 60:
            raise UsageError("The duration must be between 1 minute and 24 hours.")
        now = self._clock.now().isoformat()
        actions_json = json.dumps([a.__dict__ for a in actions], ensure_ascii=False)
        fields = (
            summary_id,
            met_on,
            duration_minutes,
            format,
            cases_discussed,
            risk_ethics,
            decisions,
            actions_json,
            wellbeing,
            learning_goals,
        )
        with self._vault.transaction():
            if note_id is None:
                note_id = str(uuid.uuid4())
                self._vault.execute(
                    "INSERT INTO supervision_notes(summary_id, met_on, duration_minutes, format,"
                    " cases_discussed, risk_ethics, decisions, actions, wellbeing, learning_goals,"
                    " id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*fields, note_id, now, now),
                )
            else:
                self._vault.execute(
                    "UPDATE supervision_notes SET summary_id = ?, met_on = ?, duration_minutes = ?, format = ?,"
                    " cases_discussed = ?, risk_ethics = ?, decisions = ?, actions = ?, wellbeing = ?,"
                    " learning_goals = ?, updated_at = ? WHERE id = ?",
                    (*fields, now, note_id),
                )
        return self.notes(summary_id=summary_id, note_id=note_id)[0]

    def notes(self, summary_id: str | None = None, note_id: str | None = None) -> list[SupervisionNote]:
        sql = (
            "SELECT id, summary_id, met_on, duration_minutes, format, cases_discussed, risk_ethics, decisions,"
            " actions, wellbeing, learning_goals, created_at, updated_at FROM supervision_notes"
        )
        if note_id is not None:
            rows = self._vault.query(sql + " WHERE id = ?", (note_id,))
        elif summary_id is not None:
            rows = self._vault.query(sql + " WHERE summary_id = ? ORDER BY met_on DESC", (summary_id,))
        else:
            rows = self._vault.query(sql + " ORDER BY met_on DESC")
        return [
            SupervisionNote(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                tuple(ActionItem(**a) for a in json.loads(r[8])),
                r[9],
                r[10],
                r[11],
                r[12],
            )
            for r in rows
        ]

    def delete_note(self, note_id: str) -> None:
        with self._vault.transaction():
            self._vault.execute("DELETE FROM supervision_notes WHERE id = ?", (note_id,))
