"""Undo for deletes and edits: a short history (Ctrl+Z) and a transient "… — Undo" bar.

What is undone is held in memory only (the deleted session or goal, as the service handed it
back), and only for the life of the view: the vault's lock deletes the view and with it this
history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from therapist_desk.ui.caseload.themed import set_themed_icon
from therapist_desk.ui.widgets import set_tone

BAR_SECONDS = 12
MAX_STEPS = 20


@dataclass(frozen=True)
class UndoStep:
    description: str  # e.g. "Session deleted" (our words, never the user's text)
    undo: Callable[[], object]


class UndoHistory:
    """The most recent steps first; ``undo()`` runs and forgets the latest."""

    def __init__(self) -> None:
        self._steps: list[UndoStep] = []

    def push(self, description: str, undo: Callable[[], object]) -> None:
        self._steps.append(UndoStep(description, undo))
        del self._steps[:-MAX_STEPS]

    def pop(self) -> UndoStep | None:
        return self._steps.pop() if self._steps else None

    def __len__(self) -> int:
        return len(self._steps)

    def clear(self) -> None:
        self._steps.clear()


class MessageBar(QFrame):
    """One line under the section: "Session deleted — Undo", or a calm error sentence."""

    undoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseloadMessageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Messages"))
        self.text = QLabel(self)
        self.text.setObjectName("messageText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(self.tr("&Undo"), self)
        set_themed_icon(self.undo_button, "undo")
        self.undo_button.setAccessibleName(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undoRequested)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(self.tr("Dismiss message"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.setVisible(False)

    def show_undo(self, text: str) -> None:
        """E.g. "Session deleted": shown with an Undo button for a few seconds."""
        self._show(text, tone="", undo=True)

    def show_error(self, text: str) -> None:
        self._show(text, tone="error", undo=False)

    def show_info(self, text: str) -> None:
        self._show(text, tone="", undo=False)

    def _show(self, text: str, *, tone: str, undo: bool) -> None:
        self.text.setText(text)
        if tone:
            set_tone(self.text, tone)
        else:
            self.text.setProperty("tone", None)
            self.text.setPalette(self.palette())
        self.undo_button.setVisible(undo)
        self.setVisible(True)
        self._timer.start(BAR_SECONDS * 1000)

    def dismiss(self) -> None:
        self._timer.stop()
        self.setVisible(False)
