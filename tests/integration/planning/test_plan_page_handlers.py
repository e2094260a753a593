"""The "Plan the year" page's handlers, called as a browser would, forged calls included.

A programme manager runs the planner on a small world, sees the plan and accepts three of its
inspections, which then exist as planned inspections. Nobody else may run, watch, cancel or
accept: not a provider lead, not an inspector, not another manager holding the run's id.
"""

import threading
import time
from datetime import date, timedelta

import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import Inspection
from safehouse_portal.domain.enums import Role, ServiceKind, Stage
from safehouse_portal.domain.planning import Plan
from safehouse_portal.portals.planning.plan_year import LOST, PlanYearState
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.services.planning import availability as av
from safehouse_portal.services.planning import runs
from safehouse_portal.services.planning.plan_request import WEIGHT_WORDS
from tests.integration.worlds import factories as f
from tests.integration.worlds.board_world import add_group
from tests.integration.worlds.forged import call

NEW_GROUPS = (("Elm services", "London", date(2025, 12, 2)), ("Fir services", "North East", date(2026, 3, 2)),
              ("Gum services", "London", date(2026, 4, 6)), ("Hazel services", "North East", None))


@pytest.fixture(autouse=True)
def fresh_runs(monkeypatch):
    """Each test starts with no solver runs on the server."""
    monkeypatch.setattr(runs, "_RUNS", {})


@pytest.fixture
def plan_world(session, board_world):
    """The board's world, with both inspectors' availability and four groups the planner must place."""
    manager = f.actor(board_world["manager"])
    for who, region in (("inspector", "London"), ("other_inspector", "North East")):
        av.save_availability(session=session, actor=manager, user_id=board_world[who].id, home_region=region,
                             max_leads="4", skills=["children_safeguarding"])
    for n, (name, region, ended) in enumerate(NEW_GROUPS):
        provider = board_world["south"] if n % 2 else board_world["north"]
        steps = {"started_on": ended, "ended_on": ended} if ended else {}
        add_group(session, provider, name, stage=Stage.CLOSED, region=region, kind=ServiceKind.SAFEHOUSE,
                  start=ended or date(2025, 1, 6), **steps)
    board_world["manager2"] = f.user(session, "pm2@cqc.test", Role.PROGRAMME_MANAGER)
    session.commit()
    return board_world


def _form(**changes: str) -> dict[str, str]:
    first = programme_today() + timedelta(days=1)
    form = {"first_day_day": str(first.day), "first_day_month": str(first.month), "first_day_year": str(first.year),
            "weeks": "52", "time_limit": "3", **{f"weight_{w.name}": str(w.default) for w in WEIGHT_WORDS}}
    return {**form, **changes}


def _run(state, form: dict) -> None:
    call(state, "run", form)


def _planned(session) -> list[Inspection]:
    session.expire_all()
    return session.exec(select(Inspection).where(Inspection.stage == Stage.PLANNED)).all()


def test_a_manager_runs_the_planner_sees_the_plan_and_accepts_three(session, plan_world, browser_as):
    state = browser_as(plan_world["manager"], PlanYearState, routes.PLAN_YEAR)
    call(state, "load")
    assert not state.not_permitted and state.default_year == str(programme_today().year)
    _run(state, _form())
    assert state.errors == {} and not state.running
    assert state.outcome.kind in ("success", "warning") and state.outcome.headline
    assert {r.group for r in state.rows} == {name for name, _, _ in NEW_GROUPS}
    assert state.plans_found >= 1 and state.progress_seconds != ""
    (elm,) = [r for r in state.rows if r.group == "Elm services"]
    assert elm.late and elm.why and elm.announce < elm.start
    assert set(state.tables.months) >= {r.month for r in state.rows}
    assert {r.inspector for r in state.tables.by_inspector} <= {"Insp", "Other"}
    before = len(_planned(session))
    chosen = state.rows[:3]
    call(state, "accept", {f"accept-{r.group_id}": "on" for r in chosen})
    assert state.errors == {}
    made = _planned(session)
    assert len(made) == before + 3
    assert {(i.group_id, i.planned_start.isoformat()) for i in made} >= {(r.group_id, r.start) for r in chosen}
    assert [r.group for r in state.accepted] == [r.group for r in chosen]
    assert len(state.rows) == 1, "the accepted inspections leave the list still to accept"


def test_accepting_groups_the_plan_does_not_place_is_refused_and_plans_nothing(session, plan_world, browser_as):
    state = browser_as(plan_world["manager"], PlanYearState, routes.PLAN_YEAR)
    call(state, "load")
    call(state, "accept_all")
    assert "accept" in state.errors
    _run(state, _form())
    before = len(_planned(session))
    for forged in ({"accept-999999": "on"}, {"accept-abc": "on", f"accept-{state.rows[0].group_id}": "on"},
                   {}, "not a form"):
        call(state, "accept", forged)
        assert "accept" in state.errors
    assert len(_planned(session)) == before and state.accepted == []


