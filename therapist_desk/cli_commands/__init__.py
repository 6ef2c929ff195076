"""Headless commands, one module per feature area. Each has ``register(subparsers)``."""

from __future__ import annotations

from therapist_desk.cli_commands import (
    data_commands,
    demo_commands,
    journal_commands,
    score_commands,
    summary_commands,
    vault_commands,
)

COMMAND_MODULES = [
    vault_commands,
    summary_commands,
    score_commands,
    journal_commands,
    data_commands,
    demo_commands,
]
