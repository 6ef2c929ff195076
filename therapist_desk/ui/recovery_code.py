"""The recovery code, shown once: grouped, copyable, printable, confirmed as stored.

Used after the vault is created and after the data key is rotated (a new code).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QMarginsF, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent, QKeySequence, QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from therapist_desk import APP_DISPLAY_NAME
from therapist_desk.ui.clipboard import ClipboardGuard
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.resources import icon
from therapist_desk.ui.widgets import message_label, title_label


def print_recovery_code(printer: QPrinter, code: str, vault_folder: str) -> None:
    """Print the code on one page, as plain text (nothing is interpreted as markup)."""
    document = QTextDocument()
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(14)
    document.setDefaultFont(font)
    lines = [
        QCoreApplication.translate("RecoveryCode", "{app} recovery code").format(app=APP_DISPLAY_NAME),
        "",
        code,
        "",
        QCoreApplication.translate("RecoveryCode", "Printed on {day}.").format(day=date.today().isoformat()),
        QCoreApplication.translate("RecoveryCode", "Vault folder: {folder}").format(folder=vault_folder),
        "",
        QCoreApplication.translate(
            "RecoveryCode", "This code opens the vault if the passphrase is forgotten."
        ),
        QCoreApplication.translate("RecoveryCode", "Keep it somewhere safe, away from the laptop."),
    ]
    document.setPlainText("\n".join(lines))
    printer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    document.print_(printer)


class RecoveryCodeView(QWidget):
    """Shows one code; ``confirmed`` once the user says it is stored and presses Continue."""

    confirmed = Signal()

    def __init__(
        self,
        clipboard: ClipboardGuard,
        dialogs: DialogService,
        vault_folder: str,
        parent: QWidget | None = None,
        *,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self._dialogs = dialogs
        self._vault_folder = vault_folder
        self._code = ""

        title = title_label(self.tr("Your recovery code"), self)
        explain = QLabel(
            intro
            or self.tr(
                "If you ever forget your passphrase, this code is the only way into your vault. "
                "It is shown only now: print it or write it down, and keep it somewhere safe, "
                "away from this laptop."
            ),
            self,
        )
        explain.setWordWrap(True)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setAccessibleName(self.tr("Recovery code"))
        code_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        code_font.setPointSizeF(max(code_font.pointSizeF(), 10) * 1.8)
        code_font.setWeight(QFont.Weight.DemiBold)
        code_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        self.code_label.setFont(code_font)
        self.code_label.setMinimumHeight(72)
        self.code_label.setFrameShape(QLabel.Shape.StyledPanel)

        self.copy_button = QPushButton(icon("copy"), self.tr("&Copy"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the recovery code"))
        self.copy_button.setToolTip(self.tr("Copy the code; the clipboard is cleared after 30 seconds"))
        self.copy_button.clicked.connect(self.copy)
        self.print_button = QPushButton(icon("print"), self.tr("&Print…"), self)
        self.print_button.setAccessibleName(self.tr("Print the recovery code"))
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.clicked.connect(self.print_code)
        self.status = message_label("copyStatus", self, tone="muted")

        self.stored = QCheckBox(self.tr("I have stored my recovery code somewhere safe"), self)
        self.stored.setAccessibleName(self.tr("I have stored my recovery code"))
        self.continue_button = QPushButton(self.tr("C&ontinue"), self)
        self.continue_button.setAccessibleName(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.stored.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._continue)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.stored, 1)
        bottom.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addSpacing(6)
        layout.addWidget(self.code_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addSpacing(10)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.copy_button, self.print_button)
        QWidget.setTabOrder(self.print_button, self.stored)
        QWidget.setTabOrder(self.stored, self.continue_button)

    @property
    def code(self) -> str:
        return self._code

    def set_code(self, code: str) -> None:
        self._code = code
        self.code_label.setText(code)
        self.stored.setChecked(False)
        self.status.setVisible(False)

    def forget(self) -> None:
        """Drop the code from the widgets once it is no longer on screen."""
        self._code = ""
        self.code_label.setText("")
        self.stored.setChecked(False)
        self.status.setVisible(False)

    def copy(self) -> None:
        if not self._code:
            return
        self._clipboard.copy(self._code)
        seconds = self._clipboard.timer.interval() // 1000
        self.status.setText(
            self.tr("Copied. The clipboard will be cleared in {n} seconds.").format(n=seconds)
        )
        self.status.setVisible(True)

    def print_code(self) -> None:
        if not self._code:
            return
        printer = self._dialogs.pick_printer(self)
        if printer is not None:
            print_recovery_code(printer, self._code, self._vault_folder)
            self.status.setText(self.tr("Sent to the printer."))
            self.status.setVisible(True)

    def _continue(self) -> None:
        if self.stored.isChecked():
            self.confirmed.emit()


class RecoveryCodeDialog(QDialog):
    """The new code after a data key rotation; Escape does not dismiss it by accident.

    Closed without confirmation (a lock closes every dialog) it emits ``unconfirmed(code)``
    so the window can show the code again after the next unlock.
    """

    unconfirmed = Signal(str)

    def __init__(
        self,
        code: str,
        clipboard: ClipboardGuard,
        dialogs: DialogService,
        vault_folder: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New recovery code"))
        self.setModal(True)
        self.view = RecoveryCodeView(
            clipboard,
            dialogs,
            vault_folder,
            self,
            intro=self.tr(
                "The data key was rotated, so your old recovery code no longer works. This new code "
                "is shown only now: print it or write it down and keep it somewhere safe."
            ),
        )
        self.view.set_code(code)
        self.view.confirmed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.view)
        self.resize(640, 360)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        code = self.view.code
        self.view.forget()
        if result != QDialog.DialogCode.Accepted and code:
            self.unconfirmed.emit(code)
        super().done(result)
