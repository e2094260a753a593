"""The demo programme and migrated databases, built once per test session and copied into each test.

Seeding the demo costs seconds and ``safehouse db upgrade`` about one; dozens of tests read
one or the other. Each is built once, by the same code the app runs (``seed_demo``, the
``safehouse`` command), and every test gets its own copy, so a test may still change it:
- SQLite: a template file, copied (a new database) or backed up into the test's database.
- PostgreSQL: a template schema beside the test database's ``public`` one, copied table by
  table into ``public`` (the tables are emptied after each test, as always).
"""

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel, create_engine

import safehouse_portal.db.engine as engine_module
from safehouse_portal.cli import main as cli
from safehouse_portal.db.engine import make_engine
from safehouse_portal.demo.seed import DemoSummary, seed_demo
from safehouse_portal.settings import get_settings
from tests.support.sqlite_files import close_checkpointed

def _sqlite_demo(template: Path, folder: Path, today: date) -> tuple[Path, DemoSummary]:
    path = folder / f"demo-{today.isoformat()}.db"
    shutil.copyfile(template, path)
    engine = make_engine(f"sqlite:///{path}")
    with Session(engine, expire_on_commit=False) as session:
        summary = seed_demo(session=session, today=today)
        session.commit()
    close_checkpointed(engine)
    return path, summary


def _postgres_demo(engine: Engine, today: date) -> tuple[str, DemoSummary]:
    schema = f"demo_{today:%Y%m%d}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = engine.url.render_as_string(hide_password=False)
    in_schema = create_engine(url, connect_args={"options": f"-c search_path={schema}"})
    SQLModel.metadata.create_all(in_schema)
    with Session(in_schema, expire_on_commit=False) as session:
        summary = seed_demo(session=session, today=today)
        session.commit()
    in_schema.dispose()
    return schema, summary


def _copy_schema_sql(schema: str) -> str:
    """One batch copying every table of ``schema`` into ``public`` and moving each sequence past the copied ids.

    Parents go before children; a ``use_alter`` column (the one cycle) is filled in last.
    """
    statements, late = [], []
    for table in SQLModel.metadata.sorted_tables:
        name = f'"{table.name}"'
        cycle = {fk.parent.name for fk in table.foreign_keys if fk.use_alter}
        columns = ", ".join(f'"{c.name}"' for c in table.columns)
        values = ", ".join("NULL" if c.name in cycle else f'"{c.name}"' for c in table.columns)
        statements.append(f'INSERT INTO public.{name} ({columns}) SELECT {values} FROM "{schema}".{name}')
        late += [f'UPDATE public.{name} p SET "{c}" = d."{c}" FROM "{schema}".{name} d WHERE p.id = d.id'
                 for c in cycle]
        if (serial := table.autoincrement_column) is not None:
            late.append(f"SELECT setval(pg_get_serial_sequence('public.{name}', '{serial.name}'), "
                        f'COALESCE((SELECT max("{serial.name}") FROM public.{name}), 0) + 1, false)')
    return ";\n".join(statements + late)


@pytest.fixture(scope="session")
def _demos() -> dict[tuple[str, date], tuple[object, DemoSummary]]:
    """The demo seeded for each (dialect, today): its SQLite file or PostgreSQL schema, and what it holds."""
    return {}


@pytest.fixture
def seeded_demo(engine, _demos, _sqlite_template, tmp_path_factory):
    """``seeded_demo(today)`` puts the demo programme seen from ``today`` in the test's database.

    Returns what ``seed_demo`` reported when it built the demo (its summary).
    """
    dialect = engine.dialect.name

    def _seed(today: date) -> DemoSummary:
        if (dialect, today) not in _demos:
            _demos[dialect, today] = (_sqlite_demo(_sqlite_template, tmp_path_factory.mktemp("demo"), today)
                                      if dialect == "sqlite" else _postgres_demo(engine, today))
        source, summary = _demos[dialect, today]
        if dialect == "sqlite":
            raw = engine.raw_connection()
            try:
                with sqlite3.connect(source) as template:
                    template.backup(raw.driver_connection)
            finally:
                raw.close()
        else:
            with engine.begin() as conn:
                conn.exec_driver_sql(_copy_schema_sql(source))
        return summary

    return _seed


def _cli_database(path: Path, secret_key: str, *commands: list[str]) -> Path:
    """An empty SQLite file at ``path`` on which the ``safehouse`` command ran ``commands``."""
    patch = pytest.MonkeyPatch()
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    patch.setenv("DATABASE_URL", url)
    patch.setenv("SAFEHOUSE_SECRET_KEY", secret_key)
    patch.setattr(engine_module, "get_engine", lambda: engine)
    get_settings.cache_clear()
    try:
        for command in commands:
            assert cli.main(command) == 0
    finally:
        patch.undo()
        get_settings.cache_clear()
        close_checkpointed(engine)
    return path


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory, secret_key_of_the_tests) -> Path:
    """A SQLite file that ``safehouse db upgrade`` migrated, once per session."""
    return _cli_database(tmp_path_factory.mktemp("migrated") / "migrated.db", secret_key_of_the_tests, ["db", "upgrade"])


@pytest.fixture(scope="session")
def demo_template(_migrated_template, tmp_path_factory, secret_key_of_the_tests) -> Path:
    """A migrated SQLite file holding the demo seen from today, as ``safehouse seed --demo`` makes it."""
    path = tmp_path_factory.mktemp("demo-cli") / "demo.db"
    shutil.copyfile(_migrated_template, path)
    return _cli_database(path, secret_key_of_the_tests, ["seed", "--demo"])


def use_database_copy(template: Path, folder: Path, patch: pytest.MonkeyPatch) -> Engine:
    """A copy of ``template`` in ``folder``, made the app's database (``DATABASE_URL`` and its engine)."""
    path = folder / "cli.db"
    shutil.copyfile(template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    patch.setenv("DATABASE_URL", url)
    patch.setattr(engine_module, "get_engine", lambda: engine)
    get_settings.cache_clear()
    return engine


@pytest.fixture
def migrated_database(_migrated_template, tmp_path, monkeypatch) -> Engine:
    """The app's database for this test: a migrated SQLite file of its own, empty."""
    return use_database_copy(_migrated_template, tmp_path, monkeypatch)


@pytest.fixture
def demo_database(demo_template, tmp_path, monkeypatch) -> Engine:
    """The app's database for this test: a migrated SQLite file of its own holding the demo."""
    return use_database_copy(demo_template, tmp_path, monkeypatch)
