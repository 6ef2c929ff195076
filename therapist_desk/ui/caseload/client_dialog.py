"""Add or edit a client (alias, level, status, start date), and record a dated level or status change.

The alias is checked as the user types (``check_alias`` never raises): a problem that stops
the save (empty, too long, already used) shows in red; an identifier warning shows with the
choice to change the alias or keep it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.caseload import (
    CLIENT_STATUSES,
    MAX_ALIAS_LENGTH,
    PROGRAM_LEVELS,
    CaseloadEntry,
)
from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.ui.caseload.identifier_warning import IdentifierWarning
from therapist_desk.ui.caseload.labels import DATE_FORMAT, level_label, pydate, qdate, status_label
from therapist_desk.ui.widgets import describe_error, message_label


def open_dialog(dialog: QDialog, on_accept: Callable[[], object]) -> QDialog:
    """Open window-modal without a nested event loop; ``on_accept`` runs after Save/OK.

    Not ``exec()``: a lock closes open dialogs and deletes the views, which must not happen
    underneath a nested loop still running a view's method.
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(on_accept)
    dialog.open()
    return dialog


def choice_combo(values: tuple[str, ...], label, current: str | None, parent: QWidget) -> QComboBox:  # type: ignore[no-untyped-def]
    combo = QComboBox(parent)
    for value in values:
        combo.addItem(label(value), value)
    if current in values:
        combo.setCurrentIndex(values.index(current))
    return combo


