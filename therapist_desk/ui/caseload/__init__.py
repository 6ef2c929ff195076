"""The Caseload section: clients by alias, the client page, quick session entry, load figures."""

from therapist_desk.ui.caseload.section import CASELOAD_SECTION, CaseloadView

__all__ = ["CASELOAD_SECTION", "CaseloadView"]
