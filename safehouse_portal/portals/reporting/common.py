"""What the report pages share: the route's id, document links, notices, the empty read models."""

import re

import reflex as rx

from safehouse_portal.domain.ids import parse_id
from safehouse_portal.services.reporting.factual_accuracy import ProviderFaView
from safehouse_portal import routes
from safehouse_portal.services.reporting.issue import DocLink, ReportPageView
from safehouse_portal.portals.shared import downloads

_ID = re.compile(r"^/(?:inspections|provider/factual-accuracy)/(\d+)(?:/|$)")

EMPTY_PAGE = ReportPageView()
EMPTY_PROVIDER = ProviderFaView()


def inspection_id_from_path(path: str) -> int | None:
    """The inspection id of ``/inspections/{id}/report`` or ``/provider/factual-accuracy/{id}``."""
    match = _ID.match(path or "")
    return parse_id(match.group(1)) if match else None


def download_link(*children, href) -> rx.Component:
    """A document's download link, styled ``doc-link`` (see ``portals/shared/downloads.py`` for why it reloads)."""
    return downloads.download_link(*children, href=href, class_name="doc-link")


def document_links(inspection_id: rx.Var, documents: rx.Var) -> rx.Component:
    """Download links to the inspection's documents, one a line."""
    return rx.el.ul(
        rx.foreach(documents, lambda d: rx.el.li(download_link(d.label, " (PDF)",
                                                               href=routes.document(inspection_id, d.name)))),
        class_name="doc-list", id="documents",
    )


def notice_box(notice: rx.Var) -> rx.Component:
    """The outcome of the last action, announced to screen readers."""
    return rx.cond(notice != "", rx.el.div(notice, class_name="notification success", role="status", id="notice"))


def reasons_box(reasons: rx.Var) -> rx.Component:
    """Why a step was refused, as an error summary."""
    return rx.cond(reasons.length() > 0, rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.ul(rx.foreach(reasons, lambda r: rx.el.li(r))),
        class_name="error-summary", role="alert", id="step-refused",
    ))


__all__ = ["DocLink", "EMPTY_PAGE", "EMPTY_PROVIDER", "document_links", "inspection_id_from_path",
           "download_link", "notice_box", "reasons_box"]
