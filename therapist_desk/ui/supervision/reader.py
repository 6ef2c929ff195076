"""The supervisor's read-only view of a received summary: its text and its charts.

Everything shown comes from the verified summary and is shown as plain text (labels with
``Qt.PlainText``, a read-only plain-text editor, charts painted with ``drawText``). The charts
are redrawn from the numbers in the file; nothing is looked up anywhere else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from therapist_desk.services.summary_charts import chart_specs
from therapist_desk.services.summary_document import SummaryDocument
from therapist_desk.services.summary_text import render_document
from therapist_desk.services.supervision import ReceivedSummary
from therapist_desk.ui.supervision.charts import ChartView
from therapist_desk.ui.supervision.common import fixed_font, heading_label, muted, plain_label, tr


class SummaryReader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryReader")
        self.title = heading_label("", self, scale=1.25)
        self.title.setAccessibleName(tr("Supervisee"))
        self.details = muted(plain_label("", self, selectable=True))
        self.details.setAccessibleName(tr("Period, signer and fingerprint"))
        self.key_warning = plain_label("", self)
        self.key_warning.setObjectName("keyChangedNote")
        self.key_warning.setStyleSheet("QLabel#keyChangedNote { color: #b3261e; font-weight: 600; }")
        self.key_warning.setVisible(False)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("receivedText")
        self.text.setReadOnly(True)
        self.text.setFont(fixed_font())
        self.text.setAccessibleName(tr("The summary as received"))
        self.charts_holder = QWidget(self)
        self.charts_layout = QVBoxLayout(self.charts_holder)
        self.charts_layout.setContentsMargins(4, 4, 4, 4)
        self.charts_layout.setSpacing(16)
        charts_scroll = QScrollArea(self)
        charts_scroll.setWidgetResizable(True)
        charts_scroll.setWidget(self.charts_holder)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("Summary text and charts"))
        self.tabs.addTab(self.text, tr("Summary"))
        self.tabs.addTab(charts_scroll, tr("Charts"))
        self.empty = muted(
            plain_label(
                tr(
                    "Open a summary file, or pick one on the left. Each file is verified before anything in it is shown."
                ),
                self,
            )
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.key_warning)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty, 1)
        self.clear()

    def clear(self) -> None:
        self.document: SummaryDocument | None = None
        for widget in (self.title, self.details, self.tabs):
            widget.setVisible(False)
        self.key_warning.setVisible(False)
        self.text.clear()
        self._set_charts(None)
        self.empty.setVisible(True)

    def show_summary(self, received: ReceivedSummary, document: SummaryDocument) -> None:
        self.document = document
        self.empty.setVisible(False)
        for widget in (self.title, self.details, self.tabs):
            widget.setVisible(True)
        self.title.setText(received.signer_name)
        details = tr("{start} to {end} · signed as “{name}” · fingerprint {fingerprint}").format(
            start=document.period_from or "—",
            end=document.period_to or "—",
            name=document.display_name or "—",
            fingerprint=received.fingerprint,
        )
        self.details.setText(details)
        self.key_warning.setText(
            tr("This summary was filed after you accepted a new signing key for this supervisee.")
        )
        self.key_warning.setVisible(received.key_changed)
        self.text.setPlainText(render_document(document).text)
        self._set_charts(document)
        self.tabs.setCurrentIndex(0)

    def _set_charts(self, document: SummaryDocument | None) -> None:
        while (item := self.charts_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        specs = chart_specs(document) if document is not None else []
        for spec in specs:
            self.charts_layout.addWidget(ChartView(spec, self.charts_holder))
        if document is not None and not specs:
            self.charts_layout.addWidget(
                plain_label(tr("This summary has no chart data."), self.charts_holder)
            )
        self.charts_layout.addStretch(1)

    def chart_views(self) -> list[ChartView]:
        return [w for w in self.charts_holder.findChildren(ChartView) if not w.isHidden()]
