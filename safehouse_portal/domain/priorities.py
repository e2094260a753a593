"""Coverage and revisit priorities: which services most need CQC's attention, and why.

Every service is inspected at least annually; since 2023 revisits are also risk- and
intelligence-based: where recommendations were made or new concerns arose. The revisit
priority list scores each inspection group by what is known about it and always says
why. The weights below are programme policy, set here and nowhere else:

=====================================================  ======  ===========================
Reason                                                 Points  Notes
=====================================================  ======  ===========================
A serious concern was raised                            40     once, however many
An early outcome letter was sent                        30     once
A recommendation is overdue                             15     each, counted up to 5
A key question was judged not meeting requirements      12     each
A KLOE was judged not meeting requirements               8     each
A key question was judged requires improvement           6     each
A KLOE was judged requires improvement                   4     each
A recommendation is open (not yet due)                   3     each, counted up to 5
A concern heard between inspections is open             20     each, counted up to 3
=====================================================  ======  ===========================

An open concern is recorded about the provider (it counts for each of the provider's
groups) or about one location (it counts for that location's group); it stops counting
once closed. Twenty points each puts a group with one open concern above a group with one
key question not meeting requirements, and below one with a serious concern found at
inspection, which is evidence rather than intelligence.

Groups are ordered by score, highest first; equal scores put the group that has gone
longest without an inspection first (never inspected before any), then by name. A group
with no reason scores 0 and is left off the list.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from safehouse_portal.domain.milestones import add_calendar_months

ANNUAL_MONTHS = 12
"""Every service is inspected at least once in this many months."""
DUE_SOON_WEEKS = 8
"""The coverage page looks this many weeks ahead for inspections falling due."""
COUNTED_RECOMMENDATIONS = 5
"""Open or overdue recommendations beyond this many add no more points."""
COUNTED_CONCERNS = 3
"""Open concerns beyond this many add no more points."""


class ReasonKind(StrEnum):
    """Why a group is on the revisit list."""

    SERIOUS_CONCERN = "serious_concern"
    EARLY_OUTCOME_LETTER = "early_outcome_letter"
    OVERDUE_RECOMMENDATIONS = "overdue_recommendations"
    KEY_QUESTIONS_NOT_MEETING = "key_questions_not_meeting"
    KLOES_NOT_MEETING = "kloes_not_meeting"
    KEY_QUESTIONS_REQUIRE_IMPROVEMENT = "key_questions_require_improvement"
    KLOES_REQUIRE_IMPROVEMENT = "kloes_require_improvement"
    OPEN_RECOMMENDATIONS = "open_recommendations"
    OPEN_CONCERNS = "open_concerns"


WEIGHTS: dict[ReasonKind, int] = {
    ReasonKind.SERIOUS_CONCERN: 40,
    ReasonKind.EARLY_OUTCOME_LETTER: 30,
    ReasonKind.OVERDUE_RECOMMENDATIONS: 15,
    ReasonKind.KEY_QUESTIONS_NOT_MEETING: 12,
    ReasonKind.KLOES_NOT_MEETING: 8,
    ReasonKind.KEY_QUESTIONS_REQUIRE_IMPROVEMENT: 6,
    ReasonKind.KLOES_REQUIRE_IMPROVEMENT: 4,
    ReasonKind.OPEN_RECOMMENDATIONS: 3,
    ReasonKind.OPEN_CONCERNS: 20,
}
"""Points per occurrence of each reason (see the table in the module docstring)."""


@dataclass(frozen=True)
class RevisitEvidence:
    """What is known about one inspection group, gathered by the caller.

    Attributes:
        kloes_not_meeting: Codes of KLOEs judged not meeting requirements.
        kloes_requiring_improvement: Codes of KLOEs judged requires improvement.
        key_questions_not_meeting: Key questions judged not meeting requirements.
        key_questions_requiring_improvement: Key questions judged requires improvement.
        open_recommendations: Recommendations not yet met and not yet due.
        overdue_recommendations: Recommendations not met by their due date.
        early_outcome_letter_on: When the latest early outcome letter was sent.
        serious_concern: A serious concern was raised.
        open_concerns: Concerns heard between inspections and still open.
    """

    kloes_not_meeting: tuple[str, ...] = ()
    kloes_requiring_improvement: tuple[str, ...] = ()
    key_questions_not_meeting: tuple[str, ...] = ()
    key_questions_requiring_improvement: tuple[str, ...] = ()
    open_recommendations: int = 0
    overdue_recommendations: int = 0
    early_outcome_letter_on: date | None = None
    serious_concern: bool = False
    open_concerns: tuple["OpenConcern", ...] = ()


@dataclass(frozen=True)
class OpenConcern:
    """An open concern as the revisit list words it: its severity label and when it was received."""

    severity: str
    received_on: date


@dataclass(frozen=True)
class Reason:
    """One reason, in words, with the points it adds."""

    kind: ReasonKind
    text: str
    points: int


@dataclass(frozen=True)
class Priority:
    """A group's score and every reason behind it, highest points first."""

    score: int
    reasons: tuple[Reason, ...]


