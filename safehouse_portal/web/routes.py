"""Plain HTTP routes mounted in front of Reflex: sign-in/out, file and document downloads.

Each area keeps its routes in its own module and lists them in ``ROUTES``. Reflex mounts
itself inside this app, so its middleware also sees Reflex's own ``/_upload``: there an
oversized upload is refused before its body is read (``upload_limit``), and an upload
acts only as the person its own session cookie belongs to (``upload_sender``).
"""

from starlette.applications import Starlette
from starlette.middleware import Middleware

from safehouse_portal.web import audit_export as audit_export_web
from safehouse_portal.web import exports as exports_web
from safehouse_portal.web import files as files_web
from safehouse_portal.web import programme_export as programme_web
from safehouse_portal.web import programme_report as programme_report_web
from safehouse_portal.web import documents as reports_web
from safehouse_portal.web import sign_in as auth_web
from safehouse_portal.web import survey_documents as survey_web
from safehouse_portal.web.upload_limit import UploadSizeLimit
from safehouse_portal.web.upload_sender import UploadSender


def http_routes() -> Starlette:
    """The Starlette app that Reflex mounts itself inside (``api_transformer``)."""
    return Starlette(routes=[*auth_web.ROUTES, *files_web.ROUTES, *reports_web.ROUTES, *exports_web.ROUTES,
                             *programme_web.ROUTES, *survey_web.ROUTES, *audit_export_web.ROUTES,
                             *programme_report_web.ROUTES],
                     middleware=[Middleware(UploadSizeLimit), Middleware(UploadSender)])
