"""The charts of a supervision summary, described as plain data.

The supervisee's PDF and the supervisor's view both draw these from the summary's own numbers
(ui/supervision/charts.py paints them), so a chart on either side shows exactly the data
that was shared and nothing computed from anything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from therapist_desk.services.summary_document import SummaryDocument

LINE, BAR, HBAR = "line", "bar", "hbar"


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: tuple[float | None, ...]  # one per category; None is a gap, never zero


@dataclass(frozen=True)
class ChartSpec:
    id: str
    title: str
    kind: str  # LINE, BAR or HBAR
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    y_max: float
    unit: str  # for tooltips and the axis: "/ 10", "hours", "reflections"...
    reference: float | None = None  # a dashed line (e.g. the sustainable limit)
    reference_label: str = ""


def _short(day: str) -> str:
    # "2026-02-02" -> "02-02": the year is in the period line above every chart.
    return day[5:] if len(day) == 10 else day


def _has_values(series: tuple[ChartSeries, ...]) -> bool:
    return any(v is not None for s in series for v in s.values)


def chart_specs(doc: SummaryDocument) -> list[ChartSpec]:
    """Every chart the summary's data supports, in reading order."""
    charts: list[ChartSpec] = []
    care = doc.self_care
    if care is not None and care.weekly:
        series = tuple(
            ChartSeries(name, tuple(w.values.get(key) for w in care.weekly))
            for key, name in (("exhaustion", "Emotional exhaustion"), ("energy", "Energy"), ("mood", "Mood"))
        )
        if _has_values(series):
            charts.append(
                ChartSpec(
                    "self_care_weekly",
                    "Daily check-in: weekly means (0–10)",
                    LINE,
                    tuple(_short(w.week_start) for w in care.weekly),
                    series,
                    10.0,
                    "/ 10",
                )
            )
    if care is not None and care.cbi:
        series = tuple(
            ChartSeries(name, tuple(c.scores.get(key) for c in care.cbi))
            for key, name in (
                ("personal", "Personal"),
                ("work", "Work-related"),
                ("client", "Client-related"),
            )
        )
        charts.append(
            ChartSpec(
                "cbi",
                "Copenhagen Burnout Inventory (0–100)",
                LINE if len(care.cbi) > 1 else BAR,
                tuple(_short(c.taken_on) for c in care.cbi),
                series,
                100.0,
                "points",
                50.0,
                "commonly read as high",
            )
        )
    load = doc.caseload
    if load is not None and load.weekly:
        hours = tuple(w.hours for w in load.weekly)
        limit = load.sustainable_weekly_hours
        top = max([*hours, limit or 0.0, 1.0])
        charts.append(
            ChartSpec(
                "session_hours",
                "Session hours per week",
                BAR,
                tuple(_short(w.week_start) for w in load.weekly),
                (ChartSeries("Session hours", hours),),
                _nice_ceiling(top * 1.1),
                "hours",
                limit,
                "own sustainable limit" if limit is not None else "",
            )
        )
    themes = doc.themes
    if themes is not None:
        for chart_id, title, counts in (
            ("themes", "Reflections by theme", themes.by_theme),
            ("dimensions", "Bias reflections by ADDRESSING dimension", themes.by_dimension),
        ):
            if any(c.count for c in counts):
                charts.append(
                    ChartSpec(
                        chart_id,
                        title,
                        HBAR,
                        tuple(c.label for c in counts),
                        (ChartSeries("Reflections", tuple(float(c.count) for c in counts)),),
                        _nice_ceiling(max(c.count for c in counts)),
                        "reflections",
                    )
                )
    return charts


def _nice_ceiling(value: float) -> float:
    """A round axis maximum at or above ``value``: 1, 2, 5 or 10 times a power of ten."""
    if value <= 1:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)
