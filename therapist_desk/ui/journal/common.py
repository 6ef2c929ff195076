"""Small shared pieces of the Journal section: timings, local times, actions, the message line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from therapist_desk.ui.resources import icon
from therapist_desk.ui.widgets import MessageBar

# Autosave: 700 ms after the last keystroke, and at most a second after the first unsaved one,
# so continuous typing is saved every second and nothing older than that can be lost.
AUTOSAVE_IDLE_MS = 700
AUTOSAVE_MAX_MS = 1000
SEARCH_DEBOUNCE_MS = 150
MESSAGE_SECONDS = 8


def tr(text: str) -> str:
    return QCoreApplication.translate("Journal", text)


# -- times in the user's locale and time zone -------------------------------------------------
def local(moment: datetime) -> datetime:
    """The moment in this computer's time zone (notes keep the offset they were written in)."""
    return moment.astimezone()


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _time(moment: datetime) -> str:
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def list_time(moment: datetime, today: date) -> str:
    """ "Today, 09:30", "Yesterday, 18:05" or "2 Mar 2026, 09:30" (local time)."""
    moment = local(moment)
    day = moment.date()
    if day == today:
        return tr("Today, {time}").format(time=_time(moment))
    if day == today - timedelta(days=1):
        return tr("Yesterday, {time}").format(time=_time(moment))
    return f"{QLocale().toString(to_qdate(day), 'd MMM yyyy')}, {_time(moment)}"


def long_time(moment: datetime) -> str:
    """ "Monday, 2 March 2026 at 09:30" in the user's locale and time zone."""
    moment = local(moment)
    day = QLocale().toString(to_qdate(moment.date()), QLocale.FormatType.LongFormat)
    return tr("{day} at {time}").format(day=day, time=_time(moment))


def qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def number(value: int) -> str:
    return QLocale().toString(value)


# -- kinds -------------------------------------------------------------------------------
def kind_label(kind: str) -> str:
    return {
        "free": tr("Reflection"),
        "gibbs": tr("Gibbs cycle"),
        "bias": tr("Bias reflection"),
    }.get(kind, kind)


# -- colours that read on light and dark windows -------------------------------------------------
def is_dark() -> bool:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def highlight_colours() -> tuple[QColor, QColor]:
    """Background and text of a search match: a soft marker colour, readable in both schemes."""
    if is_dark():
        return QColor("#6b5a1e"), QColor("#fff3c4")
    return QColor("#ffe58a"), QColor("#2b2100")


def muted_colour(palette: QPalette) -> QColor:
    colour = QColor(palette.color(QPalette.ColorRole.Text))
    colour.setAlphaF(0.66)
    return colour


def accent_colour(palette: QPalette) -> QColor:
    return QColor(palette.color(QPalette.ColorRole.Link))


# -- actions -------------------------------------------------------------------------------
def add_action(
    owner: QWidget,
    text: str,
    keys: str | QKeySequence.StandardKey,
    slot: Callable[[], object],
    *,
    icon_name: str = "",
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    """An action with a shortcut, a tooltip naming it, and the owner as its scope.

    A window shortcut of a section view is matched only while the view is visible, so it works
    wherever the focus is in this section and never from another one."""
    act = QAction(icon(icon_name), text, owner) if icon_name else QAction(text, owner)
    act.setProperty("iconName", icon_name)  # to recolour it when the palette flips
    act.setShortcut(QKeySequence(keys))
    act.setShortcutContext(context)
    plain = text.replace("&", "").replace("…", "")
    shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    act.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
    act.setStatusTip(act.toolTip())
    act.triggered.connect(lambda _checked=False: slot())
    owner.addAction(act)
    return act


def tool_button(action: QAction, parent: QWidget, *, text_beside: bool = True) -> QToolButton:
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setAutoRaise(True)
    button.setToolButtonStyle(
        Qt.ToolButtonStyle.ToolButtonTextBesideIcon if text_beside else Qt.ToolButtonStyle.ToolButtonIconOnly
    )
    button.setAccessibleName(action.text().replace("&", "").replace("…", ""))
    return button


def recolour_icons(root: QWidget) -> None:
    """Light/dark switched: redraw the icons of the actions under ``root`` in the new text colour."""
    for act in root.findChildren(QAction):
        name = act.property("iconName")
        if name:
            act.setIcon(icon(str(name)))


class MessageLine(MessageBar):
    """One calm line under the section: "Not saved: … your text is still here", or "Moved to the
    trash" with an Undo button. Non-modal; an error stays until it is resolved or dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            object_name="journalMessage",
            text_object_name="journalMessageText",
            accessible_name=tr("Journal messages"),
            seconds=MESSAGE_SECONDS,
            errors_stay=True,
            left_margin=12,
        )

    def show_error(self, text: str) -> None:
        self.show_message(text, tone="error")

    def show_info(self, text: str, *, undo: bool = False) -> None:
        self.show_message(text, undo=undo)
