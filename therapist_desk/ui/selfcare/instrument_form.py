"""Taking a validated instrument (CBI, single item): one question per group of radio buttons.

Keyboard first: Tab moves to the next question, the arrow keys move the answer within a
question, the number keys 1–5 choose the answer in the order shown, and 0, Delete or Backspace
clear it. Questions may be skipped; the form explains the minimum-answered rule and shows,
per scale, whether enough has been answered for a score.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.instruments import Instrument, Item
from therapist_desk.ui.selfcare.common import focus_colour, surface_role, tr

LONG_LABEL = 40  # options longer than this get their own wrapped line
_NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
_CLEAR_KEYS = (Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up)
_NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)


class _OptionText(QLabel):
    """The wrapped text of a long option; clicking it chooses the option."""

    def __init__(self, text: str, button: QRadioButton, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._button = button

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._button.click()
        self._button.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class QuestionWidget(QFrame):
    """One item: its text and its response options as exclusive radio buttons."""

    answerChanged = Signal()

    def __init__(self, item: Item, position: int, total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"question-{item.id}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        self.restyle(False)
        heading = QLabel(f"{position}.  {item.text}", self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        font = heading.font()
        font.setWeight(font.Weight.DemiBold)
        heading.setFont(font)
        self.heading = heading
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        options = item.response_set.options
        vertical = any(len(o.label) > LONG_LABEL for o in options) and len(options) > 0
        row: QHBoxLayout | QVBoxLayout = QVBoxLayout() if vertical else QHBoxLayout()
        row.setSpacing(6 if vertical else 18)
        for number, option in enumerate(options, start=1):
            button = QRadioButton("" if vertical else option.label, self)
            button.setObjectName(f"{item.id}-{option.value}")
            button.setAccessibleName(option.label)
            button.setAccessibleDescription(
                self.tr("Question {n} of {total}: {text}").format(n=position, total=total, text=item.text)
            )
            button.setToolTip(self.tr("Press {n}").format(n=number))
            button.setProperty("value", option.value)
            button.installEventFilter(self)
            self.group.addButton(button, number - 1)
            self.buttons.append(button)
            if vertical:
                line = QHBoxLayout()
                line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
                line.addWidget(_OptionText(option.label, button, self), 1)
                row.addLayout(line)
            else:
                row.addWidget(button)
        if not vertical:
            row.addStretch(1)
        self.group.idToggled.connect(self._toggled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addLayout(row)
        self.setAccessibleName(self.tr("Question {n} of {total}").format(n=position, total=total))
        self.setAccessibleDescription(item.text)

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.answerChanged.emit()

    # -- the answer ----------------------------------------------------------------------
    def answer(self) -> str | None:
        checked = self.group.checkedButton()
        return None if checked is None else str(checked.property("value"))

    def set_answer(self, value: str | None) -> None:
        for button in self.buttons:
            if button.property("value") == value:
                button.setChecked(True)
                return
        self.clear()

    def clear(self) -> None:
        if self.group.checkedButton() is None:
            return
        # An exclusive group cannot uncheck its last button; lift exclusivity for a moment.
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        self.answerChanged.emit()

    def focus_answer(self) -> None:
        target = self.group.checkedButton() or self.buttons[0]
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def has_focus(self) -> bool:
        return any(b.hasFocus() for b in self.buttons)

    def _choose(self, index: int) -> None:
        index = max(0, min(index, len(self.buttons) - 1))
        button = self.buttons[index]
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.OtherFocusReason)

    def restyle(self, active: bool | None = None) -> None:
        """Card colours for the palette; the question being answered is tinted and framed."""
        if active is None:
            active = self.has_focus()
        palette = self.palette()
        app_palette = QApplication.palette()
        palette.setColor(
            QPalette.ColorRole.Window, focus_colour() if active else app_palette.color(surface_role())
        )
        self.setPalette(palette)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setFrameShape(QFrame.Shape.StyledPanel if active else QFrame.Shape.NoFrame)

    # -- keys ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.restyle(event.type() == QEvent.Type.FocusIn or self.has_focus())
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QRadioButton):
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        focused = self.buttons.index(watched) if watched in self.buttons else 0
        checked = self.group.checkedId()
        base = checked if checked >= 0 else focused
        if key in _NUMBER_KEYS and _NUMBER_KEYS[key] <= len(self.buttons):
            self._choose(_NUMBER_KEYS[key] - 1)
        elif key in _CLEAR_KEYS:
            self.clear()
        elif key in _PREVIOUS_KEYS:
            self._choose(base - 1 if checked >= 0 else base)
        elif key in _NEXT_KEYS:
            self._choose(base + 1 if checked >= 0 else base)
        else:
            return False
        return True


def keyboard_hint(instrument: Instrument) -> str:
    count = max(len(i.response_set.options) for i in instrument.items)
    if len(instrument.items) == 1:
        return tr(
            "Keys: 1–{n} choose an answer in the order shown, the arrow keys move it, Ctrl+Enter submits."
        ).format(n=count)
    return tr(
        "Keys: 1–{n} choose an answer in the order shown, the arrow keys move it, 0 clears it, "
        "Tab goes to the next question, Ctrl+Enter submits."
    ).format(n=count)


def rule_text(instrument: Instrument) -> str:
    """The minimum-answered rule in words, with each scale's numbers."""
    if len(instrument.items) == 1:
        return ""
    parts = [
        tr("{scale} {needed} of {count}").format(
            scale=s.title.lower(), needed=s.min_answered, count=len(s.item_ids)
        )
        for s in instrument.scales
    ]
    return tr(
        "Answers needed for a score: {parts}. With fewer, a scale shows as not scored, never as 0."
    ).format(parts=", ".join(parts))
