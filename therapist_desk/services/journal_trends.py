"""Counts of reflections for Trends and the early-warning indicators: plain GROUP BY queries.

A note counts in the local month it was written (the first seven characters of its
``created_at``, which keeps the writer's offset). Notes in the trash are never counted. A note
with several themes or dimensions counts once under each. Joins name the index that covers
them (``notes_live_by_id``): without statistics the planner would read every note's row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from therapist_desk.domain.journal import (
    ADDRESSING_DIMENSIONS,
    FACET_ASSUMPTION_TYPE,
    FACET_DIMENSION,
    FACET_THEME,
)
from therapist_desk.storage.journal_repository import utc_key
from therapist_desk.storage.vault import Vault


@dataclass(frozen=True)
class MonthlyTotal:
    month: str  # "YYYY-MM", local
    count: int


@dataclass(frozen=True)
class MonthlyCount:
    month: str  # "YYYY-MM", local
    key: str  # a theme, an ADDRESSING dimension or an assumption type id
    count: int


@dataclass(frozen=True)
class DimensionCoverage:
    dimension: str
    reflections_in_window: int  # bias reflections naming this dimension in the last N days
    last_reflected_on: date | None  # local date of the latest one ever (None: never)


def _range(date_from: date | None, date_to: date | None) -> tuple[str, list[Any]]:
    clauses, params = "", []
    if date_from is not None:
        clauses += " AND n.created_at >= ?"
        params.append(date_from.isoformat())
    if date_to is not None:
        clauses += " AND n.created_at < ?"
        params.append((date_to + timedelta(days=1)).isoformat())
    return clauses, params


def reflections_per_month(
    vault: Vault, date_from: date | None = None, date_to: date | None = None
) -> list[MonthlyTotal]:
    """Reflections written per month, oldest month first; months with none are left out."""
    where, params = _range(date_from, date_to)
    rows = vault.query(
        "SELECT substr(n.created_at, 1, 7) AS month, count(*) FROM notes n INDEXED BY notes_live_by_local_time "
        f"WHERE n.deleted_at IS NULL{where} GROUP BY month ORDER BY month",
        params,
    )
    return [MonthlyTotal(month, count) for month, count in rows]


def _per_month_by(
    vault: Vault, facet: str, date_from: date | None, date_to: date | None
) -> list[MonthlyCount]:
    where, params = _range(date_from, date_to)
    rows = vault.query(
        "SELECT substr(n.created_at, 1, 7) AS month, l.value, count(*) "
        "FROM note_labels l JOIN notes n INDEXED BY notes_live_by_id ON n.id = l.note_id "
        f"WHERE l.facet = ? AND n.deleted_at IS NULL{where} "
        "GROUP BY month, l.value ORDER BY month, l.value",
        [facet, *params],
    )
    return [MonthlyCount(month, key, count) for month, key, count in rows]


def per_month_by_theme(
    vault: Vault, date_from: date | None = None, date_to: date | None = None
) -> list[MonthlyCount]:
    return _per_month_by(vault, FACET_THEME, date_from, date_to)


def per_month_by_dimension(
    vault: Vault, date_from: date | None = None, date_to: date | None = None
) -> list[MonthlyCount]:
    return _per_month_by(vault, FACET_DIMENSION, date_from, date_to)


def per_month_by_assumption_type(
    vault: Vault, date_from: date | None = None, date_to: date | None = None
) -> list[MonthlyCount]:
    return _per_month_by(vault, FACET_ASSUMPTION_TYPE, date_from, date_to)


def dimension_coverage(vault: Vault, now: datetime, days: int) -> list[DimensionCoverage]:
    """Every ADDRESSING dimension, in the framework's order, with its recent and latest use."""
    since = utc_key(now - timedelta(days=days))
    rows = vault.query(
        "SELECT l.value, sum(n.created_utc >= ?), max(substr(n.created_at, 1, 10)) "
        "FROM note_labels l JOIN notes n INDEXED BY notes_live_by_id ON n.id = l.note_id "
        "WHERE l.facet = ? AND n.deleted_at IS NULL GROUP BY l.value",
        (since, FACET_DIMENSION),
    )
    found = {value: (int(recent or 0), last) for value, recent, last in rows}
    return [
        DimensionCoverage(
            dimension=d,
            reflections_in_window=found.get(d, (0, None))[0],
            last_reflected_on=date.fromisoformat(found[d][1]) if d in found else None,
        )
        for d in ADDRESSING_DIMENSIONS
    ]
