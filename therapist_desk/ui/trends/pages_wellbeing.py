"""Trends pages 1 and 2: burnout questionnaires, and daily exhaustion and energy."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from therapist_desk.services.trends import TrendPoint, TrendsService
from therapist_desk.services.trends_math import DAY
from therapist_desk.ui.trends import summaries
from therapist_desk.ui.trends.chart_panel import ChartPanel
from therapist_desk.ui.trends.common import number, tr
from therapist_desk.ui.trends.page import TrendsPage

CBI_LINES = (
    ("cbi.personal", QT_TRANSLATE_NOOP("Trends", "Personal burnout"), "blue"),
    ("cbi.work", QT_TRANSLATE_NOOP("Trends", "Work-related burnout"), "vermillion"),
    ("cbi.client", QT_TRANSLATE_NOOP("Trends", "Client-related burnout"), "green"),
)
SINGLE_ITEM_WORDS = {
    1: QT_TRANSLATE_NOOP("Trends", "enjoys work, no symptoms of burnout"),
    2: QT_TRANSLATE_NOOP("Trends", "occasionally under stress, not burned out"),
    3: QT_TRANSLATE_NOOP("Trends", "definitely burning out"),
    4: QT_TRANSLATE_NOOP("Trends", "symptoms won't go away"),
    5: QT_TRANSLATE_NOOP("Trends", "completely burned out"),
}


def _score(point: TrendPoint) -> str:
    return tr("{score} of 100").format(score=number(point.value))


def _single(point: TrendPoint) -> str:
    value = int(round(point.value))
    return tr("{value} of 5 ({words})").format(value=value, words=tr(SINGLE_ITEM_WORDS.get(value, "")))


def _rating(point: TrendPoint) -> str:
    return tr("{value} of 10").format(value=number(point.value))


def _rolling(point: TrendPoint) -> str:
    return tr("{value} of 10 (mean of {n} days with a check-in)").format(
        value=number(point.value), n=point.count
    )


class BurnoutPage(TrendsPage):
    page_id = "burnout"
    title = QT_TRANSLATE_NOOP("Trends", "Burnout scores")

    def __init__(self, trends: TrendsService, parent: QWidget | None = None) -> None:
        super().__init__(trends, parent)
        self.panel = ChartPanel("burnout", tr("Burnout questionnaires over time"), self)
        scores = self.panel.add_y_axis(tr("CBI scale score (0–100)"), 0, 100)
        scores.setTickCount(5)  # 0, 25, 50, 75, 100: the CBI's own answer codes, level with 1–5
        single = self.panel.add_y_axis(tr("Single item (1–5)"), 1, 5, right=True)
        single.setTickCount(5)
        self.scale_lines = [
            self.panel.add_line(tr(name), style, scores, _score) for _key, name, style in CBI_LINES
        ]
        self.single_line = self.panel.add_line(tr("Single-item burnout measure"), "purple", single, _single)
        self.threshold = self.panel.add_reference(tr("Commonly used threshold (50)"), scores)
        self.panel.label_reference(self.threshold, tr("commonly used threshold"))
        self.adopt(self.panel)

    def redraw(self) -> None:
        assert self.span is not None
        trend = self.trends.burnout(self.span)
        if trend.empty:
            self.panel.show_empty(summaries.burnout_empty(trend))
            return
        self.panel.set_span(self.span)
        for line, series in zip(self.scale_lines, trend.scales, strict=True):
            line.set_series(series)
        self.single_line.set_series(trend.single_item)
        self.panel.set_reference(self.threshold, self.span, trend.threshold)
        self.panel.show_content(summaries.burnout_summary(trend))


class WellbeingPage(TrendsPage):
    page_id = "wellbeing"
    title = QT_TRANSLATE_NOOP("Trends", "Exhaustion and energy")

    def __init__(self, trends: TrendsService, parent: QWidget | None = None) -> None:
        super().__init__(trends, parent)
        self.panel = ChartPanel("wellbeing", tr("Exhaustion and energy (daily check-in, 0–10)"), self)
        axis = self.panel.add_y_axis(tr("Rating (0–10)"), 0, 10)
        axis.setTickCount(6)
        self.exhaustion_days = self.panel.add_line(
            tr("Exhaustion, each day"), "vermillion", axis, _rating, scatter=True, marker_size=7
        )
        self.energy_days = self.panel.add_line(
            tr("Energy, each day"), "blue", axis, _rating, scatter=True, marker_size=7
        )
        # The means are smoothing lines: markers only where a mean stands alone between gaps.
        self.exhaustion_mean = self.panel.add_line(
            tr("Exhaustion, 7-day mean"), "vermillion", axis, _rolling, markers=False
        )
        self.energy_mean = self.panel.add_line(
            tr("Energy, 7-day mean"), "blue", axis, _rolling, markers=False
        )
        self.adopt(self.panel)

    def redraw(self) -> None:
        assert self.span is not None and self.words is not None
        trend = self.trends.wellbeing(self.span)
        if trend.empty:
            self.panel.show_empty(summaries.wellbeing_empty(trend))
            return
        self.panel.set_span(self.span)
        if trend.resolution == DAY:
            self.exhaustion_days.set_series(trend.exhaustion)
            self.energy_days.set_series(trend.energy)
            self.exhaustion_mean.set_name(tr("Exhaustion, 7-day mean"))
            self.energy_mean.set_name(tr("Energy, 7-day mean"))
            self.exhaustion_mean.formatter = self.energy_mean.formatter = _rolling
            self.exhaustion_mean.smooth = self.energy_mean.smooth = True
            self.exhaustion_mean.set_series(trend.exhaustion_rolling)
            self.energy_mean.set_series(trend.energy_rolling)
        else:
            # Beyond about a year, single days are a smear: show each week's mean as the line.
            self.exhaustion_days.set_series(trend.exhaustion_rolling)
            self.energy_days.set_series(trend.energy_rolling)
            self.exhaustion_mean.set_name(tr("Exhaustion, weekly mean"))
            self.energy_mean.set_name(tr("Energy, weekly mean"))
            self.exhaustion_mean.formatter = self.energy_mean.formatter = _rating
            self.exhaustion_mean.smooth = self.energy_mean.smooth = False
            self.exhaustion_mean.set_series(trend.exhaustion)
            self.energy_mean.set_series(trend.energy)
        self.panel.show_content(summaries.wellbeing_summary(trend, self.words))
