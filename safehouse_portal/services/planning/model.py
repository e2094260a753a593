"""The plan of the year as a CP-SAT model: no database, no Reflex; a ``PlanProblem`` in, a ``Plan`` out.

Time is the plan's working-day number (see ``domain.planning``). Each group gets a start
variable and a fixed-size interval; each candidate inspector an optional copy of it, present
when they are on the team. Hard constraints:

- one inspection per group, its on-site days consecutive working days inside the horizon;
- start >= 10, so the announcement 10 working days before falls on or after day 0;
- start <= the last working day on or before the annual deadline (12 months after the last
  inspection ended), unless that day is already out of reach: then the group is overdue and
  the objective pulls it as early as feasible;
- per inspector: no overlap of their intervals, their leave and the inspections already
  planned; at most ``max_leads`` inspections led in any 4 consecutive weeks (a cumulative on
  a week axis: the week a group starts in is a sum of one literal per possible week);
- exactly ``team_size`` members, exactly one lead among them, each required skill on the team;
- two groups of one provider never start in the same week (nor in a week a planned one starts).

If that is infeasible, a relaxed model makes each group optional with a large penalty; the
groups it leaves out are named with the constraint that blocked each (``domain.planning_why``).
"""

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from safehouse_portal.domain.planning import (
    WINDOW_WEEKS, Plan, PlannedInspection, PlanProblem, Unplaced, earliest_start_index, latest_start, lead_limit,
    relative_gap, week_of,
)
from safehouse_portal.domain.planning_why import blocker, free_inspectors, nearest_km, why_here
from safehouse_portal.services.planning.greedy import greedy

LEFT_OUT_PENALTY = 10_000_000
"""What leaving a group out costs in the relaxed model: more than any placement can save."""


@dataclass(frozen=True)
class Progress:
    """What the solver has found so far, for a progress bar."""

    seconds: float = 0.0
    solutions: int = 0
    objective: float = 0.0
    bound: float = 0.0


@dataclass
class _Vars:
    start: dict
    member: dict
    lead: dict
    present: dict
    week: dict = field(default_factory=dict)


class _Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(self, on_progress: Callable[[Progress], None] | None) -> None:
        super().__init__()
        self._on_progress, self._began, self.solutions = on_progress, time.monotonic(), 0

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self._on_progress is not None:
            self._on_progress(Progress(time.monotonic() - self._began, self.solutions,
                                       self.objective_value, self.best_objective_bound))


def solve(problem: PlanProblem, *, time_limit: float = 10.0, workers: int = 4,
          cancel: threading.Event | None = None, on_progress: Callable[[Progress], None] | None = None,
          relative_gap_limit: float = 0.0) -> Plan:
    """The best plan found within ``time_limit`` seconds (or until ``cancel`` is set)."""
    began = time.monotonic()
    plan = _solve(problem, relaxed=False, time_limit=time_limit, workers=workers, cancel=cancel,
                  on_progress=on_progress, gap_limit=relative_gap_limit)
    if plan is not None:
        return plan
    quick = _quick_plan(problem, time.monotonic() - began)
    if quick is not None:
        return quick
    remaining = max(time_limit - (time.monotonic() - began), 1.0)
    relaxed = _solve(problem, relaxed=True, time_limit=remaining, workers=workers, cancel=cancel,
                     on_progress=on_progress, gap_limit=relative_gap_limit)
    if relaxed is None:
        return Plan(status="infeasible", unplaced=tuple(_unplaced(problem, set(), ())),
                    seconds=time.monotonic() - began, cancelled=bool(cancel and cancel.is_set()))
    return relaxed


def _solve(problem, *, relaxed, time_limit, workers, cancel, on_progress, gap_limit) -> Plan | None:
    model = cp_model.CpModel()
    v = _build(model, problem, relaxed=relaxed)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.relative_gap_limit = gap_limit
    solver.parameters.cp_model_probing_level = 0
    done = threading.Event()
    if cancel is not None:
        threading.Thread(target=_stop_on, args=(cancel, done, solver), daemon=True).start()
    watcher = _Watcher(on_progress)
    try:
        status = solver.solve(model, watcher)
    finally:
        done.set()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return _read(problem, solver, v, status, relaxed, cancelled=bool(cancel and cancel.is_set()))


