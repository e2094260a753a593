"""An inspection's page: its header, every deadline with how it was worked out, and its forms.

The inspection id comes from the route (``/inspections/[inspection_id]``), never from an
event argument; the services decide who may see and do what.
"""

from typing import Any, Callable

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.domain.working_days import format_long_date
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.portals.programme.timeline_actions import extend_form, move_form, record_form
from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.services.core import access
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.programme.schedule import TimelineView
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.shell import page, stage_tag, summary_list, table

_EMPTY = TimelineView()
STAFF_ROLES = (Role.INSPECTOR, Role.PROGRAMME_MANAGER, Role.ADMIN)
_STATE_COLOURS = {
    "done": {"background": "#cce2d8", "color": "#005a30"},
    "due_soon": {"background": "#fcd6c3", "color": "#6e3619"},
}
"""Text always says the state; colour only repeats it (overdue uses the red tag)."""


class InspectionTimelineState(AuthState):
    """The inspection's read model and the outcome of the last form sent from the page."""

    view: TimelineView = _EMPTY
    notice: str = ""
    move_reasons: list[str] = []
    move_errors: dict[str, str] = {}
    extend_errors: dict[str, str] = {}
    record_errors: dict[str, str] = {}
    may_allocate: bool = False
    staff: bool = False
    audit_href: str = ""
    """The inspection's own audit trail, for those who may read the trail ("" for others)."""

    def _inspection_id(self) -> int | None:
        return id_from_path(self.router.url.path)

    def _refresh(self, session, actor) -> None:
        self.view = schedule.inspection_timeline(session=session, actor=actor,
                                                 inspection_id=self._inspection_id(), today=programme_today())
        self.may_allocate = access.may(actor, Action.MANAGE_PROGRAMME) and self.view.stage == Stage.PLANNED.value
        self.staff = actor.role in STAFF_ROLES
        self.audit_href = routes.audit_trail({"inspection": self.view.inspection_id}) \
            if access.may(actor, Action.VIEW_AUDIT_TRAIL) else ""

    @rx.event
    def load(self):
        self._clear()
        return self._load_page(self._refresh)

    @rx.event
    def move_stage(self, form: dict):
        data = form_fields(form)
        done, result = self._act("move_errors", lambda session, actor: schedule.move_stage(
            session=session, actor=actor, inspection_id=self._inspection_id(), target=data.get("target"),
            reason=data.get("reason"), today=programme_today()))
        if not done:
            return
        if not result.allowed:
            self.move_reasons = list(result.reasons)
            return
        recorded = "".join(f" Recorded: {step}." for step in result.recorded_steps)
        self.notice = f"The inspection is now at {self.view.stage_label}.{recorded}"
        return BoardLive.announce

    @rx.event
    def extend_deadline(self, form: dict):
        data = form_fields(form)
        done, new_due = self._act("extend_errors", lambda session, actor: schedule.extend_deadline(
            session=session, actor=actor, inspection_id=self._inspection_id(), data=data, today=programme_today()))
        if done:
            self.notice = f"Deadline extended to {format_long_date(new_due)}. The original date is kept."
            return BoardLive.announce

    @rx.event
    def record_step(self, form: dict):
        data = form_fields(form)
        step = data.get("step")
        done, _ = self._act("record_errors", lambda session, actor: schedule.record_step(
            session=session, actor=actor, inspection_id=self._inspection_id(), step=step, on=data.get("on"),
            today=programme_today()))
        if done:
            self.notice = f"Recorded: {schedule.RECORDABLE_STEPS[step]}."
            return BoardLive.announce

    def _act(self, errors_field: str, action: Callable[[Any, Any], Any]) -> tuple[bool, Any]:
        """Run one service call and refresh the page; refusals land in ``errors_field``.

        Returns:
            Whether the call went through, and what it returned.
        """
        self._clear()
        return self._run(action, errors_field=errors_field, refresh=self._refresh)

    def _clear(self) -> None:
        self.may_allocate = self.staff = False
        self.notice, self.move_reasons = "", []
        self.move_errors, self.extend_errors, self.record_errors = {}, {}, {}


