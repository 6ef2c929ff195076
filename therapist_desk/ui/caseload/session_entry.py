"""Quick session entry, built for the keyboard: type the alias, Tab through, Enter saves.

A typical entry is: alias (the completer offers active clients), Tab Tab Tab (date, minutes
and format keep their defaults: today, 50, individual), an intensity digit, Enter. The form then
clears for the next session and says what was saved. The same form edits a logged session.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.caseload import (
    MAX_SESSION_MINUTES,
    MAX_SESSION_NOTE,
    RESISTANCE_LEVELS,
    SESSION_FORMATS,
    SessionDraft,
    SessionEntry,
)
from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.ui.caseload.client_dialog import date_edit
from therapist_desk.ui.caseload.labels import format_label, pydate, qdate, resistance_label, show_date
from therapist_desk.ui.widgets import describe_error, message_label, muted_label

DEFAULT_MINUTES = 50


class RatingBox(QSpinBox):
    """1 to 5, or "–" (0) for not rated. Tab selects the value, so one digit replaces it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 5)
        self.setSpecialValueText("–")
        self.setAccessibleName(name)
        self.setMinimumWidth(56)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        self.selectAll()  # however the focus came (Tab, a mnemonic, an error), a digit replaces it

    def rating(self) -> int | None:
        return self.value() or None

    def set_rating(self, value: int | None) -> None:
        self.setValue(value or 0)


