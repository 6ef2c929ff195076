"""backup, restore, export, import, import-journal (issue 4; CONTRACTS.md §2 and §3)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from therapist_desk.cli_commands.common import CliContext, add_command, read_first_line
from therapist_desk.domain.clock import SystemClock
from therapist_desk.services.backup import create_backup, restore_backup
from therapist_desk.services.exchange import ImportReport, import_document, read_document, write_export
from therapist_desk.services.journal_import import journal_document
from therapist_desk.storage import migrations


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "backup", "write one verified file holding the database and its key file", cmd_backup
    )
    p.add_argument("--output", required=True, metavar="FILE")
    p = add_command(sub, "restore", "restore a backup into --data-dir (which must be empty)", cmd_restore)
    p.add_argument("file", metavar="FILE")
    p = add_command(sub, "export", "write an export document (JSON, not encrypted)", cmd_export)
    p.add_argument("--output", required=True, metavar="FILE.json")
    p = add_command(sub, "import", "import an export document (all-or-nothing, idempotent)", cmd_import)
    p.add_argument("file", metavar="FILE.json")
    p = add_command(
        sub, "import-journal", "import a jrnl or Day One JSON export as notes", cmd_import_journal
    )
    p.add_argument("file", metavar="FILE")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--jrnl", dest="kind", action="store_const", const="jrnl", help="a jrnl JSON export")
    kind.add_argument(
        "--dayone", dest="kind", action="store_const", const="dayone", help="a Day One JSON export (zip)"
    )


def cmd_backup(ctx: CliContext) -> int:
    target = Path(ctx.args.output).expanduser().absolute()
    with ctx.unlocked() as unlocked:
        info = create_backup(unlocked, target)
    size = target.stat().st_size
    print(f"Backup written to {target} and verified ({size / 1_000_000:.1f} MB, made {info.created_at}).")
    return 0


def cmd_restore(ctx: CliContext) -> int:
    # Only a --passphrase-file is read here: without one, restoring needs no passphrase.
    path = getattr(ctx.args, "passphrase_file", None)
    passphrase = read_first_line(path) if path else None
    with ctx.instance_lock():
        result = restore_backup(Path(ctx.args.file), ctx.paths, passphrase)
    info = result.info
    print(f"Restored the backup made {info.created_at} into {ctx.paths.data_dir}.")
    if passphrase is not None:
        print("The restored vault unlocks with the given passphrase.")
    if info.schema_version < migrations.latest_version():
        print("It uses an older schema; it will be upgraded the first time it is unlocked.")
    return 0


def cmd_export(ctx: CliContext) -> int:
    target = Path(ctx.args.output).expanduser().absolute()
    with ctx.unlocked() as unlocked:
        result = write_export(unlocked.vault, target, SystemClock())
    print(f"Exported to {target}.")
    for section, count in result.counts:
        print(f"  {section}: {count}")
    print(
        "The export file is NOT encrypted: keep it somewhere safe and delete it when done.", file=sys.stderr
    )
    return 0


def _print_report(report: ImportReport) -> None:
    for count in report.sections:
        print(f"{count.section}: {count.added} added, {count.already_present} already present")
    for name in report.preserved_sections:
        print(f"{name}: kept as it is (not used by this version)")


def cmd_import(ctx: CliContext) -> int:
    document = read_document(Path(ctx.args.file))  # an invalid file fails before the passphrase
    with ctx.unlocked() as unlocked:
        report = import_document(unlocked.vault, document)
    _print_report(report)
    return 0


def cmd_import_journal(ctx: CliContext) -> int:
    document = journal_document(Path(ctx.args.file), SystemClock(), ctx.args.kind)
    with ctx.unlocked() as unlocked:
        report = import_document(unlocked.vault, document)
    _print_report(report)
    return 0
