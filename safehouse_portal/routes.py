"""Every page's path and every link's href, declared once.

The upper-case constants are the patterns the pages are registered with (``[name]`` is a
dynamic part) and the paths of the plain HTTP routes (``{name}``, as Starlette writes them).
The functions build hrefs from ids. Services return ids and names, never paths: a page, a
redirect or an HTTP route asks this module for the href.

A builder also accepts a Reflex ``Var`` (say ``card.inspection_id`` inside ``rx.foreach``):
formatting a Var in a string gives a marker Reflex turns into a browser-side concatenation,
so ``inspection(card.inspection_id)`` renders the same link as ``inspection(3)`` does. The
query-string builders (analytics, sign-in) and ``provider_task`` take plain Python values only:
a page's State calls them.

Imported by the edges (portals, web, cli, demo); never by services, domain or documents.
"""

from collections.abc import Mapping
from urllib.parse import urlencode

from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.navigation import HOME_PAGES, NAVIGATION, Destination

HOME = "/"
SIGN_IN = "/sign-in"
ADMIN_USERS = "/admin"
ADMIN_USER = "/admin/users/[user_id]"
ADMIN_CLOSURES = "/admin/closures"

PROVIDER_HOME = "/provider"
PROVIDER = "/providers/[provider_id]"
PROVIDER_CONTACT = "/provider/contact"
PROVIDER_PIR = "/provider/pir"
PROVIDER_PIR_SECTION = "/provider/pir/[section]"
PROVIDER_REQUESTS = "/provider/requests"
PROVIDER_REQUEST = "/provider/requests/[request_id]"
PROVIDER_RECOMMENDATIONS = "/provider/recommendations"
PROVIDER_RECOMMENDATION = "/provider/recommendations/[recommendation_id]"
PROVIDER_FACTUAL_ACCURACY = "/provider/factual-accuracy/[inspection_id]"
PROVIDER_CHANGES = "/provider/changes"

INSPECTOR_HOME = "/inspector"
PROGRAMME_BOARD = "/programme"
COVERAGE = "/programme/coverage"
NEW_INSPECTION = "/programme/inspections/new"
ALLOCATION = "/programme/inspections/[inspection_id]/allocation"
ANALYTICS = "/programme/analytics"
ANALYTICS_ITEMS = "/programme/analytics/items"
PROGRAMME_IMPORT = "/programme/import"
ANALYTICS_SURVEY = "/programme/analytics/survey"
REPORTS = "/reports"
PROGRAMME_PROVIDERS = "/programme/providers"
PROGRAMME_PROVIDER = "/programme/providers/[provider_id]"
PROGRAMME_GROUPS = "/programme/providers/[provider_id]/groups"
PROGRAMME_LOCATION = "/programme/locations/[location_id]"
SERVICE_CHANGES = "/programme/service-changes"
PLAN_YEAR = "/programme/plan"
"""Plan the year with the solver: run, watch, accept (programme managers)."""
AVAILABILITY = "/availability"
"""Inspectors' availability: every inspector's for programme managers, an inspector's own for them."""

INSPECTION = "/inspections/[inspection_id]"
INSPECTION_PIR = "/inspections/[inspection_id]/pir"
INSPECTION_REQUESTS = "/inspections/[inspection_id]/requests"
REPORT = "/inspections/[inspection_id]/report"
WORKSPACE = "/inspections/[inspection_id]/workspace"
WORKSPACE_PARTS = ("checklist", "judgements", "recommendations", "concerns")
"""The workspace's pages below its overview: ``WORKSPACE/checklist`` and so on."""
KLOE = "/inspections/[inspection_id]/kloes/[kloe_code]"
RECOMMENDATION = "/recommendations/[recommendation_id]"
ANNOUNCEMENT_CALL = "/inspections/[inspection_id]/announcement-call"
NEW_MEETING = "/providers/[provider_id]/meetings/new"
CONCERNS = "/programme/concerns"
NEW_CONCERN = "/programme/concerns/new"
CONCERN = "/programme/concerns/[concern_id]"
SURVEY = "/survey/[token]"
"""The survivor survey behind a link: public, no sign-in (the token is the only key)."""
NOTIFICATIONS = "/notifications"
NOTIFICATION_SETTINGS = "/notifications/settings"
ADMIN_OUTBOX = "/admin/outbox"

