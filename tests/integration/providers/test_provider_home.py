"""The provider lead's home: what needs doing, most urgent first, and the next inspection."""

from datetime import date

import pytest

from safehouse_portal import routes
from safehouse_portal.domain.enums import Stage
from safehouse_portal.services.requests import info_requests
from safehouse_portal.services.providers import home as provider_home
from safehouse_portal.services.core.errors import PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.provider_world import TODAY, inspection


@pytest.fixture
def busy_north(session, provider_world):
    """North also has an announced inspection awaiting its PIR, a draft report out for FA, and a request."""
    world = provider_world
    announced = inspection(session, world["north"], world["team"], "North outreach", Stage.ANNOUNCED,
                           announcement_call_on=date(2026, 12, 10), announcement_letter_on=date(2026, 12, 10),
                           pir_requested_on=date(2026, 12, 10))
    fa = inspection(session, world["north"], world["inspector"], "North houses", Stage.FACTUAL_ACCURACY,
                    planned_start=date(2026, 10, 26), planned_end=date(2026, 10, 27), ended_on=date(2026, 10, 27),
                    draft_sent_on=date(2026, 12, 1))
    info_requests.ask_request(session=session, actor=f.actor(world["inspector"]),
                              inspection_id=world["north_inspection"].id,
                              data={"question": "Send the staff rota for November."}, send_anyway=True, today=TODAY)
    return {**world, "announced": announced, "fa": fa}


def _home(session, world, who="north_lead", today=TODAY):
    return provider_home.provider_home(session=session, actor=f.actor(world[who]), today=today)


def test_tasks_come_most_urgent_first_with_their_countdowns(session, busy_north):
    home = _home(session, busy_north)
    assert [(t.kind, t.due_on) for t in home.tasks] == [
        ("factual_accuracy", "15 December 2026"),
        ("pir", "17 December 2026"),
        ("request", "17 December 2026"),
        ("recommendation", "22 December 2026"),
    ]
    fa, pir, request, rec = home.tasks
    fa_href, pir_href, request_href, rec_href = (routes.provider_task(t.kind, t.target_id) for t in home.tasks)
    assert fa_href == f"/provider/factual-accuracy/{busy_north['fa'].id}" and fa.due_text == "Due in 1 working day"
    assert pir_href == "/provider/pir" and pir.due_text == "Due in 3 working days, on 17 December 2026"
    assert "counted from the day the PIR was requested" in pir.explanation
    assert "North outreach: not started" in pir.detail
    assert request_href.startswith("/provider/requests/") and "staff rota" in request.detail
    assert rec_href == f"/provider/recommendations/{busy_north['north_rec'].id}"


def test_a_late_pir_is_shown_as_late_by_how_much(session, busy_north):
    pir = next(t for t in _home(session, busy_north, today=date(2026, 12, 21)).tasks if t.kind == "pir")
    assert pir.overdue and pir.due_text == "Late by 2 working days: it was due on 17 December 2026"


def test_the_next_announced_inspection_shows_its_dates_type_mode_and_lead(session, busy_north):
    upcoming = _home(session, busy_north).next_inspection
    assert (upcoming.announced, upcoming.group_name, upcoming.dates, upcoming.type_label, upcoming.mode_label,
            upcoming.lead_inspector) == (True, "North outreach", "11 January 2027", "Focused", "Remote", "Team")


def test_an_inspection_not_yet_announced_is_not_shown_as_the_next(session, provider_world):
    inspection(session, provider_world["north"], provider_world["team"], "North planned", Stage.PLANNED)
    assert _home(session, provider_world).next_inspection.announced is False


def test_met_and_submitted_work_leaves_the_list(session, provider_world):
    provider_world["north_rec"].status = "evidence_submitted"
    session.add(provider_world["north_rec"])
    session.commit()
    assert _home(session, provider_world).tasks == []


def test_a_lead_sees_nothing_of_another_providers_work(session, busy_north):
    home = _home(session, busy_north, who="south_lead")
    assert home.provider_name == "South Trust"
    assert [(t.kind, routes.provider_task(t.kind, t.target_id)) for t in home.tasks] == [
        ("recommendation", f"/provider/recommendations/{busy_north['south_rec'].id}")]
    assert home.next_inspection.announced is False


@pytest.mark.parametrize("who", ["inspector", "manager", "admin", "stakeholder"])
def test_only_provider_leads_have_a_provider_home(session, provider_world, who):
    with pytest.raises(PermissionDenied):
        _home(session, provider_world, who=who)