def _quick_plan(problem: PlanProblem, seconds: float) -> Plan | None:
    """When the solver ran out of time before its first plan, the quick plan, if it placed every group.

    Its gap is reported as 1.0: nothing was proven about how good it is.
    """
    allowed = {g.id: _allowed_starts(problem, g, _week_table(problem), _taken_weeks(problem)[g.provider_id])
               for g in problem.groups}
    placements = greedy(problem, allowed)
    if len(placements) != len(problem.groups):
        return None
    groups = {g.id: g for g in problem.groups}
    chosen = [(groups[p.group_id], p.start, p.team, p.lead) for p in placements]
    plan = _plan_of(problem, chosen, status="feasible", gap=1.0, seconds=seconds)
    return plan


def _week_table(problem: PlanProblem) -> list[int]:
    day0 = problem.working_days[0] if problem.working_days else problem.first_day
    return [(week_of(d) - week_of(day0)).days // 7 for d in problem.working_days]


def _taken_weeks(problem: PlanProblem) -> dict[int, set[int]]:
    day0 = problem.working_days[0] if problem.working_days else problem.first_day
    taken: dict[int, set[int]] = defaultdict(set)
    for f in problem.fixed:
        taken[f.provider_id].add((week_of(f.first) - week_of(day0)).days // 7)
    return taken


def _stop_on(cancel: threading.Event, done: threading.Event, solver: cp_model.CpSolver) -> None:
    while not done.is_set():
        if cancel.wait(0.1):
            solver.stop_search()
            return


def _build(model: cp_model.CpModel, problem: PlanProblem, *, relaxed: bool) -> _Vars:
    days = problem.working_days
    count = len(days)
    day0 = days[0] if days else problem.first_day
    week_table = [(week_of(d) - week_of(day0)).days // 7 for d in days]
    v = _Vars({}, {}, {}, {})
    intervals: dict[int, list] = defaultdict(list)
    lead_windows: dict[int, list] = defaultdict(list)
    loads: dict[int, list] = defaultdict(list)
    costs: list = []
    taken_weeks = defaultdict(set)
    for f in problem.fixed:
        taken_weeks[f.provider_id].add((week_of(f.first) - week_of(day0)).days // 7)
    weeks_of_provider: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    allowed_of = {g.id: _allowed_starts(problem, g, week_table, taken_weeks[g.provider_id]) for g in problem.groups}
    for g in problem.groups:
        allowed = allowed_of[g.id]
        present = model.new_bool_var(f"p{g.id}")
        v.present[g.id] = present
        if not relaxed:
            model.add(present == 1)
        if not allowed:
            model.add(present == 0)
            allowed = [0]
        start = model.new_int_var_from_domain(cp_model.Domain.from_values(allowed), f"s{g.id}")
        v.start[g.id] = start
        week = _week_of_start(model, g.id, start, allowed, week_table, present, weeks_of_provider[g.provider_id])
        v.week[g.id] = (week, week_table)
        members, leads = [], []
        for i in problem.inspectors:
            m = model.new_bool_var(f"m{g.id}_{i.id}")
            lead = m if g.shape.team_size == 1 else model.new_bool_var(f"l{g.id}_{i.id}")
            if lead is not m:
                model.add_implication(lead, m)
            v.member[g.id, i.id], v.lead[g.id, i.id] = m, lead
            members.append(m)
            leads.append(lead)
            intervals[i.id].append(model.new_optional_fixed_size_interval_var(start, g.shape.days, m, f"i{g.id}_{i.id}"))
            lead_windows[i.id].append(model.new_optional_fixed_size_interval_var(week, WINDOW_WEEKS, lead, f"L{g.id}_{i.id}"))
            loads[i.id].append(g.shape.days * m)
            km = 0 if g.shape.remote else nearest_km(i, g)
            if km and problem.weights.travel:
                costs.append(round(problem.weights.travel * km / 100) * m)
        model.add(sum(members) == g.shape.team_size * present)
        model.add(sum(leads) == present)
        for skill in g.skills:
            model.add(sum(v.member[g.id, i.id] for i in problem.inspectors if skill in i.skills) >= present)
        costs.extend(_start_costs(model, problem, g, start, v))
        if relaxed:
            costs.append(LEFT_OUT_PENALTY * (1 - present))
    _redundant(model, problem, v)
    for by_week in weeks_of_provider.values():
        for literals in by_week.values():
            if len(literals) > 1:
                model.add_at_most_one(literals)
    _inspector_limits(model, problem, intervals, lead_windows, loads, costs, day0)
    model.minimize(sum(costs))
    _hint(model, problem, v, greedy(problem, allowed_of), relaxed)
    return v


def _hint(model, problem, v, placements, relaxed) -> None:
    """Starts the search from the quick plan (groups it could not place are hinted absent)."""
    where = {p.group_id: p for p in placements}
    for g in problem.groups:
        p = where.get(g.id)
        if relaxed:
            model.add_hint(v.present[g.id], p is not None)
        if p is None:
            continue
        if g.previous_start is None:
            model.add_hint(v.start[g.id], p.start)
        week, table = v.week[g.id]
        model.add_hint(week, table[p.start])
        for i in problem.inspectors:
            model.add_hint(v.member[g.id, i.id], i.id in p.team)
            if v.lead[g.id, i.id] is not v.member[g.id, i.id]:
                model.add_hint(v.lead[g.id, i.id], i.id == p.lead)


def _allowed_starts(problem, group, week_table, taken_weeks) -> list[int]:
    """Working-day numbers the group may start on: notice, horizon, deadline, the provider's free weeks."""
    days = problem.working_days
    first, last = earliest_start_index(), len(days) - group.shape.days
    deadline = latest_start(group)
    if deadline is not None and first < len(days) and deadline >= days[first]:
        last = min(last, max(n for n in range(len(days)) if days[n] <= deadline))
    return [n for n in range(first, last + 1) if week_table[n] not in taken_weeks]


def _start_costs(model, problem, g, start, v) -> list:
    weights = problem.weights
    costs = [weights.priority * g.priority * start]
    deadline = latest_start(g)
    days = problem.working_days
    first = earliest_start_index()
    if deadline is not None and first < len(days) and deadline < days[first]:
        costs.append(weights.overdue * start)
    if g.previous_start is not None and weights.stability:
        previous = sum(1 for d in days if d < g.previous_start)
        moved = model.new_int_var(0, len(days), f"moved{g.id}")
        model.add_abs_equality(moved, start - previous)
        model.add_hint(start, previous)
        costs.append(weights.stability * moved)
        for person in g.previous_team:
            if (g.id, person) in v.member:
                costs.append(weights.stability * (1 - v.member[g.id, person]))
    return costs


def _week_of_start(model, gid, start, allowed, week_table, present, by_week):
    """The week number the group starts in, through one literal per week it may start in.

    The literals carry the provider's rule (at most one start a week, ``by_week``) and make
    the week a linear sum, which the 4-week limit counts over.
    """
    spans: dict[int, list[int]] = defaultdict(list)
    for n in allowed:
        spans[week_table[n]].append(n)
    literals = []
    for week_number, starts in sorted(spans.items()):
        literal = model.new_bool_var(f"wk{gid}_{week_number}")
        model.add(start >= min(starts)).only_enforce_if(literal)
        model.add(start <= max(starts)).only_enforce_if(literal)
        by_week[week_number].append(literal)
        literals.append((week_number, literal))
    model.add(sum(lit for _w, lit in literals) == present)
    week = model.new_int_var(0, max(week_table, default=0), f"w{gid}")
    model.add(week == sum(w * lit for w, lit in literals))
    return week


def _redundant(model, problem, v) -> None:
    """Implied by the per-inspector rules, stated for the whole team so the bound sees them."""
    if not problem.groups:
        return
    days = [model.new_optional_fixed_size_interval_var(v.start[g.id], g.shape.days, v.present[g.id], f"all{g.id}")
            for g in problem.groups]
    model.add_cumulative(days, [g.shape.team_size for g in problem.groups], len(problem.inspectors))
    weeks = [model.new_optional_fixed_size_interval_var(v.week[g.id][0], WINDOW_WEEKS, v.present[g.id], f"wk{g.id}")
             for g in problem.groups]
    model.add_cumulative(weeks, [1] * len(weeks), sum(i.max_leads for i in problem.inspectors))


def _inspector_limits(model, problem, intervals, lead_windows, loads, costs, day0) -> None:
    days = problem.working_days
    index = {d: n for n, d in enumerate(days)}
    totals = []
    for i in problem.inspectors:
        taken = {index[d] for d in i.unavailable if d in index}
        fixed_leads, fixed_days = [], 0
        for f in problem.fixed:
            if i.id in (f.lead_id, *f.team_ids):
                mine = {index[d] for d in index if f.first <= d <= f.last}
                fixed_days += len(mine - taken)
                taken |= mine
            week = (week_of(f.first) - week_of(day0)).days // 7
            if f.lead_id == i.id and week > -WINDOW_WEEKS:
                fixed_leads.append(model.new_fixed_size_interval_var(week, WINDOW_WEEKS, "lead"))
        for first, last in _runs(sorted(taken)):
            intervals[i.id].append(model.new_fixed_size_interval_var(first, last - first + 1, f"off{i.id}_{first}"))
        model.add_no_overlap(intervals[i.id])
        windows = lead_windows[i.id] + fixed_leads
        limit = lead_limit(i, problem.fixed)
        if len(windows) > limit:
            model.add_cumulative(windows, [1] * len(windows), limit)
        total = model.new_int_var(0, len(days) + fixed_days, f"load{i.id}")
        model.add(total == sum(loads[i.id]) + fixed_days)
        totals.append(total)
    if totals and problem.weights.balance:
        most = model.new_int_var(0, len(days) * 2, "most")
        least = model.new_int_var(0, len(days) * 2, "least")
        model.add_max_equality(most, totals)
        model.add_min_equality(least, totals)
        costs.append(problem.weights.balance * (most - least))


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted numbers as (first, last)."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        elif not runs or runs[-1][1] != n:
            runs.append((n, n))
    return runs


def _read(problem, solver, v, status, relaxed, *, cancelled) -> Plan:
    chosen = []
    for g in problem.groups:
        if not solver.boolean_value(v.present[g.id]):
            continue
        first = solver.value(v.start[g.id])
        team = tuple(i.id for i in problem.inspectors if solver.boolean_value(v.member[g.id, i.id]))
        lead = next(i.id for i in problem.inspectors if solver.boolean_value(v.lead[g.id, i.id]))
        chosen.append((g, first, team, lead))
    objective, bound = solver.objective_value, solver.best_objective_bound
    placed = {g.id for g, *_ in chosen}
    left_out = len(problem.groups) - len(placed)
    if relaxed and left_out:
        objective -= LEFT_OUT_PENALTY * left_out
        bound = max(bound - LEFT_OUT_PENALTY * left_out, 0)
    status_name = "optimal" if status == cp_model.OPTIMAL else "feasible"
    plan = _plan_of(problem, chosen, status=status_name, gap=round(relative_gap(objective, bound), 4),
                    seconds=solver.wall_time)
    return Plan(status=plan.status, gap=plan.gap, inspections=plan.inspections, unplaced=plan.unplaced,
                seconds=plan.seconds, objective=objective, bound=bound, cancelled=cancelled)


def _plan_of(problem, chosen, *, status: str, gap: float, seconds: float) -> Plan:
    """The plan of ``chosen`` placements (group, start number, team, lead), each with its reasons."""
    days = problem.working_days
    people = {i.id: i for i in problem.inspectors}
    busy = _busy(problem, chosen)
    inspections = []
    for g, first, team, lead in chosen:
        on_site = days[first:first + g.shape.days]
        deadline = latest_start(g)
        mine = {i: busy[i] - set(on_site) if i in team else busy[i] for i in busy}
        free = len(free_inspectors(problem, g, on_site, mine))
        inspections.append(PlannedInspection(
            group_id=g.id, start=on_site[0], end=on_site[-1], announce=days[first - earliest_start_index()],
            lead_id=lead, team_ids=tuple(sorted(team)), latest_start=deadline,
            late=deadline is not None and on_site[0] > deadline,
            why=why_here(g, on_site[0], [people[t] for t in team], people[lead], free)))
    placed = {g.id for g, *_ in chosen}
    left_out = tuple(_unplaced(problem, placed, chosen))
    return Plan(status="infeasible" if left_out else status, gap=gap, inspections=tuple(inspections),
                unplaced=left_out, seconds=seconds)


def _busy(problem, chosen) -> dict[int, set[date]]:
    busy: dict[int, set[date]] = defaultdict(set)
    for f in problem.fixed:
        for person in {f.lead_id, *f.team_ids} - {None}:
            busy[person].update(d for d in problem.working_days if f.first <= d <= f.last)
    for g, first, team, _lead in chosen:
        for person in team:
            busy[person].update(problem.working_days[first:first + g.shape.days])
    return busy


def _unplaced(problem, placed, chosen):
    busy = _busy(problem, chosen)
    for g in problem.groups:
        if g.id not in placed:
            kind, why = blocker(problem, g, busy)
            yield Unplaced(group_id=g.id, blocker=kind, why=why)
