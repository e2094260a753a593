"""What each group of a plan problem may do, worked out once for the solver and the quick plan.

Pure. Both the CP-SAT model and the quick (greedy) plan read one ``Frame``, so the quick plan
is always a solution of the model and can start its search. The frame narrows the choices
without changing the answer, except for one documented rule (``CANDIDATE_POOL``):

- a group may start only on a working day with 10 working days' notice inside the plan, by its
  deadline (unless already overdue), in a week its provider has no planned inspection starting,
  and when enough of its candidate inspectors (with the skills it needs) are free on every
  on-site day;
- its candidate inspectors: all of them while the programme has ``CANDIDATE_POOL`` or fewer;
  in a larger programme, the ``CANDIDATE_POOL`` nearest to the group, plus the nearest
  ``CANDIDATE_POOL // 2`` holding each skill it needs, plus its previous team. That keeps a
  programme of 60 inspectors solvable in a minute; the gap is then measured within this rule.
  A one-person team for a group needing a skill only ever has a skilled candidate.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from safehouse_portal.domain.planning import (
    WINDOW_WEEKS, PlanGroup, PlanProblem, earliest_start_index, latest_start, lead_limit, week_of,
)
from safehouse_portal.domain.planning_why import nearest_km

CANDIDATE_POOL = 12
"""In a programme with more inspectors than this, a group's team is drawn from its nearest 12."""


@dataclass(frozen=True)
class Frame:
    """The choices open to each group, and each inspector's fixed commitments, as numbers.

    Attributes:
        week_of_day: The week number (0 = the week of the plan's first working day) of each
            working-day number.
        allowed: Per group id, the working-day numbers it may start on, ascending.
        candidates: Per group id, the inspector ids who may be on its team, nearest first.
        off: Per inspector id, the working-day numbers they cannot inspect (leave and
            inspections already planned).
        fixed_lead_weeks: Per inspector id, the week numbers (negative before the plan) in
            which inspections they already lead start.
        limits: Per inspector id, the most inspections they may lead in any 4 weeks.
        fixed_days: Per inspector id, on-site days already planned inside the plan.
        overdue: Ids of groups whose deadline passed before the earliest start notice allows.
    """

    week_of_day: tuple[int, ...] = ()
    allowed: dict[int, tuple[int, ...]] = field(default_factory=dict)
    candidates: dict[int, tuple[int, ...]] = field(default_factory=dict)
    off: dict[int, frozenset[int]] = field(default_factory=dict)
    fixed_lead_weeks: dict[int, tuple[int, ...]] = field(default_factory=dict)
    limits: dict[int, int] = field(default_factory=dict)
    fixed_days: dict[int, int] = field(default_factory=dict)
    overdue: frozenset[int] = frozenset()


def planning_frame(problem: PlanProblem) -> Frame:
    """The frame of ``problem`` (see the module docstring for what it narrows, and why)."""
    days = problem.working_days
    day0 = days[0] if days else problem.first_day
    week_of_day = tuple((week_of(d) - week_of(day0)).days // 7 for d in days)
    index = {d: n for n, d in enumerate(days)}
    off, fixed_days, fixed_leads = {}, {}, defaultdict(list)
    for i in problem.inspectors:
        leave = {index[d] for d in i.unavailable if d in index}
        booked: set[int] = set()
        for f in problem.fixed:
            if i.id in (f.lead_id, *f.team_ids):
                booked |= {index[d] for d in _calendar(f.first, f.last) if d in index}
            if f.lead_id == i.id:
                fixed_leads[i.id].append((week_of(f.first) - week_of(day0)).days // 7)
        off[i.id] = frozenset(leave | booked)
        fixed_days[i.id] = len(booked - leave)
    taken = defaultdict(set)
    for f in problem.fixed:
        taken[f.provider_id].add((week_of(f.first) - week_of(day0)).days // 7)
    candidates = {g.id: _candidates(problem, g) for g in problem.groups}
    people = {i.id: i for i in problem.inspectors}
    runs = {i.id: _free_runs(len(days), off[i.id]) for i in problem.inspectors}
    allowed = {}
    for g in problem.groups:
        starts = _starts(problem, g, week_of_day, taken[g.provider_id])
        allowed[g.id] = tuple(s for s in starts if _team_possible(g, s, candidates[g.id], runs, people))
    return Frame(week_of_day=week_of_day, allowed=allowed, candidates=candidates, off=off,
                 fixed_lead_weeks={i: tuple(w) for i, w in fixed_leads.items()},
                 limits={i.id: lead_limit(i, problem.fixed) for i in problem.inspectors},
                 fixed_days=fixed_days, overdue=frozenset(g.id for g in problem.groups if is_overdue(problem, g)))


def is_overdue(problem: PlanProblem, group: PlanGroup) -> bool:
    """Whether the group's deadline passed before the earliest day notice allows it to start."""
    deadline, days, first = latest_start(group), problem.working_days, earliest_start_index()
    return deadline is not None and first < len(days) and deadline < days[first]


def _starts(problem: PlanProblem, group: PlanGroup, week_of_day, taken_weeks) -> list[int]:
    """Notice, horizon, deadline and the provider's free weeks."""
    days = problem.working_days
    first, last = earliest_start_index(), len(days) - group.shape.days
    deadline = latest_start(group)
    if deadline is not None and first < len(days) and deadline >= days[first]:
        last = min(last, max(n for n in range(len(days)) if days[n] <= deadline))
    return [n for n in range(first, last + 1) if week_of_day[n] not in taken_weeks]


def _candidates(problem: PlanProblem, group: PlanGroup) -> tuple[int, ...]:
    ranked = sorted(problem.inspectors, key=lambda i: (nearest_km(i, group), i.id))
    if group.shape.team_size == 1 and group.skills:
        ranked = [i for i in ranked if group.skills <= i.skills]
    if len(ranked) <= CANDIDATE_POOL:
        return tuple(i.id for i in ranked)
    keep = {i.id for i in ranked[:CANDIDATE_POOL]} | set(group.previous_team)
    for skill in group.skills:
        keep |= {i.id for i in [i for i in ranked if skill in i.skills][:CANDIDATE_POOL // 2]}
    return tuple(i.id for i in ranked if i.id in keep)


def _free_runs(count: int, off: frozenset[int]) -> list[int]:
    """For each working-day number, how many consecutive free days begin there."""
    runs = [0] * (count + 1)
    for n in range(count - 1, -1, -1):
        runs[n] = 0 if n in off else runs[n + 1] + 1
    return runs


def _team_possible(group: PlanGroup, start: int, candidates, runs, people) -> bool:
    free = [people[i] for i in candidates if runs[i][start] >= group.shape.days]
    return len(free) >= group.shape.team_size and all(any(s in i.skills for i in free) for s in group.skills)


def _calendar(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def window_weeks(week: int) -> range:
    """The first weeks of every 4-week window that holds ``week``."""
    return range(week - WINDOW_WEEKS + 1, week + 1)
