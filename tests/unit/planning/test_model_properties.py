"""On random small programmes, every plan the solver returns keeps every hard constraint."""

from contextlib import nullcontext
from datetime import timedelta
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from safehouse_portal.domain.planning import CHILDREN
from safehouse_portal.domain.planning_check import violations
from safehouse_portal.domain.regions import REGIONS
from safehouse_portal.domain.planning_cost import plan_cost
from safehouse_portal.domain.planning_frame import planning_frame
from safehouse_portal.services.planning import bound, lead_bound
from safehouse_portal.services.planning.bound import WHOLE, relaxation
from safehouse_portal.services.planning.formulation import formulate
from safehouse_portal.services.planning.greedy import quick_plan
from safehouse_portal.services.planning.model import plan_of, solve
from tests.unit.planning.build import MONDAY, fixed, group, inspector, problem

_REGION = st.sampled_from(REGIONS[:4])


@st.composite
def programmes(draw):
    base = problem([], [], weeks=5)
    days = base.working_days
    inspectors = [inspector(n, region=draw(_REGION), max_leads=draw(st.integers(1, 3)),
                            skills=[CHILDREN] if draw(st.booleans()) else [],
                            off=draw(st.lists(st.sampled_from(days), max_size=6)))
                  for n in range(1, draw(st.integers(1, 3)) + 1)]
    groups = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        ended = draw(st.none() | st.integers(300, 420).map(lambda ago: MONDAY - timedelta(days=ago)))
        groups.append(group(n, provider=draw(st.integers(1, 3)), days=draw(st.integers(1, 3)),
                            team=draw(st.integers(1, 2)), region=draw(_REGION),
                            skills=[CHILDREN] if draw(st.booleans()) else [],
                            priority=draw(st.integers(0, 60)), last_ended=ended,
                            remote=draw(st.booleans())))
    planned = []
    if draw(st.booleans()):
        start = draw(st.integers(0, len(days) - 2))
        planned.append(fixed(99, days[start], days[start + 1], lead=1, provider=draw(st.integers(1, 3))))
    return problem(groups, inspectors, weeks=5, fixed=planned)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_every_plan_keeps_every_hard_constraint(p):
    plan = solve(p, time_limit=2, workers=2)
    assert violations(p, plan) == []
    assert plan.status in ("optimal", "feasible", "infeasible")
    if plan.status in ("optimal", "feasible"):
        assert {i.group_id for i in plan.inspections} == {g.id for g in p.groups}
        assert 0.0 <= plan.gap <= 1.0 and plan.bound <= plan.objective
    else:
        assert plan.unplaced and all(u.why for u in plan.unplaced)


def _fixed_to_hint(cp_model_, model_):
    """The model with every hinted variable fixed to its hint: feasible only if the hint keeps every constraint."""
    hint = model_.proto.solution_hint
    for index, value in zip(hint.vars, hint.values):
        model_.add(model_.get_int_var_from_proto_index(index) == value)
    solver = cp_model_.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 5
    status = solver.solve(model_)
    return status, solver


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_the_quick_plan_keeps_every_rule_and_every_model_prices_it_no_higher_than_it_costs(p):
    frame = planning_frame(p)
    quick, cost = quick_plan(p, frame)
    plan = plan_of(p, tuple(quick), status="feasible", gap=1.0, seconds=0.0)
    assert violations(p, plan) == []
    if cost is None:
        return
    assert cost == plan_cost(p, frame, ((q.group_id, q.start, q.team) for q in quick))
    status, solver = _fixed_to_hint(cp_model, formulate(p, frame, relaxed=False, hint=quick).model)
    assert status == cp_model.OPTIMAL and abs(solver.objective_value - cost) < WHOLE
    status, solver = _fixed_to_hint(cp_model, formulate(p, frame, relaxed=False, hint=quick, aggregate=True).model)
    assert status == cp_model.OPTIMAL and solver.objective_value <= cost + WHOLE
    for individual in (bound.INDIVIDUAL, 1):
        with patch.object(bound, "INDIVIDUAL", individual):
            relaxed = relaxation(p, frame)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(relaxed) == cp_model.OPTIMAL and solver.objective_value <= cost + WHOLE
    for day_level in (lead_bound.DAY_LEVEL_DAYS, 3):
        with patch.object(lead_bound, "DAY_LEVEL_DAYS", day_level):
            relaxed = lead_bound.lead_relaxation(p, frame)
            linear = lead_bound.lead_bound(p, frame, time_limit=5, watching=lambda _solver: nullcontext())
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(relaxed) == cp_model.OPTIMAL and solver.objective_value <= cost + WHOLE
        assert linear is not None and linear.bound <= round(solver.objective_value)
        assert set(linear.starts) == set(linear.weeks) == {g.id for g in p.groups}
