"""Plan the year with CP-SAT: a ``PlanProblem`` in, a ``Plan`` out; no database, no Reflex.

The steps, within one time limit:

1. the frame (``domain.planning_frame``) and the quick plan (``greedy``), which keeps every hard
   constraint and is priced exactly as the model prices it (``domain.planning_cost``);
2. a programme of ordinary size: a lower bound from the lead relaxation (``lead_bound``: who
   leads when, its linear programme solved by GLOP, then rounded to a week per group), and
   CP-SAT on the whole model (``formulation``) searching first within those weeks, then within
   every week the linear programme used, then, if time is left, everywhere, told the bound
   (without GLOP, the relaxation of ``bound`` and the whole model from the quick plan);
3. a large programme (more than ``LARGE_MEMBERS`` team choices, which CP-SAT cannot even
   presolve in a minute): the quick plan, with the bound CP-SAT proves on ``bound``'s relaxation;
4. the outcome, said honestly (``Plan.status``):

   - ``optimal`` or ``feasible``: the best plan found, its gap against the best bound proven
     (the whole model's or the relaxation's; 1.0 when none was);
   - ``infeasible``: CP-SAT proved no plan keeps every hard constraint; a relaxed model
     (each group optional, leaving one out heavily penalised) names the groups left out and
     the constraint that blocked each;
   - ``unknown``: time ran out before any plan was found (never called infeasible);
   - ``cancelled``: stopped when asked before any plan was found. Stopped after one was
     found, the plan is returned as ``feasible`` with ``cancelled`` set.
"""

import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from ortools.sat.python import cp_model

from safehouse_portal.domain.planning import (
    CANCELLED, FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN, Plan, PlannedInspection, PlanProblem, Unplaced,
    earliest_start_index, latest_start, relative_gap,
)
from safehouse_portal.domain.planning_cost import plan_cost, wait_rate
from safehouse_portal.domain.planning_frame import Frame, planning_frame
from safehouse_portal.domain.planning_why import blocker, free_inspectors, why_here
from safehouse_portal.services.planning.bound import proven_bound
from safehouse_portal.services.planning.formulation import LEFT_OUT_PENALTY, Formulation, formulate
from safehouse_portal.services.planning.greedy import Placement, place, quick_plan
from safehouse_portal.services.planning.lead_bound import LeadBound, lead_bound


QUICK_SHARE = 0.02
"""The share of the time limit the quick plan may spend bettering itself before CP-SAT starts."""
LARGE_QUICK_SHARE = 0.3
"""The same for a large programme, where the quick plan is the plan and CP-SAT proves its bound."""
LARGE_MEMBERS = 5_000
"""A programme with more (group, candidate inspector) pairs than this is large: its whole model
takes CP-SAT longer to presolve than a minute allows."""
FINISH_SHARE = 0.03
"""The share of the time limit kept for writing the plan up after the solver stops."""
BOUND_SHARE = 0.25
"""The share of the time limit a relaxation (``lead_bound``, else ``bound``) may take to prove a lower bound."""
NEIGHBOURHOODS = 4
"""How many ever wider sets of weeks CP-SAT searches before the whole model."""
WITHIN_SECONDS = 0.5
"""The least time worth giving CP-SAT for a search within chosen weeks (it presolves fast)."""
WHOLE_SHARE = 0.3
"""After searching the relaxation's weeks, the whole model is searched only if this share of the
time limit is left: CP-SAT takes seconds to presolve it, so less would be wasted."""
MIN_SOLVER_SECONDS = 0.05


@dataclass(frozen=True)
class Progress:
    """What the solver has found so far, for a progress bar."""

    seconds: float = 0.0
    solutions: int = 0
    objective: float = 0.0
    bound: float = 0.0


@dataclass(frozen=True)
class _Outcome:
    """What one CP-SAT run ended with: its status, a plan if it found one, the bound it proved."""

    status: int
    placements: tuple[Placement, ...] = ()
    objective: float = 0.0
    bound: float | None = None


class _Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(self, on_progress: Callable[[Progress], None] | None, began: float, found: int,
                 stop_at: float | None = None) -> None:
        super().__init__()
        self._on_progress, self._began, self.solutions, self._stop_at = on_progress, began, found, stop_at

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self._stop_at is not None and self.objective_value <= self._stop_at:
            self.stop_search()
        if self._on_progress is not None:
            self._on_progress(Progress(time.monotonic() - self._began, self.solutions,
                                       self.objective_value, self.best_objective_bound))


