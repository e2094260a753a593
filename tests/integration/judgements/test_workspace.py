"""The workspace: who may open it, the KLOE list, widening the scope, the announcement checklist."""

import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import AuditEvent, ChecklistItem, Inspection
from safehouse_portal.domain.enums import Rating, Stage
from safehouse_portal.portals.judgements.checklist import ChecklistState
from safehouse_portal.portals.judgements.overview import WorkspaceState
from safehouse_portal.services.judgements import workspace
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.workspace_world import rate


def _view(session, world, who="lead"):
    return workspace.workspace(session=session, actor=f.actor(world[who]), inspection_id=world["inspection"].id)


def test_the_kloe_list_shows_each_key_question_in_scope_with_status_and_rating(session, world):
    rate(session, world["inspection"], "S1", Rating.REQUIRES_IMPROVEMENT)
    rate(session, world["inspection"], "S2", None, status="in_progress")
    view = _view(session, world)
    assert [kq.label for kq in view.key_questions] == ["Safe", "Well-led"]
    safe = view.key_questions[0]
    first, second, third = safe.kloes[:3]
    assert (first.code, first.status_label, first.rating_label) == ("S1", "Final", "Requires improvement")
    assert (second.status_label, second.rating_label) == ("In progress", "Not rated")
    assert third.status_label == "Not started"
    assert (safe.final, safe.total) == (1, 6)
    assert routes.kloe(view.header.inspection_id, first.code) == f"/inspections/{world['inspection'].id}/kloes/S1"


def test_a_team_member_may_edit_but_only_the_lead_may_widen(session, world):
    lead, member = _view(session, world, "lead"), _view(session, world, "member")
    assert lead.header.may_edit and member.header.may_edit
    assert lead.may_widen is True and [o.value for o in lead.widenable] == ["effective", "caring", "responsive"]
    assert member.may_widen is False and member.widenable == []


def test_a_programme_manager_reads_every_workspace_but_may_not_change_it(session, world):
    view = _view(session, world, "manager")
    assert view.header.group_name and view.header.may_edit is False and view.may_widen is False
    with pytest.raises(PermissionDenied):
        workspace.update_checklist(session=session, actor=f.actor(world["manager"]),
                                   inspection_id=world["inspection"].id,
                                   data={"item": "staff_emails", "ticked": True, "note": ""})


@pytest.mark.parametrize("who", ["outsider", "admin", "north_lead", "stakeholder"])
def test_nobody_outside_the_team_or_programme_management_opens_the_workspace(session, world, who):
    with pytest.raises(PermissionDenied):
        _view(session, world, who)


def test_no_actor_is_refused(session, world):
    with pytest.raises(PermissionDenied):
        workspace.workspace(session=session, actor=None, inspection_id=world["inspection"].id)


@pytest.mark.parametrize("forged", ["1", None, True, {"id": 1}, -1, 2**40])
def test_forged_inspection_ids_are_refused(session, world, forged):
    with pytest.raises(InvalidInput):
        workspace.workspace(session=session, actor=f.actor(world["lead"]), inspection_id=forged)


def test_an_unknown_inspection_is_not_found(session, world):
    with pytest.raises(NotFound):
        workspace.workspace(session=session, actor=f.actor(world["manager"]), inspection_id=99999)


def test_the_lead_widens_the_scope_with_a_reason_and_it_is_audited(session, world):
    scope = workspace.widen_scope(session=session, actor=f.actor(world["lead"]), inspection_id=world["inspection"].id,
                                  data={"add": ["caring"], "reason": "Survivors raised concerns about dignity"})
    assert scope == ["safe", "caring", "well_led"]
    view = _view(session, world)
    assert view.header.scope == "Safe, Caring, Well-led"
    assert [kq.label for kq in view.key_questions] == ["Safe", "Caring", "Well-led"]
    change = view.scope_changes[0]
    assert (change.added, change.reason) == ("Caring", "Survivors raised concerns about dignity")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == workspace.SCOPE_WIDENED)).one()
    assert event.before == {"key_questions": ["safe", "well_led"]}


@pytest.mark.parametrize("data, field", [
    ({"add": ["caring"], "reason": "   "}, "reason"),
    ({"add": [], "reason": "Why"}, "add"),
    ({"add": ["safe"], "reason": "Why"}, "add"),
    ({"add": ["kindness"], "reason": "Why"}, "add"),
    ({"add": {"x": 1}, "reason": "Why"}, "add"),
    ("caring", "form"),
])
def test_widening_without_a_reason_or_anything_new_is_refused(session, world, data, field):
    with pytest.raises(InvalidInput) as refused:
        workspace.widen_scope(session=session, actor=f.actor(world["lead"]), inspection_id=world["inspection"].id,
                              data=data)
    assert field in refused.value.errors
    session.expire_all()
    assert session.get(Inspection, world["inspection"].id).key_questions == ["safe", "well_led"]


@pytest.mark.parametrize("who", ["member", "manager", "outsider"])
def test_only_the_lead_widens_the_scope(session, world, who):
    with pytest.raises(PermissionDenied):
        workspace.widen_scope(session=session, actor=f.actor(world[who]), inspection_id=world["inspection"].id,
                              data={"add": ["caring"], "reason": "Why"})


def test_the_scope_is_not_widened_once_drafting_has_begun(session, world):
    world["inspection"].stage = Stage.DRAFTING
    session.add(world["inspection"])
    session.commit()
    assert _view(session, world).may_widen is False
    with pytest.raises(InvalidInput):
        workspace.widen_scope(session=session, actor=f.actor(world["lead"]), inspection_id=world["inspection"].id,
                              data={"add": ["caring"], "reason": "Why"})


