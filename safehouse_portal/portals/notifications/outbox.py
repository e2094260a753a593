"""The admins' ``/admin/outbox``: emails waiting to go, and those given up on with the error.

Without ``SAFEHOUSE_SMTP_URL`` every email stays here, so a portal run offline shows what
would have been sent, word for word.
"""

from datetime import date

import reflex as rx

from safehouse_portal.domain.notifications import email
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.services.notifications import delivery
from safehouse_portal.services.notifications.delivery import OutboxRow
from safehouse_portal.settings import get_settings
from safehouse_portal.web.notify_task import email_link

STATUS_LABELS = {"pending": "Waiting", "sending": "Sending", "uncertain": "May have been sent", "dead": "Given up"}


def _item(row: OutboxRow) -> dict[str, str]:
    message = email(row.kind, link=email_link(row.link_target, row.link_id), recipient_name=row.recipient_name,
                    due=date.fromisoformat(row.due_iso) if row.due_iso else None, count=row.count)
    return {"id": str(row.id), "to": row.to, "subject": message.subject, "body": message.body,
            "created": row.created, "status": row.status, "status_label": STATUS_LABELS.get(row.status, row.status),
            "tries": f"after {row.attempts} {'try' if row.attempts == 1 else 'tries'}" if row.attempts else "not tried yet",
            "next_attempt": row.next_attempt, "error": row.error}


class OutboxState(AuthState):
    """Every email not yet delivered, with its words, for admins."""

    items: list[dict[str, str]] = []
    delivery_text: str = ""
    errors: dict[str, str] = {}
    message: str = ""

    def _refresh(self, session, actor) -> None:
        self.items = [_item(row) for row in delivery.outbox(session=session, actor=actor)]
        self.delivery_text = ("Emails are sent by SMTP; those below are waiting for their next try, may have been sent, "
                              "or were given up on."
                              if get_settings().smtp_url else
                              "No mail server is set (SAFEHOUSE_SMTP_URL), so emails stay here: "
                              "people still see every notification in the portal.")

    @rx.event
    def load(self):
        self.message = ""
        return self._load_page(self._refresh)

    @rx.event
    def retry(self, notification_id: int):
        done, _ = self._run(lambda s, a: delivery.retry(session=s, actor=a, notification_id=notification_id),
                            refresh=self._refresh)
        if done:
            self.message = "The email will be tried again."


def _card(item) -> rx.Component:
    return rx.el.div(
        rx.el.h2(item["subject"], class_name="heading-s"),
        rx.el.p("To ", item["to"], ". Created ", item["created"], ". ", rx.el.strong(item["status_label"], class_name="tag"),
                " ", item["tries"], ".", rx.cond(item["next_attempt"] != "",
                                                                rx.el.span(" Next try ", item["next_attempt"], "."))),
        rx.cond(item["error"] != "", rx.el.p(rx.cond(item["status"] == "uncertain", "", "Last error: "), item["error"],
                                             class_name="error-message")),
        rx.el.details(rx.el.summary("The email"), rx.el.pre(item["body"], class_name="email-preview")),
        rx.cond((item["status"] == "dead") | (item["status"] == "uncertain"),
                rx.el.button(rx.cond(item["status"] == "dead", "Try again", "Send again"),
                             on_click=OutboxState.retry(item["id"].to(int)), class_name="button secondary",
                             type="button", id="retry-" + item["id"])),
        class_name="panel outbox-item",
    )


def outbox_page() -> rx.Component:
    """The page at ``/admin/outbox``."""
    return page(
        "Outbox",
        rx.el.p(OutboxState.delivery_text, class_name="caption"),
        rx.el.div(rx.cond(OutboxState.message != "", rx.el.p(OutboxState.message)),
                  rx.cond(OutboxState.errors.contains("form"), rx.el.p(OutboxState.errors["form"],
                                                                        class_name="error-message")),
                  aria_live="polite", role="status"),
        rx.cond(OutboxState.items.length() > 0, rx.foreach(OutboxState.items, _card),
                rx.el.p("Every email has been sent.", id="outbox-empty")),
    )
