"""Screenshots of every Trends chart for the README, light and dark, at 1280x800.

    .venv/bin/python tools/trends_screenshots.py            # docs/screenshots/trends-*.png

A throwaway vault in a temporary folder (cheap test KDF): first the empty state, then the
seeded year of tests/ui/trends_seed.py (a heavy winter, recovery after a vacation).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from screenshot_kit import grab, rebuild_sections, run_schemes, section_view, unlocked_window, use_scheme

from tests.ui.trends_seed import populate
from therapist_desk.domain.clock import FakeClock
from therapist_desk.ui.trends import TrendsView

SHOTS = (
    ("burnout", "1y", None),
    ("wellbeing", "3m", None),
    ("load", "1y", None),
    ("selfcare", "1y", None),
    ("reflection", "1y", "dimension"),
    ("reflection", "1y", "theme"),
    ("alliance", "1y", None),
)


def trends_view(window) -> TrendsView:  # type: ignore[no-untyped-def]
    return section_view(window, "trends", TrendsView)


def shoot(scheme: str, out: Path, only: str | None) -> None:
    suffix = use_scheme(scheme)
    clock = FakeClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    with unlocked_window("td-trends-shots-", clock) as (window, _home):
        if only in (None, "empty"):
            view = trends_view(window)
            view.show_page("wellbeing")
            grab(window, out / f"trends-empty{suffix}.png")
        populate(window.bridge.session.services)
        rebuild_sections(window)
        view = trends_view(window)
        for page_id, preset, facet in SHOTS:
            if only not in (None, page_id):
                continue
            page = view.show_page(page_id)
            view.set_preset(preset)
            name = f"trends-{page_id}"
            if facet is not None:
                page.show_facet(facet)  # type: ignore[attr-defined]
                name = f"trends-reflection-{facet}"
            grab(window, out / f"{name}{suffix}.png")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", help="one page id (or 'empty')")


def main() -> int:
    return run_schemes(__doc__, lambda scheme, args: shoot(scheme, args.out, args.only), add_arguments)


if __name__ == "__main__":
    raise SystemExit(main())
