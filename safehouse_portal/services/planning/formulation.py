"""The plan of the year as a CP-SAT model, built from a problem and its frame.

Time is the plan's working-day number; weeks are numbered from the week of the first
working day. Per group: a start (its domain the frame's allowed starts), one literal per week
it may start in (exactly one when present), and per candidate inspector a member literal and a
lead literal. Hard constraints:

- one inspection per group on consecutive working days (a fixed-size interval on the start);
- per inspector: no overlap of their intervals with each other, their leave and the
  inspections already planned; at most their limit of leads in any 4 weeks (a cumulative of
  4-week intervals on the week, inspections already planned included);
- exactly ``team_size`` members, one lead among them, each required skill on the team;
- at most one start a week per provider (weeks of planned ones are not in the domain).

What the solver can prove from (redundant, implied by the above, for a tight LP bound):

- the start lies between the first and last day of its chosen week, as a linear equation on
  the week literals, so waiting costs are read from the literals;
- time-indexed capacity: in any 4 weeks, no more groups start than the inspectors can lead
  there (each inspector: their limit less leads already planned, at most their free days), and
  in any week no more team-member starts than free inspector days;
- a cumulative of all inspections by team size against the number of inspectors.

The objective is ``domain.planning_cost`` term by term. In the relaxed model each group is
optional and leaving one out costs ``LEFT_OUT_PENALTY``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from safehouse_portal.domain.planning import WINDOW_WEEKS, PlanProblem, earliest_start_index
from safehouse_portal.domain.planning_cost import previous_start_index, travel_cost, wait_rate
from safehouse_portal.domain.planning_frame import Frame
from safehouse_portal.services.planning.greedy import Placement

LEFT_OUT_PENALTY = 10_000_000
"""What leaving a group out costs in the relaxed model: more than any placement can save."""
DAY_LEVEL_LITERALS = 20_000
"""Up to this many (group, start day) pairs, every start day gets its own literal."""


@dataclass
class Formulation:
    """The model and the variables a plan is read from."""

    model: cp_model.CpModel
    start: dict = field(default_factory=dict)
    present: dict = field(default_factory=dict)
    member: dict = field(default_factory=dict)
    lead: dict = field(default_factory=dict)
    buckets: dict = field(default_factory=dict)
    week: dict = field(default_factory=dict)
    intervals: dict = field(default_factory=lambda: defaultdict(list))
    lead_windows: dict = field(default_factory=lambda: defaultdict(list))
    loads: dict = field(default_factory=lambda: defaultdict(list))
    costs: list = field(default_factory=list)
    derived: list = field(default_factory=list)
    """(variable, function of the placements giving its value): hinted so the hint is complete."""


def formulate(problem: PlanProblem, frame: Frame, *, relaxed: bool, hint: list[Placement],
              aggregate: bool = False) -> Formulation:
    """The model of ``problem`` (relaxed: groups may be left out), its search started at ``hint``.

    ``aggregate`` leaves out who goes: no team literals and no per-inspector rules, each group's
    travel its cheapest possible team's, balance 0. Every plan keeps its constraints and costs at
    least as much there, so the optimum it proves, or its bound, is a lower bound on every plan:
    a small model that proves a bound the whole model would take long to reach.
    """
    f = Formulation(cp_model.CpModel())
    day_level_until = _day_level_until(problem, frame, DAY_LEVEL_LITERALS * (3 if aggregate else 1))
    for g in problem.groups:
        _group(f, problem, frame, g, relaxed, day_level_until, aggregate)
    _providers(f, problem)
    if not aggregate:
        _inspectors(f, problem, frame)
    _capacity(f, problem, frame)
    f.model.minimize(sum(f.costs))
    _hint(f, problem, frame, hint, relaxed)
    return f


def _group(f: Formulation, problem: PlanProblem, frame: Frame, g, relaxed: bool, day_level_until: int,
           aggregate: bool) -> None:
    model, allowed = f.model, list(frame.allowed[g.id])
    present = model.new_constant(1) if not relaxed else model.new_bool_var(f"p{g.id}")
    if not allowed:
        model.add(present == 0)
    start = model.new_int_var_from_domain(cp_model.Domain.from_values(allowed or [earliest_start_index()]), f"s{g.id}")
    f.present[g.id], f.start[g.id] = present, start
    literals = []
    for w, lo, hi in _buckets(frame, allowed, day_level_until):
        literal = model.new_bool_var(f"b{g.id}_{lo}")
        if lo == hi:
            model.add(start == lo).only_enforce_if(literal)
        else:
            model.add_linear_constraint(start, lo, hi).only_enforce_if(literal)
        literals.append((w, literal, lo, hi))
    f.buckets[g.id] = literals
    model.add(sum(lit for _w, lit, _lo, _hi in literals) == present)
    top = max(allowed, default=earliest_start_index())
    model.add(start >= sum(lo * lit for _w, lit, lo, _hi in literals))
    model.add(start <= sum(hi * lit for _w, lit, _lo, hi in literals) + top * (1 - present))
    week = model.new_int_var(0, max(frame.week_of_day, default=0), f"wk{g.id}")
    model.add(week == sum(w * lit for w, lit, _lo, _hi in literals))
    f.week[g.id] = week
    if aggregate:
        f.costs.append(cheapest_travel(problem, frame, g) * present)
    else:
        _team(f, problem, frame.candidates[g.id], g, start, week, present)
    f.costs.append(wait_rate(problem, frame, g) * (start - earliest_start_index()))
    _stability(f, problem, g, start)
    if relaxed:
        f.costs.append(LEFT_OUT_PENALTY * (1 - present))


def cheapest_travel(problem: PlanProblem, frame: Frame, g) -> int:
    """The least travel any team for ``g`` can cost: its cheapest candidates, one holding the
    skill it needs (with more than one skill, the skills are ignored: still a lower bound)."""
    people = {i.id: i for i in problem.inspectors}
    ranked = sorted(frame.candidates[g.id], key=lambda i: travel_cost(problem, g, people[i]))
    costs = [travel_cost(problem, g, people[i]) for i in ranked]
    size = g.shape.team_size
    if len(g.skills) != 1 or any(next(iter(g.skills)) in people[i].skills for i in ranked[:size]):
        return sum(costs[:size])
    skill = next(iter(g.skills))
    holder = next((n for n, i in enumerate(ranked) if skill in people[i].skills), None)
    if holder is None:
        return sum(costs[:size])
    return costs[holder] + sum(costs[:size - 1])


def _day_level_until(problem: PlanProblem, frame: Frame, budget: int) -> int:
    """The first working-day number from which starts are chosen by the week rather than the day.

    A literal per possible start day gives the tightest bound; a programme too large for that
    gets one for each day of its first weeks (where waiting costs most is decided) and one per
    week after.
    """
    count = sum(len(a) for a in frame.allowed.values())
    if count <= budget or not problem.groups:
        return len(problem.working_days)
    return earliest_start_index() + budget // len(problem.groups)


def _buckets(frame: Frame, allowed: list[int], day_level_until: int) -> list[tuple[int, int, int]]:
    """The (week, first, last) start ranges a group chooses one of: single days, then whole weeks."""
    buckets, spans = [], defaultdict(list)
    for n in allowed:
        if n < day_level_until:
            buckets.append((frame.week_of_day[n], n, n))
        else:
            spans[frame.week_of_day[n]].append(n)
    return buckets + [(w, min(starts), max(starts)) for w, starts in sorted(spans.items())]


def _team(f: Formulation, problem: PlanProblem, candidates: tuple[int, ...], g, start, week, present) -> None:
    model, people = f.model, {i.id: i for i in problem.inspectors}
    members, leads = [], []
    for iid in candidates:
        m = model.new_bool_var(f"m{g.id}_{iid}")
        lead = m if g.shape.team_size == 1 else model.new_bool_var(f"l{g.id}_{iid}")
        if lead is not m:
            model.add_implication(lead, m)
        f.member[g.id, iid], f.lead[g.id, iid] = m, lead
        members.append(m)
        leads.append(lead)
        f.intervals[iid].append(model.new_optional_fixed_size_interval_var(start, g.shape.days, m, f"i{g.id}_{iid}"))
        f.lead_windows[iid].append(
            model.new_optional_fixed_size_interval_var(week, WINDOW_WEEKS, lead, f"L{g.id}_{iid}"))
        f.loads[iid].append(g.shape.days * m)
        cost = travel_cost(problem, g, people[iid])
        if cost:
            f.costs.append(cost * m)
    model.add(sum(members) == g.shape.team_size * present)
    model.add(sum(leads) == present)
    for skill in g.skills:
        model.add(sum(f.member[g.id, i] for i in candidates if skill in people[i].skills) >= present)


def _stability(f: Formulation, problem: PlanProblem, g, start) -> None:
    weight = problem.weights.stability
    previous = previous_start_index(problem, g)
    if previous is None or not weight:
        return
    moved = f.model.new_int_var(0, len(problem.working_days), f"moved{g.id}")
    f.model.add_abs_equality(moved, start - previous)
    f.derived.append((moved, lambda where: abs(where[g.id].start - previous) if g.id in where else 0))
    f.costs.append(weight * moved)
    people = {i.id for i in problem.inspectors}
    for person in g.previous_team if f.member else ():
        if (g.id, person) in f.member:
            f.costs.append(weight * (1 - f.member[g.id, person]))
        elif person in people:
            f.costs.append(weight)


def _providers(f: Formulation, problem: PlanProblem) -> None:
    by_week: dict[tuple[int, int], list] = defaultdict(list)
    for g in problem.groups:
        for w, literal, _lo, _hi in f.buckets[g.id]:
            by_week[g.provider_id, w].append(literal)
    for literals in by_week.values():
        if len(literals) > 1:
            f.model.add_at_most_one(literals)


def _inspectors(f: Formulation, problem: PlanProblem, frame: Frame) -> None:
    model, totals = f.model, []
    days = {g.id: g.shape.days for g in problem.groups}
    for i in problem.inspectors:
        for first, last in _runs(sorted(frame.off[i.id])):
            f.intervals[i.id].append(model.new_fixed_size_interval_var(first, last - first + 1, f"off{i.id}_{first}"))
        if len(f.intervals[i.id]) > 1:
            model.add_no_overlap(f.intervals[i.id])
        windows = f.lead_windows[i.id] + [model.new_fixed_size_interval_var(w, WINDOW_WEEKS, f"fl{i.id}_{w}")
                                          for w in frame.fixed_lead_weeks.get(i.id, ()) if w > -WINDOW_WEEKS]
        if len(windows) > frame.limits[i.id]:
            model.add_cumulative(windows, [1] * len(windows), frame.limits[i.id])
        total = model.new_int_var(0, len(problem.working_days) + frame.fixed_days[i.id], f"load{i.id}")
        model.add(total == sum(f.loads[i.id]) + frame.fixed_days[i.id])
        totals.append(total)
        f.derived.append((total, lambda where, i=i: frame.fixed_days[i.id] + sum(
            days[p.group_id] for p in where.values() if i.id in p.team)))
    if totals and problem.weights.balance:
        top = len(problem.working_days) * 2
        most, least = model.new_int_var(0, top, "most"), model.new_int_var(0, top, "least")
        model.add_max_equality(most, totals)
        model.add_min_equality(least, totals)
        loads = [function for _var, function in f.derived[-len(totals):]]
        f.derived.append((most, lambda where: max(load(where) for load in loads)))
        f.derived.append((least, lambda where: min(load(where) for load in loads)))
        f.costs.append(problem.weights.balance * (most - least))


def _capacity(f: Formulation, problem: PlanProblem, frame: Frame) -> None:
    """The redundant capacity constraints the bound is proven from (see the module docstring)."""
    model = f.model
    if not problem.groups:
        return
    days = [model.new_optional_fixed_size_interval_var(f.start[g.id], g.shape.days, f.present[g.id], f"all{g.id}")
            for g in problem.groups]
    model.add_cumulative(days, [g.shape.team_size for g in problem.groups], len(problem.inspectors))
    starting: dict[int, list] = defaultdict(list)
    for g in problem.groups:
        for w, literal, _lo, _hi in f.buckets[g.id]:
            starting[w].append((literal, g.shape.team_size))
    free = free_days_by_week(problem, frame)
    for w, literals in starting.items():
        room = sum(free[i.id].get(w, 0) for i in problem.inspectors)
        if sum(size for _lit, size in literals) > room:
            model.add(sum(size * lit for lit, size in literals) <= room)
    _day_capacity(f, problem, frame)
    for first in range(min(starting, default=0) - WINDOW_WEEKS + 1, max(starting, default=-1) + 1):
        literals = [lit for w in range(first, first + WINDOW_WEEKS) for lit, _size in starting.get(w, [])]
        room = sum(lead_room(frame, i.id, first, free[i.id]) for i in problem.inspectors)
        if len(literals) > room:
            model.add(sum(literals) <= room)


def _day_capacity(f: Formulation, problem: PlanProblem, frame: Frame) -> None:
    """On each day, the inspections known to be on site then need no more people than are free,
    and no more holders of a skill than are free."""
    on_day: dict[int, list] = defaultdict(list)
    for g in problem.groups:
        for _w, literal, lo, hi in f.buckets[g.id]:
            if lo == hi:
                for d in range(lo, lo + g.shape.days):
                    on_day[d].append((literal, g))
    for d, pairs in on_day.items():
        free = [i for i in problem.inspectors if d not in frame.off[i.id]]
        if sum(g.shape.team_size for _lit, g in pairs) > len(free):
            f.model.add(sum(g.shape.team_size * lit for lit, g in pairs) <= len(free))
        for skill in {s for _lit, g in pairs for s in g.skills}:
            needing = [lit for lit, g in pairs if skill in g.skills]
            holders = sum(1 for i in free if skill in i.skills)
            if len(needing) > holders:
                f.model.add(sum(needing) <= holders)


def free_days_by_week(problem: PlanProblem, frame: Frame) -> dict[int, dict[int, int]]:
    free: dict[int, dict[int, int]] = {}
    for i in problem.inspectors:
        counts: dict[int, int] = defaultdict(int)
        for n, w in enumerate(frame.week_of_day):
            if n not in frame.off[i.id]:
                counts[w] += 1
        free[i.id] = counts
    return free


def lead_room(frame: Frame, person: int, first: int, free: dict[int, int]) -> int:
    """How many more inspections ``person`` can lead starting in weeks ``first`` to ``first + 3``."""
    weeks = range(first, first + WINDOW_WEEKS)
    already = sum(1 for w in frame.fixed_lead_weeks.get(person, ()) if w in weeks)
    return max(0, min(frame.limits[person] - already, sum(free.get(w, 0) for w in weeks)))


def _hint(f: Formulation, problem: PlanProblem, frame: Frame, placements: list[Placement], relaxed: bool) -> None:
    """Starts the search from the quick plan (groups it could not place are hinted absent)."""
    where = {p.group_id: p for p in placements}
    for variable, value in f.derived:
        f.model.add_hint(variable, value(where))
    for g in problem.groups:
        p = where.get(g.id)
        if relaxed:
            f.model.add_hint(f.present[g.id], p is not None)
        if p is None:
            continue
        f.model.add_hint(f.start[g.id], p.start)
        week = frame.week_of_day[p.start]
        f.model.add_hint(f.week[g.id], week)
        for _w, literal, lo, hi in f.buckets[g.id]:
            f.model.add_hint(literal, lo <= p.start <= hi)
        for iid in frame.candidates[g.id] if (g.id, frame.candidates[g.id][0]) in f.member else ():
            f.model.add_hint(f.member[g.id, iid], iid in p.team)
            if f.lead[g.id, iid] is not f.member[g.id, iid]:
                f.model.add_hint(f.lead[g.id, iid], iid == p.lead)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted numbers as (first, last)."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
