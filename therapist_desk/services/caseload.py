"""The pseudonymous caseload: clients by alias, program levels, shared goals, stalled progress.

The session log (services/caseload_sessions.py) and the load figures (services/caseload_load.py)
are separate modules; ``CaseloadService`` brings them together for the views. Every write runs
in one transaction. Identifier warnings come back with the saved record: the user decides.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from therapist_desk.domain.caseload import (
    CLIENT_STATUSES,
    MAX_ALIAS_LENGTH,
    PROGRAM_LEVELS,
    AliasCheck,
    CaseloadEntry,
    CaseloadFlag,
    ClientRecord,
    ProgramLevelChange,
    SavedClient,
    SessionEntry,
    SharedGoal,
    StatusChange,
    alias_key,
    check_choice,
    check_day,
    normalise_alias,
)
from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import AliasInUse, InvalidEntry, RecordNotFound
from therapist_desk.domain.identifiers import IdentifierFinding, detect_identifiers
from therapist_desk.domain.stalled_progress import (
    StalledProgressAlert,
    StalledProgressRule,
    evaluate_stalled_progress,
)
from therapist_desk.services.caseload_goals import SharedGoals
from therapist_desk.services.caseload_load import CaseloadLoad
from therapist_desk.services.caseload_sessions import SessionLog
from therapist_desk.storage import caseload_repo as repo
from therapist_desk.storage.vault import IntegrityError, Vault

RECENT_DAYS = 30
PREF_STALLED_SESSIONS = "caseload.stalled_sessions"
PREF_GOAL_QUIET_WEEKS = "caseload.goal_quiet_weeks"
_ALIAS_TAKEN = "Another client already has this alias (aliases are compared without regard to case)."


@dataclass(frozen=True)
class ClientPage:
    """Everything the client page shows except the journal's linked reflections."""

    client: CaseloadEntry
    level_history: tuple[ProgramLevelChange, ...]
    status_history: tuple[StatusChange, ...]
    goals: tuple[SharedGoal, ...]
    sessions: tuple[SessionEntry, ...]  # newest first
    stalled_alert: StalledProgressAlert | None
    alias_findings: tuple[IdentifierFinding, ...] = field(default=())