@pytest.mark.parametrize("who", ["lead", "inspector", "stakeholder", "admin"])
def test_only_a_programme_manager_may_run_or_accept(session, plan_world, browser_as, who):
    state = browser_as(plan_world[who], PlanYearState, routes.PLAN_YEAR)
    call(state, "load")
    assert state.not_permitted and state.releasable == []
    _run(state, _form())
    assert state.errors == {"form": state._refused_text} and runs._RUNS == {}
    assert state.rows == [] and not state.running
    before = len(_planned(session))
    call(state, "accept_all")
    call(state, "accept", {f"accept-{plan_world['planned'].group_id}": "on"})
    assert len(_planned(session)) == before


def _slow(problem, *, cancel, **_kwargs) -> Plan:
    cancel.wait(10)
    return Plan(status="feasible", gap=1.0, cancelled=cancel.is_set())


def test_another_manager_can_neither_watch_nor_cancel_a_run(session, plan_world, browser_as):
    mine = runs.start(owner=plan_world["manager"].id, problem=None, time_limit=10, solver=_slow)
    theirs = browser_as(plan_world["manager2"], PlanYearState, routes.PLAN_YEAR)
    call(theirs, "load")
    call(theirs, "cancel", mine)
    assert theirs.errors == {"form": theirs._refused_text}
    assert not runs._RUNS[mine].cancel.is_set()
    theirs.run_id, theirs._owner_id = mine, plan_world["manager2"].id
    assert theirs._poll() is False and theirs.errors == {"form": LOST}
    assert runs._RUNS[mine].ended is None and runs._RUNS[mine].plan is None
    runs.cancel(owner=plan_world["manager"].id, run_id=mine)


def test_cancel_stops_the_managers_own_run_and_shows_the_best_plan_so_far(session, plan_world, browser_as):
    state = browser_as(plan_world["manager"], PlanYearState, routes.PLAN_YEAR)
    call(state, "load")
    started = threading.Event()

    def solver(problem, *, cancel, **kwargs):
        started.set()
        return _slow(problem, cancel=cancel)

    real_start = runs.start
    runs_start = lambda **kw: real_start(**{**kw, "solver": solver})  # noqa: E731
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(runs, "start", runs_start)
        assert state._start(_form(time_limit="60")) is True
    assert started.wait(5) and state.running
    call(state, "cancel", state.run_id)
    assert state.cancelling
    for _ in range(100):  # the solver thread needs a moment to see the cancel and hand its plan over
        if not state._poll():
            break
        time.sleep(0.05)
    assert not state.running and state.outcome.headline == "You stopped the planner"


@pytest.mark.parametrize(("changes", "field"), [
    ({"first_day_day": "31", "first_day_month": "2"}, "first_day"),
    ({"first_day_year": "27"}, "first_day"),
    ({"first_day_day": ""}, "first_day"),
    ({"weeks": "0"}, "weeks"), ({"weeks": "105"}, "weeks"),
    ({"time_limit": "500"}, "time_limit"),
    ({"weight_travel": "-1"}, "weight_travel"),
    ({"release-999999": "on"}, "release"),
])
def test_a_wrong_field_is_named_and_nothing_runs(session, plan_world, browser_as, changes, field):
    state = browser_as(plan_world["manager"], PlanYearState, routes.PLAN_YEAR)
    call(state, "load")
    _run(state, _form(**changes))
    assert field in state.errors and runs._RUNS == {} and not state.running


def test_a_plan_starting_yesterday_is_refused_by_the_first_day(session, plan_world, browser_as):
    state = browser_as(plan_world["manager"], PlanYearState, routes.PLAN_YEAR)
    call(state, "load")
    past = programme_today() - timedelta(days=1)
    _run(state, _form(first_day_day=str(past.day), first_day_month=str(past.month), first_day_year=str(past.year)))
    assert set(state.errors) == {"first_day"}


def test_a_released_planned_inspection_is_placed_again_and_moved_rather_than_duplicated(session, plan_world,
                                                                                      browser_as):
    state = browser_as(plan_world["manager"], PlanYearState, routes.PLAN_YEAR)
    call(state, "load")
    planned = plan_world["planned"]
    assert planned.id in [c.id for c in state.releasable]
    _run(state, _form(**{f"release-{planned.id}": "on"}))
    assert planned.group_id in [r.group_id for r in state.rows]
    before = len(_planned(session))
    call(state, "accept", {f"accept-{planned.group_id}": "on"})
    assert state.errors == {} and len(_planned(session)) == before
