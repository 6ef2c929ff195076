"""Screenshots of the Supervision section for the README, light and dark, and a PDF page.

    .venv/bin/python tools/supervision_screenshots.py
    # docs/screenshots/supervision-composer*.png, supervision-preview*.png,
    # supervision-supervisor*.png, supervision-supervisor-charts*.png and summary-pdf-page1.png (needs pdftoppm, poppler-utils)

A throwaway vault in a temporary folder (cheap test KDF) filled by tests/ui/supervision_demo.py;
the summary is composed, previewed, exported and then opened again as a supervisor would.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from screenshot_kit import (
    LIGHT,
    REPO,
    grab,
    rebuild_sections,
    run_schemes,
    section_view,
    settle,
    unlocked_window,
    use_scheme,
)

from tests.ui.supervision_demo import fill_composer, populate
from therapist_desk.domain.clock import FakeClock
from therapist_desk.services.supervision import ActionItem
from therapist_desk.ui.dialogs import ScriptedDialogs
from therapist_desk.ui.supervision.section import SupervisionView


def shoot(scheme: str, out: Path, pdf_page: bool) -> None:
    suffix = use_scheme(scheme)
    clock = FakeClock(datetime(2026, 3, 2, 16, 30, tzinfo=UTC))
    dialogs = ScriptedDialogs()
    with unlocked_window("td-supervision-shots-", clock, dialogs=dialogs) as (window, tmp):
        ids = populate(window.bridge.session.services)
        rebuild_sections(window)
        view = section_view(window, "supervision", SupervisionView)
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

        exported = tmp / "summary.tdsummary"
        dialogs.script("confirm", True).script("pick_save_file", exported)
        view.export_summary()
        if pdf_page:
            pdf = tmp / "summary.pdf"
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
    return run_schemes(__doc__, lambda scheme, args: shoot(scheme, args.out, pdf_page=scheme == LIGHT))


if __name__ == "__main__":
    raise SystemExit(main())
