"""The Vault menu's data actions (issue 4): back up, restore, export, import.

    Back up now…                  Ctrl+Shift+B   (ui/backup_actions.py)
    Restore from backup…          Ctrl+Alt+R     (ui/restore_flow.py)
    Export to JSON…               Ctrl+Shift+X
    Export notes as Markdown…     Ctrl+Shift+M
    Import…                       Ctrl+Shift+I
    Import from jrnl / Day One…   Ctrl+Shift+J

Every long step runs on a worker behind a progress dialog (ui/data_task.py). Exports warn
first, in a dialog of their own, that the files are not encrypted. ``attach_data_actions``
is called once by ``app.create_main_window``.

Messages that quote an imported file (an invalid value, a section name) always start with a
fixed first line: Qt decides from the first line whether a message box text is rich text, so
file content is never rendered as HTML.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt
from PySide6.QtGui import QAction

from therapist_desk.domain.clock import Clock
from therapist_desk.services.exchange import (
    ExportResult,
    ImportReport,
    import_document,
    read_document,
    registered_codecs,
    write_export,
)
from therapist_desk.services.session import SessionState
from therapist_desk.ui.backup_actions import BackupActions, with_suffix
from therapist_desk.ui.backup_settings import BackupSettingsGroup
from therapist_desk.ui.data_dialogs import JSON_EXPORT, MARKDOWN_EXPORT, ExportWarningDialog
from therapist_desk.ui.data_task import DataJob, Progress
from therapist_desk.ui.restore_flow import RestoreFlow
from therapist_desk.ui.widgets import describe_error


def tr(text: str) -> str:
    return QCoreApplication.translate("DataActions", text)


class DataActions(QObject):
    def __init__(self, window: Any, clock: Clock) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.dialogs = window.dialogs
        self.backups = BackupActions(window, clock)
        self.restore = RestoreFlow(window, clock, on_restored=self.backups.refresh_status)
        self.export_warning: ExportWarningDialog | None = None

        add = window.add_window_action
        self.backup_action = add(self.tr("&Back up now…"), "backup", "Ctrl+Shift+B", "backupNowAction")
        self.restore_action = add(
            self.tr("&Restore from backup…"), "restore", "Ctrl+Alt+R", "restoreBackupAction"
        )
        self.export_action = add(self.tr("&Export to JSON…"), "export", "Ctrl+Shift+X", "exportJsonAction")
        self.markdown_action = add(
            self.tr("Export notes as &Markdown…"), "export", "Ctrl+Shift+M", "exportMarkdownAction"
        )
        self.import_action = add(self.tr("&Import…"), "import", "Ctrl+Shift+I", "importAction")
        self.journal_action = add(
            self.tr("Import from &jrnl / Day One…"), "import", "Ctrl+Shift+J", "importJournalAction"
        )
        self.backup_action.triggered.connect(self.backups.back_up_now)
        self.restore_action.triggered.connect(self.restore.start)
        self.export_action.triggered.connect(self.export_json)
        self.markdown_action.triggered.connect(self.export_markdown)
        self.import_action.triggered.connect(self.import_export_file)
        self.journal_action.triggered.connect(self.import_journal)
        for action in self.actions():
            action.setWhatsThis(action.toolTip())
        self._add_to_menu()

        window.bridge.stateChanged.connect(lambda _state: self.update_enabled())
        window.bridge.busyChanged.connect(lambda _busy: self.update_enabled())
        if hasattr(window, "vaultFolderChanged"):
            window.vaultFolderChanged.connect(self.update_enabled)
        window.settingsOpened.connect(self._add_settings_group)
        self.update_enabled()

    def actions(self) -> list[QAction]:
        return [
            self.backup_action,
            self.restore_action,
            self.export_action,
            self.markdown_action,
            self.import_action,
            self.journal_action,
        ]

    def _add_to_menu(self) -> None:
        menu = self.window.vault_menu
        before = self.window.quit_action
        menu.insertActions(before, [self.backup_action, self.restore_action])
        menu.insertSeparator(before)
        menu.insertActions(before, self.actions()[2:])
        menu.insertSeparator(before)

    def update_enabled(self) -> None:
        bridge = self.window.bridge
        ready = bridge.session.state is SessionState.UNLOCKED and not bridge.busy
        for action in self.actions()[2:]:
            action.setEnabled(ready)
        # No backup of the demo vault, and no restore over it (ui/demo_mode.py).
        demo = bool(getattr(self.window, "demo_active", False))
        self.backup_action.setEnabled(ready and not demo)
        self.restore_action.setEnabled(self.restore.available() and not demo)

    def _add_settings_group(self, dialog: Any) -> None:
        if getattr(self.window, "demo_active", False):
            return  # backup settings belong to the real vault; the demo vault is never backed up
        group = BackupSettingsGroup(
            self.window.settings, self.window.bridge.store.paths, self.dialogs, dialog
        )
        dialog.add_section(group)
        dialog.accepted.connect(group.save)
        dialog.backup_group = group
        # Tab order: after the dialog's own controls, before OK/Cancel.
        dialog.setTabOrder(dialog.folder_button, group.first_widget())
        dialog.setTabOrder(group.first_widget(), group.choose_button)
        dialog.setTabOrder(group.choose_button, group.last_widget())

    def _ready(self) -> bool:
        bridge = self.window.bridge
        return bridge.session.is_unlocked and not bridge.busy

    def _today(self) -> str:
        return self.clock.today().isoformat()

    # -- export to JSON -------------------------------------------------------------------
    def _warn(self, kind: str, then: Any) -> bool:
        if not self._ready() or self.export_warning is not None:
            return False
        dialog = ExportWarningDialog(kind, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(then)
        dialog.finished.connect(self._warning_closed)
        self.export_warning = dialog
        dialog.open()
        return True

    def _warning_closed(self, _result: int) -> None:
        self.export_warning = None

    def export_json(self) -> bool:
        """Warn that the export is not encrypted; continue when the user confirms."""
        return self._warn(JSON_EXPORT, self._export_json_confirmed)

    def _export_json_confirmed(self) -> None:
        if not self._ready():
            return
        title = self.tr("Export to JSON")
        target = self.dialogs.pick_save_file(
            self.window,
            title,
            Path.home() / f"therapist-desk-export-{self._today()}.json",
            self.tr("JSON files (*.json)"),
        )
        if target is None:
            return
        target = with_suffix(Path(target).absolute(), ".json")
        vault, clock = self.window.bridge.session.services.vault, self.clock

        def work(progress: Progress) -> ExportResult:
            return write_export(vault, target, clock, progress)

        job = DataJob(self.window, title, self.tr("Writing the export…"))
        job.start(work, self._exported, self._failed_with(self.tr("Nothing was exported.")), suspend=True)

    def _exported(self, result: ExportResult) -> None:
        counts = "\n".join(
            self.tr("{section}: {count}").format(section=section_name(name), count=QLocale().toString(count))
            for name, count in result.counts
        )
        self.dialogs.info(
            self.window,
            self.tr("Export written"),
            self.tr(
                "The export was written to:\n{path}\n\n{counts}\n\n"
                "This file is NOT encrypted: keep it somewhere safe and delete it when you no longer "
                "need it."
            ).format(path=result.path, counts=counts),
        )

    # -- export notes as Markdown ------------------------------------------------------------
    def export_markdown(self) -> bool:
        return self._warn(MARKDOWN_EXPORT, self._export_markdown_confirmed)

    def _export_markdown_confirmed(self) -> None:
        if not self._ready():
            return
        title = self.tr("Export notes as Markdown")
        chosen = self.dialogs.pick_folder(self.window, self.tr("Choose a folder for the notes"), Path.home())
        if chosen is None:
            return
        folder = Path(chosen).absolute()
        with contextlib.suppress(OSError):
            if folder.is_dir() and any(folder.iterdir()):
                # Not loose among other files: one dated folder, easy to find and delete later.
                folder = folder / f"therapist-desk-notes-{self._today()}"
        vault = self.window.bridge.session.services.vault

        def work(progress: Progress) -> tuple[Path, int]:
            # Imported on use: start-up does not need the exporter or the importers.
            from therapist_desk.services.markdown_export import export_notes_markdown

            codec = next((c for c in registered_codecs() if c.name == "notes"), None)
            notes = codec.export_records(vault) if codec is not None else []
            return folder, len(export_notes_markdown(notes, folder, progress))

        job = DataJob(self.window, title, self.tr("Writing the notes…"))
        job.start(
            work, self._markdown_written, self._failed_with(self.tr("Nothing was exported.")), suspend=True
        )

    def _markdown_written(self, result: tuple[Path, int]) -> None:
        folder, count = result
        self.dialogs.info(
            self.window,
            self.tr("Notes exported"),
            self.tr(
                "{count} notes were written as Markdown files into:\n{folder}\n\n"
                "These files are NOT encrypted: keep them somewhere safe and delete them when you no "
                "longer need them."
            ).format(count=QLocale().toString(count), folder=folder),
        )

    # -- import ---------------------------------------------------------------------------------
    def import_export_file(self) -> bool:
        """Import a Therapist Desk export document (all-or-nothing, idempotent)."""
        if not self._ready():
            return False
        title = self.tr("Import")
        path = self.dialogs.pick_open_file(
            self.window, title, self.tr("Therapist Desk exports (*.json);;All files (*)")
        )
        if path is None:
            return False
        vault = self.window.bridge.session.services.vault

        def work(progress: Progress) -> ImportReport:
            return import_document(vault, read_document(Path(path)), progress)

        self._run_import(title, work)
        return True

    def import_journal(self) -> bool:
        """Import a jrnl JSON export or a Day One JSON export (zip) as notes."""
        if not self._ready():
            return False
        title = self.tr("Import from jrnl / Day One")
        path = self.dialogs.pick_open_file(
            self.window,
            title,
            self.tr("jrnl or Day One exports (*.json *.zip);;All files (*)"),
        )
        if path is None:
            return False
        vault, clock = self.window.bridge.session.services.vault, self.clock

        def work(progress: Progress) -> ImportReport:
            from therapist_desk.services.journal_import import import_journal_file

            return import_journal_file(vault, Path(path), clock, progress=progress)

        self._run_import(title, work)
        return True

    def _run_import(self, title: str, work: Any) -> None:
        job = DataJob(self.window, title, self.tr("Checking and importing…"))
        # Sections are closed first and rebuilt after, so they show what was added.
        job.start(work, self._imported, self._import_failed, suspend=True)

    def _imported(self, report: ImportReport) -> None:
        self.dialogs.info(self.window, self.tr("Import finished"), import_report_text(report))

    def _import_failed(self, exc: BaseException) -> None:
        message = describe_error(exc)
        lines = [self.tr("Nothing was imported, and nothing in the vault was changed."), message]
        self.dialogs.error(self.window, self.tr("Import refused"), "\n".join(lines))

    def _failed_with(self, first_line: str) -> Any:
        def failed(exc: BaseException) -> None:
            self.dialogs.error(self.window, self.tr("Export failed"), first_line + "\n" + describe_error(exc))

        return failed


def section_name(name: str) -> str:
    """A section of the export document in the user's words (unknown ones as they are)."""
    names = {
        "notes": tr("Reflection notes"),
        "clients": tr("Clients"),
        "sessions": tr("Sessions"),
        "self_care": tr("Self-care check-ins"),
        "assessments": tr("Assessments"),
        "time_off": tr("Time off"),
    }
    return names.get(name, name)


def import_report_text(report: ImportReport) -> str:
    """The import's counts, one line per section; the first line is always our own words."""
    locale = QLocale()
    if report.total_added:
        lines = [tr("The import is complete.")]
    else:
        lines = [tr("Nothing new: everything in the file was already in the vault.")]
    lines.append("")
    for count in report.sections:
        lines.append(
            tr("{section}: {added} added, {present} already present").format(
                section=section_name(count.section),
                added=locale.toString(count.added),
                present=locale.toString(count.already_present),
            )
        )
    if report.preserved_sections:
        lines += [
            "",
            tr("Kept as they are, for a later version: {names}").format(
                names=", ".join(name[:60] for name in report.preserved_sections)
            ),
        ]
    return "\n".join(lines)


def attach_data_actions(window: Any, clock: Clock) -> DataActions:
    """Give the window its Vault menu data actions, automatic backups and backup notice."""
    actions = DataActions(window, clock)
    window.data_actions = actions
    return actions
