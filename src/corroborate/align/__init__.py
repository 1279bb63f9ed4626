"""Alignment: which claims of a story's reports are about the same real event.

See :mod:`corroborate.align.events` for the rules; :func:`corroborate.report.groups.group_claims`
turns the event groups into the report's claim groups.
"""

from corroborate.align.events import (
    AlignConfig,
    EventGroup,
    EventNode,
    align_events,
    mark_background,
)

__all__ = ["AlignConfig", "EventGroup", "EventNode", "align_events", "mark_background"]
