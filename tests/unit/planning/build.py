"""Small hand-made programmes for the planner's tests, and the checker run on every plan they make."""

from datetime import date

from safehouse_portal.domain.planning import (
    FixedInspection, PlanGroup, PlanInspector, PlanProblem, Shape, Weights, horizon_end, working_days_between,
)
from safehouse_portal.domain.planning_check import violations
from safehouse_portal.domain.working_days import WorkingCalendar
from safehouse_portal.services.planning.model import solve

CALENDAR = WorkingCalendar.for_years(range(2025, 2029))
MONDAY = date(2026, 1, 5)
"""A plain Monday: day 0 of most test plans (no bank holiday for weeks)."""


def group(gid: int, *, provider: int | None = None, days: int = 1, team: int = 1, region: str = "London",
          skills=(), priority: int = 0, last_ended: date | None = None, remote: bool = False,
          previous_start: date | None = None, previous_team=()) -> PlanGroup:
    return PlanGroup(id=gid, name=f"Group {gid}", provider_id=provider if provider is not None else gid,
                     regions=(region,), shape=Shape(days, team, remote), skills=frozenset(skills),
                     priority=priority, last_ended=last_ended, previous_start=previous_start,
                     previous_team=tuple(previous_team))


def inspector(iid: int, *, region: str = "London", off=(), max_leads: int = 3, skills=()) -> PlanInspector:
    return PlanInspector(id=iid, email=f"i{iid}@cqc.example", name=f"Inspector {iid}", home_region=region,
                         unavailable=frozenset(off), max_leads=max_leads, skills=frozenset(skills))


def problem(groups, inspectors, *, first: date = MONDAY, weeks: int = 6, fixed=(), weights=Weights()) -> PlanProblem:
    last = horizon_end(first, weeks)
    return PlanProblem(first_day=first, last_day=last, working_days=working_days_between(CALENDAR, first, last),
                       groups=tuple(groups), inspectors=tuple(inspectors), fixed=tuple(fixed), weights=weights)


def checked_plan(p: PlanProblem, time_limit: float = 5.0):
    """Solves ``p`` and fails the test if the plan breaks any hard constraint."""
    plan = solve(p, time_limit=time_limit, workers=2)
    broken = violations(p, plan)
    assert broken == [], broken
    return plan


def fixed(gid: int, first: date, last: date, lead: int, *, provider: int | None = None, team=()) -> FixedInspection:
    return FixedInspection(group_id=gid, provider_id=provider if provider is not None else gid, first=first,
                           last=last, lead_id=lead, team_ids=tuple(team))
