"""The supervision summary as a PDF for reading or printing.

Built from the same payload as the preview and the signed file: a title, the display name,
the period and generation date, each section with its tables and charts (painted from the
summary's own numbers), and "Page n of m" in every footer. Text goes in through
``QTextCursor.insertText`` only, so nothing a user typed is ever read as HTML. The PDF's
metadata holds only the display name and "Therapist Desk supervision summary": the XMP packet
is ours, and Qt's own producer and dates are replaced afterwards (services/pdf_info.py).
The bytes are made in memory and written atomically; no temporary file holds them elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextOption,
    QTextTableFormat,
)

from therapist_desk.domain.caseload import PROGRAM_LEVELS
from therapist_desk.services.pdf_info import minimal_xmp, replace_info
from therapist_desk.services.summary_charts import ChartSpec, chart_specs
from therapist_desk.services.summary_document import SummaryDocument, read_summary
from therapist_desk.services.summary_text import (
    HEADINGS,
    METRIC_TEXT,
    QUESTION_TITLES,
    STATUS_TEXT,
    TITLE,
    level_label,
    number,
)
from therapist_desk.storage.atomic import atomic_write_bytes
from therapist_desk.ui.supervision.charts import chart_image

PDF_PURPOSE = "Therapist Desk supervision summary"
RESOLUTION = 300
POINT = RESOLUTION / 72  # device pixels per typographic point
BASE_POINT_SIZE = 10.0


def ensure_application() -> QGuiApplication:
    """A Qt application for headless commands: offscreen, so no display is ever needed."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "therapist-desk"])
    assert isinstance(app, QGuiApplication)
    return app


def write_summary_pdf(payload: Any, path: Path) -> None:
    """Render ``payload`` and write the PDF atomically (replacing ``path``)."""
    atomic_write_bytes(Path(path), summary_pdf_bytes(payload))


def summary_pdf_bytes(payload: Any) -> bytes:
    doc = read_summary(payload)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 16, 18, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(PDF_PURPOSE)
    writer.setCreator(PDF_PURPOSE)
    writer.setDocumentXmpMetadata(QByteArray(minimal_xmp(PDF_PURPOSE, doc.display_name).encode("utf-8")))
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_height = 9 * POINT * 2.2
    body = QSizeF(page.width(), page.height() - footer_height)

    text = _SummaryLayout(doc, body.width()).document
    text.documentLayout().setPaintDevice(writer)
    text.setPageSize(body)
    pages = text.pageCount()
    painter = QPainter(writer)
    footer_font = QFont(text.defaultFont())
    footer_font.setPointSizeF(8.5)
    for index in range(pages):
        if index:
            writer.newPage()
        painter.save()
        painter.translate(0, -index * body.height())
        text.drawContents(painter, QRectF(0, index * body.height(), body.width(), body.height()))
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#5b6770"))
        footer = QRectF(0, page.height() - footer_height * 0.6, page.width(), footer_height * 0.6)
        left = f"{TITLE} · {doc.display_name} · {doc.period_from} to {doc.period_to}"
        left = painter.fontMetrics().elidedText(left, Qt.TextElideMode.ElideRight, int(page.width() * 0.7))
        painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, left)
        painter.drawText(
            footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"Page {index + 1} of {pages}"
        )
    painter.end()
    buffer.close()
    data = bytes(buffer.data().data())
    return replace_info(
        data,
        {"Title": PDF_PURPOSE, "Author": doc.display_name, "Creator": PDF_PURPOSE, "Producer": PDF_PURPOSE},
    )


