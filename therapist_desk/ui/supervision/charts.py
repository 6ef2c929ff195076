"""Simple painted charts for supervision summaries: one painter for the screen and the PDF.

A summary's charts are redrawn from the numbers in the summary (services/summary_charts.py),
on the supervisor's side as well as in the supervisee's PDF. Painting them directly keeps both
identical and deterministic offscreen. Labels are drawn as plain text (``drawText``), never
as rich text, whatever a received file holds.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from therapist_desk.services.summary_charts import BAR, HBAR, LINE, ChartSpec
from therapist_desk.services.summary_text import number
from therapist_desk.ui.theme import palette_is_dark

LIGHT_SERIES = ("#2f7a6d", "#c27a12", "#6b5ca5")
DARK_SERIES = ("#7cc7b8", "#f0b35a", "#b4a7e6")


@dataclass(frozen=True)
class ChartColours:
    text: QColor
    muted: QColor
    grid: QColor
    reference: QColor
    series: tuple[QColor, ...]

    @classmethod
    def for_palette(cls, palette: QPalette) -> ChartColours:
        dark = palette_is_dark(palette)
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlphaF(0.7)
        grid = QColor(text)
        grid.setAlphaF(0.15)
        return cls(
            text,
            muted,
            grid,
            QColor("#e08a7b" if dark else "#b3261e"),
            tuple(QColor(c) for c in (DARK_SERIES if dark else LIGHT_SERIES)),
        )

    @classmethod
    def for_paper(cls) -> ChartColours:
        return cls(
            QColor("#1f2124"),
            QColor("#5b6770"),
            QColor("#dde1e4"),
            QColor("#b3261e"),
            tuple(map(QColor, LIGHT_SERIES)),
        )


@dataclass(frozen=True)
class HitBox:
    rect: QRectF
    text: str


def paint_chart(
    painter: QPainter, area: QRectF, spec: ChartSpec, colours: ChartColours, font: QFont
) -> list[HitBox]:
    """Draw ``spec`` inside ``area``; returns the hover boxes with each value's exact text."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    line_height = metrics.height()
    title_font = QFont(font)
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.setPen(colours.text)
    painter.drawText(
        QRectF(area.left(), area.top(), area.width(), line_height * 1.3),
        Qt.AlignmentFlag.AlignLeft,
        spec.title,
    )
    painter.setFont(font)
    top = area.top() + line_height * 1.6
    rows = _legend_rows(spec, colours, metrics, area.width())
    legend_height = line_height * 1.4 * len(rows)
    body = QRectF(area.left(), top, area.width(), area.bottom() - top - legend_height)
    if spec.kind == HBAR:
        boxes = _paint_hbars(painter, body, spec, colours, metrics)
    else:
        boxes = _paint_columns(painter, body, spec, colours, metrics)
    if rows:
        legend = QRectF(area.left(), area.bottom() - legend_height, area.width(), legend_height)
        _paint_legend(painter, legend, rows, colours, metrics)
    painter.restore()
    return boxes