class QuickDateEdit(QDateEdit):
    """A date field for the keyboard: Tab leaves it (rather than walking day, month and year);
    Up/Down on the day move by days and Page Up/Down by weeks, across month ends."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt API)
        return QWidget.focusNextPrevChild(self, next)

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt API)
        if self.currentSection() == QDateTimeEdit.Section.DaySection:
            self.setDate(self.date().addDays(steps))
        else:
            super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        weeks = {Qt.Key.Key_PageUp: 7, Qt.Key.Key_PageDown: -7}
        if event.key() in weeks and not event.modifiers():
            self.setDate(self.date().addDays(weeks[Qt.Key(event.key())]))
            event.accept()
            return
        super().keyPressEvent(event)


def date_edit(day: date, parent: QWidget, name: str) -> QDateEdit:
    edit = QuickDateEdit(qdate(day), parent)
    edit.setDisplayFormat(DATE_FORMAT)  # the format of the tables: "2 Mar 2026"
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    edit.setToolTip(QCoreApplication.translate("Caseload", "Up/Down: a day; Page Up/Down: a week"))
    return edit


class ClientDialog(QDialog):
    """Add a client (``client`` None) or edit one. ``saved_client_id`` is set after a save."""

    def __init__(
        self, service: CaseloadService, parent: QWidget | None = None, client: CaseloadEntry | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._client = client
        self.saved_client_id: str | None = None
        editing = client is not None
        self.setWindowTitle(self.tr("Edit client") if editing else self.tr("Add a client"))
        self.setMinimumWidth(520)
        today = service.clock.today()

        self.alias = QLineEdit(client.alias if client else "", self)
        self.alias.setMaxLength(MAX_ALIAS_LENGTH + 20)  # the check explains a too-long alias
        self.alias.setPlaceholderText(self.tr("A code or a word, e.g. Client K7 or River"))
        self.alias.setAccessibleName(self.tr("Alias"))
        self.alias_problem = message_label("aliasProblem", self, tone="error")
        self.warning = IdentifierWarning(self.tr("alias"), self)
        self.warning.changeRequested.connect(self._change_alias)
        self.level = choice_combo(
            PROGRAM_LEVELS, level_label, client.program_level if client else "iop", self
        )
        self.level.setAccessibleName(self.tr("Program level"))
        self.status = choice_combo(CLIENT_STATUSES, status_label, client.status if client else "active", self)
        self.status.setAccessibleName(self.tr("Status"))
        started = client.started_on if client and client.started_on else today
        self.started = date_edit(started, self, self.tr("Start date"))
        self.effective = date_edit(today, self, self.tr("Level and status change from"))

        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Alias:"), self.alias), self.alias)
        form.addRow("", self.alias_problem)
        form.addRow(self._buddy(self.tr("Program &level:"), self.level), self.level)
        form.addRow(self._buddy(self.tr("S&tatus:"), self.status), self.status)
        form.addRow(self._buddy(self.tr("&Start date:"), self.started), self.started)
        if editing:
            form.addRow(self._buddy(self.tr("Changes take effect &from:"), self.effective), self.effective)
        else:
            self.effective.setVisible(False)
        self.error = message_label("clientError", self, tone="error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.alias.textChanged.connect(self._alias_changed)
        self._alias_changed(self.alias.text())
        if editing and self.warning.has_findings:
            self.warning.keep.setChecked(True)  # chosen when the alias was saved; changing it asks again
        self.setTabOrder(self.alias, self.level)
        self.setTabOrder(self.level, self.status)
        self.setTabOrder(self.status, self.started)
        self.setTabOrder(self.started, self.effective if editing else self.warning.change_button)
        self.alias.setFocus()

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        return label

    # -- live checks ----------------------------------------------------------------------
    def _alias_changed(self, text: str) -> None:
        exclude = self._client.client_id if self._client else None
        check = self._service.check_alias(text, exclude_client_id=exclude)
        problem = check.problem if text.strip() else None  # an empty field is not an error yet
        self.alias_problem.setText(problem or "")
        self.alias_problem.setVisible(bool(problem))
        self.warning.set_findings(check.findings)
        self.error.setVisible(False)

    def _change_alias(self) -> None:
        self.alias.setFocus(Qt.FocusReason.OtherFocusReason)
        self.alias.selectAll()

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        exclude = self._client.client_id if self._client else None
        check = self._service.check_alias(self.alias.text(), exclude_client_id=exclude)
        if check.problem:
            self.alias_problem.setText(check.problem)
            self.alias_problem.setVisible(True)
            self.alias.setFocus()
            return
        if self.warning.needs_choice():
            self.warning.ask_for_choice()
            return
        try:
            self.saved_client_id = self._write()
        except TherapistDeskError as exc:
            self.error.setText(describe_error(exc))
            self.error.setVisible(True)
            return
        self.accept()

    def _write(self) -> str:
        level, status = self.level.currentData(), self.status.currentData()
        started = pydate(self.started.date())
        if self._client is None:
            saved = self._service.add_client(self.alias.text(), level, status=status, started_on=started)
            return saved.client.id
        client = self._client
        changed_alias = self.alias.text() if self.alias.text().split() != client.alias.split() else None
        changed_start = started if started != client.started_on else None
        if changed_alias is not None or changed_start is not None:
            self._service.update_client(client.client_id, alias=changed_alias, started_on=changed_start)
        effective = pydate(self.effective.date())
        if level != client.program_level:
            self._service.change_program_level(client.client_id, level, effective)
        if status != client.status:
            self._service.set_status(client.client_id, status, effective)
        return client.client_id


class DatedChangeDialog(QDialog):
    """Pick a new program level (or status) and the day it takes effect."""

    def __init__(
        self,
        title: str,
        field_label: str,
        values: tuple[str, ...],
        label,  # type: ignore[no-untyped-def]
        current: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.choice = choice_combo(values, label, current, self)
        self.choice.setAccessibleName(field_label.replace("&", "").rstrip(":"))
        self.day = date_edit(today, self, self.tr("Effective from"))
        form = QFormLayout()
        choice_label = QLabel(field_label, self)
        choice_label.setBuddy(self.choice)
        day_label = QLabel(self.tr("&Effective from:"), self)
        day_label.setBuddy(self.day)
        form.addRow(choice_label, self.choice)
        form.addRow(day_label, self.day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.choice.setFocus()

    @property
    def value(self) -> str:
        return str(self.choice.currentData())

    @property
    def effective_on(self) -> date:
        return pydate(self.day.date())
