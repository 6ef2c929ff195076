"""Forgot passphrase → recovery code; damaged or half-missing vaults are explained, never replaced."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSPHRASE
from therapist_desk.domain.errors import WrongPassphrase
from therapist_desk.ui.main_window import MainWindow

NEW_PASSPHRASE = "harbour willow candle north"


def fill_recovery(qtbot, window: MainWindow, code: str, passphrase: str = NEW_PASSPHRASE) -> None:
    page = window.lock_screen.recover_page
    page.code.setText("")
    qtbot.keyClicks(page.code, code)
    page.form.clear()
    qtbot.keyClicks(page.form.first, passphrase)
    qtbot.keyClicks(page.form.second, passphrase)
    assert page.submit.isEnabled()
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.bridge.session.is_unlocked or page.error.isVisible(), timeout=20_000)


def test_recovery_code_sets_a_new_passphrase_and_unlocks(qtbot, make_window, recovery_code, paths):
    window = make_window()
    qtbot.mouseClick(window.lock_screen.unlock_page.forgot_button, Qt.MouseButton.LeftButton)
    page = window.lock_screen.recover_page
    assert window.lock_screen.currentWidget() is page

    keys_before = paths.keys_path.read_bytes()
    wrong = "0000-0000-0000-0000-0000-0000"
    fill_recovery(qtbot, window, wrong)
    assert page.error.isVisible() and "recovery code" in page.error.text()
    assert not window.bridge.session.is_unlocked
    assert paths.keys_path.read_bytes() == keys_before

    fill_recovery(qtbot, window, "not a code")
    assert "right form" in page.error.text()

    fill_recovery(qtbot, window, recovery_code.lower())  # typed in lower case still works
    assert window.bridge.session.is_unlocked
    assert window.stack.currentWidget() is window.workspace
    assert page.code.text() == "" and page.form.first.text() == ""

    store = window.bridge.store
    window.bridge.lock()
    with pytest.raises(WrongPassphrase):
        store.unlock(PASSPHRASE)
    store.unlock(NEW_PASSPHRASE).close()
    store.unlock_with_recovery_code(recovery_code).close()  # the code keeps working


def test_back_from_recovery(qtbot, make_window, recovery_code):
    window = make_window()
    window.lock_screen.unlock_page.forgot_button.click()
    window.lock_screen.recover_page.back_button.click()
    assert window.lock_screen.currentWidget() is window.lock_screen.unlock_page


def damage_zero_byte(paths):
    paths.db_path.write_bytes(b"")


def damage_garbage(paths):
    paths.db_path.write_bytes(b"\x13" * 8192)


def damage_plaintext(paths):
    paths.db_path.unlink()
    sqlite3.connect(paths.db_path).execute("CREATE TABLE t(x)").connection.close()


def damage_missing_keys(paths):
    paths.keys_path.unlink()


def damage_missing_db(paths):
    paths.db_path.unlink()


def damage_altered_keys(paths):
    data = bytearray(paths.keys_path.read_bytes())
    data[len(data) // 2] ^= 0x01
    paths.keys_path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        damage_zero_byte,
        damage_garbage,
        damage_plaintext,
        damage_missing_keys,
        damage_missing_db,
        damage_altered_keys,
    ],
)
def test_damaged_vault_is_explained_and_never_replaced(
    qtbot, make_window, recovery_code, paths, dialogs, damage
):
    damage(paths)
    before = {p.name: p.read_bytes() for p in paths.data_dir.iterdir() if p.is_file()}
    window = make_window()
    assert window.first_run is None  # never a new vault over a damaged one
    screen = window.lock_screen
    if screen.currentWidget() is screen.unlock_page:
        # Damage only the passphrase can reveal (e.g. a flipped bit in the key file).
        unlock_page = screen.unlock_page
        qtbot.keyClicks(unlock_page.passphrase, PASSPHRASE)
        unlock_page.unlock_button.click()
        qtbot.waitUntil(lambda: not window.bridge.busy, timeout=20_000)
        assert screen.currentWidget() is screen.error_page or unlock_page.error.isVisible()
    else:
        assert screen.currentWidget() is screen.error_page
        assert screen.error_page.message.text()
        screen.error_page.folder_button.click()
        assert dialogs.opened_folders == [paths.data_dir]
        screen.error_page.retry_button.click()
        assert screen.currentWidget() is screen.error_page
    assert not window.bridge.session.is_unlocked
    after = {p.name: p.read_bytes() for p in paths.data_dir.iterdir() if p.is_file()}
    assert after == before


def test_retry_after_restoring_the_files(qtbot, make_window, recovery_code, paths):
    keys = paths.keys_path.read_bytes()
    paths.keys_path.unlink()
    window = make_window()
    assert window.lock_screen.currentWidget() is window.lock_screen.error_page
    paths.keys_path.write_bytes(keys)  # the user restored it from a backup
    window.lock_screen.error_page.retry_button.click()
    assert window.lock_screen.currentWidget() is window.lock_screen.unlock_page
