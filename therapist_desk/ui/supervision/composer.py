"""The supervisee's summary composer: period, display name, sections, note excerpts, questions.

Nothing is shared from here: "Preview summary" builds the document and shows it in full
first. Aggregate sections start ticked; aliases, excerpts and questions only appear when the
user ticks or writes them. The form survives a lock as a draft inside the vault.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.services.summary_composer import (
    SelectedExcerpt,
    SummaryComposer,
    SummaryOptions,
    last_weeks,
)
from therapist_desk.ui.supervision.common import (
    Card,
    action_button,
    add_action,
    from_qdate,
    heading_label,
    muted,
    plain_label,
    to_qdate,
    tr,
)
from therapist_desk.ui.supervision.note_picker import NotePicker

DATE_FORMAT = "ddd d MMM yyyy"

# (option name, label, explanation, parent option for an alias box)
SECTION_BOXES = (
    (
        "self_care_trends",
        QT_TRANSLATE_NOOP("Supervision", "Burnout and self-care trends"),
        QT_TRANSLATE_NOOP("Supervision", "Weekly check-in means, CBI and single-item scores, with charts"),
        None,
    ),
    (
        "indicator_status",
        QT_TRANSLATE_NOOP("Supervision", "Indicator status"),
        QT_TRANSLATE_NOOP("Supervision", "Which early-warning patterns are showing today"),
        None,
    ),
    (
        "caseload_by_level",
        QT_TRANSLATE_NOOP("Supervision", "Caseload by program level"),
        QT_TRANSLATE_NOOP("Supervision", "Active clients, sessions and hours per level, as numbers"),
        None,
    ),
    (
        "caseload_aliases",
        QT_TRANSLATE_NOOP("Supervision", "Include client aliases"),
        QT_TRANSLATE_NOOP("Supervision", "The aliases of active clients, by level"),
        "caseload_by_level",
    ),
    (
        "themes",
        QT_TRANSLATE_NOOP("Supervision", "Themes reflected on"),
        QT_TRANSLATE_NOOP("Supervision", "How many reflections per theme and ADDRESSING dimension"),
        None,
    ),
    (
        "stalled_sessions",
        QT_TRANSLATE_NOOP("Supervision", "Sessions flagged as stalled"),
        QT_TRANSLATE_NOOP("Supervision", "Counts of sessions marked \u201cprogress stalled\u201d"),
        None,
    ),
    (
        "stalled_aliases",
        QT_TRANSLATE_NOOP("Supervision", "Include client aliases"),
        QT_TRANSLATE_NOOP("Supervision", "Which clients those sessions were with"),
        "stalled_sessions",
    ),
)
QUESTIONS = (
    ("formative", QT_TRANSLATE_NOOP("Supervision", "Formative: learning and skills")),
    ("normative", QT_TRANSLATE_NOOP("Supervision", "Normative: ethics, standards and risk")),
    ("restorative", QT_TRANSLATE_NOOP("Supervision", "Restorative: wellbeing and support")),
)


class ComposerPage(QWidget):
    previewRequested = Signal(object)  # SummaryOptions

    def __init__(self, composer: SummaryComposer, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryComposer")
        self.composer = composer
        start, end = last_weeks(today)

        self.period_from = self._date_edit(start, today, tr("Period starts"))
        self.period_to = self._date_edit(end, today, tr("Period ends"))
        self.display_name = QLineEdit(composer.display_name(), self)
        self.display_name.setAccessibleName(tr("Display name"))
        self.display_name.setMaxLength(120)
        self.display_name.setToolTip(tr("How the supervisor sees you: a first name or initials is enough."))
        period = Card(tr("Period and name"), self)
        form = QFormLayout()
        for text, field in (
            (tr("&From"), self.period_from),
            (tr("&To"), self.period_to),
            (tr("Display &name"), self.display_name),
        ):
            label = QLabel(text, period)
            label.setBuddy(field)
            # The mnemonic's underline splits a kerned pair ("To"); a little room keeps it whole.
            label.setMinimumWidth(label.sizeHint().width() + 4)
            form.addRow(label, field)
        period.body.addLayout(form)

        sections = Card(tr("Sections to share"), self)
        sections.body.addWidget(
            muted(plain_label(tr("Numbers and charts only, unless you tick aliases."), sections))
        )
        self.boxes: dict[str, QCheckBox] = {}
        for name, title_source, explanation_source, parent_name in SECTION_BOXES:
            title, explanation = tr(str(title_source)), tr(str(explanation_source))
            box = QCheckBox(title, sections)
            box.setObjectName(name)
            box.setAccessibleName(
                title if parent_name is None else f"{title} ({self.boxes[parent_name].text()})"
            )
            box.setAccessibleDescription(explanation)
            box.setToolTip(explanation)
            box.setChecked(getattr(SummaryOptions, name))
            self.boxes[name] = box
            if parent_name is not None:
                row = QHBoxLayout()
                row.setContentsMargins(24, 0, 0, 0)
                row.addWidget(box)
                sections.body.addLayout(row)
                self.boxes[parent_name].toggled.connect(box.setEnabled)
            else:
                sections.body.addWidget(box)

        questions = Card(tr("Questions for supervision"), self)
        questions.body.addWidget(
            muted(
                plain_label(
                    tr("Proctor's three functions of supervision. Leave a box empty to skip it."), questions
                )
            )
        )
        self.questions: dict[str, QPlainTextEdit] = {}
        row = QHBoxLayout()
        row.setSpacing(12)
        for name, question_source in QUESTIONS:
            question = tr(str(question_source))
            edit = QPlainTextEdit(questions)
            edit.setObjectName(f"questions-{name}")
            edit.setAccessibleName(question)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(84)
            caption = QLabel(question, questions)
            caption.setBuddy(edit)
            caption.setWordWrap(True)
            column = QVBoxLayout()
            column.addWidget(caption)
            column.addWidget(edit)
            row.addLayout(column, 1)
            self.questions[name] = edit
        questions.body.addLayout(row)

        notes = Card(tr("Note excerpts"), self)
        notes.body.addWidget(
            muted(
                plain_label(tr("Only the excerpts of ticked reflections are shared, as edited below."), notes)
            )
        )
        self.picker = NotePicker(composer, notes)
        notes.body.addWidget(self.picker, 1)

        self.preview_action = add_action(self, tr("&Preview summary"), "Ctrl+Return", "previewSummary")
        self.preview_action.triggered.connect(self._preview)
        self.preview_button = action_button(self.preview_action, self, default=True)

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(period)
        left.addWidget(sections)
        left.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addLayout(left, 1)
        top.addWidget(notes, 1)
        columns = QVBoxLayout()
        columns.setSpacing(12)
        columns.addLayout(top)
        columns.addWidget(questions)
        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(16, 12, 16, 12)
        inner_layout.addWidget(heading_label(tr("Prepare a supervision summary"), inner, scale=1.35))
        inner_layout.addWidget(
            muted(
                plain_label(
                    tr(
                        "Choose what to share. You will see the whole document before anything is written, and nothing else leaves this vault."
                    ),
                    inner,
                )
            )
        )
        inner_layout.addLayout(columns)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(16, 6, 16, 10)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        for date_edit in (self.period_from, self.period_to):
            date_edit.dateChanged.connect(self._period_changed)
        self._period_changed()
        chain = [
            self.period_from,
            self.period_to,
            self.display_name,
            *self.boxes.values(),
            self.picker.search,
            self.picker.notes,
            self.picker.heading,
            self.picker.excerpt,
            *self.questions.values(),
            self.preview_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _date_edit(self, day: date, today: date, name: str) -> QDateEdit:
        edit = QDateEdit(to_qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setMaximumDate(to_qdate(today))
        edit.setAccessibleName(name)
        return edit

    def _period_changed(self) -> None:
        self.picker.set_period(from_qdate(self.period_from.date()), from_qdate(self.period_to.date()))

    # -- options and drafts ---------------------------------------------------------------------
    def options(self) -> SummaryOptions:
        parents = {name: parent for name, _label, _explanation, parent in SECTION_BOXES}
        # By field name; typed Any because mypy matches each ** entry against every field.
        ticked: dict[str, Any] = {
            name: box.isChecked() and (parents[name] is None or self.boxes[str(parents[name])].isChecked())
            for name, box in self.boxes.items()
        }
        questions: dict[str, Any] = {name: edit.toPlainText() for name, edit in self.questions.items()}
        return SummaryOptions(
            period_from=from_qdate(self.period_from.date()),
            period_to=from_qdate(self.period_to.date()),
            display_name=self.display_name.text(),
            excerpts=self.picker.excerpts(),
            **ticked,
            **questions,
        )

    def _preview(self) -> None:
        self.previewRequested.emit(self.options())

    def draft(self) -> dict[str, Any]:
        """The form as plain data (kept in the vault across a lock)."""
        options = self.options()
        return {
            "from": options.period_from.isoformat(),
            "to": options.period_to.isoformat(),
            "display_name": self.display_name.text(),
            "boxes": {name: box.isChecked() for name, box in self.boxes.items()},
            "questions": {name: edit.toPlainText() for name, edit in self.questions.items()},
            "excerpts": [[e.note_id, e.heading, e.text] for e in options.excerpts],
        }

    def load_draft(self, draft: Any) -> None:
        if not isinstance(draft, dict):
            return
        for key, date_edit in (("from", self.period_from), ("to", self.period_to)):
            with contextlib.suppress(ValueError):
                date_edit.setDate(to_qdate(date.fromisoformat(str(draft.get(key)))))
        if isinstance(draft.get("display_name"), str):
            self.display_name.setText(draft["display_name"])
        boxes = _dict_at(draft, "boxes")
        for name, box in self.boxes.items():
            if isinstance(boxes.get(name), bool):
                box.setChecked(boxes[name])
        questions = _dict_at(draft, "questions")
        for name, edit in self.questions.items():
            if isinstance(questions.get(name), str):
                edit.setPlainText(questions[name])
        chosen = [
            SelectedExcerpt(str(e[0]), str(e[2]), str(e[1]))
            for e in draft.get("excerpts") or []
            if isinstance(e, list) and len(e) == 3 and all(isinstance(x, str) for x in e)
        ]
        self.picker.set_excerpts(tuple(chosen))

    def focus_first(self) -> None:
        self.period_from.setFocus(Qt.FocusReason.OtherFocusReason)


def _dict_at(draft: dict[str, Any], key: str) -> dict[str, Any]:
    """``draft[key]`` when it is a dict, else an empty one (a draft is only plain data)."""
    value = draft.get(key)
    return value if isinstance(value, dict) else {}