def _paint_columns(
    painter: QPainter, body: QRectF, spec: ChartSpec, colours: ChartColours, metrics: QFontMetricsF
) -> list[HitBox]:
    divisions = 5 if float(spec.y_max / 5).is_integer() else 4
    ticks = [spec.y_max * tick / divisions for tick in range(divisions + 1)]
    axis_width = max(metrics.horizontalAdvance(number(t)) for t in ticks) + 10
    label_height = metrics.height() + 6
    top = body.top() + metrics.height() / 2 + 2  # room for the top tick's label
    plot = QRectF(
        body.left() + axis_width, top, body.width() - axis_width - 8, body.bottom() - top - label_height
    )
    count = max(1, len(spec.categories))
    step = plot.width() / count

    def y_of(value: float) -> float:
        return plot.bottom() - plot.height() * max(0.0, min(value, spec.y_max)) / (spec.y_max or 1.0)

    for tick in ticks:
        y = y_of(tick)
        painter.setPen(QPen(colours.grid, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(colours.muted)
        painter.drawText(
            QRectF(body.left(), y - metrics.height() / 2, axis_width - 6, metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            number(tick),
        )
    every = max(1, int(count / max(1.0, plot.width() / (metrics.horizontalAdvance("00-00") + 12))) + 1)
    for index, label in enumerate(spec.categories):
        if index % every == 0:
            x = plot.left() + step * (index + 0.5)
            painter.drawText(
                QRectF(x - step * every / 2, plot.bottom() + 4, step * every, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )
    boxes: list[HitBox] = []
    series_count = len(spec.series)
    for s_index, series in enumerate(spec.series):
        colour = colours.series[s_index % len(colours.series)]
        if spec.kind == BAR:
            width = step * 0.7 / series_count
            for index, value in enumerate(series.values):
                if value is None:
                    continue
                x = plot.left() + step * index + step * 0.15 + width * s_index
                rect = QRectF(x, y_of(value), width, plot.bottom() - y_of(value))
                painter.fillRect(rect, colour)
                boxes.append(
                    HitBox(QRectF(x, plot.top(), width, plot.height()), _tip(spec, series.name, index, value))
                )
        elif spec.kind == LINE:
            painter.setPen(QPen(colour, 2))
            path, drawing = QPainterPath(), False
            for index, value in enumerate(series.values):
                if value is None:
                    drawing = False  # a gap stays a gap
                    continue
                point = QPointF(plot.left() + step * (index + 0.5), y_of(value))
                if drawing:
                    path.lineTo(point)
                else:
                    path.moveTo(point)
                drawing = True
                boxes.append(
                    HitBox(
                        QRectF(point.x() - 6, point.y() - 6, 12, 12), _tip(spec, series.name, index, value)
                    )
                )
            painter.drawPath(path)
            painter.setBrush(colour)
            for index, value in enumerate(series.values):
                if value is not None:
                    painter.drawEllipse(QPointF(plot.left() + step * (index + 0.5), y_of(value)), 3, 3)
            painter.setBrush(Qt.BrushStyle.NoBrush)
    if spec.reference is not None:
        painter.setPen(QPen(colours.reference, 1.5, Qt.PenStyle.DashLine))
        y = y_of(spec.reference)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    return boxes


def _paint_hbars(
    painter: QPainter, body: QRectF, spec: ChartSpec, colours: ChartColours, metrics: QFontMetricsF
) -> list[HitBox]:
    label_width = min(
        body.width() * 0.45, max((metrics.horizontalAdvance(c) for c in spec.categories), default=0) + 12
    )
    rows = max(1, len(spec.categories))
    row_height = body.height() / rows
    plot_left = body.left() + label_width
    value_width = metrics.horizontalAdvance(number(spec.y_max)) + 10
    plot_width = body.width() - label_width - value_width
    colour = colours.series[0]
    boxes = []
    for index, label in enumerate(spec.categories):
        y = body.top() + row_height * index
        painter.setPen(colours.text)
        text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 12)
        painter.drawText(
            QRectF(body.left(), y, label_width - 8, row_height),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        value = spec.series[0].values[index] if index < len(spec.series[0].values) else None
        if value is None:
            continue
        width = plot_width * min(value, spec.y_max) / (spec.y_max or 1.0)
        bar = QRectF(plot_left, y + row_height * 0.2, width, row_height * 0.6)
        painter.fillRect(bar, colour)
        painter.setPen(colours.muted)
        painter.drawText(
            QRectF(plot_left + width + 4, y, value_width, row_height),
            Qt.AlignmentFlag.AlignVCenter,
            number(value),
        )
        boxes.append(
            HitBox(QRectF(body.left(), y, body.width(), row_height), _tip(spec, label, index, value))
        )
    return boxes


def _legend_rows(
    spec: ChartSpec, colours: ChartColours, metrics: QFontMetricsF, width: float
) -> list[list[tuple[str, QColor, bool, float]]]:
    """The legend's entries (name, colour, dashed, x offset), wrapped into rows that fit ``width``."""
    items = [(s.name, colours.series[i % len(colours.series)], False) for i, s in enumerate(spec.series)]
    if spec.reference is not None and spec.reference_label:
        items.append((f"{spec.reference_label} ({number(spec.reference)})", colours.reference, True))
    if len(items) < 2 and spec.reference is None:
        return []
    rows: list[list[tuple[str, QColor, bool, float]]] = [[]]
    x = 0.0
    for name, colour, dashed in items:
        needed = 24 + metrics.horizontalAdvance(name) + 20
        if rows[-1] and x + needed - 20 > width:
            rows.append([])
            x = 0.0
        rows[-1].append((name, colour, dashed, x))
        x += needed
    return rows


def _paint_legend(
    painter: QPainter,
    area: QRectF,
    rows: list[list[tuple[str, QColor, bool, float]]],
    colours: ChartColours,
    metrics: QFontMetricsF,
) -> None:
    row_height = area.height() / max(1, len(rows))
    for index, row in enumerate(rows):
        top = area.top() + row_height * index
        middle = top + row_height / 2
        for name, colour, dashed, offset in row:
            x = area.left() + offset
            painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
            painter.drawLine(QPointF(x, middle), QPointF(x + 18, middle))
            painter.setPen(colours.muted)
            width = metrics.horizontalAdvance(name)
            painter.drawText(QRectF(x + 24, top, width + 4, row_height), Qt.AlignmentFlag.AlignVCenter, name)


def _tip(spec: ChartSpec, name: str, index: int, value: float) -> str:
    category = spec.categories[index] if index < len(spec.categories) else ""
    return f"{name}, {category}: {number(value)} {spec.unit}".strip()


def chart_image(spec: ChartSpec, size: QSize, font: QFont, scale: float = 2.0) -> QImage:
    """The chart on white paper (for the PDF), at ``scale`` times ``size`` pixels."""
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_chart(painter, QRectF(0, 0, size.width(), size.height()), spec, ChartColours.for_paper(), font)
    painter.end()
    return image


class ChartView(QWidget):
    """A chart on screen, with the exact value and its series as a tooltip."""

    def __init__(self, spec: ChartSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._boxes: list[HitBox] = []
        self.setAccessibleName(spec.title)
        self.setMinimumHeight(240 if spec.kind != HBAR else max(200, 26 * len(spec.categories) + 60))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(520, self.minimumHeight())

    def paintEvent(self, _event: object) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        colours = ChartColours.for_palette(self.palette())
        self._boxes = paint_chart(
            painter, QRectF(self.rect()).adjusted(8, 8, -8, -8), self.spec, colours, self.font()
        )
        painter.end()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            point = QPointF(event.pos())
            hit = next((b for b in self._boxes if b.rect.contains(point)), None)
            if hit is not None:
                # Tooltips guess at rich text; labels may come from a received file, so escape.
                QToolTip.showText(event.globalPos(), f"<p>{html.escape(hit.text)}</p>", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
