"""A client made to wait is told to wait, with no field marked wrong and nothing about any account."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_sign_in_page_tells_a_throttled_client_to_wait_and_try_again(page):
    # Visited directly: really throttling 127.0.0.1 would slow every later browser test's sign-in.
    page.goto("/sign-in?error=wait")
    expect(page.locator(".error-summary")).to_contain_text("Wait a few minutes and try again")
    expect(page.locator(".error-summary")).not_to_contain_text("email address and password")
    expect(page.locator(".form-group.error")).to_have_count(0)
