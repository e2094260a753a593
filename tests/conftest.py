"""Fixtures shared by the suites: a real database session on SQLite and PostgreSQL.

Every test gets an empty schema of its own, but the schema is built once per session:
SQLite tests copy a template file (a copy costs ~5 ms, ``create_all`` ~130 ms), and the
PostgreSQL tests share one database that is emptied after each test with ``DELETE`` and
its sequences restarted (``TRUNCATE`` of 61 tables costs from 0.2 s to 2 s on a busy disk;
it still runs every ``_TRUNCATE_EVERY`` tests, so dead rows never pile up). Autovacuum is
off in that database: without it freed space is never reused, so rows come back in the
order they were inserted, as on freshly truncated tables.
"""

import os
import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, make_url, text
from sqlmodel import Session, SQLModel

import safehouse_portal.db  # noqa: F401  (registers every table)
from safehouse_portal.db.engine import make_engine
from safehouse_portal.settings import get_settings
from tests.support.sqlite_files import close_checkpointed


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url and os.environ.get("CI") == "true":
        pytest.fail("TEST_DATABASE_URL must be set in CI: PostgreSQL tests may not skip")
    return url


TEST_SECRET_KEY = "a-secret-key-for-the-tests-only-0123456789"

settings.register_profile("shared-cores", deadline=None)
settings.load_profile("shared-cores")
"""Properties keep their example counts but lose Hypothesis's 200 ms wall-clock deadline per example.

The suite shares two cores with the browser tests' production build (started early, see
tests/e2e/conftest.py), PostgreSQL and other engineers' runs; an example that takes 300 ms
there is a busy machine, not a broken property. A test that needs a deadline sets its own.
"""


@pytest.fixture(scope="session")
def secret_key_of_the_tests() -> str:
    """The secret key every test runs with (for session-scoped fixtures that run the app's code)."""
    return TEST_SECRET_KEY


@pytest.fixture(autouse=True)
def _secret_key_of_the_tests(monkeypatch):
    """A fixed secret key, so that no test writes a generated one into the project's ``var/``."""
    monkeypatch.setenv("SAFEHOUSE_SECRET_KEY", TEST_SECRET_KEY)


@pytest.fixture(autouse=True)
def _settings_read_afresh():
    """Each test reads Settings from the environment it sets up (monkeypatch.setenv), not a stale copy."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def _pg_engine():
    url = _postgres_url()
    if not url:
        pytest.skip("TEST_DATABASE_URL not set: PostgreSQL tests skipped outside CI")
    # A database of its own per test session, so concurrent runs never collide.
    name = f"safehouse_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        # A commit need not wait for the disk: nothing outlives the test session (~10 ms saved per commit).
        conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    engine = make_engine(make_url(url).set(database=name).render_as_string(hide_password=False))
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(";\n".join(
            f'ALTER TABLE "{t.name}" SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)'
            for t in SQLModel.metadata.sorted_tables))
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file holding the empty schema, built once and copied by each test."""
    path = tmp_path_factory.mktemp("sqlite-template") / "schema.db"
    eng = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(eng)
    close_checkpointed(eng)
    return path


_TRUNCATE_EVERY = 100
_EMPTIED = [0]
"""How many PostgreSQL tests have emptied the database so far."""


def _emptying_sql() -> str:
    """One batch that empties every table and restarts every sequence, as TRUNCATE ... RESTART IDENTITY does.

    Children go before their parents; the one cycle (a provider's designated inspector is a
    user, a user's provider a provider) is broken first by clearing its ``use_alter`` columns.
    """
    tables = SQLModel.metadata.sorted_tables
    cycle_breaks = [f'UPDATE "{t.name}" SET "{fk.parent.name}" = NULL WHERE "{fk.parent.name}" IS NOT NULL'
                    for t in tables for fk in t.foreign_keys if fk.use_alter]
    deletes = [f'DELETE FROM "{t.name}"' for t in reversed(tables)]
    restart = ("SELECT setval(c.oid::regclass, 1, false) FROM pg_class c "
               "WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace")
    return ";\n".join([*cycle_breaks, *deletes, restart])


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An engine with an empty schema, on SQLite and (when reachable) PostgreSQL."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        eng = make_engine(f"sqlite:///{path}")
        yield eng
        eng.dispose()
        return
    eng = request.getfixturevalue("_pg_engine")
    yield eng
    _EMPTIED[0] += 1
    with eng.begin() as conn:
        if _EMPTIED[0] % _TRUNCATE_EVERY == 0:
            tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
            conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        else:
            conn.exec_driver_sql(_emptying_sql())


@pytest.fixture
def session(engine):
    """A session on the test database."""
    with Session(engine, expire_on_commit=False) as s:
        yield s
