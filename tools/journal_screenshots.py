"""Screenshots of the Journal section for the README: a prompt-based note, a bias reflection and
search results, light and dark.

    .venv/bin/python tools/journal_screenshots.py      # docs/screenshots/journal*.png

A throwaway vault in a temporary folder (cheap test KDF), filled with the seeded synthetic
reflections of tests/ui/journal_demo.py; windows are grabbed at 1280x800.
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

from tests.ui.journal_demo import populate  # noqa: E402
from therapist_desk.app import build_sections, configure_application, create_main_window  # noqa: E402
from therapist_desk.domain.clock import FakeClock  # noqa: E402
from therapist_desk.paths import resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.services.vault_store import VaultStore  # noqa: E402
from therapist_desk.ui.dialogs import ScriptedDialogs  # noqa: E402
from therapist_desk.ui.journal import JournalView  # noqa: E402
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme  # noqa: E402

PASSPHRASE = "willow harbour lantern seven"  # noqa: S105 (a throwaway vault)


def shoot(scheme: str, out: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, scheme)
    suffix = "-dark" if scheme == DARK else ""
    with tempfile.TemporaryDirectory(prefix="td-journal-shots-") as tmp:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
        paths = resolve_paths(Path(tmp) / "Therapist Desk")
        VaultStore(paths, TEST_PROFILE).create(PASSPHRASE)[0].close()
        clock = FakeClock(datetime(2026, 3, 4, 16, 30, tzinfo=UTC))
        window = create_main_window(
            paths, kdf_profile=TEST_PROFILE, clock=clock, dialogs=ScriptedDialogs(), sections=build_sections()
        )
        window.resize(*SIZE)
        window.show()
        window.refresh_theme()
        window.bridge.unlock(PASSPHRASE, lambda exc: print(f"unlock failed: {type(exc).__name__}"))
        wait_until(lambda: window.bridge.session.is_unlocked)
        ids = populate(window.bridge.session.services)
        window.workspace.tear_down()
        window.workspace.build(window.bridge.session.services)
        window.workspace.select("journal")
        view = window.workspace.section_views()["journal"]
        assert isinstance(view, JournalView)
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
        window.close()
        window.deleteLater()
        settle()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--scheme", choices=[LIGHT, DARK, "both"], default="both")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    configure_application(app)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    for scheme in [LIGHT, DARK] if args.scheme == "both" else [args.scheme]:
        shoot(scheme, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
