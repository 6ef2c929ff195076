"""This week's load beside the caseload table: sessions, hours against the user's own limit,
high-intensity share, hours by format, and the active clients by program level.

The numbers are indicators for the user's own judgement; the wording says "consider", never
what the user "has".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.caseload import PROGRAM_LEVELS
from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.services.caseload_load import LoadFigures
from therapist_desk.ui.caseload.labels import level_label, show_date, show_number, show_percent
from therapist_desk.ui.resources import icon
from therapist_desk.ui.widgets import describe_error, muted_label, set_tone, title_label

PANEL_WIDTH = 270


class LoadFiguresPanel(QFrame):
    def __init__(self, service: CaseloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setObjectName("loadFigures")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(PANEL_WIDTH)
        self.setAccessibleName(self.tr("This week's load"))
        heading = title_label(self.tr("This week"), self, scale=1.2)
        self.period = muted_label("", self)
        self.sessions = self._value("loadSessions")
        self.hours = self._value("loadHours")
        self.hours_bar = QProgressBar(self)
        self.hours_bar.setTextVisible(False)
        self.hours_bar.setMaximumHeight(10)
        self.hours_bar.setAccessibleName(self.tr("Hours against your sustainable limit"))
        self.over_icon = QLabel(self)
        self.over_icon.setPixmap(icon("flag").pixmap(16, 16))
        self.over_icon.setAccessibleName(self.tr("Above your limit"))
        self.over_text = QLabel(self)
        self.over_text.setObjectName("loadOverLimit")
        self.over_text.setWordWrap(True)
        over = QHBoxLayout()
        over.setContentsMargins(0, 0, 0, 0)
        over.addWidget(self.over_icon, 0, Qt.AlignmentFlag.AlignTop)
        over.addWidget(self.over_text, 1)
        self.high = self._value("loadHighIntensity")
        self.formats = self._value("loadFormats")
        self.limit = QDoubleSpinBox(self)
        self.limit.setRange(1, 80)
        self.limit.setDecimals(1)
        self.limit.setSingleStep(0.5)
        self.limit.setSuffix(self.tr(" h/week"))
        self.limit.setKeyboardTracking(False)  # save on Enter, focus out or the arrows, not per digit
        self.limit.setAccessibleName(self.tr("My sustainable limit, hours per week"))
        self.limit.setToolTip(self.tr("Your own limit of session hours per week"))
        self.limit_error = QLabel(self)
        self.limit_error.setWordWrap(True)
        self.limit_error.setVisible(False)
        set_tone(self.limit_error, "error")
        self.by_level: dict[str, QLabel] = {level: self._value(f"load-{level}") for level in PROGRAM_LEVELS}
        self.active_total = self._value("loadActiveTotal")

        figures = QFormLayout()
        figures.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        figures.addRow(self.tr("Sessions:"), self.sessions)
        figures.addRow(self.tr("Hours:"), self.hours)
        figures.addRow(self.hours_bar)
        figures.addRow(over)
        figures.addRow(self.tr("High intensity:"), self.high)
        figures.addRow(self.tr("By format:"), self.formats)
        limit_label = QLabel(self.tr("My &limit:"), self)
        limit_label.setBuddy(self.limit)
        figures.addRow(limit_label, self.limit)
        figures.addRow(self.limit_error)
        clients = QFormLayout()
        for level in PROGRAM_LEVELS:
            clients.addRow(level_label(level) + ":", self.by_level[level])
        clients.addRow(self.tr("All active:"), self.active_total)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(heading)
        layout.addWidget(self.period)
        layout.addLayout(figures)
        layout.addSpacing(8)
        layout.addWidget(title_label(self.tr("Active clients"), self, scale=1.1))
        layout.addLayout(clients)
        layout.addStretch(1)
        self.limit.valueChanged.connect(self._limit_changed)

    def _value(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> LoadFigures:
        figures = self._service.load_figures()
        week = figures.week
        self.period.setText(
            self.tr("{first} to {last}").format(
                first=show_date(week.week_start), last=show_date(week.week_end)
            )
        )
        self.sessions.setText(show_number(week.sessions))
        limit = figures.sustainable_weekly_hours
        self.hours.setText(
            self.tr("{hours} h of your {limit} h limit").format(
                hours=show_number(week.hours), limit=show_number(limit)
            )
        )
        self.hours_bar.setRange(0, max(1, round(limit * 60)))
        self.hours_bar.setValue(min(week.minutes, self.hours_bar.maximum()))
        over = figures.over_sustainable_limit
        self.over_icon.setPixmap(icon("flag").pixmap(16, 16))  # recoloured for the current palette
        self.over_icon.setVisible(over)
        self.over_text.setVisible(over)
        if over:
            self.over_text.setText(
                self.tr("Above your sustainable limit: consider protecting time for rest and supervision.")
            )
        share = week.high_intensity_share
        if share is None:
            self.high.setText(self.tr("No rated sessions yet"))
        else:
            self.high.setText(
                self.tr("{share} ({high} of {rated} rated sessions at 4–5)").format(
                    share=show_percent(share), high=week.high_intensity_sessions, rated=week.rated_sessions
                )
            )
        self.formats.setText(
            self.tr("Individual {individual} h\nGroup {group} h\nFamily {family} h").format(
                individual=show_number(week.individual_hours),
                group=show_number(week.group_hours),
                family=show_number(week.family_hours),
            )
        )
        for level, label in self.by_level.items():
            label.setText(show_number(figures.active_clients_by_level.get(level, 0)))
        self.active_total.setText(show_number(figures.active_clients))
        self.limit.blockSignals(True)
        self.limit.setValue(limit)
        self.limit.blockSignals(False)
        return figures

    def _limit_changed(self, value: float) -> None:
        try:
            self._service.set_sustainable_weekly_hours(value)
        except TherapistDeskError as exc:
            self.limit_error.setText(describe_error(exc))
            self.limit_error.setVisible(True)
            return
        self.limit_error.setVisible(False)
        self.refresh()
