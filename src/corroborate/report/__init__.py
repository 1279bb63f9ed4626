"""The cross-checked report of one story (issue 5), built in stages, one module each.

So far only the first stage exists: ``groups`` aligns the claims of a story's articles into
:class:`~corroborate.report.groups.ClaimGroup` records that state the same fact, each counting
its independent sources. Conflicts, unique claims, the brief and the outputs come next.
"""

from corroborate.report.groups import ClaimGroup, claim_similarity, group_claims

__all__ = ["ClaimGroup", "claim_similarity", "group_claims"]
