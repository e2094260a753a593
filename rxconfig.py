"""Reflex settings: app name, database, state manager, port and allowed origins from the one Settings object."""

import os

import reflex as rx

from safehouse_portal.settings import get_settings

os.environ.setdefault("REFLEX_CHECK_LATEST_VERSION", "false")
os.environ.setdefault("REFLEX_HTTP_CLIENT_BIND_ADDRESS", "0.0.0.0")
os.environ.setdefault("REFLEX_USE_GRANIAN", "1")

_settings = get_settings()
if _settings.redis_url:  # without Redis Reflex runs one worker and no Redis client (set nothing a child inherits)
    # Granian's worker count, read when the production backend starts (Reflex's default is 2 per core + 1).
    os.environ.setdefault("GRANIAN_WORKERS", str(_settings.workers))
    # Each Redis client of a worker keeps a pool of at most this many connections; past it an event waits
    # for a free one (up to 8 s, under Reflex's 10 s state lock) instead of opening more.
    os.environ.setdefault("REFLEX_REDIS_MAX_CONNECTIONS", str(_settings.redis_connections))
    os.environ.setdefault("REFLEX_REDIS_POOL_TIMEOUT", "8s")

config = rx.Config(
    app_name="safehouse_portal",
    db_url=_settings.database_url,
    redis_url=_settings.redis_url,
    cors_allowed_origins=_settings.cors_allowed_origins,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    bun_path=_settings.project_root / ".tools" / "node_modules" / "bun" / "bin" / "bun.exe",
    frontend_port=_settings.port,
    backend_port=_settings.port,
    plugins=[],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
