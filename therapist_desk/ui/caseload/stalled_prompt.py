"""The gentle stalled-progress prompt on the client page: why it shows, the data behind it, and
next steps to consider, with a way into the reflection prompts on stalled progress.

It is a pattern in the user's own records, never a verdict: the words say "consider".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from therapist_desk.domain.caseload import CaseloadFlag
from therapist_desk.domain.stalled_progress import StalledProgressAlert, StalledProgressRule
from therapist_desk.ui.caseload.labels import show_date
from therapist_desk.ui.caseload.themed import set_themed_icon
from therapist_desk.ui.resources import icon
from therapist_desk.ui.theme import palette_is_dark
from therapist_desk.ui.widgets import set_tone


def _plain(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class StalledPromptBox(QFrame):
    openPromptsRequested = Signal(str)  # the prompt theme, "stalled_progress"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stalledPrompt")
        self.setAccessibleName(self.tr("Stalled progress prompt"))
        self._theme = ""
        self.badge = QLabel(self)
        self.badge.setAccessibleName(self.tr("Flag"))
        title = _heading(self.tr("Progress may have stalled: a few things to consider"), self)
        title.setWordWrap(True)
        self.reasons = _plain(self, "stalledReasons")
        self.data = _plain(self, "stalledData")
        set_tone(self.data, "muted")
        self.steps = _plain(self, "stalledSteps")
        self.prompts_button = QPushButton(self.tr("Open &reflection prompts"), self)
        set_themed_icon(self.prompts_button, "journal")
        self.prompts_button.setObjectName("openStalledPrompts")
        self.prompts_button.setAccessibleName(self.tr("Open reflection prompts on stalled progress"))
        self.prompts_button.setToolTip(self.tr("Reflection prompts on stalled progress (Ctrl+Shift+R)"))
        self.prompts_button.clicked.connect(self._open_prompts)

        why = QVBoxLayout()
        why.setSpacing(4)
        why.addWidget(self.reasons)
        why.addWidget(self.data)
        why.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.prompts_button)
        row.addStretch(1)
        why.addLayout(row)
        steps = QVBoxLayout()
        steps.setSpacing(4)
        steps.addWidget(_heading(self.tr("Next steps to consider"), self))
        steps.addWidget(self.steps)
        steps.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(why, 1)
        columns.addLayout(steps, 1)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addLayout(columns)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self._apply_colours()
        self.setVisible(False)

    def set_alert(self, alert: StalledProgressAlert | None, rule: StalledProgressRule) -> None:
        if alert is None:
            self.setVisible(False)
            self._theme = ""
            return
        self._theme = alert.prompt_theme
        reasons, data = [], []
        if CaseloadFlag.STALLED_SESSIONS in alert.triggers and alert.stalled_session_dates:
            dates = alert.stalled_session_dates
            reasons.append(
                self.tr("The last {n} sessions in a row were marked as progress stalled.").format(
                    n=len(dates)
                )
            )
            data.append(
                self.tr("Marked stalled: {dates}").format(
                    dates=", ".join(show_date(d) for d in sorted(dates))
                )
            )
        if CaseloadFlag.GOALS_WITHOUT_PROGRESS in alert.triggers and alert.quiet_goals:
            count = len(alert.quiet_goals)
            sentence = (
                self.tr("An active shared goal has had no progress note for {weeks} weeks or more.")
                if count == 1
                else self.tr("{n} active shared goals have had no progress note for {weeks} weeks or more.")
            )
            reasons.append(sentence.format(n=count, weeks=rule.goal_quiet_weeks))
            for goal in alert.quiet_goals:
                since = goal.last_progress_on or goal.created_on
                what = (
                    self.tr("last progress note {day}")
                    if goal.last_progress_on
                    else self.tr("agreed {day}, no progress note yet")
                )
                data.append(
                    self.tr("“{goal}”: {what} ({days} days)").format(
                        goal=" ".join(goal.text.split()),
                        what=what.format(day=show_date(since)),
                        days=goal.days_without_progress,
                    )
                )
        self.reasons.setText("\n".join(reasons))
        self.data.setText("\n".join(data))
        self.steps.setText(
            "\n".join(f"• {QCoreApplication.translate('StalledProgress', s)}" for s in alert.next_steps)
        )
        self.setVisible(True)

    def _open_prompts(self) -> None:
        if self._theme:
            self.openPromptsRequested.emit(self._theme)

    # -- look ------------------------------------------------------------------------------
    def _apply_colours(self) -> None:
        # A calm tinted box (not an alarm red); the flag icon and the words carry the meaning.
        app = QApplication.instance()
        dark = palette_is_dark(app.palette()) if isinstance(app, QApplication) else False
        if dark == getattr(self, "_dark", None):
            return
        self._dark = dark
        background, border = ("#263532", "#5f9c90") if dark else ("#eef6f4", "#7fb1a6")
        self.setStyleSheet(
            f"QFrame#stalledPrompt {{ background: {background}; border: 1px solid {border};"
            " border-radius: 6px; }"
        )
        self.badge.setPixmap(icon("flag").pixmap(22, 22))
        set_tone(self.data, "muted")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
        super().changeEvent(event)
