"""What the planner says when it cannot finish: time out, cancel, a large programme, and honest gaps."""

import threading
from datetime import timedelta

from safehouse_portal.domain.planning import CHILDREN
from safehouse_portal.domain.planning_check import violations
from safehouse_portal.domain.regions import REGIONS
from safehouse_portal.services.planning import model
from tests.unit.planning.build import MONDAY, checked_plan, group, inspector, problem


def _busy_year():
    """40 groups and 4 inspectors over a year: more than CP-SAT can presolve in a few milliseconds."""
    groups = [group(n, provider=n % 8 + 1, days=1 + n % 2, team=1 + n % 3 // 2, region=REGIONS[n % 10],
                    skills=[CHILDREN] if n % 5 == 0 else [], priority=(n * 7) % 50,
                    last_ended=MONDAY - timedelta(days=200 + 5 * n)) for n in range(1, 41)]
    inspectors = [inspector(n, region=REGIONS[n * 2], skills=[CHILDREN] if n % 2 else []) for n in range(1, 5)]
    return problem(groups, inspectors, weeks=52)


def _no_quick_plan(monkeypatch):
    monkeypatch.setattr(model, "quick_plan", lambda *args, **kwargs: ([], None))


def test_a_time_out_before_any_plan_is_unknown_not_infeasible(monkeypatch):
    _no_quick_plan(monkeypatch)
    p = _busy_year()
    plan = model.solve(p, time_limit=0.05, workers=1)
    assert plan.status == "unknown"
    assert plan.inspections == () and plan.unplaced == () and plan.gap == 1.0
    assert "try a longer time limit" in plan.notes[0]
    assert violations(p, plan) == []


def test_a_run_cancelled_before_any_plan_says_cancelled(monkeypatch):
    _no_quick_plan(monkeypatch)
    stop = threading.Event()
    stop.set()
    plan = model.solve(_busy_year(), time_limit=5, workers=1, cancel=stop)
    assert plan.status == "cancelled" and plan.cancelled and plan.inspections == ()


def test_a_run_cancelled_after_the_quick_plan_keeps_that_plan_and_says_it_stopped():
    stop = threading.Event()
    stop.set()
    p = _busy_year()
    plan = model.solve(p, time_limit=5, workers=1, cancel=stop)
    assert plan.status == "feasible" and plan.cancelled
    assert len(plan.inspections) == len(p.groups)
    assert violations(p, plan) == []


def test_a_small_programme_is_solved_to_optimal_with_no_gap():
    p = problem([group(1, priority=20), group(2, priority=5, provider=1), group(3, days=2, team=2)],
                [inspector(1), inspector(2, region="Wales")])
    plan = checked_plan(p)
    assert plan.status == "optimal" and plan.gap == 0.0 and plan.objective == plan.bound


def test_a_large_programme_gets_the_quick_plan_and_a_true_gap_against_a_proven_bound(monkeypatch):
    monkeypatch.setattr(model, "LARGE_MEMBERS", 0)
    p = _busy_year()
    seen = []
    plan = model.solve(p, time_limit=3, workers=2, on_progress=seen.append)
    assert violations(p, plan) == []
    assert plan.status == "feasible" and len(plan.inspections) == len(p.groups)
    assert 0 < plan.bound <= plan.objective
    assert 0.0 <= plan.gap < 1.0
    assert "relaxation" in plan.notes[0]
    assert seen and seen[0].solutions == 1 and seen[0].objective == plan.objective


def test_progress_is_reported_while_the_solver_works():
    seen = []
    model.solve(_busy_year(), time_limit=2, workers=2, on_progress=seen.append)
    assert seen and all(b.seconds >= a.seconds for a, b in zip(seen, seen[1:]))
    assert [s.solutions for s in seen] == sorted(s.solutions for s in seen)


def test_a_plan_too_short_for_any_notice_names_every_group_as_blocked_by_the_horizon():
    p = problem([group(1), group(2, days=2, team=2)], [inspector(1), inspector(2)], weeks=1)
    plan = checked_plan(p)
    assert plan.status == "infeasible" and plan.inspections == ()
    assert [u.blocker.value for u in plan.unplaced] == ["horizon", "horizon"]


def test_a_programme_with_nothing_to_place_is_optimal():
    assert checked_plan(problem([], [inspector(1)])).status == "optimal"


def test_a_plan_within_the_gap_limit_is_called_feasible_not_optimal_unless_its_gap_is_zero():
    p = _busy_year()
    plan = model.solve(p, time_limit=3, workers=2, relative_gap_limit=0.5)
    assert violations(p, plan) == []
    assert plan.bound <= plan.objective and plan.gap <= 0.5
    assert (plan.status == "optimal") == (plan.objective == plan.bound)


def test_the_lead_relaxation_bounds_the_plan_and_guides_the_search(monkeypatch):
    p = _busy_year()
    used = []
    real = model.lead_bound
    monkeypatch.setattr(model, "lead_bound", lambda *a, **k: used.append(real(*a, **k)) or used[-1])
    plan = model.solve(p, time_limit=3, workers=2)
    assert violations(p, plan) == []
    assert used and used[0] is not None and 0 < used[0].bound <= plan.bound <= plan.objective
    assert set(used[0].weeks) == {g.id for g in p.groups}