def solve(problem: PlanProblem, *, time_limit: float = 10.0, workers: int = 4,
          cancel: threading.Event | None = None, on_progress: Callable[[Progress], None] | None = None,
          relative_gap_limit: float = 0.0) -> Plan:
    """The best plan found within ``time_limit`` seconds (or until ``cancel`` is set), said honestly."""
    run = _Run(problem, planning_frame(problem), time.monotonic(), time_limit, workers, cancel, on_progress,
               relative_gap_limit)
    large = sum(len(c) for c in run.frame.candidates.values()) > LARGE_MEMBERS
    share = LARGE_QUICK_SHARE if large else QUICK_SHARE
    quick, quick_cost = quick_plan(problem, run.frame, budget=share * time_limit)
    if quick_cost is not None:
        run.found = 1
        if on_progress is not None:
            on_progress(Progress(time.monotonic() - run.began, 1, quick_cost, 0.0))
    if quick_cost is None:
        return _search(run, quick, None, None)
    if large:
        bound = None if run.stopped() else proven_bound(problem, run.frame, time_limit=run.left(), workers=workers,
                                                        watching=run.watching)
        return run.plan(tuple(quick), status=FEASIBLE, objective=quick_cost, bound=bound, notes=(
            "A large programme: the quick plan, its gap against the bound CP-SAT proved on a relaxation.",))
    guide = None if run.stopped() else lead_bound(problem, run.frame, time_limit=BOUND_SHARE * time_limit,
                                                  watching=run.watching)
    if guide is not None:
        return _guided(run, quick, quick_cost, guide)
    lower = None if run.stopped() else proven_bound(problem, run.frame, time_limit=BOUND_SHARE * time_limit,
                                                    workers=1, watching=run.watching)
    return _search(run, quick, quick_cost, lower)


def _guided(run: "_Run", quick: list[Placement], quick_cost: int, guide: LeadBound) -> Plan:
    """CP-SAT first within the week the lead relaxation chose for each group, then within every
    week its linear programme used, then, if time is left, on the whole model.

    Searching only those weeks is a small problem CP-SAT finishes in seconds, and on the demo
    programme its best plan is within about 2% of the relaxation's bound, where the whole model
    from the quick plan stays about 9% away after ten seconds. Its own bound proves nothing about
    other weeks, so the gap is always against the relaxation's bound (or the whole model's).
    """
    order = sorted(run.problem.groups, key=lambda g: (guide.starts[g.id], -wait_rate(run.problem, run.frame, g)))
    placed = place(run.problem, run.frame, order, prefer=guide.weeks)
    if len(placed) == len(run.problem.groups):
        cost = plan_cost(run.problem, run.frame, ((p.group_id, p.start, p.team) for p in placed))
        if cost < quick_cost:
            quick, quick_cost = placed, cost
    enough = guide.bound / (1 - run.gap_limit) if run.gap_limit < 1 else math.inf
    hint, weeks = placed or quick, guide.weeks
    for step in range(NEIGHBOURHOODS):
        if quick_cost <= enough or run.left(0.0) < WITHIN_SECONDS or run.stopped():
            break
        within = run.cp_sat(relaxed=False, hint=hint, lower=guide.bound, weeks=weeks, stop_at=enough)
        if within.placements and within.objective < quick_cost:
            quick, quick_cost = list(within.placements), int(within.objective)
        hint = quick
        weeks = _wider(run.frame, weeks, guide.shares, quick, step)
    if quick_cost <= enough or run.left(0.0) < WHOLE_SHARE * run.time_limit or run.stopped():
        status = OPTIMAL if quick_cost <= math.ceil(guide.bound - 1e-6) else FEASIBLE
        return run.plan(tuple(quick), status=status, objective=quick_cost, bound=guide.bound)
    return _search(run, quick, quick_cost, guide.bound)


def _wider(frame: Frame, weeks: dict[int, frozenset[int]], shares: dict[int, frozenset[int]],
           best: list[Placement], step: int) -> dict[int, frozenset[int]]:
    """The weeks the next search may use: first every week the linear programme used, then also
    the weeks either side of the best plan's."""
    around = {p.group_id: frozenset(frame.week_of_day[p.start] + d for d in range(-step, step + 1)) for p in best}
    return {gid: allowed | shares.get(gid, frozenset()) | around.get(gid, frozenset()) if step else
            allowed | shares.get(gid, frozenset()) for gid, allowed in weeks.items()}


