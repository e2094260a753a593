"""The outbox is written with the change; each person sees, opens and marks read only their own."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from safehouse_portal.db import Notification
from safehouse_portal.domain.notifications import NotificationKind
from safehouse_portal.portals.notifications.inbox import NotificationsState
from safehouse_portal.services.accounts import users
from safehouse_portal.services.core.errors import NotFound
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.services.notifications import inbox
from safehouse_portal.services.recommendations import threads
from safehouse_portal.services.requests import info_requests
from tests.integration.worlds import factories as f
from tests.integration.worlds.forged import call
from tests.integration.worlds.provider_world import TODAY

NOW = datetime(2026, 12, 14, 10, tzinfo=UTC)
QUESTION = "Please send the fire safety check records for each safehouse."


def _ask(session, world):
    return info_requests.ask_request(session=session, actor=f.actor(world["inspector"]),
                                     inspection_id=world["north_inspection"].id, data={"question": QUESTION},
                                     send_anyway=True, today=TODAY)


def _of(session, user) -> list[Notification]:
    return list(session.exec(select(Notification).where(Notification.user_id == user.id)
                             .order_by(Notification.id)).all())


def test_asking_for_information_tells_the_providers_lead_and_links_to_the_request(session, provider_world):
    outcome = _ask(session, provider_world)
    session.commit()
    [note] = _of(session, provider_world["north_lead"])
    assert (note.kind, note.link_target, note.link_id) == ("info_requested", "provider_request", outcome.request_id)
    assert _of(session, provider_world["south_lead"]) == [] and _of(session, provider_world["inspector"]) == []
    assert inbox.unread_count(session=session, actor=f.actor(provider_world["north_lead"])) == 1


def test_a_change_rolled_back_leaves_no_notification(engine, session, provider_world):
    with pytest.raises(RuntimeError):
        with unit_of_work(lambda: Session(engine)) as unit:
            _ask(unit, provider_world)
            raise RuntimeError("the action fails after the request was added")
    assert session.exec(select(Notification)).all() == []


def test_answering_tells_the_inspector_who_asked(session, provider_world):
    outcome = _ask(session, provider_world)
    info_requests.answer_request(session=session, actor=f.actor(provider_world["north_lead"]),
                                 request_id=outcome.request_id, answer="Attached.", file_ids=[], today=TODAY)
    session.commit()
    assert [n.kind for n in _of(session, provider_world["inspector"])] == ["info_answered"]


def test_returning_evidence_tells_the_provider_lead(session, provider_world):
    rec = provider_world["north_rec"]
    threads.post_update(session=session, actor=f.actor(provider_world["north_lead"]), recommendation_id=rec.id,
                        data={"kind": "evidence", "text": "Done."}, file_ids=[], today=TODAY)
    threads.decide(session=session, actor=f.actor(provider_world["inspector"]), recommendation_id=rec.id,
                   data={"decision": "return", "comment": "Send the signed assessments."}, today=TODAY)
    session.commit()
    [note] = _of(session, provider_world["north_lead"])
    assert (note.kind, note.link_target, note.link_id) == ("recommendation_returned", "provider_recommendation", rec.id)


def test_a_password_reset_is_a_note_without_the_password(session, provider_world):
    reset = users.reset_password(session=session, actor=f.actor(provider_world["admin"]),
                                 user_id=provider_world["team"].id, now=NOW)
    session.commit()
    [note] = _of(session, provider_world["team"])
    assert note.kind == NotificationKind.PASSWORD_RESET and note.link_target == "sign_in"
    [row] = inbox.my_notifications(session=session, actor=f.actor(provider_world["team"]))
    assert reset.password not in repr(row) and reset.password not in repr(note.model_dump())


def test_opening_a_notification_marks_it_read_and_gives_its_page(session, provider_world):
    _ask(session, provider_world)
    session.commit()
    lead = f.actor(provider_world["north_lead"])
    [row] = inbox.my_notifications(session=session, actor=lead)
    opened = inbox.open_notification(session=session, actor=lead, notification_id=row.id, now=NOW)
    session.commit()
    assert opened.link_target == "provider_request" and not opened.unread
    assert inbox.unread_count(session=session, actor=lead) == 0


def test_nobody_may_open_or_mark_read_another_persons_notification(session, provider_world):
    _ask(session, provider_world)
    session.commit()
    [note] = _of(session, provider_world["north_lead"])
    for intruder in ("south_lead", "inspector", "admin"):
        with pytest.raises(NotFound):
            inbox.open_notification(session=session, actor=f.actor(provider_world[intruder]),
                                    notification_id=note.id, now=NOW)
        inbox.mark_all_read(session=session, actor=f.actor(provider_world[intruder]), now=NOW)
    session.commit()
    session.refresh(note)
    assert note.read_at is None


def test_a_forged_browser_call_to_open_someone_elses_notification_is_refused(session, provider_world, browser_as):
    _ask(session, provider_world)
    session.commit()
    [note] = _of(session, provider_world["north_lead"])
    for forged in (note.id, str(note.id), {"id": note.id}, -1, None):
        state = browser_as(provider_world["south_lead"], NotificationsState, "/notifications")
        assert call(state, "open", forged) is None
    state = browser_as(None, NotificationsState, "/notifications")
    assert call(state, "open", note.id) is None
    session.expire_all()
    assert session.get(Notification, note.id).read_at is None
    own = browser_as(provider_world["north_lead"], NotificationsState, "/notifications")
    assert call(own, "open", note.id) is not None
    session.expire_all()
    assert session.get(Notification, note.id).read_at is not None


def test_a_forged_save_of_email_choices_keeps_to_the_senders_own_and_refuses_junk(session, provider_world, browser_as):
    from safehouse_portal.db import NotificationPreference
    from safehouse_portal.portals.notifications.email_settings import EmailSettingsState

    for forged in ({"email-overdue_digest": "on"}, {"email-nonsense": "on"}, "email-pir_due", [1, 2], None):
        state = browser_as(provider_world["north_lead"], EmailSettingsState, "/notifications/settings")
        call(state, "save", forged)
        assert state.errors.get("email_on")
    state = browser_as(None, EmailSettingsState, "/notifications/settings")
    call(state, "save", {})
    assert state.errors == {"form": "That could not be done: you may not have permission, or it no longer exists."}
    session.expire_all()
    assert session.exec(select(NotificationPreference)).all() == []
    own = browser_as(provider_world["north_lead"], EmailSettingsState, "/notifications/settings")
    call(own, "save", {"email-pir_due": "on"})
    session.expire_all()
    off = {p.kind for p in session.exec(select(NotificationPreference)).all() if not p.email}
    assert "pir_due" not in off and "info_requested" in off
    assert {p.user_id for p in session.exec(select(NotificationPreference)).all()} == {provider_world["north_lead"].id}


def test_only_an_admin_may_retry_a_given_up_email(session, provider_world, browser_as):
    from safehouse_portal.portals.notifications.outbox import OutboxState

    _ask(session, provider_world)
    note = session.exec(select(Notification)).one()
    note.email_status, note.attempts, note.last_error = "dead", 5, "550 refused"
    session.add(note)
    session.commit()
    for who in ("north_lead", "inspector", "manager", None):
        state = browser_as(provider_world[who] if who else None, OutboxState, "/admin/outbox")
        call(state, "retry", note.id)
        session.expire_all()
        assert session.get(Notification, note.id).email_status == "dead"
    admin = browser_as(provider_world["admin"], OutboxState, "/admin/outbox")
    call(admin, "retry", note.id)
    session.expire_all()
    assert session.get(Notification, note.id).email_status == "pending"
