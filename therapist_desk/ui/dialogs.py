"""The seam between views and the modal world: questions, messages, file pickers, printers.

Views take a ``DialogService`` in their constructor instead of calling QMessageBox or
QFileDialog themselves, so tests answer by script (``ScriptedDialogs``) and never block.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class DialogService(Protocol):
    def ask(
        self, parent: QWidget | None, title: str, label: str, *, password: bool = False, text: str = ""
    ) -> str | None:
        """One line of text (starting as ``text``), or None when cancelled."""

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        confirm_label: str = "",
        destructive: bool = False,
    ) -> bool:
        """True when the user chose the confirming button."""

    def info(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def error(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def pick_save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filters: str = ""
    ) -> Path | None:
        """Where to write a new file, or None."""

    def pick_open_file(self, parent: QWidget | None, title: str, filters: str = "") -> Path | None: ...

    def pick_folder(self, parent: QWidget | None, title: str, start: Path | None = None) -> Path | None: ...

    def pick_printer(self, parent: QWidget | None) -> QPrinter | None:
        """A configured printer (the print dialog was accepted), or None."""

    def open_folder(self, folder: Path) -> bool:
        """Show a folder in the desktop's file manager."""


_NOT_NATIVE = QFileDialog.Option.DontUseNativeDialog
_FILE_DIALOG_GROUP = "FileDialog"


@contextmanager
def leaving_no_file_dialog_history() -> Iterator[None]:
    """Put Qt's shared file-dialog state (history, last folder; QtProject.conf, read by every Qt
    app of this user) back as it was before one of our pickers ran."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.beginGroup(_FILE_DIALOG_GROUP)
    before = {key: settings.value(key) for key in settings.allKeys()}
    settings.endGroup()
    try:
        yield
    finally:
        settings.beginGroup(_FILE_DIALOG_GROUP)
        settings.remove("")
        for key, value in before.items():
            settings.setValue(key, value)
        settings.endGroup()
        settings.sync()


class QtDialogService:
    """The real dialogs."""

    def ask(
        self, parent: QWidget | None, title: str, label: str, *, password: bool = False, text: str = ""
    ) -> str | None:
        echo = QLineEdit.EchoMode.Password if password else QLineEdit.EchoMode.Normal
        answer, ok = QInputDialog.getText(parent, title, label, echo, text)
        return answer if ok else None

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        confirm_label: str = "",
        destructive: bool = False,
    ) -> bool:
        icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a path with "<" shows as typed
        yes = box.addButton(
            confirm_label or QCoreApplication.translate("Dialogs", "Continue"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel if destructive else yes)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self._message(QMessageBox.Icon.Information, parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._message(QMessageBox.Icon.Warning, parent, title, text)

    def _message(self, icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
        # Plain text: messages may carry a file name or words from a received file.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    # File pickers leave no trace of what was picked (README "Security model"): Qt's own dialog,
    # not the desktop's (GTK and the portals add chosen files to the desktop's recent-files
    # list), and the folder history Qt's dialog keeps in QtProject.conf is put back as it was.
    # The last folder used is remembered in memory only, for the next picker of this run.
    _last_folder: Path | None = None

    def pick_save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filters: str = ""
    ) -> Path | None:
        with leaving_no_file_dialog_history():
            name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters, options=_NOT_NATIVE)
        return self._remember(Path(name).parent, name)

    def pick_open_file(self, parent: QWidget | None, title: str, filters: str = "") -> Path | None:
        start = str(self._last_folder or Path.home())
        with leaving_no_file_dialog_history():
            name, _ = QFileDialog.getOpenFileName(parent, title, start, filters, options=_NOT_NATIVE)
        return self._remember(Path(name).parent, name)

    def pick_folder(self, parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
        begin = str(start or self._last_folder or Path.home())
        options = _NOT_NATIVE | QFileDialog.Option.ShowDirsOnly
        with leaving_no_file_dialog_history():
            name = QFileDialog.getExistingDirectory(parent, title, begin, options)
        return self._remember(Path(name), name)

    def _remember(self, folder: Path, name: str) -> Path | None:
        if not name:
            return None
        self._last_folder = folder
        return Path(name)

    def pick_printer(self, parent: QWidget | None) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("Dialogs", "Print"))
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def open_folder(self, folder: Path) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class UnscriptedDialog(AssertionError):
    """A test reached a dialog it had not scripted an answer for."""


class ScriptedDialogs:
    """Answers dialogs from a script; records every call as (method, title)."""

    def __init__(self) -> None:
        self._answers: dict[str, deque[Any]] = {}
        self.calls: list[tuple[str, str]] = []
        self.opened_folders: list[Path] = []

    def script(self, method: str, *answers: Any) -> ScriptedDialogs:
        """Queue answers for ``method`` ("ask", "confirm", "pick_save_file", ...)."""
        self._answers.setdefault(method, deque()).extend(answers)
        return self

    def _next(self, method: str, title: str, *, required: bool = True, default: Any = None) -> Any:
        self.calls.append((method, title))
        queue = self._answers.get(method)
        if queue:
            return queue.popleft()
        if required:
            raise UnscriptedDialog(f"no scripted answer for {method}({title!r})")
        return default

    def titles(self, method: str) -> list[str]:
        return [title for name, title in self.calls if name == method]

    def ask(
        self, parent: QWidget | None, title: str, label: str, *, password: bool = False, text: str = ""
    ) -> str | None:
        return self._next("ask", title)

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        confirm_label: str = "",
        destructive: bool = False,
    ) -> bool:
        return bool(self._next("confirm", title))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self._next("info", title, required=False)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._next("error", title, required=False)

    def pick_save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filters: str = ""
    ) -> Path | None:
        return self._next("pick_save_file", title)

    def pick_open_file(self, parent: QWidget | None, title: str, filters: str = "") -> Path | None:
        return self._next("pick_open_file", title)

    def pick_folder(self, parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
        return self._next("pick_folder", title)

    def pick_printer(self, parent: QWidget | None) -> QPrinter | None:
        return self._next("pick_printer", "print", required=False)

    def open_folder(self, folder: Path) -> bool:
        self.calls.append(("open_folder", str(folder)))
        self.opened_folders.append(folder)
        return True
