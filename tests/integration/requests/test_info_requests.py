"""Information requests: inspectors ask (warned of repeats), providers answer, both see the status."""

from datetime import date

import pytest
from sqlmodel import select

from safehouse_portal import routes
from safehouse_portal.db import AuditEvent, InfoRequest
from safehouse_portal.services.requests import info_requests
from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied
from tests.integration.worlds import factories as f
from tests.integration.worlds.provider_world import TODAY


def _ask(session, world, question, who="inspector", send_anyway=False, **fields):
    return info_requests.ask_request(session=session, actor=f.actor(world[who]),
                                     inspection_id=world["north_inspection"].id,
                                     data={"question": question, **fields}, send_anyway=send_anyway, today=TODAY)


def _requests(session):
    return session.exec(select(InfoRequest).order_by(InfoRequest.id)).all()


def test_a_request_is_due_seven_working_days_after_the_inspections_last_day_by_default(session, provider_world):
    outcome = _ask(session, provider_world, "Send the minutes of the last three staff meetings.")
    assert outcome.sent and outcome.warnings == []
    assert session.get(InfoRequest, outcome.request_id).due_on == date(2026, 12, 17)
    view = info_requests.inspection_requests(session=session, actor=f.actor(provider_world["inspector"]),
                                             inspection_id=provider_world["north_inspection"].id, today=TODAY)
    assert view.default_due == "2026-12-17"
    assert "actual last day" in view.default_due_explanation
    assert [r.status for r in view.requests] == ["open"]


def test_a_request_already_answered_in_the_pir_is_held_back_with_a_warning(session, provider_world):
    outcome = _ask(session, provider_world, "How do you arrange interpretation for survivors who need it?")
    assert not outcome.sent
    assert outcome.warnings[0].kind == "In the PIR"
    assert "telephone interpreters" in outcome.warnings[0].answer
    assert _requests(session) == []


def test_a_request_like_an_earlier_one_is_warned_and_can_be_sent_anyway(session, provider_world):
    _ask(session, provider_world, "Please send the fire safety check records for each safehouse.")
    repeat = "Send fire safety checks records for every safehouse"
    held = _ask(session, provider_world, repeat, who="team")
    assert not held.sent and held.warnings[0].kind == "Earlier request"
    sent = _ask(session, provider_world, repeat, who="team", send_anyway=True)
    assert sent.sent and len(_requests(session)) == 2
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "info_request.asked")
                         .order_by(AuditEvent.id.desc())).first()
    assert event.after["despite_warnings"] == 1


def test_a_different_request_on_the_same_theme_is_not_warned(session, provider_world):
    _ask(session, provider_world, "Please send the fire safety check records for each safehouse.")
    outcome = _ask(session, provider_world, "Which staff completed fire warden training this year?")
    assert outcome.sent and outcome.warnings == []


@pytest.mark.parametrize(("fields", "field"), [
    ({"question": ""}, "question"),
    ({"question": "x" * 4001}, "question"),
    ({"question": {"a": 1}}, "question"),
    ({"question": "Staff rota", "kloe_code": "Z9"}, "kloe_code"),
    ({"question": "Staff rota", "due_on": "2026-12-11"}, "due_on"),
    ({"question": "Staff rota", "due_on": "2026-12-19"}, "due_on"),
    ({"question": "Staff rota", "due_on": "not a date"}, "due_on"),
    ({"question": "Staff rota", "due_on": 20261220}, "due_on"),
])
def test_an_invalid_request_is_refused_at_its_field(session, provider_world, fields, field):
    with pytest.raises(InvalidInput) as refused:
        info_requests.ask_request(session=session, actor=f.actor(provider_world["inspector"]),
                                  inspection_id=provider_world["north_inspection"].id, data=fields,
                                  send_anyway=True, today=TODAY)
    assert field in refused.value.errors
    assert _requests(session) == []


def test_a_request_with_a_kloe_and_a_chosen_due_date_keeps_them(session, provider_world):
    outcome = _ask(session, provider_world, "Staff rota for November", kloe_code="S3", due_on="2026-12-21")
    request = session.get(InfoRequest, outcome.request_id)
    assert (request.kloe_code, request.due_on) == ("S3", date(2026, 12, 21))


@pytest.mark.parametrize("who", ["outsider", "north_lead", "admin", "stakeholder"])
def test_only_the_inspections_inspectors_and_managers_may_ask(session, provider_world, who):
    with pytest.raises(PermissionDenied):
        _ask(session, provider_world, "Staff rota for November", who=who, send_anyway=True)
    assert _requests(session) == []