def _search(run: "_Run", quick: list[Placement], quick_cost: int | None, lower: float | None) -> Plan:
    """CP-SAT on the whole model from the quick plan; the relaxed model if that proves infeasible."""
    outcome = None if run.stopped() else run.cp_sat(relaxed=False, hint=quick, lower=lower)
    if outcome is not None and outcome.status == cp_model.INFEASIBLE:
        relaxed = run.cp_sat(relaxed=True, hint=quick, at_least=1.0)
        return run.plan(relaxed.placements or tuple(quick), status=INFEASIBLE, objective=0.0, bound=0.0)
    bound = max((b for b in (outcome.bound if outcome is not None else None, lower) if b is not None), default=None)
    found = outcome is not None and outcome.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found and (quick_cost is None or outcome.objective <= quick_cost):
        proven = outcome.status == cp_model.OPTIMAL and _gap(outcome.objective, bound) == 0.0
        status = OPTIMAL if proven else FEASIBLE  # CP-SAT says optimal once within its gap limit
        return run.plan(outcome.placements, status=status, objective=outcome.objective, bound=bound)
    if quick_cost is not None:
        return run.plan(tuple(quick), status=FEASIBLE, objective=quick_cost, bound=bound,
                        notes=("The solver did not better the quick plan in the time given.",))
    seconds = time.monotonic() - run.began
    if run.stopped():
        return Plan(status=CANCELLED, gap=1.0, seconds=seconds, cancelled=True,
                    notes=("Stopped before any plan was found.",))
    return Plan(status=UNKNOWN, gap=1.0, seconds=seconds,
                notes=(f"No plan found in {run.time_limit:g} s; try a longer time limit.",))


@dataclass
class _Run:
    """One call of ``solve``: its problem, clock, limits and the people watching it."""

    problem: PlanProblem
    frame: Frame
    began: float
    time_limit: float
    workers: int
    cancel: threading.Event | None
    on_progress: Callable[[Progress], None] | None
    gap_limit: float
    found: int = 0

    def left(self, at_least: float = MIN_SOLVER_SECONDS) -> float:
        """Seconds the next solver may take, keeping a moment to write the plan up."""
        spent = time.monotonic() - self.began
        return max(self.time_limit - spent - FINISH_SHARE * self.time_limit, at_least)

    def stopped(self) -> bool:
        return bool(self.cancel and self.cancel.is_set())

    @contextmanager
    def watching(self, solver: cp_model.CpSolver) -> Iterator[None]:
        """While the block runs, stops ``solver`` as soon as the run is cancelled."""
        done = threading.Event()
        if self.cancel is not None:
            threading.Thread(target=_stop_on, args=(self.cancel, done, solver), daemon=True).start()
        try:
            yield
        finally:
            done.set()

    def cp_sat(self, *, relaxed: bool, hint: list[Placement], at_least: float = MIN_SOLVER_SECONDS,
               lower: float | None = None, weeks: dict[int, frozenset[int]] | None = None,
               seconds: float | None = None,
               stop_at: float | None = None) -> _Outcome:
        """Solves the whole model (or the relaxed one), told that no plan costs less than ``lower``.

        With ``weeks``, each group starts in one of its given weeks: a search of part of the plans, so the
        bound it proves is dropped. It stops once a plan costs ``stop_at`` or less, or after ``seconds``.
        """
        called = time.monotonic()
        formulation = formulate(self.problem, self.frame, relaxed=relaxed, hint=hint)
        if lower is not None:
            formulation.model.add(sum(formulation.costs) >= math.ceil(lower - 1e-6))
        for gid, allowed in (weeks or {}).items():
            for week, literal, _lo, _hi in formulation.buckets[gid]:
                if week not in allowed:
                    formulation.model.add(literal == 0)
        solver = cp_model.CpSolver()
        budget = self.left(at_least) if seconds is None else min(self.left(at_least), seconds)
        solver.parameters.max_time_in_seconds = max(budget - (time.monotonic() - called), at_least)
        solver.parameters.num_workers = self.workers
        solver.parameters.relative_gap_limit = self.gap_limit
        solver.parameters.cp_model_probing_level = 0
        if weeks:
            solver.parameters.linearization_level = 2  # a small model: its tighter LP pays for itself
        with self.watching(solver):
            status = solver.solve(formulation.model, _Watcher(self.on_progress, self.began, self.found, stop_at))
        if status == cp_model.MODEL_INVALID:
            raise RuntimeError(f"The plan model is invalid: {formulation.model.validate()}")
        bound = solver.best_objective_bound if status != cp_model.INFEASIBLE and not weeks else None
        if bound is not None and not math.isfinite(bound):
            bound = None
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return _Outcome(status, bound=None if relaxed else bound)
        placements = tuple(_read(self.problem, self.frame, solver, formulation))
        objective = solver.objective_value
        if weeks and status == cp_model.OPTIMAL:
            status = cp_model.FEASIBLE  # the best of part of the plans only
        if relaxed:
            objective, bound = objective - LEFT_OUT_PENALTY * (len(self.problem.groups) - len(placements)), None
        return _Outcome(status, placements, objective, bound)

    def plan(self, chosen: tuple[Placement, ...], *, status: str, objective: float, bound: float | None,
             notes: tuple[str, ...] = ()) -> Plan:
        if bound is not None:
            bound = min(math.ceil(bound - 1e-6), objective)  # a whole-number objective: its bound rounds up
        gap = 0.0 if status == INFEASIBLE else _gap(objective, bound)
        return plan_of(self.problem, chosen, status=status, gap=gap, seconds=time.monotonic() - self.began,
                        objective=objective, bound=bound, cancelled=self.stopped(), notes=notes)


