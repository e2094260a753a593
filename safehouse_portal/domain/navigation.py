"""Where each role lands after signing in, and what its navigation offers.

The pages are named here, not addressed: ``routes.py`` knows each one's path.
"""

from enum import StrEnum

from safehouse_portal.domain.enums import Role


class Destination(StrEnum):
    """A page a role lands on or navigates to."""

    PROVIDER_HOME = "provider_home"
    PROVIDER_PIR = "provider_pir"
    PROVIDER_REQUESTS = "provider_requests"
    PROVIDER_RECOMMENDATIONS = "provider_recommendations"
    PROVIDER_CONTACT = "provider_contact"
    INSPECTOR_HOME = "inspector_home"
    PROGRAMME_BOARD = "programme_board"
    COVERAGE = "coverage"
    ANALYTICS = "analytics"
    REPORTS = "reports"
    ADMIN_USERS = "admin_users"
    ADMIN_CLOSURES = "admin_closures"
    PROGRAMME_IMPORT = "programme_import"
    PROGRAMME_PROVIDERS = "programme_providers"
    SERVICE_CHANGES = "service_changes"
    PROVIDER_CHANGES = "provider_changes"
    CONCERNS = "concerns"
    AUDIT_TRAIL = "audit_trail"
    PROVIDER_DOCUMENTS = "provider_documents"
    ADMIN_OUTBOX = "admin_outbox"
    GOOD_PRACTICE = "good_practice"
    NOMINATIONS = "good_practice_nominations"
    PLAN_YEAR = "plan_year"
    AVAILABILITY = "availability"


HOME_PAGES: dict[Role, Destination] = {
    Role.PROVIDER_LEAD: Destination.PROVIDER_HOME,
    Role.INSPECTOR: Destination.INSPECTOR_HOME,
    Role.PROGRAMME_MANAGER: Destination.PROGRAMME_BOARD,
    Role.STAKEHOLDER: Destination.REPORTS,
    Role.ADMIN: Destination.ADMIN_USERS,
}

NAVIGATION: dict[Role, tuple[tuple[str, Destination], ...]] = {
    Role.PROVIDER_LEAD: (
        ("Home", Destination.PROVIDER_HOME),
        ("Information return", Destination.PROVIDER_PIR),
        ("Requests", Destination.PROVIDER_REQUESTS),
        ("Recommendations", Destination.PROVIDER_RECOMMENDATIONS),
        ("Lead contact", Destination.PROVIDER_CONTACT),
        ("Changes to services", Destination.PROVIDER_CHANGES),
        ("Documents", Destination.PROVIDER_DOCUMENTS),
        ("Good practice", Destination.GOOD_PRACTICE),
    ),
    Role.INSPECTOR: (("Your inspections", Destination.INSPECTOR_HOME), ("Board", Destination.PROGRAMME_BOARD),
                     ("Concerns", Destination.CONCERNS), ("Good practice", Destination.GOOD_PRACTICE),
                     ("Your availability", Destination.AVAILABILITY)),
    Role.PROGRAMME_MANAGER: (
        ("Board", Destination.PROGRAMME_BOARD),
        ("Coverage", Destination.COVERAGE),
        ("Plan the year", Destination.PLAN_YEAR),
        ("Availability", Destination.AVAILABILITY),
        ("Analytics", Destination.ANALYTICS),
        ("Import programme", Destination.PROGRAMME_IMPORT),
        ("Providers", Destination.PROGRAMME_PROVIDERS),
        ("Changes to services", Destination.SERVICE_CHANGES),
        ("Concerns", Destination.CONCERNS),
        ("Audit trail", Destination.AUDIT_TRAIL),
        ("Good practice", Destination.NOMINATIONS),
    ),
    Role.STAKEHOLDER: (("Reports", Destination.REPORTS), ("Analytics", Destination.ANALYTICS),
                       ("Good practice", Destination.GOOD_PRACTICE)),
    Role.ADMIN: (
        ("Users", Destination.ADMIN_USERS),
        ("Closure days", Destination.ADMIN_CLOSURES),
        ("Board", Destination.PROGRAMME_BOARD),
        ("Import programme", Destination.PROGRAMME_IMPORT),
        ("Providers", Destination.PROGRAMME_PROVIDERS),
        ("Audit trail", Destination.AUDIT_TRAIL),
        ("Outbox", Destination.ADMIN_OUTBOX),
    ),
}
