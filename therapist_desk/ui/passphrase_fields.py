"""Passphrase inputs: a field with a Caps Lock warning, and a new-passphrase form with a meter.

Strength comes from ``zxcvbn`` (score 0-4 with feedback). A new passphrase needs a score of
at least 2 and at least 8 characters. Qt offers no Caps Lock query, so the warning is
inferred from typed letters: an upper-case letter without Shift (or the reverse) means
Caps Lock is on, and the Caps Lock key itself toggles what we know.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from therapist_desk.ui.widgets import message_label

MIN_SCORE = 2
MIN_LENGTH = 8
_ZXCVBN_MAX = 72  # zxcvbn refuses longer input; a longer passphrase is scored on its start


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    label: str
    feedback: str
    acceptable: bool


def passphrase_strength(passphrase: str) -> Strength:
    """zxcvbn's score and advice, and whether the passphrase is good enough for a vault."""
    labels = [
        QCoreApplication.translate("Passphrase", "Very weak"),
        QCoreApplication.translate("Passphrase", "Weak"),
        QCoreApplication.translate("Passphrase", "Fair"),
        QCoreApplication.translate("Passphrase", "Strong"),
        QCoreApplication.translate("Passphrase", "Very strong"),
    ]
    if not passphrase:
        return Strength(0, "", "", False)
    # Imported on first use (~30 ms, ~13 MiB): only a new passphrase is rated, and the unlock
    # window must come up fast.
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:_ZXCVBN_MAX])
    score = int(result["score"])
    advice = [result["feedback"].get("warning") or ""] + list(result["feedback"].get("suggestions") or [])
    feedback = " ".join(part for part in advice if part)
    if len(passphrase) < MIN_LENGTH:
        feedback = QCoreApplication.translate(
            "Passphrase", "Use at least {n} characters; a few unrelated words work well."
        ).format(n=MIN_LENGTH)
    elif score < MIN_SCORE and not feedback:
        feedback = QCoreApplication.translate(
            "Passphrase", "Add another word or two; uncommon words are better."
        )
    return Strength(score, labels[score], feedback, score >= MIN_SCORE and len(passphrase) >= MIN_LENGTH)


class CapsLockWatcher(QObject):
    """Watches key presses in the fields it is installed on; ``changed(bool)`` on a change."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on = False

    @property
    def caps_lock_on(self) -> bool:
        return self._on

    def watch(self, field: QWidget) -> None:
        field.installEventFilter(self)

    def _set(self, on: bool) -> None:
        if on != self._on:
            self._on = on
            self.changed.emit(on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_CapsLock:
                self._set(not self._on)
            else:
                text = event.text()
                if len(text) == 1 and text.isalpha() and text.lower() != text.upper():
                    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    self._set(text.isupper() != shift)
        return False


def make_passphrase_edit(accessible_name: str, parent: QWidget | None = None) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setMaxLength(1024)
    # Input methods would see (and might remember) what is typed.
    field.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhSensitiveData)
    return field


def make_caps_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(QCoreApplication.translate("Passphrase", "Caps Lock is on."), parent)
    label.setObjectName("capsLockWarning")
    label.setAccessibleName(QCoreApplication.translate("Passphrase", "Caps Lock warning"))
    label.setVisible(False)
    return label


class NewPassphraseForm(QWidget):
    """Passphrase twice, a strength meter with advice, Caps Lock and mismatch warnings."""

    validityChanged = Signal(bool)
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None, *, first_label: str = "") -> None:
        super().__init__(parent)
        self.first = make_passphrase_edit(self.tr("New passphrase"), self)
        self.second = make_passphrase_edit(self.tr("Repeat the new passphrase"), self)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 5)  # score + 1, so a very weak one still shows
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.strength_label = QLabel(self)
        self.strength_label.setObjectName("strengthLabel")
        self.feedback = message_label("strengthFeedback", self, tone="muted")
        self.caps = make_caps_label(self)
        self.mismatch = message_label("mismatchLabel", self, tone="error")
        self.mismatch.setText(self.tr("The two passphrases are not the same yet."))
        self.watcher = CapsLockWatcher(self)
        for field in (self.first, self.second):
            self.watcher.watch(field)
            field.textChanged.connect(self._update)
        self.watcher.changed.connect(self.caps.setVisible)
        self.second.returnPressed.connect(self._submit_if_valid)
        self.first.returnPressed.connect(self.second.setFocus)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(first_label or self.tr("&New passphrase:"), self.first)
        form.addRow(self.tr("&Repeat it:"), self.second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.meter)
        layout.addWidget(self.strength_label)
        layout.addWidget(self.feedback)
        layout.addWidget(self.caps)
        layout.addWidget(self.mismatch)
        QWidget.setTabOrder(self.first, self.second)
        self._valid = False
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def is_valid(self) -> bool:
        return self._valid

    def clear(self) -> None:
        self.first.setText("")
        self.second.setText("")

    def _submit_if_valid(self) -> None:
        if self._valid:
            self.submitted.emit()

    def _update(self) -> None:
        text = self.first.text()
        strength = passphrase_strength(text)
        self.meter.setValue(strength.score + 1 if text else 0)
        colours = ["#c62828", "#e65100", "#f9a825", "#2e7d32", "#1b5e20"]
        palette = self.meter.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(colours[strength.score]))
        self.meter.setPalette(palette)
        self.strength_label.setText(self.tr("Strength: {label}").format(label=strength.label) if text else "")
        self.feedback.setText(strength.feedback)
        self.feedback.setVisible(bool(text and strength.feedback))
        matches = text == self.second.text()
        self.mismatch.setVisible(bool(self.second.text()) and not matches)
        valid = strength.acceptable and matches
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)
