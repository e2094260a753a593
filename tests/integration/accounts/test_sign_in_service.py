"""Signing in and out against a real database."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from safehouse_portal.db import AuditEvent, AuthSession
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.services.accounts import users
from safehouse_portal.services.accounts.sessions import SIGN_IN_REFUSED, SignInRefused
from tests.integration.worlds import factories as f

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_a_correct_password_opens_a_session_whose_token_is_stored_only_as_a_hash(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    signed_in = auth.sign_in(session=session, email="Ann@CQC.test ", password=f.PASSWORD, now=NOW)
    stored = session.exec(select(AuthSession)).one()
    assert stored.token_sha256 == auth.token_digest(signed_in.token) != signed_in.token
    assert auth.actor_for_token(session=session, token=signed_in.token, now=NOW).email == "ann@cqc.test"


def test_unknown_email_and_wrong_password_get_the_same_message(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    messages = []
    for email, password in [("nobody@cqc.test", f.PASSWORD), ("ann@cqc.test", "wrong password!")]:
        with pytest.raises(SignInRefused) as refused:
            auth.sign_in(session=session, email=email, password=password, now=NOW)
        messages.append(str(refused.value))
    assert messages == [SIGN_IN_REFUSED, SIGN_IN_REFUSED]


def test_five_failures_lock_the_account_for_fifteen_minutes(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    for _ in range(5):
        with pytest.raises(SignInRefused):
            auth.sign_in(session=session, email="ann@cqc.test", password="wrong password!", now=NOW)
    with pytest.raises(SignInRefused):
        auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW + timedelta(minutes=14))
    assert auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD,
                        now=NOW + timedelta(minutes=16)).token


def test_a_session_ends_at_sign_out_and_at_expiry(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    first = auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW)
    assert auth.actor_for_token(session=session, token=first.token, now=first.expires_at) is None
    auth.sign_out(session=session, token=first.token, now=NOW)
    assert auth.actor_for_token(session=session, token=first.token, now=NOW) is None


def test_deactivating_a_user_ends_their_sessions_at_once(session):
    admin = f.user(session, "admin@cqc.test", Role.ADMIN)
    ann = f.user(session, "ann@cqc.test", Role.INSPECTOR)
    signed_in = auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW)
    users.set_active(session=session, actor=f.actor(admin), user_id=ann.id, active=False, now=NOW)
    assert auth.actor_for_token(session=session, token=signed_in.token, now=NOW) is None
    with pytest.raises(SignInRefused):
        auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW)
    actions = session.exec(select(AuditEvent.action)).all()
    assert "user.deactivated" in actions


def test_a_reset_password_is_shown_once_and_works(session):
    admin = f.user(session, "admin@cqc.test", Role.ADMIN)
    ann = f.user(session, "ann@cqc.test", Role.INSPECTOR)
    new = users.reset_password(session=session, actor=f.actor(admin), user_id=ann.id, now=NOW)
    with pytest.raises(SignInRefused):
        auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW)
    assert auth.sign_in(session=session, email="ann@cqc.test", password=new.password, now=NOW).token


@pytest.mark.parametrize("email", ["lead\x00@north.test", "lead@north.test\x00", "\x00"])
def test_an_email_with_a_nul_is_refused_like_any_unknown_email_on_every_database(session, email):
    f.user(session, "lead@north.test", Role.INSPECTOR)
    with pytest.raises(SignInRefused) as refused:
        auth.sign_in(session=session, email=email, password=f.PASSWORD, now=datetime.now(UTC))
    assert str(refused.value) == SIGN_IN_REFUSED
