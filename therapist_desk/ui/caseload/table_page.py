"""The caseload's table page: search, level and status filters, the table, and this week's load.

The rows come from the view (one ``caseload()`` call); this page only filters and sorts them in
memory and says which client the user wants to open or edit.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.caseload import CLIENT_STATUSES, PROGRAM_LEVELS
from therapist_desk.services.caseload import CaseloadService
from therapist_desk.ui.caseload.labels import level_label, status_label
from therapist_desk.ui.caseload.load_panel import LoadFiguresPanel
from therapist_desk.ui.caseload.table_model import ALIAS, FLAGS, CaseloadFilter, CaseloadTableModel
from therapist_desk.ui.caseload.themed import set_themed_icon
from therapist_desk.ui.widgets import message_label, muted_label, title_label


class CaseloadTablePage(QWidget):
    openRequested = Signal(str)  # client id
    editRequested = Signal(str)  # client id

    def __init__(
        self,
        service: CaseloadService,
        model: CaseloadTableModel,
        actions: list[QAction],
        parent: QWidget | None = None,
    ) -> None:
        """``actions`` are the section's own (add client, log session), shown as buttons here."""
        super().__init__(parent)
        self.service = service
        self.model = model
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(model)
        self._build(actions)

    def _build(self, section_actions: list[QAction]) -> None:
        page = self
        self.search = QLineEdit(page)
        self.search.setObjectName("caseloadSearch")
        self.search.setPlaceholderText(self.tr("Find an alias (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Find client by alias"))
        self.search.setClearButtonEnabled(True)
        for button in self.search.findChildren(QToolButton):  # Qt's own clear button
            button.setAccessibleName(self.tr("Clear search"))
        self.search.setMinimumWidth(160)
        self.search.textChanged.connect(self._search_changed)
        self.level_filter = QComboBox(page)
        self.level_filter.addItem(self.tr("All levels"), None)
        for level in PROGRAM_LEVELS:
            self.level_filter.addItem(level_label(level), level)
        self.level_filter.setAccessibleName(self.tr("Filter by program level"))
        self.level_filter.currentIndexChanged.connect(self._filters_changed)
        self.status_filter = QComboBox(page)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in CLIENT_STATUSES:
            self.status_filter.addItem(status_label(status), status)
        self.status_filter.setAccessibleName(self.tr("Filter by status"))
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.show_closed = QCheckBox(self.tr("Show &discharged and transferred"), page)
        self.show_closed.setAccessibleName(self.tr("Show discharged and transferred clients"))
        self.show_closed.toggled.connect(self._filters_changed)
        self.count = muted_label("", page)
        self.count.setObjectName("caseloadCount")

        self.table = QTableView(page)
        self.table.setObjectName("caseloadTable")
        self.table.setAccessibleName(self.tr("Clients"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ALIAS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.table.setWordWrap(False)
        self.table.setCornerButtonEnabled(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ALIAS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ALIAS, 150)
        header.setSectionResizeMode(FLAGS, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._row_activated)
        self.open_action = QAction(self.tr("Open client"), self.table)
        self.open_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self.open_selected)
        self.table.addAction(self.open_action)
        self.edit_client_action = QAction(self.tr("Edit client…"), page)
        set_themed_icon(self.edit_client_action, "edit")
        self.edit_client_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_client_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # table page only
        self.edit_client_action.setToolTip(self.tr("Edit client (Ctrl+E)"))
        self.edit_client_action.triggered.connect(self._edit_selected)
        page.addAction(self.edit_client_action)
        self.empty = message_label("caseloadEmpty", page, tone="muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.load_panel = LoadFiguresPanel(self.service, page)

        heading = QHBoxLayout()
        heading.addWidget(title_label(self.tr("Caseload"), page, scale=1.5), 1)
        add_client, log_session = section_actions
        for act in (add_client, self.edit_client_action, log_session):
            button = QToolButton(page)
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(act.text().replace("…", ""))
            heading.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for text, combo in (
            (self.tr("&Level:"), self.level_filter),
            (self.tr("S&tatus:"), self.status_filter),
        ):
            label = QLabel(text, page)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addWidget(self.show_closed)
        filters.addStretch(1)
        table_column = QVBoxLayout()
        table_column.addLayout(filters)
        table_column.addWidget(self.table, 1)
        table_column.addWidget(self.empty, 1)
        table_column.addWidget(self.count)
        body = QHBoxLayout()
        body.addLayout(table_column, 1)
        body.addWidget(self.load_panel)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(heading)
        layout.addLayout(body, 1)
        for first, second in (
            (self.search, self.level_filter),
            (self.level_filter, self.status_filter),
            (self.status_filter, self.show_closed),
            (self.show_closed, self.table),
        ):
            page.setTabOrder(first, second)

    # -- rows ----------------------------------------------------------------------------------
    def selected_client_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.client_id(rows[0].row()) if rows else None

    def select_client(self, client_id: str) -> bool:
        row = self.proxy.proxy_row_of(client_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, ALIAS))
        return True

    def update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(self.tr("Showing {shown} of {total} clients").format(shown=shown, total=total))
        if total == 0:
            self.empty.setText(
                self.tr(
                    "No clients yet. Add one with Ctrl+Shift+N, under an alias: a code or a word, "
                    "never a real name."
                )
            )
        else:
            self.empty.setText(self.tr("No clients match the search and filters."))
        self.empty.setVisible(shown == 0)
        self.table.setVisible(shown > 0)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self.update_count()

    def _filters_changed(self, *_args: object) -> None:
        self.proxy.set_level(self.level_filter.currentData())
        self.proxy.set_status(self.status_filter.currentData())
        self.show_closed.setEnabled(self.status_filter.currentData() is None)
        self.proxy.set_show_closed(self.show_closed.isChecked())
        self.update_count()

    def _row_activated(self, index: QModelIndex) -> None:
        client_id = self.proxy.client_id(index.row())
        if client_id:
            self.openRequested.emit(client_id)

    def open_selected(self) -> None:
        client_id = self.selected_client_id()
        if client_id:
            self.openRequested.emit(client_id)

    def _edit_selected(self) -> None:
        client_id = self.selected_client_id()
        if client_id:
            self.editRequested.emit(client_id)