SIGN_IN_POST = "/auth/sign-in"
SIGN_OUT_POST = "/auth/sign-out"
CHANGE_PASSWORD = "/change-password"  # noqa: S105 - a page path, not a password
"""Where a person given a one-time password chooses their own; nothing else works until they do."""
CHANGE_PASSWORD_POST = "/auth/change-password"  # noqa: S105 - a form route, not a password
NOT_FOUND = "404"
"""Reflex's route for an address no page has: the app's own "Page not found" in its shell."""
FILE = "/files/{file_id}"
DOCUMENT = "/documents/inspections/{inspection_id}/{name}.pdf"
ANALYTICS_EXPORT = "/exports/analytics/{view}.{fmt}"
PROGRAMME_EXPORT = "/exports/programme.{fmt}"
SURVEY_DOCUMENT = "/documents/survey/{inspection_id}/{name}.pdf"
"""A survivor survey poster, pocket cards or paper questionnaire (``name``: ``poster-ar`` and so on)."""
SURVEY_RESULTS = "/inspections/[inspection_id]/survey"
AUDIT_TRAIL = "/audit"
"""The audit trail, filtered by its query (``person``, ``provider``, ``inspection``, ``kind``, ``from``, ``to``)."""
AUDIT_EXPORT = "/exports/audit.csv"
PROVIDER_DOCUMENTS = "/provider/documents"
PROGRAMME_REPORT = "/documents/programme-report.pdf"
"""The annual programme report for a period of report issue dates (``from``, ``to``), as a PDF."""
GOOD_PRACTICE = "/good-practice"
"""The published good-practice library, searched by its query (``kq``, ``kloe``, ``theme``, ``q``)."""
GOOD_PRACTICE_ENTRY = "/good-practice/[entry_id]"
NOMINATE_GOOD_PRACTICE = "/inspections/[inspection_id]/kloes/[kloe_code]/good-practice"
NOMINATIONS = "/programme/good-practice"
NOMINATION = "/programme/good-practice/[entry_id]"
QUALITY_PANEL = "/inspections/[inspection_id]/quality-panel"

_DESTINATIONS: dict[Destination, str] = {
    Destination.PROVIDER_HOME: PROVIDER_HOME,
    Destination.PROVIDER_PIR: PROVIDER_PIR,
    Destination.PROVIDER_REQUESTS: PROVIDER_REQUESTS,
    Destination.PROVIDER_RECOMMENDATIONS: PROVIDER_RECOMMENDATIONS,
    Destination.PROVIDER_CONTACT: PROVIDER_CONTACT,
    Destination.INSPECTOR_HOME: INSPECTOR_HOME,
    Destination.PROGRAMME_BOARD: PROGRAMME_BOARD,
    Destination.COVERAGE: COVERAGE,
    Destination.ANALYTICS: ANALYTICS,
    Destination.REPORTS: REPORTS,
    Destination.ADMIN_USERS: ADMIN_USERS,
    Destination.ADMIN_CLOSURES: ADMIN_CLOSURES,
    Destination.PROGRAMME_IMPORT: PROGRAMME_IMPORT,
    Destination.PROGRAMME_PROVIDERS: PROGRAMME_PROVIDERS,
    Destination.SERVICE_CHANGES: SERVICE_CHANGES,
    Destination.PROVIDER_CHANGES: PROVIDER_CHANGES,
    Destination.CONCERNS: CONCERNS,
    Destination.AUDIT_TRAIL: AUDIT_TRAIL,
    Destination.PROVIDER_DOCUMENTS: PROVIDER_DOCUMENTS,
    Destination.ADMIN_OUTBOX: ADMIN_OUTBOX,
    Destination.GOOD_PRACTICE: GOOD_PRACTICE,
    Destination.NOMINATIONS: NOMINATIONS,
    Destination.PLAN_YEAR: PLAN_YEAR,
    Destination.AVAILABILITY: AVAILABILITY,
}


def path(pattern: str, **values: object) -> str:
    """``pattern`` with each ``[name]`` or ``{name}`` replaced by its value (a Reflex Var too)."""
    for name, value in values.items():
        pattern = pattern.replace(f"[{name}]", f"{value}").replace(f"{{{name}}}", f"{value}")
    return pattern


def home(role: Role) -> str:
    """Where ``role`` lands after signing in."""
    return _DESTINATIONS[HOME_PAGES[role]]


def navigation(role: Role) -> list[tuple[str, str]]:
    """The main navigation of ``role``: each link's words and href."""
    return [(label, _DESTINATIONS[destination]) for label, destination in NAVIGATION[role]]


def sign_in(**query: str) -> str:
    """The sign-in page, with a note for it in the query (``error="refused"``, ``signed_out="1"``)."""
    return _with_query(SIGN_IN, query)


