"""Downloading generated documents (reports, letters, forms), for those allowed to see them.

``GET /documents/inspections/{id}/{name}.pdf``. The person is resolved from the HttpOnly
session cookie; ``services/documents`` decides. A refusal and a missing document look
the same (404) and carry no data; nothing is cached.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from safehouse_portal.auth.cookies import token_from_cookie_header
from safehouse_portal.db.engine import new_session
from safehouse_portal.services import auth as auth_service
from safehouse_portal.services import documents
from safehouse_portal.services.errors import NotFound, PermissionDenied

_NOT_FOUND = "Document not found, or you do not have permission to see it."
_PRIVATE = {"Cache-Control": "private, no-store"}
PROGRAMME_TIME_ZONE = ZoneInfo("Europe/London")


async def download(request: Request) -> Response:
    """Send the PDF, or 401 when nobody is signed in, or 404."""
    raw = request.path_params.get("inspection_id", "")
    inspection_id = int(raw) if raw.isdigit() and len(raw) < 10 else None
    token = token_from_cookie_header(request.headers.get("cookie"))
    with new_session() as session:
        actor = auth_service.actor_for_token(session=session, token=token, now=datetime.now(UTC)) if token else None
        if actor is None:
            return PlainTextResponse("Sign in to download documents.", status_code=401, headers=_PRIVATE)
        try:
            found = documents.document(session=session, actor=actor, inspection_id=inspection_id,
                                       name=request.path_params.get("name"),
                                       today=datetime.now(PROGRAMME_TIME_ZONE).date())
        except (NotFound, PermissionDenied):
            return PlainTextResponse(_NOT_FOUND, status_code=404, headers=_PRIVATE)
    return Response(found.content, media_type="application/pdf", headers={
        **_PRIVATE, "Content-Disposition": f'attachment; filename="{found.filename}"',
        "X-Content-Type-Options": "nosniff"})


ROUTES = [Route("/documents/inspections/{inspection_id}/{name}.pdf", download, methods=["GET"])]
