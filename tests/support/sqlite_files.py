"""SQLite database files the tests build once and copy."""

from sqlalchemy import Engine


def close_checkpointed(engine: Engine) -> None:
    """Fold SQLite's write-ahead log into the file and close the engine, so the file alone is the database."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
