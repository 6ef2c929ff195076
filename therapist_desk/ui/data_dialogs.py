"""The warning shown before any export leaves the encrypted vault as readable files.

A dialog of its own rather than a plain question box, so the warning can say plainly what
the file holds and how to treat it, with the safe default (Cancel) focused. It is opened
window-modal with ``open()``; the caller continues on ``accepted``. A lock rejects it like
every other dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.ui.resources import STROKE_COLOUR, icon_path
from therapist_desk.ui.theme import palette_is_dark
from therapist_desk.ui.widgets import body_label, muted_label, set_tone

JSON_EXPORT = "json"
MARKDOWN_EXPORT = "markdown"
DIALOG_WIDTH = 560


def warning_pixmap(size: int) -> QPixmap:
    """The warning sign in the same red as error text (readable on light and dark windows)."""
    app = QApplication.instance()
    dark = isinstance(app, QApplication) and palette_is_dark(app.palette())
    try:
        svg = icon_path("warning").read_text(encoding="utf-8")
    except OSError:
        return QPixmap()
    renderer = QSvgRenderer(QByteArray(svg.replace(STROKE_COLOUR, "#ffb4ab" if dark else "#b3261e").encode()))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


class ExportWarningDialog(QDialog):
    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportWarning")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if kind == MARKDOWN_EXPORT:
            self.setWindowTitle(self.tr("Export notes as Markdown"))
            what = self.tr(
                "Every reflection note will be written as its own Markdown file, with its date and tags, "
                "into the folder you choose next. Anyone who can open that folder can read your notes."
            )
            confirm = self.tr("I understand, &choose a folder…")
        else:
            self.setWindowTitle(self.tr("Export to JSON"))
            what = self.tr(
                "The file will hold everything in your vault: every reflection note, client alias, "
                "session, self-care check-in and assessment, as plain text that anyone who can open "
                "the file can read."
            )
            confirm = self.tr("I understand, &export…")
        self.setAccessibleName(self.windowTitle())

        badge = QLabel(self)
        badge.setPixmap(warning_pixmap(40))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        badge.setAccessibleName(self.tr("Warning"))
        self.heading = QLabel(self.tr("This export is NOT encrypted"), self)
        self.heading.setObjectName("exportWarningHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        set_tone(self.heading, "error")
        self.what = body_label(what, self)
        self.what.setObjectName("exportWarningText")
        advice = [
            self.tr(
                "Keep it only where you would keep paper records: an encrypted disk, or a USB stick "
                "you lock away."
            ),
            self.tr("Do not e-mail it or put it in a shared or cloud folder."),
            self.tr("Delete it when you no longer need it."),
        ]
        self.advice = [body_label(line, self) for line in advice]
        advice_rows = QGridLayout()
        advice_rows.setHorizontalSpacing(8)
        advice_rows.setVerticalSpacing(4)
        for row, label in enumerate(self.advice):
            advice_rows.addWidget(QLabel("•", self), row, 0, Qt.AlignmentFlag.AlignTop)
            advice_rows.addWidget(label, row, 1)
        advice_rows.setColumnStretch(1, 1)
        self.safe_way = muted_label(
            self.tr("For a copy that stays encrypted, use Vault › Back up now (Ctrl+Shift+B) instead."), self
        )

        self.buttons = QDialogButtonBox(self)
        self.confirm_button = self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("exportWarningConfirm")
        self.confirm_button.setAccessibleName(confirm.replace("&", "").rstrip("…"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel the export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.cancel_button.setDefault(True)
        self.cancel_button.setAutoDefault(True)
        self.confirm_button.setAutoDefault(False)

        text = QVBoxLayout()
        text.setSpacing(10)
        text.addWidget(self.heading)
        text.addWidget(self.what)
        text.addLayout(advice_rows)
        text.addWidget(self.safe_way)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(18)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(DIALOG_WIDTH)
        # Wrapped labels make Qt guess a tall dialog; size it for its real width instead.
        self.resize(DIALOG_WIDTH, layout.totalHeightForWidth(DIALOG_WIDTH))
        QWidget.setTabOrder(self.cancel_button, self.confirm_button)
        self.cancel_button.setFocus()

    def text(self) -> str:
        """Everything the dialog says (for tests and screen readers' summaries)."""
        return "\n".join(w.text() for w in (self.heading, self.what, *self.advice, self.safe_way))
