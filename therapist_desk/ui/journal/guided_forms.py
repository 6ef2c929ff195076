"""The guided reflections: Gibbs' cycle and the structured bias reflection.

Labels, guidance and the choice lists come from the prompt library's templates
(``resources/prompts/prompts.json``), so the forms and the Trends counts share one vocabulary.
Each form also has an "Anything else" box for the note's free text, so nothing is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.journal import (
    ADDRESSING_DIMENSIONS,
    ASSUMPTION_TYPES,
    BiasReflection,
    GibbsReflection,
)
from therapist_desk.domain.prompts import PromptLibrary, ReflectionTemplate
from therapist_desk.ui.journal.common import tr
from therapist_desk.ui.journal.fields import GuidedText
from therapist_desk.ui.widgets import set_tone


class GuidedForm(QScrollArea):
    """A scrolling column of labelled fields; ``edited`` on any change."""

    edited = Signal()

    def __init__(self, template: ReflectionTemplate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget(self)
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(0, 4, 12, 12)
        self.column.setSpacing(14)
        intro = QLabel(template.description, self.body)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        set_tone(intro, "muted")
        self.column.addWidget(intro)
        self.setWidget(self.body)
        self.texts: dict[str, GuidedText] = {}
        self.other = GuidedText(tr("Anything else"), tr("Free notes that do not fit above."), self.body)
        self.other.edited.connect(self.edited)

    def _text(self, field_id: str, *, lines: int = 3) -> GuidedText:
        spec = next(f for f in self.template.fields if f.id == field_id)
        field = GuidedText(spec.label, spec.guidance, self.body, lines=lines)
        field.edited.connect(self.edited)
        self.texts[field_id] = field
        return field

    def _finish(self) -> None:
        self.column.addWidget(self.other)
        self.column.addStretch(1)

    def first_field(self) -> QWidget:
        first = next(iter(self.texts.values()))
        return first.edit

    def body_text(self) -> str:
        return self.other.text()

    def set_body_text(self, text: str) -> None:
        self.other.set_text(text)


class GibbsForm(GuidedForm):
    """Description, feelings, evaluation, analysis, conclusion, action plan."""

    def __init__(self, library: PromptLibrary, parent: QWidget | None = None) -> None:
        super().__init__(library.template("gibbs"), parent)
        for spec in self.template.fields:
            self.column.addWidget(self._text(spec.id))
        self._finish()

    def value(self) -> GibbsReflection:
        return GibbsReflection(**{name: field.text() for name, field in self.texts.items()})

    def set_value(self, gibbs: GibbsReflection | None) -> None:
        texts = (gibbs or GibbsReflection()).texts()
        for name, field in self.texts.items():
            field.set_text(texts[name])


class BiasForm(GuidedForm):
    """Situation, assumption, what it was about, ADDRESSING dimensions, evidence both ways,
    another reading, next step."""

    def __init__(self, library: PromptLibrary, parent: QWidget | None = None) -> None:
        super().__init__(library.template("bias"), parent)
        self.assumption_types: dict[str, QCheckBox] = {}
        self.dimensions: dict[str, QCheckBox] = {}
        specs = {f.id: f for f in self.template.fields}
        self.column.addWidget(self._text("situation"))
        self.column.addWidget(self._text("assumption", lines=2))

        types_box, types_layout = self._choices_box(
            specs["assumption_types"].label, specs["assumption_types"].guidance
        )
        row = QHBoxLayout()
        row.setSpacing(18)
        for item in library.assumption_types:
            box = self._check(item.label, item.description, types_box)
            self.assumption_types[item.id] = box
            row.addWidget(box)
        row.addStretch(1)
        types_layout.addLayout(row)
        self.column.addWidget(types_box)

        dims_box, dims_layout = self._choices_box(specs["dimensions"].label, specs["dimensions"].guidance)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        half = (len(library.dimensions) + 1) // 2
        for number, item in enumerate(library.dimensions):  # ADDRESSING order, down then across
            box = self._check(item.label, item.description, dims_box)
            self.dimensions[item.id] = box
            grid.addWidget(box, number % half, number // half)
        grid.setColumnStretch(2, 1)
        dims_layout.addLayout(grid)
        self.column.addWidget(dims_box)

        evidence = QHBoxLayout()
        evidence.setSpacing(12)
        evidence.addWidget(self._text("evidence_for"))
        evidence.addWidget(self._text("evidence_against"))
        self.column.addLayout(evidence)
        self.column.addWidget(self._text("alternative_reading"))
        self.column.addWidget(self._text("next_step", lines=2))
        self._finish()
        assert tuple(self.assumption_types) == ASSUMPTION_TYPES
        assert tuple(self.dimensions) == ADDRESSING_DIMENSIONS

    def _choices_box(self, label: str, guidance: str) -> tuple[QWidget, QVBoxLayout]:
        box = QWidget(self.body)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        title = QLabel(label, box)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setWeight(font.Weight.DemiBold)
        title.setFont(font)
        hint = QLabel(guidance, box)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        set_tone(hint, "muted")
        layout.addWidget(title)
        layout.addWidget(hint)
        return box, layout

    def _check(self, label: str, description: str, parent: QWidget) -> QCheckBox:
        box = QCheckBox(label, parent)
        box.setAccessibleName(label)
        if description:
            box.setToolTip(description)  # our own text from the prompt library, not the user's
            box.setAccessibleDescription(description)
        box.toggled.connect(lambda _on: self.edited.emit())
        return box

    def value(self) -> BiasReflection:
        texts = {name: field.text() for name, field in self.texts.items()}
        return BiasReflection(
            **texts,
            assumption_types=tuple(k for k, box in self.assumption_types.items() if box.isChecked()),
            dimensions=tuple(k for k, box in self.dimensions.items() if box.isChecked()),
        )

    def set_value(self, bias: BiasReflection | None) -> None:
        bias = bias or BiasReflection()
        texts = bias.texts()
        for name, field in self.texts.items():
            field.set_text(texts[name])
        for key, box in self.assumption_types.items():
            box.setChecked(key in bias.assumption_types)
        for key, box in self.dimensions.items():
            box.setChecked(key in bias.dimensions)
