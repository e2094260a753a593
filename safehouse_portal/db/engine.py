"""The database engine, chosen by ``Settings.database_url`` (a SQLite file by default)."""

from functools import lru_cache

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from safehouse_portal.settings import get_settings


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
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The application's engine (one per process)."""
    return make_engine(database_url())


def new_session() -> Session:
    """A new session on the application's engine; use it in a ``with`` block."""
    return Session(get_engine(), expire_on_commit=False)
