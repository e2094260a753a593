"""The unit of work: one session per action, committed once by whoever started the action.

Services never commit: they add, flush when they need an id, and return. The edge that
starts an action (a page's run helper, a web route, the CLI, the demo seed) opens one
unit, and it commits when the action succeeds or rolls back on any exception, so a
refused or failed action leaves nothing behind.

Work outside the database that must match the commit, such as moving an uploaded file into
place, is registered on the session with ``after_commit`` and ``on_rollback``. The hooks
belong to the session's current transaction: they run once it commits, or once it ends
any other way (a rollback, or a session closed without committing), then are forgotten.
Whoever commits the session (a unit of work, or a test) triggers them.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session

from safehouse_portal.db.engine import new_session

Hook = Callable[[], None]
_AFTER_COMMIT = "safehouse.after_commit"
_ON_ROLLBACK = "safehouse.on_rollback"
_UNIT = "safehouse.unit_of_work"


@contextmanager
def unit_of_work(session_factory: Callable[[], Session] = new_session) -> Iterator[Session]:
    """One session for one action: committed once when the block ends normally, else rolled back.

    Args:
        session_factory: Makes the session; the application's engine by default.

    Yields:
        The session every service of the action is given.
    """
    session = session_factory()
    session.info[_UNIT] = True
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def is_unit_of_work(session: Session) -> bool:
    """Whether ``session`` is one action's unit of work (short-lived: what it reads may be kept until it ends)."""
    return session.info.get(_UNIT, False)


def after_commit(session: Session, hook: Hook) -> None:
    """Run ``hook`` once the session's current transaction commits, and never if it does not."""
    session.info.setdefault(_AFTER_COMMIT, []).append(hook)


def on_rollback(session: Session, hook: Hook) -> None:
    """Run ``hook`` if the session's current transaction ends without committing."""
    session.info.setdefault(_ON_ROLLBACK, []).append(hook)


def _run(hooks: list[Hook]) -> None:
    for hook in hooks:
        hook()


@event.listens_for(OrmSession, "after_commit")
def _committed(session: OrmSession) -> None:
    session.info.pop(_ON_ROLLBACK, None)
    _run(session.info.pop(_AFTER_COMMIT, []))


@event.listens_for(OrmSession, "after_transaction_end")
def _ended(session: OrmSession, transaction: SessionTransaction) -> None:
    """A root transaction that ends with hooks still waiting did not commit (``after_commit`` clears them)."""
    if transaction.parent is not None:
        return
    session.info.pop(_AFTER_COMMIT, None)
    _run(session.info.pop(_ON_ROLLBACK, []))
