"""One holder of a background job at a time, across every worker: a lease row in the database.

A worker holds the lease named ``name`` until ``expires_at`` and renews it while it works.
Taking it is one conditional update (free, expired, or already ours), so of several
workers asking at once exactly one gets it, on SQLite and PostgreSQL alike; a worker that
dies simply lets its lease run out.
"""

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from safehouse_portal.db import JobLease


def take_lease(session: Session, *, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    """Whether ``holder`` now holds ``name`` until ``now + ttl`` (commit the session to keep it)."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.exec(insert(JobLease).values(name=name, holder="", expires_at=now - timedelta(seconds=1))
                 .on_conflict_do_nothing(index_elements=["name"]))
    taken = session.exec(update(JobLease).where(
        JobLease.name == name, or_(JobLease.holder == holder, JobLease.expires_at < now))
        .values(holder=holder, expires_at=now + ttl)).rowcount
    return taken == 1


def release_lease(session: Session, *, name: str, holder: str, now: datetime) -> None:
    """Give the lease up at once if ``holder`` has it, so another worker may take it."""
    session.exec(update(JobLease).where(JobLease.name == name, JobLease.holder == holder)
                 .values(expires_at=now - timedelta(seconds=1)))
