"""Where the bundled data files live.

From a checkout or an editable install (what ``make run`` does): ``resources/`` next to the
``therapist_desk`` package. From an installed wheel: ``<prefix>/share/therapist-desk``, where
pyproject.toml's data-files put them (the prefix of the environment, or the user base for a
``--user`` install). One helper, so prompts, instruments and icons are found the same way.
"""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

CHECKOUT_DIR = Path(__file__).resolve().parent.parent / "resources"
SHARE_NAME = "therapist-desk"


def _candidates() -> list[Path]:
    user_data = sysconfig.get_path("data", sysconfig.get_preferred_scheme("user"))
    return [CHECKOUT_DIR, Path(sys.prefix) / "share" / SHARE_NAME, Path(user_data) / "share" / SHARE_NAME]


def find_resources_dir(candidates: list[Path] | None = None) -> Path:
    """The first folder that holds the prompt library; the checkout's when none does (so a
    missing file is reported with a path a developer recognises)."""
    for folder in candidates if candidates is not None else _candidates():
        if (folder / "prompts" / "prompts.json").is_file():
            return folder
    return CHECKOUT_DIR


RESOURCES_DIR = find_resources_dir()


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("prompts", "prompts.json")``."""
    return RESOURCES_DIR.joinpath(*parts)
