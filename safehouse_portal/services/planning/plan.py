"""Plan the year: gather the programme into a ``PlanProblem``, solve it, and accept what the manager keeps.

Gathering and accepting use the database; solving does not (``model.solve``), so a page can
solve in a worker thread with no session open. Accepting creates planned inspections through
the allocation service, so its rules (working days, notice, active inspectors) still apply.
A planned inspection the manager releases is planned again, moved as little as it can be.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, select

from safehouse_portal.db import Inspection, InspectionGroup, InspectionTeamMember, Location, Provider, User
from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import InspectionMode, InspectionReason, InspectionType, ServiceKind, Stage
from safehouse_portal.domain.planning import (
    CHILDREN, FixedInspection, Plan, PlanGroup, PlanInspector, PlanProblem, Weights, horizon_end,
    inspection_shape, working_days_between,
)
from safehouse_portal.domain.priorities import ReasonKind
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.calendar import working_calendar
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.planning.availability import availability
from safehouse_portal.services.programme import allocation
from safehouse_portal.services.programme.coverage import group_priorities

MAX_WEEKS = 104


@dataclass(frozen=True)
class PlanInputs:
    """A problem and the names to show its answer with (no table rows)."""

    problem: PlanProblem
    group_names: dict[int, str] = field(default_factory=dict)
    provider_names: dict[int, str] = field(default_factory=dict)
    planned_ids: dict[int, int] = field(default_factory=dict)
    """Released planned inspections by group id: accepting moves these rather than creating new ones."""


@dataclass(frozen=True)
class PlanRow:
    """One inspection of a plan, as the page, the CLI and the JSON show it."""

    group_id: int = 0
    group: str = ""
    provider: str = ""
    start: str = ""
    end: str = ""
    announce: str = ""
    latest_start: str | None = None
    late: bool = False
    lead_inspector: str = ""
    lead_name: str = ""
    team: list[str] = field(default_factory=list)
    team_names: list[str] = field(default_factory=list)
    reason: str = ""
    why: str = ""
    month: str = ""
    dates_label: str = ""
    announce_label: str = ""
    deadline_label: str = ""


@dataclass(frozen=True)
class UnplacedRow:
    """A group the plan left out and why."""

    group_id: int = 0
    group: str = ""
    why: str = ""


@dataclass(frozen=True)
class PlanView:
    """A plan, ready to show."""

    status: str = ""
    gap: float = 0.0
    seconds: float = 0.0
    inspections: list[PlanRow] = field(default_factory=list)
    unplaced: list[UnplacedRow] = field(default_factory=list)


def plan_inputs(*, session: Session, actor: Actor | None, today: date, first_day: date, weeks: int,
                weights: Weights = Weights(), released: frozenset[int] = frozenset()) -> PlanInputs:
    """Every active group to place, every inspector's availability, what is already planned.

    ``released`` are ids of planned inspections the manager lets the planner move.
    """
    actor = access.require(actor, Action.PLAN_PROGRAMME)
    if first_day < today:
        raise InvalidInput({"first_day": "Enter today or a later day"})
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput({"weeks": f"Enter a number of weeks from 1 to {MAX_WEEKS}"})
    calendar = working_calendar(session=session)
    last_day = horizon_end(first_day, weeks)
    if not (calendar.covers(first_day) and calendar.covers(last_day)):
        raise InvalidInput({"first_day": f"Plan within {calendar.first_year} to {calendar.last_year}"})
    priorities = group_priorities(session=session, actor=actor, today=today)
    groups, fixed, names, providers, planned_ids = _groups(session, priorities, released)
    return PlanInputs(
        problem=PlanProblem(first_day=first_day, last_day=last_day,
                            working_days=working_days_between(calendar, first_day, last_day),
                            groups=tuple(groups), inspectors=tuple(_inspectors(session, actor)), fixed=tuple(fixed),
                            weights=weights),
        group_names=names, provider_names=providers, planned_ids=planned_ids)


def _groups(session, priorities, released):
    locations = defaultdict(list)
    for loc in session.exec(select(Location).where(Location.active == True)).all():  # noqa: E712
        locations[loc.group_id].append(loc)
    by_group = defaultdict(list)
    for inspection in session.exec(select(Inspection)).all():
        by_group[inspection.group_id].append(inspection)
    team = defaultdict(list)
    for inspection_id, user_id in session.exec(select(InspectionTeamMember.inspection_id,
                                                      InspectionTeamMember.user_id)).all():
        team[inspection_id].append(user_id)
    groups, fixed, names, providers, planned_ids = [], [], {}, {}, {}
    rows = session.exec(select(InspectionGroup, Provider.name).join(Provider)).all()
    for group, provider_name in rows:
        if not locations.get(group.id):
            continue
        names[group.id], providers[group.id] = group.name, provider_name
        history = sorted(by_group[group.id], key=lambda i: i.id)
        latest = history[-1] if history else None
        ended = max((i.ended_on for i in history if i.ended_on), default=None)
        previous = None
        if latest is not None and latest.stage is not Stage.CLOSED:
            if latest.stage is Stage.PLANNED and latest.id in released:
                previous = latest
                planned_ids[group.id] = latest.id
            else:
                first = latest.started_on or latest.planned_start
                last = latest.ended_on or latest.planned_end or first
                if first is not None:
                    fixed.append(FixedInspection(group.id, group.provider_id, first, last, latest.lead_inspector_id,
                                                 tuple(team[latest.id])))
                continue
        here = locations[group.id]
        priority = priorities.get(group.id)
        groups.append(PlanGroup(
            id=group.id, name=group.name, provider_id=group.provider_id,
            regions=tuple(sorted({loc.region for loc in here})),
            shape=inspection_shape(len(here), outreach_only=all(loc.kind is ServiceKind.OUTREACH for loc in here)),
            skills=frozenset({CHILDREN}) if any(loc.accommodates_children for loc in here) else frozenset(),
            priority=priority.score if priority else 0,
            priority_reasons=tuple(r.text for r in priority.reasons) if priority else (),
            last_ended=ended, reason=_reason(ended, history, priority).value,
            previous_start=previous.planned_start if previous else None,
            previous_team=tuple(([previous.lead_inspector_id] if previous and previous.lead_inspector_id else [])
                                + (team[previous.id] if previous else []))))
    return groups, fixed, names, providers, planned_ids


def _reason(ended, history, priority) -> InspectionReason:
    """Why the inspection happens, from the group's history and its revisit reasons."""
    if not history:
        return InspectionReason.NEW_SERVICE
    kinds = {r.kind for r in priority.reasons} if priority else set()
    if ReasonKind.OPEN_CONCERNS in kinds or ReasonKind.SERIOUS_CONCERN in kinds:
        return InspectionReason.CONCERN
    if kinds & {ReasonKind.OPEN_RECOMMENDATIONS, ReasonKind.OVERDUE_RECOMMENDATIONS}:
        return InspectionReason.FOLLOW_UP
    return InspectionReason.ANNUAL


