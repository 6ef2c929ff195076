"""Pure helpers behind the Trends charts: date ranges and presets, period buckets, gaps, correlation.

No storage here, so every rule (how long "3 months" is, which week a day falls in, where a
line breaks, when a correlation is worth showing) is tested on hand-made numbers.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.weeks import week_start

DAY, WEEK, MONTH, QUARTER, YEAR = "day", "week", "month", "quarter", "year"
TAKEN = "taken"  # instrument results: one point per assessment, on the day it was taken
PRESETS = ("4w", "3m", "1y", "all")
MAX_SPAN_YEARS = 60
# The longest gap between two neighbouring points of one line that is not a gap in the data.
_STEP_DAYS = {DAY: 1, WEEK: 7, MONTH: 31, QUARTER: 92, YEAR: 366}
HEATMAP_MAX_COLUMNS = 24
MIN_WEEKS_FOR_CORRELATION = 12


@dataclass(frozen=True)
class DateRange:
    """Inclusive local dates shown by every chart."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if not isinstance(self.start, date) or not isinstance(self.end, date):
            raise InvalidEntry("A date range needs a first and a last day.")
        if self.end < self.start:
            raise InvalidEntry("The range must end on or after the day it starts.")
        if self.end.year - self.start.year > MAX_SPAN_YEARS:
            raise InvalidEntry(f"The range can span at most {MAX_SPAN_YEARS} years.")

    @property
    def days(self) -> int:
        """Number of calendar days in the range (both ends included)."""
        return (self.end - self.start).days + 1

    def previous(self) -> DateRange:
        """The range of the same length that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return DateRange(end - timedelta(days=self.days - 1), end)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's length (31 May - 3 months = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def preset_range(preset: str, today: date, first_day: date | None) -> DateRange:
    """The range of a preset, ending today: 4 weeks (28 days), 3 months, 1 year, or all data.

    "All" starts on the first day with any record, but never spans less than 4 weeks, so a new
    vault's charts are not squeezed into a few days.
    """
    four_weeks = today - timedelta(days=27)
    if preset == "4w":
        return DateRange(four_weeks, today)
    if preset == "3m":
        return DateRange(add_months(today, -3) + timedelta(days=1), today)
    if preset == "1y":
        return DateRange(add_months(today, -12) + timedelta(days=1), today)
    if preset == "all":
        start = four_weeks if first_day is None else min(first_day, four_weeks)
        return DateRange(start, today)
    raise InvalidEntry(f"There is no range called {preset[:20]!r}.")


# -- resolutions ------------------------------------------------------------------------------
def wellbeing_resolution(span: DateRange) -> str:
    """Daily values up to about a year; weekly means beyond, where days would be a smear."""
    return DAY if span.days <= 400 else WEEK


def selfcare_resolution(span: DateRange) -> str:
    return WEEK if span.days <= 400 else MONTH


def ratings_resolution(span: DateRange) -> str:
    """Monthly means, except in short ranges where a month would be one or two points."""
    return WEEK if span.days <= 100 else MONTH


def heatmap_period(span: DateRange) -> str:
    """Months while at most 24 columns fit, then quarters, then years (a cell must hold a number)."""
    months = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month + 1
    if months <= HEATMAP_MAX_COLUMNS:
        return MONTH
    quarters = len(periods_between(span.start, span.end, QUARTER))
    return QUARTER if quarters <= HEATMAP_MAX_COLUMNS else YEAR


def period_start(day: date, resolution: str) -> date:
    """The first day of the period holding ``day`` (weeks start on Monday, ISO 8601)."""
    if resolution in (DAY, TAKEN):
        return day
    if resolution == WEEK:
        return week_start(day)
    if resolution == MONTH:
        return day.replace(day=1)
    if resolution == QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if resolution == YEAR:
        return date(day.year, 1, 1)
    raise ValueError(f"unknown resolution {resolution!r}")


def next_period(start: date, resolution: str) -> date:
    if resolution == DAY:
        return start + timedelta(days=1)
    if resolution == WEEK:
        return start + timedelta(days=7)
    if resolution == MONTH:
        return add_months(start, 1)
    if resolution == QUARTER:
        return add_months(start, 3)
    if resolution == YEAR:
        return date(start.year + 1, 1, 1)
    raise ValueError(f"unknown resolution {resolution!r}")


def period_end(start: date, resolution: str) -> date:
    """The last day of the period that starts on ``start``."""
    return next_period(start, resolution) - timedelta(days=1)


def whole_period(start: date, resolution: str, span: DateRange) -> bool:
    """True when the period starting on ``start`` lies entirely inside ``span``.

    Totals (days with support, minutes of exercise, days off) of a period cut by the range's
    ends would read as a drop, so only whole periods show them; means need no such care.
    """
    return start >= span.start and period_end(start, resolution) <= span.end


def periods_between(first: date, last: date, resolution: str) -> list[date]:
    """First days of every period from the one holding ``first`` to the one holding ``last``."""
    current, stop = period_start(first, resolution), period_start(last, resolution)
    found = []
    while current <= stop:
        found.append(current)
        current = next_period(current, resolution)
    return found


def max_gap_days(resolution: str) -> int | None:
    """Neighbouring points further apart than this are not joined by a line (None: always join)."""
    return _STEP_DAYS.get(resolution)


def split_at_gaps(days: Sequence[date], max_gap: int | None) -> list[tuple[int, int]]:
    """``(first, last + 1)`` index pairs of the runs of ``days`` without a gap longer than ``max_gap``."""
    if not days:
        return []
    if max_gap is None:
        return [(0, len(days))]
    runs, begin = [], 0
    for i in range(1, len(days)):
        if (days[i] - days[i - 1]).days > max_gap:
            runs.append((begin, i))
            begin = i
    runs.append((begin, len(days)))
    return runs


# -- correlation --------------------------------------------------------------------------------
def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None with fewer than two pairs or when either side never varies."""
    n = len(xs)
    if n != len(ys) or n < 2:
        return None
    mean_x, mean_y = math.fsum(xs) / n, math.fsum(ys) / n
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    sxx, syy = math.fsum(d * d for d in dx), math.fsum(d * d for d in dy)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    r = math.fsum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, r))


