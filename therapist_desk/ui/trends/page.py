"""What every Trends page has: its panels, a refresh for a date range, and the signals it passes up."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from therapist_desk.services.trends import TrendsService
from therapist_desk.services.trends_math import DateRange
from therapist_desk.ui.trends.chart_panel import Panel
from therapist_desk.ui.trends.summaries import RangeWords
from therapist_desk.ui.widgets import set_tone


class TrendsPage(QWidget):
    """One tab of the Trends section. Only the visible page redraws when the range changes."""

    pointActivated = Signal(str, object)  # entry kind, datetime.date
    exportRequested = Signal(object, str)  # panel, "png" | "png2x" | "svg"

    page_id = ""
    title: object = ""  # English source text (QT_TRANSLATE_NOOP), shown through tr()

    def __init__(self, trends: TrendsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trends = trends
        self.setObjectName(f"trendsPage-{self.page_id}")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 8, 12, 8)
        self.layout_.setSpacing(8)
        self._panels: list[Panel] = []
        self.span: DateRange | None = None
        self.words: RangeWords | None = None

    def adopt(self, panel: Panel, stretch: int = 1) -> Panel:
        panel.pointActivated.connect(self.pointActivated)
        panel.exportRequested.connect(self.exportRequested)
        self._panels.append(panel)
        self.layout_.addWidget(panel, stretch)
        return panel

    def note_label(self, name: str) -> QLabel:
        """A plain-text sentence under the charts (a caution, a list of dimensions)."""
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def panels(self) -> list[Panel]:
        return list(self._panels)

    def refresh(self, span: DateRange, words: RangeWords) -> None:
        """Load this page's data for ``span`` and redraw."""
        self.span, self.words = span, words
        self.redraw()

    def redraw(self) -> None:
        raise NotImplementedError

    def restyle(self) -> None:
        for panel in self._panels:
            panel.restyle()
        for label in self.findChildren(QLabel):
            tone = label.property("tone")
            if tone:
                set_tone(label, str(tone))
