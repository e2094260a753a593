"""Downloading an uploaded file: ``GET /files/{id}``, for those allowed to see its provider's data.

The person is resolved from the HttpOnly session cookie; ``services/files`` decides. A
refusal and a missing file look the same (404) and carry no data. Files are always sent
as attachments with their real type and ``nosniff``, so a browser never runs one.
"""

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from safehouse_portal import routes
from safehouse_portal.services.core import files
from safehouse_portal.web.auth import attachment_headers, path_id, private_download


async def download(request: Request) -> Response:
    """Send the file, or 401 when nobody is signed in, or 404."""
    file_id = path_id(request, "file_id")

    def send(session, actor) -> Response:
        found = files.open_download(session=session, actor=actor, file_id=file_id)
        return FileResponse(found.path, media_type=found.content_type,
                            headers={**attachment_headers(found.name), "Content-Security-Policy": "sandbox"})

    return private_download(request, "file", send)


ROUTES = [Route(routes.FILE, download, methods=["GET"])]
