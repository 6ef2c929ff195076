"""Instruments: what is available and when it is next suggested, the forms, results and history."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.instruments import Instrument, bundled_instruments
from therapist_desk.domain.selfcare import Assessment
from therapist_desk.services.selfcare import InstrumentDue, SelfCareService
from therapist_desk.services.selfcare_drafts import AssessmentDrafts
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.selfcare.assessment_form import AssessmentForm
from therapist_desk.ui.selfcare.common import (
    Card,
    Chip,
    ListTableModel,
    ModelIndex,
    action_button,
    add_action,
    medium_date,
    number,
    plain_label,
    setup_row_table,
    tr,
)
from therapist_desk.ui.selfcare.results import ResultsPage
from therapist_desk.ui.widgets import muted_label

TAKE_SHORTCUTS = {"cbi": "Ctrl+Shift+C", "single_item": "Ctrl+Shift+S"}  # Ctrl+Shift+I is Import
TAKE_TEXT = {"cbi": "Take the &CBI", "single_item": "Take the &single-item measure"}


def scores_text(assessment: Assessment) -> str:
    instrument = bundled_instruments()[assessment.instrument_id]
    parts = []
    for scale in instrument.scales:
        value = assessment.scores.get(scale.id)
        if value is None:
            shown = tr("not scored")
        elif len(instrument.scales) == 1:
            highest = max(o.code for i in instrument.items for o in i.response_set.options)
            shown = tr("{score} of {highest}").format(score=number(value), highest=number(highest))
        else:
            shown = number(value)
        parts.append(shown if len(instrument.scales) == 1 else f"{scale.title} {shown}")
    return "   ·   ".join(parts)


class HistoryModel(ListTableModel):
    HEADERS = ("Date", "Instrument", "Scores")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assessments: list[Assessment] = []

    def set_assessments(self, assessments: list[Assessment]) -> None:
        self.beginResetModel()
        self.assessments = list(reversed(assessments))  # newest first
        self.endResetModel()

    def row_items(self) -> list[Assessment]:
        return self.assessments

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        assessment = self.assessments[index.row()]
        instrument = bundled_instruments()[assessment.instrument_id]
        return (medium_date(assessment.taken_on), instrument.short_title, scores_text(assessment))[
            index.column()
        ]


class InstrumentCard(Card):
    def __init__(self, instrument: Instrument, take_action: Any, parent: QWidget | None = None) -> None:
        super().__init__(instrument.title, parent)
        self.setObjectName(f"instrument-{instrument.id}")
        questions = len(instrument.items)
        if questions > 1:
            what = tr("{n} questions; scores for {scales}.").format(
                n=questions, scales=", ".join(s.title.lower() for s in instrument.scales)
            )
        else:
            what = tr("One question, answered in a few seconds.")
        self.body.addWidget(plain_label(what, self))
        self.due_chip = Chip("", "quiet", self)
        self.due_label = plain_label("", self)
        self.draft_label = muted_label(tr("Unfinished answers are waiting for you."), self)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_chip)
        due_row.addWidget(self.due_label, 1)
        self.body.addLayout(due_row)
        self.body.addWidget(self.draft_label)
        self.take_button = action_button(take_action, self)
        take_row = QHBoxLayout()
        take_row.addWidget(self.take_button)
        take_row.addStretch(1)
        self.body.addLayout(take_row)
        citation = muted_label(instrument.citation, self)
        citation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(citation)
        self.body.addStretch(1)

    def show_due(self, due: InstrumentDue, has_draft: bool) -> None:
        self.due_chip.setText(tr(due.cadence_text.rstrip(".").split(",")[0]) if due.cadence_text else "")
        if due.last_taken_on is None:
            text = tr("Not taken yet.")
        elif due.due_on is None:
            text = tr("Last taken on {day}.").format(day=medium_date(due.last_taken_on))
        elif due.overdue:
            text = tr("Last taken on {day}; suggested again now.").format(day=medium_date(due.last_taken_on))
        else:
            text = tr("Last taken on {day}; next suggested on {next}.").format(
                day=medium_date(due.last_taken_on), next=medium_date(due.due_on)
            )
        self.due_label.setText(text)
        self.due_chip.set_tone("attention" if due.overdue else "calm")
        self.draft_label.setVisible(has_draft)


class InstrumentsPage(QWidget):
    changed = Signal()

    def __init__(
        self,
        selfcare: SelfCareService,
        drafts: AssessmentDrafts,
        dialogs: DialogService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("instrumentsPage")
        self.selfcare = selfcare
        self.drafts = drafts
        self.dialogs = dialogs
        self.forms: dict[str, AssessmentForm] = {}
        self.stack = QStackedWidget(self)
        self.overview = QWidget(self.stack)
        self.results = ResultsPage(self.stack)
        self.results.closed.connect(self.show_overview)
        self.stack.addWidget(self.overview)
        self.stack.addWidget(self.results)
        self._build_overview()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.refresh()

    def _build_overview(self) -> None:
        self.take_actions = {}
        self.cards: dict[str, InstrumentCard] = {}
        cards = QHBoxLayout()
        cards.setSpacing(16)
        for instrument in bundled_instruments().values():
            text = TAKE_TEXT.get(instrument.id) or "Take the {name}"
            text = tr(text).format(name=instrument.short_title)
            action = add_action(self, text, TAKE_SHORTCUTS.get(instrument.id, ""), f"take-{instrument.id}")
            action.triggered.connect(lambda _c=False, iid=instrument.id: self.open_form(iid))
            self.take_actions[instrument.id] = action
            card = InstrumentCard(instrument, action, self.overview)
            self.cards[instrument.id] = card
            cards.addWidget(card, 1)
        self.open_action = add_action(self, tr("&Open results"), "Ctrl+O", "openResults")
        self.open_action.triggered.connect(self.open_selected)
        self.delete_action = add_action(self, tr("&Delete result"), "Ctrl+Shift+Del", "deleteResult")
        self.delete_action.triggered.connect(self.delete_selected)

        self.history_model = HistoryModel(self)
        self.history = QTableView(self.overview)
        setup_row_table(self.history, self.history_model, tr("Past results"))
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.activated.connect(lambda _index: self.open_selected())
        history_card = Card(tr("Past results"), self.overview)
        self.empty_history = muted_label(
            tr("No results yet. Your first check-in will show here."), history_card
        )
        history_card.body.addWidget(self.empty_history)
        history_card.body.addWidget(self.history, 1)
        self.history_buttons = QWidget(history_card)
        buttons = QHBoxLayout(self.history_buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(action_button(self.open_action, self.history_buttons))
        buttons.addWidget(action_button(self.delete_action, self.history_buttons))
        buttons.addStretch(1)
        history_card.body.addWidget(self.history_buttons)

        self.overview_layout = QVBoxLayout(self.overview)
        self.overview_layout.setContentsMargins(16, 16, 16, 16)
        self.overview_layout.setSpacing(16)
        self.overview_layout.addLayout(cards)
        self.overview_layout.addWidget(history_card, 1)
        self.overview_layout.addStretch(0)  # takes the space while there is no history

    def focus_first(self) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, AssessmentForm):
            current.focus_first_question()
        elif current is self.results:
            self.results.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.cards["cbi"].take_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- overview --------------------------------------------------------------------------
    def refresh(self) -> None:
        for due in self.selfcare.instruments_due():
            card = self.cards.get(due.instrument_id)
            if card is not None:
                has_draft = due.instrument_id in self.forms or self.drafts.get(due.instrument_id) is not None
                form = self.forms.get(due.instrument_id)
                card.show_due(due, bool(form.answers()) if form else has_draft)
        self.history_model.set_assessments(self.selfcare.list_assessments())
        empty = self.history_model.rowCount() == 0
        self.empty_history.setVisible(empty)
        self.history.setVisible(not empty)
        self.history_buttons.setVisible(not empty)
        self.open_action.setEnabled(not empty)
        self.delete_action.setEnabled(not empty)
        self.overview_layout.setStretch(1, 0 if empty else 1)
        self.overview_layout.setStretch(2, 1 if empty else 0)
        if not empty:
            self.history.selectRow(0)

    def show_overview(self) -> None:
        self.refresh()
        self.stack.setCurrentWidget(self.overview)
        self.history.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_form(self, instrument_id: str) -> AssessmentForm:
        form = self.forms.get(instrument_id)
        if form is None:
            form = AssessmentForm(
                bundled_instruments()[instrument_id], self.selfcare, self.drafts, self.dialogs, self.stack
            )
            form.submitted.connect(self.show_results)
            form.closed.connect(self.show_overview)
            self.stack.addWidget(form)
            self.forms[instrument_id] = form
        self.stack.setCurrentWidget(form)
        form.focus_first_question()
        return form

    def current_form(self) -> AssessmentForm | None:
        current = self.stack.currentWidget()
        return current if isinstance(current, AssessmentForm) else None

    # -- results and history ------------------------------------------------------------------
    def show_results(self, assessment: Assessment) -> None:
        earlier = self.selfcare.list_assessments(assessment.instrument_id, end=assessment.taken_on)
        ids = [a.id for a in earlier]
        position = ids.index(assessment.id) if assessment.id in ids else len(earlier)
        previous = earlier[position - 1] if position > 0 else None
        self.results.show_assessment(assessment, previous)
        self.stack.setCurrentWidget(self.results)
        self.results.back_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()
        self.changed.emit()

    def selected(self) -> Assessment | None:
        index = self.history.currentIndex()
        if not index.isValid() or self.stack.currentWidget() is not self.overview:
            return None
        return self.history_model.assessments[index.row()]

    def open_selected(self) -> None:
        assessment = self.selected()
        if assessment is not None:
            self.show_results(assessment)

    def delete_selected(self) -> None:
        assessment = self.selected()
        if assessment is None:
            return
        instrument = bundled_instruments()[assessment.instrument_id]
        if self.dialogs.confirm(
            self,
            tr("Delete result"),
            tr("Delete the {name} result of {day}? This cannot be undone.").format(
                name=instrument.short_title, day=medium_date(assessment.taken_on)
            ),
            confirm_label=tr("Delete"),
            destructive=True,
        ):
            self.selfcare.delete_assessment(assessment.id)
            self.refresh()
            self.changed.emit()

    # -- lock --------------------------------------------------------------------------------
    def save_drafts(self) -> dict[str, Any]:
        """Lock hook: unfinished answers go into the vault as drafts (never anywhere else).
        Returns, by instrument, the answers that could not be stored."""
        unsaved = {}
        for instrument_id, form in self.forms.items():
            answers = form.save_draft()
            if answers is not None:
                unsaved[instrument_id] = answers
        return unsaved

    def restore_kept(self, kept: dict[str, Any]) -> None:
        """Answers the last lock could not store: stored as drafts now (the overview offers to
        continue them), or, if that fails again, put back on their form."""
        for instrument_id, answers in kept.items():
            if instrument_id not in bundled_instruments():
                continue
            try:
                self.drafts.save(instrument_id, date.fromisoformat(answers["taken_on"]), answers["answers"])
            except TherapistDeskError:
                self.open_form(instrument_id).restore_kept(answers)
        self.refresh()
