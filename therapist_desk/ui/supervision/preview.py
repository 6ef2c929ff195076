"""The redaction preview: the whole summary exactly as it will be shared, with identifier warnings.

The text is ``render_preview_text(payload)`` shown read-only as plain text; the signed file is
that same payload and the PDF is drawn from it. Possible identifiers are highlighted with a
character format (never HTML) and listed with their reasons; clicking one selects it in the
text. The list warns; it never blocks an export.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.services.summary_text import SummaryFinding, render_preview_text
from therapist_desk.ui.supervision.common import (
    Card,
    action_button,
    add_action,
    fixed_font,
    heading_label,
    muted,
    plain_label,
    tr,
)
from therapist_desk.ui.theme import palette_is_dark

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1


class PreviewPage(QWidget):
    backRequested = Signal()
    exportSummaryRequested = Signal()
    exportPdfRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPreview")
        self.payload: dict[str, Any] | None = None
        self.findings: tuple[SummaryFinding, ...] = ()

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("previewText")
        self.text.setReadOnly(True)
        self.text.setFont(fixed_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setAccessibleName(tr("The summary exactly as it will be shared"))
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )

        warnings = Card(tr("Possible identifiers"), self)
        self.warning_summary = plain_label("", warnings)
        self.warning_list = QListWidget(warnings)
        self.warning_list.setAccessibleName(tr("Possible identifiers in the shared text"))
        self.warning_list.setWordWrap(True)
        self.warning_list.currentItemChanged.connect(lambda item, _previous: self._select(item))
        warnings.body.addWidget(self.warning_summary)
        warnings.body.addWidget(self.warning_list, 1)
        warnings.body.addWidget(
            muted(
                plain_label(
                    tr(
                        "These are warnings, not blocks. Go back to change the text, or export it as it "
                        "is if you are sure nobody can be identified."
                    ),
                    warnings,
                )
            )
        )

        identity = Card(tr("Your signing fingerprint"), self)
        self.fingerprint = plain_label("", identity, selectable=True)
        self.fingerprint.setFont(fixed_font(1.1))
        self.fingerprint.setAccessibleName(tr("Your signing fingerprint"))
        identity.body.addWidget(self.fingerprint)
        identity.body.addWidget(
            muted(
                plain_label(
                    tr(
                        "The signed file carries this fingerprint. Tell it to your supervisor in person or "
                        "by phone, so they can check that the file is yours and unchanged."
                    ),
                    identity,
                )
            )
        )

        self.back_action = add_action(self, tr("&Back to editing"), "Alt+Left", "backToComposer")
        self.back_action.triggered.connect(self.backRequested)
        self.export_action = add_action(self, tr("Export &signed summary…"), "Ctrl+S", "exportSignedSummary")
        self.export_action.triggered.connect(self.exportSummaryRequested)
        self.pdf_action = add_action(self, tr("Export &PDF…"), "Ctrl+Shift+S", "exportSummaryPdf")
        self.pdf_action.triggered.connect(self.exportPdfRequested)
        self.back_button = action_button(self.back_action, self)
        self.export_button = action_button(self.export_action, self, default=True)
        self.pdf_button = action_button(self.pdf_action, self)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(warnings, 1)
        side_layout.addWidget(identity)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.text)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([640, 400])

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.addWidget(heading_label(tr("Preview: exactly what will be shared"), self, scale=1.35))
        layout.addWidget(
            muted(
                plain_label(
                    tr(
                        "This is the whole summary. The signed file holds exactly this content, and the PDF "
                        "shows the same with charts. Nothing else from your vault is included."
                    ),
                    self,
                )
            )
        )
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.text, self.warning_list)
        QWidget.setTabOrder(self.warning_list, self.back_button)
        QWidget.setTabOrder(self.back_button, self.pdf_button)
        QWidget.setTabOrder(self.pdf_button, self.export_button)

    def show_payload(
        self, payload: dict[str, Any], findings: Sequence[SummaryFinding], fingerprint: str
    ) -> None:
        """Show ``payload`` as the document text and mark ``findings`` in it."""
        self.payload = payload
        self.findings = tuple(findings)
        self.text.setPlainText(render_preview_text(payload))
        self.fingerprint.setText(fingerprint)
        self.warning_list.clear()
        for finding in self.findings:
            reason = QCoreApplication.translate("Identifiers", finding.reason)
            item = QListWidgetItem(f"{tr(finding.where)}: {reason}")
            item.setData(SPAN_ROLE, (finding.preview_start, finding.preview_end))
            self.warning_list.addItem(item)
        count = len(self.findings)
        self.warning_summary.setText(
            tr(
                "The identifier scanner found nothing that looks like a name, date of birth, phone, email, address or record number."
            )
            if count == 0
            else tr("{n} place(s) in the shared text may identify a person. They are highlighted.").format(
                n=count
            )
        )
        self._highlight()
        self.text.moveCursor(QTextCursor.MoveOperation.Start)

    def _highlight(self) -> None:
        fmt = QTextCharFormat()
        dark = palette_is_dark(self.palette())
        fmt.setBackground(QBrush(QColor("#6b4e12" if dark else "#ffe2a3")))
        fmt.setForeground(QBrush(QColor("#fff4dc" if dark else "#4a2c00")))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#f0a030" if dark else "#b3261e"))
        selections = []
        for finding in self.findings:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(finding.preview_start)
            cursor.setPosition(finding.preview_end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def highlighted_spans(self) -> list[tuple[int, int, str]]:
        """(start, end, text) of every highlight, for tests and screen-reader summaries."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.cursor.selectedText())
            for s in self.text.extraSelections()
        ]

    def _select(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        start, end = item.data(SPAN_ROLE)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def restyle(self) -> None:
        self._highlight()

    def focus_first(self) -> None:
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
