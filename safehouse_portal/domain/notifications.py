"""What a notification says: its kinds, the page it points to, and its plain-words email.

A notification never carries the confidential thing itself. Its row holds a kind, the
ids of what it is about, perhaps a due date and a count; the words are made here from
those alone, so no address, no survivor's words and no report text can reach an email.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from safehouse_portal.domain.working_days import format_long_date


class NotificationKind(StrEnum):
    """Why someone is told something; each person chooses email on or off per kind."""

    INSPECTION_ANNOUNCED = "inspection_announced"
    PIR_REQUESTED = "pir_requested"
    INFO_REQUESTED = "info_requested"
    INFO_ANSWERED = "info_answered"
    DRAFT_SENT = "draft_sent"
    FA_COMMENTS_RECEIVED = "fa_comments_received"
    FINAL_REPORT_ISSUED = "final_report_issued"
    EARLY_OUTCOME_LETTER_SENT = "early_outcome_letter_sent"
    RECOMMENDATION_RETURNED = "recommendation_returned"
    RECOMMENDATION_ACCEPTED = "recommendation_accepted"
    EXTENSION_GRANTED = "extension_granted"
    ACCOUNT_CREATED = "account_created"
    PASSWORD_RESET = "password_reset"  # noqa: S105  (the name of a kind of notification, not a password)
    PIR_DUE = "pir_due"
    FA_COMMENTS_DUE = "fa_comments_due"
    INFO_DUE = "info_due"
    RECOMMENDATION_DUE_SOON = "recommendation_due_soon"
    RECOMMENDATION_OVERDUE = "recommendation_overdue"
    DRAFT_REPORT_DUE = "draft_report_due"
    FINAL_REPORT_DUE = "final_report_due"
    OVERDUE_DIGEST = "overdue_digest"
    SERVICE_CHANGE_PROPOSED = "service_change_proposed"
    SERVICE_CHANGE_ACCEPTED = "service_change_accepted"
    SERVICE_CHANGE_DECLINED = "service_change_declined"


class LinkTarget(StrEnum):
    """The page a notification opens; ``routes.notification_href`` turns it and an id into an href."""

    INSPECTION = "inspection"
    INSPECTION_REQUESTS = "inspection_requests"
    PROVIDER_REQUEST = "provider_request"
    PROVIDER_PIR = "provider_pir"
    PROVIDER_FA = "provider_fa"
    REPORT = "report"
    REPORTS = "reports"
    PROVIDER_RECOMMENDATION = "provider_recommendation"
    RECOMMENDATION = "recommendation"
    PROVIDER_HOME = "provider_home"
    PROGRAMME_BOARD = "programme_board"
    SIGN_IN = "sign_in"
    SERVICE_CHANGES = "service_changes"
    PROVIDER_CHANGES = "provider_changes"


_TITLES: dict[NotificationKind, str] = {
    NotificationKind.INSPECTION_ANNOUNCED: "An inspection has been announced",
    NotificationKind.PIR_REQUESTED: "Your provider information return (PIR) has been requested",
    NotificationKind.INFO_REQUESTED: "An inspector has asked for more information",
    NotificationKind.INFO_ANSWERED: "The provider has answered an information request",
    NotificationKind.DRAFT_SENT: "The draft report is ready for your factual accuracy check",
    NotificationKind.FA_COMMENTS_RECEIVED: "The provider has sent factual accuracy comments",
    NotificationKind.FINAL_REPORT_ISSUED: "A final inspection report has been issued",
    NotificationKind.EARLY_OUTCOME_LETTER_SENT: "An early outcome letter has been sent",
    NotificationKind.RECOMMENDATION_RETURNED: "Evidence for a recommendation was returned",
    NotificationKind.RECOMMENDATION_ACCEPTED: "A recommendation has been accepted as met",
    NotificationKind.EXTENSION_GRANTED: "A deadline has been extended",
    NotificationKind.ACCOUNT_CREATED: "Your Safehouse Portal account has been created",
    NotificationKind.PASSWORD_RESET: "Your Safehouse Portal password has been reset",
    NotificationKind.PIR_DUE: "Your provider information return (PIR) is due",
    NotificationKind.FA_COMMENTS_DUE: "Your factual accuracy comments are due",
    NotificationKind.INFO_DUE: "An answer to an information request is due today",
    NotificationKind.RECOMMENDATION_DUE_SOON: "A recommendation is due soon",
    NotificationKind.RECOMMENDATION_OVERDUE: "A recommendation is overdue",
    NotificationKind.DRAFT_REPORT_DUE: "A draft report you lead is due soon",
    NotificationKind.FINAL_REPORT_DUE: "A final report you lead is due soon",
    NotificationKind.OVERDUE_DIGEST: "Overdue work in the inspection programme",
    NotificationKind.SERVICE_CHANGE_PROPOSED: "A provider has told us of a change to its services",
    NotificationKind.SERVICE_CHANGE_ACCEPTED: "A change you told us of has been accepted",
    NotificationKind.SERVICE_CHANGE_DECLINED: "A change you told us of has been declined",
}

KIND_LABELS: dict[NotificationKind, str] = {kind: title for kind, title in _TITLES.items()}
"""How the preferences page names each kind."""

_ACCOUNT_NOTES = {
    NotificationKind.ACCOUNT_CREATED: "Your administrator will give you a one-time password in person or by phone. "
                                      "You will choose your own when you first sign in.",
    NotificationKind.PASSWORD_RESET: "Your administrator will give you a one-time password in person or by phone. "
                                     "If you did not ask for this, tell your administrator.",
}

SERVICE_NAME = "Safehouse Portal"


def title(kind: NotificationKind | str, *, due: date | None = None, count: int | None = None) -> str:
    """One line naming what happened, with the due date or the count when there is one."""
    kind = NotificationKind(kind)
    words = _TITLES[kind]
    if kind is NotificationKind.OVERDUE_DIGEST and count is not None:
        noun = "item is" if count == 1 else "items are"
        return f"{count} {noun} overdue in the inspection programme"
    if due is not None:
        verb = "was due" if kind is NotificationKind.RECOMMENDATION_OVERDUE else "due"
        return f"{words} ({verb} {format_long_date(due)})"
    return words


@dataclass(frozen=True)
class Email:
    """A plain-text email as GOV.UK Notify would send it."""

    subject: str = ""
    body: str = ""


def email(kind: NotificationKind | str, *, link: str, recipient_name: str = "", due: date | None = None,
          count: int | None = None) -> Email:
    """The email for one notification: what happened in one sentence and the link to sign in and see it.

    Only the kind, a date and a count go in; the confidential content stays behind the link.
    """
    kind = NotificationKind(kind)
    line = title(kind, due=due, count=count)
    greeting = f"Dear {recipient_name}," if recipient_name else "Hello,"
    note = _ACCOUNT_NOTES.get(kind, "Sign in to see the details. We do not put them in emails.")
    body = "\n\n".join((greeting, f"{line}.", note, f"Open the page: {link}",
                        f"This is an automatic message from {SERVICE_NAME} (Care Quality Commission). "
                        "You can choose which emails you get on the Notification settings page."))
    return Email(subject=f"{SERVICE_NAME}: {line}", body=body + "\n")
