"""One chart on a Trends page: the QtCharts view or its empty state, a summary sentence, export."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QAbstractAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLegend,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.services.trends_math import DateRange
from therapist_desk.ui.resources import icon
from therapist_desk.ui.trends.common import STYLES, axis_bounds, axis_format, is_dark, palette, tr
from therapist_desk.ui.trends.plot_line import Formatter, PlotLine
from therapist_desk.ui.widgets import set_tone


def nice_step(span: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that cuts ``span`` into at most 7 steps (whole-number labels)."""
    if span <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(span / 7))
    return next(m * magnitude for m in (1, 2, 5, 10) if span / (m * magnitude) <= 7)


class Panel(QFrame):
    """The frame every Trends chart sits in: content or an empty state, a summary, and Export."""

    pointActivated = Signal(str, object)  # entry kind, datetime.date
    exportRequested = Signal(object, str)  # this panel, "png" | "png2x" | "svg"

    def __init__(self, chart_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_id = chart_id
        self.title = title
        self.summary = ""
        self.setObjectName(f"trendsPanel-{chart_id}")
        self.stack = QStackedWidget(self)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("trendsEmpty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        font = QFont(self.empty_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.empty_label.setFont(font)
        self.caption = QLabel(self)
        self.caption.setObjectName("trendsSummary")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        set_tone(self.caption, "muted")
        self.export_button = QToolButton(self)
        self.export_button.setText(tr("Export"))
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setAccessibleName(tr("Export the chart “{title}”").format(title=title))
        menu = QMenu(self.export_button)
        for kind, text in (
            ("png", tr("PNG image, chart size…")),
            ("png2x", tr("PNG image, double size…")),
            ("svg", tr("SVG drawing…")),
        ):
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=kind: self.exportRequested.emit(self, k))
        self.export_button.setMenu(menu)
        footer = QHBoxLayout()
        footer.setContentsMargins(4, 0, 4, 0)
        footer.addWidget(self.caption, 1)
        footer.addStretch(0)
        footer.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)
        self.stack.addWidget(self.empty_label)

    def content(self) -> QWidget:
        """The widget that is exported (the chart view or the heatmap)."""
        raise NotImplementedError

    def show_empty(self, text: str) -> None:
        """No data to draw: say what to log instead of showing an empty axis."""
        self.empty_label.setText(text)
        self.empty_label.setAccessibleName(text)
        set_tone(self.empty_label, "muted")
        self.stack.setCurrentWidget(self.empty_label)
        self.set_summary("")
        self.export_button.setVisible(False)

    def show_content(self, summary: str) -> None:
        self.stack.setCurrentWidget(self.content())
        self.set_summary(summary)
        self.export_button.setVisible(True)

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def set_summary(self, text: str) -> None:
        self.summary = text
        self.caption.setText(text)
        self.caption.setVisible(bool(text))
        self.content().setAccessibleDescription(text or self.empty_label.text())

    def restyle(self) -> None:
        set_tone(self.caption, "muted")
        set_tone(self.empty_label, "muted")
        self.export_button.setIcon(icon("export"))


