"""A tighter lower bound for a programme of ordinary size: who leads, and when, together.

``bound.relaxation`` prices every group's travel at its cheapest possible team and counts the
4-week lead limits over all inspectors at once, so it cannot see that the nearest inspector
is already leading three inspections that month: on the demo programme the quick plan pays
about 400 more in travel than that, and waits longer. This relaxation keeps the lead's identity:

- each group chooses one (start, lead) pair: a start day among the first ``DAY_LEVEL_DAYS``
  working days it may start on, or a week after (the frame's allowed starts), and a candidate
  free for the whole inspection on some allowed start in that choice; waiting costs from the
  choice's first day, the team costs its lead's travel plus the cheapest possible rest of a
  team with that lead (a skill holder among them when the lead lacks the skill);
- per inspector: at most their 4-week lead limit (less leads already planned) in any 4 weeks;
  on each of the first days, at most one inspection they lead on site, none on a day off;
  the days of the inspections they lead starting in a week that fall in that week or the
  next fit their free days there;
- at most one start a week per provider; on each of the first days no more team members on
  site than free inspectors, nor more groups needing a skill than free holders of it.

Every plan keeps these constraints and costs at least this much (balance and re-planning
changes count 0), so its optimum, and the optimum of its linear programme, bound every plan.
On the demo programme: 19,971 (linear programme, 0.7 s with the rounding below) against
19,883 for ``bound.relaxation``; the best plan known costs 20,170.
"""

import math
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from safehouse_portal.domain.planning import WINDOW_WEEKS, PlanProblem, earliest_start_index
from safehouse_portal.domain.planning_cost import travel_cost, wait_rate
from safehouse_portal.domain.planning_frame import Frame
from safehouse_portal.services.planning.formulation import free_days_by_week, lead_room

DAY_LEVEL_DAYS = 60
"""For the first this many working days a group may start on, it chooses the day; after, the week."""
ROUNDING_SHARE = 0.5
"""The share of the bound's time a 0-1 answer near the linear programme's may take."""
TOLERANCE = 1e-5
"""The relative error allowed for in GLOP's optimum before it is rounded to a whole-number bound."""


def lead_relaxation(problem: PlanProblem, frame: Frame) -> cp_model.CpModel:
    """The relaxed model (see the module docstring); its objective bounds every plan from below."""
    return _cp_model(_relaxation(problem, frame)[0])


class _Rows:
    """A 0-1 linear model as plain rows, stated to CP-SAT or to GLOP (building both is slow)."""

    def __init__(self) -> None:
        self.costs: list[int] = []
        self.rows: list[tuple[list[int], list[int] | None, float, float]] = []

    def var(self, cost: int) -> int:
        self.costs.append(cost)
        return len(self.costs) - 1

    def add(self, variables: list[int], lo: float, hi: float, coefficients: list[int] | None = None) -> None:
        """``lo <= sum(coefficient * variable) <= hi`` (every coefficient 1 when not given)."""
        self.rows.append((variables, coefficients, lo, hi))


def _relaxation(problem: PlanProblem, frame: Frame, weeks: dict[int, frozenset[int]] | None = None
                ) -> tuple[_Rows, dict[int, tuple[int, int]]]:
    """The relaxed model (only the choices in ``weeks`` when given), and per choice variable the
    (group id, first start) it stands for."""
    rows, chosen = _Rows(), {}
    people = {i.id: i for i in problem.inspectors}
    earliest = earliest_start_index()
    on_day, by_provider, by_lead_week = defaultdict(list), defaultdict(list), defaultdict(list)
    for g in problem.groups:
        rate, choices = wait_rate(problem, frame, g), []
        team = {lead: rest_of_team(problem, frame, g, lead) for lead in frame.candidates[g.id]}
        for (week, day), starts in _buckets(frame, g.id).items():
            if weeks is not None and week not in weeks[g.id]:
                continue
            for lead, rest in team.items():
                free_starts = [s for s in starts if _free(frame, lead, s, g.shape.days)] if rest is not None else []
                if not free_starts:
                    continue
                x = rows.var(rate * (starts[0] - earliest) + travel_cost(problem, g, people[lead]) + rest)
                choices.append(x)
                chosen[x] = (g.id, starts[0])
                by_provider[g.provider_id, week].append(x)
                within = min(_days_within(frame, s, g.shape.days, week) for s in free_starts)
                by_lead_week[lead, week].append((x, within))
                for on in range(starts[0], starts[0] + g.shape.days) if day >= 0 else ():
                    on_day[on].append((x, g, lead))
        rows.add(choices, 1, 1)
    for variables in by_provider.values():
        if len(variables) > 1:
            rows.add(variables, 0, 1)
    _leads(rows, problem, frame, by_lead_week)
    _days(rows, problem, frame, on_day)
    return rows, chosen


