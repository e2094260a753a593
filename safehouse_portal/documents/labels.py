"""How the programme's closed vocabularies read in documents.

Ratings, timescales and themes read the same everywhere, so their labels come from
``domain/enums``; the labels only documents need live here.
"""

from collections.abc import Mapping

from safehouse_portal.domain.enums import (
    RATING_LABELS, THEME_LABELS, TIMESCALE_LABELS, InspectionMode, InspectionType, Rating,
)

__all__ = ["MODE_LABELS", "NOT_JUDGED", "RATING_LABELS", "THEME_LABELS", "TIMESCALE_LABELS", "TYPE_LABELS",
           "rating_label"]

NOT_JUDGED = "Not yet judged"

TYPE_LABELS: Mapping[InspectionType, str] = {
    InspectionType.COMPREHENSIVE: "Comprehensive",
    InspectionType.FOCUSED: "Focused",
    InspectionType.ASSURANCE: "Assurance",
}

MODE_LABELS: Mapping[InspectionMode, str] = {
    InspectionMode.ON_SITE: "On site",
    InspectionMode.REMOTE: "Remote",
}


def rating_label(rating: Rating | None) -> str:
    """A judgement in words, or "Not yet judged"."""
    return RATING_LABELS[rating] if rating is not None else NOT_JUDGED
