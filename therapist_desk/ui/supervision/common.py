"""Small shared pieces of the Supervision section: words, plain-text labels, cards and actions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

# The section-neutral helpers are the Self-care section's, so that labels, actions and their
# buttons behave alike everywhere.
from therapist_desk.ui.selfcare.common import action_button as action_button
from therapist_desk.ui.selfcare.common import add_action as add_action
from therapist_desk.ui.selfcare.common import from_qdate as from_qdate
from therapist_desk.ui.selfcare.common import plain_label
from therapist_desk.ui.selfcare.common import to_qdate as to_qdate

CONTEXT = "Supervision"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


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


def window_dialogs(parent: QWidget | None):  # type: ignore[no-untyped-def]
    """The window's DialogService (scripted in tests), when the view sits in the main window."""
    window = parent.window() if parent is not None else None
    return getattr(window, "dialogs", None)