def _cp_model(rows: _Rows) -> cp_model.CpModel:
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{n}") for n in range(len(rows.costs))]
    for variables, coefficients, lo, hi in rows.rows:
        model.add_linear_constraint(cp_model.LinearExpr.weighted_sum(
            [x[v] for v in variables], coefficients or [1] * len(variables)), int(lo), int(hi))
    model.minimize(cp_model.LinearExpr.weighted_sum(x, rows.costs))
    return model


def _buckets(frame: Frame, gid: int) -> dict[tuple[int, int], list[int]]:
    """The group's allowed starts by choice: (week, day) per single early day, (week, -1) per later week."""
    buckets: dict[tuple[int, int], list[int]] = {}
    for n in frame.allowed[gid]:
        key = (frame.week_of_day[n], n if n < earliest_start_index() + DAY_LEVEL_DAYS else -1)
        buckets.setdefault(key, []).append(n)
    return buckets


def _days_within(frame: Frame, start: int, days: int, week: int) -> int:
    """How many of an inspection's days fall in ``week`` or the next (a holiday may push the last
    ones further)."""
    return sum(1 for d in range(start, start + days) if frame.week_of_day[d] <= week + 1)


def _free(frame: Frame, person: int, start: int, days: int) -> bool:
    off = frame.off[person]
    return not any(d in off for d in range(start, start + days))


def rest_of_team(problem: PlanProblem, frame: Frame, g, lead: int) -> int | None:
    """The least the team other than ``lead`` can cost in travel (None: no team with that lead).

    With one required skill the lead lacks, a holder is among the rest; with more than one
    skill they are ignored (still a lower bound).
    """
    people = {i.id: i for i in problem.inspectors}
    others = sorted((travel_cost(problem, g, people[i]), i) for i in frame.candidates[g.id] if i != lead)
    need = g.shape.team_size - 1
    if len(others) < need:
        return None
    cheapest = sum(cost for cost, _i in others[:need])
    missing = g.skills - people[lead].skills
    if len(missing) != 1:
        return cheapest
    skill = next(iter(missing))
    if any(skill in people[i].skills for _cost, i in others[:need]):
        return cheapest
    holder = next((cost for cost, i in others if skill in people[i].skills), None)
    if holder is None or need == 0:
        return None
    return holder + sum(cost for cost, _i in others[:need - 1])


def _leads(rows: _Rows, problem: PlanProblem, frame: Frame, by_lead_week: dict) -> None:
    """Per inspector: the 4-week lead limit, and the days they lead within their free days."""
    free = free_days_by_week(problem, frame)
    weeks = sorted({w for _i, w in by_lead_week})
    for i in problem.inspectors:
        for w in weeks:
            terms = by_lead_week.get((i.id, w), [])
            room = free[i.id].get(w, 0) + free[i.id].get(w + 1, 0)
            if sum(days for _x, days in terms) > room:
                rows.add([x for x, _days in terms], 0, room, [days for _x, days in terms])
        for first in range(weeks[0] - WINDOW_WEEKS + 1, weeks[-1] + 1) if weeks else ():
            variables = [x for w in range(first, first + WINDOW_WEEKS) for x, _d in by_lead_week.get((i.id, w), [])]
            room = lead_room(frame, i.id, first, free[i.id])
            if len(variables) > room:
                rows.add(variables, 0, room)


def _days(rows: _Rows, problem: PlanProblem, frame: Frame, on_day: dict) -> None:
    """On each of the first days: each inspector leads at most one inspection on site (none on a day
    off), no more team members than free inspectors, no more groups needing a skill than free holders."""
    for day, triples in on_day.items():
        free = [i for i in problem.inspectors if day not in frame.off[i.id]]
        by_lead = defaultdict(list)
        for x, _g, lead in triples:
            by_lead[lead].append(x)
        for lead, variables in by_lead.items():
            if len(variables) > 1 or day in frame.off[lead]:
                rows.add(variables, 0, 0 if day in frame.off[lead] else 1)
        rows.add([x for x, _g, _lead in triples], 0, len(free), [g.shape.team_size for _x, g, _lead in triples])
        for skill in {s for _x, g, _lead in triples for s in g.skills}:
            rows.add([x for x, g, _lead in triples if skill in g.skills], 0, sum(1 for i in free if skill in i.skills))


