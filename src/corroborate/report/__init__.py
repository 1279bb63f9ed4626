"""The cross-checked report of one story (issue 5), built in stages, one module each.

So far: ``groups`` aligns the claims of a story's articles into
:class:`~corroborate.report.groups.ClaimGroup` records that state the same fact, each counting
its independent sources; ``conflicts`` finds figures that cannot both hold and events placed on
different days or hours (:class:`~corroborate.report.conflicts.Conflict`); ``unique`` lists
the checkable facts only one independence group reports; ``brief`` writes a short account from
the best-corroborated groups, every sentence cited; ``tables`` gives the timeline, the key
figures and who said what. The outputs (report.json, .md, .html and
the ``report`` command) come next.
"""

from corroborate.report.brief import Brief, BriefSentence, make_brief
from corroborate.report.conflicts import (
    Conflict,
    History,
    Side,
    figure_histories,
    find_conflicts,
)
from corroborate.report.groups import ClaimGroup, claim_similarity, group_claims
from corroborate.report.tables import key_figures, quotes, timeline
from corroborate.report.unique import UniqueClaim, unique_claims

__all__ = [
    "Brief",
    "BriefSentence",
    "ClaimGroup",
    "Conflict",
    "History",
    "Side",
    "UniqueClaim",
    "claim_similarity",
    "figure_histories",
    "find_conflicts",
    "group_claims",
    "key_figures",
    "make_brief",
    "quotes",
    "timeline",
    "unique_claims",
]
