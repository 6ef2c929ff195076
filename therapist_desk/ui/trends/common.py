"""Shared pieces of the Trends section: words, dates and numbers through QLocale, and how each
line looks so that it reads in colour, in greyscale and on light or dark windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QAbstractButton, QApplication

from therapist_desk.domain.caseload import PROGRAM_LEVEL_LABELS
from therapist_desk.domain.prompts import load_prompt_library
from therapist_desk.services.trends import (
    SOURCE_CBI,
    SOURCE_CHECK_IN,
    SOURCE_JOURNAL,
    SOURCE_SESSIONS,
    SOURCE_SINGLE_ITEM,
    SOURCE_TIME_OFF,
    TrendPoint,
)
from therapist_desk.services.trends_math import DAY, MONTH, QUARTER, TAKEN, WEEK, YEAR, DateRange, period_end

# What a click on a point asks the lead to open (``TrendsView.openEntriesRequested(kind, day)``).
ENTRY_KINDS = {
    SOURCE_CHECK_IN: "check_in",
    SOURCE_CBI: "assessment",
    SOURCE_SINGLE_ITEM: "assessment",
    SOURCE_SESSIONS: "sessions",
    SOURCE_TIME_OFF: "time_off",
    SOURCE_JOURNAL: "journal",
}


def tr(text: object) -> str:
    """Translate in the "Trends" context (``text`` may come from QT_TRANSLATE_NOOP, typed ``object``)."""
    return QCoreApplication.translate("Trends", str(text))


# -- dates and numbers -----------------------------------------------------------------------
def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


_NOON = QTime(12, 0)


def to_msecs(day: date) -> float:
    """Local noon of ``day`` on the date axis: a daylight-saving hour never moves it to another day.

    Python's local time (the same system zone Qt reads) is ~40 times faster here than building a
    QDateTime per point, which alone cost 180 ms for a ten-year load chart.
    """
    return datetime(day.year, day.month, day.day, 12).timestamp() * 1000.0


_HALF_DAY = 43_200_000.0


def x_position(point: TrendPoint, resolution: str, span: DateRange | None) -> float:
    """Where a point sits on the date axis: a day at its noon, a week or month at the middle of
    the part of it inside the range (so a month that began before the range stays on the chart)."""
    if resolution in (DAY, TAKEN) or span is None:
        return to_msecs(point.day)
    first = max(point.day, span.start)
    last = min(period_end(point.day, resolution), span.end)
    if last < first:
        return to_msecs(point.day)
    return (to_msecs(first) - _HALF_DAY + to_msecs(last) + _HALF_DAY) / 2


def axis_bounds(span: DateRange) -> tuple[QDateTime, QDateTime]:
    return QDateTime(to_qdate(span.start), QTime(0, 0)), QDateTime(to_qdate(span.end), QTime(23, 59))


def axis_format(span: DateRange) -> tuple[str, int]:
    """A QDateTimeAxis label format and tick count that suit the range's length."""
    days = span.days
    if days <= 31:
        return "d MMM", 5
    if days <= 120:
        return "d MMM", 7
    if days <= 2200:
        return "MMM yyyy", 7
    years = days // 365
    return "yyyy", max(2, min(8, years + 1))


def medium_date(day: date) -> str:
    return QLocale().toString(to_qdate(day), "d MMM yyyy")


def month_name(day: date) -> str:
    return QLocale().toString(to_qdate(day), "MMMM yyyy")


def number(value: float, decimals: int = 1) -> str:
    """A number as a person writes it, in the locale: 50, 62.5."""
    if abs(value - round(value)) < 0.5 * 10**-decimals:
        return QLocale().toString(int(round(value)))
    return QLocale().toString(float(value), "f", decimals)


def fixed(value: float, decimals: int = 1) -> str:
    """A mean with its decimals kept (4.0, not 4), in the locale."""
    return QLocale().toString(float(value), "f", decimals)


