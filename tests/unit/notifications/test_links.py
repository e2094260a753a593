"""Every page a notification can open is a page the app has, for the list and for emails alike."""

import re

import pytest

from safehouse_portal import routes
from safehouse_portal.domain.notifications import LinkTarget


def _pages() -> set[str]:
    return {value for name, value in vars(routes).items()
            if name.isupper() and isinstance(value, str) and value.startswith("/")}


def _is_page(href: str) -> bool:
    path = href.split("?")[0]
    return any(re.fullmatch(re.sub(r"\\\[[a-z_]+\\\]", "[^/]+", re.escape(pattern)), path) for pattern in _pages())


@pytest.mark.parametrize("target", list(LinkTarget))
def test_each_link_target_opens_a_declared_page(target):
    href = routes.notification_href(target.value, 12)
    assert _is_page(href) and href != routes.NOTIFICATIONS


def test_an_unknown_target_or_a_missing_id_falls_back_to_the_list_rather_than_a_broken_link():
    assert routes.notification_href("nonsense", 3) == routes.NOTIFICATIONS
    assert routes.notification_href("provider_request", None) == routes.NOTIFICATIONS
    assert routes.notification_href("provider_request", 9) == "/provider/requests/9"
