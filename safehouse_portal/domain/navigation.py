"""Where each role lands after signing in, and what its navigation offers."""

from safehouse_portal.domain.enums import Role

HOME_PATHS: dict[Role, str] = {
    Role.PROVIDER_LEAD: "/provider",
    Role.INSPECTOR: "/inspector",
    Role.PROGRAMME_MANAGER: "/programme",
    Role.STAKEHOLDER: "/reports",
    Role.ADMIN: "/admin",
}

NAVIGATION: dict[Role, tuple[tuple[str, str], ...]] = {
    Role.PROVIDER_LEAD: (
        ("Home", "/provider"),
        ("Information return", "/provider/pir"),
        ("Requests", "/provider/requests"),
        ("Recommendations", "/provider/recommendations"),
        ("Lead contact", "/provider/contact"),
    ),
    Role.INSPECTOR: (("Your inspections", "/inspector"), ("Board", "/programme")),
    Role.PROGRAMME_MANAGER: (
        ("Board", "/programme"),
        ("Coverage", "/programme/coverage"),
        ("Analytics", "/programme/analytics"),
    ),
    Role.STAKEHOLDER: (("Reports", "/reports"), ("Analytics", "/programme/analytics")),
    Role.ADMIN: (
        ("Users", "/admin"),
        ("Closure days", "/admin/closures"),
        ("Board", "/programme"),
    ),
}


def home_path(role: Role) -> str:
    """The landing page of ``role``."""
    return HOME_PATHS[role]
