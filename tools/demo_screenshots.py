"""Screenshots of "Try with demo data": the demo vault's passphrase page and the window in demo mode.

    .venv/bin/python tools/demo_screenshots.py --scheme light   # docs/screenshots/demo-*.png

Everything happens in a temporary folder (cheap test KDF): the welcome page's button makes the
demo vault beside a throwaway data folder at the window's own size (two years, scale 0.2),
then the window is grabbed at 1280x800 on the passphrase page and on the Dashboard.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from screenshot_kit import (
    app_paths,
    close_window,
    grab,
    open_window,
    run_schemes,
    throwaway_home,
    use_scheme,
    wait_until,
)

from therapist_desk.domain.clock import FakeClock


def shoot(scheme: str, out: Path) -> None:
    suffix = use_scheme(scheme)
    with throwaway_home("td-demo-shots-") as home:
        window = open_window(app_paths(home), FakeClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)))
        assert window.first_run is not None
        window.first_run.welcome.demo.click()
        page = window.demo_mode.page
        wait_until(lambda: page.open_button.isVisible() or page.error.isVisible())
        grab(window, out / f"demo-ready{suffix}.png")
        page.open_button.click()
        wait_until(lambda: window.bridge.session.is_unlocked)
        window.workspace.select("dashboard")
        grab(window, out / f"demo-mode{suffix}.png")
        close_window(window)


def main() -> int:
    return run_schemes(__doc__, lambda scheme, args: shoot(scheme, args.out))


if __name__ == "__main__":
    raise SystemExit(main())
