"""The demo vault's widgets: the banner above every screen, and the page that makes the vault.

``ui/demo_mode.py`` drives them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from therapist_desk.ui.clipboard import ClipboardGuard
from therapist_desk.ui.resources import icon
from therapist_desk.ui.theme import palette_is_dark
from therapist_desk.ui.widgets import CenteredPanel, body_label, message_label, muted_label, title_label


class DemoBanner(QFrame):
    """The amber strip above every screen while the window shows the demo vault."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Demo vault notice"))
        self.label = QLabel(self.tr("Demo vault: synthetic data, not yours"), self)
        self.label.setObjectName("demoLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(self.label.text())
        font = QFont(self.label.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.label.setFont(font)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = QPushButton(icon("cycle"), self.tr("&New demo data…"), self)
        self.new_button.setAccessibleName(self.tr("Replace the demo vault with new demo data"))
        self.new_button.setToolTip(
            self.tr("Make a fresh demo vault with a new passphrase (Alt+N); only while it is locked")
        )
        self.leave_button = QPushButton(icon("back"), self.tr("Leave demo vault"), self)
        self.leave_button.setAccessibleName(self.tr("Leave demo vault"))
        self.leave_button.setToolTip(self.tr("Lock the demo vault and go back to your own (Ctrl+Shift+D)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 12, 8)
        row.setSpacing(12)
        row.addWidget(self.label)
        row.addWidget(self.detail, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.leave_button)
        QWidget.setTabOrder(self.new_button, self.leave_button)
        self.setVisible(False)
        self._recolour()

    def set_folder(self, folder: str) -> None:
        self.detail.setText(self.tr("(in {folder})").format(folder=folder))
        self.detail.setToolTip(folder)

    def _recolour(self) -> None:
        # Amber reads as "take note" on light and dark windows alike, and differs from the
        # error red: the demo is not a fault.
        app = QApplication.instance()
        dark = palette_is_dark(app.palette() if isinstance(app, QApplication) else self.palette())
        if dark:
            background, text = QColor("#4a3b12"), QColor("#ffe7a3")
        else:
            background, text = QColor("#fdefc3"), QColor("#4a3500")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, background)
        palette.setColor(QPalette.ColorRole.WindowText, text)
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._recolour()
        super().changeEvent(event)


class DemoBuildPage(CenteredPanel):
    """Progress while the demo vault is made, then its passphrase and "Open the demo vault"."""

    def __init__(self, clipboard: ClipboardGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent, width=560)
        self._clipboard = clipboard
        self.title = title_label("", self)
        self.body.addWidget(self.title)
        self.text = body_label("", self)
        self.body.addWidget(self.text)
        self.folder = muted_label("", self)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self.folder)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Demo data progress"))
        self.body.addWidget(self.progress)

        self.passphrase = QLabel(self)
        self.passphrase.setObjectName("demoPassphrase")
        self.passphrase.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase.setAccessibleName(self.tr("Demo vault passphrase"))
        self.passphrase.setFrameShape(QLabel.Shape.StyledPanel)
        self.passphrase.setMinimumHeight(56)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        self.passphrase.setFont(font)
        self.body.addWidget(self.passphrase)
        self.copy_button = QPushButton(icon("copy"), self.tr("&Copy passphrase"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the demo vault passphrase"))
        self.copy_button.setToolTip(self.tr("Copy the passphrase; the clipboard is cleared after 30 seconds"))
        self.copy_button.clicked.connect(self.copy)
        self.hint = body_label(
            self.tr(
                "You need this passphrase to open the demo vault again after it locks. No recovery "
                "code is kept for it: if you forget the passphrase, choose New demo data on its "
                "unlock screen."
            ),
            self,
        )
        self.body.addWidget(self.hint)
        self.error = message_label("demoError", self, tone="error")
        self.body.addWidget(self.error)

        self.back_button = QPushButton(self.tr("&Back"), self)
        self.back_button.setAccessibleName(self.tr("Back to your own vault"))
        self.open_button = QPushButton(self.tr("&Open the demo vault"), self)
        self.open_button.setAccessibleName(self.tr("Open the demo vault"))
        self.open_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.copy_button)
        row.addWidget(self.open_button)
        self.body.addSpacing(6)
        self.body.addLayout(row)
        QWidget.setTabOrder(self.copy_button, self.open_button)
        QWidget.setTabOrder(self.open_button, self.back_button)

    def start(self, folder: str, years: int) -> None:
        self.title.setText(self.tr("Making a demo vault…"))
        span = self.tr("One year") if years == 1 else self.tr("{n} years").format(n=QLocale().toString(years))
        self.text.setText(
            self.tr(
                "{span} of a busy counsellor's synthetic reflections, clients, sessions and "
                "check-ins are being written into a separate encrypted vault. Your own vault is "
                "not touched."
            ).format(span=span)
        )
        self.folder.setText(self.tr("Demo vault folder: {folder}").format(folder=folder))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.error.setVisible(False)
        self.forget()
        # No way back while it is written (a second or two): stopping half-way would race the
        # worker over the same folder. Closing the window still stops it cleanly.
        self.back_button.setVisible(False)
        self.progress.setFocus()

    def set_progress(self, percent: int) -> None:
        self.progress.setValue(max(0, min(100, percent)))

    def show_ready(self, passphrase: str) -> None:
        self.title.setText(self.tr("Your demo vault is ready"))
        self.text.setText(
            self.tr(
                "It is encrypted like your own vault would be, with this generated passphrase. "
                "Everything in it is invented: no real person, client or note."
            )
        )
        self.progress.setVisible(False)
        self.passphrase.setText(passphrase)
        for widget in (self.passphrase, self.copy_button, self.hint, self.open_button):
            widget.setVisible(True)
        self.back_button.setVisible(False)
        self.open_button.setFocus()

    def show_error(self, text: str) -> None:
        self.title.setText(self.tr("The demo vault was not made"))
        self.text.setText(self.tr("Nothing was kept, and your own vault was not touched."))
        self.progress.setVisible(False)
        self.error.setText(text)
        self.error.setVisible(True)
        self.back_button.setVisible(True)
        self.back_button.setFocus()

    def copy(self) -> None:
        if self.passphrase.text():
            self._clipboard.copy(self.passphrase.text())

    def forget(self) -> None:
        self.passphrase.setText("")
        for widget in (self.passphrase, self.copy_button, self.hint, self.open_button):
            widget.setVisible(False)
