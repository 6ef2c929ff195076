"""score cbi / score single-item: score an answers file. Needs neither a vault nor a passphrase.

Input: ``{"answers": {"p1": "often", ...}}`` (single item: ``{"answers": {"burnout": 3}}``,
the number as 3 or "3"). Output on stdout, one line of JSON:
``{"instrument": "cbi", "scores": {"personal": 75.0, "work": null, "client": 50.0}}`` with
``null`` for a scale with too few answers. Invalid input exits with status 6.
"""

from __future__ import annotations

import argparse
import json

from therapist_desk.cli_commands.common import CliContext, add_common_options, load_json_file
from therapist_desk.domain.errors import InvalidAnswers
from therapist_desk.domain.instruments import get_instrument, score

MAX_ANSWERS_BYTES = 1_000_000
# Command name -> (instrument id, title). The id is what an export document's "instrument" holds.
# Titles are spelled out so that building the parser never reads the instrument files.
SCORED_INSTRUMENTS = {
    "cbi": ("cbi", "Copenhagen Burnout Inventory"),
    "single-item": ("single_item", "single-item burnout measure"),
}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("score", help="score a questionnaire's answers (no vault needed)")
    add_common_options(parser)
    actions = parser.add_subparsers(dest="score_command", metavar="INSTRUMENT", required=True)
    for command, (instrument_id, title) in SCORED_INSTRUMENTS.items():
        action = actions.add_parser(command, help=f"score {title} answers from a JSON file")
        add_common_options(action)
        action.add_argument("--answers-file", required=True, metavar="F", help='{"answers": {...}}')
        action.set_defaults(handler=cmd_score, instrument_id=instrument_id)


def cmd_score(ctx: CliContext) -> int:
    # Deliberately no ctx.unlocked() / instance lock: scoring never touches the data folder.
    instrument = get_instrument(ctx.args.instrument_id)
    document = load_json_file(ctx.args.answers_file, MAX_ANSWERS_BYTES, "answers file")
    if not isinstance(document, dict) or "answers" not in document:
        raise InvalidAnswers(
            'The answers file must be a JSON object with an "answers" object inside, '
            'like {"answers": {"' + instrument.items[0].id + '": "…"}}.'
        )
    result = score(instrument, document["answers"])
    print(json.dumps({"instrument": instrument.id, "scores": result.scores}))
    return 0
