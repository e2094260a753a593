"""Serious concerns start the early outcome letter track; its sending is recorded to all three recipients."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal.db import Inspection, SeriousConcern
from safehouse_portal.domain.enums import Stage
from safehouse_portal.portals.judgements.concerns import ConcernsState
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.judgements import serious_concerns
from safehouse_portal.services.core.errors import InvalidInput, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.workspace_world import TODAY

DETAILS = "Fire doors propped open; two risk assessments missing."
ALL = ["provider", "home_office", "prime_contractor"]


def _raise(session, world, who="member", details=DETAILS):
    return serious_concerns.raise_concern(session=session, actor=f.actor(world[who]),
                                          inspection_id=world["inspection"].id, data={"details": details})


def _view(session, world, who="lead"):
    return serious_concerns.concerns(session=session, actor=f.actor(world[who]), inspection_id=world["inspection"].id,
                                     today=TODAY)


def _letter(session, world, who="lead", **data):
    return serious_concerns.record_letter(session=session, actor=f.actor(world[who]),
                                          inspection_id=world["inspection"].id, data=data, today=TODAY)


def test_raising_a_concern_flags_the_inspection_and_the_letter_falls_due_5_working_days_after_the_last_day(
        session, world):
    assert _view(session, world).letter_due == ""
    _raise(session, world)
    session.expire_all()
    assert session.get(Inspection, world["inspection"].id).serious_concern is True
    view = _view(session, world)
    assert view.letter_due == "27 November 2026"
    assert view.letter_state == "Due in 4 working days"
    [concern] = view.concerns
    assert concern.details == DETAILS and concern.letter == "Not sent yet" and concern.raised.startswith("Member on ")
    timeline = schedule.inspection_timeline(session=session, actor=f.actor(world["lead"]),
                                            inspection_id=world["inspection"].id, today=TODAY)
    assert "early_outcome_letter_due" in [m.key for m in timeline.milestones]


def test_the_letter_is_recorded_as_sent_to_the_provider_the_home_office_and_the_prime_contractor(session, world):
    _raise(session, world)
    _letter(session, world, sent_on="2026-11-23", recipients=ALL)
    session.expire_all()
    assert session.get(Inspection, world["inspection"].id).early_outcome_letter_on == date(2026, 11, 23)
    row = session.exec(select(SeriousConcern)).one()
    assert row.letter_sent_on == date(2026, 11, 23) and row.letter_recipients == ALL
    view = _view(session, world)
    assert view.letter_sent == "23 November 2026" and view.may_record_letter is False
    assert view.concerns[0].letter == ("Sent on 23 November 2026 to the provider, the Home Office, "
                                       "the prime contractor")


@pytest.mark.parametrize("data, field", [
    ({"sent_on": "2026-11-23", "recipients": ["provider"]}, "recipients"),
    ({"sent_on": "2026-11-23", "recipients": []}, "recipients"),
    ({"sent_on": "2026-11-23", "recipients": "provider"}, "recipients"),
    ({"sent_on": "2026-11-24", "recipients": ALL}, "sent_on"),
    ({"sent_on": "2026-11-18", "recipients": ALL}, "sent_on"),
    ({"sent_on": "someday", "recipients": ALL}, "sent_on"),
    ({"sent_on": 20261123, "recipients": ALL}, "sent_on"),
])
def test_the_letter_needs_all_three_recipients_and_a_date_after_the_inspection(session, world, data, field):
    _raise(session, world)
    with pytest.raises(InvalidInput) as refused:
        _letter(session, world, **data)
    assert field in refused.value.errors
    session.expire_all()
    assert session.get(Inspection, world["inspection"].id).early_outcome_letter_on is None


def test_no_letter_is_recorded_without_a_concern(session, world):
    with pytest.raises(InvalidInput):
        _letter(session, world, sent_on="2026-11-23", recipients=ALL)


@pytest.mark.parametrize("details", ["", "   ", None, {"x": 1}, "x" * 8001])
def test_a_concern_needs_its_details(session, world, details):
    with pytest.raises(InvalidInput) as refused:
        _raise(session, world, details=details)
    assert "details" in refused.value.errors
    session.expire_all()
    assert session.get(Inspection, world["inspection"].id).serious_concern is False


def test_a_concern_cannot_be_raised_before_the_inspection_starts(session, world):
    world["inspection"].stage = Stage.PIR_RECEIVED
    session.add(world["inspection"])
    session.commit()
    assert _view(session, world).may_raise is False
    with pytest.raises(InvalidInput):
        _raise(session, world)


@pytest.mark.parametrize("who", ["manager", "outsider", "admin", "north_lead", "stakeholder"])
def test_nobody_off_the_team_raises_a_concern(session, world, who):
    with pytest.raises(PermissionDenied):
        _raise(session, world, who)
    assert session.exec(select(SeriousConcern)).all() == []


@pytest.mark.parametrize("who", ["member", "manager", "outsider"])
def test_only_the_lead_records_the_letter(session, world, who):
    _raise(session, world)
    with pytest.raises(PermissionDenied):
        _letter(session, world, who, sent_on="2026-11-23", recipients=ALL)


# --- State handlers, called as a forging browser would -------------------------------------------


def _path(world):
    return f"/inspections/{world['inspection'].id}/workspace/concerns"


def test_the_concern_handler_shows_the_letters_due_date(browser_as, world):
    state = browser_as(world["member"], ConcernsState, _path(world))
    call(state, "raise_concern", {"details": DETAILS})
    assert state.errors == {}
    assert state.view.header.serious_concern is True and state.view.letter_due == "27 November 2026"


def test_the_letter_handler_reads_ticked_recipients(browser_as, world, session):
    _raise(session, world)
    state = browser_as(world["lead"], ConcernsState, _path(world))
    call(state, "record_letter", {"sent_on": "2026-11-20", "recipient:provider": "on"})
    assert "recipients" in state.errors
    call(state, "record_letter", {"sent_on": "2026-11-20", "recipient:provider": "on",
                                  "recipient:home_office": "on", "recipient:prime_contractor": "on"})
    assert state.errors == {} and state.view.letter_sent == "20 November 2026"


@pytest.mark.parametrize("who", ["manager", "outsider", "north_lead", "stakeholder", None])
def test_forged_concerns_and_letters_by_outsiders_change_nothing(browser_as, world, session, who):
    state = browser_as(world[who] if who else None, ConcernsState, _path(world))
    call(state, "raise_concern", {"details": "Forged"})
    call(state, "record_letter", {"sent_on": "2026-11-20", "recipient:provider": "on",
                                  "recipient:home_office": "on", "recipient:prime_contractor": "on"})
    assert state.errors and state.view.concerns == []
    session.expire_all()
    inspection = session.get(Inspection, world["inspection"].id)
    assert inspection.serious_concern is False and inspection.early_outcome_letter_on is None
    assert session.exec(select(SeriousConcern)).all() == []


@pytest.mark.parametrize("forged", [None, "details", 5, {"details": ["x"]}, {"sent_on": {"y": 1}}])
def test_the_concern_handlers_survive_forged_argument_types(browser_as, world, session, forged):
    state = browser_as(world["lead"], ConcernsState, _path(world))
    call(state, "raise_concern", forged)
    assert state.errors
    call(state, "record_letter", forged)
    assert state.errors
    assert session.exec(select(SeriousConcern)).all() == []
