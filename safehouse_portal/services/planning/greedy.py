"""The quick plan: placed group by group, the solver's starting point and its fallback.

Each pass takes the groups in one order and puts each at its earliest allowed start where a
team is free: the nearest, least-loaded candidates, a skilled one when the group needs a skill,
a lead still under their limit in every 4-week window, no second inspection of a provider in
one week. It keeps every hard constraint (the frame holds the rest) but may leave groups out.

Passes: overdue groups first, then the highest waiting cost first; a group that a pass could
not place moves to the front and the pass is run again (a low-priority group due soon must go
before the queue of high-priority ones). Earliest deadline first is tried too. The cheapest
pass that places every group wins; otherwise the one that places the most.
"""

import random
import time
from dataclasses import dataclass
from datetime import date

from safehouse_portal.domain.planning import WINDOW_WEEKS, PlanGroup, PlanProblem, latest_start
from safehouse_portal.domain.planning_cost import plan_cost, wait_rate
from safehouse_portal.domain.planning_frame import Frame, window_weeks
from safehouse_portal.domain.planning_why import nearest_km

MOVES_PER_GROUP = 40
"""The quick plan stops trying moves after this many per group (a small programme needs few)."""
REPAIR_PASSES = 6
"""How many times a pass is re-run with the groups it could not place moved to the front."""


@dataclass(frozen=True)
class Placement:
    """Where the quick plan put one group: its first working-day number, team and lead."""

    group_id: int
    start: int
    team: tuple[int, ...]
    lead: int


def quick_plan(problem: PlanProblem, frame: Frame, *, budget: float = 0.0,
               seed: int = 0) -> tuple[list[Placement], int | None]:
    """The best quick plan found, and its cost (None unless it places every group).

    After the first passes it spends up to ``budget`` seconds moving one group at a time
    earlier or later in the best order, keeping a change when the plan costs less.
    """
    began = time.monotonic()
    by_priority = sorted(problem.groups, key=lambda g: (g.id not in frame.overdue, -wait_rate(problem, frame, g),
                                                         _deadline(g), g.id))
    by_deadline = sorted(problem.groups, key=lambda g: (g.id not in frame.overdue, _deadline(g),
                                                        -wait_rate(problem, frame, g), g.id))
    best: list[Placement] = []
    best_cost: int | None = None
    best_order: list[PlanGroup] = []
    for first in (by_priority, by_deadline):
        order, placed = _repaired(problem, frame, first)
        cost = _cost(problem, frame, placed) if len(placed) == len(problem.groups) else None
        if cost is not None and (best_cost is None or cost < best_cost):
            best, best_cost, best_order = placed, cost, order
        elif best_cost is None and len(placed) > len(best):
            best = placed
    if best_cost is None:
        return best, None
    rng = random.Random(seed)  # noqa: S311  (a search heuristic, not a secret)
    tries = 0
    while time.monotonic() - began < budget and len(best_order) > 1 and tries < MOVES_PER_GROUP * len(best_order):
        tries += 1
        order = _moved(best_order, rng)
        placed = place(problem, frame, order)
        if len(placed) == len(problem.groups):
            cost = _cost(problem, frame, placed)
            if cost <= best_cost:
                best, best_cost, best_order = placed, cost, order
    return best, best_cost


