"""Trends: the other features' aggregates, combined into chart-ready series for one date range.

Every chart gets a frozen dataclass of ``TrendSeries`` whose points carry their date, value,
source (where the number comes from, so a tooltip can name it and a click can open the entries
behind it) and how many records stand behind it. Counting happens in SQL or in the other
services' aggregates (self-care trends, caseload load, journal counts); this module only lines
them up per period and never walks raw rows itself. Pure rules live in ``trends_math``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from therapist_desk.domain.caseload import PROGRAM_LEVELS, SELF_RATINGS
from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.journal import ADDRESSING_DIMENSIONS, ASSUMPTION_TYPES, THEMES
from therapist_desk.services import journal_trends
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.services.selfcare_trends import PeriodPoint, SelfCareTrends
from therapist_desk.services.trends_load import weekly_load
from therapist_desk.services.trends_math import (
    DAY,
    MONTH,
    TAKEN,
    WEEK,
    DateRange,
    LaggedCorrelation,
    heatmap_period,
    lagged_correlation,
    lagged_pairs,
    period_start,
    periods_between,
    preset_range,
    ratings_resolution,
    selfcare_resolution,
    wellbeing_resolution,
    whole_period,
)
from therapist_desk.services.trends_ratings import SelfRatings
from therapist_desk.services.trends_series import (
    CBI_SCALES,
    CBI_THRESHOLD,
    COVERAGE_DAYS,
    FACETS,
    SOURCE_CBI,
    SOURCE_CHECK_IN,
    SOURCE_JOURNAL,
    SOURCE_SESSIONS,
    SOURCE_SINGLE_ITEM,
    SOURCE_TIME_OFF,
    AllianceTrend,
    BurnoutTrend,
    LoadTrend,
    ReflectionHeatmap,
    ReflectionTrend,
    SelfCareTrend,
    TrendPoint,
    TrendSeries,
    WellbeingTrend,
    build_heatmap,
)
from therapist_desk.storage.vault import Vault


def _series(key: str, resolution: str, points: Iterable[TrendPoint]) -> TrendSeries:
    return TrendSeries(key, resolution, tuple(points))


def _period_points(rows: Sequence[PeriodPoint], source: str, use_total: bool = False) -> list[TrendPoint]:
    return [TrendPoint(p.period_start, p.total if use_total else p.mean, source, p.count) for p in rows]


class TrendsService:
    """Read-only: every method takes a ``DateRange`` and returns one chart's data."""

    def __init__(
        self,
        vault: Vault,
        clock: Clock,
        *,
        selfcare_trends: SelfCareTrends | None = None,
        selfcare: SelfCareService | None = None,
        caseload: CaseloadService | None = None,
    ) -> None:
        self.vault = vault
        self.clock = clock
        self.selfcare_trends = selfcare_trends or SelfCareTrends(vault)
        self.selfcare = selfcare or SelfCareService(vault, clock)
        self.caseload = caseload or CaseloadService(vault, clock)
        self.self_ratings = SelfRatings(vault)

    # -- ranges -----------------------------------------------------------------------------
    def first_day(self) -> date | None:
        """The earliest day with any record: check-in, assessment, time off, session or reflection."""
        found = self.vault.scalar(
            "SELECT min(d) FROM (SELECT min(day) AS d FROM self_care_checkins "
            "UNION ALL SELECT min(taken_on) FROM assessments "
            "UNION ALL SELECT min(start_on) FROM time_off WHERE status != 'cancelled' "
            "UNION ALL SELECT min(date) FROM sessions "
            "UNION ALL SELECT min(substr(created_at, 1, 10)) FROM notes INDEXED BY notes_live_by_local_time "
            "WHERE deleted_at IS NULL)"
        )
        return date.fromisoformat(found) if found else None

    def preset(self, name: str) -> DateRange:
        """The range of "4w", "3m", "1y" or "all", ending today."""
        today = self.clock.today()
        first = self.first_day() if name == "all" else None
        return preset_range(name, today, first)

    # -- 1. burnout instruments ---------------------------------------------------------------
    def burnout(self, span: DateRange) -> BurnoutTrend:
        """CBI scale scores and the single-item measure, one point per assessment in the range."""
        scales = tuple(
            _series(
                f"cbi.{scale}",
                TAKEN,
                (
                    TrendPoint(p.day, p.value, SOURCE_CBI)
                    for p in self.selfcare_trends.score_series("cbi", scale, span.start, span.end)
                ),
            )
            for scale in CBI_SCALES
        )
        single = _series(
            "single_item",
            TAKEN,
            (
                TrendPoint(p.day, p.value, SOURCE_SINGLE_ITEM)
                for p in self.selfcare_trends.score_series("single_item", "burnout", span.start, span.end)
            ),
        )
        trend = BurnoutTrend(span, scales, single, has_any=True)
        if trend.empty:
            has_any = bool(self.vault.scalar("SELECT EXISTS (SELECT 1 FROM assessments)"))
            trend = BurnoutTrend(span, scales, single, has_any=has_any)
        return trend

    # -- 2. exhaustion and energy -------------------------------------------------------------
    def wellbeing(self, span: DateRange) -> WellbeingTrend:
        """Daily exhaustion and energy with 7-day rolling means (weekly means beyond ~a year)."""
        resolution = wellbeing_resolution(span)
        series: dict[str, TrendSeries] = {}
        for metric in ("exhaustion", "energy"):
            if resolution == DAY:
                daily = self.selfcare_trends.daily_series(metric, span.start, span.end)
                rolling = self.selfcare_trends.rolling_mean(metric, span.start, span.end, 7)
                series[metric] = _series(
                    metric, DAY, (TrendPoint(p.day, p.value, SOURCE_CHECK_IN) for p in daily)
                )
                series[f"{metric}_rolling"] = _series(
                    f"{metric}_rolling",
                    DAY,
                    (
                        TrendPoint(p.day, p.mean, SOURCE_CHECK_IN, p.count)
                        for p in rolling
                        if p.mean is not None
                    ),
                )
            else:
                weeks = self.selfcare_trends.weekly_series(metric, span.start, span.end)
                series[metric] = _series(metric, WEEK, _period_points(weeks, SOURCE_CHECK_IN))
                series[f"{metric}_rolling"] = _series(f"{metric}_rolling", WEEK, ())
        exhaustion_avg, n = self.selfcare_trends.window_summary("exhaustion", span.start, span.end)
        previous = span.previous()
        before, _ = self.selfcare_trends.window_summary("exhaustion", previous.start, previous.end)
        energy_avg, m = self.selfcare_trends.window_summary("energy", span.start, span.end)
        has_any = bool(n or m) or bool(self.vault.scalar("SELECT EXISTS (SELECT 1 FROM self_care_checkins)"))
        return WellbeingTrend(
            span,
            resolution,
            series["exhaustion"],
            series["energy"],
            series["exhaustion_rolling"],
            series["energy_rolling"],
            exhaustion_avg,
            before,
            energy_avg,
            has_any,
        )

    # -- 3. weekly load and exhaustion ------------------------------------------------------------
    def load(self, span: DateRange) -> LoadTrend:
        """Session hours, sessions and high-intensity share per ISO week, mean exhaustion per week,
        and how a week's hours go with the next week's exhaustion (only with enough weeks)."""
        weeks = weekly_load(self.vault, span.start, span.end)
        first_session = self.vault.scalar("SELECT min(date) FROM sessions")
        # Weeks before the first logged session are not "weeks without sessions": leave them out.
        in_use = period_start(date.fromisoformat(first_session), WEEK) if first_session else None
        # The week in progress is left out: on a Monday it would look like a week off.
        today = self.clock.today()
        counted = [w for w in weeks if in_use is not None and w.week_start >= in_use and w.week_end <= today]
        hours, sessions, share = [], [], []
        for w in counted:
            detail = (
                ("individual", w.individual_hours),
                ("group", w.group_hours),
                ("family", w.family_hours),
            )
            hours.append(TrendPoint(w.week_start, w.hours, SOURCE_SESSIONS, w.sessions, detail))
            sessions.append(TrendPoint(w.week_start, float(w.sessions), SOURCE_SESSIONS, w.sessions))
            if w.high_intensity_share is not None:
                share.append(
                    TrendPoint(w.week_start, 100 * w.high_intensity_share, SOURCE_SESSIONS, w.rated_sessions)
                )
        exhaustion = [
            p
            for p in _period_points(
                self.selfcare_trends.weekly_series("exhaustion", span.start, span.end), SOURCE_CHECK_IN
            )
            if p.day + timedelta(days=6) <= today
        ]
        outcome = {p.day: p.value for p in exhaustion}
        pairs = lagged_pairs(((p.day, p.value) for p in hours), outcome)
        has_any = bool(counted) or bool(exhaustion)
        return LoadTrend(
            span,
            _series("hours", WEEK, hours),
            _series("sessions", WEEK, sessions),
            _series("high_intensity_share", WEEK, share),
            _series("exhaustion", WEEK, exhaustion),
            self.caseload.sustainable_weekly_hours(),
            lagged_correlation(pairs),
            len(pairs),
            has_any or bool(self.vault.scalar("SELECT EXISTS (SELECT 1 FROM self_care_checkins)")),
        )

    # -- 4. self-care -------------------------------------------------------------------------------
    def selfcare_habits(self, span: DateRange) -> SelfCareTrend:
        """Sleep, exercise, peer support, supervision and days off per week (per month beyond a year)."""
        resolution = selfcare_resolution(span)
        # Days with support or off are small counts: per week they zig-zag between 0 and 2, so
        # beyond a few months they are counted per month.
        support_resolution = ratings_resolution(span)

        def habit(metric: str, key: str, use_total: bool, per: str) -> TrendSeries:
            by_period = (
                self.selfcare_trends.weekly_series if per == WEEK else self.selfcare_trends.monthly_series
            )
            rows = by_period(metric, span.start, span.end)
            if use_total:
                rows = [r for r in rows if whole_period(r.period_start, per, span)]
            return _series(key, per, _period_points(rows, SOURCE_CHECK_IN, use_total))

        sleep = habit("sleep_hours", "sleep", False, resolution)
        exercise = habit("exercise_minutes", "exercise", True, resolution)
        peer = habit("peer_support", "peer_support", True, support_resolution)
        supervision = habit("supervision", "supervision", True, support_resolution)
        days_off = self._days_off(span, support_resolution)
        has_any = any(not s.empty for s in (sleep, exercise, peer, supervision)) or any(
            p.value for p in days_off.points
        )
        if not has_any:
            has_any = self.selfcare.first_activity() is not None
        return SelfCareTrend(
            span, resolution, support_resolution, sleep, exercise, peer, supervision, days_off, has_any
        )

    def _days_off(self, span: DateRange, resolution: str) -> TrendSeries:
        first = self.selfcare.first_activity()
        if first is None:
            return _series("days_off", resolution, ())
        counts = (
            dict.fromkeys(periods_between(max(first, span.start), span.end, resolution), 0)
            if first <= span.end
            else {}
        )
        for day in self.selfcare.days_off(span.start, span.end):
            bucket = period_start(day, resolution)
            counts[bucket] = counts.get(bucket, 0) + 1
        points = (
            TrendPoint(d, float(n), SOURCE_TIME_OFF, n)
            for d, n in sorted(counts.items())
            if whole_period(d, resolution, span)
        )
        return _series("days_off", resolution, points)

    # -- 5. bias-reflection coverage ------------------------------------------------------------------
    def reflections(self, span: DateRange, facets: Iterable[str] = FACETS) -> ReflectionTrend:
        """Reflections per period by theme, ADDRESSING dimension and assumption type (zeros kept),
        and the dimensions without a bias reflection in the last 90 days (counted from today).

        Only the heatmaps of ``facets`` are counted (the others are None): on a long journal each
        one is a join over every label, and the page shows one at a time.
        """
        period = heatmap_period(span)
        columns = tuple(periods_between(span.start, span.end, period))
        counters = {
            "theme": (THEMES, journal_trends.per_month_by_theme),
            "dimension": (ADDRESSING_DIMENSIONS, journal_trends.per_month_by_dimension),
            "assumption_type": (ASSUMPTION_TYPES, journal_trends.per_month_by_assumption_type),
        }
        heatmaps: dict[str, ReflectionHeatmap] = {}
        for facet in facets:
            if facet not in counters:
                raise InvalidEntry("Reflections can be counted by theme, dimension or assumption type.")
            rows, count = counters[facet]
            monthly = ((c.month, c.key, c.count) for c in count(self.vault, span.start, span.end))
            heatmaps[facet] = build_heatmap(facet, period, columns, rows, monthly)
        written = sum(m.count for m in journal_trends.reflections_per_month(self.vault, span.start, span.end))
        now = self.clock.now()
        now = now if now.tzinfo is not None else now.astimezone()
        coverage = journal_trends.dimension_coverage(self.vault, now, COVERAGE_DAYS)
        missing = tuple(c.dimension for c in coverage if c.reflections_in_window == 0)
        has_any = written > 0 or bool(
            self.vault.scalar("SELECT EXISTS (SELECT 1 FROM notes WHERE deleted_at IS NULL)")
        )
        return ReflectionTrend(
            span,
            heatmaps.get("theme"),
            heatmaps.get("dimension"),
            heatmaps.get("assumption_type"),
            written,
            missing,
            has_any,
        )

    # -- 6. alliance and Rogers' conditions -------------------------------------------------------------
    def alliance(self, span: DateRange, level: str | None = None) -> AllianceTrend:
        """Mean self-ratings (1–5) per month (per week in short ranges), optionally for the sessions
        of one program level: the client's level on the session's date, from the level history."""
        if level is not None and level not in PROGRAM_LEVELS:
            raise InvalidEntry("Choose one of the program levels, or all of them.")
        resolution = ratings_resolution(span)
        rows = self.self_ratings.rows(span, resolution, level)
        ratings = []
        for index, name in enumerate(SELF_RATINGS):
            points = (
                TrendPoint(
                    date.fromisoformat(row[0]),
                    float(row[1 + 2 * index]),
                    SOURCE_SESSIONS,
                    int(row[2 + 2 * index]),
                )
                for row in rows
                if row[2 + 2 * index]
            )
            ratings.append(_series(name, resolution, points))
        trend = AllianceTrend(span, resolution, level, tuple(ratings), has_any=True)
        if trend.empty:
            trend = AllianceTrend(
                span, resolution, level, tuple(ratings), has_any=self.self_ratings.any_rated()
            )
        return trend


__all__ = [
    "CBI_THRESHOLD",
    "DAY",
    "MONTH",
    "SOURCE_CBI",
    "SOURCE_CHECK_IN",
    "SOURCE_JOURNAL",
    "SOURCE_SESSIONS",
    "SOURCE_SINGLE_ITEM",
    "SOURCE_TIME_OFF",
    "TAKEN",
    "WEEK",
    "AllianceTrend",
    "BurnoutTrend",
    "DateRange",
    "LaggedCorrelation",
    "LoadTrend",
    "ReflectionHeatmap",
    "ReflectionTrend",
    "SelfCareTrend",
    "TrendPoint",
    "TrendSeries",
    "TrendsService",
    "WellbeingTrend",
    "build_heatmap",
]
