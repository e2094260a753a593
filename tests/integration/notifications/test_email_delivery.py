"""Emails reach a real SMTP server on loopback, with the link and nothing confidential; failures retry, then stop;
a sender that dies mid-send leaves the email uncertain, and an admin's "Send again" keeps its Message-ID."""

import asyncio
import socket
from datetime import UTC, datetime, timedelta
from email import message_from_string

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlmodel import Session, select

from safehouse_portal.db import AuditEvent, Notification
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.notifications import delivery, preferences
from safehouse_portal.services.notifications.delivery import send_pending
from safehouse_portal.services.notifications.smtp import SmtpTransport
from safehouse_portal.services.requests import info_requests
from safehouse_portal.web.notify_task import email_link
from tests.integration.worlds import factories as f
from tests.integration.worlds.provider_world import TODAY

NOW = datetime(2026, 12, 14, 9, tzinfo=UTC)
SURVIVOR_WORDS = "Survivor A told us she was locked in at 14 Hidden Road"
ADDRESS = "14 Hidden Road, Leeds LS1 1AA"


class _Inbox:
    """An SMTP server's handler that keeps what it receives, or refuses everything, or answers late."""

    def __init__(self, refuse: bool = False, answer_after: float = 0.0) -> None:
        self.refuse, self.answer_after, self.messages = refuse, answer_after, []

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "550 5.7.1 Mailbox unavailable"
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        await asyncio.sleep(self.answer_after)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accept_pat(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=auth_data.login == b"pat" and auth_data.password == b"s3cret-pass")


@pytest.fixture
def smtp_server():
    """Start an SMTP server on loopback for one test (``refuse=True`` for one that refuses), and stop it."""
    started = []

    def _start(refuse: bool = False, login: bool = False, answer_after: float = 0.0):
        handler = _Inbox(refuse, answer_after)
        extra = {"authenticator": _accept_pat, "auth_require_tls": False} if login else {}
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), **extra)
        controller.start()
        started.append(controller)
        return handler, controller.port

    yield _start
    for controller in started:
        controller.stop()


@pytest.fixture(autouse=True)
def _public_url(monkeypatch):
    monkeypatch.setenv("SAFEHOUSE_PUBLIC_URL", "https://portal.example.org")


def _ask(session, world) -> int:
    f.location(session, world["north"], "Riverside", ADDRESS)
    outcome = info_requests.ask_request(session=session, actor=f.actor(world["inspector"]),
                                        inspection_id=world["north_inspection"].id,
                                        data={"question": SURVIVOR_WORDS}, send_anyway=True, today=TODAY)
    session.commit()
    return outcome.request_id


def _send(engine, transport, now=NOW, **options):
    return send_pending(session_factory=lambda: Session(engine), transport=transport, href_for=email_link, now=now,
                        **options)


def test_the_providers_lead_receives_a_plain_email_with_the_link_and_nothing_confidential(
        engine, session, provider_world, smtp_server):
    server, port = smtp_server(login=True)
    request_id = _ask(session, provider_world)
    transport = SmtpTransport.from_url(f"smtp://pat:s3cret-pass@127.0.0.1:{port}", "portal@cqc.test")
    assert "s3cret-pass" not in transport.describe() and "s3cret-pass" not in repr(transport)
    report = _send(engine, transport)
    assert (report.sent, report.failed) == (1, 0)
    [(to, content)] = server.messages
    assert to == ["lead@north.test"]
    assert f"https://portal.example.org/provider/requests/{request_id}" in content
    assert "An inspector has asked for more information" in content
    for secret in (SURVIVOR_WORDS, ADDRESS, "Hidden Road", "fire safety"):
        assert secret not in content
    session.expire_all()
    note = session.exec(select(Notification)).one()
    assert (note.email_status, note.attempts) == ("sent", 1)
    assert _send(engine, transport).sent == 0


def test_an_email_the_person_turned_off_is_not_sent_but_stays_in_the_app(engine, session, provider_world, smtp_server):
    server, port = smtp_server()
    preferences.save_preferences(session=session, actor=f.actor(provider_world["north_lead"]),
                                 email_on=["pir_requested"])
    _ask(session, provider_world)
    report = _send(engine, SmtpTransport(host="127.0.0.1", port=port))
    assert (report.sent, report.off) == (0, 1) and server.messages == []
    session.expire_all()
    note = session.exec(select(Notification)).one()
    assert note.email_status == "off" and note.read_at is None


def test_a_refusing_server_is_retried_later_and_then_given_up_on_with_the_error(
        engine, session, provider_world, smtp_server):
    _server, port = smtp_server(refuse=True)
    _ask(session, provider_world)
    transport = SmtpTransport(host="127.0.0.1", port=port)
    assert _send(engine, transport, max_attempts=3).failed == 1
    assert _send(engine, transport, now=NOW + timedelta(seconds=10), max_attempts=3).failed == 0  # backing off
    assert _send(engine, transport, now=NOW + timedelta(seconds=31), max_attempts=3).failed == 1
    session.expire_all()
    note = session.exec(select(Notification)).one()
    assert note.next_attempt_at == NOW + timedelta(seconds=31) + timedelta(seconds=60)
    assert _send(engine, transport, now=NOW + timedelta(minutes=5), max_attempts=3).dead == 1
    session.expire_all()
    [row] = delivery.outbox(session=session, actor=f.actor(provider_world["admin"]))
    assert row.status == "dead" and row.attempts == 3 and "550" in row.error and row.to == "lead@north.test"
    assert _send(engine, transport, now=NOW + timedelta(hours=2), max_attempts=3).dead == 0
    delivery.retry(session=session, actor=f.actor(provider_world["admin"]), notification_id=row.id)
    session.commit()
    assert session.exec(select(Notification)).one().email_status == "pending"


