"""A report kept as JSON when the draft is sent and the final issued, and rebuilt from it.

The draft a provider checks must stay exactly as it was sent, even while the inspector
corrects the judgements behind it; the final must stay as issued. So each snapshot holds
the whole ``ReportContent`` (to redraw the PDF) beside the plain sections that
``compare`` reads.
"""

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from safehouse_portal.domain.enums import Rating
from safehouse_portal.documents.report_content import (
    ClauseLine, Cover, KeyQuestionSection, KloeSection, RecommendationLine, ReportContent, Section, snapshot,
)


def to_snapshot(content: ReportContent) -> dict[str, Any]:
    """The report as JSON-ready data: its sections for comparison and its whole content."""
    return {**snapshot(content), "content": _plain(asdict(content))}


def from_snapshot(data: Mapping[str, Any]) -> ReportContent:
    """The report kept by ``to_snapshot``.

    Raises:
        ValueError: The snapshot holds no content (or not in this shape).
    """
    raw = data.get("content")
    if not isinstance(raw, Mapping):
        raise ValueError("the snapshot holds no report content")
    try:
        return ReportContent(
            inspection_id=int(raw["inspection_id"]),
            final=bool(raw["final"]),
            title=str(raw["title"]),
            cover=Cover(**{**raw["cover"], "locations": tuple(raw["cover"]["locations"])}),
            summary=tuple(raw["summary"]),
            key_questions=tuple(_key_question(kq) for kq in raw["key_questions"]),
            recommendations=tuple(RecommendationLine(**r) for r in raw["recommendations"]),
            clauses=tuple(ClauseLine(**c) for c in raw["clauses"]),
            sections=tuple(Section(**s) for s in raw["sections"]),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"the snapshot's content is not a report: {exc}") from None


def _key_question(raw: Mapping[str, Any]) -> KeyQuestionSection:
    kloes = tuple(KloeSection(**{**k, "rating": _rating(k["rating"]),
                                 "survivor_quotes": tuple(k.get("survivor_quotes", ()))}) for k in raw["kloes"])
    return KeyQuestionSection(**{**raw, "rating": _rating(raw["rating"]), "kloes": kloes})


def _rating(value: object) -> Rating | None:
    return Rating(value) if isinstance(value, str) and value in Rating.__members__.values() else None


def _plain(value: Any) -> Any:
    """Tuples as lists and enums as their values, so the JSON column stores plain data."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Rating):
        return value.value
    return value
