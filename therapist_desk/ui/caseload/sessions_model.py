"""A client's session history as a table model over ``SessionEntry`` (newest first)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from therapist_desk.domain.caseload import SessionEntry
from therapist_desk.ui.caseload.labels import format_label, resistance_label, show_date, tr
from therapist_desk.ui.resources import icon

DATE, MINUTES, FORMAT, INTENSITY, ALLIANCE, CONGRUENCE, REGARD, EMPATHY, RESISTANCE, STALLED, NOTE = range(11)
_HEADERS = (
    "Date",
    "Minutes",
    "Format",
    "Intensity",
    "Alliance",
    "Congruence",
    "Regard",
    "Empathy",
    "Resistance",
    "Progress",
    "Note",
)
_NUMERIC = {MINUTES, INTENSITY, ALLIANCE, CONGRUENCE, REGARD, EMPATHY}

_Index = QModelIndex | QPersistentModelIndex


def _rating(value: int | None) -> str:
    return "–" if value is None else str(value)


class SessionsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sessions: list[SessionEntry] = []

    def set_sessions(self, sessions: Sequence[SessionEntry]) -> None:
        self.beginResetModel()
        self._sessions = list(sessions)
        self.endResetModel()

    def session(self, row: int) -> SessionEntry | None:
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def row_of(self, session_id: str) -> int:
        return next((row for row, s in enumerate(self._sessions) if s.id == session_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._sessions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(_HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.session(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STALLED and entry.stalled:
            return icon("flag")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(entry: SessionEntry, column: int) -> str:
        values = {
            DATE: lambda: show_date(entry.date),
            MINUTES: lambda: str(entry.minutes),
            FORMAT: lambda: format_label(entry.format),
            INTENSITY: lambda: _rating(entry.intensity),
            ALLIANCE: lambda: _rating(entry.alliance),
            CONGRUENCE: lambda: _rating(entry.congruence),
            REGARD: lambda: _rating(entry.positive_regard),
            EMPATHY: lambda: _rating(entry.empathy),
            RESISTANCE: lambda: resistance_label(entry.resistance) if entry.resistance else "–",
            STALLED: lambda: tr("Stalled") if entry.stalled else "",
            # One line in the table; the edit dialog shows the whole note.
            NOTE: lambda: " ".join(entry.note.split()),
        }
        return values[column]()
