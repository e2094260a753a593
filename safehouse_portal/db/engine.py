"""The database engine, chosen by ``Settings.database_url`` (a SQLite file by default)."""

import asyncio
import logging
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, Result, event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, create_engine

from safehouse_portal.settings import get_settings


logger = logging.getLogger(__name__)

POOL_SIZE = 5
POOL_OVERFLOW = 5

CHECKPOINT_SECONDS = 0.25
"""How often the app copies SQLite's write-ahead log into the database file (``checkpoint_in_background``)."""
COMMIT_CHECKPOINT_PAGES = 1000
"""SQLite's own default: a commit that leaves the log this long copies it into the database itself."""
BACKGROUND_CHECKPOINT_PAGES = 4_000
"""The same, while the app checkpoints in the background (about 16 MB of log). The thread's passes copy the
log but, under a steady stream of saves, never find it idle enough to start it again, so the log grows until
a commit passes this mark; that commit's pass has only the last quarter second's pages to copy. At 50,000 the
log took 206 MB of disk for an 18 MB database, and saves were no faster (measured side by side)."""
_commit_checkpoint_pages = COMMIT_CHECKPOINT_PAGES


def database_url() -> str:
    """The configured database URL (``Settings.database_url``); a SQLite file by default."""
    return get_settings().database_url


def make_engine(url: str) -> Engine:
    """An engine for ``url``: on SQLite foreign keys enforced, WAL, synchronous=NORMAL and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL still makes every commit survive the process being killed (kill -9);
            # it skips the fsync per commit that only a power cut would need.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute(f"PRAGMA wal_autocheckpoint={int(_commit_checkpoint_pages)}")
            cursor.close()

        return engine
    # Per worker process: its event loop holds one connection at a time (handlers run on it one after
    # another), and a few threads (the planner, the mail sender, downloads) may hold one each. Ten at
    # most per worker keeps one worker per core (``Settings.workers``) under PostgreSQL's default of
    # 100 connections on machines of up to 8 cores, with room for the command line and cron.
    return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, pool_timeout=30)


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The application's engine (one per process)."""
    return make_engine(database_url())


def new_session() -> Session:
    """A new session on the application's engine; use it in a ``with`` block."""
    return Session(get_engine(), expire_on_commit=False)


def read_connection() -> Connection:
    """A connection for a read that loads no objects (in a ``with`` block; rolled back when it closes).

    About half the cost of a session's (70 against 150 µs for the session lookup every event makes).
    """
    return get_engine().connect()


def expire_held(session: Session, model: type, row_id: int) -> None:
    """After a plain ``UPDATE`` of row ``row_id``: any copy of it the session holds reads it afresh when next used."""
    held = session.identity_map.get(session.identity_key(model, row_id))
    if held is not None:
        session.expire(held)


def read_rows(db: Session | Connection, statement, params: dict[str, Any] | None = None) -> Result:
    """Run a read of plain columns (a statement built once, loading no ORM objects) on ``db``'s connection.

    The rows are those ``session.exec`` would give (one column comes as a one-item row: take
    ``.scalar()``), without the ORM's statement handling: 15-35 µs less a statement, on reads that
    run at every page or save. Changes the session holds unflushed are flushed first, as the ORM's
    autoflush would (unless the session turned autoflush off), so the read sees them.
    """
    if isinstance(db, OrmSession):
        if db.autoflush:
            db.flush()
        db = db.connection()
    return db.execute(statement, params or {})


def checkpoint(engine: Engine) -> None:
    """Copy what SQLite's write-ahead log holds into the database file, without waiting for anyone (PASSIVE)."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")


async def checkpoint_in_background() -> None:
    """While the app runs, checkpoint SQLite's log from a thread, so no commit does it on the event loop.

    By default the commit that takes SQLite's log past 1,000 pages copies the log into the
    database file and syncs it, there and then: 3-6 ms in which a worker's event loop answers
    nobody (one save in about seventy). Here a thread does it every ``CHECKPOINT_SECONDS``
    (SQLite lets other connections read and write meanwhile), and the app's own connections
    checkpoint on commit only past ``BACKGROUND_CHECKPOINT_PAGES``. Registered with
    ``app.register_lifespan_task``; on PostgreSQL it does nothing.
    """
    global _commit_checkpoint_pages
    engine = get_engine()
    if engine.dialect.name != "sqlite":
        return
    _commit_checkpoint_pages = BACKGROUND_CHECKPOINT_PAGES
    engine.dispose(close=False)  # connections made from now on take the new setting
    while True:
        await asyncio.sleep(CHECKPOINT_SECONDS)
        try:
            await asyncio.to_thread(checkpoint, engine)
        except Exception as exc:  # noqa: BLE001  (a failed checkpoint is tried again; the log waits meanwhile)
            logger.warning("Checkpointing the database log failed: %s", type(exc).__name__)
