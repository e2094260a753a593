"""Downloading the programme spreadsheet (CSV or XLSX), for programme managers and admins.

``GET /exports/programme.{csv|xlsx}[?with_addresses=yes]``. The route resolves the person from
the HttpOnly session cookie; the service decides (addresses only for those who may see them)
and audits every export. A refusal looks like a missing export (404) and carries no data.
"""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from safehouse_portal import routes
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.services.providers.programme_export import export_programme
from safehouse_portal.web.auth import attachment_headers, private_download, private_text


async def download(request: Request) -> Response:
    """Send the spreadsheet, or 401 when nobody is signed in, 400 for another format, or 404."""
    fmt = request.path_params.get("fmt", "")
    with_addresses = request.query_params.get("with_addresses") == "yes"

    def send(session, actor) -> Response:
        try:
            export = export_programme(session=session, actor=actor, fmt=fmt, with_addresses=with_addresses)
        except InvalidInput as exc:
            return private_text(f"The export could not be made: {exc}", 400)
        return Response(export.content, media_type=export.media_type, headers=attachment_headers(export.filename))

    return private_download(request, "export", send)


ROUTES: list[Route] = [Route(routes.PROGRAMME_EXPORT, download, methods=["GET"])]