def test_the_provider_answers_with_text_and_its_own_file(session, provider_world):
    request_id = _ask(session, provider_world, "Staff rota for November").request_id
    lead = f.actor(provider_world["north_lead"])
    row = info_requests.answer_request(session=session, actor=lead, request_id=request_id,
                                       answer="Attached: the rota.", file_ids=[provider_world["north_file"].id],
                                       today=TODAY)
    assert (row.status, row.answer, [x.name for x in row.files]) == ("answered", "Attached: the rota.",
                                                                     ["evidence.pdf"])
    view = info_requests.inspection_requests(session=session, actor=f.actor(provider_world["team"]),
                                             inspection_id=provider_world["north_inspection"].id, today=TODAY)
    answered = view.requests[0]
    assert answered.status_label == "Answered" and routes.file(answered.files[0].id).startswith("/files/")


def test_a_provider_cannot_attach_another_providers_file(session, provider_world):
    request_id = _ask(session, provider_world, "Staff rota for November").request_id
    with pytest.raises(InvalidInput) as refused:
        info_requests.answer_request(session=session, actor=f.actor(provider_world["north_lead"]),
                                     request_id=request_id, answer="See file",
                                     file_ids=[provider_world["south_file"].id], today=TODAY)
    assert "files" in refused.value.errors
    assert session.get(InfoRequest, request_id).status == "open"


def test_an_open_request_past_its_due_date_is_overdue_for_both_sides(session, provider_world):
    request_id = _ask(session, provider_world, "Staff rota for November").request_id
    later = date(2026, 12, 18)
    mine = info_requests.provider_requests(session=session, actor=f.actor(provider_world["north_lead"]), today=later)
    assert [(r.id, r.status, r.due_text) for r in mine] == [(request_id, "overdue", "Overdue by 1 working day")]


def test_another_providers_lead_never_sees_or_answers_the_request(session, provider_world):
    request_id = _ask(session, provider_world, "Staff rota for November").request_id
    south = f.actor(provider_world["south_lead"])
    assert info_requests.provider_requests(session=session, actor=south, today=TODAY) == []
    with pytest.raises(NotFound):
        info_requests.provider_request(session=session, actor=south, request_id=request_id, today=TODAY)
    with pytest.raises(NotFound):
        info_requests.answer_request(session=session, actor=south, request_id=request_id, answer="Mine now",
                                     file_ids=[], today=TODAY)
    assert session.get(InfoRequest, request_id).answer is None


def test_a_withdrawn_request_cannot_be_answered_and_only_its_inspectors_withdraw_it(session, provider_world):
    request_id = _ask(session, provider_world, "Staff rota for November").request_id
    with pytest.raises(PermissionDenied):
        info_requests.withdraw_request(session=session, actor=f.actor(provider_world["outsider"]),
                                       request_id=request_id)
    info_requests.withdraw_request(session=session, actor=f.actor(provider_world["team"]), request_id=request_id)
    with pytest.raises(InvalidInput):
        info_requests.answer_request(session=session, actor=f.actor(provider_world["north_lead"]),
                                     request_id=request_id, answer="Too late", file_ids=[], today=TODAY)
    row = info_requests.provider_request(session=session, actor=f.actor(provider_world["north_lead"]),
                                         request_id=request_id, today=TODAY)
    assert (row.status_label, row.may_answer) == ("Withdrawn", False)


@pytest.mark.parametrize("forged", ["1", None, True, {"id": 1}, -5, 10**12, 1.5])
def test_forged_request_ids_of_the_wrong_type_are_refused(session, provider_world, forged):
    with pytest.raises(InvalidInput):
        info_requests.provider_request(session=session, actor=f.actor(provider_world["north_lead"]),
                                       request_id=forged, today=TODAY)
    with pytest.raises(InvalidInput):
        info_requests.inspection_requests(session=session, actor=f.actor(provider_world["inspector"]),
                                          inspection_id=forged, today=TODAY)


def test_the_provider_reads_the_key_line_of_enquiry_in_words_never_as_a_bare_code(session, provider_world):
    outcome = _ask(session, provider_world, "Send the staff rota for last month.", kloe_code="S3")
    row = info_requests.provider_request(session=session, actor=f.actor(provider_world["north_lead"]),
                                         request_id=outcome.request_id, today=TODAY)
    assert row.kloe_label == "Enough suitable staff (key line of enquiry S3)"
