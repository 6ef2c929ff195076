"""The supervisor's private supervision notes, kept next to each received summary.

The usual record (DOMAIN.md §1): date and duration, individual or group, cases discussed
(pseudonyms only), risk and ethics, decisions and rationale, actions with dates, wellbeing and
learning goals. The notes live only in the supervisor's vault and never go into a summary.
Text that looks like a real identifier is flagged as the user types; the choice stays theirs.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.identifiers import detect_identifiers
from therapist_desk.services.supervision import ActionItem, SupervisionNote, SupervisionService
from therapist_desk.ui.supervision.actions_editor import ActionsEditor
from therapist_desk.ui.supervision.common import (
    action_button,
    add_action,
    from_qdate,
    heading_label,
    muted,
    plain_label,
    to_qdate,
    tr,
)
from therapist_desk.ui.widgets import describe_error, set_tone

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_FIELDS = (
    ("cases_discussed", "Cases discussed (pseudonyms only)"),
    ("risk_ethics", "Risk and ethics"),
    ("decisions", "Decisions and rationale"),
    ("wellbeing", "Wellbeing"),
    ("learning_goals", "Learning goals"),
)


class SupervisionNotesPanel(QWidget):
    def __init__(
        self, supervision: SupervisionService, dialogs: object, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.supervision = supervision
        self.dialogs = dialogs
        self.today = today
        self.summary_id: str | None = None
        self.note_id: str | None = None
        self.dirty = False
        self._loading = False

        self.notes = QListWidget(self)
        self.notes.setAccessibleName(tr("Supervision notes for this summary"))
        self.notes.setMaximumHeight(72)
        self.notes.currentItemChanged.connect(lambda item, _previous: self._open(item))
        self.new_action = add_action(self, tr("&New note"), "Ctrl+N", "newSupervisionNote")
        self.new_action.triggered.connect(self.new_note)
        self.save_action = add_action(self, tr("Sa&ve note"), "Ctrl+S", "saveSupervisionNote")
        self.save_action.triggered.connect(self.save)
        self.delete_action = add_action(
            self, tr("&Delete note"), "Ctrl+Shift+Delete", "deleteSupervisionNote"
        )
        self.delete_action.triggered.connect(self.delete)

        self.met_on = QDateEdit(to_qdate(today), self)
        self.met_on.setCalendarPopup(True)
        self.met_on.setDisplayFormat("ddd d MMM yyyy")
        self.met_on.setAccessibleName(tr("Date of supervision"))
        self.duration = QSpinBox(self)
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(tr(" min"))
        self.duration.setSpecialValueText(tr("not noted"))
        self.duration.setAccessibleName(tr("Duration in minutes"))
        self.format = QComboBox(self)
        self.format.addItem(tr("Individual"), "individual")
        self.format.addItem(tr("Group"), "group")
        self.format.setAccessibleName(tr("Individual or group supervision"))
        self.texts: dict[str, QPlainTextEdit] = {}
        for name, label in TEXT_FIELDS:
            edit = QPlainTextEdit(self)
            edit.setAccessibleName(tr(label))
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(52)
            edit.textChanged.connect(self._changed)
            self.texts[name] = edit
        self.identifier_note = plain_label("", self)
        self.identifier_note.setObjectName("notesIdentifierWarning")
        self.identifier_note.setVisible(False)
        self.actions_editor = ActionsEditor(today, self)
        self.actions_editor.changed.connect(self._changed)
        self.met_on.dateChanged.connect(self._changed)
        self.duration.valueChanged.connect(self._changed)
        self.format.currentIndexChanged.connect(self._changed)

        form = QFormLayout()
        form.addRow(tr("&Date"), self.met_on)
        form.addRow(tr("D&uration"), self.duration)
        form.addRow(tr("&Format"), self.format)
        self.editor = QWidget(self)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 4, 0)
        editor_layout.setSpacing(4)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.identifier_note)
        # Labels above the text boxes: the panel is narrow and the texts are the point.
        for name, label in TEXT_FIELDS[:3]:
            self._labelled(editor_layout, tr(label), self.texts[name])
        self._labelled(editor_layout, tr("Actions with due dates"), self.actions_editor)
        for name, label in TEXT_FIELDS[3:]:
            self._labelled(editor_layout, tr(label), self.texts[name])
        editor_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.editor)

        buttons = QHBoxLayout()
        buttons.addWidget(action_button(self.new_action, self))
        buttons.addWidget(action_button(self.delete_action, self))
        buttons.addStretch(1)
        buttons.addWidget(action_button(self.save_action, self, default=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading_label(tr("My supervision notes"), self))
        layout.addWidget(muted(plain_label(tr("Private to your vault; never part of any summary."), self)))
        layout.addWidget(self.notes)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.set_summary(None)

    def _labelled(self, layout: QVBoxLayout, text: str, field: QWidget) -> None:
        caption = QLabel(text, self.editor)
        caption.setBuddy(field)
        layout.addSpacing(4)
        layout.addWidget(caption)
        layout.addWidget(field)

    # -- loading -----------------------------------------------------------------------------
    def set_summary(self, summary_id: str | None) -> None:
        """Show the notes kept next to ``summary_id`` (saving any open edit first)."""
        self.save_if_dirty()
        self.summary_id = summary_id
        self.setEnabled(summary_id is not None)
        self._reload()

    def _reload(self, select: str | None = None) -> None:
        notes = self.supervision.notes(summary_id=self.summary_id) if self.summary_id else []
        self.notes.blockSignals(True)
        self.notes.clear()
        for note in notes:
            minutes = f" · {note.duration_minutes} min" if note.duration_minutes else ""
            item = QListWidgetItem(f"{note.met_on}{minutes} · {tr(note.format.capitalize())}")
            item.setData(NOTE_ROLE, note.id)
            self.notes.addItem(item)
            if note.id == select:
                self.notes.setCurrentItem(item)
        self.notes.blockSignals(False)
        chosen = next((n for n in notes if n.id == select), notes[0] if notes else None)
        if chosen is not None and select is None:
            self.notes.setCurrentRow(0)
        self._fill(chosen)

    def _open(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.save_if_dirty()
        found = self.supervision.notes(note_id=item.data(NOTE_ROLE))
        self._fill(found[0] if found else None)

    def _fill(self, note: SupervisionNote | None) -> None:
        self._loading = True
        self.note_id = note.id if note else None
        met_on = date.fromisoformat(note.met_on) if note else self.today
        self.met_on.setDate(to_qdate(met_on))
        self.duration.setValue((note.duration_minutes or 0) if note else 0)
        self.format.setCurrentIndex(max(0, self.format.findData(note.format if note else "individual")))
        for name, edit in self.texts.items():
            edit.setPlainText(getattr(note, name) if note else "")
        self.actions_editor.set_items(note.actions if note else ())
        self._loading = False
        self.dirty = False
        self.delete_action.setEnabled(note is not None)
        self._check_identifiers()

    # -- editing -------------------------------------------------------------------------------
    def new_note(self) -> None:
        if self.summary_id is None:
            return
        self.save_if_dirty()
        self.notes.clearSelection()
        self._fill(None)
        self.texts["cases_discussed"].setFocus()

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.dirty = True
            self._check_identifiers()

    def _check_identifiers(self) -> None:
        flagged = []
        for name, label in TEXT_FIELDS:
            findings = detect_identifiers(self.texts[name].toPlainText(), today=self.today)
            reasons = dict.fromkeys(QCoreApplication.translate("Identifiers", f.reason) for f in findings)
            flagged += [f"{tr(label)}: {reason}" for reason in reasons]
        self.identifier_note.setText(
            tr("This may identify a real person; use pseudonyms only.")
            + "\n"
            + "\n".join(f"• {line}" for line in flagged)
        )
        self.identifier_note.setVisible(bool(flagged))
        set_tone(self.identifier_note, "error")

    def save(self, *, report: bool = True) -> bool:
        """Save the open note (a new one when none is open). True when saved; a refusal is
        shown in a dialog unless ``report`` is False (at lock, where nothing may wait for a click)."""
        if self.summary_id is None:
            return False
        duration = self.duration.value() or None
        try:
            note = self.supervision.save_note(
                met_on=from_qdate(self.met_on.date()).isoformat(),
                summary_id=self.summary_id,
                note_id=self.note_id,
                duration_minutes=duration,
                format=str(self.format.currentData()),
                actions=self.actions_editor.items(),
                **{name: edit.toPlainText().strip() for name, edit in self.texts.items()},
            )
        except TherapistDeskError as exc:
            if report:
                self.dialogs.error(self, tr("The note was not saved"), describe_error(exc))  # type: ignore[attr-defined]
            return False
        self.dirty = False
        self._reload(select=note.id)
        return True

    def save_if_dirty(self) -> None:
        """Keep what was typed (switching notes or summaries)."""
        if self.dirty and self.summary_id is not None:
            self.save()

    def save_on_lock(self) -> dict[str, Any] | None:
        """Lock hook: save what was typed, without a dialog; the form, when it could not be saved."""
        if self.dirty and self.summary_id is not None and not self.save(report=False):
            return self.draft()
        return None

    def draft(self) -> dict[str, Any]:
        """The open form as JSON values (``restore`` puts it back)."""
        return {
            "summary_id": self.summary_id,
            "note_id": self.note_id,
            "met_on": from_qdate(self.met_on.date()).isoformat(),
            "duration_minutes": self.duration.value(),
            "format": str(self.format.currentData()),
            "actions": [asdict(item) for item in self.actions_editor.items()],
            "texts": {name: edit.toPlainText() for name, edit in self.texts.items()},
        }

    def restore(self, draft: dict[str, Any]) -> bool:
        """Put back a form a lock could not save (its summary is already shown), then save it."""
        found = self.supervision.notes(note_id=draft["note_id"]) if draft.get("note_id") else []
        self._fill(found[0] if found else None)
        self._loading = True
        self.met_on.setDate(to_qdate(date.fromisoformat(draft["met_on"])))
        self.duration.setValue(int(draft["duration_minutes"]))
        self.format.setCurrentIndex(max(0, self.format.findData(draft["format"])))
        for name, edit in self.texts.items():
            edit.setPlainText(draft["texts"].get(name, ""))
        self.actions_editor.set_items(tuple(ActionItem(**item) for item in draft["actions"]))
        self._loading = False
        self.dirty = True
        self._check_identifiers()
        return self.save()

    def delete(self) -> None:
        if self.note_id is None:
            return
        confirmed = self.dialogs.confirm(  # type: ignore[attr-defined]
            self,
            tr("Delete this supervision note?"),
            tr("The note is removed from your vault for good."),
            confirm_label=tr("Delete"),
            destructive=True,
        )
        if confirmed:
            self.supervision.delete_note(self.note_id)
            self.dirty = False
            self._reload()
