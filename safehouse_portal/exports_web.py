"""Downloading analytics exports (CSV, XLSX), for those allowed to see them.

``GET /exports/analytics/{view}.{csv|xlsx}?from=...&to=...&provider=...&kind=...&region=...``.
Each route resolves the person from the HttpOnly session cookie; the services decide and
audit every export. A refusal looks like a missing export (404) and carries no data.
"""

from datetime import UTC, datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from safehouse_portal.auth.cookies import token_from_cookie_header
from safehouse_portal.db.engine import new_session
from safehouse_portal.services import analytics
from safehouse_portal.services import auth as auth_service
from safehouse_portal.services.errors import InvalidInput, NotFound, PermissionDenied

_PRIVATE = {"Cache-Control": "private, no-store"}
_NOT_FOUND = "Export not found, or you do not have permission to see it."


async def download(request: Request) -> Response:
    """Send the export, or 401 when nobody is signed in, 400 for a bad filter, or 404."""
    view, fmt = request.path_params.get("view", ""), request.path_params.get("fmt", "")
    token = token_from_cookie_header(request.headers.get("cookie"))
    query = {**dict(request.query_params), "view": view}
    today = datetime.now(ZoneInfo("Europe/London")).date()
    with new_session() as session:
        actor = auth_service.actor_for_token(session=session, token=token, now=datetime.now(UTC)) if token else None
        if actor is None:
            return PlainTextResponse("Sign in to download exports.", status_code=401, headers=_PRIVATE)
        try:
            export = analytics.export_view(session=session, actor=actor, query=query, fmt=fmt, today=today)
        except (NotFound, PermissionDenied):
            return PlainTextResponse(_NOT_FOUND, status_code=404, headers=_PRIVATE)
        except InvalidInput as exc:
            return PlainTextResponse(f"The export could not be made: {exc}", status_code=400, headers=_PRIVATE)
    return Response(export.content, media_type=export.media_type, headers={
        **_PRIVATE, "Content-Disposition": f"attachment; filename*=UTF-8''{quote(export.filename)}",
        "X-Content-Type-Options": "nosniff"})


ROUTES: list[Route] = [Route("/exports/analytics/{view}.{fmt}", download, methods=["GET"])]