def change_password(**query: str) -> str:
    """The change-password page, with the refusal to show (``error="short"``)."""
    return _with_query(CHANGE_PASSWORD, query)


def admin_user(user_id: object) -> str:
    return path(ADMIN_USER, user_id=user_id)


def provider(provider_id: object) -> str:
    return path(PROVIDER, provider_id=provider_id)


def provider_meetings(provider_id: object) -> str:
    """The engagement meetings section of the provider's page."""
    return provider(provider_id) + "#meetings"


def provider_pir(inspection_id: object = None) -> str:
    """The provider's PIR task list; with an id, that inspection's return rather than the most pressing one."""
    return PROVIDER_PIR if inspection_id is None else f"{PROVIDER_PIR}?inspection={inspection_id}"


def pir_section(inspection_id: object, section: object, *, check: bool = False, field: object = None) -> str:
    """One section of a return; ``check`` shows its missing answers, ``field`` (an element id) scrolls to one."""
    href = f"{path(PROVIDER_PIR_SECTION, section=section)}?inspection={inspection_id}"
    return href + ("&check=1" if check else "") + (f"#{field}" if field is not None else "")


def provider_request(request_id: object) -> str:
    return path(PROVIDER_REQUEST, request_id=request_id)


def provider_recommendation(recommendation_id: object) -> str:
    return path(PROVIDER_RECOMMENDATION, recommendation_id=recommendation_id)


def provider_factual_accuracy(inspection_id: object) -> str:
    return path(PROVIDER_FACTUAL_ACCURACY, inspection_id=inspection_id)


def provider_task(kind: str, target_id: int) -> str:
    """Where a task of the provider's home is done: ``kind`` names the page, ``target_id`` the thing on it."""
    builders = {"factual_accuracy": provider_factual_accuracy, "request": provider_request,
                "recommendation": provider_recommendation}
    return builders[kind](target_id) if kind in builders else PROVIDER_PIR


def allocation(inspection_id: object) -> str:
    return path(ALLOCATION, inspection_id=inspection_id)


def inspection(inspection_id: object) -> str:
    """An inspection's timeline."""
    return path(INSPECTION, inspection_id=inspection_id)


def inspection_pir(inspection_id: object) -> str:
    return path(INSPECTION_PIR, inspection_id=inspection_id)


def inspection_requests(inspection_id: object) -> str:
    return path(INSPECTION_REQUESTS, inspection_id=inspection_id)


def report(inspection_id: object) -> str:
    return path(REPORT, inspection_id=inspection_id)


def workspace_pattern(part: str = "") -> str:
    """The pattern the workspace's overview ("") or one of its ``WORKSPACE_PARTS`` is registered with."""
    return f"{WORKSPACE}/{part}" if part else WORKSPACE


def survey(token: object) -> str:
    """A survey link's page (give it ``origin`` in front to hand it out)."""
    return path(SURVEY, token=token)


def survey_document(inspection_id: object, name: object) -> str:
    """A survey poster, pocket cards or paper questionnaire PDF of an inspection, in one language."""
    return path(SURVEY_DOCUMENT, inspection_id=inspection_id, name=name)


def survey_results(inspection_id: object) -> str:
    """An inspection's survivor survey results (inspectors and programme managers)."""
    return path(SURVEY_RESULTS, inspection_id=inspection_id)


def workspace(inspection_id: object, part: str = "") -> str:
    """The inspection workspace's overview, or one of its ``WORKSPACE_PARTS``."""
    return path(workspace_pattern(part), inspection_id=inspection_id)


def kloe(inspection_id: object, code: object) -> str:
    """One KLOE of one inspection."""
    return path(KLOE, inspection_id=inspection_id, kloe_code=code)


def recommendation(recommendation_id: object) -> str:
    """A recommendation's thread as the inspection team sees it."""
    return path(RECOMMENDATION, recommendation_id=recommendation_id)


def file(file_id: object) -> str:
    """An uploaded file's download."""
    return path(FILE, file_id=file_id)


def document(inspection_id: object, name: object) -> str:
    """A generated PDF of an inspection (``name`` as ``services/reporting/documents`` knows it)."""
    return path(DOCUMENT, inspection_id=inspection_id, name=name)


def analytics(query: Mapping[str, str]) -> str:
    """The analytics page for ``query`` (its view and filters)."""
    return _with_query(ANALYTICS, query)


def analytics_items(query: Mapping[str, str]) -> str:
    """The items behind one number: ``query`` names the view, the filters and the cell."""
    return _with_query(ANALYTICS_ITEMS, query)


