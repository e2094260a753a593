"""What every workspace page shares: the id from the route, the header, the sub-navigation, forms.

The inspection id always comes from the route (``/inspections/[inspection_id]/workspace...``),
never from an event argument; the services decide who may see and do what.
"""

import re
from typing import Any, Callable

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.shell import page, stage_tag, summary_list

_PATH = re.compile(r"^/inspections/(\d+)/workspace(?:/|$)")

SECTIONS = (
    ("", "Scope and KLOEs"),
    ("checklist", "Announcement checklist"),
    ("judgements", "Key-question judgements"),
    ("recommendations", "Recommendations"),
    ("concerns", "Serious concerns"),
)
"""Each workspace page's part of ``routes.workspace`` and its tab's words."""


def inspection_id_from_path(path: str) -> int | None:
    """The inspection id in a workspace route, or None."""
    match = _PATH.match(path or "")
    return parse_id(match.group(1)) if match else None


def ticked(fields: dict[str, str], prefix: str) -> list[str]:
    """The values of the ticked checkboxes named ``prefix:value``."""
    return [key.split(":", 1)[1] for key, value in fields.items() if key.startswith(prefix + ":") and value]


class WorkspaceBase(AuthState):
    """Shared behaviour of the workspace pages' States: the route's id and one service call per event."""

    notice: str = ""
    errors: dict[str, str] = {}

    def _inspection_id(self) -> int | None:
        return inspection_id_from_path(self.router.url.path)

    def _refresh(self, session, actor) -> None:
        raise NotImplementedError

    def _open(self):
        """Load the page afresh: no notice or errors left from before, then the read model."""
        self.notice, self.errors = "", {}
        return self._load_page(self._refresh)

    def _act(self, action: Callable[[Any, Any], Any], success: str) -> bool:
        """Run one service call then refresh the page; refusals land in ``errors``."""
        self.notice = ""
        done, _ = self._run(action, refresh=self._refresh)
        if done:
            self.notice = success
        return done


def workspace_header(head: rx.Var, current: str) -> rx.Component:
    """The inspection's summary and the workspace's sub-navigation."""
    return rx.el.div(
        rx.el.p(rx.el.a("Back to the inspection's timeline", href=routes.inspection(head.inspection_id)),
                class_name="ws-back"),
        rx.el.h2(head.group_name, class_name="heading-m ws-group"),
        summary_list(
            ("Provider", head.provider_name),
            ("Type", head.type_label),
            ("Planned dates", head.planned_dates),
            ("Lead inspector", head.lead_inspector),
            ("Team", head.team),
            ("Key questions in scope", head.scope),
            ("Stage", stage_tag(head.stage_label)),
        ),
        rx.cond(head.serious_concern,
                rx.el.p(rx.el.strong("Serious concern raised: "), "an early outcome letter is due.",
                        class_name="ws-concern-banner", role="note")),
        rx.cond(~head.may_edit,
                rx.el.p("You can read this workspace but not change it.", class_name="panel ws-read-only")),
        rx.el.nav(
            rx.el.ul(*[rx.el.li(_tab(routes.workspace(head.inspection_id, part), label, part == current))
                      for part, label in SECTIONS]),
            aria_label="Workspace", class_name="ws-nav",
        ),
    )


def _tab(href: str, label: str, current: bool) -> rx.Component:
    if current:
        return rx.el.a(label, href=href, aria_current="page", class_name="ws-tab current")
    return rx.el.a(label, href=href, class_name="ws-tab")


def workspace_layout(title: str, state: type[WorkspaceBase], current: str, *children) -> rx.Component:
    """A workspace page: the header with ``current`` as the open tab, the last action's notice, then ``children``."""
    return page(title, workspace_header(state.view.header, current), notice_banner(state.notice), *children)


def ws_form(*children, on_submit, id: str | rx.Var, **props) -> rx.Component:
    """A workspace form: its fields stay filled when it is sent, so errors show beside what was typed."""
    return rx.el.form(*children, on_submit=on_submit, reset_on_submit=False, id=id, class_name="ws-form", **props)


def notice_banner(notice: rx.Var) -> rx.Component:
    return rx.cond(notice != "", rx.el.div(notice, class_name="notification success", role="status"))


def checkbox(name: str, label: rx.Var | str, field_id: str, checked: rx.Var | bool | None = None) -> rx.Component:
    """A labelled checkbox whose ticked value is sent as ``name: "on"``."""
    extra = {"default_checked": checked} if checked is not None else {}
    return rx.el.div(
        rx.el.input(type="checkbox", name=name, id=field_id, class_name="ws-checkbox-input", **extra),
        rx.el.label(label, html_for=field_id, class_name="ws-checkbox-label"),
        class_name="ws-checkbox",
    )
