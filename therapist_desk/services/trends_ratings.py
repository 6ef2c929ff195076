"""The session self-ratings behind the alliance chart, per week or month, per program level.

A month-by-month summary of all history is kept until the vault changes: on a long history the
ratings are spread over every session row (no index holds them), so one full read is the cost,
and a range change afterwards only picks months from it. ``total_changes()`` counts every row this
connection has written; the vault holds its database exclusively, so an unchanged count means
unchanged sessions. Weeks (short ranges only) are read straight from the date index.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from therapist_desk.domain.caseload import SELF_RATINGS
from therapist_desk.services.trends_math import WEEK, DateRange
from therapist_desk.storage.vault import Vault

RATED = " OR ".join(f"s.{name} IS NOT NULL" for name in SELF_RATINGS)
_COLUMNS = ", ".join(f"avg(s.{name}), count(s.{name})" for name in SELF_RATINGS)
_WEEK = "date(s.date, '-6 days', 'weekday 1')"
_MONTH = "substr(s.date, 1, 7) || '-01'"
# The latest level entry on or before the session; a session logged before the client's first
# entry takes that first level.
_LEVEL_ON_THE_DAY = (
    "coalesce((SELECT h.program_level FROM client_level_history h WHERE h.client_id = s.client_id"
    " AND h.effective_on <= s.date ORDER BY h.effective_on DESC LIMIT 1),"
    " (SELECT h.program_level FROM client_level_history h WHERE h.client_id = s.client_id"
    " ORDER BY h.effective_on LIMIT 1))"
)
Row = tuple[Any, ...]  # (period "YYYY-MM-DD", avg, count) for each rating in SELF_RATINGS order


class SelfRatings:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._months: dict[str | None, tuple[int, list[Row]]] = {}

    def rows(self, span: DateRange, resolution: str, level: str | None) -> list[Row]:
        """Mean and count of each rating per period. A month cut by the range's edge shows the
        whole month's mean: that is what the point stands for."""
        if resolution == WEEK:
            return self._query(_WEEK, level, span.start, span.end)
        stamp = int(self.vault.scalar("SELECT total_changes()"))
        cached = self._months.get(level)
        if cached is None or cached[0] != stamp:
            cached = (stamp, self._query(_MONTH, level, None, None))
            self._months[level] = cached
        first, last = span.start.replace(day=1).isoformat(), span.end.isoformat()
        return [row for row in cached[1] if first <= row[0] <= last]

    def _query(self, bucket: str, level: str | None, first: date | None, last: date | None) -> list[Row]:
        where, params = [f"({RATED})"], []
        if first is not None and last is not None:
            where.append("s.date BETWEEN ? AND ?")
            params += [first.isoformat(), last.isoformat()]
            source = "sessions s"
        else:
            # All of history: one sequential read beats a date-index walk that fetches every row.
            source = "sessions s NOT INDEXED"
        if level is not None:
            where.append(f"{_LEVEL_ON_THE_DAY} = ?")
            params.append(level)
        return [
            tuple(row)
            for row in self.vault.query(
                f"SELECT {bucket} AS period, {_COLUMNS} FROM {source} WHERE {' AND '.join(where)} "
                "GROUP BY period ORDER BY period",
                params,
            )
        ]

    def any_rated(self) -> bool:
        return bool(self.vault.scalar(f"SELECT EXISTS (SELECT 1 FROM sessions s WHERE {RATED})"))
