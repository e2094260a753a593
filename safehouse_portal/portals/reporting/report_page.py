"""The inspector's report page: quality assurance, the factual accuracy check, changes, issue.

``/inspections/[inspection_id]/report``. The id comes from the route, never from an
event argument; the services decide who may see and do what.
"""

from typing import Any, Callable

import reflex as rx

from safehouse_portal.domain.ids import parse_id
from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.reporting import report_parts as parts
from safehouse_portal.portals.reporting.common import (
    EMPTY_PAGE, document_links, inspection_id_from_path, notice_box, reasons_box,
)
from safehouse_portal.services.reporting import fa_decisions
from safehouse_portal.services.reporting import qa, qa_reviewers
from safehouse_portal.services.reporting import issue as report_issue
from safehouse_portal.services.reporting.issue import ReportPageView
from safehouse_portal.portals.shared.edge import form_fields
from safehouse_portal.portals.shared.edge import programme_today as today
from safehouse_portal.portals.shared.shell import page, stage_tag, summary_list


class ReportPageState(AuthState):
    """The report's read model and the outcome of the last action on the page."""

    view: ReportPageView = EMPTY_PAGE
    notice: str = ""
    reasons: list[str] = []
    qa_errors: dict[str, str] = {}
    reviewer_errors: dict[str, str] = {}
    decision_errors: dict[str, str] = {}
    decision_comment: int = 0

    def _inspection_id(self) -> int | None:
        return inspection_id_from_path(self.router.url.path)

    def _refresh(self, session, actor) -> None:
        self.view = report_issue.report_page(session=session, actor=actor, inspection_id=self._inspection_id(),
                                             today=today())

    @rx.event
    def load(self):
        self._clear()
        return self._load_page(self._refresh)

    @rx.event
    def review_qa(self, form: dict):
        data = form_fields(form)
        done, outcome = self._act("qa_errors", lambda s, a: qa.review(
            session=s, actor=a, inspection_id=self._inspection_id(), data=data, today=today()))
        if done:
            self.notice = "Quality assurance recorded: " + qa.OUTCOME_LABELS[outcome].lower() + "."

    @rx.event
    def name_reviewer(self, form: dict):
        """A programme manager names an inspector to quality assure the draft."""
        data = form_fields(form)
        done, _ = self._act("reviewer_errors", lambda s, a: qa_reviewers.name_reviewer(
            session=s, actor=a, inspection_id=self._inspection_id(), data=data))
        if done:
            self.notice = "Reviewer named. They may now open the draft report and quality assure it."

    @rx.event
    def remove_reviewer(self, user_id: str):
        """A programme manager stops naming an inspector; they lose the draft unless on the team."""
        done, _ = self._act("reviewer_errors", lambda s, a: qa_reviewers.remove_reviewer(
            session=s, actor=a, inspection_id=self._inspection_id(), user_id=user_id))
        if done:
            self.notice = "Reviewer removed. They can no longer open the draft report."

    @rx.event
    def send_draft(self):
        self._step(report_issue.send_draft, "The draft report was sent to the provider. The factual accuracy "
                                            "check has started.")

    @rx.event
    def close_factual_accuracy(self):
        self._step(report_issue.close_factual_accuracy, "The factual accuracy check is closed. The report is "
                                                        "being finalised.")

    @rx.event
    def issue_final(self):
        self._step(report_issue.issue_final, "The final report was issued to the provider, the prime contractor "
                                             "and the Home Office.")

    @rx.event
    def decide(self, form: dict):
        data = form_fields(form)
        comment = data.get("comment_id", "")
        done, result = self._act("decision_errors", lambda s, a: fa_decisions.decide(
            session=s, actor=a, inspection_id=self._inspection_id(), data=data, today=today()))
        self.decision_comment = parse_id(comment) or 0
        if not done:
            return
        label = "accepted" if result.decision == "accepted" else "not accepted"
        changed = " Judgements changed: " + "; ".join(result.changed) + ". The inspection is flagged for the " \
            "independent quality panel." if result.changed else ""
        self.notice = f"Comment {comment} {label}.{changed}"

    def _step(self, service: Callable[..., Any], success: str) -> None:
        done, result = self._act("qa_errors", lambda s, a: service(
            session=s, actor=a, inspection_id=self._inspection_id(), today=today()))
        if not done:
            return
        if not result.allowed:
            self.reasons = list(result.reasons)
            return
        self.notice = success

    def _act(self, errors_field: str, action: Callable[[Any, Any], Any]) -> tuple[bool, Any]:
        """Run one service call and refresh the page; refusals land in ``errors_field``."""
        self._clear()
        return self._run(action, errors_field=errors_field, refresh=self._refresh)

    def _clear(self) -> None:
        self.notice, self.reasons = "", []
        self.qa_errors, self.reviewer_errors, self.decision_errors, self.decision_comment = {}, {}, {}, 0


def report_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/report``."""
    state, view = ReportPageState, ReportPageState.view
    return page(
        "Report",
        notice_box(state.notice),
        reasons_box(state.reasons),
        rx.cond(state.qa_errors.contains("form"),
                rx.el.div(rx.el.p(state.qa_errors["form"]), class_name="error-summary", role="alert")),
        rx.el.h2(view.group_name, class_name="heading-m"),
        summary_list(("Provider", view.provider_name), ("Stage", stage_tag(view.stage_label))),
        rx.el.p(rx.el.a("Back to the inspection's timeline", href=routes.inspection(view.inspection_id))),
        parts.quality_panel(view),
        rx.el.h2("Documents", class_name="heading-m"),
        document_links(view.inspection_id, view.documents),
        parts.qa_section(view, state.qa_errors, state.review_qa, state.send_draft,
                         parts.reviewers(view, state.reviewer_errors, state.name_reviewer, state.remove_reviewer)),
        parts.fa_section(view, state.decision_errors, state.decision_comment, state.decide,
                         state.close_factual_accuracy),
        parts.changes_section(view.changes),
        parts.issue_section(view, state.issue_final),
    )
