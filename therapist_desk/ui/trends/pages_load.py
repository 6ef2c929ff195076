"""Trends pages 3 and 4: weekly load beside exhaustion, and self-care habits."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from therapist_desk.services.trends import TrendPoint, TrendsService
from therapist_desk.services.trends_math import WEEK
from therapist_desk.ui.trends import summaries
from therapist_desk.ui.trends.chart_panel import ChartPanel
from therapist_desk.ui.trends.common import number, tr
from therapist_desk.ui.trends.page import TrendsPage

FORMAT_NAMES = {
    "individual": QT_TRANSLATE_NOOP("Trends", "individual"),
    "group": QT_TRANSLATE_NOOP("Trends", "group"),
    "family": QT_TRANSLATE_NOOP("Trends", "family"),
}


def _hours(point: TrendPoint) -> str:
    text = tr("{hours} hours in {n} sessions").format(hours=number(point.value), n=point.count)
    parts = [
        tr("{format} {hours} h").format(format=tr(FORMAT_NAMES.get(name, name)), hours=number(hours))
        for name, hours in point.detail
        if hours
    ]
    return text + (f" ({', '.join(parts)})" if parts else "")


def _sessions(point: TrendPoint) -> str:
    return tr("{n} sessions").format(n=int(point.value))


def _share(point: TrendPoint) -> str:
    return tr("{share}% of {n} rated sessions").format(share=number(point.value, 0), n=point.count)


def _exhaustion(point: TrendPoint) -> str:
    return tr("mean {value} of 10").format(value=number(point.value))


def _sleep(point: TrendPoint) -> str:
    return tr("{hours} hours a night on average").format(hours=number(point.value))


def _minutes(point: TrendPoint) -> str:
    return tr("{minutes} minutes").format(minutes=number(point.value, 0))


def _days(point: TrendPoint) -> str:
    return tr("{n} days").format(n=int(round(point.value)))


def _days_of(point: TrendPoint) -> str:
    return tr("{n} of {checked} check-ins").format(n=int(round(point.value)), checked=point.count)


class LoadPage(TrendsPage):
    page_id = "load"
    title = QT_TRANSLATE_NOOP("Trends", "Load")

    def __init__(self, trends: TrendsService, parent: QWidget | None = None) -> None:
        super().__init__(trends, parent)
        self.panel = ChartPanel("load", tr("Weekly load and exhaustion"), self)
        self.load_axis = self.panel.add_y_axis(tr("Hours and sessions per week"), 0, 30)
        exhaustion = self.panel.add_y_axis(tr("Mean exhaustion (0–10)"), 0, 10, right=True)
        exhaustion.setTickCount(6)
        share = self.panel.add_y_axis(tr("High-intensity share (%)"), 0, 100, right=True)
        share.setTickCount(6)
        self.hours = self.panel.add_line(tr("Session hours"), "blue", self.load_axis, _hours)
        # Sessions follow the hours closely: a plain dotted line, so the hours stay in front.
        self.sessions = self.panel.add_line(tr("Sessions"), "green", self.load_axis, _sessions, markers=False)
        self.share = self.panel.add_line(tr("High-intensity share"), "orange", share, _share)
        self.exhaustion = self.panel.add_line(tr("Mean exhaustion"), "vermillion", exhaustion, _exhaustion)
        self.limit = self.panel.add_reference(tr("Your sustainable limit"), self.load_axis)
        self.panel.label_reference(self.limit, tr("your sustainable limit"))
        self.adopt(self.panel)
        self.correlation = self.note_label("trendsCorrelation")
        self.layout_.addWidget(self.correlation)

    def redraw(self) -> None:
        assert self.span is not None and self.words is not None
        trend = self.trends.load(self.span)
        if trend.empty:
            self.panel.show_empty(summaries.load_empty(trend))
            self.correlation.setVisible(False)
            return
        self.panel.set_span(self.span)
        values = [p.value for p in trend.hours.points] + [p.value for p in trend.sessions.points]
        self.panel.fit_axis(self.load_axis, values, floor=0, minimum_top=trend.sustainable_hours + 5)
        self.hours.set_series(trend.hours)
        self.sessions.set_series(trend.sessions)
        self.share.set_series(trend.high_intensity_share)
        self.exhaustion.set_series(trend.exhaustion)
        self.limit.setName(
            tr("Your sustainable limit ({hours} h)").format(hours=number(trend.sustainable_hours))
        )
        self.panel.set_reference(self.limit, self.span, trend.sustainable_hours)
        self.panel.show_content(summaries.load_summary(trend, self.words))
        self.correlation.setText(summaries.correlation_text(trend))
        self.correlation.setVisible(True)


class SelfCarePage(TrendsPage):
    page_id = "selfcare"
    title = QT_TRANSLATE_NOOP("Trends", "Self-care")

    def __init__(self, trends: TrendsService, parent: QWidget | None = None) -> None:
        super().__init__(trends, parent)
        self.body = ChartPanel("sleep-exercise", tr("Sleep and exercise"), self)
        sleep_axis = self.body.add_y_axis(tr("Sleep (hours a night)"), 0, 12)
        sleep_axis.setTickCount(7)
        self.exercise_axis = self.body.add_y_axis(tr("Exercise (minutes per week)"), 0, 300, right=True)
        self.sleep = self.body.add_line(tr("Sleep"), "blue", sleep_axis, _sleep)
        self.exercise = self.body.add_line(tr("Exercise"), "green", self.exercise_axis, _minutes)
        self.adopt(self.body)
        self.rest = ChartPanel("support-rest", tr("Support and rest"), self)
        self.days_axis = self.rest.add_y_axis(tr("Days per week"), 0, 7)
        self.peer = self.rest.add_line(tr("Days with peer support"), "purple", self.days_axis, _days_of)
        self.supervision = self.rest.add_line(
            tr("Days with supervision"), "vermillion", self.days_axis, _days_of
        )
        self.days_off = self.rest.add_line(tr("Days off"), "orange", self.days_axis, _days)
        self.adopt(self.rest)

    def redraw(self) -> None:
        assert self.span is not None and self.words is not None
        trend = self.trends.selfcare_habits(self.span)
        if trend.empty:
            text = summaries.selfcare_empty(trend)
            self.body.show_empty(text)
            self.rest.show_empty(text)
            return
        for panel in (self.body, self.rest):
            panel.set_span(self.span)
        if trend.resolution == WEEK:
            self.exercise_axis.setTitleText(tr("Exercise (minutes per week)"))
        else:
            self.exercise_axis.setTitleText(tr("Exercise (minutes per month)"))
        if trend.support_resolution == WEEK:
            self.days_axis.setTitleText(tr("Days per week"))
            self.days_axis.setRange(0, 7)
            self.days_axis.setTickCount(8)
        else:
            self.days_axis.setTitleText(tr("Days per month"))
            counts = [
                p.value for s in (trend.peer_support, trend.supervision, trend.days_off) for p in s.points
            ]
            self.rest.fit_axis(self.days_axis, counts, floor=0, minimum_top=10)
        self.body.fit_axis(
            self.exercise_axis, [p.value for p in trend.exercise.points], floor=0, minimum_top=60
        )
        self.sleep.set_series(trend.sleep)
        self.exercise.set_series(trend.exercise)
        self.peer.set_series(trend.peer_support)
        self.supervision.set_series(trend.supervision)
        self.days_off.set_series(trend.days_off)
        summary = summaries.selfcare_summary(trend, self.words)
        self.body.show_content(summary)
        self.rest.show_content("")
        self.rest.set_summary(summary)
        self.rest.caption.setVisible(False)  # said once, under the first chart
