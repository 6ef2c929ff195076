"""The Caseload section: the table of clients by alias, this week's load, the client page, and
quick session entry, with undo for deletes and edits.

Keys (all within the section): Ctrl+N log a session, Ctrl+Shift+N add a client, Ctrl+F find
a client, Enter open the selected client, Ctrl+E edit it, Esc or Alt+Left back to the table,
Ctrl+Z undo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.caseload import SessionEntry
from therapist_desk.domain.errors import RecordNotFound, TherapistDeskError
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.ui.caseload import CASELOAD_SECTION  # noqa: F401  (re-exported)
from therapist_desk.ui.caseload.client_dialog import ClientDialog, open_dialog
from therapist_desk.ui.caseload.client_page import ClientPageView
from therapist_desk.ui.caseload.session_entry import SessionEntryDialog
from therapist_desk.ui.caseload.table_model import CaseloadTableModel
from therapist_desk.ui.caseload.table_page import CaseloadTablePage
from therapist_desk.ui.caseload.themed import refresh_icons, set_themed_icon
from therapist_desk.ui.caseload.undo import MessageBar, UndoHistory
from therapist_desk.ui.widgets import describe_error


class CaseloadView(QWidget):
    # Emitted with a prompt theme (e.g. "stalled_progress"); the journal may open its prompts.
    openPromptsRequested = Signal(str)

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: CaseloadService = services.caseload
        self.journal = getattr(services, "journal", None)
        self.undo_history = UndoHistory()
        self.session_dialog: SessionEntryDialog | None = None
        self.client_dialog: ClientDialog | None = None
        self.setAccessibleName(self.tr("Caseload"))

        self.add_client_action = self._action(self.tr("Add client…"), "add", "Ctrl+Shift+N", self.add_client)
        self.log_session_action = self._action(self.tr("Log session…"), "session", "Ctrl+N", self.log_session)
        self.find_action = self._action(self.tr("Find client"), "", "Ctrl+F", self.focus_search)
        self.undo_action = self._action(self.tr("Undo"), "undo", "Ctrl+Z", self.undo)
        self.undo_action.setEnabled(False)

        self.model = CaseloadTableModel(self)
        self.table_page = CaseloadTablePage(
            self.service, self.model, [self.add_client_action, self.log_session_action], self
        )
        self.table_page.openRequested.connect(self.open_client)
        self.table_page.editRequested.connect(self.edit_client)
        # Short names for the table page's parts (tests and the screenshot tool use them).
        page = self.table_page
        self.proxy, self.table, self.search = page.proxy, page.table, page.search
        self.level_filter, self.status_filter = page.level_filter, page.status_filter
        self.show_closed, self.count, self.empty = page.show_closed, page.count, page.empty
        self.load_panel = page.load_panel
        self.client_page = ClientPageView(self.service, self.journal, self)
        self.client_page.backRequested.connect(self.show_table)
        self.client_page.changed.connect(self.reload)
        self.client_page.editClientRequested.connect(self.edit_client)
        self.client_page.set_log_action(self.log_session_action)
        self.client_page.editSessionRequested.connect(self.edit_session)
        self.client_page.deleteSessionRequested.connect(self.delete_session)
        self.client_page.openPromptsRequested.connect(self._open_prompts)
        self.client_page.undoable.connect(self._push_undo)
        self.client_page.failed.connect(self._failed)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table_page)
        self.stack.addWidget(self.client_page)
        self.message_bar = MessageBar(self)
        self.message_bar.undoRequested.connect(self.undo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message_bar)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            refresh_icons(self)  # light/dark switched
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        # Shown with Ctrl+3 and nothing focused yet: start in the table (or the search box
        # while the table is empty). Focus in the sidebar stays there, for arrow-key browsing.
        if QApplication.focusWidget() is None:
            target = self.table if self.table.isVisibleTo(self) else self.search
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _action(self, text: str, icon_name: str, keys: str, slot: Callable[[], None]) -> QAction:
        act = QAction(text, self)
        if icon_name:
            set_themed_icon(act, icon_name)
        act.setShortcut(QKeySequence(keys))
        # A window shortcut of this view: Qt matches it only while the view is visible, so it
        # works wherever the focus is (even in the sidebar) and never from another section.
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setToolTip(f"{text.replace('…', '')} ({act.shortcut().toString()})")
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    # -- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the caseload in one call and refresh everything that shows it."""
        selected = self.selected_client_id()
        self.model.set_entries(self.service.caseload())
        if selected:
            self.select_client(selected)
        self.load_panel.refresh()
        self.table_page.update_count()
        if self.session_dialog is not None:
            self.session_dialog.form.set_aliases(self.active_aliases())
        if self.stack.currentWidget() is self.client_page:
            try:
                self.client_page.reload()
            except RecordNotFound:
                self.show_table()

    def active_aliases(self) -> list[str]:
        return [e.alias for e in self.model.entries() if e.is_active]

    def selected_client_id(self) -> str | None:
        return self.table_page.selected_client_id()

    def select_client(self, client_id: str) -> bool:
        return self.table_page.select_client(client_id)

    # -- navigation ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.show_table()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_client(self, client_id: str) -> None:
        try:
            self.client_page.show_client(client_id)
        except TherapistDeskError as exc:
            self._failed(describe_error(exc))
            self.reload()
            return
        self.select_client(client_id)
        self.stack.setCurrentWidget(self.client_page)
        self.client_page.goals.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_table(self) -> None:
        self.stack.setCurrentWidget(self.table_page)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- clients ----------------------------------------------------------------------------------
    def add_client(self) -> None:
        dialog = ClientDialog(self.service, self)
        self.client_dialog = dialog
        open_dialog(dialog, lambda: self._client_saved(dialog.saved_client_id))

    def edit_client(self, client_id: str) -> None:
        if not client_id:
            return
        try:
            entry = self.service.client(client_id)
        except TherapistDeskError as exc:
            self._failed(describe_error(exc))
            return
        dialog = ClientDialog(self.service, self, entry)
        self.client_dialog = dialog
        open_dialog(dialog, lambda: self._client_saved(dialog.saved_client_id))

    def _client_saved(self, client_id: str | None) -> None:
        self.reload()
        if client_id:
            self.select_client(client_id)

    # -- sessions --------------------------------------------------------------------------------
    def log_session(self) -> None:
        """Open quick entry (or bring it back); on a client page the client is filled in."""
        on_page = self.stack.currentWidget() is self.client_page and self.client_page.page is not None
        alias = self.client_page.page.client.alias if on_page and self.client_page.page else ""
        current = self.session_dialog
        if current is not None and current.is_quick_entry and current.isVisible():
            current.raise_()  # already open: keep what is typed there
            current.activateWindow()
            return
        if current is not None:
            current.close()
        dialog = SessionEntryDialog(self.service, self.active_aliases(), self, client_alias=alias)
        self._track_session_dialog(dialog)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def edit_session(self, entry: SessionEntry) -> None:
        if self.session_dialog is not None:
            self.session_dialog.close()
        dialog = SessionEntryDialog(self.service, self.active_aliases(), self, entry=entry)
        self._track_session_dialog(dialog)
        dialog.open()

    def _track_session_dialog(self, dialog: SessionEntryDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._session_saved)
        dialog.destroyed.connect(lambda *_: self._forget_session_dialog(dialog))
        self.session_dialog = dialog

    def _forget_session_dialog(self, dialog: SessionEntryDialog) -> None:
        if self.session_dialog is dialog:
            self.session_dialog = None

    def _session_saved(self, saved: SessionEntry, before: SessionEntry | None) -> None:
        if before is not None:
            self._push_undo(self.tr("Session changed"), lambda: self.service.restore_session(before))
        self.reload()

    def delete_session(self, entry: SessionEntry) -> None:
        try:
            deleted = self.service.delete_session(entry.id)
        except TherapistDeskError as exc:
            self._failed(describe_error(exc))
            return
        self._push_undo(self.tr("Session deleted"), lambda: self.service.restore_session(deleted))
        self.reload()

    # -- undo and messages ---------------------------------------------------------------------------
    def _push_undo(self, description: str, undo: Callable[[], object]) -> None:
        self.undo_history.push(description, undo)
        self.undo_action.setEnabled(True)
        self.message_bar.show_undo(description)

    def undo(self) -> None:
        step = self.undo_history.pop()
        self.undo_action.setEnabled(len(self.undo_history) > 0)
        if step is None:
            self.message_bar.show_info(self.tr("Nothing to undo."))
            return
        try:
            step.undo()
        except TherapistDeskError as exc:
            self._failed(describe_error(exc))
        else:
            self.message_bar.show_info(self.tr("Undone: {what}").format(what=step.description))
        self.reload()

    def _failed(self, message: str) -> None:
        self.message_bar.show_error(message)

    def _open_prompts(self, theme: str) -> None:
        self.openPromptsRequested.emit(theme)
        if not self.isSignalConnected(
            self.metaObject().method(self.metaObject().indexOfSignal("openPromptsRequested(QString)"))
        ):
            self.message_bar.show_info(
                self.tr("The reflection prompts on stalled progress are in the Journal (Ctrl+2).")
            )
