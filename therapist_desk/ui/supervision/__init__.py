"""The Supervision section (issue 9): summaries for a supervisor, and the supervisor's workspace.

The section itself is in ``section.py`` (``SUPERVISION_SECTION``); this package imports nothing
eagerly, so the headless ``summary create --pdf`` can use the chart painter without the views.
"""