class _SummaryLayout:
    """Builds the QTextDocument with a cursor (plain text in, never HTML)."""

    def __init__(self, doc: SummaryDocument, width: float) -> None:
        self.doc = doc
        self.width = width
        self.document = QTextDocument()
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(BASE_POINT_SIZE)
        self.document.setDefaultFont(font)
        self.document.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document.setDefaultTextOption(option)
        self.cursor = QTextCursor(self.document)
        self.charts = {spec.id: spec for spec in chart_specs(doc)}
        self._build()

    # -- building blocks ----------------------------------------------------------------------
    def _char(self, *, scale: float = 1.0, bold: bool = False, muted: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(BASE_POINT_SIZE * scale)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setForeground(QBrush(QColor("#5b6770" if muted else "#1f2124")))
        return fmt

    def paragraph(
        self,
        text: str,
        *,
        scale: float = 1.0,
        bold: bool = False,
        muted: bool = False,
        space_before: float = 2,
        indent: float = 0,
    ) -> None:
        block = QTextBlockFormat()
        block.setTopMargin(space_before * POINT)
        block.setBottomMargin(2 * POINT)
        block.setLeftMargin(indent * POINT)
        if self.cursor.position() == 0 and not self.document.toPlainText():
            self.cursor.setBlockFormat(block)
            self.cursor.setCharFormat(self._char(scale=scale, bold=bold, muted=muted))
        else:
            self.cursor.insertBlock(block, self._char(scale=scale, bold=bold, muted=muted))
        self.cursor.insertText(text, self._char(scale=scale, bold=bold, muted=muted))

    def heading(self, text: str) -> None:
        self.paragraph(text, scale=1.3, bold=True, space_before=14)

    def table(self, rows: list[list[str]], *, numeric_from: int = 1) -> None:
        fmt = QTextTableFormat()
        fmt.setBorder(0.5 * POINT)
        fmt.setBorderBrush(QBrush(QColor("#c7cdd1")))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setCellPadding(2.5 * POINT)
        fmt.setCellSpacing(0)
        fmt.setHeaderRowCount(1)
        fmt.setTopMargin(3 * POINT)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table = self.cursor.insertTable(len(rows), len(rows[0]), fmt)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = table.cellAt(r, c)
                if r == 0:
                    cell_format = cell.format()
                    cell_format.setBackground(QBrush(QColor("#eef1f2")))
                    cell.setFormat(cell_format)
                cursor = cell.firstCursorPosition()
                block = QTextBlockFormat()
                if c >= numeric_from:
                    block.setAlignment(Qt.AlignmentFlag.AlignRight)
                cursor.setBlockFormat(block)
                cursor.insertText(value, self._char(bold=r == 0, scale=0.95))
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def chart(self, chart_id: str) -> None:
        spec: ChartSpec | None = self.charts.get(chart_id)
        if spec is None:
            return
        rows = len(spec.categories) if spec.kind == "hbar" else 0
        logical = QSize(640, max(260, 22 * rows + 70))
        font = QFont(self.document.defaultFont())
        font.setPointSizeF(8.5)
        image = chart_image(spec, logical, font, scale=3.0)
        name = f"chart://{chart_id}"
        self.document.addResource(QTextDocument.ResourceType.ImageResource, name, image)
        fmt = QTextImageFormat()
        fmt.setName(name)
        # Image sizes are read in 96-dpi pixels and scaled up to the writer's resolution.
        width = self.width * 96 / RESOLUTION
        fmt.setWidth(width)
        fmt.setHeight(width * logical.height() / logical.width())
        self.paragraph("", space_before=6)
        self.cursor.insertImage(fmt)

    # -- the document ---------------------------------------------------------------------------
    def _build(self) -> None:
        doc = self.doc
        self.paragraph(TITLE, scale=2.0, bold=True, space_before=0)
        self.paragraph(f"From: {doc.display_name or '—'}", scale=1.1, space_before=6)
        self.paragraph(f"Period: {doc.period_from or '—'} to {doc.period_to or '—'}")
        self.paragraph(f"Generated: {doc.generated_at[:10] or '—'}", muted=True)
        self.paragraph(
            "This summary holds only what the supervisee chose to share. Its signed .tdsummary file "
            "can be checked with Therapist Desk (summary verify).",
            muted=True,
            scale=0.9,
        )
        if doc.self_care is not None:
            self._self_care()
        if doc.indicators is not None:
            self._indicators()
        if doc.caseload is not None:
            self._caseload()
        if doc.themes is not None:
            self._themes()
        if doc.stalled is not None:
            self._stalled()
        if doc.excerpts:
            self.heading(HEADINGS["excerpts"])
            for number_, excerpt in enumerate(doc.excerpts, start=1):
                title = f"Excerpt {number_}, written {excerpt.written_on or '—'}"
                self.paragraph(
                    title + (f": {excerpt.heading}" if excerpt.heading else ""), bold=True, space_before=8
                )
                self.paragraph(excerpt.text, indent=8)
        if doc.questions:
            self.heading(HEADINGS["questions"])
            for heading, text in doc.questions.items():
                self.paragraph(QUESTION_TITLES[heading], bold=True, space_before=8)
                self.paragraph(text, indent=8)

    def _self_care(self) -> None:
        care = self.doc.self_care
        assert care is not None
        self.heading(HEADINGS["self_care"])
        self.paragraph(
            f"Daily check-ins on {care.check_in_days} of {care.days_in_period} days. Days off: {care.days_off}. "
            f"Days with peer support or supervision: {care.support_contact_days}."
        )
        rows = [["Mean over the period", "Value"]]
        rows += [
            [label.capitalize(), number(care.means[m]) + unit]
            for m, (label, unit) in METRIC_TEXT.items()
            if care.means.get(m) is not None
        ]
        if len(rows) > 1:
            self.table(rows)
        self.chart("self_care_weekly")
        self.paragraph(
            "Copenhagen Burnout Inventory (0–100 per scale; 50 or more is commonly read as high)",
            bold=True,
            space_before=8,
        )
        if care.cbi:
            self.table(
                [
                    ["Taken on", "Personal", "Work", "Client"],
                    *(
                        [c.taken_on, *(number(c.scores.get(s)) for s in ("personal", "work", "client"))]
                        for c in care.cbi
                    ),
                ]
            )
            self.chart("cbi")
        else:
            self.paragraph("Not taken in this period.", muted=True)
        self.paragraph(
            "Single-item burnout measure (1–5; 3 or more is the usual indicator)", bold=True, space_before=8
        )
        if care.single_item:
            self.table([["Taken on", "Answer"], *([day, number(score)] for day, score in care.single_item)])
        else:
            self.paragraph("Not taken in this period.", muted=True)

    def _indicators(self) -> None:
        section = self.doc.indicators
        assert section is not None
        self.heading(f"{HEADINGS['indicators']} (as of {section.evaluated_on or '—'})")
        rows = [["Indicator", "Status", "What it found"]]
        rows += [[i.title, STATUS_TEXT.get(i.status, i.status or "—"), i.explanation] for i in section.items]
        self.table(rows, numeric_from=99)

    def _caseload(self) -> None:
        section = self.doc.caseload
        assert section is not None
        self.heading(HEADINGS["caseload"])
        rows = [["Level", "Active at start", "Active at end", "Sessions", "Hours", "High-intensity"]]
        for level in PROGRAM_LEVELS:
            s = section.sessions_by_level[level]
            rows.append(
                [
                    level_label(level),
                    str(section.active_at_start[level]),
                    str(section.active_at_end[level]),
                    str(s.sessions),
                    number(s.hours),
                    str(s.high_intensity),
                ]
            )
        self.table(rows)
        if section.sustainable_weekly_hours is not None:
            self.paragraph(
                f"Own sustainable limit: {number(section.sustainable_weekly_hours)} session hours a week."
            )
        self.chart("session_hours")
        if section.aliases_by_level is not None:
            self.paragraph("Client aliases, active at the end of the period", bold=True, space_before=8)
            self.table(
                [
                    ["Level", "Aliases"],
                    *(
                        [level_label(lv), ", ".join(section.aliases_by_level.get(lv, ())) or "none"]
                        for lv in PROGRAM_LEVELS
                    ),
                ],
                numeric_from=99,
            )

    def _themes(self) -> None:
        section = self.doc.themes
        assert section is not None
        self.heading(HEADINGS["themes"])
        self.paragraph(f"Reflections written in the period: {section.reflections}")
        self.table([["Theme", "Reflections"], *([c.label, str(c.count)] for c in section.by_theme)])
        self.chart("themes")
        self.paragraph("Bias reflections by ADDRESSING dimension", bold=True, space_before=8)
        self.table([["Dimension", "Reflections"], *([c.label, str(c.count)] for c in section.by_dimension)])
        self.chart("dimensions")

    def _stalled(self) -> None:
        section = self.doc.stalled
        assert section is not None
        self.heading(HEADINGS["stalled"])
        self.paragraph(f'Sessions marked "progress stalled" in the period: {section.stalled_sessions}')
        self.paragraph(
            f"Clients with a stalled session in the period: {section.clients_with_stalled_sessions}"
        )
        self.table(
            [
                ["Level", "Stalled sessions"],
                *([level_label(lv), str(section.by_level[lv])] for lv in PROGRAM_LEVELS),
            ]
        )
        if section.clients_flagged_now is not None:
            rule = (
                f" ({section.rule_sessions_in_a_row} stalled sessions in a row)"
                if section.rule_sessions_in_a_row
                else ""
            )
            self.paragraph(
                f"Active clients flagged by the stalled-progress rule now{rule}: {section.clients_flagged_now}"
            )
        if section.aliases is not None:
            self.paragraph("Aliases: " + (", ".join(f"{a} ({n})" for a, n in section.aliases) or "none"))
