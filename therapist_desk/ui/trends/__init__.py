"""The Trends section (issue 8): burnout, exhaustion, load, self-care, bias reflection and alliance over time."""

from therapist_desk.ui.trends.section import TRENDS_SECTION, TrendsView

__all__ = ["TRENDS_SECTION", "TrendsView"]
