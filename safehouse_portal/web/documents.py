"""Downloading generated documents (reports, letters, forms), for those allowed to see them.

``GET /documents/inspections/{id}/{name}.pdf``. The person is resolved from the HttpOnly
session cookie; ``services/documents`` decides. A refusal and a missing document look
the same (404) and carry no data; nothing is cached.
"""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from safehouse_portal import routes
from safehouse_portal.services.reporting import documents
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.web.auth import attachment_headers, path_id, private_download


async def download(request: Request) -> Response:
    """Send the PDF, or 401 when nobody is signed in, or 404."""
    inspection_id = path_id(request, "inspection_id")

    def send(session, actor) -> Response:
        found = documents.document(session=session, actor=actor, inspection_id=inspection_id,
                                   name=request.path_params.get("name"), today=programme_today())
        return Response(found.content, media_type="application/pdf", headers=attachment_headers(found.filename))

    return private_download(request, "document", send)


ROUTES = [Route(routes.DOCUMENT, download, methods=["GET"])]
