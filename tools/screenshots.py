"""Regenerate the README/docs screenshots offscreen, in a light and a dark palette.

    .venv/bin/python tools/screenshots.py                 # docs/screenshots/*.png
    .venv/bin/python tools/screenshots.py --sections      # also one PNG per registered section
    .venv/bin/python tools/screenshots.py --populate mypkg.demo:fill   # fill(services) first

Everything happens in a temporary folder with a throwaway vault (cheap test KDF); no real
data folder is touched. Windows are grabbed at 1280x800 with ``QWidget.grab()``.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtTest import QTest
from screenshot_kit import (
    PASSPHRASE,
    app_paths,
    close_window,
    grab,
    open_window,
    rebuild_sections,
    run_schemes,
    settle,
    throwaway_home,
    use_scheme,
    wait_until,
)

from therapist_desk.domain.clock import FakeClock


def shoot(scheme: str, out: Path, *, sections: bool, populate: Callable[[object], None] | None) -> None:
    suffix = use_scheme(scheme)
    with throwaway_home("td-shots-") as home:
        clock = FakeClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
        window = open_window(app_paths(home), clock)
        first_run = window.first_run
        assert first_run is not None
        grab(window, out / f"welcome{suffix}.png")

        first_run.show_create()
        form = first_run.create_page.form
        QTest.keyClicks(form.first, PASSPHRASE)
        QTest.keyClicks(form.second, PASSPHRASE)
        grab(window, out / f"first-run{suffix}.png")

        first_run.create_page.create_button.click()
        wait_until(lambda: first_run.currentWidget() is first_run.code_page)
        grab(window, out / f"recovery-code{suffix}.png")

        first_run.code_view.stored.setChecked(True)
        first_run.code_view.continue_button.click()
        wait_until(lambda: window.bridge.session.is_unlocked)
        if populate is not None:
            populate(window.bridge.session.services)
            rebuild_sections(window)
        grab(window, out / f"main-window{suffix}.png")
        if sections:
            for section in window.registry.sections():
                window.workspace.select(section.id)
                grab(window, out / f"section-{section.id}{suffix}.png")

        settings_dialog = window.open_settings()
        assert settings_dialog is not None
        settle()
        grab(settings_dialog, out / f"settings{suffix}.png")
        settings_dialog.reject()

        window.lock_action.trigger()
        wait_until(lambda: not window.bridge.session.is_unlocked)
        grab(window, out / f"unlock{suffix}.png")
        QTest.keyClicks(window.lock_screen.unlock_page.passphrase, "not the passphrase")
        window.lock_screen.unlock_page.unlock_button.click()
        wait_until(lambda: window.lock_screen.unlock_page.error.isVisible())
        grab(window, out / f"unlock-error{suffix}.png")
        close_window(window)


def load_populate(spec: str | None) -> Callable[[object], None] | None:
    if not spec:
        return None
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sections", action="store_true", help="grab every registered section too")
    parser.add_argument("--populate", metavar="MODULE:FUNCTION", help="called with Services before grabbing")


def main() -> int:
    return run_schemes(
        __doc__,
        lambda scheme, args: shoot(
            scheme, args.out, sections=args.sections, populate=load_populate(args.populate)
        ),
        add_arguments,
    )


if __name__ == "__main__":
    raise SystemExit(main())
