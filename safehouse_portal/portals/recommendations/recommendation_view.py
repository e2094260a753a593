"""How one recommendation and its thread are shown, on the provider's page and the inspector's."""

import reflex as rx

from safehouse_portal.portals.shared.thread_parts import notice, status_tag, thread
from safehouse_portal.portals.shared.shell import page, summary_list


def recommendation_summary(view) -> rx.Component:
    """The recommendation's words, its tags and due date, then its dated thread."""
    rec = view.recommendation
    return rx.el.div(
        rx.el.div(rx.el.p(rec.text, class_name="recommendation-text", id="recommendation-text"), class_name="panel"),
        summary_list(
            ("Provider", view.provider_name),
            ("Inspection group", rec.group_name),
            ("Key question", rec.key_question),
            ("KLOEs", rec.kloes),
            ("Theme", rec.theme),
            ("Timescale", rec.timescale),
            ("Final report issued", rx.cond(rec.report_issued_on != "", rec.report_issued_on, "Not yet")),
            ("Due", rec.due_on),
            ("Status", rx.el.span(status_tag(rec.status, rec.status_label), id="recommendation-status")),
        ),
        rx.el.h2("Thread", class_name="heading-m"),
        rx.cond(view.updates.length() > 0, thread(view.updates), rx.el.p("Nothing posted yet.", id="empty-thread")),
    )


def recommendation_page(back_link: rx.Component, message: rx.Var, view, action: rx.Component) -> rx.Component:
    """The page of one recommendation, for the provider and for inspectors: only ``action`` differs."""
    return page(
        "Recommendation",
        rx.el.p(back_link, class_name="back-link"),
        notice(message),
        recommendation_summary(view),
        action,
    )
