"""How long a client that keeps failing to sign in must wait before it may try again.

Per-account lockout alone lets one client try a password against every account, and lets
anyone lock anyone out. So each client (an address, or a known device) also has a streak
of failures: a small allowance is free, then every further failure refuses that client for
a delay that doubles each time, up to a cap. A streak is forgotten after a quiet window,
so a person's occasional typo never builds up, and its record can then be deleted.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

ALLOWANCE = 10
"""Failures a client may make in a streak before it has to wait."""
WINDOW = timedelta(minutes=15)
"""How long a streak lasts from its first failure, and the quiet time after a delay that ends it."""
FIRST_DELAY = timedelta(seconds=30)
"""The wait after the first failure beyond the allowance; each further failure doubles it."""
MAX_DELAY = timedelta(minutes=15)
"""The longest a client is ever made to wait at once."""
IPV6_PREFIX = 64
"""An IPv6 client owns a whole /64 network, so its addresses count as one client."""


@dataclass(frozen=True)
class Streak:
    """One client's failures: how many, since when, and until when it must wait.

    Attributes:
        failures: failures in the streak so far.
        started_at: the streak's first failure (None for a client that has not failed).
        blocked_until: the end of the current delay (None while within the allowance).
    """

    failures: int = 0
    started_at: datetime | None = None
    blocked_until: datetime | None = None


def delay_after(failures: int) -> timedelta:
    """The wait imposed after the streak's ``failures``-th failure: none within the allowance."""
    beyond = failures - ALLOWANCE
    if beyond <= 0:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** min(beyond - 1, 32), MAX_DELAY)


def is_blocked(streak: Streak, now: datetime) -> bool:
    """Whether the client must still wait (its attempts are refused unchecked)."""
    return streak.blocked_until is not None and now < streak.blocked_until


def forget_at(streak: Streak) -> datetime | None:
    """When the streak ends: a window after it started and a window after its last delay ended."""
    if streak.started_at is None:
        return None
    ends = streak.started_at + WINDOW
    if streak.blocked_until is not None:
        ends = max(ends, streak.blocked_until + WINDOW)
    return ends


def after_failure(streak: Streak, now: datetime) -> Streak:
    """The streak once the client has failed again at ``now`` (a forgotten streak starts afresh)."""
    ends = forget_at(streak)
    if ends is None or now >= ends:
        streak = Streak(started_at=now)
    failures = streak.failures + 1
    delay = delay_after(failures)
    return Streak(failures=failures, started_at=streak.started_at, blocked_until=now + delay if delay else None)


def client_of_address(address: str) -> str:
    """The client an address belongs to: the address itself, or its /64 network for IPv6.

    An IPv4-mapped IPv6 address counts as its IPv4 address; what is not an address at all
    (a proxy's placeholder) is its own client, as given.
    """
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()[:100]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return str(ip)
