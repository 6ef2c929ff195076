"""Trends page 6: alliance and Rogers' conditions, the therapist's own session ratings over time."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from therapist_desk.domain.caseload import PROGRAM_LEVELS
from therapist_desk.services.trends import TrendPoint, TrendsService
from therapist_desk.ui.trends import summaries
from therapist_desk.ui.trends.chart_panel import ChartPanel
from therapist_desk.ui.trends.common import level_label, number, tr
from therapist_desk.ui.trends.page import TrendsPage

RATING_LINES = (
    ("alliance", QT_TRANSLATE_NOOP("Trends", "Alliance"), "blue"),
    ("congruence", QT_TRANSLATE_NOOP("Trends", "Congruence"), "vermillion"),
    ("positive_regard", QT_TRANSLATE_NOOP("Trends", "Positive regard"), "green"),
    ("empathy", QT_TRANSLATE_NOOP("Trends", "Empathy"), "purple"),
)


def _mean_rating(point: TrendPoint) -> str:
    return tr("mean {value} of 5 from {n} sessions").format(value=number(point.value, 2), n=point.count)


class AlliancePage(TrendsPage):
    page_id = "alliance"
    title = QT_TRANSLATE_NOOP("Trends", "Alliance")

    def __init__(self, trends: TrendsService, parent: QWidget | None = None) -> None:
        super().__init__(trends, parent)
        row = QHBoxLayout()
        label = QLabel(tr("Program level:"), self)
        self.level = QComboBox(self)
        self.level.setObjectName("trendsLevel")
        self.level.setAccessibleName(tr("Program level"))
        self.level.setToolTip(tr("Program level (Alt+P)"))
        self.level.addItem(tr("All levels"), None)
        for level in PROGRAM_LEVELS:
            self.level.addItem(level_label(level), level)
        label.setBuddy(self.level)
        row.addWidget(label)
        row.addWidget(self.level)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.panel = ChartPanel("alliance", tr("Alliance and Rogers' conditions (your self-ratings)"), self)
        axis = self.panel.add_y_axis(tr("Mean self-rating (1–5)"), 1, 5)
        axis.setTickCount(5)
        self.lines = [
            self.panel.add_line(tr(name), style, axis, _mean_rating) for _key, name, style in RATING_LINES
        ]
        self.adopt(self.panel)
        self.level.currentIndexChanged.connect(lambda _index: self.redraw() if self.span else None)

    def set_level(self, level: str | None) -> None:
        self.level.setCurrentIndex(0 if level is None else max(0, self.level.findData(level)))

    def redraw(self) -> None:
        assert self.span is not None and self.words is not None
        trend = self.trends.alliance(self.span, self.level.currentData())
        if trend.empty:
            self.panel.show_empty(summaries.alliance_empty(trend))
            return
        self.panel.set_span(self.span)
        for line, series in zip(self.lines, trend.ratings, strict=True):
            line.set_series(series)
        self.panel.show_content(summaries.alliance_summary(trend, self.words))
