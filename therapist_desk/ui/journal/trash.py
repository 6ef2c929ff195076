"""The journal's trash: deleted reflections, restorable for 30 days, then purged by the service."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout, QWidget

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.journal import TrashedNote
from therapist_desk.services.journal import JournalService
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.journal.common import add_action, list_time, local, to_qdate, tool_button, tr
from therapist_desk.ui.journal.note_list import display_title
from therapist_desk.ui.widgets import describe_error, muted_label, title_label

Index = QModelIndex | QPersistentModelIndex
TITLE, FIRST_LINE, DELETED, PURGED = range(4)


class TrashModel(QAbstractTableModel):
    def __init__(self, today: Callable[[], date], parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self.notes: list[TrashedNote] = []

    def set_notes(self, notes: list[TrashedNote]) -> None:
        self.beginResetModel()
        self.notes = notes
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.notes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("Title"), tr("Begins with"), tr("Deleted"), tr("Deleted for good on"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        note = self.notes[index.row()]
        column = index.column()
        if column == TITLE:
            return display_title(note.summary.title)
        if column == FIRST_LINE:
            return note.summary.first_line
        if column == DELETED:
            return list_time(note.deleted_at, self._today())
        return to_qdate(local(note.purge_after).date()).toString("d MMM yyyy")


class TrashPage(QWidget):
    restored = Signal(str)  # note id
    backRequested = Signal()

    def __init__(
        self,
        journal: JournalService,
        dialogs: DialogService,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.dialogs = dialogs
        self.model = TrashModel(today, self)
        self.table = QTableView(self)
        self.table.setObjectName("journalTrash")
        self.table.setAccessibleName(tr("Deleted reflections"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FIRST_LINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DELETED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PURGED, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(TITLE, 260)

        self.back_action = add_action(
            self, tr("&Back to the journal"), "Esc", self.backRequested.emit, icon_name="back"
        )
        self.restore_action = add_action(
            self, tr("&Restore"), "Ctrl+R", self.restore_selected, icon_name="undo"
        )
        self.purge_action = add_action(
            self, tr("Delete &forever…"), "Shift+Del", self.purge_selected, icon_name="delete"
        )
        self.empty_action = add_action(self, tr("&Empty trash…"), "Ctrl+Shift+Del", self.empty)
        row = QHBoxLayout()
        row.addWidget(tool_button(self.back_action, self))
        row.addWidget(title_label(tr("Trash"), self, scale=1.3))
        row.addStretch(1)
        for act in (self.restore_action, self.purge_action, self.empty_action):
            row.addWidget(tool_button(act, self))
        self.hint = muted_label(
            tr("Deleted reflections stay here for 30 days, then they are deleted for good."), self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.error_handler: Callable[[str], None] = lambda _text: None
        self.info_handler: Callable[[str], None] = lambda _text: None

    def refresh(self) -> None:
        try:
            self.model.set_notes(self.journal.list_trash())
        except TherapistDeskError as exc:
            self.error_handler(describe_error(exc))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_actions()

    def focus(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_actions(self) -> None:
        has = self.selected() is not None
        self.restore_action.setEnabled(has)
        self.purge_action.setEnabled(has)
        self.empty_action.setEnabled(self.model.rowCount() > 0)

    def selected(self) -> TrashedNote | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.notes[rows[0].row()] if rows else None

    def restore_selected(self) -> None:
        note = self.selected()
        if note is None:
            return
        try:
            self.journal.restore(note.summary.id)
        except TherapistDeskError as exc:
            self.error_handler(describe_error(exc))
            return
        self.refresh()
        self.info_handler(tr("Restored to the journal."))
        self.restored.emit(note.summary.id)

    def purge_selected(self) -> None:
        note = self.selected()
        if note is None or not self.dialogs.confirm(
            self,
            tr("Delete forever?"),
            tr("This reflection will be deleted for good. This cannot be undone."),
            confirm_label=tr("Delete forever"),
            destructive=True,
        ):
            return
        try:
            self.journal.purge(note.summary.id)
        except TherapistDeskError as exc:
            self.error_handler(describe_error(exc))
            return
        self.refresh()
        self.info_handler(tr("Deleted for good."))

    def empty(self) -> None:
        count = self.model.rowCount()
        if not count or not self.dialogs.confirm(
            self,
            tr("Empty the trash?"),
            tr("All {n} reflections in the trash will be deleted for good. This cannot be undone.").format(
                n=count
            ),
            confirm_label=tr("Empty trash"),
            destructive=True,
        ):
            return
        try:
            self.journal.empty_trash()
        except TherapistDeskError as exc:
            self.error_handler(describe_error(exc))
            return
        self.refresh()
        self.info_handler(tr("The trash is empty."))
