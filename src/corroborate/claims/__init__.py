"""Claim extraction: the facts a sentence states, with offsets back into the article.

Stages, one module each: ``quantities`` (figures and their hedges), ``times`` (dates, weekdays,
clock times, durations), ``places`` (gazetteer), ``actors`` (entities, subject / predicate /
object), ``attribution`` (sources, hedges, indirect speech), ``quotes`` (direct quotes and
speakers), and ``extract``, which parses sentences with spaCy and puts the slots together.
spaCy is imported only when a claim is first extracted.
"""

from corroborate.claims.extract import (
    CLAIMS_VERSION,
    ClaimsUpdate,
    extract_claims,
    extract_many,
    extractor_name,
    other_language,
    too_long,
    update_claims,
)
from corroborate.claims.places import distance_km, find_places, resolve_place
from corroborate.claims.quantities import Quantity, extract_quantities
from corroborate.claims.times import extract_times, resolve_weekday

__all__ = [
    "CLAIMS_VERSION",
    "ClaimsUpdate",
    "Quantity",
    "distance_km",
    "extract_claims",
    "extract_many",
    "extract_quantities",
    "extract_times",
    "extractor_name",
    "find_places",
    "other_language",
    "resolve_place",
    "resolve_weekday",
    "too_long",
    "update_claims",
]
