"""Plain HTTP routes mounted in front of Reflex: sign-in/out, file and document downloads.

Each area keeps its routes in its own module and lists them in ``ROUTES``.
"""

from starlette.applications import Starlette

from safehouse_portal import exports_web, files_web, reports_web
from safehouse_portal.auth import web as auth_web


def http_routes() -> Starlette:
    """The Starlette app that Reflex mounts itself inside (``api_transformer``)."""
    return Starlette(routes=[*auth_web.ROUTES, *files_web.ROUTES, *reports_web.ROUTES, *exports_web.ROUTES])
