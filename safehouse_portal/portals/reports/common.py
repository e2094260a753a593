"""What the report pages share: the route's id, today, form parsing, the empty read models."""

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import reflex as rx

from safehouse_portal.services.errors import InvalidInput, NotFound, PermissionDenied
from safehouse_portal.services.factual_accuracy import ProviderFaView, Window
from safehouse_portal.services.report_issue import DocLink, ReportPageView

PROGRAMME_TIME_ZONE = ZoneInfo("Europe/London")
_ID = re.compile(r"^/(?:inspections|provider/factual-accuracy)/(\d{1,9})(?:/|$)")

EMPTY_WINDOW = Window(False, "", "", "", False)
EMPTY_PAGE = ReportPageView(0, "", "", "", "", False, False, False, [], False, EMPTY_WINDOW, [], False, False,
                            False, [], [], False, [], [])
EMPTY_PROVIDER = ProviderFaView(0, "", "", False, "", EMPTY_WINDOW, [], 0)


def today() -> date:
    """Today in England, where the programme's working days are counted."""
    return datetime.now(PROGRAMME_TIME_ZONE).date()


def inspection_id_from_path(path: str) -> int | None:
    """The inspection id of ``/inspections/{id}/report`` or ``/provider/factual-accuracy/{id}``."""
    match = _ID.match(path or "")
    return int(match.group(1)) if match else None


def form_fields(form: object) -> dict[str, str]:
    """The submitted fields as a dict of strings (anything else is dropped)."""
    if not isinstance(form, dict):
        return {}
    return {key: value for key, value in form.items() if isinstance(key, str) and isinstance(value, str)}


def run_action(state, errors_field: str, action: Callable[[Any, Any], Any],
               refresh: Callable[[Any, Any], None]) -> tuple[bool, Any]:
    """One service call in one session, then ``refresh``; refusals land in ``state.<errors_field>``.

    Returns:
        Whether the call went through, and what it returned.
    """
    actor = state._actor()
    try:
        with state._session() as session:
            result = action(session, actor)
            refresh(session, actor)
    except InvalidInput as exc:
        setattr(state, errors_field, dict(exc.errors))
        return False, None
    except (PermissionDenied, NotFound) as exc:
        setattr(state, errors_field, {"form": str(exc) or "That could not be done."})
        return False, None
    return True, result


def download_link(*children, href) -> rx.Component:
    """A link that downloads its file: the browser fetches it, not the app's client-side router."""
    return rx.el.a(*children, href=href, download=True, reload_document=True, class_name="doc-link")


def document_links(documents: rx.Var) -> rx.Component:
    """Download links, one a line."""
    return rx.el.ul(
        rx.foreach(documents, lambda d: rx.el.li(download_link(d.label, " (PDF)", href=d.href))),
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


__all__ = ["DocLink", "EMPTY_PAGE", "EMPTY_PROVIDER", "document_links", "form_fields", "inspection_id_from_path",
           "download_link", "notice_box", "reasons_box", "run_action", "today"]
