"""Screenshots of every Trends chart for the README, light and dark, at 1280x800.

    .venv/bin/python tools/trends_screenshots.py            # docs/screenshots/trends-*.png

A throwaway vault in a temporary folder (cheap test KDF): first the empty state, then the
seeded year of tests/ui/trends_seed.py (a heavy winter, recovery after a vacation).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots import SIZE, grab, settle, wait_until  # noqa: E402

from tests.ui.trends_seed import populate  # noqa: E402
from therapist_desk.app import build_sections, configure_application, create_main_window  # noqa: E402
from therapist_desk.domain.clock import FakeClock  # noqa: E402
from therapist_desk.paths import resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.services.vault_store import VaultStore  # noqa: E402
from therapist_desk.ui.dialogs import ScriptedDialogs  # noqa: E402
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme  # noqa: E402
from therapist_desk.ui.trends import TrendsView  # noqa: E402

PASSPHRASE = "willow harbour lantern seven"  # noqa: S105 (a throwaway vault)
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
    window.workspace.select("trends")
    view = window.workspace.section_views()["trends"]
    assert isinstance(view, TrendsView)
    return view


def shoot(scheme: str, out: Path, only: str | None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, scheme)
    suffix = "-dark" if scheme == DARK else ""
    with tempfile.TemporaryDirectory(prefix="td-trends-shots-") as tmp:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
        paths = resolve_paths(Path(tmp) / "Therapist Desk")
        VaultStore(paths, TEST_PROFILE).create(PASSPHRASE)[0].close()
        clock = FakeClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
        window = create_main_window(
            paths, kdf_profile=TEST_PROFILE, clock=clock, dialogs=ScriptedDialogs(), sections=build_sections()
        )
        window.resize(*SIZE)
        window.show()
        window.refresh_theme()
        window.bridge.unlock(PASSPHRASE, lambda exc: print(f"unlock failed: {type(exc).__name__}"))
        wait_until(lambda: window.bridge.session.is_unlocked)
        if only in (None, "empty"):
            view = trends_view(window)
            view.show_page("wellbeing")
            grab(window, out / f"trends-empty{suffix}.png")
        populate(window.bridge.session.services)
        window.workspace.tear_down()
        window.workspace.build(window.bridge.session.services)
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
        window.close()
        window.deleteLater()
        settle()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--scheme", choices=[LIGHT, DARK, "both"], default="both")
    parser.add_argument("--only", help="one page id (or 'empty')")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    configure_application(app)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    for scheme in [LIGHT, DARK] if args.scheme == "both" else [args.scheme]:
        shoot(scheme, args.out, args.only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
