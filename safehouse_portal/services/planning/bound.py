"""A lower bound on every plan of a large programme, proven by CP-SAT on a small relaxation.

The whole model of 600 groups and 60 inspectors takes CP-SAT longer to presolve than a
minute allows, so its bound never arrives. This relaxation keeps what costs the most and
drops who goes:

- the ``INDIVIDUAL`` groups that cost most per day of waiting each choose a day among the
  first ``DAY_LEVEL_DAYS`` or a week after (the frame's allowed starts: notice, deadline,
  provider weeks), at most one a week per provider; a week's waiting costs from the first day
  they may start in it; on each of those first days, no more team members on site than free
  inspectors, nor more groups needing a skill than free holders of it;
- the other groups are counted by (waiting cost, team size): how many of each start in each
  week, from the first working day of the week;
- in any 4 weeks no more starts than the inspectors can lead there, in any week no more team
  members than free inspector days and no more starts than providers;
- travel is each group's cheapest possible team; balance and re-planning changes count 0.

Every plan keeps these constraints and costs at least this much, so the bound CP-SAT proves
here is a true lower bound for the whole problem.
"""

import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager

from ortools.sat.python import cp_model

from safehouse_portal.domain.planning import WINDOW_WEEKS, PlanProblem, earliest_start_index
from safehouse_portal.domain.planning_cost import wait_rate
from safehouse_portal.domain.planning_frame import Frame
from safehouse_portal.services.planning.formulation import cheapest_travel, free_days_by_week, lead_room

INDIVIDUAL = 1000
"""How many of the costliest-waiting groups keep their own choices in the relaxation."""
DAY_LEVEL_DAYS = 20
"""For the first this many working days a group may start on, it chooses the day (where the
overdue groups crowd, a day's wait costs most); after them, the week."""


def relaxation(problem: PlanProblem, frame: Frame) -> cp_model.CpModel:
    """The relaxed model (see the module docstring); its objective bounds every plan from below."""
    model = cp_model.CpModel()
    ranked = sorted(problem.groups, key=lambda g: (-wait_rate(problem, frame, g), g.id))
    singles, rest = ranked[:INDIVIDUAL], ranked[INDIVIDUAL:]
    earliest = earliest_start_index()
    first_of_week: dict[int, int] = {}
    for n in range(earliest, len(problem.working_days)):
        first_of_week.setdefault(frame.week_of_day[n], n)
    starts: dict[int, list] = defaultdict(list)
    costs = [sum(cheapest_travel(problem, frame, g) for g in problem.groups)]
    by_provider: dict[tuple[int, int], list] = defaultdict(list)
    on_day: dict[int, list] = defaultdict(list)
    for g in singles:
        literals = _choices(model, frame, g)
        model.add_exactly_one(literal for _w, _first, literal in literals)
        rate = wait_rate(problem, frame, g)
        for w, first, literal in literals:
            starts[w].append((literal, g.shape.team_size))
            by_provider[g.provider_id, w].append(literal)
            costs.append(rate * (first - earliest) * literal)
            if first < earliest + DAY_LEVEL_DAYS:
                for day in range(first, first + g.shape.days):
                    on_day[day].append((literal, g))
    _days(model, problem, frame, on_day)
    for literals in by_provider.values():
        if len(literals) > 1:
            model.add_at_most_one(literals)
    for (rate, size), count in Counter((wait_rate(problem, frame, g), g.shape.team_size) for g in rest).items():
        counts = {w: model.new_int_var(0, count, f"y{rate}_{size}_{w}") for w in first_of_week}
        model.add(sum(counts.values()) == count)
        for w, number in counts.items():
            starts[w].append((number, size))
            costs.append(rate * (first_of_week[w] - earliest) * number)
    _capacity(model, problem, frame, starts)
    model.minimize(sum(costs))
    return model


def _choices(model: cp_model.CpModel, frame: Frame, g) -> list[tuple[int, int, object]]:
    """(week, first start, literal): each start day of the first ``DAY_LEVEL_DAYS``, then each week."""
    firsts: dict[tuple[int, int], int] = {}
    for n in frame.allowed[g.id]:
        key = (frame.week_of_day[n], n if n < earliest_start_index() + DAY_LEVEL_DAYS else -1)
        firsts.setdefault(key, n)
    return [(w, first, model.new_bool_var(f"x{g.id}_{first}")) for (w, _day), first in firsts.items()]


def _days(model: cp_model.CpModel, problem: PlanProblem, frame: Frame, on_day: dict[int, list]) -> None:
    """On each of the first days, no more team members on site than inspectors free, nor more
    groups needing a skill than free holders of it."""
    for day, pairs in on_day.items():
        free = [i for i in problem.inspectors if day not in frame.off[i.id]]
        model.add(sum(g.shape.team_size * literal for literal, g in pairs) <= len(free))
        for skill in {s for _literal, g in pairs for s in g.skills}:
            model.add(sum(literal for literal, g in pairs if skill in g.skills)
                      <= sum(1 for i in free if skill in i.skills))


def _capacity(model: cp_model.CpModel, problem: PlanProblem, frame: Frame, starts: dict[int, list]) -> None:
    free = free_days_by_week(problem, frame)
    providers = len({g.provider_id for g in problem.groups})
    for w, terms in starts.items():
        model.add(sum(size * term for term, size in terms) <= sum(free[i.id].get(w, 0) for i in problem.inspectors))
        model.add(sum(term for term, _size in terms) <= providers)
    if not starts:
        return
    for first in range(min(starts) - WINDOW_WEEKS + 1, max(starts) + 1):
        terms = [term for w in range(first, first + WINDOW_WEEKS) for term, _size in starts.get(w, [])]
        model.add(sum(terms) <= sum(lead_room(frame, i.id, first, free[i.id]) for i in problem.inspectors))


def proven_bound(problem: PlanProblem, frame: Frame, *, time_limit: float, workers: int,
                 watching: Callable[[cp_model.CpSolver], AbstractContextManager]) -> float | None:
    """The lower bound CP-SAT proves on the relaxation within ``time_limit`` (None if none).

    The solve runs inside ``watching(solver)``, which stops it when the run is cancelled. Every
    plan costs a whole number, so the bound is rounded up to one: CP-SAT reports its objective as
    a float whose last bits may be off (52.000000000000014 for 52), which must not read as a
    bound above a plan's cost.
    """
    began = time.monotonic()
    model = relaxation(problem, frame)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit - (time.monotonic() - began), 0.05)
    solver.parameters.num_workers = workers
    with watching(solver):
        status = solver.solve(model)
    if status == cp_model.OPTIMAL:
        return float(math.ceil(solver.objective_value - WHOLE))
    if status == cp_model.FEASIBLE:
        return float(math.ceil(solver.best_objective_bound - WHOLE))
    return None


WHOLE = 1e-6
"""How far from a whole number a float objective may be and still be read as that number."""
