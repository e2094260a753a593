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
    ADMIN_OUTBOX = "admin_outbox"


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
    ),
    Role.INSPECTOR: (("Your inspections", Destination.INSPECTOR_HOME), ("Board", Destination.PROGRAMME_BOARD)),
    Role.PROGRAMME_MANAGER: (
        ("Board", Destination.PROGRAMME_BOARD),
        ("Coverage", Destination.COVERAGE),
        ("Analytics", Destination.ANALYTICS),
    ),
    Role.STAKEHOLDER: (("Reports", Destination.REPORTS), ("Analytics", Destination.ANALYTICS)),
    Role.ADMIN: (
        ("Users", Destination.ADMIN_USERS),
        ("Closure days", Destination.ADMIN_CLOSURES),
        ("Board", Destination.PROGRAMME_BOARD),
        ("Outbox", Destination.ADMIN_OUTBOX),
    ),
}
