"""The note picker of the summary composer: find reflections, tick the ones to quote, edit the excerpt.

A note is shared only when it is ticked, and then only the excerpt text shown here (which
starts as the note's first paragraph and can be edited or cut down freely), never the note.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.summary_composer import SelectedExcerpt, SummaryComposer
from therapist_desk.ui.supervision.common import muted, plain_label, tr

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NotePicker(QWidget):
    changed = Signal()

    def __init__(self, composer: SummaryComposer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.composer = composer
        self._period: tuple[date, date] | None = None
        self._selected: dict[str, SelectedExcerpt] = {}  # in the order they were ticked
        self._current: str | None = None
        self._filling = False

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Search reflections in the period"))
        self.search.setAccessibleName(tr("Search reflections"))
        self.search.setClearButtonEnabled(True)
        self.notes = QListWidget(self)
        self.notes.setAccessibleName(tr("Reflections: tick the ones to quote"))
        # Fusion draws an item's check box outline from the Window colour, which vanishes on the
        # dark palette; a mid grey keeps unticked boxes visible in both schemes.
        palette = self.notes.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#8a8d91"))
        self.notes.setPalette(palette)
        self.notes.setMinimumHeight(110)
        self.notes.setMaximumHeight(150)
        self.count = muted(plain_label("", self))
        self.heading = QLineEdit(self)
        self.heading.setAccessibleName(tr("Excerpt heading"))
        self.heading.setPlaceholderText(tr("Heading (optional)"))
        self.excerpt = QPlainTextEdit(self)
        self.excerpt.setAccessibleName(tr("Excerpt text"))
        self.excerpt.setPlaceholderText(
            tr("Tick a reflection above; its excerpt appears here for you to edit.")
        )
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setMinimumHeight(80)
        self.excerpt.setMaximumHeight(130)
        self.excerpt_label = QLabel(tr("&Excerpt to share (edit freely)"), self)
        self.excerpt_label.setBuddy(self.excerpt)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.notes, 2)
        layout.addWidget(self.count)
        layout.addWidget(self.excerpt_label)
        layout.addWidget(self.heading)
        layout.addWidget(self.excerpt, 2)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.notes.itemChanged.connect(self._ticked)
        self.notes.currentItemChanged.connect(lambda current, _previous: self._show(current))
        self.heading.textEdited.connect(self._edited)
        self.excerpt.textChanged.connect(self._edited)
        self._show(None)

    # -- state -------------------------------------------------------------------------------
    def set_period(self, start: date, end: date) -> None:
        if self._period != (start, end):
            self._period = (start, end)
            self.refresh()

    def excerpts(self) -> tuple[SelectedExcerpt, ...]:
        return tuple(self._selected.values())

    def set_excerpts(self, excerpts: tuple[SelectedExcerpt, ...]) -> None:
        """Restore ticked notes (from a draft); notes deleted since then are dropped."""
        self._selected = {e.note_id: e for e in excerpts if self._still_there(e.note_id)}
        self.refresh()

    def _still_there(self, note_id: str) -> bool:
        try:
            return not self.composer.journal.get(note_id).in_trash
        except TherapistDeskError:
            return False

    def refresh(self) -> None:
        start, end = self._period or (None, None)
        try:
            choices = self.composer.find_notes(self.search.text(), start, end)
        except TherapistDeskError:
            choices = []
        self._filling = True
        self.notes.clear()
        for choice in choices:
            title = choice.title.strip() or choice.first_line or tr("(untitled)")
            item = QListWidgetItem(f"{choice.written_on.isoformat()} · {title}")
            item.setData(ID_ROLE, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if choice.id in self._selected else Qt.CheckState.Unchecked
            )
            self.notes.addItem(item)
        self._filling = False
        if not choices:
            placeholder = QListWidgetItem(tr("No reflections in this period match."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.notes.addItem(placeholder)
        self._update_count()
        self._show(self.notes.currentItem())

    # -- ticking and editing ---------------------------------------------------------------------
    def _ticked(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        note_id = item.data(ID_ROLE)
        if not note_id:
            return
        if item.checkState() == Qt.CheckState.Checked and note_id not in self._selected:
            try:
                self._selected[note_id] = self.composer.default_excerpt(note_id)
            except TherapistDeskError:
                item.setCheckState(Qt.CheckState.Unchecked)
                return
        elif item.checkState() != Qt.CheckState.Checked:
            self._selected.pop(note_id, None)
        self.notes.setCurrentItem(item)
        self._show(item)
        self._update_count()
        self.changed.emit()

    def _show(self, item: QListWidgetItem | None) -> None:
        note_id = item.data(ID_ROLE) if item is not None else None
        chosen = self._selected.get(note_id) if note_id else None
        self._current = note_id if chosen is not None else None
        self._filling = True
        self.heading.setText(chosen.heading if chosen else "")
        self.excerpt.setPlainText(chosen.text if chosen else "")
        self._filling = False
        for widget in (self.heading, self.excerpt, self.excerpt_label):
            widget.setEnabled(chosen is not None)

    def _edited(self, *_args: object) -> None:
        if self._filling or self._current is None:
            return
        self._selected[self._current] = SelectedExcerpt(
            self._current, self.excerpt.toPlainText(), self.heading.text()
        )
        self.changed.emit()

    def _update_count(self) -> None:
        count = len(self._selected)
        self.count.setText(
            tr("No reflection is quoted.") if count == 0 else tr("Reflections quoted: {n}").format(n=count)
        )