def analytics_export(fmt: str, query: Mapping[str, str]) -> str:
    """The view ``query`` names, as a ``fmt`` (csv or xlsx) download with the same filters."""
    return _with_query(path(ANALYTICS_EXPORT, view=query.get("view", ""), fmt=fmt), query)


def programme_provider(provider_id: object) -> str:
    """A provider's programme page: lead contact, designated inspector, copy list, locations, history."""
    return path(PROGRAMME_PROVIDER, provider_id=provider_id)


def programme_groups(provider_id: object) -> str:
    """A provider's inspection groups: create, move, split, merge."""
    return path(PROGRAMME_GROUPS, provider_id=provider_id)


def programme_location(location_id: object) -> str:
    """A location's programme page."""
    return path(PROGRAMME_LOCATION, location_id=location_id)
def audit_trail(query: Mapping[str, object]) -> str:
    """The audit trail narrowed by ``query`` (empty values left out), e.g. ``{"provider": 3}``."""
    return _with_query(AUDIT_TRAIL, {k: str(v) for k, v in query.items() if v not in (None, "")})


def audit_export(query: Mapping[str, object]) -> str:
    """The audit trail narrowed by ``query``, as a CSV download."""
    return _with_query(AUDIT_EXPORT, {k: str(v) for k, v in query.items() if v not in (None, "")})


def _with_query(base: str, query: Mapping[str, str]) -> str:
    return f"{base}?{urlencode(query)}" if query else base


def programme_export(fmt: str, *, with_addresses: bool = False) -> str:
    """The programme spreadsheet to download (CSV or XLSX), with addresses only when asked."""
    return path(PROGRAMME_EXPORT, fmt=fmt) + ("?with_addresses=yes" if with_addresses else "")
def announcement_call(inspection_id: object) -> str:
    """An inspection's announcement call checklist and follow-up calls."""
    return path(ANNOUNCEMENT_CALL, inspection_id=inspection_id)


def new_meeting(provider_id: object) -> str:
    """Record an engagement meeting with a provider."""
    return path(NEW_MEETING, provider_id=provider_id)


def concern(concern_id: object) -> str:
    """One concern heard between inspections."""
    return path(CONCERN, concern_id=concern_id)


def new_concern(provider_id: object = None) -> str:
    """Record a concern; with a provider's id, that provider is chosen already (plain values only)."""
    return NEW_CONCERN if provider_id is None else f"{NEW_CONCERN}?provider={provider_id}"
def notification_href(target: str, target_id: object = None) -> str:
    """The page a notification opens (``domain.notifications.LinkTarget``), for the list and for emails."""
    by_id = {"inspection": inspection, "inspection_requests": inspection_requests, "provider_request": provider_request,
             "provider_pir": provider_pir, "provider_fa": provider_factual_accuracy, "report": report,
             "provider_recommendation": provider_recommendation, "recommendation": recommendation}
    fixed = {"reports": REPORTS, "provider_home": PROVIDER_HOME, "programme_board": PROGRAMME_BOARD,
             "sign_in": SIGN_IN, "service_changes": SERVICE_CHANGES, "provider_changes": PROVIDER_CHANGES}
    if target in by_id and target_id is not None:
        return by_id[target](target_id)
    return fixed.get(target, NOTIFICATIONS)


def programme_report(query: Mapping[str, str]) -> str:
    """The programme report for the period in ``query`` (its ``from`` and ``to``; other keys are left out)."""
    return _with_query(PROGRAMME_REPORT, {k: query[k] for k in ("from", "to") if query.get(k)})


def good_practice(query: Mapping[str, str] | None = None) -> str:
    """The good-practice library, narrowed by ``query`` (empty values left out; plain values only)."""
    return _with_query(GOOD_PRACTICE, {k: v for k, v in (query or {}).items() if v})


def good_practice_entry(entry_id: object) -> str:
    """One published example of good practice."""
    return path(GOOD_PRACTICE_ENTRY, entry_id=entry_id)


def nominate_good_practice(inspection_id: object, code: object) -> str:
    """Nominate good practice from one KLOE of one inspection."""
    return path(NOMINATE_GOOD_PRACTICE, inspection_id=inspection_id, kloe_code=code)


def nomination(entry_id: object) -> str:
    """A nomination as its reviewer (or its inspection's team) sees it."""
    return path(NOMINATION, entry_id=entry_id)


def quality_panel(inspection_id: object) -> str:
    """An inspection's quality panel review."""
    return path(QUALITY_PANEL, inspection_id=inspection_id)
