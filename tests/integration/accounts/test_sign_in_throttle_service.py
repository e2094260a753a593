"""The sign-in throttle and known devices in the database: shared state that stays small."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import func, select

from safehouse_portal.db import KnownDevice, SignInThrottle
from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.sign_in_throttle import ALLOWANCE, FIRST_DELAY, WINDOW
from safehouse_portal.services.accounts import devices, throttle
from safehouse_portal.services.accounts import sessions as auth
from safehouse_portal.services.accounts.sessions import SignInRefused, SignInThrottled
from tests.integration.worlds import factories as f

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ADDRESS = "203.0.113.66"


def _fail(session, now, address=ADDRESS, email="nobody@cqc.test"):
    with pytest.raises(SignInRefused):
        auth.sign_in(session=session, email=email, password="guess!", now=now, client_address=address)


def _rows(session) -> int:
    return session.exec(select(func.count()).select_from(SignInThrottle)).one()


def test_a_client_made_to_wait_may_try_again_once_its_delay_has_passed(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    for _ in range(ALLOWANCE + 1):
        _fail(session, NOW)
    with pytest.raises(SignInThrottled):
        auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW + FIRST_DELAY / 2,
                     client_address=ADDRESS)
    assert auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW + FIRST_DELAY,
                        client_address=ADDRESS).token


def test_the_throttle_keeps_no_address_as_such(session):
    _fail(session, NOW)
    stored = session.exec(select(SignInThrottle)).one()
    assert ADDRESS not in stored.client_sha256 and len(stored.client_sha256) == 64


def test_streaks_that_are_over_are_deleted_so_new_addresses_cannot_grow_the_table(session):
    for n in range(40):
        _fail(session, NOW, address=f"198.51.100.{n}")
    assert _rows(session) == 40
    _fail(session, NOW + WINDOW, address="192.0.2.1")
    assert _rows(session) == 1


def test_the_addresses_of_one_ipv6_network_count_as_one_client(session):
    for n in range(ALLOWANCE + 1):
        _fail(session, NOW, address=f"2001:db8:1:2::{n + 1:x}")
    assert _rows(session) == 1
    assert throttle.is_blocked(session=session, client=throttle.address_client("2001:db8:1:2:ffff::1"), now=NOW)


def test_a_known_device_is_stored_only_as_a_hash_and_a_user_keeps_at_most_ten(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    tokens = [auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD,
                           now=NOW + timedelta(minutes=n), client_address=ADDRESS).device_token for n in range(12)]
    stored = set(session.exec(select(KnownDevice.token_sha256)).all())
    assert len(stored) == devices.MAX_DEVICES_PER_USER
    assert devices.device_digest(tokens[-1]) in stored and devices.device_digest(tokens[0]) not in stored
    assert not stored & set(tokens)


def test_a_known_device_token_is_spent_at_sign_in_and_replaced(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    first = auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW).device_token
    second = auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW,
                          device_token=first).device_token
    stored = session.exec(select(KnownDevice.token_sha256)).all()
    assert stored == [devices.device_digest(second)]


def _lock(session, email: str, now: datetime) -> None:
    for _ in range(5):
        _fail(session, now, email=email)


def test_a_locked_account_lets_in_a_device_that_signed_in_as_it_before(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    device = auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW).device_token
    later = NOW + timedelta(days=devices.DEVICE_DAYS - 1)
    _lock(session, "ann@cqc.test", later)
    assert auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=later,
                        device_token=device, client_address=ADDRESS).token


def test_a_device_that_signed_in_thirty_days_ago_is_locked_out_like_any_other(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    device = auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW).device_token
    later = NOW + timedelta(days=devices.DEVICE_DAYS)
    _lock(session, "ann@cqc.test", later)
    with pytest.raises(SignInRefused):
        auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=later, device_token=device,
                     client_address=ADDRESS)


def test_a_known_device_that_keeps_failing_is_made_to_wait_on_its_own(session):
    f.user(session, "ann@cqc.test", Role.INSPECTOR)
    device = auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW).device_token
    for _ in range(ALLOWANCE + 1):
        with pytest.raises(SignInRefused):
            auth.sign_in(session=session, email="ann@cqc.test", password="guess!", now=NOW, device_token=device,
                         client_address=ADDRESS)
    with pytest.raises(SignInThrottled):
        auth.sign_in(session=session, email="ann@cqc.test", password=f.PASSWORD, now=NOW, device_token=device,
                     client_address=ADDRESS)
    assert not throttle.is_blocked(session=session, client=throttle.address_client(ADDRESS), now=NOW)
