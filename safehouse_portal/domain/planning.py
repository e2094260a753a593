"""Planning the year: the rules a plan of inspections must keep, and the words that explain it.

Pure: the solver lives in ``services/planning/model.py``; this module holds what the
programme decides (how long an inspection takes and how many go, how far regions are apart,
how the objective weighs its aims) and the shapes a plan problem and a plan take.

The length and team rule (``ShapeRule``, every number adjustable):

===========================  ===============================================================
On-site days                  ceil(locations / 3), at least 1 and at most 5
Team                          1 inspector for up to 2 locations, 2 for more
Mode                          remote for a group of outreach services only, otherwise on site
Skills                        a group with a location accommodating children needs one team
                              member with children's safeguarding
===========================  ===============================================================

Time in a plan is counted in the programme's working days (Monday to Friday, no bank
holiday of England and Wales, no closure day), numbered from the plan's first working
day: an inspection's on-site days are consecutive numbers, so they are consecutive
working days and never a holiday. "Any 4 weeks" is any 4 consecutive calendar weeks, Monday
to Sunday, counted by the week an inspection starts in.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from safehouse_portal.domain.milestones import ANNOUNCE_WORKING_DAYS_BEFORE
from safehouse_portal.domain.priorities import annual_due
from safehouse_portal.domain.working_days import WorkingCalendar

CHILDREN = "children_safeguarding"
"""The skill a team needs for a group that accommodates children."""
SKILL_LABELS: dict[str, str] = {CHILDREN: "Children's safeguarding"}
"""Every skill the availability page offers, with its label."""
WINDOW_WEEKS = 4
"""The most inspections an inspector may lead is counted over any 4 consecutive weeks (Monday to Sunday)."""
DEFAULT_MAX_LEADS = 3
"""The 4-week limit an inspector has until someone sets theirs."""


@dataclass(frozen=True)
class ShapeRule:
    """How long an inspection of a group takes, and how many inspectors go (see the table above)."""

    locations_per_day: int = 3
    min_days: int = 1
    max_days: int = 5
    solo_up_to_locations: int = 2
    larger_team: int = 2


@dataclass(frozen=True)
class Shape:
    """An inspection's on-site days, team size (lead included) and mode."""

    days: int = 1
    team_size: int = 1
    remote: bool = False


def inspection_shape(locations: int, *, outreach_only: bool, rule: ShapeRule = ShapeRule()) -> Shape:
    """On-site days, team size and mode of an inspection of a group with ``locations`` locations."""
    days = min(max(math.ceil(max(locations, 0) / rule.locations_per_day), rule.min_days), rule.max_days)
    team = 1 if locations <= rule.solo_up_to_locations else rule.larger_team
    return Shape(days=days, team_size=team, remote=outreach_only)


_CENTRES: dict[str, tuple[float, float]] = {
    "North East": (54.97, -1.61), "North West": (53.48, -2.24), "Yorkshire and the Humber": (53.80, -1.55),
    "East Midlands": (52.95, -1.15), "West Midlands": (52.48, -1.90), "East of England": (52.20, 0.12),
    "London": (51.51, -0.13), "South East": (51.45, -0.97), "South West": (50.72, -3.53),
    "Wales": (51.48, -3.18),
}
"""A main city of each region, for the distance an inspector travels (roughly, in kilometres)."""


def region_distance(a: str, b: str) -> int:
    """Kilometres between the main cities of two regions, as the crow flies; 0 within one region.

    An unknown region is taken as 300 km from anywhere, so it never looks near.
    """
    if a == b:
        return 0
    if a not in _CENTRES or b not in _CENTRES:
        return 300
    (lat1, lon1), (lat2, lon2) = _CENTRES[a], _CENTRES[b]
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return round(6371 * math.hypot(x, y))


@dataclass(frozen=True)
class Weights:
    """How the objective weighs its aims; the page lets a programme manager change each.

    Attributes:
        priority: Per priority point, per working day an inspection waits: high-priority
            revisits earlier.
        travel: Per 100 km between an inspector's home region and the group, per team member
            (remote inspections travel nowhere).
        balance: Per on-site day the busiest inspector has beyond the least busy one.
        stability: Per working day a released inspection moves, and per team member changed,
            when re-planning.
        overdue: Per working day an already-overdue group waits: it starts as early as feasible.
    """

    priority: int = 1
    travel: int = 20
    balance: int = 30
    stability: int = 50
    overdue: int = 400


