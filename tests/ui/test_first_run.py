"""First run through the real screens: welcome, passphrase, recovery code, unlocked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter

from tests.conftest import PASSPHRASE
from therapist_desk.domain.errors import WrongPassphrase
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.passphrase_fields import passphrase_strength


def start_create(qtbot, window: MainWindow):
    first_run = window.first_run
    assert first_run is not None
    assert window.stack.currentWidget() is first_run
    assert first_run.currentWidget() is first_run.welcome
    qtbot.mouseClick(first_run.welcome.start, Qt.MouseButton.LeftButton)
    assert first_run.currentWidget() is first_run.create_page
    return first_run


def test_create_vault_through_the_screens(qtbot, make_window, paths, dialogs, tmp_path):
    window = make_window()
    assert not paths.db_path.exists()
    first_run = start_create(qtbot, window)
    page = first_run.create_page

    qtbot.keyClicks(page.form.first, "abc")
    assert not page.create_button.isEnabled()
    assert page.form.feedback.isVisible()  # says why
    page.form.first.setText("")
    qtbot.keyClicks(page.form.first, PASSPHRASE)
    qtbot.keyClicks(page.form.second, PASSPHRASE + "x")
    assert page.form.mismatch.isVisible()
    assert not page.create_button.isEnabled()
    page.form.second.setText("")
    qtbot.keyClicks(page.form.second, PASSPHRASE)
    assert page.create_button.isEnabled()

    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first_run.currentWidget() is first_run.code_page, timeout=20_000)
    view = first_run.code_view
    code = view.code_label.text()
    assert len(code.split("-")) == 6
    assert page.form.first.text() == "" and page.form.second.text() == ""
    assert not window.bridge.session.is_unlocked  # adopted only once the code is confirmed

    # Copy: on the clipboard, cleared after 30 s if still ours.
    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == code
    assert window.clipboard.timer.isActive() and window.clipboard.timer.interval() == 30_000
    window.clipboard.timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == ""

    # Print: the dialog service hands back a printer (here a PDF file).
    pdf = tmp_path / "code.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    dialogs.script("pick_printer", printer)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    from pypdf import PdfReader

    printed = "".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    assert code in printed  # pypdf may split a word with a space; compare without whitespace

    assert not view.continue_button.isEnabled()
    view.stored.setChecked(True)
    assert view.continue_button.isEnabled()
    qtbot.mouseClick(view.continue_button, Qt.MouseButton.LeftButton)

    assert window.bridge.session.is_unlocked
    assert window.stack.currentWidget() is window.workspace
    assert window.first_run is None
    assert paths.db_path.exists() and paths.keys_path.exists()
    store = window.bridge.store
    window.bridge.lock()
    store.unlock_with_recovery_code(code).close()
    store.unlock(PASSPHRASE).close()
    with pytest.raises(WrongPassphrase):
        store.unlock(PASSPHRASE + "x")


def test_print_cancelled_does_nothing(qtbot, make_window):
    window = make_window()
    first_run = start_create(qtbot, window)
    qtbot.keyClicks(first_run.create_page.form.first, PASSPHRASE)
    qtbot.keyClicks(first_run.create_page.form.second, PASSPHRASE)
    first_run.create_page.form.second.returnPressed.emit()  # Enter submits
    qtbot.waitUntil(lambda: first_run.currentWidget() is first_run.code_page, timeout=20_000)
    first_run.code_view.print_button.click()  # scripted dialogs: no printer chosen
    assert not first_run.code_view.status.isVisible()


def test_closing_during_the_recovery_code_keeps_the_vault_closed_and_intact(qtbot, make_window, paths):
    window = make_window()
    first_run = start_create(qtbot, window)
    qtbot.keyClicks(first_run.create_page.form.first, PASSPHRASE)
    qtbot.keyClicks(first_run.create_page.form.second, PASSPHRASE)
    first_run.create_page.create_button.click()
    qtbot.waitUntil(lambda: first_run.currentWidget() is first_run.code_page, timeout=20_000)
    held = first_run.holding_vault()
    window.close()
    assert not held.vault.is_open
    assert all(b == 0 for b in held.data_key)  # key wiped
    window.bridge.store.unlock(PASSPHRASE).close()


def test_caps_lock_warning(qtbot, make_window):
    window = make_window()
    first_run = start_create(qtbot, window)
    form = first_run.create_page.form
    qtbot.keyClicks(form.first, "A")  # upper case without Shift: Caps Lock is on
    assert form.caps.isVisible()
    qtbot.keyClicks(form.first, "b")
    assert not form.caps.isVisible()
    qtbot.keyClick(form.first, Qt.Key.Key_CapsLock)
    assert form.caps.isVisible()


def test_existing_vault_never_shows_first_run(make_window, recovery_code):
    window = make_window()
    assert window.first_run is None
    assert window.stack.currentWidget() is window.lock_screen


@pytest.mark.parametrize(
    ("passphrase", "acceptable"),
    [
        ("", False),
        ("abc", False),
        ("password", False),
        ("Tr0ub4", False),  # too short whatever its score
        ("river stone quiet lamp", True),
        ("x" * 200 + " lantern harbour", False),  # scored on its start; repetition is weak
    ],
)
def test_strength_rule(passphrase, acceptable):
    strength = passphrase_strength(passphrase)
    assert strength.acceptable is acceptable
    assert 0 <= strength.score <= 4
