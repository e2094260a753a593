"""Coverage and revisit priorities for programme managers.

Every service is inspected at least once a year, so the page lists locations whose
last inspection ended more than 12 months ago (or that were never inspected) and the
groups whose annual inspection falls due in the next 8 weeks. The revisit list scores
every group with ``domain.priorities`` and says why, open concerns heard between
inspections included (a concern about a provider counts for each of its groups, one about a
location for that location's group). Seven queries, whatever the size.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import (
    Concern, FrameworkKeyQuestion, Inspection, InspectionGroup, KeyQuestionJudgement, Kloe, KloeAssessment, Location,
    Provider, Recommendation,
)
from safehouse_portal.domain.engagement import SEVERITY_LABELS, ConcernSeverity, ConcernStatus
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import KEY_QUESTION_LABELS, STAGE_LABELS, KeyQuestion, Rating, Timescale
from safehouse_portal.domain.priorities import (
    DUE_SOON_WEEKS, OpenConcern, Priority, RankedGroup, RevisitEvidence, annual_due, not_inspected_within_a_year, rank, revisit_priority,
    time_since,
)
from safehouse_portal.domain.recommendations import RecommendationStatus, due_date, effective_status
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor

_RATING_ORDER = {Rating.MEETING: 0, Rating.REQUIRES_IMPROVEMENT: 1, Rating.NOT_MEETING: 2}


@dataclass(frozen=True)
class UncoveredLocation:
    """A location not inspected within a year."""

    name: str = ""
    kind: str = ""
    region: str = ""
    group_name: str = ""
    provider_name: str = ""
    last_inspected: str = ""
    how_long: str = ""
    inspection_id: int | None = None


@dataclass(frozen=True)
class DueGroup:
    """A group whose annual inspection falls due soon."""

    group_name: str = ""
    provider_name: str = ""
    last_inspected: str = ""
    due: str = ""
    planned: str = ""
    inspection_id: int | None = None


@dataclass(frozen=True)
class PriorityRow:
    """A group on the revisit list, with its score and every reason."""

    group_name: str = ""
    provider_name: str = ""
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    last_inspected: str = ""
    inspection_id: int | None = None


@dataclass(frozen=True)
class CoverageView:
    """The coverage page."""

    uncovered: list[UncoveredLocation] = field(default_factory=list)
    due_soon: list[DueGroup] = field(default_factory=list)
    priorities: list[PriorityRow] = field(default_factory=list)
    due_weeks: int = DUE_SOON_WEEKS


@dataclass
class _Group:
    name: str
    provider_name: str
    provider_id: int = 0
    inspections: list = field(default_factory=list)

    @property
    def current(self):
        return max(self.inspections, key=lambda i: i.id, default=None)

    @property
    def last_ended(self):
        ended = [i for i in self.inspections if i.ended_on is not None]
        return max(ended, key=lambda i: (i.ended_on, i.id), default=None)


def coverage_view(*, session: Session, actor: Actor | None, today: date) -> CoverageView:
    """Coverage gaps, annual inspections falling due, and the revisit priority list.

    Raises:
        PermissionDenied: Not a programme manager or admin.
    """
    access.admit(actor, Action.MANAGE_PROGRAMME)
    groups = _groups(session)
    return CoverageView(
        uncovered=_uncovered(session, groups, today),
        due_soon=_due_soon(groups, today),
        priorities=_priorities(session, groups, today),
    )


def _groups(session: Session) -> dict[int, _Group]:
    rows = session.exec(select(InspectionGroup.id, InspectionGroup.name, Provider.name, Provider.id)
                        .join(Provider, Provider.id == InspectionGroup.provider_id)).all()
    groups = {gid: _Group(name, provider, provider_id) for gid, name, provider, provider_id in rows}
    for inspection in session.exec(select(Inspection)).all():
        if inspection.group_id in groups:
            groups[inspection.group_id].inspections.append(inspection)
    return groups


def _current_id(group: _Group) -> int | None:
    """The group's current inspection, which its name links to (None when it has none)."""
    current = group.current
    return current.id if current else None


