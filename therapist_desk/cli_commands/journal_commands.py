"""search QUERY [--json]: full-text search of the reflection journal (CONTRACTS.md §2).

``--json`` prints one JSON list of ``{"id", "title", "created_at", "snippet"}``, best match
first. ``snippet`` is plain text on one line (runs of whitespace squeezed to one space) with
each matched word wrapped in ``[`` and ``]``; brackets the note itself contains are left as
they are. Every word of the query must match (quotes and operators are plain text); an
empty query lists the newest reflections. Notes in the trash are never shown.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from therapist_desk.cli_commands.common import CliContext, add_command
from therapist_desk.domain.clock import SystemClock
from therapist_desk.domain.errors import UsageError
from therapist_desk.domain.journal import THEMES, SearchHit
from therapist_desk.services.journal import JournalService

DEFAULT_LIMIT = 50


def register(sub: argparse._SubParsersAction) -> None:
    parser = add_command(sub, "search", "full-text search of your reflections", cmd_search)
    parser.add_argument("query", metavar="QUERY", help="words to find (all must match)")
    parser.add_argument("--json", action="store_true", help="print a JSON list, best match first")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help="at most N results")
    parser.add_argument("--tag", metavar="TAG", help="only notes with this tag")
    parser.add_argument("--theme", choices=THEMES, metavar="THEME", help="only notes with this theme")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="written on or after YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="written on or before YYYY-MM-DD")


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} needs a date in the form YYYY-MM-DD.") from None


def one_line_snippet(hit: SearchHit) -> str:
    return " ".join(hit.marked("[", "]").split())


def cmd_search(ctx: CliContext) -> int:
    args = ctx.args
    if args.limit < 1:
        raise UsageError("--limit must be at least 1.")
    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    with ctx.unlocked() as unlocked:
        journal = JournalService(unlocked.vault, SystemClock())
        hits = journal.search(
            args.query,
            tag=args.tag,
            theme=args.theme,
            date_from=date_from,
            date_to=date_to,
            limit=args.limit,
            prefix_last=False,  # a command line query is complete: whole words only
        )
    if args.json:
        records = [
            {
                "id": hit.id,
                "title": hit.title,
                "created_at": hit.created_at.isoformat(),
                "snippet": one_line_snippet(hit),
            }
            for hit in hits
        ]
        # ASCII escapes keep the output valid whatever the terminal's encoding.
        print(json.dumps(records, indent=2))
        return 0
    if not hits:
        print("No reflections match.")
        return 0
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="replace")
    for hit in hits:
        title = " ".join(hit.title.split()) or "(untitled)"
        print(f"{hit.created_at:%Y-%m-%d %H:%M}  {title}", file=out)
        snippet = one_line_snippet(hit)
        if snippet:
            print(f"    {snippet}", file=out)
        if hit.tags:
            print(f"    tags: {', '.join(hit.tags)}", file=out)
    return 0
