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
    Role.PROVIDER_LEAD: (("Your service", "/provider"),),
    Role.INSPECTOR: (("Your inspections", "/inspector"),),
    Role.PROGRAMME_MANAGER: (("Programme", "/programme"),),
    Role.STAKEHOLDER: (("Reports", "/reports"),),
    Role.ADMIN: (("Users", "/admin"), ("Programme", "/programme")),
}


def home_path(role: Role) -> str:
    """The landing page of ``role``."""
    return HOME_PATHS[role]
