"""What the "Plan the year" page reads from its form, says about a run, and how it keeps runs apart."""

import threading
from dataclasses import fields
from datetime import date

import pytest

from safehouse_portal.domain.planning import Plan, Weights
from safehouse_portal.services.core.errors import InvalidInput, NotFound
from safehouse_portal.services.planning import runs
from safehouse_portal.services.planning.plan import PlanRow, PlanView, UnplacedRow
from safehouse_portal.services.planning.plan_request import WEIGHT_WORDS, parse_request
from safehouse_portal.services.planning.plan_show import outcome, tables

FORM = {"first_day_day": "4", "first_day_month": "1", "first_day_year": "2027", "weeks": "52", "time_limit": "10",
        **{f"weight_{w.name}": str(w.default) for w in WEIGHT_WORDS}}


def test_every_objective_weight_has_plain_words_and_its_default():
    assert [w.name for w in WEIGHT_WORDS] == [f.name for f in fields(Weights)]
    assert all(w.label and w.hint and w.default == getattr(Weights(), w.name) for w in WEIGHT_WORDS)


def test_a_complete_form_becomes_a_request_with_the_weights_and_released_inspections():
    request = parse_request({**FORM, "weight_travel": "0", "release-7": "on"}, releasable={7, 8})
    assert (request.first_day, request.weeks, request.time_limit) == (date(2027, 1, 4), 52, 10)
    assert request.weights == Weights(travel=0) and request.released == frozenset({7})


def test_every_wrong_field_is_named_at_once():
    with pytest.raises(InvalidInput) as refused:
        parse_request({**FORM, "first_day_day": "30", "first_day_month": "2", "weeks": "x", "time_limit": "0",
                       "weight_balance": "1e3", "release-9": "on"}, releasable={7})
    assert set(refused.value.errors) == {"first_day", "weeks", "time_limit", "weight_balance", "release"}
    assert refused.value.errors["first_day"] == "The first day must be a real date"


def _view(*rows, unplaced=()) -> PlanView:
    return PlanView(status="optimal", seconds=2.0, inspections=list(rows), unplaced=list(unplaced))


def _row(gid, start, lead="Ann", team=(), month=None) -> PlanRow:
    day = date.fromisoformat(start)
    return PlanRow(group_id=gid, group=f"Group {gid}", start=start, lead_inspector=f"{lead}@x", lead_name=lead,
                   team=[f"{lead}@x", *[f"{t}@x" for t in team]], team_names=[lead, *team],
                   month=month or f"{day:%B %Y}")


@pytest.mark.parametrize(("plan", "unplaced", "kind", "headline"), [
    (Plan(status="optimal"), (), "success", "The best possible plan"),
    (Plan(status="feasible", gap=0.015), (), "success", "A good plan, within 1.5% of the best possible"),
    (Plan(status="feasible", gap=0.2), (), "warning", "Time ran out before the planner found a good plan"),
    (Plan(status="feasible", gap=0.2, cancelled=True), (), "warning", "You stopped the planner"),
    (Plan(status="cancelled", gap=1.0, cancelled=True), (), "warning", "You stopped the planner before it found a plan"),
    (Plan(status="unknown", gap=1.0), (), "warning", "No plan was found in 10 seconds"),
    (Plan(status="infeasible"), (UnplacedRow(3, "Group 3", "no inspector is free"),), "problem",
     "1 group could not be placed"),
])
def test_the_outcome_says_honestly_what_the_run_found(plan, unplaced, kind, headline):
    said = outcome(plan, _view(_row(1, "2027-01-18"), unplaced=unplaced), time_limit=10)
    assert (said.kind, said.headline) == (kind, headline)


def test_the_timeline_has_a_row_per_inspector_and_a_column_per_month_in_date_order():
    shown = tables(_view(_row(2, "2027-02-01", lead="Bo"), _row(1, "2027-01-18", team=("Bo",)),
                         _row(3, "2027-01-25", lead="Bo")))
    assert shown.months == ["January 2027", "February 2027"]
    assert [(r.inspector, r.cells) for r in shown.by_inspector] == [
        ("Ann", [["Group 1, 18 Jan (lead)"], []]),
        ("Bo", [["Group 1, 18 Jan (team)", "Group 3, 25 Jan (lead)"], ["Group 2, 1 Feb (lead)"]])]
    assert [[r.group for r in m.rows] for m in shown.by_month] == [["Group 1", "Group 3"], ["Group 2"]]


@pytest.fixture
def no_runs(monkeypatch):
    monkeypatch.setattr(runs, "_RUNS", {})


def _waiting(problem, *, cancel, on_progress, **_kwargs) -> Plan:
    from safehouse_portal.services.planning.model import Progress
    on_progress(Progress(seconds=0.1, solutions=2, objective=110, bound=100))
    cancel.wait(5)
    return Plan(status="feasible", gap=0.1, cancelled=cancel.is_set())


def test_a_run_is_seen_cancelled_and_collected_by_its_owner_only(no_runs):
    run_id = runs.start(owner=1, problem=None, time_limit=5, solver=_waiting)
    for other in ((2, run_id), (1, "made-up"), (1, 12345)):
        with pytest.raises(NotFound):
            runs.status(owner=other[0], run_id=other[1])
        with pytest.raises(NotFound):
            runs.cancel(owner=other[0], run_id=other[1])
    with pytest.raises(NotFound):
        runs.collect(owner=1, run_id=run_id)
    runs.cancel(owner=1, run_id=run_id)
    runs._RUNS[run_id].cancel.wait(1)
    _wait_for_end(run_id)
    status = runs.status(owner=1, run_id=run_id)
    assert status.finished and status.plans_found == 2 and round(status.gap, 2) == 0.09
    assert runs.collect(owner=1, run_id=run_id).cancelled
    with pytest.raises(NotFound):
        runs.status(owner=1, run_id=run_id)


def test_a_busy_server_refuses_more_runs_and_a_second_run_of_one_person_stops_their_first(no_runs):
    first = runs.start(owner=1, problem=None, time_limit=5, solver=_waiting)
    runs.start(owner=1, problem=None, time_limit=5, solver=_waiting)
    assert runs._RUNS[first].cancel.is_set()
    _wait_for_end(first)
    runs.start(owner=2, problem=None, time_limit=5, solver=_waiting)
    with pytest.raises(InvalidInput):
        runs.start(owner=3, problem=None, time_limit=5, solver=_waiting)
    for run in runs._RUNS.values():
        run.cancel.set()


def _wait_for_end(run_id: str) -> None:
    done = threading.Event()
    for _ in range(100):
        if runs._RUNS[run_id].ended is not None:
            return
        done.wait(0.05)
    raise AssertionError("the run did not end")