def lagged_pairs(
    load: Iterable[tuple[date, float]], outcome: dict[date, float], lag_days: int = 7
) -> list[tuple[date, float, float]]:
    """``(week, load that week, outcome the week after)`` for every week where both are known."""
    pairs = []
    for week, value in load:
        later = outcome.get(week + timedelta(days=lag_days))
        if later is not None:
            pairs.append((week, value, later))
    return pairs


@dataclass(frozen=True)
class LaggedCorrelation:
    """How a week's session hours go with the next week's mean exhaustion, in the user's own data."""

    weeks: int  # pairs of (week, the week after) with both values
    r: float

    @property
    def strength(self) -> str:
        """ "strong", "moderate", "weak" or "none" (conventional bands for |r|: .5, .3, .1)."""
        size = abs(self.r)
        if size >= 0.5:
            return "strong"
        if size >= 0.3:
            return "moderate"
        if size >= 0.1:
            return "weak"
        return "none"

    @property
    def positive(self) -> bool:
        return self.r > 0


def lagged_correlation(
    pairs: Sequence[tuple[date, float, float]], minimum: int = MIN_WEEKS_FOR_CORRELATION
) -> LaggedCorrelation | None:
    """The correlation over ``pairs``, or None with fewer than ``minimum`` of them (or no variation)."""
    if len(pairs) < minimum:
        return None
    r = pearson([p[1] for p in pairs], [p[2] for p in pairs])
    return None if r is None else LaggedCorrelation(len(pairs), r)
