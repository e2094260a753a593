"""Availability kept and imported; a plan accepted becomes planned inspections; nobody else may plan."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import Inspection, InspectorAvailability, InspectorUnavailability
from safehouse_portal.domain.enums import Stage
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from safehouse_portal.services.planning import availability as av
from safehouse_portal.services.planning import plan as planning
from safehouse_portal.services.planning.model import solve
from tests.integration.worlds import factories as f
from tests.integration.worlds.board_world import add_group

TODAY = date(2026, 11, 23)
HEADER = "email,home_region,max_leads_per_4_weeks,skills,unavailable\n"


def _set_up(session, world):
    manager = f.actor(world["manager"])
    for who, region in (("inspector", "London"), ("other_inspector", "North East")):
        av.save_availability(session=session, actor=manager, user_id=world[who].id, home_region=region,
                             max_leads="3", skills=["children_safeguarding"])
    add_group(session, world["south"], "Elm services", stage=Stage.CLOSED, start=date(2025, 12, 1),
              started_on=date(2025, 12, 1), ended_on=date(2025, 12, 2))
    session.commit()
    return manager


def test_an_import_with_errors_names_each_row_and_column_and_saves_nothing(session, board_world):
    manager = f.actor(board_world["manager"])
    text = HEADER + "insp@cqc.test,London,2,,2027-01-04..2027-01-08\nnobody@cqc.test,Mars,many,flying,2027-13-01\n"
    result = av.import_availability(session=session, actor=manager, text=text)
    assert result.saved == 0
    assert any(e.startswith("Row 3, column home_region: Choose a region") for e in result.errors)
    assert {e.split(":")[0] for e in result.errors} == {
        "Row 3, column home_region", "Row 3, column max_leads_per_4_weeks", "Row 3, column skills",
        "Row 3, column email", "Row 3, column unavailable"}
    assert session.exec(select(InspectorAvailability)).all() == []


def test_a_clean_import_sets_region_limit_skills_and_replaces_days_off(session, board_world):
    manager = f.actor(board_world["manager"])
    text = HEADER + "INSP@cqc.test,london,2,Children's safeguarding,2027-01-04..2027-01-08;2027-02-01\n"
    assert av.import_availability(session=session, actor=manager, text=text).saved == 1
    (row,) = [r for r in av.availability(session=session, actor=manager) if r.email == "insp@cqc.test"]
    assert (row.home_region, row.max_leads, row.skills) == ("London", 2, ["children_safeguarding"])
    assert [(d.first_day, d.last_day) for d in row.days_off] == [("2027-01-04", "2027-01-08"),
                                                                 ("2027-02-01", "2027-02-01")]


def test_an_inspector_keeps_their_own_availability_and_nobody_elses(session, board_world):
    me = f.actor(board_world["inspector"])
    av.add_days_off(session=session, actor=me, user_id=board_world["inspector"].id, first_day="2027-03-01",
                    last_day="2027-03-05", reason="Leave")
    assert [r.email for r in av.availability(session=session, actor=me)] == ["insp@cqc.test"]
    with pytest.raises(PermissionDenied):
        av.add_days_off(session=session, actor=me, user_id=board_world["other_inspector"].id,
                        first_day="2027-03-01", last_day="2027-03-05", reason="Leave")
    with pytest.raises(PermissionDenied):
        av.import_availability(session=session, actor=me, text=HEADER)
    assert len(session.exec(select(InspectorUnavailability)).all()) == 1


@pytest.mark.parametrize("who", ["lead", "inspector", "stakeholder", "admin"])
def test_only_programme_managers_plan_the_year(session, board_world, who):
    with pytest.raises(PermissionDenied):
        planning.plan_inputs(session=session, actor=f.actor(board_world[who]), today=TODAY,
                             first_day=date(2026, 12, 1), weeks=52)


def test_accepting_a_plan_creates_planned_inspections_through_allocation(session, board_world):
    manager = _set_up(session, board_world)
    inputs = planning.plan_inputs(session=session, actor=manager, today=TODAY, first_day=date(2026, 12, 1), weeks=52)
    names = {g.name for g in inputs.problem.groups}
    assert "Elm services" in names and "Alder services" not in names
    assert any(fx.group_id == board_world["planned"].group_id for fx in inputs.problem.fixed)
    plan = solve(inputs.problem, time_limit=5, workers=2)
    assert plan.status in ("optimal", "feasible")
    (elm,) = [p for p in plan.inspections if inputs.group_names[p.group_id] == "Elm services"]
    assert (elm.start, elm.late) == (date(2026, 12, 15), True)
    ids = planning.accept(session=session, actor=manager, today=TODAY, inputs=inputs, plan=plan,
                          group_ids=[elm.group_id])
    session.commit()
    made = session.get(Inspection, ids[0])
    assert (made.stage, made.planned_start, made.lead_inspector_id) == (Stage.PLANNED, elm.start, elm.lead_id)
    assert made.reason.value == "annual"
    again = planning.plan_inputs(session=session, actor=manager, today=TODAY, first_day=date(2026, 12, 1), weeks=52)
    assert "Elm services" not in {g.name for g in again.problem.groups}
    released = planning.plan_inputs(session=session, actor=manager, today=TODAY, first_day=date(2026, 12, 1),
                                    weeks=52, released=frozenset({made.id}))
    (moved,) = [g for g in released.problem.groups if g.name == "Elm services"]
    assert moved.previous_start == elm.start


def test_a_plan_starting_in_the_past_is_refused(session, board_world):
    with pytest.raises(InvalidInput):
        planning.plan_inputs(session=session, actor=f.actor(board_world["manager"]), today=TODAY,
                             first_day=date(2026, 1, 1), weeks=52)
