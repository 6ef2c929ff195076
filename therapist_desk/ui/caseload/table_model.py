"""The caseload table: a model over ``CaseloadService.caseload()`` rows and its sort/filter proxy.

The whole table comes from one service call (one pass over the vault); filtering, searching and
sorting then happen in memory, so a caseload of hundreds of clients reacts at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from therapist_desk.domain.caseload import CLIENT_STATUSES, PROGRAM_LEVELS, CaseloadEntry, alias_key
from therapist_desk.ui.caseload.labels import (
    flag_explanation,
    flags_text,
    level_label,
    show_date,
    status_label,
    tr,
)
from therapist_desk.ui.resources import icon

CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

ALIAS, LEVEL, STATUS, STARTED, LAST_SESSION, RECENT, FLAGS = range(7)
_HEADERS = (
    "Alias",
    "Level",
    "Status",
    "Started",
    "Last session",
    "30 days",
    "Flags",
)
_HEADER_TIPS = {
    LEVEL: "Program level",
    RECENT: "Sessions in the last 30 days",
    FLAGS: "Patterns worth a look, such as stalled progress",
}
# Discharged and transferred clients stay in the history but are out of the day-to-day view.
CLOSED_STATUSES = frozenset({"discharged", "transferred"})

_Index = QModelIndex | QPersistentModelIndex


class CaseloadTableModel(QAbstractTableModel):
    """Read-only rows of ``CaseloadEntry``; replaced as a whole with ``set_entries``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[CaseloadEntry] = []
        self._keys: list[str] = []

    # -- data in -----------------------------------------------------------------------
    def set_entries(self, entries: Sequence[CaseloadEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._keys = [alias_key(e.alias) for e in self._entries]
        self.endResetModel()

    def clear(self) -> None:
        self.set_entries([])

    def entry(self, row: int) -> CaseloadEntry:
        return self._entries[row]

    def alias_key_at(self, row: int) -> str:
        return self._keys[row]

    def row_of(self, client_id: str) -> int:
        for row, entry in enumerate(self._entries):
            if entry.client_id == client_id:
                return row
        return -1

    def entries(self) -> list[CaseloadEntry]:
        return list(self._entries)

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(_HEADERS[section])
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return tr(_HEADER_TIPS[section]) if section in _HEADER_TIPS else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, column)
        if role == SORT_ROLE:
            return self.sort_key(index.row(), column)
        if role == CLIENT_ID_ROLE:
            return entry.client_id
        if role == Qt.ItemDataRole.DecorationRole and column == FLAGS and entry.flags:
            return icon("flag")
        if role == Qt.ItemDataRole.ToolTipRole and column == FLAGS and entry.flags:
            return "\n".join(flag_explanation(f) for f in entry.flags)  # our own words only
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RECENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(entry: CaseloadEntry, column: int) -> str:
        if column == ALIAS:
            return entry.alias
        if column == LEVEL:
            return level_label(entry.program_level)
        if column == STATUS:
            return status_label(entry.status)
        if column == STARTED:
            return show_date(entry.started_on)
        if column == LAST_SESSION:
            return show_date(entry.last_session)
        if column == RECENT:
            return str(entry.sessions_last_30_days)
        return flags_text(entry.flags)

    def sort_key(self, row: int, column: int) -> Any:
        """Keys of one type per column (ties are broken by the alias in the proxy)."""
        entry = self._entries[row]
        if column == ALIAS:
            return self._keys[row]
        if column == LEVEL:
            return PROGRAM_LEVELS.index(entry.program_level) if entry.program_level in PROGRAM_LEVELS else 9
        if column == STATUS:
            return CLIENT_STATUSES.index(entry.status) if entry.status in CLIENT_STATUSES else 9
        if column == STARTED:
            return entry.started_on.isoformat() if entry.started_on else ""
        if column == LAST_SESSION:
            return entry.last_session.isoformat() if entry.last_session else ""
        if column == RECENT:
            return entry.sessions_last_30_days
        return len(entry.flags)


class CaseloadFilter(QSortFilterProxyModel):
    """Filter by level, status and alias text; closed clients hidden unless asked for."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._level: str | None = None
        self._status: str | None = None
        self._search = ""
        self._show_closed = False
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def source(self) -> CaseloadTableModel:
        model = self.sourceModel()
        assert isinstance(model, CaseloadTableModel)
        return model

    # -- criteria ----------------------------------------------------------------------
    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.9 replaced invalidateFilter() with a begin/end pair; older PySide6 has only the former.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def set_level(self, level: str | None) -> None:
        self._refilter(lambda: setattr(self, "_level", level or None))

    def set_status(self, status: str | None) -> None:
        self._refilter(lambda: setattr(self, "_status", status or None))

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_search", alias_key(text) if text.strip() else ""))

    def set_show_closed(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "_show_closed", show))

    @property
    def hides_closed(self) -> bool:
        """Closed clients are hidden only while no status is chosen explicitly."""
        return not self._show_closed and self._status is None

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 (Qt API)
        model = self.source()
        entry = model.entry(source_row)
        if self._level is not None and entry.program_level != self._level:
            return False
        if self._status is not None and entry.status != self._status:
            return False
        if self.hides_closed and entry.status in CLOSED_STATUSES:
            return False
        return not self._search or self._search in model.alias_key_at(source_row)

    def lessThan(self, left: _Index, right: _Index) -> bool:  # noqa: N802 (Qt API)
        # Straight to the model's keys: no QVariant round trip per comparison.
        model = self.source()
        a, b = model.sort_key(left.row(), left.column()), model.sort_key(right.row(), right.column())
        if a != b:
            return bool(a < b)
        # Ties read A to Z whichever way the column is sorted (Qt swaps the arguments for Z to A).
        a, b = model.alias_key_at(left.row()), model.alias_key_at(right.row())
        if a == b:
            return False  # a strict order: never "less than" itself
        return (a < b) if self.sortOrder() == Qt.SortOrder.AscendingOrder else (a > b)

    def client_id(self, proxy_row: int) -> str | None:
        if not 0 <= proxy_row < self.rowCount():
            return None
        return str(self.index(proxy_row, ALIAS).data(CLIENT_ID_ROLE))

    def proxy_row_of(self, client_id: str) -> int:
        source_row = self.source().row_of(client_id)
        if source_row < 0:
            return -1
        return self.mapFromSource(self.source().index(source_row, ALIAS)).row()