def _inspectors(session, actor) -> list[PlanInspector]:
    found = []
    for row in availability(session=session, actor=actor):
        off = set()
        for span in row.days_off:
            day, last = date.fromisoformat(span.first_day), date.fromisoformat(span.last_day)
            while day <= last:
                off.add(day)
                day += timedelta(days=1)
        found.append(PlanInspector(id=row.user_id, email=row.email, name=row.name, home_region=row.home_region,
                                   unavailable=frozenset(off), max_leads=row.max_leads, skills=frozenset(row.skills)))
    return found


def plan_view(inputs: PlanInputs, plan: Plan) -> PlanView:
    """The plan in words: names, e-mail addresses, dates and each placement's reasons."""
    people = {i.id: i for i in inputs.problem.inspectors}
    groups = {g.id: g for g in inputs.problem.groups}
    rows = []
    for p in sorted(plan.inspections, key=lambda p: (p.start, p.group_id)):
        lead = people[p.lead_id]
        members = [people[t] for t in [p.lead_id, *[t for t in p.team_ids if t != p.lead_id]]]
        reason = groups[p.group_id].reason
        reasons = groups[p.group_id].priority_reasons
        rows.append(PlanRow(
            group_id=p.group_id, group=inputs.group_names.get(p.group_id, ""),
            provider=inputs.provider_names.get(p.group_id, ""), start=p.start.isoformat(), end=p.end.isoformat(),
            announce=p.announce.isoformat(), latest_start=p.latest_start.isoformat() if p.latest_start else None,
            late=p.late, lead_inspector=lead.email, lead_name=lead.name, team=[m.email for m in members],
            team_names=[m.name for m in members],
            reason=reason.replace("_", " ").capitalize() + (f": {'; '.join(reasons)}" if reasons else ""),
            why=p.why, month=f"{p.start:%B %Y}",
            dates_label=format_date(p.start) if p.start == p.end else f"{format_date(p.start)} to {format_date(p.end)}",
            announce_label=format_date(p.announce), deadline_label=format_date(p.latest_start)))
    unplaced = [UnplacedRow(u.group_id, inputs.group_names.get(u.group_id, ""), u.why) for u in plan.unplaced]
    return PlanView(status=plan.status, gap=plan.gap, seconds=round(plan.seconds, 2), inspections=rows,
                    unplaced=unplaced)


