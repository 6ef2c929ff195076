"""Undo for deletes and edits: a short history (Ctrl+Z) and a transient "… — Undo" bar.

What is undone is held in memory only (the deleted session or goal, as the service handed it
back), and only for the life of the view: the vault's lock deletes the view and with it this
history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from therapist_desk.ui.caseload.themed import set_themed_icon
from therapist_desk.ui.widgets import MessageBar as SectionMessageBar

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


class MessageBar(SectionMessageBar):
    """One line under the section: "Session deleted — Undo", or a calm error sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            object_name="caseloadMessageBar",
            text_object_name="messageText",
            accessible_name=self.tr("Messages"),
            seconds=BAR_SECONDS,
            errors_stay=False,
            left_margin=10,
        )
        set_themed_icon(self.undo_button, "undo")
        self.undo_button.setToolTip(self.tr("Undo (Ctrl+Z)"))

    def show_undo(self, text: str) -> None:
        """E.g. "Session deleted": shown with an Undo button for a few seconds."""
        self.show_message(text, undo=True)

    def show_error(self, text: str) -> None:
        self.show_message(text, tone="error")

    def show_info(self, text: str) -> None:
        self.show_message(text)
