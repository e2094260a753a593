"""The inspector's home: their inspections with the next deadline, their providers, their open requests."""

from datetime import date

import pytest

from safehouse_portal.db import InfoRequest, Inspection
from safehouse_portal.domain.enums import InspectionMode, InspectionType, Stage
from safehouse_portal.portals.programme.inspector_home import InspectorHomeState
from safehouse_portal.services.programme import inspector_home
from safehouse_portal.services.core.errors import PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.workspace_world import TODAY


def _home(session, world, who="lead"):
    return inspector_home.inspector_home(session=session, actor=f.actor(world[who]), today=TODAY)


def test_an_inspector_sees_the_inspections_they_lead_or_are_on_with_the_next_deadline(session, world):
    lead, member = _home(session, world, "lead"), _home(session, world, "member")
    assert [i.id for i in lead.inspections] == [world["inspection"].id]
    [row] = member.inspections
    assert (row.role, row.stage_label, row.provider_name) == ("Team member", "Inspecting", "North Trust")
    assert (row.next_milestone, row.next_due) == ("Draft report due", "18 December 2026")
    assert row.countdown_text == "Due in 19 working days" and row.overdue is False


def test_an_overdue_milestone_is_counted_in_working_days_and_comes_first(session, world):
    late = Inspection(group_id=world["inspection"].group_id, type=InspectionType.FOCUSED,
                      mode=InspectionMode.REMOTE, key_questions=["safe"], planned_start=date(2026, 11, 30),
                      planned_end=date(2026, 11, 30), lead_inspector_id=world["lead"].id, stage=Stage.ANNOUNCED,
                      framework_version_id=world["inspection"].framework_version_id,
                      announcement_call_on=date(2026, 11, 13), announcement_letter_on=date(2026, 11, 13),
                      pir_requested_on=date(2026, 11, 13))
    session.add(late)
    session.commit()
    rows = _home(session, world).inspections
    assert rows[0].id == late.id
    assert rows[0].next_milestone == "Provider information return due" and rows[0].overdue is True
    assert rows[0].countdown_text.startswith("Overdue by ")


def test_the_designated_providers_show_their_current_lead_contact(session, world):
    world["north"].designated_inspector_id = world["lead"].id
    world["north"].lead_name = "Amina New"
    session.add(world["north"])
    session.commit()
    [provider] = _home(session, world).providers
    assert (provider.name, provider.lead_name, provider.lead_email) == ("North Trust", "Amina New",
                                                                       "lead@northtrust.test")
    assert _home(session, world, "member").providers == []


def test_only_open_requests_the_inspector_sent_are_listed(session, world):
    inspection = world["inspection"]
    for who, status, question in (("lead", "open", "Send the fire log"), ("lead", "answered", "Rota"),
                                  ("member", "open", "Training matrix"), ("lead", "withdrawn", "Old")):
        session.add(InfoRequest(inspection_id=inspection.id, question=question, due_on=date(2026, 11, 20),
                                status=status, asked_by_id=world[who].id, kloe_code="S2"))
    session.commit()
    [request] = _home(session, world).requests
    assert (request.question, request.kloe, request.due, request.overdue) == (
        "Send the fire log", "S2", "20 November 2026", True)


@pytest.mark.parametrize("who", ["manager", "admin", "north_lead", "stakeholder"])
def test_only_inspectors_have_this_home(session, world, who):
    with pytest.raises(PermissionDenied):
        _home(session, world, who)


@pytest.mark.parametrize("who", ["north_lead", "manager", "stakeholder", None])
def test_the_home_handler_gives_non_inspectors_no_data(browser_as, world, who):
    state = browser_as(world[who] if who else None, InspectorHomeState, "/inspector")
    call(state, "load")
    assert state.inspections == [] and state.providers == [] and state.requests == []


def test_the_home_handler_shows_the_inspectors_own_work(browser_as, world):
    state = browser_as(world["outsider"], InspectorHomeState, "/inspector")
    call(state, "load")
    assert [i.id for i in state.inspections] == [world["other"].id]
    assert "North Trust" not in repr(state.dict())
