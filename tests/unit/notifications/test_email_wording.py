"""Emails say what happened and link to the page; nothing else goes in."""

from datetime import date

import pytest

from safehouse_portal.domain.notifications import NotificationKind, email, title


@pytest.mark.parametrize("kind", list(NotificationKind))
def test_every_kind_has_an_email_with_the_link_and_the_service_name(kind):
    message = email(kind, link="https://portal.example.org/provider/requests/4", recipient_name="Amy Lead")
    assert message.subject.startswith("Safehouse Portal: ")
    assert "Open the page: https://portal.example.org/provider/requests/4" in message.body
    assert message.body.startswith("Dear Amy Lead,")


def test_account_emails_say_how_the_one_time_password_comes_and_never_hold_one():
    message = email(NotificationKind.PASSWORD_RESET, link="https://p.example/sign-in")
    assert "one-time password in person or by phone" in message.body
    assert "password:" not in message.body.lower()


def test_a_reminder_names_its_due_date_and_the_digest_its_count():
    assert title(NotificationKind.PIR_DUE, due=date(2026, 5, 26)).endswith("(due Tuesday 26 May 2026)")
    assert title(NotificationKind.OVERDUE_DIGEST, count=3) == "3 items are overdue in the inspection programme"
    assert title(NotificationKind.OVERDUE_DIGEST, count=1) == "1 item is overdue in the inspection programme"