class SessionForm(QWidget):
    """The fields of one session; knows nothing about saving."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.client = QLineEdit(self)
        self.client.setAccessibleName(self.tr("Client alias"))
        self.client.setPlaceholderText(self.tr("Start typing an alias"))
        self.aliases = QStringListModel(self)
        completer = QCompleter(self.aliases, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.client.setCompleter(completer)
        # After setCompleter, so this filter sees the focus change before the completer does.
        self.client.installEventFilter(self)
        self.date = date_edit(today, self, self.tr("Session date"))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, MAX_SESSION_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes"))
        self.format = QComboBox(self)
        for value in SESSION_FORMATS:
            self.format.addItem(format_label(value), value)
        self.format.setAccessibleName(self.tr("Format"))
        self.intensity = RatingBox(self.tr("Emotional intensity, 1 to 5"), self)
        self.alliance = RatingBox(self.tr("Alliance, 1 to 5, optional"), self)
        self.congruence = RatingBox(self.tr("Congruence, 1 to 5, optional"), self)
        self.regard = RatingBox(self.tr("Unconditional positive regard, 1 to 5, optional"), self)
        self.empathy = RatingBox(self.tr("Empathy, 1 to 5, optional"), self)
        self.resistance = QComboBox(self)
        self.resistance.addItem(self.tr("Not noted"), None)
        for value in RESISTANCE_LEVELS:
            self.resistance.addItem(resistance_label(value), value)
        self.resistance.setAccessibleName(self.tr("Resistance observed"))
        self.stalled = QCheckBox(self.tr("Progress s&talled"), self)
        self.stalled.setAccessibleName(self.tr("Progress stalled"))
        self.note = QLineEdit(self)
        self.note.setMaxLength(MAX_SESSION_NOTE)
        self.note.setPlaceholderText(self.tr("Short private note (optional; stays in the vault)"))
        self.note.setAccessibleName(self.tr("Private note"))

        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        row = 0
        grid.addWidget(self._label(self.tr("&Client:"), self.client), row, 0)
        grid.addWidget(self.client, row, 1, 1, 3)
        row += 1
        grid.addWidget(self._label(self.tr("&Date:"), self.date), row, 0)
        grid.addWidget(self.date, row, 1)
        grid.addWidget(self._label(self.tr("&Minutes:"), self.minutes), row, 2)
        grid.addWidget(self.minutes, row, 3)
        row += 1
        grid.addWidget(self._label(self.tr("&Format:"), self.format), row, 0)
        grid.addWidget(self.format, row, 1)
        grid.addWidget(self._label(self.tr("&Intensity (1–5):"), self.intensity), row, 2)
        grid.addWidget(self.intensity, row, 3)
        row += 1
        grid.addWidget(
            muted_label(self.tr("How I lived it in the session (optional, 1–5):"), self), row, 0, 1, 4
        )
        row += 1
        grid.addWidget(self._label(self.tr("A&lliance:"), self.alliance), row, 0)
        grid.addWidget(self.alliance, row, 1)
        grid.addWidget(self._label(self.tr("C&ongruence:"), self.congruence), row, 2)
        grid.addWidget(self.congruence, row, 3)
        row += 1
        grid.addWidget(self._label(self.tr("Positive &regard:"), self.regard), row, 0)
        grid.addWidget(self.regard, row, 1)
        grid.addWidget(self._label(self.tr("&Empathy:"), self.empathy), row, 2)
        grid.addWidget(self.empathy, row, 3)
        row += 1
        grid.addWidget(self._label(self.tr("Re&sistance:"), self.resistance), row, 0)
        grid.addWidget(self.resistance, row, 1)
        grid.addWidget(self.stalled, row, 2, 1, 2)
        row += 1
        grid.addWidget(self._label(self.tr("&Note:"), self.note), row, 0)
        grid.addWidget(self.note, row, 1, 1, 3)
        order = [
            self.client, self.date, self.minutes, self.format, self.intensity, self.alliance,
            self.congruence, self.regard, self.empathy, self.resistance, self.stalled, self.note,
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            self.setTabOrder(first, second)
        self.clear()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def set_aliases(self, aliases: list[str]) -> None:
        self.aliases.setStringList(aliases)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            watched is self.client
            and isinstance(event, QFocusEvent)
            and event.type() == QEvent.Type.FocusOut
            and event.reason() != Qt.FocusReason.PopupFocusReason  # the list opening, not leaving
        ):
            completer = self.client.completer()
            popup = completer.popup() if completer is not None else None
            if popup is not None and popup.isVisible() and QApplication.focusWidget() is not popup:
                popup.hide()  # Tab moved on while the list was open
            self._complete_alias()
        return super().eventFilter(watched, event)

    def _complete_alias(self) -> None:
        """Tab after "k7" gives "Client K7" when exactly one offered alias contains it."""
        typed = " ".join(self.client.text().split()).casefold()
        if not typed:
            return
        aliases = self.aliases.stringList()
        if any(a.casefold() == typed for a in aliases):
            return
        matches = [a for a in aliases if typed in a.casefold()]
        if len(matches) == 1:
            self.client.setText(matches[0])

    def clear(self, client: str = "") -> None:
        """Back to the defaults for the next session."""
        self.client.setText(client)
        self.date.setDate(qdate(self._today))
        self.minutes.setValue(DEFAULT_MINUTES)
        self.format.setCurrentIndex(0)
        for box in (self.intensity, self.alliance, self.congruence, self.regard, self.empathy):
            box.set_rating(None)
        self.resistance.setCurrentIndex(0)
        self.stalled.setChecked(False)
        self.note.clear()

    def load(self, entry: SessionEntry) -> None:
        self.client.setText(entry.alias)
        self.date.setDate(qdate(entry.date))
        self.minutes.setValue(entry.minutes)
        self.format.setCurrentIndex(max(0, self.format.findData(entry.format)))
        self.intensity.set_rating(entry.intensity)
        self.alliance.set_rating(entry.alliance)
        self.congruence.set_rating(entry.congruence)
        self.regard.set_rating(entry.positive_regard)
        self.empathy.set_rating(entry.empathy)
        self.resistance.setCurrentIndex(max(0, self.resistance.findData(entry.resistance)))
        self.stalled.setChecked(entry.stalled)
        self.note.setText(entry.note)

    def draft(self, client_id: str) -> SessionDraft:
        return SessionDraft(
            client_id=client_id,
            date=pydate(self.date.date()),
            minutes=self.minutes.value(),
            intensity=self.intensity.rating(),
            format=str(self.format.currentData()),
            alliance=self.alliance.rating(),
            congruence=self.congruence.rating(),
            positive_regard=self.regard.rating(),
            empathy=self.empathy.rating(),
            resistance=self.resistance.currentData(),
            stalled=self.stalled.isChecked(),
            note=self.note.text(),
        )


class SessionEntryDialog(QDialog):
    """Log sessions one after another (``entry`` None), or edit one logged session."""

    saved = Signal(object, object)  # (saved SessionEntry, entry before an edit or None)

    def __init__(
        self,
        service: CaseloadService,
        aliases: list[str],
        parent: QWidget | None = None,
        *,
        entry: SessionEntry | None = None,
        client_alias: str = "",
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._entry = entry
        self._client_alias = client_alias
        editing = entry is not None
        self.setWindowTitle(self.tr("Edit session") if editing else self.tr("Log a session"))
        self.setMinimumWidth(560)
        self.form = SessionForm(service.clock.today(), self)
        self.form.set_aliases(aliases)
        self.error = message_label("sessionError", self, tone="error")
        self.confirmation = message_label("sessionSaved", self, tone="muted")
        buttons = QDialogButtonBox(self)
        if editing:
            self.save_button = buttons.addButton(QDialogButtonBox.StandardButton.Save)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            self.save_button = buttons.addButton(
                self.tr("Save and &next"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.setAccessibleName(self.tr("Save session"))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        hint = muted_label(self.tr("Enter saves. Esc closes."), self)
        footer = QHBoxLayout()
        footer.addWidget(hint, 1)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.confirmation)
        layout.addLayout(footer)
        if entry is not None:
            self.form.load(entry)
        else:
            self.form.clear(client_alias)
        self._focus_first()

    @property
    def is_quick_entry(self) -> bool:
        """True when logging new sessions (not editing one)."""
        return self._entry is None

    def _focus_first(self) -> None:
        target = self.form.intensity if self.form.client.text() else self.form.client
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        alias = self.form.client.text().strip()
        client_id = self._service.client_id_for_alias(alias) if alias else None
        if client_id is None:
            self._fail(
                self.tr("Choose a client from the list.")
                if not alias
                else self.tr("No client has this alias. Add the client first (Ctrl+Shift+N)."),
                self.form.client,
            )
            return
        if self.form.intensity.rating() is None:
            self._fail(self.tr("Rate the emotional intensity from 1 to 5."), self.form.intensity)
            return
        draft = self.form.draft(client_id)
        try:
            if self._entry is None:
                saved = self._service.log_session(draft)
            else:
                saved = self._service.update_session(self._entry.id, draft)
        except TherapistDeskError as exc:
            self._fail(describe_error(exc), self.form.client)
            return
        self.error.setVisible(False)
        self.saved.emit(saved, self._entry)
        if self._entry is not None:
            self.accept()
            return
        self.confirmation.setText(
            self.tr("Saved: {alias}, {day}, {minutes} min. Ready for the next session.").format(
                alias=saved.alias, day=show_date(saved.date), minutes=saved.minutes
            )
        )
        self.confirmation.setVisible(True)
        self.form.clear(self._client_alias)
        self._focus_first()

    def _fail(self, message: str, focus: QWidget) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        self.confirmation.setVisible(False)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
