"""Time off: days off and vacations (planned, taken, cancelled), and how long since the last one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.selfcare import MAX_NOTE_LENGTH, TIME_OFF_KINDS, TIME_OFF_STATUSES, TimeOff
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.selfcare.common import (
    DATE_EDIT_FORMAT,
    Card,
    ListTableModel,
    ModelIndex,
    action_button,
    add_action,
    from_qdate,
    heading_label,
    medium_date,
    number,
    plain_label,
    setup_row_table,
    to_qdate,
    tr,
)
from therapist_desk.ui.widgets import describe_error, message_label, muted_label

KIND_TEXT = {"day_off": "Day off", "vacation": "Vacation"}
STATUS_TEXT = {"planned": "Planned", "taken": "Taken", "cancelled": "Cancelled"}


class TimeOffModel(ListTableModel):
    HEADERS = ("From", "To", "Days", "Kind", "Status", "Note")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[TimeOff] = []

    def set_entries(self, entries: list[TimeOff]) -> None:
        self.beginResetModel()
        self.entries = sorted(entries, key=lambda e: (e.start_on, e.end_on), reverse=True)
        self.endResetModel()

    def row_items(self) -> list[TimeOff]:
        return self.entries

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and entry.status == "cancelled":
            colour = QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return QBrush(colour)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return (
            medium_date(entry.start_on),
            medium_date(entry.end_on),
            number(entry.days),
            tr(KIND_TEXT[entry.kind]),
            tr(STATUS_TEXT[entry.status]),
            entry.note,  # plain text: item views never interpret it as HTML
        )[index.column()]


class TimeOffPage(QWidget):
    changed = Signal()

    def __init__(
        self, selfcare: SelfCareService, dialogs: DialogService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timeOffPage")
        self.selfcare = selfcare
        self.dialogs = dialogs
        self.editing: TimeOff | None = None
        self._status_touched = False
        self._build()
        self.refresh()
        self.new_entry()

    def _build(self) -> None:
        self.new_action = add_action(self, tr("&New time off"), "Ctrl+N", "newTimeOff")
        self.new_action.triggered.connect(self.new_entry)
        self.save_action = add_action(self, tr("&Save time off"), "Ctrl+S", "saveTimeOff")
        self.save_action.triggered.connect(self.save)
        self.delete_action = add_action(self, tr("&Delete time off"), "Ctrl+Shift+Del", "deleteTimeOff")
        self.delete_action.triggered.connect(self.delete)

        summary = Card("", self)
        self.since_label = heading_label("", summary)
        self.next_label = plain_label("", summary)
        summary.body.addWidget(self.since_label)
        summary.body.addWidget(self.next_label)

        self.model = TimeOffModel(self)
        self.table = QTableView(self)
        setup_row_table(self.table, self.model, tr("Days off and vacations"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        list_card = Card(tr("Days off and vacations"), self)
        self.empty = muted_label(
            tr("Nothing logged yet: add a day off or a vacation on the right."), list_card
        )
        list_card.body.addWidget(self.empty)
        list_card.body.addWidget(self.table, 1)

        editor = Card(tr("Edit"), self)
        self.editor_heading = editor.heading
        self.kind = QComboBox(editor)
        for kind in TIME_OFF_KINDS:
            self.kind.addItem(tr(KIND_TEXT[kind]), kind)
        self.kind.setAccessibleName(tr("Kind of time off"))
        self.status = QComboBox(editor)
        for status in TIME_OFF_STATUSES:
            self.status.addItem(tr(STATUS_TEXT[status]), status)
        self.status.setAccessibleName(tr("Status"))
        self.status.activated.connect(lambda _i: setattr(self, "_status_touched", True))
        self.start = QDateEdit(editor)
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(DATE_EDIT_FORMAT)
        self.start.setAccessibleName(tr("First day"))
        self.end = QDateEdit(editor)
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat(DATE_EDIT_FORMAT)
        self.end.setAccessibleName(tr("Last day"))
        self.start.dateChanged.connect(self._start_changed)
        self.note = QLineEdit(editor)
        self.note.setMaxLength(MAX_NOTE_LENGTH)
        self.note.setAccessibleName(tr("Note"))
        self.note.setPlaceholderText(tr("Optional"))
        form = QFormLayout()
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("First day"), self.start)
        form.addRow(tr("Last day"), self.end)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Note"), self.note)
        editor.body.addLayout(form)
        editor.body.addWidget(
            muted_label(tr("Planned time off that has passed counts as taken unless you cancel it."), editor)
        )
        self.save_button = action_button(self.save_action, editor, default=True)
        self.new_button = action_button(self.new_action, editor)
        self.delete_button = action_button(self.delete_action, editor)
        row = QHBoxLayout()
        for button in (self.save_button, self.new_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        editor.body.addLayout(row)
        self.error = message_label("timeOffError", editor, tone="error")
        editor.body.addWidget(self.error)
        editor.body.addStretch(1)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(list_card, 3)
        columns.addWidget(editor, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(16)
        layout.addWidget(summary)
        layout.addLayout(columns, 1)
        order = [self.table, self.kind, self.start, self.end, self.status, self.note]
        order += [self.save_button, self.new_button, self.delete_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def focus_first(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.model.set_entries(self.selfcare.list_time_off())
        self.empty.setVisible(not self.model.entries)
        status = self.selfcare.time_off_status()
        if status.off_today:
            self.since_label.setText(tr("You are off today."))
        elif status.days_since_last_day_off is None:
            self.since_label.setText(tr("No day off logged yet."))
        else:
            self.since_label.setText(
                tr("{n} days since your last day off ({day}).").format(
                    n=number(status.days_since_last_day_off),
                    day=medium_date(status.last_day_off),  # type: ignore[arg-type]
                )
            )
        if status.next_day_off is None:
            self.next_label.setText(tr("No day off planned yet: consider putting one in the calendar."))
        else:
            self.next_label.setText(
                tr("Next day off in {n} days ({day}).").format(
                    n=number(status.days_to_next_day_off or 0), day=medium_date(status.next_day_off)
                )
            )

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.edit_entry(self.model.entries[current.row()])

    def new_entry(self) -> None:
        self.editing = None
        self._status_touched = False
        today = to_qdate(self.selfcare.clock.today())
        self.table.clearSelection()
        self.kind.setCurrentIndex(0)
        self.start.setDate(today)
        self.end.setDate(today)
        self.note.clear()
        self._auto_status()
        if self.editor_heading is not None:
            self.editor_heading.setText(tr("New time off"))
        self.delete_action.setEnabled(False)
        self.error.setVisible(False)

    def edit_entry(self, entry: TimeOff) -> None:
        self.editing = entry
        self._status_touched = True
        self.kind.setCurrentIndex(self.kind.findData(entry.kind))
        self.start.setDate(to_qdate(entry.start_on))
        self.end.setDate(to_qdate(entry.end_on))
        self.status.setCurrentIndex(self.status.findData(entry.status))
        self.note.setText(entry.note)
        if self.editor_heading is not None:
            self.editor_heading.setText(tr("Edit time off"))
        self.delete_action.setEnabled(True)
        self.error.setVisible(False)

    def _start_changed(self, start: QDate) -> None:
        if self.end.date() < start or self.kind.currentData() == "day_off":
            self.end.setDate(start)
        self._auto_status()

    def _auto_status(self) -> None:
        if self._status_touched:
            return
        planned = from_qdate(self.start.date()) > self.selfcare.clock.today()
        self.status.setCurrentIndex(self.status.findData("planned" if planned else "taken"))

    def save(self) -> bool:
        kind, status = str(self.kind.currentData()), str(self.status.currentData())
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        note = self.note.text().strip()
        try:
            if self.editing is None:
                saved = self.selfcare.add_time_off(kind, start, end, status, note)
            else:
                saved = self.selfcare.update_time_off(
                    replace(self.editing, kind=kind, status=status, start_on=start, end_on=end, note=note)
                )
        except TherapistDeskError as exc:
            self.error.setText(describe_error(exc))
            self.error.setVisible(True)
            return False
        self.refresh()
        self.changed.emit()
        self._select(saved.id)
        return True

    def _select(self, entry_id: str) -> None:
        for row, entry in enumerate(self.model.entries):
            if entry.id == entry_id:
                self.table.selectRow(row)
                self.edit_entry(entry)
                return

    def delete(self) -> None:
        if self.editing is None:
            return
        confirmed = self.dialogs.confirm(
            self,
            tr("Delete time off"),
            tr("Delete this time off ({start} to {end})?").format(
                start=medium_date(self.editing.start_on), end=medium_date(self.editing.end_on)
            ),
            confirm_label=tr("Delete"),
            destructive=True,
        )
        if confirmed:
            self.selfcare.delete_time_off(self.editing.id)
            self.refresh()
            self.new_entry()
            self.changed.emit()