def test_a_team_member_ticks_a_checklist_item_with_a_note(session, world):
    workspace.update_checklist(session=session, actor=f.actor(world["member"]), inspection_id=world["inspection"].id,
                               data={"item": "survivors_needs", "ticked": True, "note": "Interpreter for Tigrinya"})
    view = workspace.checklist(session=session, actor=f.actor(world["lead"]), inspection_id=world["inspection"].id)
    item = next(row for row in view.rows if row.key == "survivors_needs")
    assert (item.ticked, item.note) == (True, "Interpreter for Tigrinya")
    assert item.updated.startswith("Member on ")
    assert (view.ticked, view.total) == (1, 6)


@pytest.mark.parametrize("data, field", [
    ({"item": "bogus", "ticked": True, "note": ""}, "item"),
    ({"item": "staff_emails", "ticked": "yes", "note": ""}, "ticked"),
    ({"item": "staff_emails", "ticked": True, "note": "x" * 2001}, "note"),
    ({"item": "staff_emails", "ticked": True, "note": None}, "note"),
])
def test_checklist_updates_are_validated(session, world, data, field):
    with pytest.raises(InvalidInput) as refused:
        workspace.update_checklist(session=session, actor=f.actor(world["lead"]),
                                   inspection_id=world["inspection"].id, data=data)
    assert field in refused.value.errors
    assert session.exec(select(ChecklistItem)).all() == []


# --- State handlers, called as a forging browser would -------------------------------------------


def _path(world, suffix=""):
    return f"/inspections/{world['inspection'].id}/workspace{suffix}"


def test_the_workspace_page_loads_for_the_lead(browser_as, world):
    state = browser_as(world["lead"], WorkspaceState, _path(world))
    call(state, "load")
    assert state.not_permitted is False
    assert state.view.header.group_name == "North Trust group"


@pytest.mark.parametrize("who", ["outsider", "north_lead", "stakeholder", "admin", None])
def test_the_workspace_page_gives_outsiders_no_data(browser_as, world, who):
    state = browser_as(world[who] if who else None, WorkspaceState, _path(world))
    call(state, "load")
    assert state.view.header.group_name == "" and state.view.key_questions == []
    call(state, "widen_scope", {"add:caring": "on", "reason": "Forged"})
    assert state.view.key_questions == []
    assert "North Trust" not in repr(state.dict())


@pytest.mark.parametrize("who", ["member", "outsider", "manager", "north_lead", None])
def test_forged_widening_by_anyone_but_the_lead_changes_nothing(browser_as, world, session, who):
    state = browser_as(world[who] if who else None, WorkspaceState, _path(world))
    call(state, "widen_scope", {"add:caring": "on", "reason": "Forged"})
    assert state.errors and state.notice == ""
    session.expire_all()
    assert session.get(Inspection, world["inspection"].id).key_questions == ["safe", "well_led"]


@pytest.mark.parametrize("forged", [None, "caring", ["caring"], 7, {"add:caring": ["on"], "reason": {"a": 1}}])
def test_the_widening_handler_survives_forged_argument_types(browser_as, world, session, forged):
    state = browser_as(world["lead"], WorkspaceState, _path(world))
    call(state, "widen_scope", forged)
    assert state.errors
    session.expire_all()
    assert session.get(Inspection, world["inspection"].id).key_questions == ["safe", "well_led"]


def test_the_route_decides_the_inspection_not_the_browser(browser_as, world, session):
    state = browser_as(world["outsider"], WorkspaceState, _path(world))
    call(state, "widen_scope", {"add:caring": "on", "reason": "Forged", "inspection_id": str(world["other"].id)})
    session.expire_all()
    assert session.get(Inspection, world["inspection"].id).key_questions == ["safe", "well_led"]


def test_the_widening_handler_widens_for_the_lead(browser_as, world, session):
    state = browser_as(world["lead"], WorkspaceState, _path(world))
    call(state, "widen_scope", {"add:caring": "on", "add:responsive": "on", "reason": "New concerns"})
    assert state.errors == {} and "widened" in state.notice
    assert state.view.header.scope == "Safe, Caring, Responsive, Well-led"


@pytest.mark.parametrize("who", ["outsider", "manager", "north_lead", "stakeholder", None])
def test_forged_checklist_ticks_by_outsiders_change_nothing(browser_as, world, session, who):
    state = browser_as(world[who] if who else None, ChecklistState, _path(world, "/checklist"))
    call(state, "save_item", {"item": "staff_emails", "ticked": "on", "note": "Forged"})
    assert state.errors
    assert state.view.rows == []
    assert session.exec(select(ChecklistItem)).all() == []


@pytest.mark.parametrize("forged", [None, "staff_emails", 3, {"item": ["staff_emails"], "ticked": "on"}])
def test_the_checklist_handler_survives_forged_argument_types(browser_as, world, session, forged):
    state = browser_as(world["lead"], ChecklistState, _path(world, "/checklist"))
    call(state, "save_item", forged)
    assert state.errors
    assert session.exec(select(ChecklistItem)).all() == []


def test_the_checklist_handler_saves_a_ticked_item_for_a_team_member(browser_as, world, session):
    state = browser_as(world["member"], ChecklistState, _path(world, "/checklist"))
    call(state, "save_item", {"item": "room_and_records", "ticked": "on", "note": "Meeting room 2"})
    assert state.errors == {}
    row = next(r for r in state.view.rows if r.key == "room_and_records")
    assert (row.ticked, row.note) == (True, "Meeting room 2")
