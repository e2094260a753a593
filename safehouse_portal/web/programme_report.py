"""Downloading the annual programme report (a PDF), for programme managers, admins and stakeholders.

``GET /documents/programme-report.pdf?from=YYYY-MM-DD&to=YYYY-MM-DD`` (either may be left out:
from the start of the programme, to today). The person comes from the HttpOnly session
cookie; the service decides and audits the download. A refusal looks like a missing
document (404) and carries no data; a bad date is a 400 that says which.
"""

from datetime import date

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from safehouse_portal import routes
from safehouse_portal.services.analytics.programme_report import programme_report
from safehouse_portal.services.core.clock import programme_today
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.web.auth import attachment_headers, private_download, private_text


def _day(request: Request, name: str) -> date | None:
    value = request.query_params.get(name, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput({name: f"Enter a real date for '{name}', like 2026-03-31"}) from None


async def download(request: Request) -> Response:
    """Send the report, or 401 when nobody is signed in, 400 for a bad period, or 404."""
    today = programme_today()

    def send(session, actor) -> Response:
        try:
            found = programme_report(session=session, actor=actor, date_from=_day(request, "from"),
                                     date_to=_day(request, "to"), today=today)
        except InvalidInput as exc:
            return private_text(f"The report could not be made: {exc}", 400)
        return Response(found.content, media_type=found.media_type, headers=attachment_headers(found.filename))

    return private_download(request, "report", send)


ROUTES: list[Route] = [Route(routes.PROGRAMME_REPORT, download, methods=["GET"])]
