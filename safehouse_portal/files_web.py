"""Downloading an uploaded file: ``GET /files/{id}``, for those allowed to see its provider's data.

The person is resolved from the HttpOnly session cookie; ``services/files`` decides. A
refusal and a missing file look the same (404) and carry no data. Files are always sent
as attachments with their real type and ``nosniff``, so a browser never runs one.
"""

from datetime import UTC, datetime
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from safehouse_portal.auth.cookies import token_from_cookie_header
from safehouse_portal.db.engine import new_session
from safehouse_portal.services import auth as auth_service
from safehouse_portal.services import files
from safehouse_portal.services.errors import NotFound, PermissionDenied

_NOT_FOUND = "File not found, or you do not have permission to see it."


async def download(request: Request) -> Response:
    """Send the file, or 401 when nobody is signed in, or 404."""
    raw = request.path_params.get("file_id", "")
    file_id = int(raw) if raw.isdigit() and len(raw) < 10 else None
    token = token_from_cookie_header(request.headers.get("cookie"))
    with new_session() as session:
        actor = auth_service.actor_for_token(session=session, token=token, now=datetime.now(UTC)) if token else None
        if actor is None:
            return PlainTextResponse("Sign in to download files.", status_code=401, headers=_PRIVATE)
        try:
            found = files.open_download(session=session, actor=actor, file_id=file_id)
        except (NotFound, PermissionDenied):
            return PlainTextResponse(_NOT_FOUND, status_code=404, headers=_PRIVATE)
    return FileResponse(
        found.path,
        media_type=found.content_type,
        headers={**_PRIVATE, "Content-Disposition": f"attachment; filename*=UTF-8''{quote(found.name)}",
                 "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"},
    )


_PRIVATE = {"Cache-Control": "private, no-store"}

ROUTES = [Route("/files/{file_id}", download, methods=["GET"])]
