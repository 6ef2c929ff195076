"""summary verify (no vault needed) and summary create."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from therapist_desk.cli_commands.common import CliContext, add_common_options
from therapist_desk.domain.clock import SystemClock
from therapist_desk.domain.errors import UsageError
from therapist_desk.security.summary_signing import FILE_SUFFIX, verify_summary_file


def register(sub: argparse._SubParsersAction) -> None:
    summary = sub.add_parser("summary", help="create or verify a signed supervisor summary")
    add_common_options(summary)
    actions = summary.add_subparsers(dest="summary_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="verify a .tdsummary file and print the signer's fingerprint")
    add_common_options(verify)
    verify.add_argument("file", metavar="FILE.tdsummary")
    verify.set_defaults(handler=cmd_verify)

    create = actions.add_parser(
        "create",
        help="compose a signed supervisor summary with the default sections (aggregates only)",
        description="Compose a signed supervisor summary for a period with the default sections: "
        "self-care trends, indicator status, caseload by program level, themes reflected on and "
        "stalled sessions, as numbers only (no note text, no client aliases).",
    )
    add_common_options(create)
    create.add_argument(
        "--from", dest="period_from", metavar="DATE", required=True, help="first day (YYYY-MM-DD)"
    )
    create.add_argument("--to", dest="period_to", metavar="DATE", required=True, help="last day (YYYY-MM-DD)")
    create.add_argument(
        "--output", metavar="FILE.tdsummary", required=True, help="the signed summary to write"
    )
    create.add_argument("--pdf", metavar="FILE.pdf", help="also write a PDF for reading or printing")
    create.add_argument(
        "--display-name",
        metavar="NAME",
        help="the name shown to the supervisor (default: the name last used in the app, "
        "else 'Therapist Desk user')",
    )
    create.set_defaults(handler=cmd_create)


def cmd_verify(ctx: CliContext) -> int:
    verified = verify_summary_file(Path(ctx.args.file))
    payload = verified.payload
    name = payload.get("display_name") if isinstance(payload.get("display_name"), str) else None
    print("Verified: the summary is intact and signed.")
    print(f"Signer fingerprint: {verified.fingerprint}")
    if name:
        print(f"Signed as: {name}")
    return 0


def _day(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"The {what} date must be written as YYYY-MM-DD.") from None


def _target(value: str, what: str) -> Path:
    path = Path(value)
    if path.is_dir():
        raise UsageError(f"The {what} {path} is a folder; give a file name.")
    if not path.parent.is_dir():
        raise UsageError(f"The folder for the {what} {path} does not exist.")
    return path


def cmd_create(ctx: CliContext) -> int:
    # Imported here: the other summary and vault commands should not pay for them.
    from therapist_desk.services.summary_composer import SummaryComposer, SummaryOptions, write_summary
    from therapist_desk.services.supervision import SupervisionService

    args = ctx.args
    start, end = _day(args.period_from, "--from"), _day(args.period_to, "--to")
    output = _target(args.output, "output file")
    pdf = _target(args.pdf, "PDF file") if args.pdf else None
    if output.suffix != FILE_SUFFIX:
        raise UsageError(f"The output file name must end in {FILE_SUFFIX}.")
    if pdf is not None and pdf.resolve() == output.resolve():
        raise UsageError("The PDF and the signed summary need two different file names.")
    clock = SystemClock()
    with ctx.unlocked() as unlocked:
        composer = SummaryComposer(unlocked.vault, clock)
        name = args.display_name if args.display_name is not None else composer.display_name()
        payload = composer.compose(SummaryOptions(start, end, name))
        pdf_bytes = _pdf_bytes(payload) if pdf is not None else None  # before any file is written
        supervision = SupervisionService(unlocked.vault, clock)
        write_summary(payload, output, supervision.signing_key())
        fingerprint = supervision.my_fingerprint()
    if pdf is not None and pdf_bytes is not None:
        from therapist_desk.storage.atomic import atomic_write_bytes

        atomic_write_bytes(pdf, pdf_bytes)
    print(f"Wrote the signed summary {output}.")
    if pdf is not None:
        print(f"Wrote the PDF {pdf}.")
    print(f"Signer fingerprint: {fingerprint}")
    print("Tell your supervisor this fingerprint in person or by phone, so they can check the file is yours.")
    return 0


def _pdf_bytes(payload: dict[str, object]) -> bytes:
    # The PDF needs Qt's text layout; it runs on the offscreen platform, so no display is used.
    from therapist_desk.ui.summary_pdf import ensure_application, summary_pdf_bytes

    ensure_application()
    return summary_pdf_bytes(payload)