def revisit_priority(evidence: RevisitEvidence) -> Priority:
    """Scores one group by the weights above; every point comes with its reason."""
    reasons = [reason for reason in _reasons(evidence) if reason.points > 0]
    reasons.sort(key=lambda reason: -reason.points)
    return Priority(sum(reason.points for reason in reasons), tuple(reasons))


_KLOE = ("KLOE", "KLOEs")
_KEY_QUESTION = ("key question", "key questions")


def _reasons(e: RevisitEvidence) -> list[Reason]:
    def judged(kind: ReasonKind, items: Sequence[str], noun: tuple[str, str], rating: str) -> Reason:
        listed = f" ({', '.join(items)})" if items else ""
        return Reason(kind, f"{_count(len(items), noun)} judged {rating}{listed}", WEIGHTS[kind] * len(items))

    def recommendations(kind: ReasonKind, count: int, adjective: str) -> Reason:
        noun = (f"{adjective} recommendation", f"{adjective} recommendations")
        return Reason(kind, _count(count, noun), WEIGHTS[kind] * min(count, COUNTED_RECOMMENDATIONS))

    not_meeting, improvement = "not meeting requirements", "requires improvement"
    reasons = [
        judged(ReasonKind.KEY_QUESTIONS_NOT_MEETING, e.key_questions_not_meeting, _KEY_QUESTION, not_meeting),
        judged(ReasonKind.KLOES_NOT_MEETING, e.kloes_not_meeting, _KLOE, not_meeting),
        judged(ReasonKind.KEY_QUESTIONS_REQUIRE_IMPROVEMENT, e.key_questions_requiring_improvement,
               _KEY_QUESTION, improvement),
        judged(ReasonKind.KLOES_REQUIRE_IMPROVEMENT, e.kloes_requiring_improvement, _KLOE, improvement),
        recommendations(ReasonKind.OVERDUE_RECOMMENDATIONS, e.overdue_recommendations, "overdue"),
        recommendations(ReasonKind.OPEN_RECOMMENDATIONS, e.open_recommendations, "open"),
    ]
    if e.serious_concern:
        reasons.append(Reason(ReasonKind.SERIOUS_CONCERN, "A serious concern was raised",
                              WEIGHTS[ReasonKind.SERIOUS_CONCERN]))
    if e.open_concerns:
        reasons.append(_concerns(e.open_concerns))
    if e.early_outcome_letter_on is not None:
        reasons.append(Reason(ReasonKind.EARLY_OUTCOME_LETTER,
                              f"An early outcome letter was sent on {_day(e.early_outcome_letter_on)}",
                              WEIGHTS[ReasonKind.EARLY_OUTCOME_LETTER]))
    return reasons


def _concerns(concerns: tuple[OpenConcern, ...]) -> Reason:
    """Open concerns, newest first, each with its severity and the day it was received."""
    newest = sorted(concerns, key=lambda c: c.received_on, reverse=True)
    listed = "; ".join(f"{c.severity.lower()}, received {_day(c.received_on)}" for c in newest)
    points = WEIGHTS[ReasonKind.OPEN_CONCERNS] * min(len(concerns), COUNTED_CONCERNS)
    return Reason(ReasonKind.OPEN_CONCERNS, f"{_count(len(concerns), ('open concern', 'open concerns'))} ({listed})",
                  points)


def _count(count: int, noun: tuple[str, str]) -> str:
    return f"{count} {noun[0] if count == 1 else noun[1]}"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class RankedGroup:
    """A group's priority with what breaks ties."""

    name: str
    priority: Priority
    last_inspected: date | None


def rank(groups: Sequence[RankedGroup]) -> list[RankedGroup]:
    """Groups with any reason, highest score first, then longest uninspected, then by name."""
    scored = [group for group in groups if group.priority.score > 0]
    return sorted(scored, key=lambda g: (-g.priority.score, g.last_inspected or date.min, g.name))


def annual_due(last_ended: date | None) -> date | None:
    """When the next annual inspection falls due: 12 months after the last one ended."""
    return None if last_ended is None else add_calendar_months(last_ended, ANNUAL_MONTHS)


def not_inspected_within_a_year(last_ended: date | None, today: date) -> bool:
    """Never inspected, or the last inspection ended more than 12 months before ``today``."""
    return last_ended is None or last_ended < add_calendar_months(today, -ANNUAL_MONTHS)


def time_since(last_ended: date | None, today: date) -> str:
    """How long since the last inspection ended, in whole months: "1 year and 2 months"."""
    if last_ended is None:
        return "Never inspected"
    months = (today.year - last_ended.year) * 12 + today.month - last_ended.month
    if today.day < last_ended.day:
        months -= 1
    years, months = divmod(max(months, 0), 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " and ".join(parts)
