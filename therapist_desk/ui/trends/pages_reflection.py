"""Trends page 5: bias-reflection coverage, as period × label heatmaps with numbers in every cell."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QWidget

from therapist_desk.services.trends import SOURCE_JOURNAL, ReflectionTrend, TrendsService
from therapist_desk.ui.trends import summaries
from therapist_desk.ui.trends.chart_panel import Panel
from therapist_desk.ui.trends.common import ENTRY_KINDS, mark_when_checked, tr
from therapist_desk.ui.trends.heatmap import Heatmap
from therapist_desk.ui.trends.page import TrendsPage

# The shortcuts are actions of the Trends view: they also bring this page forward.
FACETS = (
    ("dimension", QT_TRANSLATE_NOOP("Trends", "ADDRESSING dimension"), "Alt+D"),
    ("theme", QT_TRANSLATE_NOOP("Trends", "Theme"), "Alt+T"),
    ("assumption_type", QT_TRANSLATE_NOOP("Trends", "Assumption type"), "Alt+A"),
)
TITLES = {
    "dimension": QT_TRANSLATE_NOOP("Trends", "Bias reflections by ADDRESSING dimension"),
    "theme": QT_TRANSLATE_NOOP("Trends", "Reflections by theme"),
    "assumption_type": QT_TRANSLATE_NOOP("Trends", "Bias reflections by assumption type"),
}


class HeatmapPanel(Panel):
    def __init__(self, chart_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(chart_id, title, parent)
        self.heatmap = Heatmap(self)
        self.heatmap.setObjectName("reflectionHeatmap")
        self.stack.addWidget(self.heatmap)
        self.heatmap.cellActivated.connect(
            lambda _key, day: self.pointActivated.emit(ENTRY_KINDS[SOURCE_JOURNAL], day)
        )

    def content(self) -> QWidget:
        return self.heatmap

    def restyle(self) -> None:
        super().restyle()
        self.heatmap.update()


class ReflectionPage(TrendsPage):
    page_id = "reflection"
    title = QT_TRANSLATE_NOOP("Trends", "Bias reflection")

    def __init__(self, trends: TrendsService, parent: QWidget | None = None) -> None:
        super().__init__(trends, parent)
        self.facet = "dimension"
        self.trend: ReflectionTrend | None = None
        chooser = QHBoxLayout()
        chooser.setSpacing(4)
        label = QLabel(tr("Count by:"), self)
        chooser.addWidget(label)
        self.facet_group = QButtonGroup(self)
        self.facet_buttons: dict[str, QPushButton] = {}
        for facet, text, shortcut in FACETS:
            button = QPushButton(tr(text), self)
            button.setCheckable(True)
            mark_when_checked(button)
            button.setObjectName(f"facet-{facet}")
            button.setToolTip(f"{tr(text)} ({shortcut})")
            button.setAccessibleName(tr("Count reflections by {what}").format(what=tr(text)))
            self.facet_group.addButton(button)
            self.facet_buttons[facet] = button
            chooser.addWidget(button)
            button.clicked.connect(lambda _checked=False, f=facet: self.show_facet(f))
        self.facet_buttons[self.facet].setChecked(True)
        chooser.addStretch(1)
        self.layout_.addLayout(chooser)
        self.panel = HeatmapPanel("reflection", tr(TITLES["dimension"]), self)
        self.adopt(self.panel, stretch=0)
        self.missing = self.note_label("trendsNotReflectedOn")
        self.layout_.addWidget(self.missing)
        self.layout_.addStretch(1)

    def show_facet(self, facet: str) -> None:
        self.facet = facet
        self.facet_buttons[facet].setChecked(True)
        self.panel.title = tr(TITLES[facet])
        self.panel.chart_id = f"reflection-{facet.replace('_', '-')}"
        if self.span is not None:
            self.redraw()

    def redraw(self) -> None:
        assert self.span is not None and self.words is not None
        # Only the facet on screen is counted; another one is counted when it is chosen.
        trend = self.trends.reflections(self.span, (self.facet,))
        self.trend = trend
        heatmap = {
            "dimension": trend.by_dimension,
            "theme": trend.by_theme,
            "assumption_type": trend.by_assumption_type,
        }[self.facet]
        assert heatmap is not None
        self.missing.setVisible(trend.has_any)
        self.missing.setText(summaries.not_reflected_text(trend.not_reflected_on, trend.coverage_days))
        if trend.empty:
            self.panel.show_empty(summaries.reflections_empty(trend.has_any, trend.span))
            return
        self.panel.heatmap.set_data(heatmap, tr(TITLES[self.facet]))
        self.panel.show_content(summaries.heatmap_summary(heatmap, self.words))
