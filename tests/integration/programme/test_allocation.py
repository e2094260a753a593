"""Allocating inspections: the type sets the scope, plans change only while planned, managers only."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, Inspection, InspectionTeamMember
from safehouse_portal.domain.enums import Stage
from safehouse_portal.portals.programme.allocation import AllocationState, NewInspectionState
from safehouse_portal.services.programme import allocation
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.board_world import add_group

TODAY = date(2026, 11, 23)


def form(board_world, **changes):
    data = {"type": "focused", "key_questions": ["well_led", "safe"], "mode": "on_site",
            "planned_start": "2027-01-12", "planned_end": "2027-01-13", "reason": "annual",
            "lead_inspector_id": str(board_world["inspector"].id), "team": [str(board_world["other_inspector"].id)]}
    return {**data, **changes}


@pytest.fixture
def closed_group(session, board_world):
    return add_group(session, board_world["north"], "Cedar services", stage=Stage.CLOSED).group_id


def test_a_manager_allocates_a_focused_inspection_to_a_group_whose_last_one_is_closed(session, board_world, closed_group):
    new_id = allocation.create_inspection(session=session, actor=f.actor(board_world["manager"]),
                                          data=form(board_world, group_id=str(closed_group)), today=TODAY)
    inspection = session.get(Inspection, new_id)
    assert (inspection.stage, inspection.key_questions) == (Stage.PLANNED, ["safe", "well_led"])
    assert inspection.lead_inspector_id == board_world["inspector"].id
    team = session.exec(select(InspectionTeamMember.user_id).where(InspectionTeamMember.inspection_id == new_id))
    assert list(team) == [board_world["other_inspector"].id]
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "inspection.allocated")).one().entity_id == new_id


@pytest.mark.parametrize(("kind", "scope"), [("comprehensive", ["safe", "effective", "caring", "responsive",
                                                                 "well_led"]),
                                             ("assurance", ["safe", "well_led"])])
def test_the_type_sets_the_key_questions_in_scope(session, board_world, closed_group, kind, scope):
    new_id = allocation.create_inspection(session=session, actor=f.actor(board_world["admin"]),
                                          data=form(board_world, group_id=closed_group, type=kind, key_questions=[]),
                                          today=TODAY)
    assert session.get(Inspection, new_id).key_questions == scope


def test_a_group_with_an_inspection_in_progress_gets_no_second_one(session, board_world):
    with pytest.raises(InvalidInput) as refused:
        allocation.create_inspection(session=session, actor=f.actor(board_world["manager"]),
                                     data=form(board_world, group_id=board_world["planned"].group_id), today=TODAY)
    assert "already has an inspection in progress" in refused.value.errors["group_id"]


@pytest.mark.parametrize(("changes", "field"), [
    ({"type": "focused", "key_questions": []}, "key_questions"),
    ({"planned_end": "2027-01-11"}, "planned_end"),
    ({"planned_start": "2026-11-20"}, "planned_start"),
    ({"planned_start": "2027-01-16", "planned_end": "2027-01-16"}, "planned_start"),
    ({"planned_start": "31/12/2027"}, "planned_start"),
    ({"lead_inspector_id": "999"}, "lead_inspector_id"),
    ({"team": "not a list"}, "team"),
    ({"type": {"$ne": 1}}, "type"),
])
def test_wrong_allocations_say_which_field_is_wrong(session, board_world, closed_group, changes, field):
    with pytest.raises(InvalidInput) as refused:
        allocation.create_inspection(session=session, actor=f.actor(board_world["manager"]),
                                     data=form(board_world, group_id=closed_group, **changes), today=TODAY)
    assert field in refused.value.errors


def test_a_planned_inspection_is_changed_and_an_announced_one_is_not(session, board_world):
    manager = f.actor(board_world["manager"])
    planned = board_world["planned"]
    allocation.update_allocation(session=session, actor=manager, inspection_id=planned.id,
                                 data=form(board_world, type="assurance", mode="remote", team=[]), today=TODAY)
    session.expire_all()
    changed = session.get(Inspection, planned.id)
    assert (changed.key_questions, changed.mode.value, changed.planned_start) == (
        ["safe", "well_led"], "remote", date(2027, 1, 12))
    with pytest.raises(InvalidInput) as refused:
        allocation.update_allocation(session=session, actor=manager, inspection_id=board_world["overdue"].id,
                                     data=form(board_world), today=TODAY)
    assert "announced" in refused.value.errors["form"]


@pytest.mark.parametrize("who", ["inspector", "lead", "stakeholder"])
def test_only_managers_and_admins_allocate(session, board_world, closed_group, who):
    actor = f.actor(board_world[who])
    with pytest.raises(PermissionDenied):
        allocation.create_inspection(session=session, actor=actor, data=form(board_world, group_id=closed_group),
                                     today=TODAY)
    with pytest.raises(PermissionDenied):
        allocation.update_allocation(session=session, actor=actor, inspection_id=board_world["planned"].id,
                                     data=form(board_world), today=TODAY)
    with pytest.raises(PermissionDenied):
        allocation.allocation_choices(session=session, actor=actor)


@pytest.mark.parametrize("who", ["inspector", "lead", "stakeholder"])
def test_allocation_handlers_refuse_everyone_else_and_change_nothing(browser_as, session, board_world, closed_group, who):
    new = browser_as(board_world[who], NewInspectionState, "/programme/inspections/new")
    call(new, "load")
    call(new, "create", {"group_id": str(closed_group), "type": "assurance", "mode": "remote",
                         "planned_start": "2027-01-12", "planned_end": "2027-01-12"})
    edit = browser_as(board_world[who], AllocationState, f"/programme/inspections/{board_world['planned'].id}/allocation")
    call(edit, "load")
    call(edit, "save", {"type": "assurance", "mode": "remote", "planned_start": "2027-01-12",
                        "planned_end": "2027-01-12"})
    assert edit.values.group_name == "" and new.choices.groups == [] and edit.notice == ""
    session.expire_all()
    assert session.exec(select(Inspection).where(Inspection.group_id == closed_group)).all()[-1].stage is Stage.CLOSED
    assert session.get(Inspection, board_world["planned"].id).mode.value == "remote" and \
        session.get(Inspection, board_world["planned"].id).type.value == "focused"


def test_the_allocation_form_sends_checkboxes_as_lists(browser_as, session, board_world):
    state = browser_as(board_world["manager"], AllocationState, f"/programme/inspections/{board_world['planned'].id}/allocation")
    call(state, "load")
    assert state.values.editable and state.values.type == "focused"
    call(state, "save", {"type": "focused", "kq_caring": "on", "kq_safe": "on", "mode": "on_site",
                         "planned_start": "2027-02-02", "planned_end": "2027-02-02", "reason": "annual",
                         "lead_inspector_id": str(board_world["other_inspector"].id), f"team_{board_world['inspector'].id}": "on"})
    assert state.errors == {} and state.notice == "Allocation saved."
    assert state.values.key_questions == ["safe", "caring"] and state.values.team == [str(board_world["inspector"].id)]


def test_a_start_fewer_than_ten_working_days_away_is_refused_without_a_reason_and_allowed_with_one(
        session, board_world, closed_group):
    manager = f.actor(board_world["manager"])
    soon = form(board_world, group_id=str(closed_group), planned_start="2026-12-02", planned_end="2026-12-02",
                reason="home_office_request")
    with pytest.raises(InvalidInput) as refused:
        allocation.create_inspection(session=session, actor=manager, data=soon, today=TODAY)
    assert refused.value.errors == {"short_notice_reason": (
        "The first day leaves 7 working days for the announcement call and letter, fewer than the 10 the guidance "
        "gives providers. Enter why the inspection cannot start later")}
    new_id = allocation.create_inspection(session=session, actor=manager, today=TODAY, data={
        **soon, "short_notice_reason": "The Home Office asked for a visit before Christmas"})
    inspection = session.get(Inspection, new_id)
    assert inspection.reason.value == "home_office_request"
    assert inspection.short_notice_reason == "The Home Office asked for a visit before Christmas"


def test_an_allocation_needs_a_reason_for_the_inspection(session, board_world, closed_group):
    with pytest.raises(InvalidInput) as refused:
        allocation.create_inspection(session=session, actor=f.actor(board_world["manager"]), today=TODAY,
                                     data=form(board_world, group_id=str(closed_group), reason="whim"))
    assert refused.value.errors == {"reason": "Choose why this inspection is happening"}
