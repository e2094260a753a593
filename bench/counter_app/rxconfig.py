"""The bare Reflex counter the events bench compares every event of the portal with (bench/events.py)."""

import os

import reflex as rx

os.environ.setdefault("REFLEX_CHECK_LATEST_VERSION", "false")
os.environ.setdefault("REFLEX_HTTP_CLIENT_BIND_ADDRESS", "0.0.0.0")
os.environ.setdefault("REFLEX_USE_GRANIAN", "1")

config = rx.Config(
    app_name="counter_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    redis_url=os.environ.get("REDIS_URL") or None,
    bun_path=os.environ.get("BENCH_BUN_PATH", ""),
    plugins=[],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
