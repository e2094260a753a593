"""Reflex's own cost per event, with nothing of the portal's: one number, one handler; and the
floor of any save, one handler that durably writes one row."""

import os
import sqlite3
import tempfile

import reflex as rx

_DB = os.environ.get("BENCH_WRITE_DB") or os.path.join(tempfile.gettempdir(), "counter-writes.db")
_connection: sqlite3.Connection | None = None


class CounterState(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1


class WriteState(rx.State):
    """The least a save can do: one row written and committed, on SQLite as the portal sets it up."""

    saved: int = 0

    @rx.event
    def write(self, value: str):
        db = _db()
        db.execute("BEGIN IMMEDIATE")
        row = db.execute("INSERT INTO note (value) VALUES (?)", (value,)).lastrowid
        db.execute("COMMIT")
        self.saved = row


def _db() -> sqlite3.Connection:
    """One connection per worker process, opened on its first write (after the fork)."""
    global _connection
    if _connection is None:
        _connection = sqlite3.connect(_DB, isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=5000"):
            _connection.execute(f"PRAGMA {pragma}")
        _connection.execute("CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
    return _connection


def index() -> rx.Component:
    return rx.el.div(rx.el.button(CounterState.count, on_click=CounterState.increment),
                     rx.el.button(WriteState.saved, on_click=WriteState.write("a note")))


app = rx.App(theme=None)
app.add_page(index)