@dataclass(frozen=True)
class PlanInspector:
    """An inspector as the planner sees them."""

    id: int
    email: str = ""
    name: str = ""
    home_region: str = ""
    unavailable: frozenset[date] = frozenset()
    max_leads: int = DEFAULT_MAX_LEADS
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PlanGroup:
    """An inspection group to place, with what decides where it may go.

    ``previous_*`` describe a placement the manager accepted and then released for
    re-planning: the plan moves it as little as it can.
    """

    id: int
    name: str = ""
    provider_id: int = 0
    regions: tuple[str, ...] = ()
    shape: Shape = Shape()
    skills: frozenset[str] = frozenset()
    priority: int = 0
    priority_reasons: tuple[str, ...] = ()
    last_ended: date | None = None
    reason: str = "annual"
    previous_start: date | None = None
    previous_team: tuple[int, ...] = ()


@dataclass(frozen=True)
class FixedInspection:
    """An inspection already planned or under way: its days and people are taken."""

    group_id: int
    provider_id: int
    first: date
    last: date
    lead_id: int | None = None
    team_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlanProblem:
    """Everything one plan is made from."""

    first_day: date
    last_day: date
    working_days: tuple[date, ...]
    groups: tuple[PlanGroup, ...] = ()
    inspectors: tuple[PlanInspector, ...] = ()
    fixed: tuple[FixedInspection, ...] = ()
    weights: Weights = Weights()


def working_days_between(calendar: WorkingCalendar, first: date, last: date) -> tuple[date, ...]:
    """The working days from ``first`` to ``last`` inclusive, in order."""
    days, day = [], first
    while day <= last:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def horizon_end(first: date, weeks: int) -> date:
    """The last day of a plan ``weeks`` long from ``first``."""
    return first + timedelta(days=7 * weeks - 1)


def latest_start(group: PlanGroup) -> date | None:
    """The day by which the group's inspection must start: 12 months after its last one ended."""
    return annual_due(group.last_ended)


def earliest_start_index() -> int:
    """The first working-day number an inspection may start on: its announcement, 10 working days
    before, must fall on or after the plan's first day."""
    return ANNOUNCE_WORKING_DAYS_BEFORE


def week_of(day: date) -> date:
    """The Monday of ``day``'s week: two inspections of one provider never start in the same one."""
    return day - timedelta(days=day.weekday())


class Blocker(StrEnum):
    """The hard constraint that kept a group out of a plan."""

    HORIZON = "horizon"
    SKILLS = "skills"
    TEAM_SIZE = "team_size"
    AVAILABILITY = "availability"
    DEADLINE = "deadline"
    PROVIDER_WEEK = "provider_week"
    CAPACITY = "capacity"


@dataclass(frozen=True)
class PlannedInspection:
    """One inspection in a plan."""

    group_id: int
    start: date
    end: date
    announce: date
    lead_id: int
    team_ids: tuple[int, ...]
    latest_start: date | None = None
    late: bool = False
    why: str = ""


@dataclass(frozen=True)
class Unplaced:
    """A group the plan could not place, and the constraint that blocked it."""

    group_id: int
    blocker: Blocker
    why: str = ""


OPTIMAL = "optimal"
"""A plan no other plan beats under the objective (the solver proved it)."""
FEASIBLE = "feasible"
"""A plan that keeps every hard constraint; ``gap`` says how far from the best it may be."""
INFEASIBLE = "infeasible"
"""Proven: no plan keeps every hard constraint; the plan places what it can and names the rest."""
UNKNOWN = "unknown"
"""Time ran out before any plan was found: nothing is proven either way."""
CANCELLED = "cancelled"
"""Stopped when asked before any plan was found."""
NO_PLAN_STATUSES = frozenset({UNKNOWN, CANCELLED})
"""Outcomes that carry no plan at all."""


@dataclass(frozen=True)
class Plan:
    """A solver's answer, said honestly.

    ``status`` is ``optimal`` or ``feasible`` (every group placed), ``infeasible`` (proven; some
    groups unplaced, each with why), ``unknown`` (time ran out before any plan: no inspections,
    ``notes`` says so) or ``cancelled`` (stopped before any plan). ``gap`` is the relative gap
    against the bound the solver proved, 1.0 when none was. ``cancelled`` is also set on a plan
    found before a stop was asked for.
    """

    status: str
    gap: float = 0.0
    inspections: tuple[PlannedInspection, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    seconds: float = 0.0
    objective: float = 0.0
    bound: float = 0.0
    cancelled: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def lead_limit(inspector: PlanInspector, fixed: tuple[FixedInspection, ...]) -> int:
    """The most inspections ``inspector`` may lead in any 4 weeks: their own limit, or, where
    inspections planned before already take them over it, that many (no new lead adds to it)."""
    starts = sorted(week_of(f.first) for f in fixed if f.lead_id == inspector.id)
    peak = max((sum(1 for s in starts if first <= s < first + timedelta(weeks=WINDOW_WEEKS)) for first in starts),
               default=0)
    return max(inspector.max_leads, peak)


def relative_gap(objective: float, bound: float) -> float:
    """The optimality gap as a fraction of the objective (0 when proven optimal)."""
    if objective == bound:
        return 0.0
    return abs(objective - bound) / max(abs(objective), 1.0)