def _uncovered(session: Session, groups: dict[int, _Group], today: date) -> list[UncoveredLocation]:
    rows = session.exec(select(Location.name, Location.kind, Location.region, Location.group_id, Provider.name)
                        .join(Provider, Provider.id == Location.provider_id)
                        .where(Location.active == True)).all()  # noqa: E712
    found = []
    for name, kind, region, group_id, provider in rows:
        group = groups.get(group_id)
        last = group.last_ended.ended_on if group and group.last_ended else None
        if not not_inspected_within_a_year(last, today):
            continue
        found.append((last, UncoveredLocation(
            name=name, kind=kind.value.capitalize(), region=region, group_name=group.name if group else "No group",
            provider_name=provider, last_inspected=format_date(last) or "Never", how_long=time_since(last, today),
            inspection_id=_current_id(group) if group else None)))
    found.sort(key=lambda pair: (pair[0] or date.min, pair[1].provider_name, pair[1].name))
    return [row for _last, row in found]


def _due_soon(groups: dict[int, _Group], today: date) -> list[DueGroup]:
    horizon = today + timedelta(weeks=DUE_SOON_WEEKS)
    found = []
    for group in groups.values():
        last = group.last_ended
        due = annual_due(last.ended_on) if last else None
        if due is None or not today <= due <= horizon:
            continue
        current = group.current
        planned = ""
        if current is not None and current.ended_on is None and current.planned_start:
            planned = f"{STAGE_LABELS[current.stage]}: starts {format_date(current.planned_start)}"
        found.append((due, DueGroup(group.name, group.provider_name, format_date(last.ended_on), format_date(due),
                                    planned or "Not yet allocated", _current_id(group))))
    found.sort(key=lambda pair: (pair[0], pair[1].group_name))
    return [row for _due, row in found]


def _priorities(session: Session, groups: dict[int, _Group], today: date) -> list[PriorityRow]:
    ranked, by_name = [], {}
    for gid, evidence in _evidence(session, groups, today).items():
        group = groups[gid]
        key = f"{group.name}\u0000{gid}"
        last = group.last_ended.ended_on if group.last_ended else None
        ranked.append(RankedGroup(key, revisit_priority(evidence), last))
        by_name[key] = group
    return [
        PriorityRow(group_name=by_name[r.name].name, provider_name=by_name[r.name].provider_name,
                    score=r.priority.score, reasons=[reason.text for reason in r.priority.reasons],
                    last_inspected=format_date(r.last_inspected) or "Never", inspection_id=_current_id(by_name[r.name]))
        for r in rank(ranked)
    ]


def group_priorities(*, session: Session, actor: Actor | None, today: date) -> dict[int, Priority]:
    """Every group's revisit priority and its reasons, by group id (the planner weighs them).

    Raises:
        PermissionDenied: Not a programme manager or admin.
    """
    access.admit(actor, Action.MANAGE_PROGRAMME)
    groups = _groups(session)
    return {gid: revisit_priority(evidence) for gid, evidence in _evidence(session, groups, today).items()}


def _evidence(session: Session, groups: dict[int, _Group], today: date) -> dict[int, RevisitEvidence]:
    """What is known about each group: its last judgements, recommendations, letters and open concerns."""
    judged = {gid: group.last_ended.id for gid, group in groups.items() if group.last_ended}
    kloes, questions = _judgements(session, list(judged.values()))
    open_recs, overdue_recs = _recommendations(session, groups, today)
    concerns = _open_concerns(session, groups)
    found = {}
    for gid, group in groups.items():
        recent = [i for i in (group.current, group.last_ended) if i is not None]
        letters = [i.early_outcome_letter_on for i in recent if i.early_outcome_letter_on]
        inspection_id = judged.get(gid)
        kloe_ratings = kloes.get(inspection_id, {})
        kq_ratings = questions.get(inspection_id, {})
        found[gid] = RevisitEvidence(
            kloes_not_meeting=_codes(kloe_ratings, Rating.NOT_MEETING),
            kloes_requiring_improvement=_codes(kloe_ratings, Rating.REQUIRES_IMPROVEMENT),
            key_questions_not_meeting=_labels(kq_ratings, Rating.NOT_MEETING),
            key_questions_requiring_improvement=_labels(kq_ratings, Rating.REQUIRES_IMPROVEMENT),
            open_recommendations=open_recs.get(gid, 0),
            overdue_recommendations=overdue_recs.get(gid, 0),
            early_outcome_letter_on=max(letters, default=None),
            serious_concern=any(i.serious_concern for i in recent),
            open_concerns=tuple(concerns.get(gid, ())),
        )
    return found


