"""The page for answering one instrument: questions, progress, the minimum-answered rule, submit.

A half-filled form is kept, not lost: a lock saves it as a draft inside the vault
(``AssessmentDrafts``) and the next unlock brings it back. Submitting scores the answers in the
service (never here) and forgets the draft.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.instruments import Instrument
from therapist_desk.services.selfcare import SelfCareService
from therapist_desk.services.selfcare_drafts import AssessmentDrafts
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.selfcare.common import (
    DATE_EDIT_FORMAT,
    action_button,
    add_action,
    from_qdate,
    heading_label,
    medium_date,
    plain_label,
    to_qdate,
    tr,
)
from therapist_desk.ui.selfcare.instrument_form import QuestionWidget, keyboard_hint, rule_text
from therapist_desk.ui.widgets import describe_error, message_label, muted_label, title_label


class AssessmentForm(QWidget):
    submitted = Signal(object)  # the saved Assessment
    closed = Signal()

    def __init__(
        self,
        instrument: Instrument,
        selfcare: SelfCareService,
        drafts: AssessmentDrafts,
        dialogs: DialogService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"form-{instrument.id}")
        self.instrument = instrument
        self.selfcare = selfcare
        self.drafts = drafts
        self.dialogs = dialogs
        self._build()
        self.restore_draft()

    def _build(self) -> None:
        instrument = self.instrument
        self.submit_action = add_action(self, tr("&Submit answers"), "Ctrl+Return", "submitAnswers")
        self.submit_action.setShortcuts(
            [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter"), QKeySequence("Ctrl+S")]
        )
        self.submit_action.triggered.connect(self.submit)
        self.clear_action = add_action(self, tr("C&lear answers"), "Ctrl+Shift+Backspace", "clearAnswers")
        self.clear_action.triggered.connect(self.clear_answers)
        self.back_action = add_action(self, tr("&Back to instruments"), "Escape", "backFromForm")
        self.back_action.triggered.connect(self.closed.emit)

        header = QVBoxLayout()
        header.setSpacing(4)
        title = title_label(instrument.title, self, scale=1.4)
        title.setTextFormat(Qt.TextFormat.PlainText)
        header.addWidget(title)
        citation = muted_label(
            tr("Validated instrument. Source: {citation}").format(citation=instrument.citation), self
        )
        citation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(citation)
        header.addWidget(plain_label(instrument.instructions, self))
        if rule_text(instrument):
            header.addWidget(plain_label(rule_text(instrument), self))
        header.addWidget(muted_label(keyboard_hint(instrument), self))

        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        self.date_edit.setAccessibleName(tr("Date the answers are for"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, len(instrument.items))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(tr("Questions answered"))
        self.progress.setMinimumWidth(220)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progressLabel")
        date_row = QHBoxLayout()
        date_row.addWidget(QLabel(tr("Answers for"), self))
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        date_row.addWidget(self.progress_label)
        date_row.addWidget(self.progress)
        header.addLayout(date_row)
        self.scale_labels: dict[str, QLabel] = {}
        scale_row = QHBoxLayout()
        scale_row.setSpacing(24)
        for scale in instrument.scales:
            label = muted_label("", self)
            label.setObjectName(f"scaleStatus-{scale.id}")
            label.setVisible(len(instrument.items) > 1)  # one question: the progress says it all
            self.scale_labels[scale.id] = label
            scale_row.addWidget(label, 1)
        header.addLayout(scale_row)
        self.draft_note = message_label("draftNote", self, tone="muted")
        header.addWidget(self.draft_note)

        self.questions: list[QuestionWidget] = []
        self.scale_headings: dict[str, QLabel] = {}
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.setSpacing(6)
        total = len(instrument.items)
        for scale in instrument.scales:
            if len(instrument.scales) > 1:
                set_titles = {instrument.item(i).response_set.title for i in scale.item_ids}  # type: ignore[union-attr]
                heading = heading_label(scale.title, body, scale=1.1)
                heading.setContentsMargins(0, 10, 0, 0)
                self.scale_headings[scale.id] = heading
                body_layout.addWidget(heading)
                body_layout.addWidget(
                    muted_label(
                        tr("{n} questions ({sets}). {description}").format(
                            n=len(scale.item_ids),
                            sets=", ".join(sorted(set_titles)).lower(),
                            description=scale.description,
                        ),
                        body,
                    )
                )
            for item in instrument.items:
                if item.scale != scale.id:
                    continue
                question = QuestionWidget(item, instrument.items.index(item) + 1, total, body)
                question.answerChanged.connect(self._update_progress)
                body_layout.addWidget(question)
                self.questions.append(question)
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setAccessibleName(tr("Questions"))

        self.error = message_label("formError", self, tone="error")
        self.submit_button = action_button(self.submit_action, self, default=True)
        self.clear_button = action_button(self.clear_action, self)
        self.back_button = action_button(self.back_action, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.date_edit, self.questions[0].buttons[0])
        self.reset_date()
        self._update_progress()

    # -- state ------------------------------------------------------------------------
    def answers(self) -> dict[str, str]:
        return {q.item.id: a for q in self.questions if (a := q.answer()) is not None}

    def taken_on(self) -> date:
        return from_qdate(self.date_edit.date())

    def reset_date(self) -> None:
        today = self.selfcare.clock.today()
        self.date_edit.setMaximumDate(to_qdate(today))
        self.date_edit.setDate(to_qdate(today))

    def focus_first_question(self) -> None:
        target = next((q for q in self.questions if q.answer() is None), self.questions[0])
        target.focus_answer()
        self.scroll_area.ensureWidgetVisible(target)

    def _update_progress(self) -> None:
        answers = self.answers()
        self.progress.setValue(len(answers))
        self.progress_label.setText(
            tr("{n} of {total} answered").format(n=len(answers), total=len(self.instrument.items))
        )
        for scale in self.instrument.scales:
            answered = sum(1 for i in scale.item_ids if i in answers)
            if answered >= scale.min_answered:
                state = tr("enough for a score")
            else:
                state = tr("{n} more for a score").format(n=scale.min_answered - answered)
            self.scale_labels[scale.id].setText(
                tr("{scale}: {answered} of {count}, {state}").format(
                    scale=scale.title, answered=answered, count=len(scale.item_ids), state=state
                )
            )
        self.error.setVisible(False)

    # -- actions ---------------------------------------------------------------------------
    def submit(self) -> None:
        answers = self.answers()
        if not answers:
            self.error.setText(tr("Answer at least one question before submitting."))
            self.error.setVisible(True)
            return
        try:
            assessment = self.selfcare.save_assessment(self.instrument.id, self.taken_on(), answers)
        except TherapistDeskError as exc:
            self.error.setText(describe_error(exc))
            self.error.setVisible(True)
            return
        self.drafts.discard(self.instrument.id)
        self._clear()
        self.submitted.emit(assessment)

    def clear_answers(self) -> None:
        if self.answers() and not self.dialogs.confirm(
            self,
            tr("Clear answers"),
            tr("Clear every answer on this form?"),
            confirm_label=tr("Clear"),
            destructive=True,
        ):
            return
        self._clear()
        self.drafts.discard(self.instrument.id)
        self.focus_first_question()

    def _clear(self) -> None:
        for question in self.questions:
            question.clear()
        self.reset_date()
        self.draft_note.setVisible(False)
        self._update_progress()

    # -- drafts --------------------------------------------------------------------------
    def save_draft(self) -> dict[str, Any] | None:
        """Lock hook: keep unfinished answers inside the vault (or forget an emptied draft).
        Returns them when they could not be stored, for the lock to keep (services/kept_work.py)."""
        try:
            self.drafts.save(self.instrument.id, self.taken_on(), self.answers())
        except TherapistDeskError:
            return {"taken_on": self.taken_on().isoformat(), "answers": self.answers()}
        return None

    def restore_kept(self, kept: dict[str, Any]) -> None:
        """Answers that could not be stored, back on the form (the next lock tries again)."""
        taken_on, answers = date.fromisoformat(kept["taken_on"]), kept["answers"]
        for question in self.questions:
            question.set_answer(answers.get(question.item.id))
        self.date_edit.setDate(to_qdate(taken_on))
        self.draft_note.setText(tr("Your unfinished answers are back; submit them or clear them."))
        self.draft_note.setVisible(True)
        self._update_progress()

    def restore_draft(self) -> None:
        draft = self.drafts.get(self.instrument.id)
        if draft is None:
            return
        for question in self.questions:
            question.set_answer(draft.answers.get(question.item.id))
        self.date_edit.setDate(to_qdate(draft.taken_on))
        self.draft_note.setText(
            tr("Your unfinished answers from {day} are back; submit them or clear them.").format(
                day=medium_date(draft.saved_at.date())
            )
        )
        self.draft_note.setVisible(True)
        self._update_progress()
