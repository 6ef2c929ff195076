"""Actions agreed in supervision, each with an optional due date and a done box."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from therapist_desk.services.supervision import ActionItem
from therapist_desk.ui.supervision.common import from_qdate, to_qdate, tr

NO_DATE = QDate(2000, 1, 1)  # the minimum of the date box stands for "no due date"


class ActionRow(QWidget):
    changed = Signal()
    removeRequested = Signal(object)

    def __init__(self, item: ActionItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit(item.text, self)
        self.text.setCursorPosition(0)  # show the start of a long action, not its end
        self.text.setAccessibleName(tr("Action"))
        self.text.setPlaceholderText(tr("What will be done"))
        self.due = QDateEdit(self)
        self.due.setAccessibleName(tr("Due date"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMM yyyy")
        self.due.setMinimumDate(NO_DATE)
        self.due.setSpecialValueText(tr("No due date"))
        due = None
        if item.due_on:
            try:
                due = date.fromisoformat(item.due_on)
            except ValueError:
                due = None
        self.due.setDate(to_qdate(due) if due else NO_DATE)
        self.due.calendarWidget().setSelectedDate(to_qdate(due or today))
        self.done = QCheckBox(tr("Done"), self)
        self.done.setAccessibleName(tr("Action done"))
        self.done.setChecked(item.done)
        self.remove = QPushButton("×", self)
        self.remove.setFixedWidth(28)
        self.remove.setToolTip(tr("Remove this action"))
        self.remove.setAccessibleName(tr("Remove this action"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.due)
        layout.addWidget(self.done)
        layout.addWidget(self.remove)
        self.text.textEdited.connect(lambda _t: self.changed.emit())
        self.due.dateChanged.connect(lambda _d: self.changed.emit())
        self.done.toggled.connect(lambda _b: self.changed.emit())
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))

    def item(self) -> ActionItem:
        due = self.due.date()
        return ActionItem(
            self.text.text().strip(),
            None if due == NO_DATE else from_qdate(due).isoformat(),
            self.done.isChecked(),
        )


class ActionsEditor(QWidget):
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.rows: list[ActionRow] = []
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(tr("Add an action"), self)
        self.add_button.setAccessibleName(tr("Add an action"))
        self.add_button.clicked.connect(lambda: self.add(ActionItem(""), focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows_layout)
        layout.addWidget(self.add_button)

    def set_items(self, items: tuple[ActionItem, ...]) -> None:
        for row in self.rows:
            self._drop(row)
        self.rows = []
        for item in items:
            self.add(item)

    def add(self, item: ActionItem, *, focus: bool = False) -> None:
        row = ActionRow(item, self.today, self)
        row.changed.connect(self.changed)
        row.removeRequested.connect(self._remove)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        if focus:
            row.text.setFocus()
            self.changed.emit()

    def _remove(self, row: ActionRow) -> None:
        self.rows.remove(row)
        self._drop(row)
        self.changed.emit()

    def _drop(self, row: ActionRow) -> None:
        # Out of the layout and hidden at once; deleteLater only runs when the event loop turns.
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def items(self) -> tuple[ActionItem, ...]:
        return tuple(item for row in self.rows if (item := row.item()).text)
