"""Downloading the filtered audit trail as CSV: ``GET /exports/audit.csv?person=...&provider=...``.

The person is resolved from the HttpOnly session cookie; ``services/audit`` decides and
records the export in the trail. A refusal looks like a missing export (404).
"""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from safehouse_portal import routes
from safehouse_portal.services.audit import export
from safehouse_portal.services.audit.trail import FILTERS
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.web.auth import attachment_headers, private_download, private_text


async def download(request: Request) -> Response:
    """Send the CSV, or 401 when nobody is signed in, 400 for a bad filter, or 404."""
    query = {k: request.query_params.get(k, "") for k in FILTERS}

    def send(session, actor) -> Response:
        try:
            found = export.export_csv(session=session, actor=actor, query=query)
        except InvalidInput as exc:
            return private_text(f"The export could not be made: {exc}", 400)
        return Response(found.content, media_type=found.media_type, headers=attachment_headers(found.filename))

    return private_download(request, "export", send)


ROUTES = [Route(routes.AUDIT_EXPORT, download, methods=["GET"])]
