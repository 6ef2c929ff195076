"""A live warning when an alias or a goal looks like a real identifier: change it, or keep it.

The detector (domain/identifiers.py) only advises. This panel says why, in plain words, and
offers both ways out: "Change it" puts the cursor back in the text, "Keep it anyway" lets the
save go ahead. A save while a warning is open and unanswered does not fail silently: the panel
asks for the choice and takes the focus.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.identifiers import IdentifierFinding
from therapist_desk.ui.theme import palette_is_dark
from therapist_desk.ui.widgets import set_tone


def finding_reasons(findings: Sequence[IdentifierFinding]) -> list[str]:
    """Each distinct reason once, translated, in reading order (reasons never quote the text)."""
    seen: list[str] = []
    for finding in findings:
        reason = QCoreApplication.translate("Identifiers", finding.reason)
        if reason not in seen:
            seen.append(reason)
    return seen


class IdentifierWarning(QFrame):
    """Hidden while the text looks fine; otherwise the reasons and the two choices."""

    changeRequested = Signal()
    keptChanged = Signal(bool)

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identifierWarning")
        self.setAccessibleName(self.tr("Identifier warning"))
        self._reasons: list[str] = []
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        badge = QLabel(self)
        badge.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        badge.setAccessibleName(self.tr("Warning"))
        self.title = QLabel(self.tr("This {what} may identify a real person").format(what=what), self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("identifierReasons")
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.reasons.setWordWrap(True)
        self.advice = QLabel(
            self.tr(
                "A code or a word, such as “Client K7” or “River”, keeps the client unrecognisable "
                "if this vault or a summary is ever seen. Nothing is sent anywhere; the choice is yours."
            ),
            self,
        )
        self.advice.setWordWrap(True)
        set_tone(self.advice, "muted")
        self.ask = QLabel(self)
        self.ask.setObjectName("identifierAsk")
        self.ask.setWordWrap(True)
        self.ask.setVisible(False)
        self.change_button = QPushButton(self.tr("&Change it"), self)
        self.change_button.setAccessibleName(self.tr("Change it"))
        self.change_button.setAutoDefault(False)
        self.change_button.clicked.connect(self.changeRequested)
        self.keep = QCheckBox(self.tr("&Keep it anyway"), self)
        self.keep.setAccessibleName(self.tr("Keep it anyway"))
        self.keep.toggled.connect(self._kept)

        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.title)
        text.addWidget(self.reasons)
        text.addWidget(self.advice)
        text.addWidget(self.ask)
        choices = QHBoxLayout()
        choices.addWidget(self.change_button)
        choices.addWidget(self.keep)
        choices.addStretch(1)
        text.addLayout(choices)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self._apply_colours()
        self.setVisible(False)

    # -- state ---------------------------------------------------------------------------
    def set_findings(self, findings: Sequence[IdentifierFinding]) -> None:
        """Show the reasons (or hide); a different set of reasons asks for a fresh choice."""
        reasons = finding_reasons(findings)
        if reasons != self._reasons:
            self._reasons = reasons
            self.keep.setChecked(False)
            self.ask.setVisible(False)
        self.reasons.setText("\n".join(f"• {r}" for r in reasons))
        if bool(reasons) == self.isHidden():
            self.setVisible(bool(reasons))
            QTimer.singleShot(0, self._fit_window)

    def _fit_window(self) -> None:
        # A dialog does not grow by itself for wrapped text that appears: make room for it.
        window = self.window()
        layout = window.layout() if isinstance(window, QDialog) else None
        if layout is None:
            return
        width = window.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if needed > window.height():
            window.resize(width, needed)

    @property
    def has_findings(self) -> bool:
        return bool(self._reasons)

    @property
    def kept(self) -> bool:
        return self.keep.isChecked()

    def needs_choice(self) -> bool:
        """True while there is a warning the user has not answered by keeping the text."""
        return self.has_findings and not self.kept

    def ask_for_choice(self) -> None:
        """Called when a save meets an unanswered warning: say what is needed, focus the choice."""
        self.ask.setText(self.tr("To save, change the text or tick “Keep it anyway”."))
        set_tone(self.ask, "error")
        self.ask.setVisible(True)
        QTimer.singleShot(0, self._fit_window)
        self.keep.setFocus(Qt.FocusReason.OtherFocusReason)

    def _kept(self, kept: bool) -> None:
        if kept:
            self.ask.setVisible(False)
        self.keptChanged.emit(kept)

    # -- look ----------------------------------------------------------------------------
    def _apply_colours(self) -> None:
        # A soft amber box with a border: the icon and the words carry the meaning, the colour
        # only groups them, so it works for colour-blind users and in both palettes.
        app = QApplication.instance()
        dark = palette_is_dark(app.palette()) if isinstance(app, QApplication) else False
        if dark == getattr(self, "_dark", None):
            return  # restyling would only send another palette change
        self._dark = dark
        background, border = ("#3b3222", "#c99a45") if dark else ("#fff6e5", "#c98a1b")
        self.setStyleSheet(
            f"QFrame#identifierWarning {{ background: {background}; border: 1px solid {border};"
            " border-radius: 6px; }"
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_colours()
            set_tone(self.advice, "muted")
        super().changeEvent(event)
