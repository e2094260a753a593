"""Reflex settings: app name, database and state manager from the environment."""

import os
from pathlib import Path

import reflex as rx

_ROOT = Path(__file__).resolve().parent
_BUN = _ROOT / ".tools" / "node_modules" / "bun" / "bin" / "bun.exe"

os.environ.setdefault("REFLEX_CHECK_LATEST_VERSION", "false")
os.environ.setdefault("REFLEX_HTTP_CLIENT_BIND_ADDRESS", "0.0.0.0")
os.environ.setdefault("REFLEX_USE_GRANIAN", "1")

_redis_url = os.environ.get("REDIS_URL") or None

config = rx.Config(
    app_name="safehouse_portal",
    db_url=os.environ.get("DATABASE_URL") or "sqlite:///safehouse.db",
    redis_url=_redis_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    bun_path=_BUN,
    frontend_port=int(os.environ.get("SAFEHOUSE_PORT", "3000")),
    backend_port=int(os.environ.get("SAFEHOUSE_PORT", "3000")),
    plugins=[],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
