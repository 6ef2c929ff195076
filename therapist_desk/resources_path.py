"""Where the bundled data files live: ``resources/`` next to the ``therapist_desk`` package.

One helper so that prompts, instruments, icons and translations are found the same way
whether the app runs from a checkout or an editable install.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("prompts", "prompts.json")``."""
    return RESOURCES_DIR.joinpath(*parts)
