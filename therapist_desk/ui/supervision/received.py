"""The supervisor's side: open summaries (verified first), trust on first use, and the filed list.

Opening a file verifies it before anything in it is shown; a file that fails is named as such
and nothing is filed. A new signing key asks the supervisor to confirm the name to pin it
under (after checking the fingerprint with the supervisee). A known key files quietly. A
different key under a pinned name brings a loud warning with both fingerprints, whose default
answer is not to file it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.errors import SummaryVerificationFailed, TherapistDeskError
from therapist_desk.security.summary_signing import read_summary_bytes
from therapist_desk.services.summary_document import read_summary
from therapist_desk.services.supervision import (
    Inspection,
    PinStatus,
    ReceivedSummary,
    SignerKeyChanged,
    SupervisionService,
)
from therapist_desk.ui.supervision.common import action_button, add_action, muted, plain_label, tr
from therapist_desk.ui.supervision.notes import SupervisionNotesPanel
from therapist_desk.ui.supervision.reader import SummaryReader
from therapist_desk.ui.widgets import describe_error

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ReceivedPage(QWidget):
    def __init__(
        self, supervision: SupervisionService, dialogs: object, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receivedSummaries")
        self.supervision = supervision
        self.dialogs = dialogs
        self.received: dict[str, ReceivedSummary] = {}

        self.open_action = add_action(self, tr("&Open summary…"), "Ctrl+O", "openSummary")
        self.open_action.triggered.connect(lambda: self.open_file())
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("receivedList")
        self.tree.setHeaderLabels([tr("Supervisee and period")])
        self.tree.setAccessibleName(tr("Received summaries by supervisee and period"))
        self.tree.setRootIsDecorated(True)
        self.tree.currentItemChanged.connect(lambda item, _previous: self._selected(item))
        self.remove_action = add_action(self.tree, tr("&Remove summary"), "Delete", "removeSummary")
        self.remove_action.triggered.connect(self.remove_selected)
        self.status = muted(plain_label("", self))
        self.status.setObjectName("receivedStatus")
        self.reader = SummaryReader(self)
        self.notes = SupervisionNotesPanel(supervision, dialogs, today, self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(action_button(self.open_action, left, default=True))
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (left, self.reader, self.notes):
            splitter.addWidget(widget)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([220, 470, 400])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.addWidget(splitter)
        self.refresh()

    # -- the list --------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        summaries = self.supervision.received()
        self.received = {s.id: s for s in summaries}
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        chosen: QTreeWidgetItem | None = None
        for summary in summaries:
            group = groups.get(summary.signer_name.casefold())
            if group is None:
                group = QTreeWidgetItem(self.tree, [summary.signer_name])
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                group.setExpanded(True)
                groups[summary.signer_name.casefold()] = group
            period = f"{summary.period_from or '—'} – {summary.period_to or '—'}"
            if summary.key_changed:
                period += " " + tr("(new key)")
            item = QTreeWidgetItem(group, [period])
            item.setData(0, ID_ROLE, summary.id)
            item.setToolTip(
                0,
                tr("Received {day} · fingerprint {fingerprint}").format(
                    day=summary.received_at[:10], fingerprint=summary.fingerprint
                ),
            )
            if summary.id == select:
                chosen = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        else:
            self._selected(None)  # never leave a removed summary on screen
        if not summaries:
            self.status.setText(tr("No summaries yet. Open a .tdsummary file a supervisee gave you."))

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        summary_id = item.data(0, ID_ROLE) if item is not None else None
        self.remove_action.setEnabled(bool(summary_id))
        if not summary_id:
            self.reader.clear()
            self.notes.set_summary(None)
            return
        try:
            verified = self.supervision.open_received(summary_id)
        except TherapistDeskError as exc:
            self.reader.clear()
            self.dialogs.error(self, tr("This summary cannot be shown"), describe_error(exc))  # type: ignore[attr-defined]
            return
        self.reader.show_summary(self.received[summary_id], read_summary(verified.payload))
        self.notes.set_summary(summary_id)

    def select(self, summary_id: str) -> None:
        self.refresh(select=summary_id)

    # -- opening and filing ----------------------------------------------------------------------
    def open_file(self, path: object = None) -> ReceivedSummary | None:
        """Ask for a file (unless given), verify it, apply trust on first use and file it."""
        if path is None:
            path = self.dialogs.pick_open_file(  # type: ignore[attr-defined]
                self,
                tr("Open a supervision summary"),
                tr("Supervision summaries (*.tdsummary);;All files (*)"),
            )
            if path is None:
                return None
        try:
            data = read_summary_bytes(path)  # type: ignore[arg-type]
            inspection = self.supervision.inspect(data)
        except SummaryVerificationFailed as exc:
            self.status.setText(tr("Nothing was filed: the file failed verification."))
            self.dialogs.error(self, tr("This summary cannot be trusted"), exc.message)  # type: ignore[attr-defined]
            return None
        try:
            filed = self._file(data, inspection)
        except TherapistDeskError as exc:
            self.dialogs.error(self, tr("The summary was not filed"), describe_error(exc))  # type: ignore[attr-defined]
            return None
        if filed is None:
            self.status.setText(tr("Nothing was filed."))
            return None
        self.status.setText(tr("Verified and filed under: {name}").format(name=filed.signer_name))
        self.refresh(select=filed.id)
        return filed

    def _file(self, data: bytes, inspection: Inspection) -> ReceivedSummary | None:
        fingerprint = inspection.verified.fingerprint
        if inspection.status is PinStatus.KNOWN:
            return self.supervision.file_summary(data, inspection.suggested_name)
        if inspection.status is PinStatus.KEY_CHANGED:
            if not self._accept_new_key(
                inspection.suggested_name, inspection.pinned_fingerprint or "—", fingerprint
            ):
                return None
            return self.supervision.file_summary(data, inspection.suggested_name, accept_key_change=True)
        name = self.dialogs.ask(  # type: ignore[attr-defined]
            self,
            tr("A new supervisee"),
            tr(
                "This is the first summary signed with this key.\n\nFingerprint: {fingerprint}\n\n"
                "Check this fingerprint with the supervisee in person or by phone, then confirm the "
                "name to file their summaries under:"
            ).format(fingerprint=fingerprint),
            text=inspection.suggested_name,
        )
        if name is None or not name.strip():
            return None
        try:
            return self.supervision.file_summary(data, name)
        except SignerKeyChanged:
            # The chosen name is pinned to another key: the same loud warning applies.
            old = self.supervision.pinned_fingerprint(name) or "—"
            if not self._accept_new_key(name.strip(), old, fingerprint):
                return None
            return self.supervision.file_summary(data, name, accept_key_change=True)

    def _accept_new_key(self, name: str, pinned: str, new: str) -> bool:
        text = tr(
            "This summary says it is from {name}, but it was signed with a different key from the one "
            "you pinned for {name}.\n\n"
            "Pinned fingerprint:\n{pinned}\n\nThis file's fingerprint:\n{new}\n\n"
            "Someone else may have made this file, or {name} may be using a new computer or vault. "
            "Do not file it until you have checked the new fingerprint with {name} in person or by phone."
        ).format(name=name, pinned=pinned, new=new)
        return bool(
            self.dialogs.confirm(  # type: ignore[attr-defined]
                self,
                tr("Warning: the signing key has changed"),
                text,
                confirm_label=tr("File it and trust the new key"),
                destructive=True,  # the default button is Cancel: do not file
            )
        )

    def remove_selected(self) -> None:
        item = self.tree.currentItem()
        summary_id = item.data(0, ID_ROLE) if item is not None else None
        if not summary_id:
            return
        if self.dialogs.confirm(  # type: ignore[attr-defined]
            self,
            tr("Remove this summary?"),
            tr("The summary and your supervision notes next to it are removed from your vault."),
            confirm_label=tr("Remove"),
            destructive=True,
        ):
            self.notes.dirty = False
            self.supervision.delete_received(summary_id)
            self.refresh()

    def focus_first(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
