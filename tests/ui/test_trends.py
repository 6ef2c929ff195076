"""The Trends section in a real window: empty states, range switching, tooltips and clicks, export."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import open_section
from tests.ui.trends_seed import populate
from therapist_desk.app import build_sections
from therapist_desk.services.trends_math import DateRange
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.sections import SectionRegistry
from therapist_desk.ui.theme import apply_scheme, dark_palette, light_palette
from therapist_desk.ui.trends import TRENDS_SECTION, TrendsView
from therapist_desk.ui.trends.chart_panel import ChartPanel
from therapist_desk.ui.trends.pages_reflection import ReflectionPage

TODAY = date(2026, 3, 2)


@pytest.fixture
def registry() -> SectionRegistry:
    """Only the Trends section (overrides the stand-in sections of tests/ui/conftest.py)."""
    return SectionRegistry([TRENDS_SECTION])


def open_trends(qtbot, window: MainWindow) -> TrendsView:
    """Ctrl+5, the way a user opens the section."""
    return open_section(qtbot, window, Qt.Key.Key_5, "trends", TrendsView)


@pytest.fixture
def seeded(qtbot, unlocked_window) -> TrendsView:
    """The seeded year (heavy winter, recovery after a vacation), shown in the Trends section."""
    populate(unlocked_window.bridge.session.services)
    return open_trends(qtbot, unlocked_window)


def test_the_section_is_registered_at_ctrl_5():
    section = build_sections().get("trends")
    assert (section.shortcut, section.order, section.icon) == ("Ctrl+5", 50, "trends")


def test_with_no_data_every_chart_says_what_to_log(qtbot, unlocked_window):
    view = open_trends(qtbot, unlocked_window)
    hints = {
        "burnout": "Copenhagen Burnout Inventory",
        "wellbeing": "Log a daily check-in to see exhaustion and energy over time",
        "load": "Log sessions in Caseload",
        "selfcare": "Log a daily check-in",
        "reflection": "Write a reflection in the Journal",
        "alliance": "Rate the alliance",
    }
    for page_id, hint in hints.items():
        page = view.show_page(page_id)
        for panel in page.panels():
            assert panel.is_empty, page_id
            assert hint in panel.empty_label.text()
            assert not panel.content().isVisible()  # never an empty axis
            assert not panel.export_button.isVisible()


def test_switching_ranges_redraws_the_visible_chart_with_the_range(qtbot, seeded):
    view = seeded
    page = view.show_page("wellbeing")
    panel = page.panels()[0]
    assert isinstance(panel, ChartPanel) and not panel.is_empty
    qtbot.mouseClick(view.range_bar.buttons["4w"], Qt.MouseButton.LeftButton)
    assert view.span == DateRange(date(2026, 2, 3), TODAY)
    assert view.range_bar.buttons["4w"].isChecked()
    days = page.exhaustion_days.data.points  # type: ignore[attr-defined]
    assert days and all(view.span.contains(p.day) for p in days)
    low, high = panel.x_axis.min().date(), panel.x_axis.max().date()
    assert (low.toPython(), high.toPython()) == (view.span.start, view.span.end)
    shown = sum(len(part.points()) for part in page.exhaustion_days.parts())  # type: ignore[attr-defined]
    assert shown == len(days)
    assert "over the last 4 weeks" in panel.summary
    assert panel.view.accessibleDescription() == panel.summary

    qtbot.mouseClick(view.range_bar.buttons["1y"], Qt.MouseButton.LeftButton)
    assert view.span.days == 365
    assert len(page.exhaustion_days.data.points) > 300  # type: ignore[attr-defined]
    assert "over the last year" in panel.summary


def test_a_custom_range_from_the_date_edits(qtbot, seeded):
    view = seeded
    page = view.show_page("load")
    qtbot.mouseClick(view.range_bar.buttons["custom"], Qt.MouseButton.LeftButton)
    assert view.range_bar.from_edit.isVisible() and view.range_bar.to_edit.isVisible()
    view.range_bar.from_edit.setDate(date(2025, 11, 3))
    view.range_bar.to_edit.setDate(date(2026, 1, 25))
    assert view.preset == "custom"
    assert view.span == DateRange(date(2025, 11, 3), date(2026, 1, 25))
    weeks = [p.day for p in page.hours.data.points]  # type: ignore[attr-defined]
    assert weeks[0] == date(2025, 11, 3) and weeks[-1] == date(2026, 1, 19)
    # The last day cannot be moved before the first: the other end follows.
    view.range_bar.to_edit.setDate(date(2025, 10, 1))
    assert view.span == DateRange(date(2025, 10, 1), date(2025, 10, 1))
    assert view.range_bar.to_edit.maximumDate().toPython() == TODAY


def test_hidden_pages_redraw_with_the_new_range_when_shown(qtbot, seeded):
    view = seeded
    view.show_page("burnout")
    view.set_preset("4w")
    view.set_range(date(2025, 6, 1), date(2025, 6, 30))
    alliance = view.show_page("alliance")
    assert alliance.span == DateRange(date(2025, 6, 1), date(2025, 6, 30))
    assert alliance.panels()[0].summary.startswith("Mean self-ratings")


def test_the_lagged_correlation_appears_only_with_enough_weeks(qtbot, seeded):
    view = seeded
    page = view.show_page("load")
    view.set_preset("1y")
    text = page.correlation.text()  # type: ignore[attr-defined]
    assert "followed by weeks with higher exhaustion" in text
    assert "not proof of cause" in text
    view.set_preset("4w")
    assert "at least 12 weeks" in page.correlation.text()  # type: ignore[attr-defined]


def test_tooltips_name_the_value_date_and_source_and_clicks_ask_for_the_entries(qtbot, seeded):
    view = seeded
    view.set_preset("4w")
    page = view.show_page("wellbeing")
    line = page.exhaustion_days  # type: ignore[attr-defined]
    point = line.data.points[-1]
    x = line.parts()[0].points()[-1].x()
    assert line.nearest(x + 3_600_000) == point
    text = line.describe(point)
    assert f"{int(point.value)} of 10" in text and "Daily check-in" in text
    with qtbot.waitSignal(view.openEntriesRequested) as blocker:
        line.parts()[0].clicked.emit(QPointF(x, point.value))
    assert blocker.args == ["check_in", point.day]

    burnout = view.show_page("burnout")
    view.set_preset("1y")
    scale = burnout.scale_lines[1]  # type: ignore[attr-defined]
    cbi = scale.data.points[-1]
    assert "Copenhagen Burnout Inventory, taken" in scale.describe(cbi)
    with qtbot.waitSignal(view.openEntriesRequested) as blocker:
        scale.parts()[0].clicked.emit(QPointF(scale.parts()[0].points()[-1].x(), 50))
    assert blocker.args == ["assessment", cbi.day]


def test_the_heatmap_reads_in_numbers_and_opens_a_months_reflections(qtbot, seeded):
    view = seeded
    view.set_preset("1y")
    page = view.show_page("reflection")
    assert isinstance(page, ReflectionPage)
    heat = page.panel.heatmap
    assert heat.data is not None and heat.data.facet == "dimension" and len(heat.data.columns) == 13
    assert (
        "Not reflected on in the last 90 days" in page.missing.text()
        or "Every ADDRESSING" in page.missing.text()
    )
    qtbot.mouseClick(page.facet_buttons["theme"], Qt.MouseButton.LeftButton)
    assert heat.data.facet == "theme" and page.panel.chart_id == "reflection-theme"
    left, top, width, height = heat._layout()
    centre = QPoint(int(left + width * 2.5), int(top + height * 0.5))
    assert heat.cell_at(centre) == (0, 2)
    with qtbot.waitSignal(view.openEntriesRequested) as blocker:
        qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == ["journal", heat.data.columns[2]]
    heat.setFocus()
    qtbot.keyClick(heat, Qt.Key.Key_Down)
    assert heat.current == (1, 2) and "reflections" in heat.accessibleDescription()


@pytest.mark.parametrize("scale", [1, 2])
def test_export_png_at_the_charts_size_or_double(qtbot, seeded, dialogs, tmp_path, scale):
    view = seeded
    view.set_preset("1y")
    page = view.show_page("load")
    panel = page.panels()[0]
    target = tmp_path / "exports" / "load"
    target.parent.mkdir()
    dialogs.script("pick_save_file", target)
    kind = "png" if scale == 1 else "png2x"
    view.export_actions[kind].trigger()
    written = target.with_name("load.png")
    assert written.exists()
    image = QImage(str(written))
    assert (image.width(), image.height()) == (
        panel.content().width() * scale,
        panel.content().height() * scale,
    )
    row = image.height() // 2
    colours = {image.pixel(x, row) for x in range(0, image.width(), 3)}
    assert len(colours) > 5  # the chart itself, not a blank canvas


def test_export_svg_and_the_export_menu_of_a_heatmap(qtbot, seeded, dialogs, tmp_path):
    view = seeded
    page = view.show_page("reflection")
    target = tmp_path / "coverage.svg"
    dialogs.script("pick_save_file", target)
    page.panels()[0].exportRequested.emit(page.panels()[0], "svg")
    text = target.read_text(encoding="utf-8")
    assert "<svg" in text and "Bias reflections by ADDRESSING dimension" in text


def test_export_fails_calmly(qtbot, seeded, dialogs, tmp_path):
    view = seeded
    view.show_page("wellbeing")
    dialogs.script("pick_save_file", tmp_path / "missing-folder" / "chart.png")
    view.export_actions["png"].trigger()
    assert dialogs.titles("error") == ["Export chart"]
    assert not (tmp_path / "missing-folder").exists()


def test_an_empty_chart_has_nothing_to_export(qtbot, unlocked_window, dialogs):
    view = open_trends(qtbot, unlocked_window)
    view.export_actions["png"].trigger()
    assert dialogs.titles("info") == ["Export chart"]
    assert dialogs.titles("pick_save_file") == []


def test_alliance_per_program_level(qtbot, seeded):
    view = seeded
    view.set_preset("1y")
    page = view.show_page("alliance")
    everyone = sum(p.count for p in page.lines[0].data.points)  # type: ignore[attr-defined]
    page.set_level("inpatient")  # type: ignore[attr-defined]
    some = sum(p.count for p in page.lines[0].data.points)  # type: ignore[attr-defined]
    assert 0 < some < everyone
    assert "Inpatient" in page.panels()[0].summary


def test_the_charts_follow_a_switch_to_dark(qtbot, seeded):
    view = seeded
    page = view.show_page("load")
    app = QApplication.instance()
    try:
        apply_scheme(app, "dark")
        qtbot.waitUntil(
            lambda: page.panels()[0].chart.backgroundBrush().color() == dark_palette().window().color()
        )
        pen = page.hours.parts()[0].pen()  # type: ignore[attr-defined]
        assert pen.color().lightnessF() > 0.5  # the lighter variant reads on the dark window
    finally:
        app.setPalette(light_palette())


def test_keyboard_reaches_every_page_range_and_filter(qtbot, seeded):
    view = seeded
    assert QApplication.focusWidget() is view.range_bar.buttons["3m"]  # Ctrl+5 lands on the range

    def press(key: Qt.Key) -> None:
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)

    press(Qt.Key.Key_3)
    assert view.current_page().page_id == "load"
    press(Qt.Key.Key_Y)
    assert view.preset == "1y" and view.range_bar.buttons["1y"].isChecked()
    press(Qt.Key.Key_L)
    assert view.preset == "all"
    press(Qt.Key.Key_T)
    page = view.current_page()
    assert isinstance(page, ReflectionPage) and page.facet == "theme"
    press(Qt.Key.Key_D)
    assert page.facet == "dimension"
    press(Qt.Key.Key_P)
    assert view.current_page().page_id == "alliance"
    assert QApplication.focusWidget() is view.current_page().level  # type: ignore[attr-defined]
    press(Qt.Key.Key_C)
    assert QApplication.focusWidget() is view.range_bar.from_edit


def test_locking_deletes_the_view(qtbot, seeded):
    view = seeded
    window = view.window()
    assert isinstance(window, MainWindow)
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: not window.bridge.session.is_unlocked)
    assert window.workspace.section_views() == {}


def test_tooltip_cells_of_the_heatmap(qtbot, seeded):
    seeded.set_preset("1y")
    page = seeded.show_page("reflection")
    heat = page.panel.heatmap  # type: ignore[attr-defined]
    text = heat.describe(0, 0)
    assert text.startswith("Age and generational influences, March 2025:") and text.endswith("reflections")
    assert heat.cell_at(QPoint(0, 0)) is None
    assert QRectF(heat.rect()).contains(QPointF(1, 1))
