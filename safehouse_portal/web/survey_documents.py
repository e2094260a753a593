"""Downloading the survivor survey's printable PDFs: poster, pocket cards, paper questionnaire.

``GET /documents/survey/{inspection_id}/{name}.pdf``. The person comes from the HttpOnly
session cookie; ``services/survey/printables`` decides who may print what (never an
answer is in any of them). The link's address in the QR code is this request's origin
plus the survey's path.
"""

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from safehouse_portal import routes
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.services.survey import printables
from safehouse_portal.web.auth import attachment_headers, path_id, private_download


async def download(request: Request) -> Response:
    """Send the PDF, or 401 when nobody is signed in, or 404."""
    inspection_id = path_id(request, "inspection_id")
    origin = f"{request.url.scheme}://{request.url.netloc}"

    def send(session, actor) -> Response:
        found = printables.printable(session=session, actor=actor, inspection_id=inspection_id,
                                     name=request.path_params.get("name"), today=programme_today(),
                                     address_for=lambda token: origin + routes.survey(token))
        return Response(found.content, media_type="application/pdf", headers=attachment_headers(found.filename))

    return private_download(request, "document", send)


ROUTES = [Route(routes.SURVEY_DOCUMENT, download, methods=["GET"])]
