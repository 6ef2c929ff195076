"""Headless commands, one module per feature area. Each has ``register(subparsers)``."""

from __future__ import annotations

from therapist_desk.cli_commands import vault_commands
from therapist_desk.cli_commands import summary_commands

COMMAND_MODULES = [vault_commands, summary_commands]
