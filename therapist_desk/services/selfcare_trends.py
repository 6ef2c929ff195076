"""Series for the Trends view, aggregated in SQL: daily values, rolling means, weeks and months.

Gaps stay gaps: a day without a check-in has no value (never 0), and a rolling mean is the mean
of the days that do have one inside the window, with the count reported so the chart can
show how much data stands behind each point.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.selfcare import NUMERIC_FIELDS
from therapist_desk.storage.vault import Vault

# Metric name -> SQL expression over self_care_checkins. Only these strings reach the SQL.
METRICS: dict[str, str] = {name: name for name in NUMERIC_FIELDS}
METRICS["self_care_total_minutes"] = (
    "CASE WHEN exercise_minutes IS NULL AND self_care_minutes IS NULL THEN NULL "
    "ELSE coalesce(exercise_minutes, 0) + coalesce(self_care_minutes, 0) END"
)
METRICS["support_contact"] = (
    "CASE WHEN peer_support IS NULL AND supervision IS NULL THEN NULL "
    "ELSE max(coalesce(peer_support, 0), coalesce(supervision, 0)) END"
)
MAX_RANGE_DAYS = 40 * 366


@dataclass(frozen=True)
class SeriesPoint:
    day: date
    value: float


@dataclass(frozen=True)
class RollingPoint:
    day: date
    mean: float | None  # None when no day inside the window has a value
    count: int  # how many days inside the window have a value


@dataclass(frozen=True)
class PeriodPoint:
    period_start: date  # Monday of the week, or the first of the month
    mean: float
    total: float
    count: int  # days with a value in the period


def _expression(metric: str) -> str:
    if metric not in METRICS:
        raise InvalidEntry(f"There is no check-in measure called {metric[:40]!r}.")
    return METRICS[metric]


def _check_range(start: date, end: date) -> None:
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        raise InvalidEntry("The date range must end after it starts and span at most 40 years.")


class SelfCareTrends:
    """Read-only aggregates over the daily check-ins."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def daily_series(self, metric: str, start: date, end: date) -> list[SeriesPoint]:
        """Each day from ``start`` to ``end`` that has a value for ``metric`` (booleans as 0/1)."""
        expr = _expression(metric)
        rows = self.vault.query(
            f"SELECT day, value FROM (SELECT day, {expr} AS value FROM self_care_checkins "
            "WHERE day BETWEEN ? AND ?) WHERE value IS NOT NULL ORDER BY day",
            (start.isoformat(), end.isoformat()),
        )
        return [SeriesPoint(date.fromisoformat(d), float(v)) for d, v in rows]

    def rolling_mean(self, metric: str, start: date, end: date, window: int = 7) -> list[RollingPoint]:
        """One point per calendar day: the mean over that day and the ``window - 1`` days before."""
        expr = _expression(metric)
        _check_range(start, end)
        if not 1 <= window <= 366:
            raise InvalidEntry("The rolling window must be between 1 and 366 days.")
        # Calendar days come from a recursive CTE, so days without a check-in still get a point
        # and a window spans calendar days, not rows (a gap does not stretch the window).
        rows = self.vault.query(
            f"""WITH RECURSIVE days(d) AS (
                    SELECT date(?) UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < date(?)
                ),
                vals AS (SELECT day, {expr} AS value FROM self_care_checkins
                         WHERE day BETWEEN date(?, ?) AND ?)
                SELECT d, avg(vals.value), count(vals.value)
                FROM days LEFT JOIN vals ON vals.day BETWEEN date(d, ?) AND d
                GROUP BY d ORDER BY d""",
            (
                start.isoformat(),
                end.isoformat(),
                start.isoformat(),
                f"-{window - 1} days",
                end.isoformat(),
                f"-{window - 1} days",
            ),
        )
        return [
            RollingPoint(date.fromisoformat(d), None if n == 0 else float(mean), int(n))
            for d, mean, n in rows
        ]

    def _period_series(self, metric: str, start: date, end: date, period_sql: str) -> list[PeriodPoint]:
        expr = _expression(metric)
        rows = self.vault.query(
            f"SELECT {period_sql} AS period, avg(value), total(value), count(value) "
            f"FROM (SELECT day, {expr} AS value FROM self_care_checkins WHERE day BETWEEN ? AND ?) "
            "WHERE value IS NOT NULL GROUP BY period ORDER BY period",
            (start.isoformat(), end.isoformat()),
        )
        return [PeriodPoint(date.fromisoformat(p), float(m), float(t), int(n)) for p, m, t, n in rows]

    def weekly_series(self, metric: str, start: date, end: date) -> list[PeriodPoint]:
        """Mean, total and count per ISO week (Monday start) with at least one value."""
        return self._period_series(metric, start, end, "date(day, '-6 days', 'weekday 1')")

    def monthly_series(self, metric: str, start: date, end: date) -> list[PeriodPoint]:
        """Mean, total and count per calendar month with at least one value."""
        return self._period_series(metric, start, end, "strftime('%Y-%m-01', day)")

    def window_summary(self, metric: str, start: date, end: date) -> tuple[float | None, int]:
        """(mean, number of days with a value) over ``start``..``end`` inclusive."""
        expr = _expression(metric)
        mean, count = self.vault.query(
            f"SELECT avg(value), count(value) FROM (SELECT {expr} AS value FROM self_care_checkins "
            "WHERE day BETWEEN ? AND ?)",
            (start.isoformat(), end.isoformat()),
        )[0]
        return (None if count == 0 else float(mean)), int(count)

    def score_series(
        self, instrument_id: str, scale_id: str, start: date | None = None, end: date | None = None
    ) -> list[SeriesPoint]:
        """Scores of one scale over time (assessments whose scale was scored), oldest first."""
        rows = self.vault.query(
            "SELECT taken_on, json_extract(scores, '$.' || json_quote(?)) AS value FROM assessments "
            "WHERE instrument = ? AND taken_on BETWEEN ? AND ? AND value IS NOT NULL "
            "ORDER BY taken_on, created_at, id",
            (
                scale_id,
                instrument_id,
                start.isoformat() if start else "0000-01-01",
                end.isoformat() if end else "9999-12-31",
            ),
        )
        return [SeriesPoint(date.fromisoformat(d), float(v)) for d, v in rows]
