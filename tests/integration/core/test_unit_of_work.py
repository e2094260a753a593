"""The unit of work: one session per action, one commit on success, nothing kept on failure."""

from datetime import date

import pytest
from sqlmodel import Session, select

from safehouse_portal.db import ClosureDay
from safehouse_portal.services.core import uow


def _unit(engine):
    return uow.unit_of_work(lambda: Session(engine, expire_on_commit=False))


def _closed(reason: str) -> ClosureDay:
    return ClosureDay(day=date(2026, 12, 29 if reason == "Office move" else 30), reason=reason)


def _names(engine) -> list[str]:
    with Session(engine) as reader:
        return list(reader.exec(select(ClosureDay.reason)).all())


def test_what_a_successful_action_wrote_is_committed_when_the_unit_ends(engine):
    with _unit(engine) as session:
        session.add(_closed("Office move"))
        session.flush()
        assert _names(engine) == [], "nothing is visible to others before the unit commits"
    assert _names(engine) == ["Office move"]


def test_a_failing_action_leaves_nothing_behind(engine):
    with pytest.raises(RuntimeError), _unit(engine) as session:
        session.add(_closed("Office move"))
        session.flush()
        raise RuntimeError("the action failed after writing")
    assert _names(engine) == []


def test_after_commit_hooks_run_once_the_row_is_committed_and_never_on_rollback(engine):
    heard: list[str] = []
    with _unit(engine) as session:
        session.add(_closed("Office move"))
        session.flush()
        uow.after_commit(session, lambda: heard.append(f"committed, seen by others: {_names(engine)}"))
        uow.on_rollback(session, lambda: heard.append("rolled back"))
        assert heard == []
    assert heard == ["committed, seen by others: ['Office move']"]
    with pytest.raises(RuntimeError), _unit(engine) as session:
        session.add(_closed("Staff training"))
        session.flush()
        uow.after_commit(session, lambda: heard.append("committed again"))
        uow.on_rollback(session, lambda: heard.append("rolled back"))
        raise RuntimeError
    assert heard[1:] == ["rolled back"]


def test_a_session_closed_without_committing_runs_its_rollback_hooks(engine):
    heard: list[str] = []
    with Session(engine) as session:
        session.add(_closed("Office move"))
        session.flush()
        uow.after_commit(session, lambda: heard.append("committed"))
        uow.on_rollback(session, lambda: heard.append("rolled back"))
    assert heard == ["rolled back"] and _names(engine) == []


def test_hooks_belong_to_one_transaction_and_are_forgotten_after_it(engine):
    heard: list[str] = []
    with Session(engine) as session:
        session.add(_closed("Office move"))
        session.flush()
        uow.after_commit(session, lambda: heard.append("first commit"))
        session.commit()
        session.add(_closed("Staff training"))
        session.commit()
    assert heard == ["first commit"]
