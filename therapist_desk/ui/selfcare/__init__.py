"""The Self-care section (issue 7): check-ins, time off, instruments, early-warning indicators."""

from therapist_desk.ui.selfcare.section import SELF_CARE_SECTION, SelfCareView

__all__ = ["SELF_CARE_SECTION", "SelfCareView"]
