"""Key-question judgements from KLOE ratings, and the scope an inspection's type sets.

The judgement rule (documented for inspectors and providers alike):

    Any KLOE rated *not meeting requirements* makes the key question not meeting;
    otherwise any KLOE rated *requires improvement* makes it requires improvement;
    otherwise, when at least one KLOE is rated, the key question is meeting requirements.

The rule suggests; the lead inspector may override the suggestion, but only with a
written reason, and the reason is shown wherever the judgement is.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from safehouse_portal.domain.enums import (
    KEY_QUESTION_LABELS, RATING_LABELS, InspectionType, KeyQuestion, Rating, Stage,
)

JUDGEMENT_RULE = (
    "Any KLOE not meeting requirements makes the key question not meeting requirements; "
    "otherwise any KLOE requiring improvement makes it requires improvement; "
    "otherwise it is meeting requirements."
)

ASSURANCE_SCOPE: tuple[KeyQuestion, ...] = (KeyQuestion.SAFE, KeyQuestion.WELL_LED)

WIDENING_STAGES = frozenset({Stage.ANNOUNCED, Stage.PIR_RECEIVED, Stage.INSPECTING, Stage.EVIDENCE_REVIEW})
"""Scope can be widened once the inspection is announced and until drafting begins."""

EDITABLE_STAGES = frozenset({
    Stage.PLANNED, Stage.ANNOUNCED, Stage.PIR_RECEIVED, Stage.INSPECTING, Stage.EVIDENCE_REVIEW,
    Stage.DRAFTING, Stage.QUALITY_ASSURANCE, Stage.FACTUAL_ACCURACY, Stage.FINALISING,
})
"""Judgements, recommendations and concerns are drafted until the final report is issued."""

CONCERN_STAGES = frozenset({
    Stage.INSPECTING, Stage.EVIDENCE_REVIEW, Stage.DRAFTING, Stage.QUALITY_ASSURANCE,
    Stage.FACTUAL_ACCURACY, Stage.FINALISING,
})
"""A serious concern is found on the inspection, so it can be raised from its first day on."""


class KloeStatus(StrEnum):
    """How far the inspectors' work on one KLOE has got."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    FINAL = "final"


KLOE_STATUS_LABELS: dict[KloeStatus, str] = {
    KloeStatus.NOT_STARTED: "Not started",
    KloeStatus.IN_PROGRESS: "In progress",
    KloeStatus.FINAL: "Final",
}


def kloe_status(stored: str | None) -> KloeStatus:
    """The status of a stored assessment (none stored means not started)."""
    if stored is None or stored not in KloeStatus.__members__.values():
        return KloeStatus.NOT_STARTED if stored is None else KloeStatus.IN_PROGRESS
    return KloeStatus(stored)


@dataclass(frozen=True)
class Suggestion:
    """The rule's suggestion for one key question.

    Attributes:
        rating: The suggested judgement, or None while no KLOE is rated.
        rated: How many of the key question's KLOEs carry a rating.
        final: How many are final.
        total: How many KLOEs the key question has.
    """

    rating: Rating | None
    rated: int
    final: int
    total: int

    @property
    def complete(self) -> bool:
        """Whether every KLOE of the key question is final, so the suggestion is settled."""
        return self.total > 0 and self.final == self.total


def suggest_rating(ratings: Iterable[Rating | None]) -> Rating | None:
    """The key question's judgement by the documented rule; None if nothing is rated."""
    given = [r for r in ratings if r is not None]
    if not given:
        return None
    if Rating.NOT_MEETING in given:
        return Rating.NOT_MEETING
    if Rating.REQUIRES_IMPROVEMENT in given:
        return Rating.REQUIRES_IMPROVEMENT
    return Rating.MEETING


def suggest(kloes: Sequence[tuple[KloeStatus, Rating | None]]) -> Suggestion:
    """The suggestion from each KLOE's (status, rating) of one key question."""
    return Suggestion(
        rating=suggest_rating(rating for _, rating in kloes),
        rated=sum(rating is not None for _, rating in kloes),
        final=sum(status is KloeStatus.FINAL for status, _ in kloes),
        total=len(kloes),
    )


def judgement(suggested: Rating | None, override: Rating | None) -> Rating | None:
    """The judgement that stands: the lead's override if there is one, else the suggestion."""
    return override if override is not None else suggested


def rating_label(rating: Rating | None, none: str = "Not yet judged") -> str:
    """A rating in words."""
    return RATING_LABELS[rating] if rating is not None else none


def scope_for(inspection_type: InspectionType, chosen: Iterable[str] = ()) -> list[KeyQuestion]:
    """The key questions an inspection of ``inspection_type`` covers, in report order.

    Comprehensive inspections cover all five; assurance inspections safe and well-led;
    focused inspections the one or more chosen at announcement.

    Raises:
        ValueError: A focused inspection with no key question chosen, or an unknown one.
    """
    if inspection_type is InspectionType.COMPREHENSIVE:
        return list(KeyQuestion)
    if inspection_type is InspectionType.ASSURANCE:
        return list(ASSURANCE_SCOPE)
    picked = set(_key_questions(chosen))
    if not picked:
        raise ValueError("a focused inspection covers at least one key question")
    return [kq for kq in KeyQuestion if kq in picked]


def widen(current: Iterable[str], added: Iterable[str]) -> list[KeyQuestion]:
    """The scope after adding ``added`` to ``current``, in report order.

    Raises:
        ValueError: Nothing new is added, or a key question is unknown.
    """
    now = set(_key_questions(current))
    extra = set(_key_questions(added)) - now
    if not extra:
        raise ValueError("Choose at least one key question not already in scope")
    return [kq for kq in KeyQuestion if kq in now | extra]


def out_of_scope(current: Iterable[str]) -> list[KeyQuestion]:
    """The key questions the scope could still be widened to."""
    now = set(_key_questions(current))
    return [kq for kq in KeyQuestion if kq not in now]


def scope_text(scope: Iterable[str]) -> str:
    """A scope in words: "Safe, Well-led"."""
    return ", ".join(KEY_QUESTION_LABELS[kq] for kq in _key_questions(scope)) or "None"


def _key_questions(values: Iterable[str]) -> list[KeyQuestion]:
    result = []
    for value in values:
        if not isinstance(value, str) or value not in KeyQuestion.__members__.values():
            raise ValueError(f"unknown key question: {value!r}")
        result.append(KeyQuestion(value))
    return result
