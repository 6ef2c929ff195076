"""The client page: alias, level and status with their dated history, shared goals, the
stalled-progress prompt, linked journal reflections and the session history.

The page shows and asks; the caseload view (section.py) owns the session dialogs, the undo
history and the message bar, so the page sends it requests as signals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.caseload import CLIENT_STATUSES, PROGRAM_LEVELS, SessionEntry
from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.caseload import CaseloadService, ClientPage
from therapist_desk.ui.caseload.client_dialog import DatedChangeDialog, open_dialog
from therapist_desk.ui.caseload.goals import GoalsPanel
from therapist_desk.ui.caseload.identifier_warning import finding_reasons
from therapist_desk.ui.caseload.labels import level_label, show_date, status_label
from therapist_desk.ui.caseload.sessions_model import NOTE, SessionsModel
from therapist_desk.ui.caseload.stalled_prompt import StalledPromptBox
from therapist_desk.ui.caseload.themed import set_themed_icon
from therapist_desk.ui.widgets import describe_error, message_label, title_label

HISTORY_ROLE = Qt.ItemDataRole.UserRole + 1
REFLECTIONS_SHOWN = 50


def _tool_button(action: QAction, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAccessibleName(action.text().replace("&", "").replace("…", ""))
    return button


def compact_list(lst: QListWidget) -> None:
    """Short lists that may shrink with the window: one line per item, elided, no sideways scroll."""
    lst.setMinimumHeight(lst.fontMetrics().height() * 2 + 12)
    lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    lst.setTextElideMode(Qt.TextElideMode.ElideRight)
    lst.setWordWrap(False)


class ClientPageView(QWidget):
    backRequested = Signal()
    changed = Signal()  # something was saved: the caseload table and figures are stale
    editClientRequested = Signal(str)
    editSessionRequested = Signal(object)  # SessionEntry
    deleteSessionRequested = Signal(object)  # SessionEntry
    openPromptsRequested = Signal(str)
    undoable = Signal(str, object)
    failed = Signal(str)

    def __init__(self, service: CaseloadService, journal: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._journal = journal  # JournalService, or None while the journal is not wired
        self.page: ClientPage | None = None
        self.dialog: DatedChangeDialog | None = None

        def action(
            text: str, name: str, keys: list[str], slot: Callable[[], None], owner: QWidget
        ) -> QAction:
            act = QAction(text, self)
            set_themed_icon(act, name)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(
                Qt.ShortcutContext.WidgetShortcut if owner is not self else Qt.ShortcutContext.WindowShortcut
            )
            act.setToolTip(f"{text.replace('&', '').replace('…', '')} ({act.shortcut().toString()})")
            act.triggered.connect(slot)
            owner.addAction(act)
            return act

        # -- header ------------------------------------------------------------------------------
        self.back_action = action(
            self.tr("Caseload"), "back", ["Alt+Left", "Esc"], self.backRequested.emit, self
        )
        self.edit_client_action = action(self.tr("Edit client…"), "edit", ["Ctrl+E"], self._edit_client, self)
        self.level_action = action(
            self.tr("Change level…"), "caseload", ["Ctrl+Shift+L"], self.change_level, self
        )
        self.status_action = action(
            self.tr("Change status…"), "caseload", ["Ctrl+Shift+T"], self.change_status, self
        )
        self.prompts_action = action(
            self.tr("Reflection prompts"), "journal", ["Ctrl+Shift+R"], self._open_prompts, self
        )
        self.alias = title_label("", self, scale=1.5)
        self.alias.setTextFormat(Qt.TextFormat.PlainText)
        self.alias.setObjectName("clientAlias")
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("clientSummary")
        self.alias_note = message_label("aliasNote", self, tone="muted")
        header = QHBoxLayout()
        header.addWidget(_tool_button(self.back_action, self), 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.alias)
        names.addWidget(self.summary)
        names.addWidget(self.alias_note)
        header.addLayout(names, 1)
        for act in (self.edit_client_action, self.level_action, self.status_action):
            header.addWidget(_tool_button(act, self), 0, Qt.AlignmentFlag.AlignTop)

        self.prompt = StalledPromptBox(self)
        self.prompt.openPromptsRequested.connect(self.openPromptsRequested)

        # -- goals, history, reflections ------------------------------------------------------
        self.goals = GoalsPanel(service, self)
        for act in self.goals.page_actions():
            self.addAction(act)
        self.goals.changed.connect(self._changed)
        self.goals.undoable.connect(self.undoable)
        self.goals.failed.connect(self.failed)
        goals_box = self._group(self.tr("Shared goals"), self.goals)

        self.levels = self._history_list(self.tr("Program level history"))
        self.statuses = self._history_list(self.tr("Status history"))
        for lst in (self.levels, self.statuses):  # changes are added with the header's buttons
            remove = QAction(self.tr("Remove entry"), lst)
            remove.setShortcut(QKeySequence("Del"))
            remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            remove.triggered.connect(lambda _checked=False, w=lst: self._remove_history(w))
            lst.addAction(remove)
        levels_box = self._group(self.tr("Program level history"), self.levels)
        statuses_box = self._group(self.tr("Status history"), self.statuses)

        self.reflections = QListWidget(self)
        self.reflections.setObjectName("linkedReflections")
        self.reflections.setAccessibleName(self.tr("Linked reflections"))
        compact_list(self.reflections)
        self.reflections_box = self._group(self.tr("Linked reflections"), self.reflections)
        self.reflections_box.setVisible(journal is not None)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(levels_box, 3)
        right_layout.addWidget(statuses_box, 2)
        right_layout.addWidget(self.reflections_box, 3)

        # -- sessions ------------------------------------------------------------------------
        self.sessions_model = SessionsModel(self)
        self.sessions = QTableView(self)
        self.sessions.setObjectName("sessionHistory")
        self.sessions.setAccessibleName(self.tr("Session history"))
        self.sessions.setModel(self.sessions_model)
        self.sessions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sessions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions.setAlternatingRowColors(True)
        self.sessions.setWordWrap(False)
        self.sessions.setCornerButtonEnabled(False)
        self.sessions.verticalHeader().setVisible(False)
        row_height = self.fontMetrics().height() + 12
        self.sessions.verticalHeader().setDefaultSectionSize(row_height)
        self.sessions.setMinimumHeight(row_height * 6)  # the header and five sessions at least
        self.sessions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.sessions.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.sessions.doubleClicked.connect(lambda _index: self.edit_session())
        self.edit_session_action = action(
            self.tr("Edit session…"), "edit", ["Return", "Enter", "F2"], self.edit_session, self.sessions
        )
        self.delete_session_action = action(
            self.tr("Delete session"), "delete", ["Del"], self.delete_session, self.sessions
        )
        self.no_sessions = message_label("noSessions", self, tone="muted")
        self.no_sessions.setText(self.tr("No sessions logged yet. Log one with Ctrl+N."))
        sessions = QWidget(self)
        sessions_layout = QVBoxLayout(sessions)
        sessions_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        # "Log session" is the section's own Ctrl+N action, given by the view (set_log_action).
        self.log_button = QToolButton(sessions)
        self.log_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        buttons.addWidget(self.log_button)
        for act in (self.edit_session_action, self.delete_session_action):
            buttons.addWidget(_tool_button(act, sessions))
        buttons.addStretch(1)
        sessions_layout.addLayout(buttons)
        sessions_layout.addWidget(self.sessions, 1)
        sessions_layout.addWidget(self.no_sessions)
        sessions_box = self._group(self.tr("Session history"), sessions)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(goals_box)
        top.addWidget(right)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(top)
        body.addWidget(sessions_box)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(header)
        layout.addWidget(self.prompt)
        layout.addWidget(body, 1)

    def set_log_action(self, action: QAction) -> None:
        self.log_button.setDefaultAction(action)
        self.log_button.setAccessibleName(action.text().replace("…", ""))

    def _group(self, title: str, content: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        box.setAccessibleName(title)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(content)
        return box

    def _history_list(self, name: str) -> QListWidget:
        lst = QListWidget(self)
        lst.setAccessibleName(name)
        compact_list(lst)
        return lst

    # -- data ----------------------------------------------------------------------------------
    @property
    def client_id(self) -> str:
        return self.page.client.client_id if self.page else ""

    def show_client(self, client_id: str) -> None:
        """Load everything the page shows for one client (RecordNotFound if it is gone)."""
        page = self._service.client_page(client_id)
        self.page = page
        client = page.client
        self.alias.setText(client.alias)
        parts = [level_label(client.program_level), status_label(client.status)]
        if client.started_on:
            parts.append(self.tr("started {day}").format(day=show_date(client.started_on)))
        parts.append(
            self.tr("{total} sessions, {recent} in the last 30 days").format(
                total=client.total_sessions, recent=client.sessions_last_30_days
            )
        )
        self.summary.setText(" · ".join(parts))
        reasons = finding_reasons(page.alias_findings)
        self.alias_note.setText(
            self.tr("This alias may identify a person ({reasons}). Edit the client to change it.").format(
                reasons=" ".join(reasons)
            )
        )
        self.alias_note.setVisible(bool(reasons))
        self.prompt.set_alert(page.stalled_alert, self._service.stalled_progress_rule())
        self.goals.set_goals(client_id, page.goals)
        self._fill_history(
            self.levels, [(level_label(c.program_level), c.effective_on) for c in page.level_history]
        )
        self._fill_history(
            self.statuses, [(status_label(c.status), c.effective_on) for c in page.status_history]
        )
        self._fill_reflections(client_id)
        selected = self._selected_session()
        self.sessions_model.set_sessions(page.sessions)
        if selected is not None and (row := self.sessions_model.row_of(selected.id)) >= 0:
            self.sessions.selectRow(row)
        self.sessions.setVisible(bool(page.sessions))
        self.no_sessions.setVisible(not page.sessions)

    def reload(self) -> None:
        if self.page is not None:
            self.show_client(self.client_id)

    def _fill_history(self, lst: QListWidget, entries: list[tuple[str, Any]]) -> None:
        lst.clear()
        for text, day in entries:
            item = QListWidgetItem(self.tr("{value} from {day}").format(value=text, day=show_date(day)))
            item.setData(HISTORY_ROLE, day.isoformat())
            lst.addItem(item)

    def _fill_reflections(self, client_id: str) -> None:
        self.reflections.clear()
        if self._journal is None:
            return
        try:
            notes = self._journal.list_notes(client_id=client_id, limit=REFLECTIONS_SHOWN)
        except TherapistDeskError:
            notes = []
        for note in notes:
            title = " ".join((note.title or note.first_line or self.tr("Untitled reflection")).split())
            self.reflections.addItem(f"{show_date(note.created_at.date())} — {title}")
        if not notes:
            item = QListWidgetItem(self.tr("No reflections linked to this client yet."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.reflections.addItem(item)

    # -- actions ---------------------------------------------------------------------------------
    def _selected_session(self) -> SessionEntry | None:
        rows = self.sessions.selectionModel().selectedRows() if self.sessions.selectionModel() else []
        return self.sessions_model.session(rows[0].row()) if rows else None

    def edit_session(self) -> None:
        entry = self._selected_session()
        if entry is not None:
            self.editSessionRequested.emit(entry)

    def delete_session(self) -> None:
        entry = self._selected_session()
        if entry is not None:
            self.deleteSessionRequested.emit(entry)

    def _edit_client(self) -> None:
        if self.client_id:
            self.editClientRequested.emit(self.client_id)

    def _open_prompts(self) -> None:
        if self.page is not None and self.page.stalled_alert is not None:
            self.openPromptsRequested.emit(self.page.stalled_alert.prompt_theme)

    def change_level(self) -> None:
        self._dated_change("level")

    def change_status(self) -> None:
        self._dated_change("status")

    def _dated_change(self, kind: str) -> None:
        if self.page is None:
            return
        client = self.page.client
        record: Callable[[str, str, date], object]
        if kind == "level":
            args = (self.tr("Change program level"), self.tr("Program &level:"), PROGRAM_LEVELS, level_label)
            current, record = client.program_level, self._service.change_program_level
        else:
            args = (self.tr("Change status"), self.tr("&Status:"), CLIENT_STATUSES, status_label)
            current, record = client.status, self._service.set_status
        dialog = DatedChangeDialog(*args, current, self._service.clock.today(), self)
        client_id = client.client_id
        self.dialog = dialog
        open_dialog(dialog, lambda: self._run(lambda: record(client_id, dialog.value, dialog.effective_on)))

    def _remove_history(self, lst: QListWidget) -> None:
        item = lst.currentItem()
        if item is None or self.page is None:
            return
        day = date.fromisoformat(str(item.data(HISTORY_ROLE)))
        client_id = self.page.client.client_id
        remove: Callable[[str, date], object]
        put: Callable[[str, str, date], object]
        if lst is self.levels:
            value = next(c.program_level for c in self.page.level_history if c.effective_on == day)
            remove, put = self._service.remove_program_level_change, self._service.change_program_level
        else:
            value = next(c.status for c in self.page.status_history if c.effective_on == day)
            remove, put = self._service.remove_status_change, self._service.set_status
        if self._run(lambda: remove(client_id, day)):
            self.undoable.emit(self.tr("History entry removed"), lambda: put(client_id, value, day))

    def _run(self, work: Callable[[], object]) -> bool:
        try:
            work()
        except TherapistDeskError as exc:
            self.failed.emit(describe_error(exc))
            return False
        self._changed()
        return True

    def _changed(self) -> None:
        self.changed.emit()
