"""One line on a Trends chart, drawn as one ``QLineSeries`` per run of points without a gap.

A line is never drawn across days or weeks without data, and each run's data is replaced in one
call (``series.replace(points)``), never appended point by point. Hovering shows the exact value,
date and source; a click asks to open the entries behind the point.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCharts import QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QImage, QPen
from PySide6.QtWidgets import QToolTip

from therapist_desk.services.trends import TrendPoint, TrendSeries
from therapist_desk.ui.trends.common import ENTRY_KINDS, LineStyle, marker_image, source_text, x_position

if TYPE_CHECKING:
    from therapist_desk.ui.trends.chart_panel import ChartPanel

MARKERS_UP_TO = 120  # more points than this and markers would hide the line itself
Formatter = Callable[[TrendPoint], str]


class PlotLine(QObject):
    """A named line (or, for raw daily values, a scatter of dots) on a chart."""

    def __init__(
        self,
        panel: ChartPanel,
        name: str,
        style: LineStyle,
        y_axis: QValueAxis,
        formatter: Formatter,
        *,
        scatter: bool = False,
        marker_size: float = 9.0,
        markers: bool = True,
        smooth: bool = False,
    ) -> None:
        super().__init__(panel)
        self.panel = panel
        self.name = name
        self.style = style
        self.y_axis = y_axis
        self.formatter = formatter
        self.scatter = scatter
        self.marker_size = marker_size
        self.markers = markers
        self.smooth = smooth  # a rolling mean: short path, keeps its full width when dense
        self._dense = False
        self._pen_state = (False, smooth)
        self.data = TrendSeries(name, "day")
        self._xs: list[float] = []
        self._parts: list[QLineSeries | QScatterSeries] = []
        self._add_part()

    # -- data ---------------------------------------------------------------------------------
    def set_name(self, name: str) -> None:
        self.name = name
        for part in self._parts:
            part.setName(name)

    def set_series(self, series: TrendSeries, value: Callable[[float], float] | None = None) -> None:
        """Show ``series``; ``value`` maps a point's value onto the axis (e.g. a share to percent)."""
        self.data = series
        self._xs = [x_position(p, series.resolution, self.panel.span) for p in series.points]
        runs = [series.points] if self.scatter else series.runs()
        while len(self._parts) < len(runs):
            self._add_part()
        dense = len(series.points) > MARKERS_UP_TO
        if (dense, self.smooth) != self._pen_state:
            self._dense, self._pen_state = dense, (dense, self.smooth)
            for part in self._parts:
                self._style_part(part)
        xs = iter(self._xs)
        for index, part in enumerate(self._parts):
            run = runs[index] if index < len(runs) else ()
            map_value = value or float
            part.replace([QPointF(next(xs), map_value(p.value)) for p in run])
            if not self.scatter:
                # Markers only where they help: sparse lines, and single points that have no line.
                show = bool(run) and ((self.markers and not dense) or len(run) == 1)
                part.setLightMarker(marker_image(self.style) if show else QImage())
        self._show_in_legend(not series.empty)

    def _add_part(self) -> None:
        chart = self.panel.chart
        part: QLineSeries | QScatterSeries = QScatterSeries(self) if self.scatter else QLineSeries(self)
        part.setName(self.name)
        chart.addSeries(part)
        part.attachAxis(self.panel.x_axis)
        part.attachAxis(self.y_axis)
        part.hovered.connect(self._hovered)
        part.clicked.connect(self._clicked)
        self._parts.append(part)
        self._style_part(part)
        if len(self._parts) > 1:
            for marker in chart.legend().markers(part):
                marker.setVisible(False)

    def _show_in_legend(self, visible: bool) -> None:
        for marker in self.panel.chart.legend().markers(self._parts[0]):
            marker.setVisible(visible)

    # -- looks --------------------------------------------------------------------------------------
    def _style_part(self, part: QLineSeries | QScatterSeries) -> None:
        colour = self.style.colour()
        if isinstance(part, QScatterSeries):
            shapes = {
                "square": QScatterSeries.MarkerShape.MarkerShapeRectangle,
                "triangle": QScatterSeries.MarkerShape.MarkerShapeTriangle,
                "diamond": QScatterSeries.MarkerShape.MarkerShapeRotatedRectangle,
            }
            part.setMarkerShape(shapes.get(self.style.marker, QScatterSeries.MarkerShape.MarkerShapeCircle))
            part.setMarkerSize(self.marker_size)
            fill = QColor(colour)
            fill.setAlphaF(0.55)  # dots sit behind the mean line without hiding it
            part.setColor(fill)
            part.setBorderColor(colour)
        else:
            part.setPen(self._pen())
            part.setMarkerSize(self.marker_size + 2)
        if self.panel.chart.legend().markers(part):
            self.panel.chart.legend().markers(part)[0].setBrush(QBrush(colour))

    def _pen(self) -> QPen:
        pen = self.style.pen()
        if self._dense and not self.smooth and self.style.dash != Qt.PenStyle.SolidLine:
            # A wide dashed pen over hundreds of zig-zagging points takes Qt 200–450 ms to stroke;
            # at 1 px it takes under 10 (measured on ten years of weeks). Dashes still tell it apart.
            pen.setWidthF(1.0)
        return pen

    def restyle(self) -> None:
        for part in self._parts:
            self._style_part(part)
        self.set_series(self.data)

    # -- hover and click ------------------------------------------------------------------------------
    def nearest(self, x: float) -> TrendPoint | None:
        """The data point closest in time to ``x`` (milliseconds on the date axis)."""
        if not self._xs:
            return None
        i = bisect_left(self._xs, x)
        if i == len(self._xs) or (i > 0 and x - self._xs[i - 1] <= self._xs[i] - x):
            i -= 1
        return self.data.points[i]

    def describe(self, point: TrendPoint) -> str:
        return f"{self.name}: {self.formatter(point)}\n{source_text(point, self.data.resolution)}"

    def _hovered(self, position: QPointF, state: bool) -> None:
        point = self.nearest(position.x()) if state else None
        if point is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), self.describe(point), self.panel.view)

    def _clicked(self, position: QPointF) -> None:
        point = self.nearest(position.x())
        if point is not None:
            self.panel.pointActivated.emit(ENTRY_KINDS.get(point.source, point.source), point.day)

    def parts(self) -> list[QLineSeries | QScatterSeries]:
        return list(self._parts)
