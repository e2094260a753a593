"""A quick first plan, placed group by group, that the solver starts its search from.

Earliest deadline first (overdue groups first of all, then higher priority), each at its
earliest start where a team is free: nearest and least-loaded inspectors first, a skilled
one when the group needs a skill, no lead over their 4-week limit, no second inspection of a
provider in one week. It keeps every hard constraint but may leave groups out; the solver
does the rest.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from safehouse_portal.domain.planning import (
    WINDOW_WEEKS, PlanGroup, PlanProblem, earliest_start_index, latest_start, week_of,
)
from safehouse_portal.domain.planning_why import nearest_km


@dataclass(frozen=True)
class Placement:
    """Where the quick plan put one group: its first working-day number, team and lead."""

    group_id: int
    start: int
    team: tuple[int, ...]
    lead: int


def greedy(problem: PlanProblem, allowed: dict[int, list[int]]) -> list[Placement]:
    """Places what it can; ``allowed`` gives each group's permitted start numbers."""
    days = problem.working_days
    busy: dict[int, set[int]] = defaultdict(set)
    leads: dict[int, list[date]] = defaultdict(list)
    weeks: dict[int, set[date]] = defaultdict(set)
    index = {d: n for n, d in enumerate(days)}
    for f in problem.fixed:
        for person in {f.lead_id, *f.team_ids} - {None}:
            busy[person].update(index[d] for d in index if f.first <= d <= f.last)
        if f.lead_id is not None:
            leads[f.lead_id].append(f.first)
        weeks[f.provider_id].add(week_of(f.first))
    off = {i.id: {index[d] for d in i.unavailable if d in index} for i in problem.inspectors}
    load: dict[int, int] = defaultdict(int)
    placed = []
    for group in sorted(problem.groups, key=lambda g: _urgency(problem, g)):
        for start in allowed.get(group.id, []):
            if week_of(days[start]) in weeks[group.provider_id]:
                continue
            span = set(range(start, start + group.shape.days))
            free = [i for i in problem.inspectors if not span & (busy[i.id] | off[i.id])]
            team = _team(group, free, load, leads, days[start])
            if team is None:
                continue
            lead = team[0]
            for person in team:
                busy[person].update(span)
                load[person] += group.shape.days
            leads[lead].append(days[start])
            weeks[group.provider_id].add(week_of(days[start]))
            placed.append(Placement(group.id, start, tuple(sorted(team)), lead))
            break
    return placed


def _urgency(problem: PlanProblem, group: PlanGroup) -> tuple:
    deadline = latest_start(group)
    first = problem.working_days[min(earliest_start_index(), len(problem.working_days) - 1)]
    overdue = deadline is not None and deadline < first
    return (not overdue, deadline or date.max, -group.priority, group.id)


def _team(group, free, load, leads, start: date) -> list[int] | None:
    """Lead first: the nearest, least-loaded free inspectors, a skilled one included when needed."""
    ranked = sorted(free, key=lambda i: (nearest_km(i, group) if not group.shape.remote else 0, load[i.id], i.id))

    def may_lead(i) -> bool:
        return sum(1 for s in leads[i.id] if abs((week_of(s) - week_of(start)).days) < 7 * WINDOW_WEEKS) < i.max_leads

    team = []
    for skill in sorted(group.skills):
        holder = next((i for i in ranked if skill in i.skills and i not in team), None)
        if holder is None:
            return None
        team.append(holder)
    for i in ranked:
        if len(team) >= group.shape.team_size:
            break
        if i not in team:
            team.append(i)
    if len(team) != group.shape.team_size:
        return None
    lead = next((i for i in team if may_lead(i)), None)
    if lead is None:
        return None
    return [lead.id] + [i.id for i in team if i.id != lead.id]


