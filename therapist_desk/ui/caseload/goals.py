"""Shared goals on the client page: each goal with its status and dated progress notes.

Goals and notes can be added, edited and deleted; deletes and edits can be undone (the panel
hands an undo step to the page). Goal text gets the same identifier warning as an alias.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.caseload import (
    GOAL_STATUSES,
    MAX_GOAL_TEXT,
    MAX_PROGRESS_NOTE,
    GoalProgress,
    SharedGoal,
)
from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.ui.caseload.client_dialog import choice_combo, date_edit, open_dialog
from therapist_desk.ui.caseload.identifier_warning import IdentifierWarning
from therapist_desk.ui.caseload.labels import goal_status_label, pydate, show_date
from therapist_desk.ui.caseload.themed import set_themed_icon
from therapist_desk.ui.widgets import describe_error, message_label

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class GoalDialog(QDialog):
    """A goal's text and status (and, for a new goal, the day it was agreed)."""

    def __init__(
        self, service: CaseloadService, parent: QWidget | None = None, goal: SharedGoal | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.setWindowTitle(self.tr("Edit shared goal") if goal else self.tr("Add a shared goal"))
        self.setMinimumWidth(540)
        self.text = QLineEdit(goal.text if goal else "", self)
        self.text.setMaxLength(MAX_GOAL_TEXT)
        self.text.setPlaceholderText(
            self.tr("In the client's and your words, e.g. Attend two peer meetings a week")
        )
        self.text.setAccessibleName(self.tr("Goal"))
        self.status = choice_combo(GOAL_STATUSES, goal_status_label, goal.status if goal else "active", self)
        self.status.setAccessibleName(self.tr("Goal status"))
        self.agreed = date_edit(
            goal.created_on if goal else service.clock.today(), self, self.tr("Agreed on")
        )
        self.agreed.setEnabled(goal is None)
        self.warning = IdentifierWarning(self.tr("goal"), self)
        self.warning.changeRequested.connect(self._change_text)
        self.error = message_label("goalError", self, tone="error")
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Goal:"), self.text),
            (self.tr("&Status:"), self.status),
            (self.tr("&Agreed on:"), self.agreed),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.text.textChanged.connect(self._text_changed)
        self._text_changed(self.text.text())
        if goal is not None and self.warning.has_findings:
            self.warning.keep.setChecked(True)  # kept when it was saved; a new finding asks again
        self.text.setFocus()

    def _change_text(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    def _text_changed(self, text: str) -> None:
        self.warning.set_findings(self._service.check_text(text))
        self.error.setVisible(False)

    def _save(self) -> None:
        if not self.text.text().strip():
            self.error.setText(self.tr("Write the goal first."))
            self.error.setVisible(True)
            return
        if self.warning.needs_choice():
            self.warning.ask_for_choice()
            return
        self.accept()

    @property
    def goal_text(self) -> str:
        return self.text.text()

    @property
    def goal_status(self) -> str:
        return str(self.status.currentData())

    @property
    def agreed_on(self) -> date:
        return pydate(self.agreed.date())


class ProgressDialog(QDialog):
    """A dated progress note on a goal. Ctrl+Enter saves (Enter starts a new line)."""

    def __init__(self, today: date, parent: QWidget | None = None, item: GoalProgress | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit progress note") if item else self.tr("Add a progress note"))
        self.setMinimumWidth(480)
        self.day = date_edit(item.noted_on if item else today, self, self.tr("Date"))
        self.note = QPlainTextEdit(item.note if item else "", self)
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(self.tr("Progress note"))
        self.note.setPlaceholderText(self.tr("What moved, even a little"))
        self.error = message_label("progressError", self, tone="error")
        form = QFormLayout()
        for text, widget in ((self.tr("&Date:"), self.day), (self.tr("&Note:"), self.note)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip(self.tr("Save (Ctrl+Enter)"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        save_action = QAction(self)
        save_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save_action.triggered.connect(self._save)
        self.addAction(save_action)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.note.setFocus()

    def _save(self) -> None:
        text = self.note.toPlainText().strip()
        if not text:
            self.error.setText(self.tr("Write the progress note first."))
            self.error.setVisible(True)
            return
        if len(text) > MAX_PROGRESS_NOTE:
            self.error.setText(self.tr("The note is too long; shorten it."))
            self.error.setVisible(True)
            return
        self.accept()

    @property
    def text(self) -> str:
        return self.note.toPlainText()

    @property
    def noted_on(self) -> date:
        return pydate(self.day.date())


class GoalsPanel(QWidget):
    """The goals tree and its actions; tells the page what changed and how to undo it."""

    changed = Signal()
    undoable = Signal(str, object)  # (description in our words, callable that undoes)
    failed = Signal(str)

    def __init__(self, service: CaseloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._client_id = ""
        self._goals: dict[str, SharedGoal] = {}
        self._progress: dict[str, GoalProgress] = {}
        self.dialog: QDialog | None = None  # the last dialog opened (tests answer it)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("goalsTree")
        self.tree.setAccessibleName(self.tr("Shared goals"))
        self.tree.setHeaderLabels(
            [self.tr("Goal"), self.tr("Status"), self.tr("Agreed"), self.tr("Last progress")]
        )
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 330)
        self.tree.itemActivated.connect(lambda _item, _col: self.edit_selected())
        self.empty = message_label("goalsEmpty", self, tone="muted")
        self.empty.setText(self.tr("No shared goals yet. Add the goals you agreed with the client (Ctrl+G)."))

        def action(text: str, name: str, shortcut: str, slot: Callable[[], None], on_tree: bool) -> QAction:
            act = QAction(text, self)
            set_themed_icon(act, name)
            act.setShortcut(QKeySequence(shortcut))
            act.setToolTip(f"{text.replace('&', '')} ({act.shortcut().toString()})")
            act.triggered.connect(slot)
            if on_tree:  # keys such as Delete only act on the tree, never in a text field
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.tree.addAction(act)
            else:
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # while the page is visible
            return act

        self.add_goal_action = action(self.tr("Add goal…"), "add", "Ctrl+G", self.add_goal, False)
        self.add_progress_action = action(
            self.tr("Add progress note…"), "add", "Ctrl+Shift+G", self.add_progress, False
        )
        self.edit_action = action(self.tr("Edit…"), "edit", "F2", self.edit_selected, True)
        self.delete_action = action(self.tr("Delete"), "delete", "Del", self.delete_selected, True)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for act in (self.add_goal_action, self.add_progress_action, self.edit_action, self.delete_action):
            button = QToolButton(self)
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(act.text().replace("…", ""))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)

    def page_actions(self) -> list[QAction]:
        """Actions whose shortcuts should work anywhere on the client page."""
        return [self.add_goal_action, self.add_progress_action]

    # -- data --------------------------------------------------------------------------------
    def set_goals(self, client_id: str, goals: tuple[SharedGoal, ...]) -> None:
        selected = self._selected()
        self._client_id = client_id
        self._goals = {g.id: g for g in goals}
        self._progress = {p.id: p for g in goals for p in g.progress}
        self.tree.clear()
        for goal in goals:
            item = QTreeWidgetItem(
                [
                    goal.text,
                    goal_status_label(goal.status),
                    show_date(goal.created_on),
                    show_date(goal.last_progress_on),
                ]
            )
            item.setData(0, KIND_ROLE, "goal")
            item.setData(0, ID_ROLE, goal.id)
            for note in reversed(goal.progress):  # newest first under the goal
                child = QTreeWidgetItem([note.note, "", "", show_date(note.noted_on)])
                child.setData(0, KIND_ROLE, "progress")
                child.setData(0, ID_ROLE, note.id)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            if selected and selected[1] == goal.id:
                self.tree.setCurrentItem(item)
            for child_row in range(item.childCount()):
                note_item = item.child(child_row)
                if selected and note_item is not None and selected[1] == note_item.data(0, ID_ROLE):
                    self.tree.setCurrentItem(note_item)
        self.tree.expandAll()
        self.empty.setVisible(not goals)
        self.tree.setVisible(bool(goals))

    def _selected(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return str(item.data(0, KIND_ROLE)), str(item.data(0, ID_ROLE))

    def _selected_goal_id(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return next(iter(self._goals), None) if len(self._goals) == 1 else None
        goal_item = item.parent() or item
        return str(goal_item.data(0, ID_ROLE))

    def _run(self, work: Callable[[], object]) -> bool:
        try:
            work()
        except TherapistDeskError as exc:
            self.failed.emit(describe_error(exc))
            return False
        self.changed.emit()
        return True

    # -- actions -------------------------------------------------------------------------------
    def add_goal(self) -> None:
        if not self._client_id:
            return
        client_id = self._client_id
        dialog = GoalDialog(self._service, self)

        def save() -> None:
            self._run(
                lambda: self._service.add_goal(
                    client_id, dialog.goal_text, created_on=dialog.agreed_on, status=dialog.goal_status
                )
            )

        self.dialog = open_dialog(dialog, save)

    def add_progress(self) -> None:
        goal_id = self._selected_goal_id()
        if goal_id is None:
            self.failed.emit(self.tr("Select the goal the progress note belongs to."))
            return
        dialog = ProgressDialog(self._service.clock.today(), self)
        self.dialog = open_dialog(
            dialog,
            lambda: self._run(lambda: self._service.add_goal_progress(goal_id, dialog.text, dialog.noted_on)),
        )

    def edit_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        kind, item_id = selected
        if kind == "goal":
            self._edit_goal(self._goals[item_id])
        else:
            self._edit_progress(self._progress[item_id])

    def _edit_goal(self, goal: SharedGoal) -> None:
        dialog = GoalDialog(self._service, self, goal)

        def save() -> None:
            if self._run(
                lambda: self._service.update_goal(goal.id, text=dialog.goal_text, status=dialog.goal_status)
            ):
                self.undoable.emit(
                    self.tr("Goal changed"),
                    lambda: self._service.update_goal(goal.id, text=goal.text, status=goal.status),
                )

        self.dialog = open_dialog(dialog, save)

    def _edit_progress(self, note: GoalProgress) -> None:
        dialog = ProgressDialog(self._service.clock.today(), self, note)

        def save() -> None:
            if self._run(
                lambda: self._service.update_goal_progress(
                    note.id, note=dialog.text, noted_on=dialog.noted_on
                )
            ):
                self.undoable.emit(
                    self.tr("Progress note changed"),
                    lambda: self._service.update_goal_progress(
                        note.id, note=note.note, noted_on=note.noted_on
                    ),
                )

        self.dialog = open_dialog(dialog, save)

    def delete_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        kind, item_id = selected
        if kind == "goal":
            deleted: list[SharedGoal] = []
            if self._run(lambda: deleted.append(self._service.delete_goal(item_id))):
                goal = deleted[0]
                self.undoable.emit(self.tr("Goal deleted"), lambda: self._service.restore_goal(goal))
            return
        removed: list[GoalProgress] = []
        if self._run(lambda: removed.append(self._service.delete_goal_progress(item_id))):
            item = removed[0]
            self.undoable.emit(
                self.tr("Progress note deleted"), lambda: self._service.restore_goal_progress(item)
            )
