"""Beside the daily check-in: the last two weeks at a glance, and the reminder's settings."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QListWidget, QListWidgetItem, QTimeEdit, QWidget

from therapist_desk.domain.selfcare import DailyCheckIn
from therapist_desk.services.selfcare import ReminderSettings, SelfCareService
from therapist_desk.ui.selfcare.common import Card, medium_date, number, tr
from therapist_desk.ui.widgets import muted_label

RECENT_DAYS = 14
DATE_ROLE = Qt.ItemDataRole.UserRole + 1


def summary(record: DailyCheckIn) -> str:
    """ "energy 6, mood 7, exhaustion 3, sleep 7.5 h": what a day looked like, in a line."""
    values = record.values
    parts = []
    for name, word in (("energy", tr("energy")), ("mood", tr("mood")), ("exhaustion", tr("exhaustion"))):
        value = getattr(values, name)
        if value is not None:
            parts.append(f"{word} {number(value)}")
    if values.sleep_hours is not None:
        parts.append(tr("sleep {h} h").format(h=number(values.sleep_hours)))
    return ", ".join(parts) if parts else tr("saved")


class RecentDaysCard(Card):
    dayChosen = Signal(object)  # datetime.date

    def __init__(self, selfcare: SelfCareService, parent: QWidget | None = None) -> None:
        super().__init__(tr("Recent days"), parent)
        self.selfcare = selfcare
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Recent days"))
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda item: self.dayChosen.emit(item.data(DATE_ROLE)))
        self.body.addWidget(muted_label(tr("Open a day to fill it in or change it."), self))
        self.body.addWidget(self.list, 1)

    def refresh(self) -> None:
        today = self.selfcare.clock.today()
        start = today - timedelta(days=RECENT_DAYS - 1)
        found = {c.day: c for c in self.selfcare.list_check_ins(start, today)}
        self.list.clear()
        for offset in range(RECENT_DAYS):
            day = today - timedelta(days=offset)
            record = found.get(day)
            text = summary(record) if record else tr("no check-in")
            item = QListWidgetItem(f"{medium_date(day)}  ·  {text}", self.list)
            item.setData(DATE_ROLE, day)


class ReminderCard(Card):
    changed = Signal()

    def __init__(self, selfcare: SelfCareService, parent: QWidget | None = None) -> None:
        super().__init__(tr("Reminder"), parent)
        self.selfcare = selfcare
        self._loading = False
        self.box = QCheckBox(tr("&Remind me to check in after"), self)
        self.box.setAccessibleName(tr("Remind me to check in"))
        self.time = QTimeEdit(self)
        self.time.setAccessibleName(tr("Reminder time"))
        self.time.setDisplayFormat("HH:mm")
        self.time.setKeyboardTracking(False)  # stored once the time is typed, not per digit
        row = QHBoxLayout()
        row.addWidget(self.box)
        row.addWidget(self.time)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addWidget(
            muted_label(
                tr(
                    "A quiet notice in the window when the time has passed and today's check-in is "
                    "missing. Never a sound."
                ),
                self,
            )
        )
        self.load()
        self.box.toggled.connect(self._edited)
        self.time.timeChanged.connect(self._edited)

    def load(self) -> None:
        settings = self.selfcare.reminder()
        self._loading = True
        self.box.setChecked(settings.enabled)
        self.time.setTime(QTime(settings.at.hour, settings.at.minute))
        self.time.setEnabled(settings.enabled)
        self._loading = False

    def _edited(self, *_args: object) -> None:
        self.time.setEnabled(self.box.isChecked())
        if self._loading:
            return
        current = self.selfcare.reminder()
        picked = self.time.time()
        at = time(picked.hour(), picked.minute())
        self.selfcare.set_reminder(ReminderSettings(self.box.isChecked(), at, current.sound))
        self.changed.emit()
