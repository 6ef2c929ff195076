"""The Journal section: the note list beside the editor, search, prompts, guided forms, trash.

Keys (within the section): Ctrl+N new reflection, Ctrl+Shift+N from a prompt, Ctrl+Shift+G
Gibbs cycle, Ctrl+Shift+A bias reflection, Ctrl+F search, Ctrl+Shift+F filters, Ctrl+S save
now, Delete (in the list) move to the trash, Ctrl+Shift+T the trash.

Autosave keeps what is typed (see ``autosave.py``); it also saves before another note opens,
before the vault locks (a lock hook) and so on quit. A save that fails keeps the text in the
editor, says so, and the note stays open until it can be saved.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from therapist_desk.domain.errors import RecordNotFound, TherapistDeskError
from therapist_desk.domain.journal import (
    BiasReflection,
    GibbsReflection,
    NoteDraft,
    ReflectionNote,
    SaveResult,
    draft_from_dict,
    draft_to_dict,
)
from therapist_desk.services.journal import JournalService
from therapist_desk.ui.dialogs import DialogService, QtDialogService
from therapist_desk.ui.journal import JOURNAL_SECTION  # noqa: F401  (re-exported)
from therapist_desk.ui.journal.autosave import Autosaver
from therapist_desk.ui.journal.clipboard_watch import NoteClipboard
from therapist_desk.ui.journal.common import MessageLine, add_action, recolour_icons, tool_button, tr
from therapist_desk.ui.journal.editor import NoteEditor
from therapist_desk.ui.journal.list_pane import ListPane
from therapist_desk.ui.journal.note_list import NoteRow
from therapist_desk.ui.journal.prompt_dialog import PromptDialog
from therapist_desk.ui.journal.trash import TrashPage
from therapist_desk.ui.widgets import CenteredPanel, describe_error, muted_label, title_label

# Under this name a lock keeps the open note's changes it could not save (services/kept_work.py).
KEPT_NOTE = "journal.open-note"
KEPT_FIELDS = ("title", "body", "tags", "client_id", "gibbs", "bias")

class JournalView(QWidget):
    def __init__(
        self, services: Any, parent: QWidget | None = None, dialogs: DialogService | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.journal: JournalService = services.journal
        self.caseload = getattr(services, "caseload", None)  # optional: links to client aliases
        self.clock = services.clock
        self.dialogs = dialogs or _window_dialogs(parent) or QtDialogService()
        self.library = self.journal.prompts
        self.rng = random.Random()  # noqa: S311 (choosing a prompt, not a secret)
        self.prompt_dialog: PromptDialog | None = None
        self._fresh: set[str] = set()  # created here and not yet written in: dropped if left empty
        self._last_deleted: str | None = None
        self.setAccessibleName(tr("Journal"))

        self.new_action = add_action(self, tr("&New"), "Ctrl+N", self.new_note, icon_name="add")
        self.prompt_action = add_action(
            self, tr("From a &prompt…"), "Ctrl+Shift+N", self.open_prompts, icon_name="journal"
        )
        self.gibbs_action = add_action(
            self, tr("&Gibbs cycle"), "Ctrl+Shift+G", lambda: self.new_note("gibbs"), icon_name="cycle"
        )
        self.bias_action = add_action(
            self, tr("&Bias reflection"), "Ctrl+Shift+A", lambda: self.new_note("bias"), icon_name="balance"
        )
        self.find_action = add_action(self, tr("Search"), "Ctrl+F", self.focus_search)
        self.save_action = add_action(self, tr("Save now"), "Ctrl+S", self.save_now)
        self.trash_action = add_action(
            self, tr("&Trash"), "Ctrl+Shift+T", self.show_trash, icon_name="archive"
        )

        self.pane = ListPane(self.journal, self.clock.today, self)
        self.model, self.list, self.search_bar = self.pane.model, self.pane.list, self.pane.search_bar
        self.delete_action = add_action(
            self.list,
            tr("Move to trash"),
            "Delete",
            self.delete_current,
            icon_name="delete",
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.delete_action.setToolTip(tr("Move to trash (Delete in the list)"))
        self.editor = NoteEditor(self.library, self.clock.today, self)
        self.autosaver = Autosaver(self._save_editor, self)
        self.message = MessageLine(self)
        self.trash = TrashPage(self.journal, self.dialogs, self.clock.today, self)
        self._build_layout()

        self.pane.noteChosen.connect(self._note_chosen)
        self.search_bar.changed.connect(self.run_search)
        self.pane.failed.connect(self.message.show_error)
        self.list.activated.connect(lambda _index: self.editor.focus_writing())
        self.editor.edited.connect(self.autosaver.changed)
        self.autosaver.saved.connect(self._saved)
        self.autosaver.failed.connect(self._save_failed)
        self.message.undoRequested.connect(self.undo_delete)
        self.trash.backRequested.connect(self.show_journal)
        self.trash.restored.connect(self._restored)
        self.trash.error_handler = self.message.show_error
        self.trash.info_handler = self.message.show_info
        self.clipboard = NoteClipboard(self)
        services.add_lock_hook(self.save_on_lock)

        self._refresh_choices()
        self.run_search()
        first = self.model.row_at(0)
        if first is not None:
            self.open_note(first.id)
        self._bring_back_kept()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(16, 10, 16, 6)
        header.setSpacing(4)
        header.addWidget(title_label(tr("Journal"), self, scale=1.4))
        header.addSpacing(12)
        for act in (self.new_action, self.prompt_action, self.gibbs_action, self.bias_action):
            header.addWidget(tool_button(act, self))
        header.addStretch(1)
        header.addWidget(tool_button(self.delete_action, self))
        header.addWidget(tool_button(self.trash_action, self))

        self.empty_page = CenteredPanel(self, width=360)
        hint = muted_label(
            tr(
                "Select a reflection, or start a new one: Ctrl+N for a blank page, Ctrl+Shift+N for a "
                "prompt, Ctrl+Shift+G for Gibbs' cycle, Ctrl+Shift+A for a bias reflection."
            ),
            self.empty_page,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.body.addWidget(hint)
        self.editor_stack = QStackedWidget(self)
        self.editor_stack.addWidget(self.empty_page)
        self.editor_stack.addWidget(self.editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.pane)
        self.splitter.addWidget(self.editor_stack)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([390, 700])

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.trash)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        self.setTabOrder(self.list, self.editor.title)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._refresh_choices()  # clients may have been added in the Caseload meanwhile
        if QApplication.focusWidget() is None:
            target = self.list if self.model.rowCount() else self.search_bar.box
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.PaletteChange:
            recolour_icons(self)
            self.list.viewport().update()  # the match colours follow the scheme
        super().changeEvent(event)

    # -- the list and search --------------------------------------------------------------------
    def focus_search(self) -> None:
        self.show_journal()
        self.pane.focus_search()

    def run_search(self) -> None:
        self.pane.run_search(keep=self.editor.note.id if self.editor.note else None)

    def _select(self, note_id: str | None) -> None:
        self.pane.select(note_id)

    def _note_chosen(self, note_id: str) -> None:
        current = self.editor.note
        if current is not None and current.id == note_id:
            return
        if not self.open_note(note_id):
            self._select(current.id if current else None)

    def _refresh_choices(self) -> None:
        try:
            tags = self.journal.tags()
            entries = self.caseload.caseload() if self.caseload is not None else []
        except TherapistDeskError:
            return
        self.editor.tags.set_known(t.tag for t in tags)
        aliases = {e.client_id: e.alias for e in entries}
        self.editor.client.set_clients([(e.client_id, e.alias) for e in entries if e.is_active], aliases)
        self.pane.set_choices(tags, aliases)

    # -- opening, creating, saving ---------------------------------------------------------------
    def open_note(self, note_id: str) -> bool:
        """Show a note in the editor (saving the one open first); False if that could not be done."""
        if not self._leave_current():
            return False
        try:
            note = self.journal.get(note_id)
        except TherapistDeskError as exc:
            self.message.show_error(describe_error(exc))
            return False
        self._show_note(note)
        return True

    def _show_note(self, note: ReflectionNote) -> None:
        self.autosaver.forget()
        self.editor.load(note)
        self.editor_stack.setCurrentWidget(self.editor)
        self.delete_action.setEnabled(True)
        self._select(note.id)

    def _close_editor(self) -> None:
        self.autosaver.forget()
        self.editor.note = None
        self.editor_stack.setCurrentWidget(self.empty_page)
        self.delete_action.setEnabled(False)

    def _leave_current(self) -> bool:
        """Save the open note; drop it if it was created here and never written in."""
        note = self.editor.note
        if note is None:
            return True
        if not self.autosaver.save_now():
            return False
        if note.id in self._fresh and self.editor.draft().is_empty():
            try:
                if self.journal.discard_if_empty(note.id):
                    self.pane.remove(note.id)
            except TherapistDeskError:
                pass  # an empty note left behind is harmless
        self._fresh.discard(note.id)
        return True

    def new_note(self, kind: str = "free", draft: NoteDraft | None = None) -> ReflectionNote | None:
        """Start a reflection: blank, a guided form, or ``draft`` (from a prompt)."""
        if draft is None:
            draft = NoteDraft(
                kind=kind,
                themes=("bias",) if kind == "bias" else (),
                gibbs=GibbsReflection() if kind == "gibbs" else None,
                bias=BiasReflection() if kind == "bias" else None,
            )
        self.show_journal()
        if not self._leave_current():
            return None
        try:
            note = self.journal.create(draft)
        except TherapistDeskError as exc:
            self.message.show_error(describe_error(exc))
            return None
        self._fresh.add(note.id)
        self.model.insert_top(NoteRow.from_note(note))
        self.list.scrollToTop()
        self._show_note(note)
        self.pane.update_count()
        if note.prompt_id or note.kind != "free":
            self.editor.focus_writing()
        else:
            self.editor.title.setFocus(Qt.FocusReason.OtherFocusReason)
        return note

    def _save_editor(self) -> SaveResult | None:
        note = self.editor.note
        return None if note is None else self.journal.save(note.id, self.editor.draft())

    def _saved(self, result: SaveResult) -> None:
        self.editor.saved(result.note)
        self.model.update_note(result.note)
        if self.message.kind == "error":
            self.message.dismiss()
        if result.changed and set(result.note.tags) - set(self.editor.tags.known()):
            self._refresh_choices()

    def _save_failed(self, text: str) -> None:
        self.editor.set_save_state("failed")
        self.message.show_error(text)

    def save_now(self) -> bool:
        """Save the open note now (Ctrl+S); True when it is stored."""
        ok = self.autosaver.save_now()
        if ok and self.editor.note is not None:
            self.editor.set_save_state("saved")
        return ok

    def save_on_lock(self) -> None:
        """Lock hook: store what is typed, drop an untouched new note, take back copied text.

        What cannot be stored now (a full disk) is kept sealed until the next unlock, when
        ``_bring_back_kept`` puts it back in the editor and saves it (services/kept_work.py).
        """
        note = self.editor.note
        if not self._leave_current() and note is not None:
            draft = draft_to_dict(self.editor.draft())
            self.services.keep_unsaved(KEPT_NOTE, {"note_id": note.id, "draft": draft})
        self.clipboard.clear_if_ours()

    def _bring_back_kept(self) -> None:
        """After an unlock: the changes the last lock could not save, back in the editor and saved."""
        kept = self.services.take_kept(KEPT_NOTE)
        if kept is None:
            return
        draft = draft_from_dict(kept["draft"])
        try:
            try:
                note = self.journal.get(kept["note_id"])
            except RecordNotFound:  # not in this copy of the vault (a restored backup): a new note
                note = self.journal.create(draft)
                self.model.insert_top(NoteRow.from_note(note))
                self.pane.update_count()
        except TherapistDeskError as exc:
            self.services.keep_unsaved(KEPT_NOTE, kept)  # still cannot write: wait for the next unlock
            self.message.show_error(describe_error(exc))
            return
        if not self.open_note(note.id):
            self.services.keep_unsaved(KEPT_NOTE, kept)
            return
        self.editor.load(replace(note, **{f: getattr(draft, f) for f in KEPT_FIELDS}))
        self.autosaver.changed()
        if self.save_now():
            self.message.show_info(
                tr("Changes that could not be saved before the vault locked are back, and saved.")
            )

    # -- prompts -------------------------------------------------------------------------------
    def open_prompts(self, theme: str | None = None) -> PromptDialog:
        """Browse the prompts (of ``theme``, e.g. "stalled_progress" from the Caseload)."""
        if self.prompt_dialog is not None:
            self.prompt_dialog.reject()
        dialog = PromptDialog(self.library, self.clock.today(), self, theme=theme, rng=self.rng)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._start_from_prompt(dialog.choice()))
        dialog.destroyed.connect(lambda *_: setattr(self, "prompt_dialog", None))
        self.prompt_dialog = dialog
        dialog.open()
        return dialog

    def _start_from_prompt(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        try:
            draft = self.journal.draft_from_prompt(*choice)
        except TherapistDeskError as exc:
            self.message.show_error(describe_error(exc))
            return
        self.new_note(draft=draft)

    # -- trash ---------------------------------------------------------------------------------
    def delete_current(self) -> None:
        """Move the open note to the trash (restorable for 30 days)."""
        note = self.editor.note
        if note is None or not self.autosaver.save_now():
            return
        try:
            if note.id in self._fresh and self.editor.draft().is_empty():
                self.journal.discard_if_empty(note.id)
                trashed = False
            else:
                self.journal.delete(note.id)
                trashed = True
        except TherapistDeskError as exc:
            self.message.show_error(describe_error(exc))
            return
        self._fresh.discard(note.id)
        self._close_editor()
        row = self.pane.remove(note.id)
        self.pane.update_count()
        if trashed:
            self._last_deleted = note.id
            self.message.show_info(
                tr("Moved to the trash. You can restore it for 30 days (Trash: Ctrl+Shift+T)."), undo=True
            )
        following = self.model.row_at(min(row, self.model.rowCount() - 1))
        if following is not None:
            self.open_note(following.id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def undo_delete(self) -> None:
        if self._last_deleted is None:
            return
        try:
            self.journal.restore(self._last_deleted)
        except TherapistDeskError as exc:
            self.message.show_error(describe_error(exc))
            return
        self.message.dismiss()
        self._restored(self._last_deleted)

    def _restored(self, note_id: str) -> None:
        self._last_deleted = None
        self.run_search()
        self.open_note(note_id)

    def show_trash(self) -> None:
        if not self._leave_current():
            return
        self.trash.refresh()
        self.pages.setCurrentWidget(self.trash)
        self.trash.focus()

    def show_journal(self) -> None:
        if self.pages.currentWidget() is not self.splitter:
            self.pages.setCurrentWidget(self.splitter)
            self.run_search()
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)


def _window_dialogs(parent: QWidget | None) -> DialogService | None:
    window = parent.window() if parent is not None else None
    return getattr(window, "dialogs", None)
