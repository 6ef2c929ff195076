"""The search box and its filters (tag, theme, kind, client, date range), debounced.

What is typed here stays in memory: nothing about a search is written to the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.journal import KINDS, THEMES, TagCount
from therapist_desk.domain.prompts import PromptLibrary
from therapist_desk.ui.journal.common import SEARCH_DEBOUNCE_MS, add_action, from_qdate, kind_label, tr

NO_DATE = QDate(1900, 1, 1)  # the date edits' minimum, shown as "Any date"


@dataclass(frozen=True)
class SearchCriteria:
    query: str = ""
    tag: str | None = None
    theme: str | None = None
    kind: str | None = None
    client_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``list_notes`` and ``search``."""
        return {
            "tag": self.tag,
            "theme": self.theme,
            "kind": self.kind,
            "client_id": self.client_id,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }

    @property
    def has_filters(self) -> bool:
        return any(value is not None for value in self.filters().values())

    @property
    def has_query(self) -> bool:
        return bool(self.query.strip())


class SearchBox(QLineEdit):
    """Esc clears the search (then leaves the box); Down goes to the results."""

    leave = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Down):
            self.leave.emit()
            return
        super().keyPressEvent(event)


def _combo(parent: QWidget, name: str, first: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.addItem(first, None)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(tr("Any date"))
    edit.setDisplayFormat("d MMM yyyy")
    edit.setDate(NO_DATE)
    return edit


class SearchBar(QWidget):
    changed = Signal()  # debounced: run the search now

    def __init__(self, library: PromptLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = SearchBox(self)
        self.box.setObjectName("journalSearch")
        self.box.setPlaceholderText(tr("Search reflections (Ctrl+F)"))
        self.box.setAccessibleName(tr("Search reflections"))
        self.box.setClearButtonEnabled(True)
        self.toggle_action = add_action(self, tr("&Filters"), "Ctrl+Shift+F", self.toggle_filters)
        self.toggle_action.setCheckable(True)
        self.filters_button = QToolButton(self)
        self.filters_button.setDefaultAction(self.toggle_action)
        self.filters_button.setAccessibleName(tr("Show filters"))
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.box, 1)
        row.addWidget(self.filters_button)

        self.panel = QWidget(self)
        self.panel.setObjectName("journalFilters")
        self.tag = _combo(self.panel, tr("Filter by tag"), tr("Any tag"))
        self.theme = _combo(self.panel, tr("Filter by theme"), tr("Any theme"))
        for theme in THEMES:
            self.theme.addItem(library.theme_label(theme), theme)
        self.kind = _combo(self.panel, tr("Filter by kind"), tr("Any kind"))
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.client = _combo(self.panel, tr("Filter by client"), tr("Any client"))
        self.date_from = _date_edit(self.panel, tr("Written on or after"))
        self.date_to = _date_edit(self.panel, tr("Written on or before"))
        self.clear_button = QPushButton(tr("C&lear filters"), self.panel)
        self.clear_button.setAccessibleName(tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        grid = QGridLayout(self.panel)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for number, (label, widget) in enumerate(
            (
                (tr("Tag"), self.tag),
                (tr("Theme"), self.theme),
                (tr("Client"), self.client),
                (tr("Kind"), self.kind),
                (tr("From"), self.date_from),
                (tr("To"), self.date_to),
            )
        ):
            caption = QLabel(label, self.panel)
            caption.setBuddy(widget)
            grid.addWidget(caption, number // 2, (number % 2) * 2)
            grid.addWidget(widget, number // 2, (number % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.clear_button, 3, 3, Qt.AlignmentFlag.AlignRight)
        self.panel.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.panel)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.timer.timeout.connect(self.changed)
        self.box.textChanged.connect(self._poke)
        for combo in (self.tag, self.theme, self.kind, self.client):
            combo.currentIndexChanged.connect(self._poke)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._poke)

    def _poke(self, *_args: object) -> None:
        self.timer.start()

    def flush(self) -> None:
        """Run a pending search now (tests, and Enter in the box)."""
        if self.timer.isActive():
            self.timer.stop()
            self.changed.emit()

    def toggle_filters(self) -> None:
        self.show_filters(not self.panel.isVisible())

    def show_filters(self, visible: bool) -> None:
        self.panel.setVisible(visible)
        self.toggle_action.setChecked(visible)
        if visible:
            self.tag.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear_filters(self) -> None:
        for combo in (self.tag, self.theme, self.kind, self.client):
            combo.setCurrentIndex(0)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)

    # -- choices -------------------------------------------------------------------------------
    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        """Replace the choices after the first ("Any …"), keeping the current one if it is still there."""
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
        combo.blockSignals(False)
        if combo.currentData() != current:
            combo.currentIndexChanged.emit(combo.currentIndex())

    def set_tags(self, tags: list[TagCount]) -> None:
        self._refill(self.tag, [(f"{t.tag} ({t.notes})", t.tag) for t in tags])

    def set_clients(self, clients: list[tuple[str, str]]) -> None:
        """(client id, alias) of every client, active or not: old notes link to past clients."""
        self._refill(self.client, [(alias, client_id) for client_id, alias in clients])

    def criteria(self) -> SearchCriteria:
        def day(edit: QDateEdit) -> date | None:
            return None if edit.date() == NO_DATE else from_qdate(edit.date())

        return SearchCriteria(
            query=self.box.text(),
            tag=self.tag.currentData(),
            theme=self.theme.currentData(),
            kind=self.kind.currentData(),
            client_id=self.client.currentData(),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
        )
