"""Downloading analytics exports (CSV, XLSX), for those allowed to see them.

``GET /exports/analytics/{view}.{csv|xlsx}?from=...&to=...&provider=...&kind=...&region=...``.
Each route resolves the person from the HttpOnly session cookie; the services decide and
audit every export. A refusal looks like a missing export (404) and carries no data.
"""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from safehouse_portal import routes
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.web.auth import attachment_headers, private_download, private_text


async def download(request: Request) -> Response:
    """Send the export, or 401 when nobody is signed in, 400 for a bad filter, or 404."""
    view, fmt = request.path_params.get("view", ""), request.path_params.get("fmt", "")
    query = {**dict(request.query_params), "view": view}
    today = programme_today()

    def send(session, actor) -> Response:
        try:
            export = analytics.export_view(session=session, actor=actor, query=query, fmt=fmt, today=today)
        except InvalidInput as exc:
            return private_text(f"The export could not be made: {exc}", 400)
        return Response(export.content, media_type=export.media_type, headers=attachment_headers(export.filename))

    return private_download(request, "export", send)


ROUTES: list[Route] = [Route(routes.ANALYTICS_EXPORT, download, methods=["GET"])]
