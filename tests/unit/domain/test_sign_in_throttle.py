"""The sign-in throttle's rule: a free allowance, then a wait that doubles up to a cap, forgotten after quiet."""

from datetime import UTC, datetime, timedelta

import pytest

from safehouse_portal.domain.sign_in_throttle import (
    ALLOWANCE,
    FIRST_DELAY,
    MAX_DELAY,
    WINDOW,
    Streak,
    after_failure,
    client_of_address,
    delay_after,
    forget_at,
    is_blocked,
)

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _failures(count: int, now: datetime = NOW) -> Streak:
    streak = Streak()
    for _ in range(count):
        streak = after_failure(streak, now)
    return streak


def test_failures_within_the_allowance_cost_no_wait():
    assert delay_after(ALLOWANCE) == timedelta(0)
    assert not is_blocked(_failures(ALLOWANCE), NOW)


def test_each_failure_beyond_the_allowance_doubles_the_wait_up_to_the_cap():
    waits = [delay_after(ALLOWANCE + n) for n in range(1, 6)]
    assert waits == [FIRST_DELAY * 2 ** n for n in range(5)]
    assert delay_after(ALLOWANCE + 1000) == MAX_DELAY


def test_a_client_past_the_allowance_waits_from_its_last_failure():
    streak = _failures(ALLOWANCE + 2)
    assert streak.blocked_until == NOW + FIRST_DELAY * 2
    assert is_blocked(streak, NOW + FIRST_DELAY * 2 - timedelta(seconds=1))
    assert not is_blocked(streak, NOW + FIRST_DELAY * 2)


def test_a_streak_is_forgotten_a_window_after_it_began_when_no_delay_is_running():
    streak = _failures(ALLOWANCE)
    assert forget_at(streak) == NOW + WINDOW
    assert after_failure(streak, NOW + WINDOW).failures == 1
    assert after_failure(streak, NOW + WINDOW - timedelta(seconds=1)).failures == ALLOWANCE + 1


def test_a_client_that_was_made_to_wait_must_stay_quiet_a_whole_window_after_the_wait_to_start_afresh():
    streak = _failures(ALLOWANCE + 5)
    assert forget_at(streak) == streak.blocked_until + WINDOW
    again = after_failure(streak, streak.blocked_until + WINDOW - timedelta(seconds=1))
    assert again.failures == ALLOWANCE + 6 and again.blocked_until is not None


def test_a_client_that_never_failed_has_nothing_to_forget():
    assert forget_at(Streak()) is None and not is_blocked(Streak(), NOW)


@pytest.mark.parametrize(("address", "client"), [
    ("203.0.113.9", "203.0.113.9"),
    (" 203.0.113.9 ", "203.0.113.9"),
    ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
    ("::ffff:203.0.113.9", "203.0.113.9"),
    ("unknown", "unknown"),
])
def test_an_ipv6_network_counts_as_one_client_and_an_ipv4_address_as_itself(address, client):
    assert client_of_address(address) == client