def _state_tag(m) -> rx.Component:
    return rx.match(
        m.state,
        ("overdue", rx.el.strong(m.state_text, class_name="tag red")),
        ("done", rx.el.strong(m.state_text, class_name="tag", style=_STATE_COLOURS["done"])),
        ("due_soon", rx.el.strong(m.state_text, class_name="tag", style=_STATE_COLOURS["due_soon"])),
        rx.el.strong(m.state_text, class_name="tag"),
    )


def _due_cell(m) -> rx.Component:
    return rx.el.td(
        rx.el.span(m.due, style={"font-weight": "bold"}),
        rx.foreach(m.extension_notes, lambda note: rx.el.p(note, class_name="hint")),
        rx.el.details(rx.el.summary("How this date was worked out"), rx.el.p(m.explanation)),
    )


def _milestone_row(m) -> list[rx.Component]:
    return [
        rx.el.th(m.label, scope="row"),
        rx.el.td(m.planned_due),
        _due_cell(m),
        rx.el.td(rx.cond(m.done_on != "", m.done_on, "Not yet")),
        rx.el.td(_state_tag(m)),
    ]


def _header(view) -> rx.Component:
    return summary_list(
        ("Provider", view.provider_name),
        ("Inspection group", view.group_name),
        ("Type", view.type_label),
        ("Mode", view.mode_label),
        ("Planned dates", view.planned_dates),
        ("Lead inspector", view.lead_inspector),
        ("Serious concerns", rx.cond(view.serious_concern, "Yes: an early outcome letter is due", "No")),
        ("Stage", stage_tag(view.stage_label)),
    )


def _related_pages(view, may_allocate) -> rx.Component:
    """Links to the inspection's other pages (each decides who may see it)."""
    inspection_id = view.inspection_id
    return rx.el.nav(
        rx.el.ul(
            rx.el.li(rx.el.a("Workspace: scope, evidence and judgements", href=routes.workspace(inspection_id))),
            rx.el.li(rx.el.a("Announcement call: the guidance's items, and follow-up calls",
                             href=routes.announcement_call(inspection_id), id="announcement-call-link")),
            rx.el.li(rx.el.a("Provider information return (PIR)", href=routes.inspection_pir(inspection_id),
                             id="pir-link")),
            rx.el.li(rx.el.a("Information requests", href=routes.inspection_requests(inspection_id))),
            rx.el.li(rx.el.a("Report, quality assurance and factual accuracy", href=routes.report(inspection_id))),
            rx.cond(may_allocate, rx.el.li(rx.el.a("Change the allocation (type, dates, lead and team)",
                                                   href=routes.allocation(inspection_id),
                                                   id="change-allocation"))),
            class_name="related-links",
        ),
        aria_label="This inspection's pages",
    )


def inspection_timeline_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]``."""
    state, view = InspectionTimelineState, InspectionTimelineState.view
    return page(
        "Inspection",
        rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success", role="status")),
        rx.el.h2(view.group_name, class_name="heading-m"),
        _header(view),
        rx.cond(view.reason_label != "", rx.el.p(
            rx.el.strong("Reason for the inspection: "), view.reason_label,
            rx.cond(view.short_notice_reason != "", rx.el.span(". Short notice: ", view.short_notice_reason)),
            class_name="body", id="inspection-reason")),
        rx.cond(state.staff & (view.inspection_id > 0), _related_pages(view, state.may_allocate)),
        rx.cond(view.schedule_note != "", rx.el.p(view.schedule_note, class_name="panel")),
        table(["Milestone", "Planned", "Due", "Done", "State"], view.milestones, _milestone_row,
              caption="Deadlines (in working days: weekends, bank holidays and programme closures do not count)"),
        rx.cond(view.may_move & (view.move_targets.length() > 0),
                move_form(view, state.move_reasons, state.move_errors, state.move_stage)),
        rx.cond(view.may_extend & (view.extendable.length() > 0),
                extend_form(view, state.extend_errors, state.extend_deadline)),
        rx.cond(view.may_record, record_form(view, state.record_errors, state.record_step)),
        rx.cond(state.audit_href != "", rx.el.p(rx.el.a("This inspection's audit trail", href=state.audit_href,
                                                        id="inspection-audit-trail"))),
    )

