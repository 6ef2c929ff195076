"""The range chooser: 4 weeks, 3 months, 1 year, all, or a custom pair of dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Signal
from PySide6.QtWidgets import QButtonGroup, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from therapist_desk.services.trends_math import DateRange
from therapist_desk.ui.trends.common import from_qdate, mark_when_checked, to_qdate, tr

CUSTOM = "custom"
CHOICES = (
    ("4w", QT_TRANSLATE_NOOP("Trends", "4 weeks"), "Alt+W"),
    ("3m", QT_TRANSLATE_NOOP("Trends", "3 months"), "Alt+M"),
    ("1y", QT_TRANSLATE_NOOP("Trends", "1 year"), "Alt+Y"),
    ("all", QT_TRANSLATE_NOOP("Trends", "All"), "Alt+L"),
    (CUSTOM, QT_TRANSLATE_NOOP("Trends", "Custom"), "Alt+C"),
)
DATE_FORMAT = "d MMM yyyy"


class RangeBar(QWidget):
    presetChosen = Signal(str)  # "4w", "3m", "1y", "all"
    customChosen = Signal(object, object)  # first and last datetime.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendsRangeBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(QLabel(tr("Range:"), self))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, shortcut in CHOICES:
            button = QPushButton(tr(text), self)
            button.setCheckable(True)
            mark_when_checked(button)
            button.setObjectName(f"range-{key}")
            # The shortcuts are the view's actions (mnemonics are not available on every platform).
            plain = tr(text)
            button.setToolTip(f"{plain} ({shortcut})")
            button.setAccessibleName(tr("Show {range}").format(range=plain.lower()))
            self.group.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
            button.clicked.connect(lambda _checked=False, k=key: self._chosen(k))
        self.from_edit = self._date_edit("trendsFrom", tr("First day of the range"))
        self.to_edit = self._date_edit("trendsTo", tr("Last day of the range"))
        self.from_label = QLabel(tr("From"), self)
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel(tr("to"), self)
        self.to_label.setBuddy(self.to_edit)
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)
        self._quiet = False
        self._show_dates(False)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setAccessibleName(accessible)
        edit.setMinimumDate(QDate(1970, 1, 1))
        return edit

    def _show_dates(self, visible: bool) -> None:
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            widget.setVisible(visible)

    def set_today(self, today: date) -> None:
        """No range reaches past today: the last day a chart can show."""
        self.from_edit.setMaximumDate(to_qdate(today))
        self.to_edit.setMaximumDate(to_qdate(today))

    def show_range(self, key: str, span: DateRange) -> None:
        """Reflect a range chosen elsewhere (by code or a benchmark) without emitting signals."""
        self._quiet = True
        try:
            self.buttons[key].setChecked(True)
            self.from_edit.setDate(to_qdate(span.start))
            self.to_edit.setDate(to_qdate(span.end))
            self._show_dates(key == CUSTOM)
        finally:
            self._quiet = False

    def _chosen(self, key: str) -> None:
        self._show_dates(key == CUSTOM)
        if key == CUSTOM:
            self.from_edit.setFocus()
            self._dates_edited()
        else:
            self.presetChosen.emit(key)

    def _dates_edited(self, *_args: object) -> None:
        if self._quiet or not self.buttons[CUSTOM].isChecked():
            return
        first, last = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        if last < first:  # keep the pair in order: move the other end along
            self._quiet = True
            if self.sender() is self.from_edit:
                self.to_edit.setDate(self.from_edit.date())
                last = first
            else:
                self.from_edit.setDate(self.to_edit.date())
                first = last
            self._quiet = False
        self.customChosen.emit(first, last)
