"""On random small programmes, every plan the solver returns keeps every hard constraint."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehouse_portal.domain.planning import CHILDREN
from safehouse_portal.domain.planning_check import violations
from safehouse_portal.domain.regions import REGIONS
from safehouse_portal.services.planning.model import solve
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
    if plan.status in ("optimal", "feasible"):
        assert {i.group_id for i in plan.inspections} == {g.id for g in p.groups}
    else:
        assert plan.unplaced and all(u.why for u in plan.unplaced)
