"""Fixtures shared by the suites: a real database session on SQLite and PostgreSQL."""

import os
import uuid

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlmodel import Session, SQLModel

import safehouse_portal.db  # noqa: F401  (registers every table)
from safehouse_portal.db.engine import make_engine
from safehouse_portal.settings import get_settings


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url and os.environ.get("CI") == "true":
        pytest.fail("TEST_DATABASE_URL must be set in CI: PostgreSQL tests may not skip")
    return url


TEST_SECRET_KEY = "a-secret-key-for-the-tests-only-0123456789"


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
    engine = make_engine(make_url(url).set(database=name).render_as_string(hide_password=False))
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An engine with an empty schema, on SQLite and (when reachable) PostgreSQL."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
        SQLModel.metadata.create_all(eng)
        yield eng
        eng.dispose()
        return
    eng = request.getfixturevalue("_pg_engine")
    yield eng
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with eng.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def session(engine):
    """A session on the test database."""
    with Session(engine, expire_on_commit=False) as s:
        yield s
