"""Automatic backups on lock and quit, the backup notice in the status line, the backup settings."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock_via_ui
from tests.ui.data_helpers import RecordingDialogs, lock
from therapist_desk.paths import AppPaths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.backup import auto_backups, restore_backup
from therapist_desk.services.backup_archive import verify_backup
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.ui import backup_actions
from therapist_desk.ui.backup_settings import AUTO_BACKUP, AUTO_BACKUP_FAILED_AT, BACKUP_FOLDER
from therapist_desk.ui.backup_status import backup_notice


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


def test_automatic_backup_on_lock_once_a_day_and_the_status_line(qtbot, unlocked_window, clock, paths):
    window = unlocked_window
    status = window.data_actions.backups.status
    lock(qtbot, window)
    assert len(auto_backups(paths.backup_dir)) == 1
    assert status.label.text().startswith("Last backup: today")
    assert not status.button.isVisible()

    clock.advance(3600)  # later the same day: no second backup
    unlock_via_ui(qtbot, window)
    lock(qtbot, window)
    assert len(auto_backups(paths.backup_dir)) == 1

    clock.advance(24 * 3600)
    window.data_actions.backups.refresh_status()
    assert status.label.text().startswith("Last backup: yesterday")
    unlock_via_ui(qtbot, window)
    lock(qtbot, window)
    stamps = sorted(auto_backups(paths.backup_dir))
    assert [s.date().isoformat() for s in stamps] == ["2026-03-02", "2026-03-03"]
    for path in auto_backups(paths.backup_dir).values():
        verify_backup(path)
    assert status.label.text().startswith("Last backup: today")


def test_automatic_backup_has_the_drafts_and_runs_behind_the_lock_screen(
    qtbot, unlocked_window, paths, tmp_path, monkeypatch
):
    window = unlocked_window
    view = window.workspace.section_views()["journal"]
    view.editor.setText("draft typed just before locking")
    seen = []
    real = backup_actions.run_auto_backup

    def spy(unlocked, folder, clock):
        seen.append(
            (window.stack.currentWidget() is window.lock_screen, window.bridge.session.holds_connection)
        )
        return real(unlocked, folder, clock)

    monkeypatch.setattr(backup_actions, "run_auto_backup", spy)
    lock(qtbot, window)
    assert seen == [(True, True)]  # the lock screen was up and the vault still open
    (backup,) = auto_backups(paths.backup_dir).values()
    target = AppPaths(tmp_path / "restored", tmp_path / "c", tmp_path / "k", tmp_path / "l", tmp_path / "r")
    restore_backup(backup, target, PASSPHRASE)
    restored = VaultStore(target, TEST_PROFILE).unlock(PASSPHRASE)
    try:
        draft = restored.vault.scalar("SELECT value FROM meta WHERE key = 'test-draft'")
    finally:
        restored.close()
    assert draft == "draft typed just before locking"


def test_automatic_backup_failure_never_blocks_locking(qtbot, unlocked_window, settings, tmp_path, caplog):
    window = unlocked_window
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("in the way")
    settings.set(BACKUP_FOLDER, str(not_a_folder))
    caplog.set_level(logging.INFO)
    lock(qtbot, window)
    assert window.stack.currentWidget() is window.lock_screen
    status = window.data_actions.backups.status
    assert "automatic backup" in status.label.text() and "failed" in status.label.text()
    assert settings.get(AUTO_BACKUP_FAILED_AT)
    assert "automatic backup failed" in caplog.text
    assert str(tmp_path) not in caplog.text  # the log names the kind of error, not paths

    (tmp_path / "backups").mkdir()
    settings.set(BACKUP_FOLDER, str(tmp_path / "backups"))  # fixed: the next lock clears the warning
    unlock_via_ui(qtbot, window)
    assert status.button.isVisible()  # "Back up now" offered next to the warning
    lock(qtbot, window)
    assert len(auto_backups(tmp_path / "backups")) == 1
    assert status.label.text().startswith("Last backup: today")
    assert settings.get(AUTO_BACKUP_FAILED_AT) == ""


def test_a_chosen_backup_folder_that_is_missing_is_not_created(qtbot, unlocked_window, settings, tmp_path):
    unplugged = tmp_path / "media" / "usb" / "backups"
    settings.set(BACKUP_FOLDER, str(unplugged))
    lock(qtbot, unlocked_window)
    assert not (tmp_path / "media").exists()
    assert "failed" in unlocked_window.data_actions.backups.status.label.text()
    assert "not available" in unlocked_window.data_actions.backups.failure_reason


def test_no_automatic_backup_when_turned_off(qtbot, unlocked_window, settings, paths):
    settings.set(AUTO_BACKUP, False)
    lock(qtbot, unlocked_window)
    assert auto_backups(paths.backup_dir) == {}


def test_settings_choose_backup_folder_and_turn_automatic_backups_off(
    qtbot, unlocked_window, dialogs, settings, paths, tmp_path
):
    window = unlocked_window
    dialog = window.open_settings()
    group = dialog.backup_group
    assert group.auto.isChecked()
    assert str(paths.backup_dir) in group.folder_label.text()
    dialogs.script("pick_folder", paths.data_dir)  # refused: the data folder itself
    group.choose_button.click()
    assert dialogs.titles("error") == ["Choose another folder"]
    dialogs.script("pick_folder", tmp_path / "usb")
    group.choose_button.click()
    group.auto.setChecked(False)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert settings.get(BACKUP_FOLDER) == str(tmp_path / "usb")
    assert settings.get(AUTO_BACKUP) is False
    assert str(tmp_path / "usb") in window.data_actions.backups.status.label.toolTip()


# -- the status line's words (pure) -------------------------------------------------------------
NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
OLD_VAULT = NOW - timedelta(days=60)


@pytest.mark.parametrize(
    ("last", "created", "failed", "text", "warning"),
    [
        (NOW - timedelta(hours=2), OLD_VAULT, None, "Last backup: today", False),
        (NOW - timedelta(days=6), OLD_VAULT, None, "Last backup: 14 Mar 2026", False),
        (NOW - timedelta(days=8), OLD_VAULT, None, "No backup for more than a week", True),
        (None, OLD_VAULT, None, "No backup yet", True),
        (None, NOW - timedelta(days=3), None, "No backup yet; one is made when you lock", False),
        (NOW - timedelta(days=2), OLD_VAULT, NOW - timedelta(hours=1), "The automatic backup today", True),
        (NOW - timedelta(hours=1), OLD_VAULT, NOW - timedelta(days=1), "Last backup: today", False),
    ],
)
def test_backup_notice(qapp, last, created, failed, text, warning):
    notice = backup_notice(last, NOW, vault_created=created, failed_at=failed, automatic=True)
    assert notice.text.startswith(text)
    assert notice.warning is warning