def _repaired(problem: PlanProblem, frame: Frame, order: list[PlanGroup]) -> tuple[list[PlanGroup], list[Placement]]:
    """Passes over ``order``, each moving the groups it could not place ahead of the groups that
    took their weeks, until every group is placed (or ``REPAIR_PASSES`` run out)."""
    placed = place(problem, frame, order)
    for _ in range(REPAIR_PASSES):
        if len(placed) == len(problem.groups):
            break
        week = {p.group_id: frame.week_of_day[p.start] for p in placed}
        new = [g for g in order if g.id in week]
        for g in (g for g in order if g.id not in week):
            allowed = frame.allowed.get(g.id, ())
            last = frame.week_of_day[allowed[-1]] if allowed else 0
            at = next((n for n, other in enumerate(new) if other.id in week and week[other.id] >= last - WINDOW_WEEKS),
                      len(new))
            new.insert(min(at, max(order.index(g) - 1, 0) // 2 if at >= order.index(g) else at), g)
        order = new
        placed = place(problem, frame, order)
    return order, placed


def _moved(order: list[PlanGroup], rng: random.Random) -> list[PlanGroup]:
    """``order`` with one group moved a few places earlier or later."""
    n = rng.randrange(len(order))
    to = min(max(n + rng.choice((-1, 1)) * rng.randint(1, 8), 0), len(order) - 1)
    moved = order[:n] + order[n + 1:]
    moved.insert(to, order[n])
    return moved


def place(problem: PlanProblem, frame: Frame, order: list[PlanGroup]) -> list[Placement]:
    """One pass: each group of ``order`` at its earliest start where a team is free."""
    state = _State(problem, frame)
    placed = []
    for group in order:
        placement = state.first_fit(group)
        if placement is not None:
            state.take(group, placement)
            placed.append(placement)
    return placed


class _State:
    """Who is busy on which day, who leads in which week, which provider weeks are taken."""

    def __init__(self, problem: PlanProblem, frame: Frame) -> None:
        self.problem, self.frame = problem, frame
        count = len(problem.working_days)
        self.busy = {i.id: bytearray(1 if n in frame.off[i.id] else 0 for n in range(count))
                     for i in problem.inspectors}
        self.leads = {i.id: _week_counts(frame.fixed_lead_weeks.get(i.id, ())) for i in problem.inspectors}
        self.load = dict(frame.fixed_days)
        self.people = {i.id: i for i in problem.inspectors}
        self.provider_weeks: dict[int, set[int]] = {}
        """Weeks a placed group of each provider starts in (the frame leaves out planned ones)."""

    def first_fit(self, group: PlanGroup) -> Placement | None:
        taken = self.provider_weeks.get(group.provider_id, set())
        for start in self.frame.allowed.get(group.id, ()):
            week = self.frame.week_of_day[start]
            if week in taken:
                continue
            team = self._team(group, start, week)
            if team is not None:
                return Placement(group.id, start, tuple(sorted(team)), team[0])
        return None

    def _team(self, group: PlanGroup, start: int, week: int) -> list[int] | None:
        """Lead first: the nearest, least-loaded free candidates, a skilled one included when needed."""
        end = start + group.shape.days
        free = [self.people[i] for i in self.frame.candidates[group.id] if not any(self.busy[i][start:end])]
        if len(free) < group.shape.team_size:
            return None
        free.sort(key=lambda i: (nearest_km(i, group) if not group.shape.remote else 0, self.load.get(i.id, 0), i.id))
        for lead in (i for i in free if self._may_lead(i.id, week)):
            team = [lead]
            for skill in sorted(group.skills):
                if not any(skill in t.skills for t in team):
                    team.extend(next(([i] for i in free if skill in i.skills and i not in team), []))
            team.extend(i for i in free if i not in team)
            team = team[:group.shape.team_size]
            if len(team) == group.shape.team_size and all(any(s in t.skills for t in team) for s in group.skills):
                return [t.id for t in team]
        return None

    def _may_lead(self, person: int, week: int) -> bool:
        counts, limit = self.leads[person], self.frame.limits[person]
        return all(sum(counts.get(w, 0) for w in range(first, first + WINDOW_WEEKS)) < limit
                   for first in window_weeks(week))

    def take(self, group: PlanGroup, placement: Placement) -> None:
        for person in placement.team:
            self.busy[person][placement.start:placement.start + group.shape.days] = b"\x01" * group.shape.days
            self.load[person] = self.load.get(person, 0) + group.shape.days
        week = self.frame.week_of_day[placement.start]
        self.leads[placement.lead][week] = self.leads[placement.lead].get(week, 0) + 1
        self.provider_weeks.setdefault(group.provider_id, set()).add(week)


def _cost(problem: PlanProblem, frame: Frame, placed: list[Placement]) -> int:
    return plan_cost(problem, frame, ((p.group_id, p.start, p.team) for p in placed))


def _deadline(group: PlanGroup) -> date:
    return latest_start(group) or date.max


def _week_counts(weeks) -> dict[int, int]:
    counts: dict[int, int] = {}
    for w in weeks:
        counts[w] = counts.get(w, 0) + 1
    return counts

