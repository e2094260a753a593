"""The plan's objective in plain Python: what a plan costs, term by term, in whole numbers.

Pure. The CP-SAT model states the same terms with the same coefficients (the functions below
give them), so the cost of the quick plan here equals the model's objective for it, and a
gap against the solver's bound is a true gap whichever plan is shown.

Terms (``Weights`` says how much each counts):

- waiting: every working day an inspection starts after the earliest day notice allows
  (10 working days into the plan) costs ``priority`` per priority point, plus ``overdue`` for a
  group already overdue: high-priority revisits and overdue groups go first;
- travel: per team member, ``travel`` per 100 km from their home region (remote: nothing);
- balance: ``balance`` per on-site day the busiest inspector has beyond the least busy one
  (inspections already planned included);
- stability, when re-planning an inspection the manager released: ``stability`` per working
  day it moves, and per member of its previous team who is no longer on it.

No term has a constant part: a plan in which every inspection starts on its earliest day with
its nearest people, perfectly balanced, costs 0, so the relative gap is not flattered.
"""

from collections.abc import Iterable

from safehouse_portal.domain.planning import PlanGroup, PlanInspector, PlanProblem, earliest_start_index
from safehouse_portal.domain.planning_frame import Frame
from safehouse_portal.domain.planning_why import nearest_km


def wait_rate(problem: PlanProblem, frame: Frame, group: PlanGroup) -> int:
    """What each working day the group waits past the earliest start costs."""
    weights = problem.weights
    return weights.priority * group.priority + (weights.overdue if group.id in frame.overdue else 0)


def travel_cost(problem: PlanProblem, group: PlanGroup, inspector: PlanInspector) -> int:
    """What sending ``inspector`` to ``group`` costs in travel."""
    if group.shape.remote:
        return 0
    return round(problem.weights.travel * nearest_km(inspector, group) / 100)


def previous_start_index(problem: PlanProblem, group: PlanGroup) -> int | None:
    """The working-day number a released inspection started on before, if it was released."""
    if group.previous_start is None:
        return None
    return sum(1 for d in problem.working_days if d < group.previous_start)


def plan_cost(problem: PlanProblem, frame: Frame, placements: Iterable[tuple[int, int, tuple[int, ...]]]) -> int:
    """The objective of a plan given as (group id, start number, team ids) placements."""
    groups = {g.id: g for g in problem.groups}
    people = {i.id: i for i in problem.inspectors}
    weights = problem.weights
    load = dict(frame.fixed_days)
    total = 0
    for gid, start, team in placements:
        group = groups[gid]
        total += wait_rate(problem, frame, group) * (start - earliest_start_index())
        total += sum(travel_cost(problem, group, people[i]) for i in team)
        for i in team:
            load[i] = load.get(i, 0) + group.shape.days
        previous = previous_start_index(problem, group)
        if previous is not None and weights.stability:
            total += weights.stability * abs(start - previous)
            total += weights.stability * sum(1 for i in group.previous_team if i in people and i not in team)
    if load and weights.balance:
        loads = [load.get(i.id, 0) for i in problem.inspectors]
        total += weights.balance * (max(loads) - min(loads))
    return total
