"""The chart-ready data of the Trends section: points with their source, series, and one frozen
dataclass per chart. Pure data and the small rules on it (gaps, means, heatmap folding)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from therapist_desk.services.trends_math import (
    DateRange,
    LaggedCorrelation,
    max_gap_days,
    period_start,
    split_at_gaps,
)

# Where a point's number comes from; the view names it in tooltips and opens its entries.
SOURCE_CHECK_IN = "check_in"
SOURCE_CBI = "cbi"
SOURCE_SINGLE_ITEM = "single_item"
SOURCE_SESSIONS = "sessions"
SOURCE_TIME_OFF = "time_off"
SOURCE_JOURNAL = "journal"
CBI_SCALES = ("personal", "work", "client")
FACETS = ("theme", "dimension", "assumption_type")  # what reflections are counted by
CBI_THRESHOLD = 50.0  # "commonly used" reading of a high score (DOMAIN.md §2), not a diagnosis
COVERAGE_DAYS = 90


@dataclass(frozen=True, slots=True)
class TrendPoint:
    day: date  # the day, or the first day of the week or month the value sums up
    value: float
    source: str  # one of the SOURCE_* names
    count: int = 1  # records behind the value (check-ins, sessions, ratings)
    detail: tuple[tuple[str, float], ...] = ()  # e.g. hours by session format


@dataclass(frozen=True)
class TrendSeries:
    key: str  # "exhaustion", "cbi.work", "hours", ...
    resolution: str  # DAY, WEEK, MONTH, or TAKEN for one point per assessment
    points: tuple[TrendPoint, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.points

    def runs(self) -> list[tuple[TrendPoint, ...]]:
        """The points split where data is missing, so a line is never drawn across a gap."""
        days = [p.day for p in self.points]
        return [self.points[a:b] for a, b in split_at_gaps(days, max_gap_days(self.resolution))]

    def mean(self) -> float | None:
        """Mean of the underlying records (each point weighted by its count)."""
        weight = sum(p.count for p in self.points)
        return sum(p.value * p.count for p in self.points) / weight if weight else None

    def latest(self) -> TrendPoint | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class BurnoutTrend:
    span: DateRange
    scales: tuple[TrendSeries, ...]  # CBI personal, work, client (keys "cbi.<scale>")
    single_item: TrendSeries
    has_any: bool  # any assessment at all, in or out of the range
    threshold: float = CBI_THRESHOLD

    @property
    def empty(self) -> bool:
        return self.single_item.empty and all(s.empty for s in self.scales)


@dataclass(frozen=True)
class WellbeingTrend:
    span: DateRange
    resolution: str  # DAY: daily values with 7-day means; WEEK: weekly means only
    exhaustion: TrendSeries
    energy: TrendSeries
    exhaustion_rolling: TrendSeries  # empty at WEEK resolution
    energy_rolling: TrendSeries
    exhaustion_average: float | None  # over the range
    exhaustion_previous_average: float | None  # over the same length just before it
    energy_average: float | None
    has_any: bool

    @property
    def empty(self) -> bool:
        return self.exhaustion.empty and self.energy.empty


@dataclass(frozen=True)
class LoadTrend:
    span: DateRange
    hours: TrendSeries
    sessions: TrendSeries
    high_intensity_share: TrendSeries  # percent of rated sessions; weeks without ratings absent
    exhaustion: TrendSeries  # mean exhaustion per week
    sustainable_hours: float
    correlation: LaggedCorrelation | None  # None until enough weeks have both values
    paired_weeks: int  # weeks with load and the next week's exhaustion, shown or not
    has_any: bool

    @property
    def empty(self) -> bool:
        return all(p.count == 0 for p in self.sessions.points) and self.exhaustion.empty


@dataclass(frozen=True)
class SelfCareTrend:
    span: DateRange
    resolution: str  # of sleep and exercise: WEEK, or MONTH beyond about a year
    support_resolution: str  # of support and days off: WEEK up to ~3 months, else MONTH
    sleep: TrendSeries  # mean hours per night
    exercise: TrendSeries  # minutes per period
    peer_support: TrendSeries  # days with peer support per period
    supervision: TrendSeries  # days with supervision per period
    days_off: TrendSeries  # days off per period (zeros included while the app was in use)
    has_any: bool

    @property
    def empty(self) -> bool:
        checks = (self.sleep, self.exercise, self.peer_support, self.supervision)
        return all(s.empty for s in checks) and not any(p.value for p in self.days_off.points)


@dataclass(frozen=True)
class ReflectionHeatmap:
    """Counts of reflections per period (columns) and label (rows), zeros included."""

    facet: str  # "theme", "dimension" or "assumption_type"
    period: str  # MONTH, QUARTER or YEAR
    columns: tuple[date, ...]  # first day of each period, oldest first
    rows: tuple[str, ...]  # label ids in the vocabulary's order
    counts: tuple[tuple[int, ...], ...]  # counts[row][column]

    @property
    def max_count(self) -> int:
        return max((max(row) for row in self.counts if row), default=0)

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)

    def row_totals(self) -> dict[str, int]:
        return {key: sum(row) for key, row in zip(self.rows, self.counts, strict=True)}


@dataclass(frozen=True)
class ReflectionTrend:
    span: DateRange
    by_theme: ReflectionHeatmap | None  # None when not asked for
    by_dimension: ReflectionHeatmap | None
    by_assumption_type: ReflectionHeatmap | None
    reflections: int  # notes written in the range (a note with several labels counts once)
    not_reflected_on: tuple[str, ...]  # dimensions without a bias reflection in COVERAGE_DAYS
    has_any: bool
    coverage_days: int = COVERAGE_DAYS

    @property
    def empty(self) -> bool:
        return self.reflections == 0


@dataclass(frozen=True)
class AllianceTrend:
    span: DateRange
    resolution: str  # WEEK or MONTH
    level: str | None  # a program level, or None for all
    ratings: tuple[TrendSeries, ...] = field(default=())  # alliance, congruence, positive_regard, empathy
    has_any: bool = False

    @property
    def empty(self) -> bool:
        return all(s.empty for s in self.ratings)


def build_heatmap(
    facet: str,
    period: str,
    columns: tuple[date, ...],
    rows: tuple[str, ...],
    monthly: Iterable[tuple[str, str, int]],
) -> ReflectionHeatmap:
    """Fold ``(YYYY-MM, key, count)`` month counts into ``period`` columns; unknown keys are left out."""
    column_of = {day: i for i, day in enumerate(columns)}
    row_of = {key: i for i, key in enumerate(rows)}
    grid = [[0] * len(columns) for _ in rows]
    for month, key, count in monthly:
        try:
            first = date(int(month[:4]), int(month[5:7]), 1)
        except ValueError:  # a malformed stored time: counted nowhere rather than failing the chart
            continue
        column = column_of.get(period_start(first, period))
        row = row_of.get(key)
        if column is not None and row is not None:
            grid[row][column] += count
    return ReflectionHeatmap(facet, period, columns, rows, tuple(tuple(r) for r in grid))
