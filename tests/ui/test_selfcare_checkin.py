"""The daily check-in, the reminder and time off in the Self-care section, driven by keyboard."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import QLocale, Qt

from tests.ui.selfcare_helpers import (  # noqa: F401 (registry is a fixture)
    ALT,
    CTRL,
    SHIFT,
    focused,
    open_self_care,
    press,
    registry,
    type_text,
)
from therapist_desk.app import build_sections
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.selfcare import ReminderSettings
from therapist_desk.ui.selfcare.common import from_qdate

TODAY = date(2026, 3, 2)


def test_the_section_is_registered_at_ctrl_4():
    section = build_sections().get("self-care")
    assert (section.shortcut, section.order, section.icon) == ("Ctrl+4", 40, "self-care")


def test_a_check_in_typed_with_the_keyboard_alone_is_saved(qtbot, unlocked_window):
    view = open_self_care(qtbot, unlocked_window)
    page = view.check_in
    assert focused() is page.spins["energy"]  # Ctrl+4 lands ready to type
    assert "not a validated instrument" in " ".join(w.text() for w in page.findChildren(type(page.day_label)))
    point = QLocale().decimalPoint()
    for text in ("6", "7", "3", f"7{point}5", "30", "20", "2"):
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # peer support: yes
    press(qtbot, Qt.Key.Key_Tab)  # supervision: left alone
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # boundaries kept: yes
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.note
    type_text(qtbot, "Steady day, <b>not bold</b>")
    assert "Unsaved" in page.state_label.text()
    press(qtbot, Qt.Key.Key_Return)

    saved = view.selfcare.check_in(TODAY)
    assert saved is not None
    assert saved.values == CheckInValues(
        energy=6,
        mood=7,
        exhaustion=3,
        sleep_hours=7.5,
        exercise_minutes=30,
        self_care_minutes=20,
        peer_support=True,
        supervision=None,  # never touched: not recorded, rather than a "no" the user did not give
        breaks=2,
        boundaries_kept=True,
        note="Steady day, <b>not bold</b>",
    )
    assert page.state_label.text().startswith("Saved")
    assert "energy 6" in page.recent.item(0).text()
    assert not page.error.isVisible()


def test_a_past_day_can_be_edited_and_the_future_cannot_be_picked(qtbot, unlocked_window):
    view = open_self_care(qtbot, unlocked_window)
    page = view.check_in
    view.selfcare.save_check_in(TODAY - timedelta(days=3), CheckInValues(energy=2, mood=3, note="tired"))
    page.refresh_recent()
    assert not page.next_action.isEnabled()  # today is the latest day
    assert from_qdate(page.date_edit.maximumDate()) == TODAY
    page.go_to(TODAY + timedelta(days=5))
    assert page.day == TODAY

    for _ in range(3):
        press(qtbot, Qt.Key.Key_Left, ALT)  # previous day
    assert page.day == TODAY - timedelta(days=3)
    assert page.spins["energy"].value() == 2 and page.note.text() == "tired"
    assert page.state_label.text().startswith("Saved")
    page.spins["energy"].setFocus()
    page.spins["energy"].selectAll()
    type_text(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    edited = view.selfcare.check_in(TODAY - timedelta(days=3))
    assert edited is not None and edited.values.energy == 5 and edited.values.mood == 3

    # Unsaved changes go with the user to another day instead of being lost.
    page.spins["mood"].setFocus()
    page.spins["mood"].selectAll()
    type_text(qtbot, "8")
    press(qtbot, Qt.Key.Key_Right, ALT)
    assert page.day == TODAY - timedelta(days=2)
    assert view.selfcare.check_in(TODAY - timedelta(days=3)).values.mood == 8
    assert view.selfcare.check_in(TODAY - timedelta(days=2)) is None

    # A day from the list of recent days, chosen with the keyboard.
    page.recent.setFocus()
    page.recent.setCurrentRow(5)
    press(qtbot, Qt.Key.Key_Return)
    assert page.day == TODAY - timedelta(days=5)
    assert not page.error.isVisible()
    press(qtbot, Qt.Key.Key_Home, ALT)
    assert page.day == TODAY

    # The date picker, by keyboard: a step down opens the day before; Enter there saves nothing.
    page.date_edit.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert page.day == TODAY - timedelta(days=1)
    press(qtbot, Qt.Key.Key_Return)
    assert not page.error.isVisible()
    assert view.selfcare.check_in(TODAY - timedelta(days=1)) is None


def test_an_empty_form_is_not_saved_and_delete_asks_first(qtbot, unlocked_window, dialogs):
    view = open_self_care(qtbot, unlocked_window)
    page = view.check_in
    press(qtbot, Qt.Key.Key_Return)
    assert page.error.isVisible() and view.selfcare.check_in(TODAY) is None
    assert not page.delete_action.isEnabled()
    type_text(qtbot, "4")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert view.selfcare.check_in(TODAY).values.energy == 4
    dialogs.script("confirm", False, True)
    press(qtbot, Qt.Key.Key_Delete, CTRL | SHIFT)
    assert view.selfcare.check_in(TODAY) is not None  # declined
    press(qtbot, Qt.Key.Key_Delete, CTRL | SHIFT)
    assert view.selfcare.check_in(TODAY) is None
    assert page.spins["energy"].value() == page.spins["energy"].minimum()


def test_the_reminder_is_a_quiet_notice_until_today_is_checked_in(qtbot, unlocked_window, clock):
    window = unlocked_window
    view = open_self_care(qtbot, window)
    page = view.check_in
    notice = window.check_in_reminder
    assert not view.banner.isVisible() and not notice.button.isVisible()  # off by default
    page.reminder_time.setTime(page.reminder_time.time().fromString("10:30", "HH:mm"))
    page.reminder_box.setChecked(True)
    assert view.selfcare.reminder() == ReminderSettings(True, time(10, 30), False)
    assert not view.banner.isVisible()  # 09:00 now: not yet
    assert not notice.check()
    clock.advance(2 * 3600)  # 11:00
    assert notice.check()
    view.update_banner()
    assert view.banner.isVisible()

    type_text(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    assert not view.banner.isVisible() and not notice.button.isVisible()
    page.reminder_box.setChecked(False)
    assert view.selfcare.reminder().enabled is False


def test_time_off_is_added_edited_and_deleted(qtbot, unlocked_window, dialogs):
    view = open_self_care(qtbot, unlocked_window)
    view.selfcare.add_time_off("day_off", date(2026, 2, 20), date(2026, 2, 20))
    press(qtbot, Qt.Key.Key_2, ALT)
    page = view.time_off
    assert "10 days since your last day off" in page.since_label.text()
    assert "No day off planned" in page.next_label.text()

    press(qtbot, Qt.Key.Key_N, CTRL)
    page.kind.setCurrentIndex(page.kind.findData("vacation"))
    page.start.setDate(page.start.date().addDays(10))
    page.end.setDate(page.start.date().addDays(4))
    assert page.status.currentData() == "planned"  # a future start is planned unless chosen otherwise
    page.note.setFocus()
    type_text(qtbot, "Coast week")
    press(qtbot, Qt.Key.Key_S, CTRL)
    entries = view.selfcare.list_time_off()
    assert [(e.kind, e.status, e.start_on, e.end_on, e.note) for e in entries][-1] == (
        "vacation",
        "planned",
        date(2026, 3, 12),
        date(2026, 3, 16),
        "Coast week",
    )
    assert "in 10 days" in page.next_label.text()

    page.status.setCurrentIndex(page.status.findData("cancelled"))
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert view.selfcare.list_time_off()[-1].status == "cancelled"
    assert "No day off planned" in page.next_label.text()

    page.end.setDate(page.start.date().addDays(-1))
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert page.error.isVisible()  # ends before it starts: explained, nothing saved
    assert view.selfcare.list_time_off()[-1].end_on == date(2026, 3, 16)

    dialogs.script("confirm", True)
    press(qtbot, Qt.Key.Key_Delete, CTRL | SHIFT)
    assert len(view.selfcare.list_time_off()) == 1


def test_every_action_has_a_shortcut_and_every_control_a_name(qtbot, unlocked_window):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QTabBar

    view = open_self_care(qtbot, unlocked_window)
    view.show_tab(2)
    view.instruments.open_form("cbi")
    view.instruments.open_form("single_item")
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_Return, CTRL)  # a result page too
    assert view.instruments.results.score_texts() == {"burnout": "2"}
    for tab in range(4):
        view.show_tab(tab)
    actions = [a for a in view.findChildren(QAction) if a.text()]
    assert len(actions) >= 20
    assert [a.text() for a in actions if a.shortcut().isEmpty()] == []
    # No shortcut of the section is also one of the window's (an ambiguous key does nothing).
    window_keys = {
        key.toString()
        for a in unlocked_window.findChildren(QAction)
        if a.shortcutContext() in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
        and a not in actions
        for key in a.shortcuts()
    }
    ours = {key.toString() for a in actions for key in a.shortcuts()}
    assert window_keys and ours.isdisjoint(window_keys)
    controls = view.findChildren(QAbstractButton) + view.findChildren(QAbstractSpinBox)
    controls += view.findChildren(QLineEdit) + view.findChildren(QComboBox)
    unnamed = [
        c.objectName() or c.text() if hasattr(c, "text") else type(c).__name__
        for c in controls
        if not c.accessibleName()
        # Qt's own parts: a table's corner button, a tab bar's scroll arrows, a spin box's editor.
        and not c.objectName().startswith("qt_")
        and not isinstance(c.parent(), QTabBar | QAbstractSpinBox | QComboBox)
    ]
    assert unnamed == []