class ChartPanel(Panel):
    def __init__(self, chart_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(chart_id, title, parent)
        self.chart = QChart()
        self.chart.setTitle(title)
        self.chart.setMargins(QMargins(6, 6, 6, 6))
        self.chart.setBackgroundRoundness(0)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        # The legend repeats each line's dash or marker shape, not only its colour.
        self.chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # a range change is instant
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(title)
        self.view.setMinimumHeight(220)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack.addWidget(self.view)
        self.x_axis = QDateTimeAxis()
        self.chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.span: DateRange | None = None
        self.lines: list[PlotLine] = []
        self.y_axes: list[QValueAxis] = []
        self.reference_items: list[QLineSeries] = []
        self.reference_labels: list[QGraphicsSimpleTextItem] = []
        self.chart.plotAreaChanged.connect(lambda _area: self._place_reference_labels())
        self.restyle()

    def content(self) -> QWidget:
        return self.view

    def add_y_axis(
        self, title: str, low: float, high: float, *, right: bool = False, fmt: str = "%.0f"
    ) -> QValueAxis:
        axis = QValueAxis()
        axis.setTitleText(title)
        axis.setRange(low, high)
        axis.setLabelFormat(fmt)
        self.chart.addAxis(axis, Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        # Grid lines of one axis only: two sets of horizontal lines that never meet are noise.
        axis.setProperty("showGrid", not right)
        self.y_axes.append(axis)
        self._style_axis(axis)
        return axis

    def add_line(
        self, name: str, style: str, axis: QValueAxis, formatter: Formatter, **kwargs: object
    ) -> PlotLine:
        line = PlotLine(self, name, STYLES[style], axis, formatter, **kwargs)  # type: ignore[arg-type]
        self.lines.append(line)
        return line

    def add_reference(self, name: str, axis: QValueAxis) -> QLineSeries:
        """A horizontal line at a fixed value (a threshold or the user's own limit)."""
        series = QLineSeries(self)
        series.setName(name)
        self.chart.addSeries(series)
        series.attachAxis(self.x_axis)
        series.attachAxis(axis)
        series.setPen(STYLES["reference"].pen())
        self.reference_items.append(series)
        return series

    def set_reference(self, series: QLineSeries, span: DateRange, value: float) -> None:
        low, high = axis_bounds(span)
        series.replace([QPointF(low.toMSecsSinceEpoch(), value), QPointF(high.toMSecsSinceEpoch(), value)])
        self._place_reference_labels()

    def label_reference(self, series: QLineSeries, text: str) -> QGraphicsSimpleTextItem:
        """Write ``text`` on the chart just above a reference line's right end."""
        item = QGraphicsSimpleTextItem(text, self.chart)
        item.setData(0, series)
        self.reference_labels.append(item)
        self._style_reference_label(item)
        return item

    def _place_reference_labels(self) -> None:
        area = self.chart.plotArea()
        for item in self.reference_labels:
            series = item.data(0)
            points = series.points() if series is not None else []
            if len(points) < 2 or not series.isVisible():
                item.setVisible(False)
                continue
            at = self.chart.mapToPosition(points[-1], series)
            box = item.boundingRect()
            item.setPos(area.right() - box.width() - 6, at.y() - box.height() - 1)
            item.setVisible(area.top() <= at.y() <= area.bottom())

    def _style_reference_label(self, item: QGraphicsSimpleTextItem) -> None:
        item.setBrush(QBrush(STYLES["reference"].colour()))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        item.setFont(font)

    def set_span(self, span: DateRange) -> None:
        """Set the date axis; call before ``set_series`` (points of weeks and months are placed in it)."""
        self.span = span
        low, high = axis_bounds(span)
        fmt, ticks = axis_format(span)
        self.x_axis.setFormat(fmt)
        self.x_axis.setTickCount(ticks)
        self.x_axis.setRange(low, high)

    def fit_axis(self, axis: QValueAxis, values: list[float], *, floor: float, minimum_top: float) -> None:
        """Scale a value axis from ``floor`` to a round top above its data (never below
        ``minimum_top``), with 4–7 round steps, so grid lines fall on numbers people read."""
        top = max([minimum_top, *values]) - floor
        step = nice_step(top)
        intervals = max(1, math.ceil(top / step - 1e-9))
        axis.setRange(floor, floor + intervals * step)
        axis.setTickCount(intervals + 1)

    # -- looks ------------------------------------------------------------------------------------------
    def _style_axis(self, axis: QAbstractAxis) -> None:
        colours = palette()
        text = colours.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlphaF(0.14)
        axis.setLabelsBrush(QBrush(text))
        axis.setTitleBrush(QBrush(text))
        axis.setGridLinePen(QPen(grid, 1))
        axis.setGridLineVisible(axis.property("showGrid") is not False)
        axis.setLinePen(QPen(QColor(grid.red(), grid.green(), grid.blue(), 90), 1))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        axis.setLabelsFont(font)
        axis.setTitleFont(font)

    def restyle(self) -> None:
        super().restyle()
        self.chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if is_dark() else QChart.ChartTheme.ChartThemeLight
        )
        colours = palette()
        self.chart.setBackgroundBrush(QBrush(colours.color(QPalette.ColorRole.Window)))
        self.chart.setPlotAreaBackgroundVisible(False)
        text = colours.color(QPalette.ColorRole.WindowText)
        self.chart.setTitleBrush(QBrush(text))
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.1)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.chart.setTitleFont(title_font)
        self.chart.legend().setLabelColor(text)
        for axis in [self.x_axis, *self.y_axes]:
            self._style_axis(axis)
        for series in self.reference_items:
            series.setPen(STYLES["reference"].pen())
        for item in self.reference_labels:
            self._style_reference_label(item)
        for line in self.lines:
            line.restyle()