def _read(problem: PlanProblem, frame: Frame, solver: cp_model.CpSolver, f: Formulation):
    for g in problem.groups:
        if not solver.boolean_value(f.present[g.id]):
            continue
        team = tuple(i for i in frame.candidates[g.id] if solver.boolean_value(f.member[g.id, i]))
        lead = next(i for i in frame.candidates[g.id] if solver.boolean_value(f.lead[g.id, i]))
        yield Placement(g.id, solver.value(f.start[g.id]), team, lead)


def _gap(objective: float, bound: float | None) -> float:
    """The true relative gap, or 1.0 when no bound was proven."""
    if bound is None:
        return 1.0
    return round(relative_gap(objective, min(bound, objective)), 4)


def _stop_on(cancel: threading.Event, done: threading.Event, solver: cp_model.CpSolver) -> None:
    while not done.is_set():
        if cancel.wait(0.1):
            solver.stop_search()
            return


def plan_of(problem: PlanProblem, chosen: tuple[Placement, ...], *, status: str, gap: float,
             seconds: float, objective: float = 0.0, bound: float | None = None, cancelled: bool = False,
             notes: tuple[str, ...] = ()) -> Plan:
    """The plan of ``chosen`` placements, each with its reasons; groups left out are named with why."""
    days = problem.working_days
    people = {i.id: i for i in problem.inspectors}
    groups = {g.id: g for g in problem.groups}
    busy = _busy(problem, groups, chosen)
    inspections = []
    for p in chosen:
        g = groups[p.group_id]
        on_site = days[p.start:p.start + g.shape.days]
        deadline = latest_start(g)
        mine = {i: busy[i] - set(on_site) if i in p.team else busy[i] for i in busy}
        free = len(free_inspectors(problem, g, on_site, mine))
        inspections.append(PlannedInspection(
            group_id=g.id, start=on_site[0], end=on_site[-1], announce=days[p.start - earliest_start_index()],
            lead_id=p.lead, team_ids=tuple(sorted(p.team)), latest_start=deadline,
            late=deadline is not None and on_site[0] > deadline,
            why=why_here(g, on_site[0], [people[t] for t in p.team], people[p.lead], free)))
    placed = {p.group_id for p in chosen}
    left_out = tuple(Unplaced(group_id=g.id, blocker=kind, why=why) for g in problem.groups if g.id not in placed
                     for kind, why in [blocker(problem, g, busy)])
    return Plan(status=INFEASIBLE if left_out else status, gap=gap, inspections=tuple(inspections),
                unplaced=left_out, seconds=seconds, objective=objective, bound=bound if bound is not None else 0.0,
                cancelled=cancelled, notes=notes)


def _busy(problem: PlanProblem, groups, chosen) -> dict[int, set[date]]:
    busy: dict[int, set[date]] = defaultdict(set)
    for f in problem.fixed:
        for person in {f.lead_id, *f.team_ids} - {None}:
            busy[person].update(d for d in problem.working_days if f.first <= d <= f.last)
    for p in chosen:
        for person in p.team:
            busy[person].update(problem.working_days[p.start:p.start + groups[p.group_id].shape.days])
    return busy
