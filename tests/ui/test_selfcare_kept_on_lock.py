"""Self-care at a lock that cannot write (a full disk): the check-in and unfinished answers come back.

The failure is real: the connection is switched to ``PRAGMA query_only``, so SQLCipher refuses the
writes (StorageWriteFailed) as it would on a full disk; the next unlock opens a new connection.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from tests.ui.conftest import unlock_via_ui
from tests.ui.selfcare_helpers import (  # noqa: F401 (registry is a fixture)
    focused,
    open_self_care,
    press,
    registry,
    type_text,
)

TODAY = date(2026, 3, 2)


def test_a_check_in_and_unfinished_answers_survive_a_lock_that_cannot_write(qtbot, unlocked_window):
    window = unlocked_window
    view = open_self_care(qtbot, window)
    page = view.check_in
    assert focused() is page.spins["energy"]
    type_text(qtbot, "4")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "5")
    qtbot.keyClicks(page.note, "Long day on the unit")
    form = view.instruments.open_form("cbi")
    form.questions[0].buttons[1].click()
    form.questions[1].buttons[2].click()
    answers = form.answers()
    assert len(answers) == 2
    window.bridge.session.services.vault.execute("PRAGMA query_only = ON")

    window.bridge.lock()
    assert not window.bridge.session.is_unlocked
    assert window.lock_screen.unlock_page.kept_notice.isVisible()

    unlock_via_ui(qtbot, window)
    view = open_self_care(qtbot, window)
    saved = view.selfcare.check_in(TODAY)
    assert saved is not None and (saved.values.energy, saved.values.mood) == (4, 5)
    assert saved.values.note == "Long day on the unit"
    assert view.instruments.drafts.get("cbi").answers == answers  # stored as a draft now
    form = view.instruments.open_form("cbi")
    assert form.answers() == answers and not form.draft_note.isHidden()
    assert len(window.bridge.session.services.kept) == 0
