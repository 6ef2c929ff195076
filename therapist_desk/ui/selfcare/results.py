"""The results of one assessment: scale scores, the commonly used bands (with their caution),
the change since the time before, and what the numbers do and do not mean.

Scores come from the service's scoring of the stored answers; this page only shows them. The
words are "indicator" and "commonly used", never "diagnosis".
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from therapist_desk.domain.instruments import Instrument, Scale, ScaleResult, get_instrument
from therapist_desk.domain.selfcare import Assessment
from therapist_desk.ui.selfcare.common import (
    Card,
    Chip,
    action_button,
    add_action,
    bullet_list,
    heading_label,
    long_date,
    medium_date,
    number,
    plain_label,
    signed,
    tr,
)
from therapist_desk.ui.widgets import muted_label, title_label


class ScoreBar(QWidget):
    """A quiet horizontal bar from the scale's lowest to highest score, with the commonly used mark."""

    def __init__(self, low: float, high: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high = low, high
        self.value: float | None = None
        self.mark: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(200, 14)

    def set_value(self, value: float | None, mark: float | None) -> None:
        self.value, self.mark = value, mark
        self.update()

    def _x(self, value: float) -> float:
        span = self.high - self.low or 1
        return (value - self.low) / span * (self.width() - 2) + 1

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        track = QColor(palette.color(QPalette.ColorRole.WindowText))
        track.setAlphaF(0.12)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(QRectF(0, 3, self.width(), 8), 4, 4)
        if self.value is not None:
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(0, 3, max(8.0, self._x(self.value)), 8), 4, 4)
        if self.mark is not None:
            tick = QColor(palette.color(QPalette.ColorRole.WindowText))
            tick.setAlphaF(0.7)
            painter.setBrush(tick)
            painter.drawRect(QRectF(self._x(self.mark) - 1, 0, 2, 14))
        painter.end()


class ScaleCard(Card):
    def __init__(self, instrument: Instrument, scale: Scale, parent: QWidget | None = None) -> None:
        super().__init__(scale.title, parent)
        self.setObjectName(f"scale-{scale.id}")
        self.scale = scale
        items = [i for i in instrument.items if i.scale == scale.id]
        self.single_item = items[0] if len(instrument.items) == 1 else None
        low = min(o.code for i in instrument.items if i.scale == scale.id for o in i.response_set.options)
        high = max(o.code for i in instrument.items if i.scale == scale.id for o in i.response_set.options)
        self.score_label = heading_label("", self, scale=2.0)
        self.score_label.setObjectName("score")
        self.bar = ScoreBar(low, high, self)
        self.band_caption = muted_label(tr("Commonly used band"), self)
        self.band = Chip("", "quiet", self)
        self.band.setObjectName("band")
        self.band.setWordWrap(True)
        self.change = plain_label("", self)
        self.change.setObjectName("change")
        self.answered = muted_label("", self)
        self.body.addWidget(self.score_label)
        self.body.addWidget(self.bar)
        self.body.addWidget(self.band_caption)
        band_row = QHBoxLayout()
        band_row.addWidget(self.band)
        band_row.addStretch(1)
        self.body.addLayout(band_row)
        self.body.addWidget(self.change)
        self.body.addWidget(self.answered)
        self.body.addStretch(1)

    def show_result(
        self, result: ScaleResult, previous: Assessment | None, answers: Mapping[str, str]
    ) -> None:
        if result.score is None:
            self.score_label.setText(tr("Not scored"))
            self.score_label.setAccessibleName(tr("{scale}: not scored").format(scale=result.title))
            self.bar.set_value(None, self.scale.indicator_at)
            self.band.setText(tr("too few answers"))
            self.band.set_tone("quiet")
        else:
            self.score_label.setText(number(result.score))
            self.score_label.setAccessibleName(
                tr("{scale}: {score}").format(scale=result.title, score=number(result.score))
            )
            self.bar.set_value(result.score, self.scale.indicator_at)
            self.band.setText(result.band.label if result.band else tr("outside the bands"))
            # Wrap only what is too long for one line of a narrow card.
            width = self.band.fontMetrics().horizontalAdvance(self.band.text()) + 24
            self.band.setMinimumWidth(min(width, 260))
            self.band.set_tone("attention" if result.at_or_above_indicator else "calm")
        if self.single_item is not None:
            option = self.single_item.response_set.option(answers.get(self.single_item.id, ""))
            self.answered.setText(tr("You chose: {text}").format(text=option.label) if option else "")
        else:
            self.answered.setText(
                tr("{answered} of {count} questions answered; {needed} needed for a score.").format(
                    answered=len(result.answered), count=result.item_count, needed=result.needed
                )
            )
        self.change.setText(_change_text(result, previous))