def period_label(day: date, resolution: str) -> str:
    """ "2 Mar 2026", "week of 2 Mar 2026", "March 2026", "Q1 2026", "2026"."""
    if resolution in (DAY, TAKEN):
        return medium_date(day)
    if resolution == WEEK:
        return tr("week of {date}").format(date=medium_date(day))
    if resolution == MONTH:
        return month_name(day)
    if resolution == QUARTER:
        return tr("Q{quarter} {year}").format(quarter=(day.month - 1) // 3 + 1, year=day.year)
    if resolution == YEAR:
        return str(day.year)
    return medium_date(day)


def source_text(point: TrendPoint, resolution: str) -> str:
    """Where a point's number comes from, in the user's words: "CBI, taken 1 Mar 2026"."""
    when = period_label(point.day, resolution)
    if point.source == SOURCE_CBI:
        return tr("Copenhagen Burnout Inventory, taken {date}").format(date=medium_date(point.day))
    if point.source == SOURCE_SINGLE_ITEM:
        return tr("Single-item burnout measure, taken {date}").format(date=medium_date(point.day))
    if point.source == SOURCE_CHECK_IN:
        if resolution == DAY and point.count <= 1:
            return tr("Daily check-in, {date}").format(date=when)
        return tr("Daily check-ins, {period} ({n} with a value)").format(period=when, n=point.count)
    if point.source == SOURCE_SESSIONS:
        return tr("Sessions logged, {period}").format(period=when)
    if point.source == SOURCE_TIME_OFF:
        return tr("Time off, {period}").format(period=when)
    if point.source == SOURCE_JOURNAL:
        return tr("Reflections, {period}").format(period=when)
    return when


def level_label(level: str) -> str:
    return tr(PROGRAM_LEVEL_LABELS.get(level, level))


def facet_label(facet: str, key: str) -> str:
    library = load_prompt_library()
    if facet == "theme":
        return library.theme_label(key)
    if facet == "dimension":
        return library.dimension_label(key)
    return library.assumption_type_label(key)


# -- looks ---------------------------------------------------------------------------------------
def mark_when_checked(button: QAbstractButton) -> None:
    """The checked choice of a button row is bold, not only shaded (the shade is faint in dark Fusion)."""

    def update(checked: bool) -> None:
        font = QFont(button.font())
        font.setBold(checked)
        button.setFont(font)

    button.toggled.connect(update)
    update(button.isChecked())


def is_dark() -> bool:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def palette() -> QPalette:
    app = QApplication.instance()
    return app.palette() if isinstance(app, QApplication) else QPalette()


@dataclass(frozen=True)
class LineStyle:
    """Colour for the eye, dash and marker shape for greyscale prints and colour-blind readers."""

    light: str
    dark: str
    dash: Qt.PenStyle
    marker: str  # "circle", "square", "triangle", "diamond", "cross", "none"
    width: float = 2.0

    def colour(self) -> QColor:
        return QColor(self.dark if is_dark() else self.light)

    def pen(self) -> QPen:
        pen = QPen(self.colour(), self.width, self.dash)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen


# Okabe–Ito colours (distinguishable with the common colour-vision differences), lighter on dark.
STYLES = {
    "blue": LineStyle("#0072b2", "#56b4e9", Qt.PenStyle.SolidLine, "circle", 2.4),
    "vermillion": LineStyle("#c8501a", "#f0a070", Qt.PenStyle.DashLine, "square"),
    "green": LineStyle("#007a5a", "#3fd3a4", Qt.PenStyle.DotLine, "triangle", 2.4),
    "purple": LineStyle("#a4487f", "#e0a0c8", Qt.PenStyle.DashDotLine, "diamond"),
    "orange": LineStyle("#b07000", "#f0c050", Qt.PenStyle.DashDotDotLine, "cross"),
    "reference": LineStyle("#6b7178", "#a8adb3", Qt.PenStyle.DashLine, "none", 1.4),
}


def marker_image(style: LineStyle, size: int = 11, ratio: float = 2.0) -> QImage:
    """A filled marker with a contrasting outline, drawn at ``ratio`` for sharp exports."""
    image = QImage(int(size * ratio), int(size * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    if style.marker == "none":
        return image
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(ratio, ratio)
    outline = palette().color(QPalette.ColorRole.Base)
    painter.setPen(QPen(outline, 1.2))
    painter.setBrush(style.colour())
    inner = size - 2.0
    path = QPainterPath()
    c = size / 2
    if style.marker == "circle":
        path.addEllipse(QPointF(c, c), inner / 2, inner / 2)
    elif style.marker == "square":
        path.addRect(1.5, 1.5, size - 3, size - 3)
    elif style.marker == "triangle":
        path.addPolygon(QPolygonF([QPointF(c, 1), QPointF(size - 1, size - 1.5), QPointF(1, size - 1.5)]))
        path.closeSubpath()
    elif style.marker == "diamond":
        path.addPolygon(
            QPolygonF([QPointF(c, 0.5), QPointF(size - 0.5, c), QPointF(c, size - 0.5), QPointF(0.5, c)])
        )
        path.closeSubpath()
    else:  # a plus sign, as one outline so the arms join without a seam
        w, lo, hi = size / 2.4 / 2, 1.0, size - 1.0
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(c - w, lo),
                    QPointF(c + w, lo),
                    QPointF(c + w, c - w),
                    QPointF(hi, c - w),
                    QPointF(hi, c + w),
                    QPointF(c + w, c + w),
                    QPointF(c + w, hi),
                    QPointF(c - w, hi),
                    QPointF(c - w, c + w),
                    QPointF(lo, c + w),
                    QPointF(lo, c - w),
                    QPointF(c - w, c - w),
                ]
            )
        )
        path.closeSubpath()
    painter.drawPath(path)
    painter.end()
    return image
