"""Each sign-in client's streak of failures, kept in the database so every worker sees it.

The rule (how long a client waits) is ``domain.sign_in_throttle``; this module keeps its
state in ``sign_in_throttle``, one row per failing client, stored under the SHA-256 of the
client so no address is kept as such. Rows whose streak is forgotten are deleted whenever a
failure is recorded, so a stream of new addresses cannot grow the table without bound.
"""

import hashlib
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, delete, select

from safehouse_portal.db import SignInThrottle
from safehouse_portal.domain import sign_in_throttle as rule


def address_client(address: str) -> str:
    """The client of a network address (an IPv6 address counts as its /64)."""
    return f"address:{rule.client_of_address(address)}"


def device_client(device_sha256: str) -> str:
    """The client of a known device (its stored cookie digest)."""
    return f"device:{device_sha256}"


def _digest(client: str) -> str:
    return hashlib.sha256(client.encode("utf-8")).hexdigest()


def _streak(row: SignInThrottle | None) -> rule.Streak:
    if row is None:
        return rule.Streak()
    return rule.Streak(failures=row.failures, started_at=row.started_at, blocked_until=row.blocked_until)


def is_blocked(*, session: Session, client: str, now: datetime) -> bool:
    """Whether ``client`` must still wait before its next attempt is even checked."""
    row = session.exec(select(SignInThrottle).where(SignInThrottle.client_sha256 == _digest(client))).first()
    return rule.is_blocked(_streak(row), now)


def record_failure(*, session: Session, client: str, now: datetime) -> None:
    """Count a failed sign-in by ``client`` (the caller commits), and delete forgotten streaks."""
    prune(session=session, now=now)
    row = _locked_row(session, _digest(client), now)
    streak = rule.after_failure(_streak(row), now)
    row.failures, row.started_at, row.blocked_until = streak.failures, streak.started_at, streak.blocked_until
    row.forget_at = rule.forget_at(streak)
    session.add(row)
    session.flush()


def prune(*, session: Session, now: datetime) -> None:
    """Delete the rows of every streak that is over."""
    session.exec(delete(SignInThrottle).where(SignInThrottle.forget_at <= now))


def _locked_row(session: Session, digest: str, now: datetime) -> SignInThrottle:
    """The client's row, created when missing and locked until commit, so workers never lose a count.

    The insert does nothing when another worker made the row first; the row is then read
    ``FOR UPDATE`` (PostgreSQL), while SQLite already holds its one write lock.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.exec(insert(SignInThrottle)
                 .values(client_sha256=digest, failures=0, started_at=now, forget_at=now)
                 .on_conflict_do_nothing(index_elements=["client_sha256"]))
    return session.exec(
        select(SignInThrottle).where(SignInThrottle.client_sha256 == digest).with_for_update()
        .execution_options(populate_existing=True)
    ).one()
