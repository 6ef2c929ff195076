"""Shared goals agreed with a client, and their dated progress notes.

Deleting hands back what was deleted (a goal comes back with its progress notes) so that the
view can offer undo with ``restore_goal`` / ``restore_goal_progress``.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from therapist_desk.domain.caseload import (
    GOAL_STATUSES,
    MAX_GOAL_TEXT,
    MAX_PROGRESS_NOTE,
    GoalProgress,
    SavedGoal,
    SharedGoal,
    check_choice,
    check_day,
    clean_text,
)
from therapist_desk.domain.clock import Clock
from therapist_desk.domain.errors import RecordNotFound
from therapist_desk.domain.identifiers import IdentifierFinding, detect_identifiers
from therapist_desk.storage import caseload_repo as repo
from therapist_desk.storage.vault import Vault


class SharedGoals:
    """Mixed into ``CaseloadService``; needs ``self.vault`` and ``self.clock``."""

    vault: Vault
    clock: Clock

    def goals(self, client_id: str) -> list[SharedGoal]:
        """A client's goals, oldest first, each with its progress notes (oldest first)."""
        return repo.goals_for_client(self.vault, client_id)

    def add_goal(
        self, client_id: str, text: str, *, created_on: date | None = None, status: str = "active"
    ) -> SavedGoal:
        """Add a goal agreed with the client; identifier warnings about its text come back."""
        cleaned = clean_text(text, "goal", MAX_GOAL_TEXT)
        check_choice(status, GOAL_STATUSES, "goal status")
        day = check_day(created_on, "goal date") if created_on is not None else self.clock.today()
        goal = SharedGoal(str(uuid.uuid4()), client_id, cleaned, status, day)
        with self.vault.transaction():
            self._need_client(client_id)
            repo.insert_goal(self.vault, goal)
        return SavedGoal(goal, self._findings(cleaned))

    def update_goal(self, goal_id: str, *, text: str | None = None, status: str | None = None) -> SavedGoal:
        """Change a goal's text and/or status (active, achieved, paused, dropped)."""
        with self.vault.transaction():
            goal = self._goal(goal_id)
            if text is not None:
                goal = replace(goal, text=clean_text(text, "goal", MAX_GOAL_TEXT))
            if status is not None:
                goal = replace(goal, status=check_choice(status, GOAL_STATUSES, "goal status"))
            repo.update_goal(self.vault, goal)
        return SavedGoal(goal, self._findings(goal.text))

    def delete_goal(self, goal_id: str) -> SharedGoal:
        """Delete a goal and its progress notes; returns it (with them) so undo can restore it."""
        with self.vault.transaction():
            goal = self._goal(goal_id)
            self.vault.execute("DELETE FROM goals WHERE id = ?", (goal_id,))
        return goal

    def restore_goal(self, goal: SharedGoal) -> SharedGoal:
        """Undo ``delete_goal``: put the goal and its progress notes back as they were."""
        with self.vault.transaction():
            self._need_client(goal.client_id)
            if repo.get_goal(self.vault, goal.id) is None:
                repo.insert_goal(self.vault, goal)
        return self._goal(goal.id)

    def add_goal_progress(self, goal_id: str, note: str, noted_on: date | None = None) -> GoalProgress:
        """Add a dated progress note to a goal (default today)."""
        item = GoalProgress(
            str(uuid.uuid4()),
            goal_id,
            check_day(noted_on, "progress date") if noted_on is not None else self.clock.today(),
            clean_text(note, "progress note", MAX_PROGRESS_NOTE),
        )
        with self.vault.transaction():
            self._goal(goal_id)
            repo.insert_progress(self.vault, item)
        return item

    def update_goal_progress(
        self, progress_id: str, *, note: str | None = None, noted_on: date | None = None
    ) -> GoalProgress:
        with self.vault.transaction():
            item = self._progress(progress_id)
            if note is not None:
                item = replace(item, note=clean_text(note, "progress note", MAX_PROGRESS_NOTE))
            if noted_on is not None:
                item = replace(item, noted_on=check_day(noted_on, "progress date"))
            repo.update_progress(self.vault, item)
        return item

    def delete_goal_progress(self, progress_id: str) -> GoalProgress:
        """Delete a progress note; returns it so undo can restore it."""
        with self.vault.transaction():
            item = self._progress(progress_id)
            self.vault.execute("DELETE FROM goal_progress WHERE id = ?", (progress_id,))
        return item

    def restore_goal_progress(self, item: GoalProgress) -> GoalProgress:
        """Undo ``delete_goal_progress``."""
        with self.vault.transaction():
            self._goal(item.goal_id)
            if repo.get_progress(self.vault, item.id) is None:
                repo.insert_progress(self.vault, item)
        return item

    def _findings(self, text: str) -> tuple[IdentifierFinding, ...]:
        return tuple(detect_identifiers(text, today=self.clock.today()))

    def _need_client(self, client_id: str) -> None:
        if repo.get_client(self.vault, client_id) is None:
            raise RecordNotFound("That client no longer exists.")

    def _goal(self, goal_id: str) -> SharedGoal:
        goal = repo.get_goal(self.vault, goal_id)
        if goal is None:
            raise RecordNotFound("That goal no longer exists.")
        return goal

    def _progress(self, progress_id: str) -> GoalProgress:
        item = repo.get_progress(self.vault, progress_id)
        if item is None:
            raise RecordNotFound("That progress note no longer exists.")
        return item
