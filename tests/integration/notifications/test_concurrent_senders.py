"""Two senders at once on PostgreSQL: every email goes exactly once; one process holds the job's lease."""

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from safehouse_portal.db import Notification
from safehouse_portal.domain.enums import Role
from safehouse_portal.services.core.actor import CLI_OPERATOR
from safehouse_portal.services.notifications.delivery import send_pending
from safehouse_portal.services.notifications.lease import release_lease, take_lease
from safehouse_portal.services.notifications.reminders import run_reminders
from tests.integration.notifications.test_reminders import PIR_DUE, _world
from tests.integration.worlds import factories as f

NOW = datetime(2026, 12, 14, 9, tzinfo=UTC)


# Concurrent workers are a PostgreSQL matter (SQLite runs one worker): these run on PostgreSQL only.
pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


@pytest.fixture
def postgres(engine):
    return engine


class _CountingTransport:
    """Counts what it is asked to send, slowly enough for two senders to overlap."""

    def __init__(self) -> None:
        self.sent, self.lock = Counter(), threading.Lock()

    def send(self, *, to: str, subject: str, body: str, message_key: str) -> None:
        time.sleep(0.005)
        with self.lock:
            self.sent[(to, body)] += 1


def _together(*jobs):
    """Run ``jobs`` in threads released at the same moment; returns their results."""
    barrier, results = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(index, job):
        barrier.wait()
        results[index] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_senders_at_once_send_each_email_exactly_once(postgres, session):
    people = [f.user(session, f"person{i}@cqc.test", Role.INSPECTOR) for i in range(40)]
    session.add_all(Notification(user_id=p.id, kind="extension_granted", link_target="inspection", link_id=i + 1)
                    for i, p in enumerate(people))
    session.commit()
    transport = _CountingTransport()

    def sender():
        return send_pending(session_factory=lambda: Session(postgres), transport=transport,
                            href_for=lambda target, target_id: f"https://p.example/{target}/{target_id}", now=NOW)

    first, second = _together(sender, sender)
    assert first.sent + second.sent == 40
    assert len(transport.sent) == 40 and set(transport.sent.values()) == {1}
    session.expire_all()
    assert {n.email_status for n in session.exec(select(Notification)).all()} == {"sent"}


def test_of_two_workers_asking_for_the_lease_at_once_exactly_one_gets_it(postgres):
    def ask(holder):
        def job():
            with Session(postgres) as unit:
                taken = take_lease(unit, name="notifications", holder=holder, now=NOW, ttl=timedelta(minutes=3))
                unit.commit()
                return taken
        return job

    assert sorted(_together(ask("worker-a"), ask("worker-b"))) == [False, True]
    with Session(postgres) as unit:
        assert not take_lease(unit, name="notifications", holder="worker-c", now=NOW, ttl=timedelta(minutes=3))
        assert take_lease(unit, name="notifications", holder="worker-c", now=NOW + timedelta(minutes=4),
                          ttl=timedelta(minutes=3))
        release_lease(unit, name="notifications", holder="worker-c", now=NOW + timedelta(minutes=4))
        assert take_lease(unit, name="notifications", holder="worker-d", now=NOW + timedelta(minutes=4),
                          ttl=timedelta(minutes=3))


def test_two_reminder_jobs_at_once_store_each_reminder_once(postgres, session):
    world = _world(session)

    def job():
        with Session(postgres) as unit:
            created = run_reminders(session=unit, actor=CLI_OPERATOR, today=PIR_DUE)
            unit.commit()
            return created

    first, second = _together(job, job)
    assert len(first) + len(second) == 1
    keys = session.exec(select(Notification.dedupe_key)).all()
    assert keys == [f"pir:{world['inspection'].id}:wd0:u{world['lead'].id}"]
