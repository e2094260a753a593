"""Alembic environment wired to the application's database URL and tables."""

from alembic import context
from sqlmodel import SQLModel

import safehouse_portal.db  # noqa: F401  (registers every table)
from safehouse_portal.db.engine import database_url, make_engine

target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    """Emit SQL without a connection (``alembic upgrade --sql``)."""
    context.configure(url=context.config.get_main_option("sqlalchemy.url") or database_url(),
                      target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the database in DATABASE_URL (or the URL the caller put in the config)."""
    url = context.config.get_main_option("sqlalchemy.url") or database_url()
    connectable = context.config.attributes.get("connection") or make_engine(url)
    if hasattr(connectable, "connect"):
        with connectable.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