class CaseloadService(SessionLog, SharedGoals, CaseloadLoad):
    """Use cases of the Caseload section, the client page and the session log."""

    def __init__(self, vault: Vault, clock: Clock) -> None:
        self.vault = vault
        self.clock = clock

    # -- identifier warnings ---------------------------------------------------------------
    def check_text(self, text: str) -> tuple[IdentifierFinding, ...]:
        """Identifier warnings for any text that may be shared (alias, goal, summary line)."""
        return tuple(detect_identifiers(text, today=self.clock.today()))

    def check_alias(self, alias: str, exclude_client_id: str | None = None) -> AliasCheck:
        """Live feedback while typing (never raises): is the alias usable and free, and does it
        look like an identifier? ``exclude_client_id`` is the client being renamed."""
        try:
            cleaned = normalise_alias(alias)
        except InvalidEntry as exc:
            return AliasCheck(str(alias)[:MAX_ALIAS_LENGTH], False, (), exc.message)
        owner = repo.client_id_for_key(self.vault, alias_key(cleaned))
        available = owner is None or owner == exclude_client_id
        return AliasCheck(cleaned, available, self.check_text(cleaned), None if available else _ALIAS_TAKEN)

    # -- clients ---------------------------------------------------------------------------
    def add_client(
        self,
        alias: str,
        program_level: str,
        *,
        status: str = "active",
        started_on: date | None = None,
    ) -> SavedClient:
        """Add a client; the level and status history start on ``started_on`` (default today)."""
        cleaned = normalise_alias(alias)
        check_choice(program_level, PROGRAM_LEVELS, "program level")
        check_choice(status, CLIENT_STATUSES, "status")
        started = check_day(started_on, "start date") if started_on is not None else self.clock.today()
        record = ClientRecord(
            str(uuid.uuid4()), cleaned, program_level, status, started, self.clock.now().isoformat()
        )
        with self.vault.transaction():
            self._ensure_alias_free(cleaned, None)
            try:
                repo.insert_client(self.vault, record, alias_key(cleaned))
            except IntegrityError:
                raise AliasInUse(_ALIAS_TAKEN) from None
            repo.put_history(self.vault, "level", record.id, program_level, started)
            repo.put_history(self.vault, "status", record.id, status, started)
        return SavedClient(record, self.check_text(cleaned))

    def rename_client(self, client_id: str, new_alias: str) -> SavedClient:
        """Give a client a new alias. Sessions and notes link by id, so every link follows at once."""
        cleaned = normalise_alias(new_alias)
        with self.vault.transaction():
            self._client(client_id)
            self._ensure_alias_free(cleaned, client_id)
            try:
                repo.set_alias(self.vault, client_id, cleaned, alias_key(cleaned))
            except IntegrityError:
                raise AliasInUse(_ALIAS_TAKEN) from None
            record = self._client(client_id)
        return SavedClient(record, self.check_text(cleaned))

    def update_client(
        self, client_id: str, *, alias: str | None = None, started_on: date | None = None
    ) -> SavedClient:
        """Change the alias and/or the start date (None leaves a value as it is)."""
        with self.vault.transaction():
            self._client(client_id)
            if started_on is not None:
                repo.set_started_on(self.vault, client_id, check_day(started_on, "start date"))
            if alias is not None:
                return self.rename_client(client_id, alias)
            record = self._client(client_id)
        return SavedClient(record, self.check_text(record.alias))

    def change_program_level(
        self, client_id: str, program_level: str, effective_on: date | None = None
    ) -> ClientRecord:
        """Record a step up or down from ``effective_on`` (default today), keeping the history."""
        check_choice(program_level, PROGRAM_LEVELS, "program level")
        return self._put_history("level", client_id, program_level, effective_on)

    def set_status(self, client_id: str, status: str, effective_on: date | None = None) -> ClientRecord:
        """Record a status from ``effective_on`` (default today). Discharged clients leave the
        active load from that day on but stay in the caseload and in every past figure."""
        check_choice(status, CLIENT_STATUSES, "status")
        return self._put_history("status", client_id, status, effective_on)

    def remove_program_level_change(self, client_id: str, effective_on: date) -> ClientRecord:
        """Delete a mistaken entry of the level history (the only remaining one stays)."""
        return self._remove_history("level", client_id, effective_on)

    def remove_status_change(self, client_id: str, effective_on: date) -> ClientRecord:
        """Delete a mistaken entry of the status history (the only remaining one stays)."""
        return self._remove_history("status", client_id, effective_on)

    def delete_client(self, client_id: str) -> None:
        """Delete a client added by mistake, with its history and goals. Refused while sessions
        or journal reflections are linked: discharge the client instead, or move those first."""
        with self.vault.transaction():
            self._client(client_id)
            if self.vault.scalar("SELECT 1 FROM sessions WHERE client_id = ? LIMIT 1", (client_id,)):
                raise InvalidEntry("This client has logged sessions; set the status to discharged instead.")
            # The journal's notes would silently lose the link (ON DELETE SET NULL): ask first.
            if repo.has_linked_notes(self.vault, client_id):
                raise InvalidEntry(
                    "Reflections are linked to this client; unlink them or discharge the client."
                )
            try:
                self.vault.execute("DELETE FROM clients WHERE id = ?", (client_id,))
            except IntegrityError:
                raise InvalidEntry(
                    "Other records are linked to this client; discharge the client instead."
                ) from None

    def client_id_for_alias(self, alias: str) -> str | None:
        """The id of the client with this alias (any case), or None."""
        return repo.client_id_for_key(self.vault, alias_key(alias))

    # -- the caseload table and the client page --------------------------------------------
    def caseload(
        self,
        *,
        levels: Iterable[str] | None = None,
        statuses: Iterable[str] | None = None,
        search: str | None = None,
    ) -> list[CaseloadEntry]:
        """Every caseload row in one query, sorted by alias. Filters combine; ``search`` matches
        any part of the alias, ignoring case. Flags are set for active clients only."""
        where, params = [], []
        for column, values, options in (
            ("program_level", levels, PROGRAM_LEVELS),
            ("status", statuses, CLIENT_STATUSES),
        ):
            if values is not None:
                chosen = [check_choice(v, options, column.replace("_", " ")) for v in values]
                if not chosen:
                    return []
                where.append(f"c.{column} IN ({', '.join('?' * len(chosen))})")
                params.extend(chosen)
        if search and search.strip():
            where.append("instr(c.alias_key, ?) > 0")
            params.append(alias_key(search))
        return self._rows(" AND ".join(where), params)

    def client(self, client_id: str) -> CaseloadEntry:
        """One caseload row (e.g. to refresh a table row after an edit)."""
        rows = self._rows("c.id = ?", [client_id], client_id=client_id)
        if not rows:
            raise RecordNotFound("That client no longer exists.")
        return rows[0]

    def client_page(self, client_id: str) -> ClientPage:
        """The client page: levels, statuses, shared goals, sessions (newest first), alert."""
        entry = self.client(client_id)
        goals = tuple(repo.goals_for_client(self.vault, client_id))
        sessions = tuple(repo.query_sessions(self.vault, "s.client_id = ?", (client_id,)))
        return ClientPage(
            client=entry,
            level_history=repo.level_history(self.vault, client_id),
            status_history=repo.status_history(self.vault, client_id),
            goals=goals,
            sessions=sessions,
            stalled_alert=self._alert(entry, goals),
            alias_findings=self.check_text(entry.alias),
        )

    # -- stalled progress -------------------------------------------------------------------
    def stalled_progress_rule(self) -> StalledProgressRule:
        return StalledProgressRule(
            self._int_pref(PREF_STALLED_SESSIONS, StalledProgressRule().stalled_sessions),
            self._int_pref(PREF_GOAL_QUIET_WEEKS, StalledProgressRule().goal_quiet_weeks),
        )

    def set_stalled_progress_rule(self, rule: StalledProgressRule) -> None:
        """Tune the rule (N stalled sessions in a row; weeks without goal progress)."""
        rule.validated()
        with self.vault.transaction():
            repo.set_preference(self.vault, PREF_STALLED_SESSIONS, rule.stalled_sessions)
            repo.set_preference(self.vault, PREF_GOAL_QUIET_WEEKS, rule.goal_quiet_weeks)

    def stalled_alert(self, client_id: str) -> StalledProgressAlert | None:
        """The stalled-progress prompt for one client, or None."""
        return self._alert(self.client(client_id))

    def stalled_alerts(self) -> list[StalledProgressAlert]:
        """Prompts for every active client the rule flags (for the dashboard), by alias."""
        alerts = (self._alert(e) for e in self.caseload(statuses=["active"]) if e.flags)
        return [a for a in alerts if a is not None]

    # -- helpers -------------------------------------------------------------------------------
    def _rows(
        self, where: str, params: Sequence[object], client_id: str | None = None
    ) -> list[CaseloadEntry]:
        today = self.clock.today()
        rule = self.stalled_progress_rule()
        rows = repo.caseload_rows(
            self.vault,
            since=today - timedelta(days=RECENT_DAYS - 1),
            today=today,
            quiet_before=today - timedelta(days=rule.quiet_days),
            where=where,
            params=params,
            client_id=client_id,
        )
        result = []
        for entry, run, quiet_goals in rows:
            flags: list[str] = []
            if entry.is_active and run >= rule.stalled_sessions:
                flags.append(CaseloadFlag.STALLED_SESSIONS)
            if entry.is_active and quiet_goals:
                flags.append(CaseloadFlag.GOALS_WITHOUT_PROGRESS)
            result.append(replace(entry, flags=tuple(flags)) if flags else entry)
        return result

    def _alert(
        self, entry: CaseloadEntry, goals: tuple[SharedGoal, ...] | None = None
    ) -> StalledProgressAlert | None:
        # The caseload flags already say which trigger can fire; skip the data of the other.
        if not entry.flags:
            return None
        rule = self.stalled_progress_rule()
        recent = []
        if CaseloadFlag.STALLED_SESSIONS in entry.flags:
            recent = repo.recent_stalled_flags(self.vault, entry.client_id, limit=500)
        if goals is None:
            wanted = CaseloadFlag.GOALS_WITHOUT_PROGRESS in entry.flags
            goals = tuple(repo.goals_for_client(self.vault, entry.client_id)) if wanted else ()
        return evaluate_stalled_progress(
            entry.client_id, entry.alias, entry.status, recent, goals, self.clock.today(), rule
        )

    def _client(self, client_id: str) -> ClientRecord:
        record = repo.get_client(self.vault, client_id)
        if record is None:
            raise RecordNotFound("That client no longer exists.")
        return record

    def _ensure_alias_free(self, cleaned: str, client_id: str | None) -> None:
        owner = repo.client_id_for_key(self.vault, alias_key(cleaned))
        if owner is not None and owner != client_id:
            raise AliasInUse(_ALIAS_TAKEN)

    def _put_history(self, kind: str, client_id: str, value: str, effective_on: date | None) -> ClientRecord:
        day = check_day(effective_on, "date") if effective_on is not None else self.clock.today()
        with self.vault.transaction():
            self._client(client_id)
            repo.put_history(self.vault, kind, client_id, value, day)
            return self._client(client_id)

    def _remove_history(self, kind: str, client_id: str, effective_on: date) -> ClientRecord:
        with self.vault.transaction():
            self._client(client_id)
            if repo.history_count(self.vault, kind, client_id) <= 1:
                raise InvalidEntry("The only entry of the history cannot be removed; change it instead.")
            if not repo.remove_history(self.vault, kind, client_id, check_day(effective_on, "date")):
                raise RecordNotFound("There is no history entry on that date.")
            return self._client(client_id)

    def _int_pref(self, key: str, default: int) -> int:
        value = repo.get_preference(self.vault, key)
        return value if isinstance(value, int) and not isinstance(value, bool) else default
