"""How the evidence behind one KLOE is weighed, and when the KLOE may be made final.

Inspectors weigh each piece of evidence by its source, how robust it is and whether
other sources corroborate it. Two pieces from the same kind of source (two staff
interviews, say) are not independent of each other, so corroboration counts distinct
sources. Evidence that points both ways is a conflict the inspector must resolve in
writing (by the strongest source, or after seeking more) before the KLOE is final.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from safehouse_portal.domain.enums import Rating
from safehouse_portal.domain.judgements import KLOE_STATUS_LABELS, KloeStatus  # noqa: F401  (re-exported)


class EvidenceSource(StrEnum):
    """Where a piece of evidence came from (the guidance's list of sources)."""

    PIR_ANSWER = "pir_answer"
    SURVIVOR_SURVEY = "survivor_survey"
    SURVIVOR_CONVERSATION = "survivor_conversation"
    STAFF_INTERVIEW = "staff_interview"
    CASE_RECORD = "case_record"
    DOCUMENT = "document"
    ACCOMMODATION_CHECK = "accommodation_check"
    PARTNER_AGENCY = "partner_agency"


SOURCE_LABELS: Mapping[EvidenceSource, str] = {
    EvidenceSource.PIR_ANSWER: "PIR answer",
    EvidenceSource.SURVIVOR_SURVEY: "Survivor survey",
    EvidenceSource.SURVIVOR_CONVERSATION: "Conversation with a survivor",
    EvidenceSource.STAFF_INTERVIEW: "Staff interview",
    EvidenceSource.CASE_RECORD: "Case record",
    EvidenceSource.DOCUMENT: "Document",
    EvidenceSource.ACCOMMODATION_CHECK: "Accommodation check",
    EvidenceSource.PARTNER_AGENCY: "Partner agency",
}


class Robustness(StrEnum):
    """How much weight a piece of evidence can bear."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"


ROBUSTNESS_LABELS: Mapping[Robustness, str] = {
    Robustness.STRONG: "Strong",
    Robustness.MODERATE: "Moderate",
    Robustness.WEAK: "Weak",
}


SHORTFALL_RATINGS = frozenset({Rating.REQUIRES_IMPROVEMENT, Rating.NOT_MEETING})
"""Ratings that need two independent sources or a written justification."""

INDEPENDENT_SOURCES_FOR_SHORTFALL = 2


@dataclass(frozen=True)
class Evidence:
    """What the rules need to know about one evidence item."""

    source: EvidenceSource
    robustness: Robustness
    supports: bool


@dataclass(frozen=True)
class Judgement:
    """The inspectors' judgement on a KLOE as the sufficiency check reads it."""

    rating: Rating | None
    findings: str = ""
    justification: str = ""
    conflict_resolution: str = ""


def corroborating_sources(items: Iterable[Evidence]) -> int:
    """How many independent sources (distinct kinds of source) support the finding."""
    return len({item.source for item in items if item.supports})


def has_conflict(items: Iterable[Evidence]) -> bool:
    """Whether some evidence supports the finding and some contradicts it."""
    directions = {item.supports for item in items}
    return directions == {True, False}


def unresolved_conflict(items: Iterable[Evidence], conflict_resolution: str) -> bool:
    """A conflict stays flagged until the inspector writes how it was resolved."""
    return has_conflict(items) and not conflict_resolution.strip()


def sufficiency_problems(items: Iterable[Evidence], judgement: Judgement) -> list[str]:
    """Why the KLOE cannot be made final yet, in plain words (empty when it can).

    The rule: a rating and its findings; at least one evidence item; a requires
    improvement or not meeting rating needs evidence from two independent sources
    or a written justification; no unresolved conflict.
    """
    items = list(items)
    problems: list[str] = []
    if judgement.rating is None:
        problems.append("Choose a rating.")
    if not judgement.findings.strip():
        problems.append("Write the findings that support the rating.")
    if not items:
        problems.append("Record at least one piece of evidence.")
    if (judgement.rating in SHORTFALL_RATINGS
            and corroborating_sources(items) < INDEPENDENT_SOURCES_FOR_SHORTFALL
            and not judgement.justification.strip()):
        problems.append("A rating of requires improvement or not meeting requirements needs supporting evidence "
                        "from two independent sources, or a written justification.")
    if unresolved_conflict(items, judgement.conflict_resolution):
        problems.append("Some evidence supports the finding and some contradicts it: record how the conflict "
                        "was resolved.")
    return problems


@dataclass(frozen=True)
class FieldChange:
    """One field someone else changed: what the reader last saw and what is saved now."""

    field: str
    label: str
    before: str
    after: str


def changed_fields(before: Mapping[str, str], after: Mapping[str, str],
                   labels: Mapping[str, str]) -> list[FieldChange]:
    """The fields (in ``labels`` order) whose saved value differs from what the reader saw."""
    return [FieldChange(field, label, before.get(field, ""), after.get(field, ""))
            for field, label in labels.items() if before.get(field, "") != after.get(field, "")]
