"""A period × label grid of reflection counts, painted by hand.

Every cell carries its number, and the shade only repeats it, so the grid reads in greyscale
and for colour-blind users. It is keyboard-driven too: arrow keys move a focus cell whose
count is announced (tooltip and accessible description), Enter opens that period's entries.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from therapist_desk.services.trends import ReflectionHeatmap
from therapist_desk.services.trends_math import MONTH, QUARTER
from therapist_desk.ui.trends.common import facet_label, is_dark, period_label, to_qdate, tr

ROW_HEIGHT = 26
TITLE_GAP = 10


def _column_lines(day: date, period: str, first: bool) -> tuple[str, str]:
    """Two short lines under a column: "Mar" / "2026" (the year only where it changes)."""
    if period == MONTH:
        top = QLocale().toString(to_qdate(day), "MMM")
        return top, str(day.year) if first or day.month == 1 else ""
    if period == QUARTER:
        quarter = (day.month - 1) // 3 + 1
        return f"Q{quarter}", str(day.year) if first or quarter == 1 else ""
    return str(day.year), ""


class Heatmap(QWidget):
    cellActivated = Signal(str, object)  # row key, first day of the period

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.data: ReflectionHeatmap | None = None
        self.title = ""
        self.current = (0, 0)  # row, column of the keyboard focus cell

    def set_data(self, heatmap: ReflectionHeatmap, title: str) -> None:
        self.data = heatmap
        self.title = title
        rows, columns = len(heatmap.rows), len(heatmap.columns)
        self.current = (min(self.current[0], rows - 1), min(self.current[1], columns - 1))
        self.setAccessibleName(title)
        self.updateGeometry()
        self.update()

    # -- geometry -----------------------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.1)
        title.setWeight(QFont.Weight.DemiBold)
        return base, small, title

    def _layout(self) -> tuple[float, float, float, float]:
        """(left, top, cell width, cell height) of the grid."""
        assert self.data is not None
        base, small, title = self._fonts()
        label_width = max(
            (QFontMetrics(base).horizontalAdvance(self._row_label(k)) for k in self.data.rows), default=0
        )
        left = label_width + 16
        top = QFontMetrics(title).height() + TITLE_GAP + 8
        footer = 2 * QFontMetrics(small).height() + 8
        columns = max(1, len(self.data.columns))
        width = max(24.0, (self.width() - left - 12) / columns)
        height = min(
            float(ROW_HEIGHT + 6), max(18.0, (self.height() - top - footer) / max(1, len(self.data.rows)))
        )
        return left, top, width, height

    def _row_label(self, key: str) -> str:
        return facet_label(self.data.facet, key) if self.data else key

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        rows = len(self.data.rows) if self.data else 10
        return QSize(720, 80 + rows * ROW_HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        rows = len(self.data.rows) if self.data else 3
        return QSize(360, 60 + rows * 18)

    def cell_at(self, position: QPoint) -> tuple[int, int] | None:
        if self.data is None:
            return None
        left, top, width, height = self._layout()
        column = int((position.x() - left) // width)
        row = int((position.y() - top) // height)
        if position.x() < left or position.y() < top:
            return None
        if 0 <= row < len(self.data.rows) and 0 <= column < len(self.data.columns):
            return row, column
        return None

    def describe(self, row: int, column: int) -> str:
        assert self.data is not None
        count = self.data.counts[row][column]
        return tr("{label}, {period}: {n} reflections").format(
            label=self._row_label(self.data.rows[row]),
            period=period_label(self.data.columns[column], self.data.period),
            n=count,
        )

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if self.data is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.palette()
        text = colours.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlphaF(0.45)
        base, small, title_font = self._fonts()
        left, top, width, height = self._layout()
        painter.setFont(title_font)
        painter.setPen(text)
        painter.drawText(
            QRectF(0, 4, self.width(), QFontMetrics(title_font).height()),
            Qt.AlignmentFlag.AlignHCenter,
            self.title,
        )
        empty_cell = colours.color(QPalette.ColorRole.Base)
        full = QColor("#5fb8a6") if is_dark() else QColor("#1f6f62")
        highest = max(1, self.data.max_count)
        painter.setFont(base)
        for r, key in enumerate(self.data.rows):
            y = top + r * height
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y, left - 10, height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._row_label(key),
            )
            for c, count in enumerate(self.data.counts[r]):
                cell = QRectF(left + c * width + 1, y + 1, width - 2, height - 2)
                # Lightness steps, not hue, carry the count; the number is always written.
                share = 0.0 if count == 0 else 0.25 + 0.75 * count / highest
                fill = _mix(empty_cell, full, share)
                painter.setPen(QPen(muted, 0.6))
                painter.setBrush(fill)
                painter.drawRect(cell)
                if count:
                    painter.setPen(QColor("#ffffff") if _luminance(fill) < 0.18 else QColor("#111111"))
                else:
                    painter.setPen(muted)
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.setFont(small)
        line = QFontMetrics(small).height()
        grid_bottom = top + len(self.data.rows) * height
        for c, day in enumerate(self.data.columns):
            first, second = _column_lines(day, self.data.period, c == 0)
            x = left + c * width
            painter.setPen(text)
            painter.drawText(QRectF(x, grid_bottom + 4, width, line), Qt.AlignmentFlag.AlignHCenter, first)
            if second:
                painter.setPen(muted)
                painter.drawText(
                    QRectF(x - 10, grid_bottom + 4 + line, width + 20, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    second,
                )
        if self.hasFocus():
            r, c = self.current
            focus = QPen(colours.color(QPalette.ColorRole.Highlight), 2.5)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(left + c * width + 1, top + r * height + 1, width - 2, height - 2))
        painter.end()

    # -- interaction -------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(*cell), self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.current = cell
            self.update()
            self._activate(*cell)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self.data is None:
            super().keyPressEvent(event)
            return
        moves = {
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_Up: (-1, 0),
            Qt.Key.Key_Down: (1, 0),
        }
        key = Qt.Key(event.key())
        if key in moves:
            dr, dc = moves[key]
            r = max(0, min(len(self.data.rows) - 1, self.current[0] + dr))
            c = max(0, min(len(self.data.columns) - 1, self.current[1] + dc))
            self.current = (r, c)
            self.setAccessibleDescription(self.describe(r, c))
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate(*self.current)
            return
        super().keyPressEvent(event)

    def _activate(self, row: int, column: int) -> None:
        assert self.data is not None
        self.cellActivated.emit(self.data.rows[row], self.data.columns[column])


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


def _luminance(colour: QColor) -> float:
    """WCAG relative luminance: white text below about 0.18, black above, reads best."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )
