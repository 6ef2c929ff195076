"""The note list: a paged model over ``JournalService.list_notes`` (or one page of search hits)
and a delegate that paints each row from plain text.

Nothing from a note is ever given to Qt as HTML: titles, tags and dates are drawn with
``QPainter.drawText`` (always plain), and a snippet goes into a ``QTextDocument`` with
``setPlainText``; its matches are marked with a ``QTextCharFormat`` over the service's spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.domain.journal import NoteSummary, ReflectionNote, SearchHit, first_line
from therapist_desk.domain.snippets import fold, term_patterns
from therapist_desk.ui.journal.common import (
    accent_colour,
    highlight_colours,
    kind_label,
    list_time,
    muted_colour,
    tr,
)

PAGE_SIZE = 200
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_LINES = 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class NoteRow:
    """What one list row shows: a note's summary, or a search hit with its snippet."""

    id: str
    title: str
    created_at: datetime
    tags: tuple[str, ...]
    kind: str
    client_id: str | None
    text: str  # the first line, or the search snippet (plain text)
    highlights: tuple[tuple[int, int], ...] = ()

    @classmethod
    def from_summary(cls, s: NoteSummary) -> NoteRow:
        return cls(s.id, s.title, s.created_at, s.tags, s.kind, s.client_id, s.first_line)

    @classmethod
    def from_hit(cls, h: SearchHit) -> NoteRow:
        return cls(h.id, h.title, h.created_at, h.tags, h.kind, h.client_id, h.snippet, h.highlights)

    @classmethod
    def from_note(cls, n: ReflectionNote) -> NoteRow:
        text = first_line(n.body, *n.draft.guided_texts().values())
        return cls(n.id, n.title, n.created_at, n.tags, n.kind, n.client_id, text)


def display_title(title: str) -> str:
    return title.strip() or tr("Untitled reflection")


class NoteListModel(QAbstractListModel):
    """Newest first, fetched a page at a time as the list scrolls (5,000 notes open at once)."""

    def __init__(self, today: Callable[[], date], parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._rows: list[NoteRow] = []
        self._ids: set[str] = set()
        self._fetch: Callable[[int, int], list[NoteSummary]] | None = None
        self._offset = 0  # list rows consumed from the service (new and removed notes move it)
        self._exhausted = True
        self.searching = False
        self.patterns: list[re.Pattern[str]] = []  # the search's words, to mark them in titles
        self.aliases: dict[str, str] = {}

    # -- filling --------------------------------------------------------------------------
    def show_list(self, fetch: Callable[[int, int], list[NoteSummary]]) -> None:
        """Page through ``fetch(limit, offset)`` (the journal's list_notes with the filters)."""
        self.beginResetModel()
        self._rows, self._ids = [], set()
        self._fetch, self._offset, self._exhausted = fetch, 0, False
        self.searching, self.patterns = False, []
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def show_hits(self, hits: Iterable[SearchHit], query: str = "") -> None:
        self.beginResetModel()
        self._rows = [NoteRow.from_hit(h) for h in hits]
        self._ids = {r.id for r in self._rows}
        self._fetch, self._exhausted = None, True
        self.searching, self.patterns = True, term_patterns(query)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._ids, self._fetch, self._exhausted = [], set(), None, True
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt API)
        return not parent.isValid() and not self._exhausted and self._fetch is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 (Qt API)
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        try:
            page = self._fetch(PAGE_SIZE, self._offset)
        except TherapistDeskError:
            self._exhausted = True  # the vault is closing; the view goes with it
            return
        self._offset += len(page)
        self._exhausted = len(page) < PAGE_SIZE
        fresh = [NoteRow.from_summary(s) for s in page if s.id not in self._ids]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._ids.update(r.id for r in fresh)
            self.endInsertRows()

    # -- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_title(row.title)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(
                part
                for part in (display_title(row.title), list_time(row.created_at, self._today()), row.text)
                if part
            )
        return None

    # -- rows by note ---------------------------------------------------------------------------
    def row_at(self, number: int) -> NoteRow | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def row_of(self, note_id: str) -> int:
        if note_id not in self._ids:
            return -1
        return next((i for i, r in enumerate(self._rows) if r.id == note_id), -1)

    def note_ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def insert_top(self, row: NoteRow) -> None:
        """A new note: newest, so first (in a search it shows until the next search)."""
        if row.id in self._ids:
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self._ids.add(row.id)
        if not self.searching:
            self._offset += 1
        self.endInsertRows()

    def update_note(self, note: ReflectionNote) -> None:
        """A saved note: refresh its row (a search keeps its snippet until the next search)."""
        number = self.row_of(note.id)
        if number < 0:
            return
        fresh = NoteRow.from_note(note)
        old = self._rows[number]
        if self.searching:
            fresh = replace(old, title=fresh.title, tags=fresh.tags, client_id=fresh.client_id)
        if fresh != old:
            self._rows[number] = fresh
            index = self.index(number)
            self.dataChanged.emit(index, index)

    def remove(self, note_id: str) -> int:
        """Take a note's row out; returns the row it had, or -1."""
        number = self.row_of(note_id)
        if number < 0:
            return -1
        self.beginRemoveRows(QModelIndex(), number, number)
        del self._rows[number]
        self._ids.discard(note_id)
        if not self.searching:
            self._offset = max(0, self._offset - 1)
        self.endRemoveRows()
        return number


# -- painting -------------------------------------------------------------------------------
def utf16_offsets(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Python offsets (code points) as Qt's (UTF-16 units): an emoji before a match counts twice."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return [(max(0, a), min(len(text), b)) for a, b in spans]
    result = []
    for a, b in spans:
        a, b = max(0, a), min(len(text), b)
        start = len(text[:a].encode("utf-16-le")) // 2
        result.append((start, start + len(text[a:b].encode("utf-16-le")) // 2))
    return result


def title_spans(title: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Where the search's words occur in a (shown) title."""
    folded = fold(title)
    return sorted(m.span() for pattern in patterns for m in pattern.finditer(folded) if m.end() > m.start())


def snippet_document(text: str, highlights: Iterable[tuple[int, int]], font: QFont) -> QTextDocument:
    """The snippet as plain text with each match marked (bold on a marker colour)."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    document.setPlainText(text)
    background, foreground = highlight_colours()
    mark = QTextCharFormat()
    mark.setBackground(background)
    mark.setForeground(foreground)
    mark.setFontWeight(QFont.Weight.DemiBold)
    cursor = QTextCursor(document)
    for start, end in utf16_offsets(text, highlights):
        if end > start:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(mark)
    return document


class NoteDelegate(QStyledItemDelegate):
    """Title and time, then kind, tags and client, then two lines of text or snippet."""

    PADDING = 8

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.92)
        return title, small, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 (Qt API)
        title, small, body = self._fonts(option)
        height = (
            QFontMetrics(title).height()
            + QFontMetrics(small).height()
            + SNIPPET_LINES * QFontMetrics(body).lineSpacing()
            + 2 * self.PADDING
            + 6
        )
        return QSize(120, height)  # the width follows the list (no horizontal scrolling)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, NoteRow):
            return
        model = index.model()
        aliases: dict[str, str] = getattr(model, "aliases", {})
        today = getattr(model, "_today", date.today)()
        widget = option.widget
        style = widget.style() if widget is not None else None
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text_colour if selected else muted_colour(palette)
        accent = text_colour if selected else accent_colour(palette)
        title_font, small_font, body_font = self._fonts(option)
        rect = option.rect.adjusted(self.PADDING + 4, self.PADDING, -self.PADDING - 4, -self.PADDING)

        painter.save()
        when = list_time(row.created_at, today)
        small_metrics = QFontMetrics(small_font)
        when_width = small_metrics.horizontalAdvance(when) + 8
        title_metrics = QFontMetrics(title_font)
        top = rect.top()
        painter.setFont(small_font)
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.right() - when_width, top, when_width, title_metrics.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            when,
        )
        title_rect = QRect(rect.left(), top, rect.width() - when_width - 6, title_metrics.height())
        title = title_metrics.elidedText(
            display_title(row.title), Qt.TextElideMode.ElideRight, title_rect.width()
        )
        patterns: list[re.Pattern[str]] = getattr(model, "patterns", [])
        spans = title_spans(title, patterns) if row.title.strip() and patterns else []
        _draw(painter, snippet_document(title, spans, title_font), title_rect, text_colour)
        top += title_metrics.height() + 2

        parts = []
        if row.kind != "free":
            parts.append(kind_label(row.kind))
        if row.client_id and row.client_id in aliases:
            parts.append(aliases[row.client_id])
        parts.extend("#" + tag for tag in row.tags)
        painter.setFont(small_font)
        painter.setPen(accent)
        meta_rect = QRect(rect.left(), top, rect.width(), small_metrics.height())
        painter.drawText(
            meta_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            small_metrics.elidedText("  ·  ".join(parts), Qt.TextElideMode.ElideRight, meta_rect.width()),
        )
        top += small_metrics.height() + 4

        body_metrics = QFontMetrics(body_font)
        document = snippet_document(row.text, row.highlights, body_font)
        document.setTextWidth(rect.width())
        lines = QRect(rect.left(), top, rect.width(), SNIPPET_LINES * body_metrics.lineSpacing())
        _draw(painter, document, lines, muted if not selected else text_colour)
        painter.restore()


def _draw(painter: QPainter, document: QTextDocument, rect: QRect, colour: QColor) -> None:
    """Paint a plain-text document into ``rect`` (clipped) in ``colour``."""
    painter.save()
    painter.translate(rect.topLeft())
    painter.setClipRect(QRect(0, 0, rect.width(), rect.height()))
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, colour)
    document.documentLayout().draw(painter, context)
    painter.restore()


class NoteListView(QListView):
    """A list that says something useful when it is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setItemDelegate(NoteDelegate(self))

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.viewport().update()

    def paintEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(muted_colour(self.palette()))
            painter.drawText(
                self.viewport().rect().adjusted(24, 24, -24, -24),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                self.empty_text,
            )
            painter.end()
