"""Claim extraction: the facts a sentence states, with offsets back into the article.

For now only quantities: counts, amounts, distances and durations with their hedges.
"""

from corroborate.claims.quantities import Quantity, extract_quantities

__all__ = ["Quantity", "extract_quantities"]