@dataclass(frozen=True)
class LeadBound:
    """What solving the relaxation gave: a proven lower bound, and the start it chose for each group.

    The starts are a guide for the search (the best plans start near them), never a promise:
    the relaxation may put two inspections of one member on the same day.
    """

    bound: float = 0.0
    starts: dict[int, int] = field(default_factory=dict)
    weeks: dict[int, frozenset[int]] = field(default_factory=dict)
    """Per group, the week of a whole answer near the linear programme's (else ``shares``)."""
    shares: dict[int, frozenset[int]] = field(default_factory=dict)
    """Per group, the weeks the linear programme's answer starts some share of it in."""


class _Stoppable:
    """Lets ``watching`` stop a MIP solver the way it stops CP-SAT."""

    def __init__(self, solver: pywraplp.Solver) -> None:
        self._solver = solver

    def stop_search(self) -> None:
        self._solver.InterruptSolve()


def lead_bound(problem: PlanProblem, frame: Frame, *, time_limit: float,
               watching: Callable[[object], AbstractContextManager]) -> LeadBound | None:
    """The relaxation's linear programme solved by GLOP within ``time_limit`` (None if unsolved),
    and the weeks to search first.

    Its optimum is a lower bound on the relaxation's, so on every plan; GLOP solves it in well
    under a second where CP-SAT takes ten (its strength is the linear programme), and the 0-1
    problem adds only about 0.2% to it on the demo programme. The value is rounded down past
    GLOP's tolerance, so it stays a true lower bound. The weeks: a 0-1 answer CP-SAT finds
    among the weeks the linear programme used (``_rounded``), else those weeks.
    """
    rows, chosen = _relaxation(problem, frame)
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None or any(not variables and lo > 0 for variables, _c, lo, _hi in rows.rows):
        return None  # no GLOP here, or a group with no choice at all: the whole model says why
    values = _linear_programme(solver, rows)
    solver.SetTimeLimit(max(int(time_limit * 1000), 50))
    with watching(_Stoppable(solver)):
        status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        return None
    value = solver.Objective().Value()
    share: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for index, (gid, start) in chosen.items():
        share[gid][start] += values[index].solution_value()
    starts = {gid: max(by_start, key=lambda start: (by_start[start], -start)) for gid, by_start in share.items()}
    weeks = {gid: frozenset(frame.week_of_day[start] for start, part in by_start.items() if part > 1e-6)
             for gid, by_start in share.items()}
    rounded = _rounded(problem, frame, weeks, time_limit=ROUNDING_SHARE * time_limit)
    return LeadBound(bound=max(math.ceil(value - TOLERANCE * max(abs(value), 1.0)), 0), starts=starts,
                     weeks=rounded or weeks, shares=weeks)


def _rounded(problem: PlanProblem, frame: Frame, weeks: dict[int, frozenset[int]], *,
             time_limit: float) -> dict[int, frozenset[int]] | None:
    """Per group, the one week of a 0-1 answer of the relaxation within the weeks the linear
    programme used (None if CP-SAT finds none in time): a plan's weeks are whole, and searching
    near whole weeks finds good plans faster than near the linear programme's shares."""
    rows, chosen = _relaxation(problem, frame, weeks)
    model = _cp_model(rows)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {gid: frozenset({frame.week_of_day[start]}) for index, (gid, start) in chosen.items()
            if solver.boolean_value(model.get_bool_var_from_proto_index(index))}


def _linear_programme(solver: pywraplp.Solver, rows: _Rows) -> list:
    """States the linear relaxation of ``rows`` to ``solver``, through its low-level calls (its
    operators are slow)."""
    values = [solver.NumVar(0.0, 1.0, "") for _ in rows.costs]
    for variables, coefficients, lo, hi in rows.rows:
        row = solver.Constraint(lo, hi)
        for v, coefficient in zip(variables, coefficients or [1] * len(variables)):
            row.SetCoefficient(values[v], coefficient)
    objective = solver.Objective()
    for value, cost in zip(values, rows.costs):
        if cost:
            objective.SetCoefficient(value, cost)
    objective.SetMinimization()
    return values
