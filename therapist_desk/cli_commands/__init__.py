"""Headless commands, one module per feature area. Each has ``register(subparsers)``.

The modules are imported only when a command is given, so that opening the window does not
pay for every command's imports (see benchmarks: start-up time).
"""

from __future__ import annotations

import importlib
from types import ModuleType

COMMAND_MODULE_NAMES = (
    "vault_commands",
    "summary_commands",
    "score_commands",
    "journal_commands",
    "data_commands",
    "demo_commands",
)


def command_modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in COMMAND_MODULE_NAMES]
