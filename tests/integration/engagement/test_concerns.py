"""Concerns between inspections: confidential to CQC, they raise the provider on the revisit list and can start
a focused inspection."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import Concern, ConcernEscalation, Inspection, Location
from safehouse_portal.domain.enums import InspectionReason, InspectionType, Role, Stage
from safehouse_portal.portals.engagement.concern_new import NewConcernState
from safehouse_portal.portals.engagement.concern_page import ConcernState
from safehouse_portal.portals.engagement.concerns_list import ConcernsState
from safehouse_portal.portals.engagement.provider_section import ProviderEngagementState
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.engagement import concerns
from safehouse_portal.services.programme import coverage
from tests.integration.worlds import factories as f
from tests.integration.worlds.board_world import add_group
from tests.integration.worlds.forged import call

TODAY = date(2026, 11, 23)
SUMMARY = "A partner agency reports survivors left without night staff"


def concern(world, **changes):
    return {"provider_id": str(world["north"].id), "source": "partner_agency", "received_on": "2026-11-16",
            "summary": SUMMARY, "severity": "high", "told_home_office": "on", "told_on": "2026-11-17", **changes}


def record(session, world, who="manager", **changes):
    concern_id = concerns.record_concern(session=session, actor=f.actor(world[who]), data=concern(world, **changes),
                                         today=TODAY)
    session.commit()
    return concern_id


def priorities(session, world):
    return coverage.coverage_view(session=session, actor=f.actor(world["manager"]), today=TODAY).priorities


@pytest.fixture
def world(session, board_world):
    board_world["north"].designated_inspector_id = board_world["inspector"].id
    session.add(board_world["north"])
    session.commit()
    return board_world


def test_a_concern_is_recorded_with_who_was_told(session, world):
    concern_id = record(session, world)
    told = session.exec(select(ConcernEscalation).where(ConcernEscalation.concern_id == concern_id)).all()
    assert [(e.told.value, e.told_on) for e in told] == [("home_office", date(2026, 11, 17))]
    page = concerns.concern_page(session=session, actor=f.actor(world["manager"]), concern_id=concern_id)
    assert (page.concern.severity, page.concern.told, page.concern.open) == ("High", "Home Office", True)


def test_an_open_concern_raises_the_provider_on_the_revisit_list_with_its_reason_until_closed(session, world):
    before = [row.group_name for row in priorities(session, world)]
    assert "Alder services" not in before
    concern_id = record(session, world)
    (row,) = [row for row in priorities(session, world) if row.group_name == "Alder services"]
    assert row.score == 20 and row.reasons == ["1 open concern (high, received 16 November 2026)"]
    concerns.close_concern(session=session, actor=f.actor(world["inspector"]), concern_id=concern_id,
                           data={"closed_on": "2026-11-20", "closing_note": "Night cover restored"}, today=TODAY)
    session.commit()
    assert "Alder services" not in [row.group_name for row in priorities(session, world)]


def test_a_concern_about_one_location_raises_only_that_location_s_group(session, world):
    add_group(session, world["north"], "Oak services")
    alder_house = session.exec(select(Location).where(Location.group_id == world["planned"].group_id)).one()
    record(session, world, location_id=str(alder_house.id), severity="low")
    names = [row.group_name for row in priorities(session, world)]
    assert "Alder services" in names and "Oak services" not in names


def test_a_manager_starts_a_focused_inspection_from_a_concern(session, world):
    closed = add_group(session, world["north"], "Cedar services", stage=Stage.CLOSED)
    concern_id = record(session, world)
    page = concerns.concern_page(session=session, actor=f.actor(world["manager"]), concern_id=concern_id)
    assert page.may_start_inspection and [g.value for g in page.groups] == [str(closed.group_id)]
    inspection_id = concerns.start_focused_inspection(
        session=session, actor=f.actor(world["manager"]), concern_id=concern_id, today=TODAY,
        data={"group_id": str(closed.group_id), "type": "comprehensive", "reason": "annual", "mode": "on_site",
              "key_questions": ["safe", "well_led"], "planned_start": "2027-01-12", "planned_end": "2027-01-12",
              "lead_inspector_id": str(world["inspector"].id)})
    inspection = session.get(Inspection, inspection_id)
    assert (inspection.type, inspection.reason, inspection.key_questions) == (
        InspectionType.FOCUSED, InspectionReason.CONCERN, ["safe", "well_led"])
    assert session.get(Concern, concern_id).inspection_id == inspection_id


def test_a_focused_inspection_is_only_for_the_concern_s_own_provider(session, world):
    south_closed = add_group(session, world["south"], "Yew services", stage=Stage.CLOSED)
    concern_id = record(session, world)
    with pytest.raises(InvalidInput) as refused:
        concerns.start_focused_inspection(
            session=session, actor=f.actor(world["manager"]), concern_id=concern_id, today=TODAY,
            data={"group_id": str(south_closed.group_id), "mode": "on_site", "key_questions": ["safe"],
                  "planned_start": "2027-01-12", "planned_end": "2027-01-12"})
    assert "group_id" in refused.value.errors


@pytest.mark.parametrize(("changes", "field"), [
    ({"provider_id": ""}, "provider_id"), ({"source": "gossip"}, "source"), ({"severity": ""}, "severity"),
    ({"received_on": "2026-12-01"}, "received_on"), ({"summary": ""}, "summary"),
    ({"told_on": ""}, "told_on"), ({"told_home_office": "", "told_on": "2026-11-17"}, "told_on"),
])
def test_wrong_concerns_say_which_field_is_wrong(session, world, changes, field):
    with pytest.raises(InvalidInput) as refused:
        record(session, world, **changes)
    assert field in refused.value.errors
    assert session.exec(select(Concern)).all() == []


def test_an_inspector_not_tied_to_the_provider_neither_records_nor_sees_its_concerns(session, world):
    stranger = f.user(session, "stranger@cqc.test", Role.INSPECTOR)
    with pytest.raises(PermissionDenied):
        concerns.record_concern(session=session, actor=f.actor(stranger), data=concern(world), today=TODAY)
    concern_id = record(session, world)
    assert concerns.list_concerns(session=session, actor=f.actor(stranger)) == []
    with pytest.raises(NotFound):
        concerns.concern_page(session=session, actor=f.actor(stranger), concern_id=concern_id)


def test_leads_never_see_concerns_even_by_forged_calls(session, world, browser_as):
    concern_id = record(session, world)
    lead = world["lead"]
    section = browser_as(lead, ProviderEngagementState, f"/providers/{world['north'].id}")
    call(section, "load")
    assert not section.concerns.visible and section.concerns.concerns == []
    listing = browser_as(lead, ConcernsState, "/programme/concerns")
    call(listing, "load")
    assert listing.rows == [] and listing.not_permitted
    page = browser_as(lead, ConcernState, f"/programme/concerns/{concern_id}")
    call(page, "load")
    assert page.not_permitted and page.view.concern.summary == ""
    call(page, "escalate", {"told": "home_office", "told_on": "2026-11-20"})
    call(page, "close", {"closed_on": "2026-11-20", "closing_note": "Forged"})
    call(page, "create", {"group_id": str(world["planned"].group_id), "mode": "on_site", "kq_safe": "on",
                          "planned_start": "2027-01-12", "planned_end": "2027-01-12"})
    new = browser_as(lead, NewConcernState, "/programme/concerns/new")
    call(new, "load")
    call(new, "save", concern(world, summary="Forged by a lead"))
    for state in (section, listing, page, new):
        assert SUMMARY not in repr(state.dict())
    session.expire_all()
    stored = session.exec(select(Concern)).all()
    assert [(c.summary, c.status.value, c.inspection_id) for c in stored] == [(SUMMARY, "open", None)]
    assert len(session.exec(select(ConcernEscalation)).all()) == 1
