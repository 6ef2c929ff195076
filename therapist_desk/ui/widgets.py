"""Small building blocks shared by the lock, first-run and settings views."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.ui.resources import app_icon, icon

PANEL_WIDTH = 520


def title_label(text: str, parent: QWidget | None = None, *, scale: float = 1.6) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("pageTitle")
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def body_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def set_tone(label: QLabel, tone: str) -> None:
    """Colour a label as "error" or "muted" text, readable on light and dark windows.

    The tone is remembered on the label, so ``retone`` can repaint it when the palette flips.
    """
    label.setProperty("tone", tone)
    app = QApplication.instance()
    base = app.palette() if isinstance(app, QApplication) else label.palette()
    dark = base.color(QPalette.ColorRole.Window).lightness() < 128
    if tone == "error":
        colour = QColor("#ffb4ab") if dark else QColor("#b3261e")
    else:
        colour = QColor(base.color(QPalette.ColorRole.WindowText))
        colour.setAlphaF(0.72)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


def retone(root: QWidget) -> None:
    """Re-apply every label's and link's tone under ``root`` (after a light/dark switch)."""
    for widget in root.findChildren(QWidget):
        tone = widget.property("tone")
        if isinstance(widget, QLabel) and tone:
            set_tone(widget, str(tone))
        elif isinstance(widget, QPushButton) and tone == "link":
            link_button_style(widget)


def link_button_style(button: QPushButton) -> None:
    """A flat button drawn in the palette's link colour (e.g. "Forgot passphrase?")."""
    button.setProperty("tone", "link")
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    app = QApplication.instance()
    base = app.palette() if isinstance(app, QApplication) else button.palette()
    palette = button.palette()
    palette.setColor(QPalette.ColorRole.ButtonText, base.color(QPalette.ColorRole.Link))
    button.setPalette(palette)


def muted_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Secondary text (paths, hints)."""
    label = body_label(text, parent)
    set_tone(label, "muted")
    return label


def message_label(object_name: str, parent: QWidget | None = None, *, tone: str = "") -> QLabel:
    """A wrapped, plain-text label for inline messages (errors, hints); hidden until used."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setVisible(False)
    if tone:
        set_tone(label, tone)
    return label


def app_logo(size: int = 72, parent: QWidget | None = None) -> QLabel:
    logo = QLabel(parent)
    logo.setPixmap(app_icon().pixmap(size, size))
    logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
    logo.setAccessibleName(QCoreApplication.translate("Widgets", "Therapist Desk logo"))
    return logo


class CenteredPanel(QWidget):
    """A fixed-width column in the middle of the window (lock screen, first run)."""

    def __init__(self, parent: QWidget | None = None, *, width: int = PANEL_WIDTH) -> None:
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.08)  # a touch larger: these pages are read, not scanned
        self.setFont(font)
        self.column = QFrame(self)
        self.column.setObjectName("centeredColumn")
        self.column.setFixedWidth(width)
        self.body = QVBoxLayout(self.column)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(12)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.column)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(2)
        outer.addLayout(row)
        outer.addStretch(3)


class BusyIndicator(QWidget):
    """An indeterminate bar with a sentence; hidden when idle."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName(text)
        self.label = QLabel(text, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self.setVisible(False)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setAccessibleName(text)


def describe_error(exc: BaseException) -> str:
    """The calm sentence for an expected error; a content-free one for anything else."""
    if isinstance(exc, TherapistDeskError):
        return exc.message
    return QCoreApplication.translate(
        "Widgets",
        "Something went wrong; nothing was changed. Details without any of your content are in the log.",
    )


class MessageBar(QFrame):
    """One calm line under a section: a message in our words, optionally with an Undo button.

    Shown for ``seconds`` and then hidden; with ``errors_stay`` an error stays until it is
    dismissed or replaced. Text is plain text, never HTML.
    """

    undoRequested = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        *,
        object_name: str,
        text_object_name: str,
        accessible_name: str,
        seconds: int,
        errors_stay: bool,
        left_margin: int,
    ) -> None:
        super().__init__(parent)
        self._seconds = seconds
        self._errors_stay = errors_stay
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(accessible_name)
        self.text = QLabel(self)
        self.text.setObjectName(text_object_name)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.undo_button = QPushButton(icon("undo"), _tr("&Undo"), self)
        self.undo_button.setAccessibleName(_tr("Undo"))
        self.undo_button.clicked.connect(self.undoRequested)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(_tr("Dismiss message"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(left_margin, 4, 6, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.kind = ""  # "error" while an error is shown
        self.setVisible(False)

    def show_message(self, text: str, *, tone: str = "", undo: bool = False) -> None:
        self.kind = tone
        self.text.setText(text)
        if tone:
            set_tone(self.text, tone)
        else:
            self.text.setProperty("tone", None)
            self.text.setPalette(self.palette())
        self.undo_button.setVisible(undo)
        self.setVisible(True)
        if self._errors_stay and tone == "error":
            self._timer.stop()
        else:
            self._timer.start(self._seconds * 1000)

    def dismiss(self) -> None:
        self._timer.stop()
        self.kind = ""
        self.setVisible(False)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MessageBar", text)
