"""File pickers leave no trace of what was picked: not in the desktop's recent files (Qt's own
dialog, never the native one), not in the folder history Qt keeps for every app (QtProject.conf)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from therapist_desk.ui.dialogs import QtDialogService


def answer_the_picker_with(path: Path, seen: list[tuple[bool, str]]) -> QTimer:
    """Poll until our modal file dialog is up, then pick ``path`` in it; ``seen`` gets whether it
    was Qt's own dialog and the folder it opened in."""
    timer = QTimer()

    def check() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
        if shown:
            timer.stop()
            dialog = shown[0]
            seen.append((dialog.testOption(QFileDialog.Option.DontUseNativeDialog), dialog.directory().absolutePath()))
            # Typed into the name field, as a user can (selectFile waits for the folder listing).
            name_field = dialog.findChild(QLineEdit, "fileNameEdit")
            assert name_field is not None
            name_field.setText(str(path))
            dialog.accept()

    timer.timeout.connect(check)
    timer.start(20)
    return timer


def qt_file_dialog_state() -> bytes:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    conf = Path(settings.fileName())
    return conf.read_bytes() if conf.exists() else b""


def test_a_picked_file_and_folder_leave_no_history_behind(qtbot, tmp_path):
    revealing = tmp_path / "Clients - Maria Gonzalez"
    revealing.mkdir()
    before = qt_file_dialog_state()
    service = QtDialogService()
    seen: list[tuple[bool, str]] = []

    timer = answer_the_picker_with(revealing / "supervision.pdf", seen)
    picked = service.pick_save_file(None, "Export", tmp_path / "summary.pdf", "PDF (*.pdf)")
    timer.stop()
    assert picked == revealing / "supervision.pdf" and len(seen) == 1
    assert seen[0][0]  # Qt's own dialog: the desktop's would add the file to its recent files

    (revealing / "import.json").write_text("{}")
    timer = answer_the_picker_with(revealing / "import.json", seen)
    assert service.pick_open_file(None, "Import", "JSON (*.json)") == revealing / "import.json"
    timer.stop()
    assert seen[1] == (True, str(revealing))  # the last folder, remembered for this run only

    after = qt_file_dialog_state()
    assert b"Maria" not in after and after == before
