"""The left side of the journal: the search box with its filters, the note list and its count.

Typing filters the list as you go (debounced). An empty query shows every note, newest first,
fetched a page at a time; a query shows the best matches with their highlighted snippets.
Search runs on the main thread: the service answers in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.journal import TagCount
from therapist_desk.services.journal import JournalService
from therapist_desk.ui.journal.common import number, tr
from therapist_desk.ui.journal.note_list import NoteListModel, NoteListView
from therapist_desk.ui.journal.search_bar import SearchBar
from therapist_desk.ui.widgets import describe_error, muted_label

SEARCH_LIMIT = 100


class ListPane(QWidget):
    noteChosen = Signal(str)  # the user moved to a note in the list
    failed = Signal(str)  # a calm sentence

    def __init__(
        self, journal: JournalService, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self._syncing = False
        self.search_bar = SearchBar(journal.prompts, self)
        self.model = NoteListModel(today, self)
        self.list = NoteListView(self)
        self.list.setObjectName("journalList")
        self.list.setAccessibleName(tr("Reflections"))
        self.list.setModel(self.model)
        self.count = muted_label("", self)
        self.count.setObjectName("journalCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 4, 6, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        self.setTabOrder(self.search_bar.box, self.search_bar.filters_button)
        self.setTabOrder(self.search_bar.filters_button, self.list)

        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.search_bar.box.leave.connect(lambda: self.list.setFocus(Qt.FocusReason.OtherFocusReason))
        self.search_bar.box.returnPressed.connect(self.search_bar.flush)

    def focus_search(self) -> None:
        self.search_bar.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.box.selectAll()

    def run_search(self, keep: str | None = None) -> None:
        """Fill the list for what is typed and chosen now, keeping ``keep`` selected if shown."""
        criteria = self.search_bar.criteria()
        filters = criteria.filters()
        try:
            if criteria.has_query:
                hits = self.journal.search(criteria.query, limit=SEARCH_LIMIT, **filters)
                self.model.show_hits(hits, criteria.query)
            else:
                self.model.show_list(
                    lambda limit, offset: self.journal.list_notes(limit=limit, offset=offset, **filters)
                )
        except TherapistDeskError as exc:
            self.failed.emit(describe_error(exc))
            return
        self.select(keep)
        self.update_count()

    def update_count(self) -> None:
        criteria = self.search_bar.criteria()
        rows = self.model.rowCount()
        if criteria.has_query:
            text = (
                tr("1 match, best first")
                if rows == 1
                else tr("{n} matches, best first").format(n=number(rows))
            )
            empty = tr("No reflection matches “{query}”.").format(query=criteria.query.strip()[:80])
        elif criteria.has_filters:
            text, empty = tr("Filtered, newest first"), tr("No reflection matches these filters.")
        else:
            try:
                total = self.journal.count_notes()
            except TherapistDeskError:
                total = rows
            text = tr("1 reflection") if total == 1 else tr("{n} reflections").format(n=number(total))
            empty = tr(
                "No reflections yet. Press Ctrl+N to write one, or Ctrl+Shift+N to start from a prompt."
            )
        self.count.setText(text if rows else "")
        self.list.set_empty_text(empty)

    def select(self, note_id: str | None) -> None:
        """Mark a note's row as current without announcing it (the editor already shows it)."""
        self._syncing = True
        try:
            row = self.model.row_of(note_id) if note_id else -1
            if row >= 0:
                self.list.setCurrentIndex(self.model.index(row))
            else:
                self.list.selectionModel().clear()
        finally:
            self._syncing = False

    def remove(self, note_id: str) -> int:
        """Take a note's row out quietly; returns the row it had, or -1."""
        self._syncing = True
        try:
            return self.model.remove(note_id)
        finally:
            self._syncing = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if not self._syncing and row is not None:
            self.noteChosen.emit(row.id)

    def set_choices(self, tags: list[TagCount], aliases: dict[str, str]) -> None:
        self.search_bar.set_tags(tags)
        self.search_bar.set_clients(sorted(aliases.items(), key=lambda item: item[1].casefold()))
        self.model.aliases = aliases
        self.list.viewport().update()
