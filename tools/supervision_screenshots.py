"""Screenshots of the Supervision section for the README, light and dark, and a PDF page.

    .venv/bin/python tools/supervision_screenshots.py
    # docs/screenshots/supervision-composer*.png, supervision-preview*.png,
    # supervision-supervisor*.png, supervision-supervisor-charts*.png and summary-pdf-page1.png (needs pdftoppm, poppler-utils)

A throwaway vault in a temporary folder (cheap test KDF) filled by tests/ui/supervision_demo.py;
the summary is composed, previewed, exported and then opened again as a supervisor would.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
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

from tests.ui.supervision_demo import fill_composer, populate  # noqa: E402
from therapist_desk.app import build_sections, configure_application, create_main_window  # noqa: E402
from therapist_desk.domain.clock import FakeClock  # noqa: E402
from therapist_desk.paths import resolve_paths  # noqa: E402
from therapist_desk.security.kdf import TEST_PROFILE  # noqa: E402
from therapist_desk.services.supervision import ActionItem  # noqa: E402
from therapist_desk.services.vault_store import VaultStore  # noqa: E402
from therapist_desk.ui.dialogs import ScriptedDialogs  # noqa: E402
from therapist_desk.ui.supervision.section import SupervisionView  # noqa: E402
from therapist_desk.ui.theme import DARK, LIGHT, apply_scheme  # noqa: E402

PASSPHRASE = "willow harbour lantern seven"  # noqa: S105 (a throwaway vault)


def shoot(scheme: str, out: Path, pdf_page: bool) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, scheme)
    suffix = "-dark" if scheme == DARK else ""
    with tempfile.TemporaryDirectory(prefix="td-supervision-shots-") as tmp:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
            os.environ[var] = str(Path(tmp) / var.lower())
        paths = resolve_paths(Path(tmp) / "Therapist Desk")
        VaultStore(paths, TEST_PROFILE).create(PASSPHRASE)[0].close()
        clock = FakeClock(datetime(2026, 3, 2, 16, 30, tzinfo=UTC))
        dialogs = ScriptedDialogs()
        window = create_main_window(
            paths, kdf_profile=TEST_PROFILE, clock=clock, dialogs=dialogs, sections=build_sections()
        )
        window.resize(*SIZE)
        window.show()
        window.refresh_theme()
        window.bridge.unlock(PASSPHRASE, lambda exc: print(f"unlock failed: {type(exc).__name__}"))
        wait_until(lambda: window.bridge.session.is_unlocked)
        ids = populate(window.bridge.session.services)
        window.workspace.tear_down()
        window.workspace.build(window.bridge.session.services)
        window.workspace.select("supervision")
        view = window.workspace.section_views()["supervision"]
        assert isinstance(view, SupervisionView)
        fill_composer(view, ids)
        grab(window, out / f"supervision-composer{suffix}.png")

        view.composer.preview_action.trigger()
        settle()
        first = view.preview.warning_list.item(0)
        if first is not None:  # scroll to the first warning, leaving its highlight visible
            view.preview.warning_list.setCurrentItem(first)
            cursor = view.preview.text.textCursor()
            cursor.clearSelection()
            view.preview.text.setTextCursor(cursor)
        grab(window, out / f"supervision-preview{suffix}.png")

        exported = Path(tmp) / "summary.tdsummary"
        dialogs.script("confirm", True).script("pick_save_file", exported)
        view.export_summary()
        if pdf_page:
            pdf = Path(tmp) / "summary.pdf"
            dialogs.script("pick_save_file", pdf)
            view.export_pdf()
            render_pdf_page(pdf, out / "summary-pdf-page1.png")

        view.show_tab(1)
        dialogs.script("pick_open_file", exported).script("ask", "Alex R.")
        filed = view.received.open_file()
        assert filed is not None
        view.supervision.save_note(
            met_on="2026-03-04",
            summary_id=filed.id,
            duration_minutes=60,
            cases_discussed="River (IOP): four stalled sessions; Client K7: first weeks in IOP",
            risk_ethics="After-hours voicemail: reply next working day, note it in the record.",
            decisions="Team consultation for River before changing the plan.",
            actions=(
                ActionItem("Book the team consultation", "2026-03-09"),
                ActionItem("Read the MI chapter", "2026-03-16"),
            ),
            wellbeing="Tired after the Thursday groups; protect Friday mornings.",
            learning_goals="Motivational interviewing in IOP groups",
        )
        view.received.refresh(select=filed.id)
        grab(window, out / f"supervision-supervisor{suffix}.png")
        view.received.reader.tabs.setCurrentIndex(1)
        grab(window, out / f"supervision-supervisor-charts{suffix}.png")
        window.close()
        window.deleteLater()
        settle()


def render_pdf_page(pdf: Path, target: Path) -> None:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils); no PDF page image")
        return
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )
    print(f"wrote {target.relative_to(REPO) if target.is_relative_to(REPO) else target}")


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
        shoot(scheme, args.out, pdf_page=scheme == LIGHT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
