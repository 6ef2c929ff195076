"""Screenshots of the Journal section for the README: a prompt-based note, a bias reflection,
search results, and the unlock page after a lock that could not save (a full disk), light and dark.

    .venv/bin/python tools/journal_screenshots.py      # docs/screenshots/journal*.png

A throwaway vault in a temporary folder (cheap test KDF), filled with the seeded synthetic
reflections of tests/ui/journal_demo.py; windows are grabbed at 1280x800.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from screenshot_kit import (
    grab,
    rebuild_sections,
    run_schemes,
    section_view,
    unlock,
    unlocked_window,
    use_scheme,
)

from tests.ui.journal_demo import populate
from therapist_desk.domain.clock import FakeClock
from therapist_desk.ui.journal import JournalView


def shoot(scheme: str, out: Path) -> None:
    suffix = use_scheme(scheme)
    clock = FakeClock(datetime(2026, 3, 4, 16, 30, tzinfo=UTC))
    with unlocked_window("td-journal-shots-", clock) as (window, _home):
        ids = populate(window.bridge.session.services)
        rebuild_sections(window)
        view = section_view(window, "journal", JournalView)
        view.open_note(ids["prompted"])
        view.editor.body.setFocus()
        grab(window, out / f"journal{suffix}.png")
        view.open_note(ids["bias"])
        view.list.setFocus()
        grab(window, out / f"journal-bias{suffix}.png")
        view.search_bar.box.setText("supervision")
        view.search_bar.flush()
        view.search_bar.show_filters(True)
        view.search_bar.box.setFocus()
        grab(window, out / f"journal-search{suffix}.png")
        # A lock that cannot write (a full disk, simulated by a read-only connection): the text is
        # kept sealed in memory and the unlock page says so; unlocking puts it back and saves it.
        view.search_bar.box.setText("")
        view.search_bar.flush()
        view.open_note(ids["prompted"])
        view.editor.body.moveCursor(view.editor.body.textCursor().MoveOperation.End)
        view.editor.body.insertPlainText("\nOne more thought before the lock.")
        window.bridge.session.services.vault.execute("PRAGMA query_only = ON")
        window.bridge.lock()
        grab(window, out / f"unlock-kept{suffix}.png")
        unlock(window)


def main() -> int:
    return run_schemes(__doc__, lambda scheme, args: shoot(scheme, args.out))


if __name__ == "__main__":
    raise SystemExit(main())
