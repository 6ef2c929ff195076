"""Small shared pieces of the Supervision section: words, plain-text labels, cards and actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

CONTEXT = "Supervision"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def plain_label(text: str = "", parent: QWidget | None = None, *, selectable: bool = False) -> QLabel:
    """Wrapped plain text: words from a note or a received file are never read as HTML."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading_label(text: str, parent: QWidget | None = None, *, scale: float = 1.15) -> QLabel:
    label = plain_label(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def muted(label: QLabel) -> QLabel:
    palette = label.palette()
    colour = palette.color(QPalette.ColorRole.WindowText)
    colour.setAlphaF(0.72)
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    return label


def fixed_font(scale: float = 1.0) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    return font


class Card(QFrame):
    """A framed group with a heading, on the window's base colour."""

    def __init__(self, heading: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # AlternateBase, not Base: text boxes (Base) must stand out from the card in dark mode too.
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.body.setSpacing(6)
        if heading:
            self.body.addWidget(heading_label(heading, self))


def add_action(owner: QWidget, text: str, shortcut: str, name: str) -> QAction:
    """An action whose shortcut works while the focus is anywhere inside ``owner``."""
    action = QAction(text, owner)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setObjectName(name)
    plain = text.replace("&", "")
    shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{plain} ({shown})" if shown else plain)
    owner.addAction(action)
    return action


def action_button(action: QAction, parent: QWidget | None = None, *, default: bool = False) -> QPushButton:
    """A button that triggers ``action``, named for screen readers and showing its shortcut."""
    button = QPushButton(action.text(), parent)
    button.setAccessibleName(action.text().replace("&", ""))
    button.setToolTip(action.toolTip())
    button.setAutoDefault(True)
    button.setDefault(default)
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    button.setEnabled(action.isEnabled())
    return button


def window_dialogs(parent: QWidget | None):  # type: ignore[no-untyped-def]
    """The window's DialogService (scripted in tests), when the view sits in the main window."""
    window = parent.window() if parent is not None else None
    return getattr(window, "dialogs", None)