def _open_concerns(session: Session, groups: dict[int, _Group]) -> dict[int, list[OpenConcern]]:
    """Open concerns per group: a provider's reach each of its groups, a location's its own group."""
    rows = session.exec(select(Concern.provider_id, Location.group_id, Concern.severity, Concern.received_on)
                        .join(Location, Location.id == Concern.location_id, isouter=True)
                        .where(Concern.status == ConcernStatus.OPEN)).all()
    by_provider: dict[int, list[int]] = defaultdict(list)
    for gid, group in groups.items():
        by_provider[group.provider_id].append(gid)
    found: dict[int, list[OpenConcern]] = defaultdict(list)
    for provider_id, group_id, severity, received_on in rows:
        concern = OpenConcern(SEVERITY_LABELS[ConcernSeverity(severity)], received_on)
        for gid in ([group_id] if group_id is not None else by_provider.get(provider_id, [])):
            if gid in groups:
                found[gid].append(concern)
    return found


def _codes(ratings: dict[str, Rating], rating: Rating) -> tuple[str, ...]:
    return tuple(sorted(code for code, value in ratings.items() if value is rating))


def _labels(ratings: dict[str, Rating], rating: Rating) -> tuple[str, ...]:
    return tuple(KEY_QUESTION_LABELS[KeyQuestion(k)] for k in KeyQuestion if ratings.get(k.value) is rating)


def _judgements(session: Session, inspection_ids: list[int]) -> tuple[dict, dict]:
    """KLOE ratings by code, and key question ratings, of each inspection.

    A key question's rating is the lead inspector's decision where one is recorded,
    otherwise the worst rating among its KLOEs.
    """
    kloes: dict[int, dict[str, Rating]] = defaultdict(dict)
    questions: dict[int, dict[str, Rating]] = defaultdict(dict)
    if not inspection_ids:
        return kloes, questions
    rows = session.exec(
        select(KloeAssessment.inspection_id, Kloe.code, FrameworkKeyQuestion.key, KloeAssessment.rating)
        .join(Kloe, Kloe.id == KloeAssessment.kloe_id)
        .join(FrameworkKeyQuestion, FrameworkKeyQuestion.id == Kloe.key_question_id)
        .where(KloeAssessment.inspection_id.in_(inspection_ids), KloeAssessment.rating.is_not(None))
    ).all()
    for inspection_id, code, key, rating in rows:
        rating = Rating(rating)
        kloes[inspection_id][code] = rating
        worst = questions[inspection_id].get(key)
        if worst is None or _RATING_ORDER[rating] > _RATING_ORDER[worst]:
            questions[inspection_id][key] = rating
    overrides = session.exec(
        select(KeyQuestionJudgement.inspection_id, KeyQuestionJudgement.key_question,
               KeyQuestionJudgement.override_rating)
        .where(KeyQuestionJudgement.inspection_id.in_(inspection_ids),
               KeyQuestionJudgement.override_rating.is_not(None))
    ).all()
    for inspection_id, key, rating in overrides:
        questions[inspection_id][key] = Rating(rating)
    return kloes, questions


def _recommendations(session: Session, groups: dict[int, _Group], today: date) -> tuple[dict, dict]:
    """Unmet recommendations of issued reports per group: (open, overdue) counts."""
    issued = {i.id: (gid, i.final_issued_on) for gid, g in groups.items() for i in g.inspections
              if i.final_issued_on is not None}
    open_counts: dict[int, int] = defaultdict(int)
    overdue_counts: dict[int, int] = defaultdict(int)
    if not issued:
        return open_counts, overdue_counts
    rows = session.exec(select(Recommendation.inspection_id, Recommendation.timescale, Recommendation.status)
                        .where(Recommendation.inspection_id.in_(list(issued)),
                               Recommendation.status != RecommendationStatus.MET.value)).all()
    for inspection_id, timescale, status in rows:
        gid, received = issued[inspection_id]
        if status not in RecommendationStatus.__members__.values():
            continue
        due = due_date(Timescale(timescale), received)
        state = effective_status(status, due, today=today)
        if state is RecommendationStatus.OVERDUE:
            overdue_counts[gid] += 1
        elif state is not RecommendationStatus.MET:
            open_counts[gid] += 1
    return open_counts, overdue_counts
