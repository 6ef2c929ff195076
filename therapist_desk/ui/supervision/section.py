"""The Supervision section: prepare a summary for a supervisor, or read the ones you received.

Supervisee side: the composer, then the redaction preview of the exact document, then export
as a signed ``.tdsummary`` and/or a PDF, both made from the previewed payload and nothing
else. Supervisor side: received summaries, verified before they are shown, with private
supervision notes next to each. At lock the composer's form is kept as a draft inside the
vault and an open supervision note is saved.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from therapist_desk.domain.errors import TherapistDeskError
from therapist_desk.security.summary_signing import FILE_SUFFIX
from therapist_desk.services.selfcare import read_preference, write_preference
from therapist_desk.services.summary_composer import SummaryComposer, SummaryOptions, write_summary
from therapist_desk.services.summary_text import identifier_warnings
from therapist_desk.services.supervision import SupervisionService
from therapist_desk.storage.atomic import atomic_write_bytes
from therapist_desk.ui.dialogs import DialogService, QtDialogService
from therapist_desk.ui.summary_pdf import summary_pdf_bytes
from therapist_desk.ui.supervision import SUPERVISION_SECTION  # noqa: F401  (re-exported)
from therapist_desk.ui.supervision.common import add_action, tr, window_dialogs
from therapist_desk.ui.supervision.composer import ComposerPage
from therapist_desk.ui.supervision.preview import PreviewPage
from therapist_desk.ui.supervision.received import ReceivedPage
from therapist_desk.ui.widgets import describe_error

DRAFT_KEY = "supervision.composer_draft"
# Under this name a lock keeps a composer draft it could not store (services/kept_work.py).
KEPT_DRAFT = "supervision.composer"
KEPT_NOTE = "supervision.note"


class SupervisionView(QWidget):
    def __init__(
        self, services: Any, parent: QWidget | None = None, dialogs: DialogService | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisionView")
        self.services = services
        self.dialogs: DialogService = dialogs or window_dialogs(parent) or QtDialogService()
        self.composer_service: SummaryComposer = services.summary_composer
        self.supervision: SupervisionService = services.supervision
        today = services.clock.today()

        self.composer = ComposerPage(self.composer_service, today, self)
        self.preview = PreviewPage(self)
        self.received = ReceivedPage(self.supervision, self.dialogs, today, self)
        self.prepare = QStackedWidget(self)
        self.prepare.addWidget(self.composer)
        self.prepare.addWidget(self.preview)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(tr("Supervision pages"))
        self.tabs.addTab(self.prepare, tr("Prepare a summary"))
        self.tabs.addTab(self.received, tr("Received summaries"))
        for number, shortcut in enumerate(("Alt+1", "Alt+2")):
            self.tabs.setTabToolTip(number, f"{self.tabs.tabText(number)} ({shortcut})")
            action = add_action(self, self.tabs.tabText(number), shortcut, f"supervisionTab{number}")
            action.triggered.connect(lambda _checked=False, n=number: self.show_tab(n))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.composer.previewRequested.connect(self.show_preview)
        self.preview.backRequested.connect(self.show_composer)
        self.preview.exportSummaryRequested.connect(self.export_summary)
        self.preview.exportPdfRequested.connect(self.export_pdf)
        self._findings_accepted = False
        self._load_draft()
        self._restore_kept_note()
        services.add_lock_hook(self.save_on_lock)
        self._shown_once = False

    # -- navigation --------------------------------------------------------------------------------
    def show_tab(self, number: int) -> None:
        self.tabs.setCurrentIndex(number)
        if number != 0:
            self.received.focus_first()
        elif self.prepare.currentWidget() is self.preview:
            self.preview.focus_first()
        else:
            self.composer.focus_first()

    def show_composer(self) -> None:
        self.prepare.setCurrentWidget(self.composer)
        self.composer.focus_first()

    def show_preview(self, options: SummaryOptions) -> bool:
        """Compose the payload for ``options`` and show it in the preview (False on a refused form)."""
        try:
            payload = self.composer_service.compose(options)
            self.composer_service.set_display_name(options.display_name)
            fingerprint = self.supervision.my_fingerprint()
        except TherapistDeskError as exc:
            self.dialogs.error(self, tr("The summary cannot be prepared"), describe_error(exc))
            return False
        findings = identifier_warnings(payload, today=self.services.clock.today())
        self._findings_accepted = not findings
        self.preview.show_payload(payload, findings, fingerprint)
        self.prepare.setCurrentWidget(self.preview)
        self.preview.focus_first()
        return True

    # -- export ------------------------------------------------------------------------------------
    def _suggested(self, suffix: str) -> Path:
        period = self.preview.payload["period"] if self.preview.payload else {"from": "", "to": ""}
        return Path.home() / f"supervision-summary-{period['from']}-to-{period['to']}{suffix}"

    def _ready_to_export(self) -> bool:
        if self.preview.payload is None:
            return False
        if self._findings_accepted:
            return True
        self._findings_accepted = self.dialogs.confirm(
            self,
            tr("Export with possible identifiers?"),
            tr(
                "The preview marks {n} place(s) that may identify a person. Go back to change them, or "
                "export as it is if you are sure nobody can be identified."
            ).format(n=len(self.preview.findings)),
            confirm_label=tr("Export anyway"),
        )
        return self._findings_accepted

    def export_summary(self) -> Path | None:
        """Sign exactly the previewed payload and write the ``.tdsummary`` file."""
        if not self._ready_to_export() or self.preview.payload is None:
            return None
        path = self.dialogs.pick_save_file(
            self,
            tr("Save the signed summary"),
            self._suggested(FILE_SUFFIX),
            tr("Supervision summaries (*.tdsummary)"),
        )
        if path is None:
            return None
        if path.suffix != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        try:
            write_summary(self.preview.payload, path, self.supervision.signing_key())
        except TherapistDeskError as exc:
            self.dialogs.error(self, tr("The summary was not saved"), describe_error(exc))
            return None
        self.dialogs.info(
            self,
            tr("Signed summary saved"),
            tr("Saved {path}.\n\nYour fingerprint: {fingerprint}").format(
                path=path, fingerprint=self.supervision.my_fingerprint()
            ),
        )
        return path

    def export_pdf(self) -> Path | None:
        """Write the previewed payload as a PDF."""
        if not self._ready_to_export() or self.preview.payload is None:
            return None
        path = self.dialogs.pick_save_file(
            self, tr("Save the summary as PDF"), self._suggested(".pdf"), tr("PDF (*.pdf)")
        )
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            atomic_write_bytes(path, summary_pdf_bytes(self.preview.payload))
        except TherapistDeskError as exc:
            self.dialogs.error(self, tr("The PDF was not saved"), describe_error(exc))
            return None
        self.dialogs.info(self, tr("PDF saved"), tr("Saved {path}.").format(path=path))
        return path

    # -- lifecycle -----------------------------------------------------------------------------------
    def save_on_lock(self) -> None:
        """Lock hook (the connection is still open): keep the form as a draft and save an open note.

        A draft that cannot be written (a full disk) is kept sealed until the next unlock
        (services/kept_work.py), and ``_load_draft`` prefers it then.
        """
        draft = self.composer.draft()
        try:
            self._store_draft(draft)
        except TherapistDeskError:
            self.services.keep_unsaved(KEPT_DRAFT, {"draft": draft})
        note = self.received.notes.save_on_lock()
        if note is not None:
            self.services.keep_unsaved(KEPT_NOTE, note)

    def _store_draft(self, draft: dict[str, Any]) -> None:
        with self.services.vault.transaction():
            write_preference(self.services.vault, DRAFT_KEY, draft)

    def _restore_kept_note(self) -> None:
        """A supervision note the last lock could not save: its summary opened, the form back, saved."""
        kept = self.services.take_kept(KEPT_NOTE)
        if kept is None:
            return
        self.received.select(kept["summary_id"])
        if self.received.notes.summary_id != kept["summary_id"]:
            # Its summary is not in this vault (another backup was restored): it waits, and
            # quitting still asks before it is lost.
            self.services.keep_unsaved(KEPT_NOTE, kept)
            return
        self.tabs.setCurrentWidget(self.received)
        self.received.notes.restore(kept)  # on screen and saved; if not, the next lock keeps it again

    def _load_draft(self) -> None:
        kept = self.services.take_kept(KEPT_DRAFT)
        if kept is None:
            self.composer.load_draft(read_preference(self.services.vault, DRAFT_KEY))
            return
        self.composer.load_draft(kept["draft"])
        with contextlib.suppress(TherapistDeskError):  # still on screen; the next lock keeps it again
            self._store_draft(kept["draft"])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.composer.focus_first()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.preview.restyle()
        super().changeEvent(event)