def test_without_a_mail_server_every_email_stays_in_the_outbox_for_admins_only(engine, session, provider_world):
    _ask(session, provider_world)
    assert _send(engine, None) == delivery.SendReport()
    [row] = delivery.outbox(session=session, actor=f.actor(provider_world["admin"]))
    assert row.status == "pending" and row.kind == "info_requested"
    for not_admin in ("manager", "north_lead", "inspector"):
        with pytest.raises(Exception, match="permission"):
            delivery.outbox(session=session, actor=f.actor(provider_world[not_admin]))


class _ProcessDied(BaseException):
    """What a kill looks like from inside: nothing after it runs (not an Exception, so nothing records it)."""


class _DiesAfterHandingOver:
    """Hands the email to the real server, then the process "dies" before the result is stored."""

    def __init__(self, transport: SmtpTransport) -> None:
        self.transport = transport

    def send(self, **email) -> None:
        self.transport.send(**email)
        raise _ProcessDied


def _message_ids(server) -> list[str]:
    return [message_from_string(content)["Message-ID"] for _to, content in server.messages]


def test_an_email_whose_sender_died_mid_send_is_reported_as_uncertain_and_not_sent_again(
        engine, session, provider_world, smtp_server):
    server, port = smtp_server()
    _ask(session, provider_world)
    transport = SmtpTransport(host="127.0.0.1", port=port, sender="portal@cqc.test")
    with pytest.raises(_ProcessDied):
        _send(engine, _DiesAfterHandingOver(transport))
    assert len(server.messages) == 1

    within_lease = _send(engine, transport, now=NOW + timedelta(minutes=5))
    assert within_lease == delivery.SendReport() and len(server.messages) == 1
    after_lease = _send(engine, transport, now=NOW + delivery.STALE_CLAIM + timedelta(seconds=1))
    assert (after_lease.uncertain, after_lease.sent) == (1, 0) and len(server.messages) == 1
    assert _send(engine, transport, now=NOW + timedelta(hours=3)) == delivery.SendReport()
    assert len(server.messages) == 1

    [row] = delivery.outbox(session=session, actor=f.actor(provider_world["admin"]))
    assert row.status == "uncertain" and row.to == "lead@north.test"
    assert "may or may not have been delivered" in row.error


def test_an_admin_may_send_an_uncertain_email_again_with_the_same_message_id(
        engine, session, provider_world, smtp_server):
    server, port = smtp_server()
    _ask(session, provider_world)
    transport = SmtpTransport(host="127.0.0.1", port=port, sender="portal@cqc.test")
    with pytest.raises(_ProcessDied):
        _send(engine, _DiesAfterHandingOver(transport))
    note = session.exec(select(Notification)).one()
    admin = f.actor(provider_world["admin"])
    with pytest.raises(InvalidInput):  # still within its lease: it may be on its way this very moment
        delivery.retry(session=session, actor=admin, notification_id=note.id)
    _send(engine, transport, now=NOW + delivery.STALE_CLAIM + timedelta(seconds=1))
    session.expire_all()

    delivery.retry(session=session, actor=admin, notification_id=note.id)
    session.commit()
    assert _send(engine, transport, now=NOW + timedelta(hours=1)).sent == 1
    first, second = _message_ids(server)
    assert first == second and first.startswith(f"<notification-{note.id}.") and first.endswith("@cqc.test>")
    session.expire_all()
    assert session.exec(select(Notification)).one().email_status == "sent"
    retried = session.exec(select(AuditEvent).where(AuditEvent.action == "notification.retried")).one()
    assert retried.before["email_status"] == "uncertain" and retried.actor_id == provider_world["admin"].id


def test_different_notifications_never_share_a_message_id(engine, session, provider_world, smtp_server):
    server, port = smtp_server()
    _ask(session, provider_world)
    _ask(session, provider_world)
    assert _send(engine, SmtpTransport(host="127.0.0.1", port=port)).sent == 2
    first, second = _message_ids(server)
    assert first != second


def test_an_email_the_server_took_without_answering_is_uncertain_and_not_retried(
        engine, session, provider_world, smtp_server):
    server, port = smtp_server(answer_after=1.0)
    _ask(session, provider_world)
    transport = SmtpTransport(host="127.0.0.1", port=port, timeout=0.3)
    report = _send(engine, transport)
    assert (report.uncertain, report.failed, report.sent) == (1, 0, 0) and len(server.messages) == 1
    assert _send(engine, transport, now=NOW + timedelta(hours=2)) == delivery.SendReport()
    assert len(server.messages) == 1
    [row] = delivery.outbox(session=session, actor=f.actor(provider_world["admin"]))
    assert row.status == "uncertain" and "stopped answering after it was handed this email" in row.error