def _change_text(result: ScaleResult, previous: Assessment | None) -> str:
    if previous is None:
        return tr("First result: nothing earlier to compare with.")
    before = previous.scores.get(result.scale_id)
    when = medium_date(previous.taken_on)
    if result.score is None or before is None:
        return tr("No change shown: this scale was not scored on {day} or now.").format(day=when)
    delta = result.score - before
    if abs(delta) < 0.05:
        return tr("The same as on {day} ({score}).").format(day=when, score=number(before))
    return tr("{change} since {day} (was {score}).").format(
        change=signed(delta), day=when, score=number(before)
    )


class ResultsPage(QWidget):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsPage")
        self.back_action = add_action(self, tr("&Back to instruments"), "Escape", "backFromResults")
        self.back_action.triggered.connect(self.closed.emit)
        self.assessment: Assessment | None = None
        self.cards: dict[str, ScaleCard] = {}
        self.content = QWidget(self)
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(16, 12, 16, 16)
        self.content_layout.setSpacing(12)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.back_button = action_button(self.back_action, self)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(16, 0, 16, 12)
        bottom.addStretch(1)
        bottom.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bottom)

    def show_assessment(self, assessment: Assessment, previous: Assessment | None) -> None:
        """Rebuild the page for ``assessment`` (``previous``: the one before it, for the change)."""
        self.assessment = assessment
        self.cards = {}
        # A fresh content widget each time; the scroll area deletes the previous one at once.
        self.content = QWidget(self)
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(16, 12, 16, 16)
        self.content_layout.setSpacing(12)
        instrument = get_instrument(assessment.instrument_id)
        result = assessment.result
        add = self.content_layout.addWidget
        title = title_label(
            tr("{title}: your results").format(title=instrument.title), self.content, scale=1.4
        )
        title.setTextFormat(Qt.TextFormat.PlainText)
        add(title)
        add(
            muted_label(
                tr("Answers for {day}. An indicator to notice, not a diagnosis.").format(
                    day=long_date(assessment.taken_on)
                ),
                self.content,
            )
        )
        row = QHBoxLayout()
        row.setSpacing(12)
        for scale in instrument.scales:
            card = ScaleCard(instrument, scale, self.content)
            card.show_result(result.scale(scale.id), previous, assessment.answers)
            self.cards[scale.id] = card
            row.addWidget(card, 1)
        if len(instrument.scales) == 1:
            row.addStretch(2)
        self.content_layout.addLayout(row)

        if result.support_note:
            support = Card(tr("Consider talking with someone"), self.content)
            support.setObjectName("supportNote")
            support.body.addWidget(plain_label(result.support_note, support))
            add(support)
        bands = Card(tr("About the bands"), self.content)
        bands.body.addWidget(plain_label(result.bands_note, bands))
        add(bands)
        meaning = QHBoxLayout()
        meaning.setSpacing(12)
        means = Card(tr("What this means"), self.content)
        means.body.addWidget(bullet_list(result.means, means))
        means.body.addStretch(1)
        not_means = Card(tr("What this does not mean"), self.content)
        not_means.body.addWidget(bullet_list(result.does_not_mean, not_means))
        not_means.body.addStretch(1)
        meaning.addWidget(means, 1)
        meaning.addWidget(not_means, 1)
        self.content_layout.addLayout(meaning)
        source = muted_label(tr("Source: {citation}").format(citation=instrument.citation), self.content)
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        add(source)
        self.content_layout.addStretch(1)
        self.scroll_area.setWidget(self.content)

    def score_texts(self) -> dict[str, str]:
        """What each scale card shows as its score (for tests and accessibility checks)."""
        return {scale_id: card.score_label.text() for scale_id, card in self.cards.items()}
