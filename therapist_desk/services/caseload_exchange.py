"""Export/import codecs for ``clients`` and ``sessions`` (CONTRACTS.md §3).

clients: ``id``, ``alias`` (required, 1–60 characters, unique ignoring case), ``program_level``
(required: inpatient, php, iop, outpatient), ``status`` (active, waitlist, discharged,
transferred; default active), ``started_on``, ``created_at``, and the app's own fields
``level_history`` / ``status_history`` (lists of ``{program_level|status, effective_on}``; the
latest entry must match the current value; when absent, one entry on ``started_on``, else on
the other history's first day, else on the import day) and ``goals`` (``{id, text, status: active|achieved|paused|dropped, created_on,
progress: [{id, noted_on, note}]}``).
sessions: ``id``, ``client_alias`` (required; a client of the document or the vault, any case),
``date`` and ``minutes`` (required; 1–720), ``intensity`` (1–5, may be null), ``format``
(individual, group, family), ``alliance``, ``congruence``, ``positive_regard``, ``empathy``
(1–5 or null), ``resistance`` (none, some, strong or null), ``stalled``, ``note``,
``created_at``, ``updated_at``. Export names the client by alias, never by id.

Unknown fields of clients, goals, progress notes and sessions are kept and exported again.
Other sections that name a client (the journal's notes) validate ``client_alias`` with
``is_known_alias(ctx, alias)`` (``prepare`` fills ``ctx.known_aliases`` with every alias of the
document and of the vault, as ``str.casefold()`` and as ``alias_key``) and link it with
``client_id_for_import(ctx, alias)``.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from therapist_desk.domain.caseload import (
    CLIENT_STATUSES,
    GOAL_STATUSES,
    MAX_ALIAS_LENGTH,
    MAX_GOAL_TEXT,
    MAX_PROGRESS_NOTE,
    MAX_SESSION_MINUTES,
    MAX_SESSION_NOTE,
    PROGRAM_LEVELS,
    RESISTANCE_LEVELS,
    SELF_RATINGS,
    SESSION_FORMATS,
    ClientRecord,
    GoalProgress,
    SessionEntry,
    SharedGoal,
    alias_key,
    normalise_alias,
)
from therapist_desk.domain.clock import Clock, SystemClock
from therapist_desk.domain.errors import InvalidEntry, InvalidImport
from therapist_desk.services.exchange_codec import Field, ImportContext, merge_extra, register_section
from therapist_desk.storage import caseload_repo as repo
from therapist_desk.storage.vault import Vault

CLIENT_IDS = "caseload.client_ids"  # ctx.notes key: alias_key → client id of this import
CLIENT_FIELDS = (
    "id", "alias", "program_level", "status", "started_on", "created_at", "level_history",
    "status_history", "goals",
)  # fmt: skip
GOAL_FIELDS = ("id", "text", "status", "created_on", "progress")
PROGRESS_FIELDS = ("id", "noted_on", "note")
SESSION_FIELDS = (
    "id", "client_alias", "date", "minutes", "intensity", "format", *SELF_RATINGS, "resistance",
    "stalled", "note", "created_at", "updated_at",
)  # fmt: skip


def add_known_aliases(ctx: ImportContext, aliases: list[str]) -> None:
    for alias in aliases:
        ctx.known_aliases.add(alias.casefold())
        ctx.known_aliases.add(alias_key(alias))


def add_vault_aliases(ctx: ImportContext) -> None:
    """Every alias already in the vault becomes known to the other sections."""
    add_known_aliases(ctx, [row[0] for row in ctx.vault.query("SELECT alias FROM clients")])


def is_known_alias(ctx: ImportContext, alias: str) -> bool:
    return alias.casefold() in ctx.known_aliases or alias_key(alias) in ctx.known_aliases


def client_id_for_import(ctx: ImportContext, alias: str) -> str | None:
    """The client an imported record names: one of this document's clients, else the vault's."""
    key = alias_key(alias)
    return ctx.notes.get(CLIENT_IDS, {}).get(key) or repo.client_id_for_key(ctx.vault, key)


def _existing(vault: Vault, table: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        found.update(r[0] for r in vault.query(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
    return found


def _object(section: str, index: int, record: Any, path: str = "") -> None:
    if not isinstance(record, dict):
        where = f"{section}[{index}]{path}"
        raise InvalidImport(f"Import refused, nothing was written: {where} must be an object.")


def _list(f: Field, name: str) -> list[Any]:
    value = f.record.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise f.fail(name, "must be a list")
    return value


@register_section("clients")
class ClientsCodec:
    name = "clients"
    order = 20

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()
        self._ids: set[str] = set()
        self._aliases: dict[str, int] = {}
        self._goal_ids: set[str] = set()

    # -- export --------------------------------------------------------------------------
    def export_records(self, vault: Vault) -> list[dict[str, Any]]:
        history: dict[str, dict[str, list[dict[str, str]]]] = {}
        for table, column, key in (
            ("client_level_history", "program_level", "level_history"),
            ("client_status_history", "status", "status_history"),
        ):
            for cid, value, day in vault.query(
                f"SELECT client_id, {column}, effective_on FROM {table} ORDER BY client_id, effective_on"
            ):
                history.setdefault(cid, {}).setdefault(key, []).append({column: value, "effective_on": day})
        goal_extra = dict(vault.query("SELECT id, extra FROM goals WHERE extra IS NOT NULL"))
        progress_extra = dict(vault.query("SELECT id, extra FROM goal_progress WHERE extra IS NOT NULL"))
        all_goals = repo.goals_by_client(vault)
        records = []
        for row in vault.query(
            "SELECT id, alias, program_level, status, started_on, created_at, extra FROM clients ORDER BY alias_key"
        ):
            record: dict[str, Any] = {
                "id": row[0], "alias": row[1], "program_level": row[2], "status": row[3],
                "started_on": row[4], "created_at": row[5],
                "level_history": history.get(row[0], {}).get("level_history", []),
                "status_history": history.get(row[0], {}).get("status_history", []),
                "goals": [
                    merge_extra(
                        {
                            "id": g.id, "text": g.text, "status": g.status,
                            "created_on": g.created_on.isoformat(),
                            "progress": [
                                merge_extra(
                                    {"id": p.id, "noted_on": p.noted_on.isoformat(), "note": p.note},
                                    progress_extra.get(p.id),
                                )
                                for p in g.progress
                            ],
                        },
                        goal_extra.get(g.id),
                    )
                    for g in all_goals.get(row[0], [])
                ],
            }  # fmt: skip
            records.append(merge_extra(record, row[6]))
        return records

    # -- import --------------------------------------------------------------------------
    def prepare(self, records: list[dict[str, Any]], ctx: ImportContext) -> None:
        self._ids, self._aliases, self._goal_ids = set(), {}, set()
        add_vault_aliases(ctx)
        add_known_aliases(
            ctx, [r["alias"] for r in records if isinstance(r, dict) and isinstance(r.get("alias"), str)]
        )
        ctx.notes.setdefault(CLIENT_IDS, {})

    def validate(self, record: dict[str, Any], index: int, ctx: ImportContext) -> dict[str, Any]:
        _object(self.name, index, record)
        f = Field(self.name, index, record)
        client_id = f.id()
        if client_id in self._ids:
            raise f.fail("id", "repeats the id of an earlier client in this document")
        self._ids.add(client_id)
        try:
            alias = normalise_alias(f.text("alias", required=True, max_len=MAX_ALIAS_LENGTH * 4))
        except InvalidEntry:
            raise f.fail(
                "alias", f"must be 1 to {MAX_ALIAS_LENGTH} characters without control characters"
            ) from None
        key = alias_key(alias)
        if key in self._aliases:
            raise f.fail("alias", f"repeats the alias of clients[{self._aliases[key]}] (case is ignored)")
        self._aliases[key] = index
        in_vault = repo.get_client(ctx.vault, client_id) is not None
        owner = repo.client_id_for_key(ctx.vault, key)
        if not in_vault and owner is not None:
            raise f.fail("alias", "is already the alias of another client in this vault")
        ctx.notes.setdefault(CLIENT_IDS, {})[key] = client_id
        level = f.choice("program_level", PROGRAM_LEVELS, required=True)
        status = f.choice("status", CLIENT_STATUSES)
        started = f.date("started_on")
        levels = self._history(f, "level_history", "program_level", PROGRAM_LEVELS, level)
        statuses = self._history(f, "status_history", "status", CLIENT_STATUSES, status)
        # A missing history starts on the start date, else with the other history, else today.
        first_day = started or min(
            (day for _, day in levels + statuses), default=self.clock.today().isoformat()
        )
        levels = levels or [(level, first_day)]
        # Without a status, the latest status of the history is the current one (else active).
        status = status or (statuses[-1][0] if statuses else "active")
        statuses = statuses or [(status, first_day)]
        out = {
            "id": client_id, "alias": alias, "key": key, "program_level": level, "status": status,
            "started_on": started, "created_at": f.datetime("created_at") or self.clock.now().isoformat(),
            "level_history": levels, "status_history": statuses,
            "goals": [] if in_vault else self._goals(f, client_id, ctx),
            "extra": f.extra(CLIENT_FIELDS),  # noqa: S610 (not Django)
        }  # fmt: skip
        return out

    def _history(
        self, f: Field, name: str, column: str, options: tuple[str, ...], current: str | None
    ) -> list[tuple[str, str]]:
        """Sorted (value, day) entries (none when absent); they must end with ``current`` if given."""
        entries = _list(f, name)
        if not entries:
            return []
        seen: set[str] = set()
        result = []
        for j, entry in enumerate(entries):
            _object(f.section, f.index, entry, f".{name}[{j}]")
            sub = Field(f.section, f.index, {f"{name}[{j}].{k}": v for k, v in entry.items()})
            value = sub.choice(f"{name}[{j}].{column}", options, required=True)
            day = sub.date(f"{name}[{j}].effective_on", required=True)
            if day in seen:
                raise sub.fail(f"{name}[{j}].effective_on", "repeats a date of an earlier entry")
            seen.add(day)
            result.append((value, day))
        result.sort(key=lambda item: item[1])
        if current is not None and result[-1][0] != current:
            raise f.fail(name, f"must end with the client's current {column.replace('_', ' ')}")
        return result

    def _goals(
        self, f: Field, client_id: str, ctx: ImportContext
    ) -> list[tuple[SharedGoal, str | None, list]]:
        """Goals of a new client, each with its extra fields and its (progress, extra) list."""
        goals = []
        for j, goal in enumerate(_list(f, "goals")):
            _object(f.section, f.index, goal, f".goals[{j}]")
            prefix = f"goals[{j}]."
            g = Field(f.section, f.index, {prefix + k: v for k, v in goal.items()})
            goal_id = g.text(prefix + "id", max_len=200) or str(uuid.uuid4())
            if goal_id in self._goal_ids or _existing(ctx.vault, "goals", [goal_id]):
                raise g.fail(prefix + "id", "is already the id of another goal")
            self._goal_ids.add(goal_id)
            shared = SharedGoal(
                goal_id,
                client_id,
                _required_text(g, prefix + "text", MAX_GOAL_TEXT),
                g.choice(prefix + "status", GOAL_STATUSES, default="active"),
                date.fromisoformat(g.date(prefix + "created_on") or self.clock.today().isoformat()),
            )
            progress = []
            for k, item in enumerate(_list(g, prefix + "progress")):
                _object(f.section, f.index, item, f".goals[{j}].progress[{k}]")
                inner = f"goals[{j}].progress[{k}]."
                p = Field(f.section, f.index, {inner + key: v for key, v in item.items()})
                progress_id = p.text(inner + "id", max_len=200) or str(uuid.uuid4())
                if progress_id in self._goal_ids or _existing(ctx.vault, "goal_progress", [progress_id]):
                    raise p.fail(inner + "id", "is already the id of another progress note")
                self._goal_ids.add(progress_id)
                noted_on = date.fromisoformat(p.date(inner + "noted_on", required=True))
                note = _required_text(p, inner + "note", MAX_PROGRESS_NOTE)
                extra = Field(f.section, f.index, item).extra(PROGRESS_FIELDS)  # noqa: S610
                progress.append((GoalProgress(progress_id, goal_id, noted_on, note), extra))
            goal_extra = Field(f.section, f.index, goal).extra(GOAL_FIELDS)  # noqa: S610
            goals.append((shared, goal_extra, progress))
        return goals

    def existing_ids(self, vault: Vault, ids: list[str]) -> set[str]:
        return _existing(vault, "clients", ids)

    def insert(self, vault: Vault, record: dict[str, Any], ctx: ImportContext) -> None:
        started = date.fromisoformat(record["started_on"]) if record["started_on"] else None
        client = ClientRecord(
            record["id"],
            record["alias"],
            record["program_level"],
            record["status"],
            started,
            record["created_at"],
        )
        repo.insert_client(vault, client, record["key"], record["extra"])
        for kind in ("level", "status"):
            for value, day in record[f"{kind}_history"]:
                repo.put_history(vault, kind, client.id, value, date.fromisoformat(day))
        for goal, extra, progress in record["goals"]:
            repo.insert_goal(vault, goal, extra)
            for item, item_extra in progress:
                repo.insert_progress(vault, item, item_extra)


def _required_text(f: Field, name: str, max_len: int) -> str:
    value = f.text(name, required=True, max_len=max_len).strip()
    if not value:
        raise f.fail(name, "is empty")
    return value


@register_section("sessions")
class SessionsCodec:
    name = "sessions"
    order = 30

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()
        self._ids: set[str] = set()

    def export_records(self, vault: Vault) -> list[dict[str, Any]]:
        rows = vault.query(repo.SESSION_FROM + " ORDER BY s.date, s.created_at, s.id")
        return [_session_record(repo.session_from_row(row)) for row in rows]

    def prepare(self, records: list[dict[str, Any]], ctx: ImportContext) -> None:
        # The clients section (if any) adds its own aliases; a document of sessions alone may
        # still name clients that are already in the vault.
        self._ids = set()
        add_vault_aliases(ctx)

    def validate(self, record: dict[str, Any], index: int, ctx: ImportContext) -> dict[str, Any]:
        _object(self.name, index, record)
        f = Field(self.name, index, record)
        session_id = f.id()
        if session_id in self._ids:
            raise f.fail("id", "repeats the id of an earlier session in this document")
        self._ids.add(session_id)
        alias = f.text("client_alias", required=True, max_len=MAX_ALIAS_LENGTH * 4)
        if not is_known_alias(ctx, alias):
            raise f.fail("client_alias", "does not name a client in this document or in this vault")
        now = self.clock.now().isoformat()
        out = {
            "id": session_id,
            "client_alias": alias,
            "date": f.date("date", required=True),
            "minutes": f.integer("minutes", required=True, lo=1, hi=MAX_SESSION_MINUTES),
            "intensity": f.integer("intensity", lo=1, hi=5),
            "format": f.choice("format", SESSION_FORMATS, default="individual"),
            "resistance": f.choice("resistance", RESISTANCE_LEVELS),
            "stalled": bool(f.boolean("stalled")),
            "note": f.text("note", max_len=MAX_SESSION_NOTE, default=""),
            "created_at": f.datetime("created_at") or now,
            "extra": f.extra(SESSION_FIELDS),  # noqa: S610 (not Django)
        }
        out["updated_at"] = f.datetime("updated_at") or out["created_at"]
        for name in SELF_RATINGS:
            out[name] = f.integer(name, lo=1, hi=5)
        return out

    def existing_ids(self, vault: Vault, ids: list[str]) -> set[str]:
        return _existing(vault, "sessions", ids)

    def insert(self, vault: Vault, record: dict[str, Any], ctx: ImportContext) -> None:
        client_id = client_id_for_import(ctx, record["client_alias"])
        if client_id is None:  # validated above; only a client removed meanwhile could cause it
            raise InvalidImport(
                "Import refused, nothing was written: a session names a client that is missing."
            )
        entry = SessionEntry(
            id=record["id"], client_id=client_id, alias="", date=date.fromisoformat(record["date"]),
            minutes=record["minutes"], intensity=record["intensity"], format=record["format"],
            alliance=record["alliance"], congruence=record["congruence"],
            positive_regard=record["positive_regard"], empathy=record["empathy"],
            resistance=record["resistance"], stalled=record["stalled"], note=record["note"],
            created_at=record["created_at"], updated_at=record["updated_at"], extra=record["extra"],
        )  # fmt: skip
        repo.upsert_session(vault, entry)


def _session_record(e: SessionEntry) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": e.id, "client_alias": e.alias, "date": e.date.isoformat(), "minutes": e.minutes,
        "intensity": e.intensity, "format": e.format, "alliance": e.alliance, "congruence": e.congruence,
        "positive_regard": e.positive_regard, "empathy": e.empathy, "resistance": e.resistance,
        "stalled": e.stalled, "note": e.note, "created_at": e.created_at, "updated_at": e.updated_at,
    }  # fmt: skip
    return merge_extra(record, e.extra)
