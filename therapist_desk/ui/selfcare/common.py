"""Small shared pieces of the Self-care section: locale formatting, cards, status chips, actions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QColor, QFocusEvent, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QDoubleSpinBox,
    QFrame,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.indicators import CLEAR, NOT_ENOUGH_DATA, OFF, TRIGGERED


def tr(text: str) -> str:
    return QCoreApplication.translate("SelfCare", text)


# -- dates and numbers through QLocale ------------------------------------------------------
def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def long_date(day: date) -> str:
    """ "Monday, 2 March 2026" in the user's locale."""
    return QLocale().toString(to_qdate(day), QLocale.FormatType.LongFormat)


def short_date(day: date | None) -> str:
    if day is None:
        return tr("never")
    return QLocale().toString(to_qdate(day), QLocale.FormatType.ShortFormat)


def medium_date(day: date) -> str:
    """ "2 Mar 2026": readable in lists without the weekday."""
    return QLocale().toString(to_qdate(day), "d MMM yyyy")


DATE_EDIT_FORMAT = "d MMM yyyy"  # month names come from the locale; the day is the first section


def number(value: float, decimals: int = 1) -> str:
    """A number as a person writes it, in the locale: 50, 62.5, 58.3."""
    if abs(value - round(value)) < 0.5 * 10**-decimals:
        return QLocale().toString(int(round(value)))
    return QLocale().toString(float(value), "f", decimals)


def signed(value: float) -> str:
    if abs(value) < 0.05:
        return tr("no change")
    return ("+" if value > 0 else "−") + number(abs(value))


# -- colours that read on light and dark windows ---------------------------------------------
def is_dark() -> bool:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


_TONES = {
    # tone: (light background, light text, dark background, dark text)
    "attention": ("#fbe3c4", "#6b3a00", "#5a3d17", "#ffd9a8"),
    "calm": ("#d5ece6", "#1f4f47", "#244740", "#bfe7dd"),
    "quiet": ("#e6e8eb", "#3d4349", "#3a3d41", "#c9cdd2"),
    "support": ("#e7e0f5", "#3b2a66", "#4a3f6b", "#e6ddfb"),
}


def tone_colours(tone: str) -> tuple[QColor, QColor]:
    light_bg, light_fg, dark_bg, dark_fg = _TONES.get(tone, _TONES["quiet"])
    if is_dark():
        return QColor(dark_bg), QColor(dark_fg)
    return QColor(light_bg), QColor(light_fg)


def surface_role() -> QPalette.ColorRole:
    """The fill of cards: white (Base) in light mode; in dark mode Base is the colour of input
    fields, so cards use AlternateBase to keep spin boxes, check boxes and radios visible."""
    return QPalette.ColorRole.AlternateBase if is_dark() else QPalette.ColorRole.Base


def focus_colour() -> QColor:
    """A quiet tint of the highlight for "you are here" (the question being answered)."""
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    base = palette.color(surface_role())
    tint = palette.color(QPalette.ColorRole.Highlight)
    mix = 0.18
    return QColor(
        round(base.red() * (1 - mix) + tint.red() * mix),
        round(base.green() * (1 - mix) + tint.green() * mix),
        round(base.blue() * (1 - mix) + tint.blue() * mix),
    )


STATUS_TONES = {TRIGGERED: "attention", CLEAR: "calm", NOT_ENOUGH_DATA: "quiet", OFF: "quiet"}


def status_text(status: str) -> str:
    return {
        TRIGGERED: tr("Pattern found"),
        CLEAR: tr("Clear"),
        NOT_ENOUGH_DATA: tr("Not enough data yet"),
        OFF: tr("Off"),
    }.get(status, status)


class Chip(QLabel):
    """A small rounded label with a tone; the words carry the meaning, the colour only helps."""

    def __init__(self, text: str = "", tone: str = "quiet", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_tone(tone)

    def set_tone(self, tone: str) -> None:
        self._tone = tone
        self.restyle()

    def restyle(self) -> None:
        background, text = tone_colours(self._tone)
        self.setStyleSheet(
            f"QLabel {{ background: {background.name()}; color: {text.name()}; "
            "border-radius: 9px; padding: 2px 10px; }"
        )


class Card(QFrame):
    """A framed group with a heading, on the window's base colour."""

    def __init__(self, heading: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selfCareCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(surface_role())
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 14)
        self.body.setSpacing(8)
        self.heading: QLabel | None = None
        if heading:
            self.heading = heading_label(heading, self)
            self.body.addWidget(self.heading)

    def restyle(self) -> None:
        self.setBackgroundRole(surface_role())


def heading_label(text: str, parent: QWidget | None = None, *, scale: float = 1.15) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def plain_label(text: str = "", parent: QWidget | None = None, *, selectable: bool = False) -> QLabel:
    """Wrapped plain text: user data and instrument text are never read as HTML."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def bullet_list(lines: tuple[str, ...] | list[str], parent: QWidget | None = None) -> QLabel:
    return plain_label("\n".join(f"•  {line}" for line in lines), parent)


def add_action(
    owner: QWidget, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str, name: str
) -> QAction:
    """An action whose shortcut works while focus is anywhere inside ``owner``."""
    action = QAction(text, owner)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setObjectName(name)
    plain = text.replace("&", "")
    shortcut_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{plain} ({shortcut_text})" if shortcut_text else plain)
    owner.addAction(action)
    return action


def describe_shortcut(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def action_button(action: QAction, parent: QWidget | None = None, *, default: bool = False) -> QPushButton:
    """A push button that triggers ``action``, named for screen readers and showing its shortcut."""
    button = QPushButton(action.text(), parent)
    button.setAccessibleName(action.text().replace("&", ""))
    button.setToolTip(action.toolTip())
    button.setAutoDefault(True)  # Enter on a focused button presses it, also outside dialogs
    button.setDefault(default)
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    button.setEnabled(action.isEnabled())
    return button


def _select_on_focus(spin: QAbstractSpinBox, event: QFocusEvent) -> None:
    # Whatever brought the focus here (Tab, a shortcut, a new day), typing replaces the value
    # ("–" included); a mouse click keeps its usual caret placement.
    if event.reason() != Qt.FocusReason.MouseFocusReason:
        spin.selectAll()


class BlankableSpin(QSpinBox):
    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        _select_on_focus(self, event)


class BlankableDoubleSpin(QDoubleSpinBox):
    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        _select_on_focus(self, event)


# -- read-only lists in a table ----------------------------------------------------------------
ModelIndex = QModelIndex | QPersistentModelIndex


class ListTableModel(QAbstractTableModel):
    """A flat, read-only table over a list the subclass keeps: one row an item, the columns
    named by ``HEADERS`` (translated); subclasses give ``row_items()`` and ``data()``."""

    HEADERS: tuple[str, ...] = ()

    def row_items(self) -> Sequence[object]:
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.row_items())

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.HEADERS[section])
        return None


def setup_row_table(table: QTableView, model: QAbstractTableModel, accessible_name: str) -> None:
    """A table that picks one whole row at a time, is never edited in place, and has no row numbers."""
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
