"""Each role lands on a page its own navigation offers; the pages are named, not addressed."""

import pytest

from safehouse_portal.domain.enums import Role
from safehouse_portal.domain.navigation import HOME_PAGES, NAVIGATION, Destination


@pytest.mark.parametrize("role", list(Role))
def test_every_role_lands_on_a_page_its_navigation_offers(role):
    assert HOME_PAGES[role] in [destination for _, destination in NAVIGATION[role]]


def test_only_a_provider_lead_navigates_to_the_providers_own_pages():
    provider_pages = {d for d in Destination if d.value.startswith("provider_")}
    for role, links in NAVIGATION.items():
        offered = {destination for _, destination in links}
        assert (offered >= provider_pages) if role is Role.PROVIDER_LEAD else not (offered & provider_pages)
