"""SQLite's write-ahead log is copied into the database by the app's background thread, not by a save.

By default the commit that takes the log past 1,000 pages copies it there and then, holding
up the event loop; with ``checkpoint_in_background`` running, commits leave the log alone
and the background pass copies all of it.
"""

import asyncio
import os

import pytest
from sqlalchemy import text

from safehouse_portal.db import engine as engine_module
from safehouse_portal.db.engine import BACKGROUND_CHECKPOINT_PAGES, COMMIT_CHECKPOINT_PAGES, checkpoint, make_engine

ROW = "x" * 4000
"""About three pages of the log per row written (the row, its overflow page and the table's root)."""


def _write(engine, rows: int) -> None:
    for _ in range(rows):
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO note (body) VALUES (:body)"), {"body": ROW})


def _log_pages(path) -> int:
    return os.path.getsize(f"{path}-wal") // 4096


def _unchecked_frames(engine) -> tuple[int, int]:
    """The log's frames, and how many of them the database file already holds (a PASSIVE checkpoint's answer)."""
    with engine.connect() as connection:
        _busy, log, done = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    return log, done


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "log.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
    monkeypatch.setattr(engine_module, "get_engine", lambda: engine)
    monkeypatch.setattr(engine_module, "_commit_checkpoint_pages", COMMIT_CHECKPOINT_PAGES)
    yield engine, path
    engine.dispose()


def test_by_default_a_commit_copies_the_log_once_it_is_long(database):
    engine, path = database
    _write(engine, 1500)
    assert _log_pages(path) < 1200  # the commit past 1,000 pages copied the log, and it started again


def test_while_the_app_checkpoints_in_the_background_commits_leave_the_log_and_the_thread_copies_it(
        database, monkeypatch):
    engine, path = database
    monkeypatch.setattr(engine_module, "CHECKPOINT_SECONDS", 3600)  # the loop's first pass comes later, by hand

    async def start_then_write() -> None:
        task = asyncio.create_task(engine_module.checkpoint_in_background())
        await asyncio.sleep(0)  # the task takes the new setting, then sleeps
        _write(engine, 1000)  # about 3,000 pages: under the commits' mark
        task.cancel()

    asyncio.run(start_then_write())
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == BACKGROUND_CHECKPOINT_PAGES
    assert _log_pages(path) > 1500  # no commit copied it
    checkpoint(engine)
    log, done = _unchecked_frames(engine)
    assert log > 1500 and done == log  # the background pass copied every page


def test_however_long_the_stream_of_saves_the_log_stays_small_on_disk(database, monkeypatch):
    engine, path = database
    monkeypatch.setattr(engine_module, "CHECKPOINT_SECONDS", 3600)  # as under load: no pass finds the log idle

    async def start_then_write() -> None:
        task = asyncio.create_task(engine_module.checkpoint_in_background())
        await asyncio.sleep(0)
        _write(engine, BACKGROUND_CHECKPOINT_PAGES + 1000)
        task.cancel()

    asyncio.run(start_then_write())
    assert _log_pages(path) < BACKGROUND_CHECKPOINT_PAGES + 200  # a commit copied it, and it started again
    assert BACKGROUND_CHECKPOINT_PAGES * 4096 <= 32 * 2**20  # at most 32 MB of log beside the database


def test_the_background_loop_checkpoints_and_outlives_a_failed_pass(database, monkeypatch):
    engine, _path = database
    monkeypatch.setattr(engine_module, "CHECKPOINT_SECONDS", 0.01)
    passes = []

    def flaky(engine_given) -> None:
        passes.append(engine_given)
        if len(passes) == 1:
            raise OSError("disk busy")
        checkpoint(engine_given)

    monkeypatch.setattr(engine_module, "checkpoint", flaky)

    async def run_a_while() -> None:
        task = asyncio.create_task(engine_module.checkpoint_in_background())
        await asyncio.sleep(0)
        _write(engine, 300)
        while len(passes) < 3:
            await asyncio.sleep(0.01)
        task.cancel()

    asyncio.run(run_a_while())
    log, done = _unchecked_frames(engine)
    assert passes[0] is engine and log > 0 and done == log


def test_on_postgresql_nothing_runs_in_the_background(monkeypatch):
    class Postgres:
        class dialect:  # noqa: N801  (the engine's attribute)
            name = "postgresql"

    monkeypatch.setattr(engine_module, "get_engine", lambda: Postgres)
    monkeypatch.setattr(engine_module, "_commit_checkpoint_pages", COMMIT_CHECKPOINT_PAGES)
    asyncio.run(asyncio.wait_for(engine_module.checkpoint_in_background(), timeout=5))  # returns at once
    assert engine_module._commit_checkpoint_pages == COMMIT_CHECKPOINT_PAGES
