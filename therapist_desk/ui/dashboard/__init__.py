"""The Dashboard section (issue 8): the first screen after unlock."""

from therapist_desk.ui.dashboard.section import DASHBOARD_SECTION, DashboardView

__all__ = ["DASHBOARD_SECTION", "DashboardView"]