def plan_json(view: PlanView) -> dict:
    """The plan in the shape ``safehouse plan --json`` prints."""
    return {"status": view.status, "gap": view.gap,
            "inspections": [{"group_id": r.group_id, "group": r.group, "start": r.start, "end": r.end,
                             "announce": r.announce, "latest_start": r.latest_start, "late": r.late,
                             "lead_inspector": r.lead_inspector, "team": r.team, "reason": r.reason}
                            for r in view.inspections],
            "unplaced": [{"group_id": u.group_id, "group": u.group, "why": u.why} for u in view.unplaced]}


def accept(*, session: Session, actor: Actor | None, today: date, inputs: PlanInputs, plan: Plan,
           group_ids: list[int] | None = None) -> list[int]:
    """Create (or, for a released one, move) a planned inspection for each chosen placement.

    Returns the inspections' ids. The allocation service checks each, so its rules apply.
    Choosing none, or a group the plan does not place, is refused before anything is made.
    """
    actor = access.require(actor, Action.PLAN_PROGRAMME)
    groups = {g.id: g for g in inputs.problem.groups}
    wanted = None if group_ids is None else set(group_ids)
    if wanted is not None and (not wanted or not wanted <= {p.group_id for p in plan.inspections}):
        raise InvalidInput({"accept": "Choose one or more inspections of this plan to accept"})
    done = []
    for p in plan.inspections:
        if wanted is not None and p.group_id not in wanted:
            continue
        group = groups[p.group_id]
        data = {"group_id": p.group_id,
                "type": (InspectionType.COMPREHENSIVE if group.priority or group.last_ended is None
                         else InspectionType.ASSURANCE).value,
                "key_questions": [], "mode": (InspectionMode.REMOTE if group.shape.remote else InspectionMode.ON_SITE).value,
                "planned_start": p.start.isoformat(), "planned_end": p.end.isoformat(),
                "lead_inspector_id": p.lead_id, "team": [t for t in p.team_ids if t != p.lead_id],
                "reason": group.reason}
        planned = inputs.planned_ids.get(p.group_id)
        if planned is not None:
            allocation.update_allocation(session=session, actor=actor, inspection_id=planned, data=data, today=today)
            done.append(planned)
        else:
            done.append(allocation.create_inspection(session=session, actor=actor, data=data, today=today))
    return done


def released_choices(*, session: Session, actor: Actor | None) -> list[tuple[int, str]]:
    """Planned inspections the manager may release for re-planning: (id, label)."""
    access.require(actor, Action.PLAN_PROGRAMME)
    rows = session.exec(select(Inspection.id, InspectionGroup.name, Inspection.planned_start, User.name)
                        .join(InspectionGroup, InspectionGroup.id == Inspection.group_id)
                        .join(User, User.id == Inspection.lead_inspector_id, isouter=True)
                        .where(Inspection.stage == Stage.PLANNED).order_by(Inspection.planned_start)).all()
    return [(i, f"{name}: {format_date(start)}{f', {lead}' if lead else ''}") for i, name, start, lead in rows]


