"""The daily check-in: the app's own quick log (not a validated instrument), keyboard-fast.

Tab walks the fields in reading order, digits type a value, Space ticks a box and Enter saves,
so a whole check-in takes a few seconds. Spin boxes start empty ("–"): a field left empty is
not recorded, which is different from 0. Changes are saved, not lost, when the user moves to
another day or the vault locks.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.selfcare import CHECK_IN_FIELDS, MAX_NOTE_LENGTH, CheckInValues, DailyCheckIn
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.selfcare.checkin_side import RecentDaysCard, ReminderCard
from therapist_desk.ui.selfcare.common import (
    DATE_EDIT_FORMAT,
    BlankableDoubleSpin,
    BlankableSpin,
    Card,
    action_button,
    add_action,
    from_qdate,
    long_date,
    medium_date,
    plain_label,
    to_qdate,
    tr,
)
from therapist_desk.ui.widgets import describe_error, message_label, muted_label, set_tone

LABELS = {spec.name: spec.label for spec in CHECK_IN_FIELDS}
HINTS = {
    "energy": "0 = none, 10 = full of energy",
    "mood": "0 = very low, 10 = very good",
    "exhaustion": "0 = none, 10 = completely drained",
    "sleep_hours": "last night",
    "exercise_minutes": "walking counts",
    "self_care_minutes": "anything that restores you",
    "breaks": "real pauses between sessions",
}


class CheckInPage(QWidget):
    saved = Signal(object)  # the day (datetime.date) whose check-in was saved or deleted
    reminderChanged = Signal()

    def __init__(
        self, selfcare: SelfCareService, dialogs: DialogService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkInPage")
        self.selfcare = selfcare
        self.dialogs = dialogs
        self._loaded: CheckInValues = CheckInValues()
        self._record: DailyCheckIn | None = None
        self._loading = False
        self._day = selfcare.clock.today()
        self._build()
        self._load(self._day)
        self.refresh_recent()

    # -- building ---------------------------------------------------------------------
    def _spin(self, name: str, maximum: int) -> QSpinBox:
        spin = BlankableSpin(self)
        spin.setRange(-1, maximum)  # -1 shows as "–": not recorded
        spin.setSpecialValueText("–")
        spin.setValue(-1)
        spin.setAccessibleName(tr(LABELS[name]))
        spin.setAccessibleDescription(tr(HINTS.get(name, "")))
        spin.setMinimumWidth(96)
        spin.setObjectName(name)
        spin.valueChanged.connect(self._changed)
        return spin

    def _build(self) -> None:
        self.save_action = add_action(self, tr("&Save check-in"), "Ctrl+S", "saveCheckIn")
        self.save_action.triggered.connect(self.save)
        self.delete_action = add_action(
            self, tr("&Delete this day's check-in"), "Ctrl+Shift+Del", "deleteCheckIn"
        )
        self.delete_action.triggered.connect(self.delete)
        self.previous_action = add_action(self, tr("&Previous day"), "Alt+Left", "previousDay")
        self.previous_action.triggered.connect(lambda: self.go_to(self._day - timedelta(days=1)))
        self.next_action = add_action(self, tr("&Next day"), "Alt+Right", "nextDay")
        self.next_action.triggered.connect(lambda: self.go_to(self._day + timedelta(days=1)))
        self.today_action = add_action(self, tr("&Today"), "Alt+Home", "today")
        self.today_action.triggered.connect(lambda: self.go_to(self.selfcare.clock.today()))

        form_card = Card(tr("Daily check-in"), self)
        form_card.body.addWidget(
            muted_label(
                tr(
                    "The app's own quick log, not a validated instrument. Leave blank anything you "
                    "don't want to record. Tab moves on, Enter saves."
                ),
                form_card,
            )
        )
        self.date_edit = QDateEdit(form_card)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self.date_edit.setKeyboardTracking(False)  # a typed date opens once it is complete
        self.date_edit.setAccessibleName(tr("Day of the check-in"))
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.date_edit.setMinimumWidth(150)
        self.date_edit.dateChanged.connect(self._date_picked)
        self.day_label = plain_label("", form_card)
        self.state_label = message_label("checkInState", form_card)
        self.state_label.setVisible(True)
        set_tone(self.state_label, "muted")
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        self.previous_button = action_button(self.previous_action, form_card)
        self.next_button = action_button(self.next_action, form_card)
        self.today_button = action_button(self.today_action, form_card)
        for button in (self.previous_button, self.next_button, self.today_button):
            date_row.addWidget(button)
        date_row.addStretch(1)
        form_card.body.addLayout(date_row)
        form_card.body.addWidget(self.day_label)
        form_card.body.addWidget(self.state_label)

        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for name in ("energy", "mood", "exhaustion"):
            self.spins[name] = self._spin(name, 10)
        sleep = BlankableDoubleSpin(self)
        sleep.setRange(-0.5, 24)
        sleep.setSingleStep(0.5)
        sleep.setDecimals(1)
        sleep.setSpecialValueText("–")
        sleep.setValue(-0.5)
        sleep.setAccessibleName(tr(LABELS["sleep_hours"]))
        sleep.setMinimumWidth(96)
        sleep.setObjectName("sleep_hours")
        sleep.valueChanged.connect(self._changed)
        self.spins["sleep_hours"] = sleep
        self.spins["exercise_minutes"] = self._spin("exercise_minutes", 1440)
        self.spins["self_care_minutes"] = self._spin("self_care_minutes", 1440)
        self.spins["breaks"] = self._spin("breaks", 50)
        self.boxes: dict[str, QCheckBox] = {}
        box_texts = {
            "peer_support": tr("Peer support today"),
            "supervision": tr("Supervision today"),
            "boundaries_kept": tr("Boundaries kept (for example, no work messages after hours)"),
        }
        for name, text in box_texts.items():
            box = QCheckBox(text, self)
            box.setObjectName(name)
            box.setAccessibleName(text)
            box.toggled.connect(lambda _on, b=box: self._box_toggled(b))
            self.boxes[name] = box
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.note.setMaxLength(MAX_NOTE_LENGTH)
        self.note.setPlaceholderText(tr("Optional: one line about today"))
        self.note.setAccessibleName(tr(LABELS["note"]))
        self.note.textChanged.connect(self._changed)

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for name, spin in self.spins.items():
            row = QHBoxLayout()
            row.setSpacing(12)
            row.addWidget(spin)
            if HINTS.get(name):
                row.addWidget(muted_label(tr(HINTS[name]), form_card), 1)
            form.addRow(tr(LABELS[name]), row)
        support = QHBoxLayout()
        support.addWidget(self.boxes["peer_support"])
        support.addWidget(self.boxes["supervision"])
        support.addStretch(1)
        form.addRow(tr("Support"), support)
        form.addRow(tr("Boundaries"), self.boxes["boundaries_kept"])
        form.addRow(tr("Today in a line"), self.note)
        form_card.body.addLayout(form)

        self.save_button = action_button(self.save_action, form_card, default=True)
        self.delete_button = action_button(self.delete_action, form_card)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        form_card.body.addLayout(buttons)
        self.error = message_label("checkInError", form_card, tone="error")
        form_card.body.addWidget(self.error)
        form_card.body.addStretch(1)

        self.recent_card = RecentDaysCard(self.selfcare, self)
        self.recent_card.dayChosen.connect(self.go_to)
        self.recent = self.recent_card.list
        self.reminder_card = ReminderCard(self.selfcare, self)
        self.reminder_card.changed.connect(self.reminderChanged.emit)
        self.reminder_box, self.reminder_time = self.reminder_card.box, self.reminder_card.time

        side = QVBoxLayout()
        side.addWidget(self.recent_card, 1)
        side.addWidget(self.reminder_card)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(16)
        layout.addWidget(form_card, 3)
        layout.addLayout(side, 2)

        order: list[QWidget] = [self.date_edit, *self.spins.values(), *self.boxes.values(), self.note]
        order += [self.save_button, self.delete_button, self.previous_button, self.next_button]
        order += [self.today_button, self.recent, self.reminder_box, self.reminder_time]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def focus_first(self) -> None:
        self.spins["energy"].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the form's values --------------------------------------------------------------
    def values(self) -> CheckInValues:
        found: dict[str, object] = {}
        for name, spin in self.spins.items():
            value = spin.value()
            if value <= spin.minimum():
                found[name] = None
            else:
                found[name] = float(value) if name == "sleep_hours" else int(value)
        for name, box in self.boxes.items():
            # A box the user never touched on a record that left it unanswered stays unanswered.
            untouched = box.property("loadedNone") and not box.isChecked()
            found[name] = None if untouched else box.isChecked()
        found["note"] = self.note.text().strip()
        return CheckInValues(**found)  # type: ignore[arg-type]

    def set_values(self, values: CheckInValues) -> None:
        self._loading = True
        try:
            for name, spin in self.spins.items():
                value = getattr(values, name)
                spin.setValue(spin.minimum() if value is None else value)  # type: ignore[arg-type]
            for name, box in self.boxes.items():
                value = getattr(values, name)
                box.setChecked(bool(value))
                box.setProperty("loadedNone", value is None)
            self.note.setText(values.note)
        finally:
            self._loading = False

    @property
    def day(self) -> date:
        return self._day

    @property
    def dirty(self) -> bool:
        return self.values() != self._loaded

    def _is_empty(self, values: CheckInValues) -> bool:
        return all(v in (None, "") for v in values.as_dict().values())

    # -- loading and saving ----------------------------------------------------------------
    def _load(self, day: date) -> None:
        self._day = day
        today = self.selfcare.clock.today()
        self._loading = True
        self.date_edit.setMaximumDate(to_qdate(today))
        self.date_edit.setDate(to_qdate(day))
        self._loading = False
        self._record = self.selfcare.check_in(day)
        self._loaded = self._record.values if self._record else CheckInValues()
        self.set_values(self._loaded)
        self._loaded = self.values()  # what the form shows for the stored record
        self.day_label.setText(long_date(day) + (tr(" (today)") if day == today else ""))
        self.next_action.setEnabled(day < today)
        self.error.setVisible(False)
        self._show_state()

    def _show_state(self) -> None:
        if self.dirty:
            text = tr("Unsaved changes: press Enter to save.")
        elif self._record is not None:
            saved_at = self._record.updated_at.astimezone().strftime("%H:%M")
            text = tr("Saved (last changed {when} at {time}).").format(
                when=medium_date(self._record.updated_at.astimezone().date()), time=saved_at
            )
        else:
            text = tr("No check-in for this day yet.")
        self.state_label.setText(text)
        self.delete_action.setEnabled(self._record is not None)

    def _box_toggled(self, box: QCheckBox) -> None:
        if not self._loading:
            box.setProperty("loadedNone", False)  # touched: unticked now means "no"
        self._changed()

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.error.setVisible(False)
            self._show_state()

    def _date_picked(self, picked: QDate) -> None:
        if not self._loading:
            self.go_to(from_qdate(picked))

    def go_to(self, day: date) -> bool:
        """Show ``day`` (today or earlier); unsaved changes of the current day are saved first."""
        today = self.selfcare.clock.today()
        day = min(day, today)
        if self.dirty and not self.save():
            self._loading = True
            self.date_edit.setDate(to_qdate(self._day))
            self._loading = False
            return False
        self._load(day)
        return True

    def save(self) -> bool:
        """Save the form for the shown day; True when it was saved (or nothing needed saving)."""
        values = self.values()
        if not self.dirty and self._record is not None:
            return True
        if self._is_empty(values) and self._record is None:
            self._show_error(tr("Nothing entered yet for this day."))
            return False
        try:
            self._record = self.selfcare.save_check_in(self._day, values)
        except TherapistDeskError as exc:
            self._show_error(describe_error(exc))
            return False
        self._loaded = values
        self.set_values(self._record.values)
        self._loaded = self.values()
        self._show_state()
        self.refresh_recent()
        self.saved.emit(self._day)
        return True

    def save_on_lock(self) -> dict[str, Any] | None:
        """Lock hook: keep what was typed (inside the vault) rather than lose it. Returns the
        form when it could not be stored, for the lock to keep (services/kept_work.py)."""
        if self.dirty and not self._is_empty(self.values()) and not self.save():
            return {"day": self._day.isoformat(), "values": self.values().as_dict()}
        return None

    def restore_kept(self, kept: dict[str, Any]) -> None:
        """A check-in the last lock could not store: back on the form, and saved now."""
        self._load(date.fromisoformat(kept["day"]))
        self.set_values(CheckInValues(**kept["values"]))
        self.save()  # on failure the form says why and keeps the values; the next lock retries

    def delete(self) -> None:
        if self._record is None:
            return
        confirmed = self.dialogs.confirm(
            self,
            tr("Delete check-in"),
            tr("Delete the check-in for {day}? This cannot be undone.").format(day=long_date(self._day)),
            confirm_label=tr("Delete"),
            destructive=True,
        )
        if not confirmed:
            return
        self.selfcare.delete_check_in(self._day)
        self._load(self._day)
        self.refresh_recent()
        self.saved.emit(self._day)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        # Spin boxes, boxes and the line edit leave Enter unhandled; it arrives here and saves.
        # (Not from the list of recent days or the date: there Enter opens the day.)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        opening = self.recent.hasFocus() or self.date_edit.hasFocus()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and not opening:
            self.save()
            event.accept()
            return
        super().keyPressEvent(event)

    def refresh_recent(self) -> None:
        self.recent_card.refresh()
