"""The sections of the inspector's report page, stateless: each takes the vars it shows.

Showing a form only to those who may use it is a courtesy; the services refuse everyone else.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.enums import RATING_LABELS
from safehouse_portal.portals.reporting.common import download_link
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.shell import table
from safehouse_portal.services.reporting import qa
from safehouse_portal.services.reporting.fa_decisions import MAX_AMENDED_TEXT
from safehouse_portal.services.reporting.factual_accuracy import MAX_TEXT

RATING_CHOICES = [("keep", "Keep the judgement as it is"), *[(r.value, label) for r, label in RATING_LABELS.items()]]


def quality_panel(view: rx.Var) -> rx.Component:
    """The flag for the independent quality panel, with every judgement change and its reason."""
    return rx.cond(view.quality_panel_flag, rx.el.div(
        rx.el.h2("Flagged for the independent quality panel", class_name="heading-m"),
        rx.el.p("A judgement changed after the factual accuracy check:"),
        rx.el.ul(rx.foreach(view.quality_panel_reason, lambda line: rx.el.li(line))),
        rx.cond(view.quality_panel.open,
                rx.el.p(view.quality_panel.blocking_reason, class_name="warning-text", id="panel-holds-final")),
        rx.cond(view.quality_panel.outcome != "",
                rx.el.p("Panel outcome: ", rx.el.strong(view.quality_panel.outcome_label), ". ",
                        view.quality_panel.outcome_reason, id="panel-outcome")),
        rx.cond(view.may_view_panel, rx.el.p(rx.el.a("Open the quality panel review",
                                                     href=routes.quality_panel(view.inspection_id),
                                                     id="to-quality-panel"))),
        class_name="panel quality-panel", id="quality-panel",
    ))


def qa_section(view: rx.Var, errors: rx.Var, on_review, on_send, reviewers_part: rx.Component) -> rx.Component:
    """Quality assurance: who may review, the reviews so far, the reviewer's form, sending the signed-off draft."""
    return rx.el.section(
        rx.el.h2("Quality assurance", class_name="heading-m"),
        reviewers_part,
        rx.el.p(rx.cond(view.qa_signed_off, "The draft is signed off.",
                        "The draft has not been signed off."), id="qa-status"),
        rx.cond(view.qa_reviews.length() > 0, table(
            ["Reviewer", "Outcome", "Comments", "Date"], view.qa_reviews,
            lambda r: [rx.el.td(r.reviewer), rx.el.td(r.outcome_label), rx.el.td(r.comments), rx.el.td(r.on)],
            caption="Reviews")),
        rx.cond(view.may_review, _qa_form(errors, on_review)),
        rx.cond(view.can_send_draft, rx.el.div(
            rx.el.p("Once quality assurance has signed it off, send the draft to the provider. They then have "
                    "10 working days to comment on its factual accuracy.", class_name="hint"),
            rx.el.button("Send the draft to the provider", on_click=on_send, class_name="button", id="send-draft"),
        )),
        id="qa",
    )


def _qa_form(errors: rx.Var, on_submit) -> rx.Component:
    return rx.el.form(
        rx.el.h3("Review the draft"),
        rx.cond((errors.length() > 0) & ~errors.contains("form"), error_summary(errors, "qa-")),
        field_group("Outcome", "outcome", "qa-", errors, rx.el.div(
            _radio("outcome", "signed_off", "Sign off the draft", "qa-outcome"),
            _radio("outcome", "returned", "Return it with comments", "qa-returned"),
        )),
        field_group("Comments", "comments", "qa-", errors, rx.el.textarea(
            id="qa-comments", name="comments", class_name="input", rows=4, max_length=qa.MAX_COMMENTS),
            hint="Needed to return the draft: what must change before it can be signed off."),
        rx.el.button("Record quality assurance", type="submit", class_name="button", id="record-qa"),
        on_submit=on_submit, reset_on_submit=False, id="qa-form",
    )


def reviewers(view: rx.Var, errors: rx.Var, on_name, on_remove) -> rx.Component:
    """The named reviewers (besides the team, the only inspectors who may review), and naming them."""
    return rx.el.div(
        rx.el.h3("Reviewers"),
        rx.el.p("Besides the inspection's team (not its lead), only the inspectors named here may open the draft "
                "report and its letters and quality assure it.", class_name="hint"),
        rx.cond(view.qa_reviewers.length() > 0,
                rx.el.ul(rx.foreach(view.qa_reviewers, lambda r: rx.el.li(
                    r.name, rx.cond(view.may_name_reviewers, rx.el.button(
                        "Remove", type="button", class_name="button secondary small",
                        on_click=on_remove(r.user_id.to_string()), id="remove-reviewer-" + r.user_id.to_string(),
                        aria_label="Remove " + r.name))))),
                rx.el.p("No reviewer is named.")),
        rx.cond(view.may_name_reviewers, _reviewer_form(view, errors, on_name)),
        id="qa-reviewers",
    )


def _reviewer_form(view: rx.Var, errors: rx.Var, on_submit) -> rx.Component:
    return rx.el.form(
        rx.cond(errors.length() > 0, error_summary(errors, "qa-")),
        field_group("Name a reviewer", "reviewer", "qa-", errors, rx.el.select(
            rx.el.option("Choose an inspector", value=""),
            rx.foreach(view.reviewer_choices, lambda o: rx.el.option(o.label, value=o.value)),
            id="qa-reviewer", name="reviewer", class_name="select")),
        rx.el.button("Name reviewer", type="submit", class_name="button secondary", id="name-reviewer"),
        on_submit=on_submit, reset_on_submit=False, id="reviewer-form",
    )


def _radio(name: str, value: str, label: str, element_id) -> rx.Component:
    return rx.el.div(
        rx.el.input(type="radio", name=name, value=value, id=element_id),
        rx.el.label(label, html_for=element_id),
        class_name="radio",
    )


def fa_section(view: rx.Var, errors: rx.Var, errors_for: rx.Var, on_decide, on_close) -> rx.Component:
    """The factual accuracy window, each comment with its decision or the form to decide it."""
    return rx.cond(view.window.due != "", rx.el.section(
        rx.el.h2("Factual accuracy check", class_name="heading-m"),
        rx.el.p(rx.el.strong("Comments due by: "), view.window.due),
        rx.el.p(view.window.countdown, class_name="tag", id="fa-countdown"),
        rx.el.details(rx.el.summary("How this date was worked out"), rx.el.p(view.window.explanation)),
        rx.cond(view.decisions.length() == 0, rx.el.p("The provider has sent no comments.")),
        rx.foreach(view.decisions, lambda d: _comment_card(d, view.can_decide, errors, errors_for, on_decide)),
        rx.cond(view.can_close_fa, rx.el.div(
            rx.el.p("Close the check when the window is over or the provider has said it has no more comments, "
                    "and every comment has a decision.", class_name="hint"),
            rx.el.button("Close the factual accuracy check", on_click=on_close, class_name="button",
                         id="close-fa"),
        )),
        id="factual-accuracy",
    ))


def _comment_card(d: rx.Var, can_decide: rx.Var, errors: rx.Var, errors_for: rx.Var, on_decide) -> rx.Component:
    c = d.comment
    return rx.el.div(
        rx.el.h3(c.section_title, ": ", c.kind_label),
        rx.el.dl(
            rx.el.dt("Text concerned"), rx.el.dd(c.text_concerned),
            rx.el.dt("Proposed correction"), rx.el.dd(c.proposed_correction),
            rx.el.dt("Sent"), rx.el.dd(c.submitted_on),
            class_name="comment-details",
        ),
        rx.cond(c.files.length() > 0, rx.el.ul(rx.foreach(c.files, lambda f: rx.el.li(
            download_link(f.name, href=routes.file(f.id)), " (", f.size_text, ")")))),
        rx.cond(c.decided, rx.el.p(
            rx.el.strong(c.decision_label, class_name=rx.cond(c.decision == "accepted", "tag green", "tag grey")),
            " ", c.reason, rx.cond(c.changes_judgement, rx.el.strong(" Judgement changed.")),
            class_name="decision"),
            rx.cond(can_decide, _decision_form(d, errors, errors_for, on_decide))),
        class_name="fa-comment", id="comment-" + c.id.to_string(),
    )


def _decision_form(d: rx.Var, errors: rx.Var, errors_for: rx.Var, on_submit) -> rx.Component:
    c = d.comment
    prefix = "decide-" + c.id.to_string() + "-"
    return rx.el.form(
        rx.el.input(type="hidden", name="comment_id", value=c.id.to_string()),
        rx.cond((errors_for == c.id) & (errors.length() > 0), rx.el.div(
            rx.el.h2("There is a problem"),
            rx.el.ul(rx.foreach(errors, lambda kv: rx.el.li(kv[1]))),
            class_name="error-summary", role="alert")),
        rx.el.fieldset(
            rx.el.legend("Decision", class_name="label"),
            _radio("decision", "accepted", "Accepted", prefix + "accepted"),
            _radio("decision", "not_accepted", "Not accepted", prefix + "not_accepted"),
        ),
        rx.el.label("Reason", html_for=prefix + "reason", class_name="label"),
        rx.el.textarea(id=prefix + "reason", name="reason", class_name="input", rows=3, max_length=MAX_TEXT),
        rx.match(
            d.section_kind,
            ("kloe", rx.el.div(
                rx.el.label("Corrected findings (if accepted)", html_for=prefix + "amended_text", class_name="label"),
                rx.el.textarea(id=prefix + "amended_text", name="amended_text", class_name="input", rows=6,
                               default_value=d.current_text, max_length=MAX_AMENDED_TEXT),
                _rating_select(prefix, d.current_rating),
            )),
            ("kq", _rating_select(prefix, d.current_rating)),
            rx.el.p("Correct this section in the inspection's records if needed.", class_name="hint"),
        ),
        rx.el.button("Record decision", type="submit", class_name="button", id=prefix + "submit"),
        on_submit=on_submit, reset_on_submit=False, class_name="decision-form",
    )


def _rating_select(prefix, current: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.label("Judgement (if accepted)", html_for=prefix + "new_rating", class_name="label"),
        rx.el.span("Now: ", rx.match(current, *[(r.value, label) for r, label in RATING_LABELS.items()],
                                     "Not yet judged"), class_name="hint"),
        rx.el.select(*[rx.el.option(label, value=value) for value, label in RATING_CHOICES],
                     id=prefix + "new_rating", name="new_rating", class_name="select"),
        rx.el.div(rx.el.input(type="checkbox", name="significant", id=prefix + "significant", class_name="checkbox"),
                  rx.el.label("This change is significant: send it to the independent quality panel",
                              html_for=prefix + "significant"), class_name="checkbox-row"),
        rx.el.span("A changed key question always goes to the panel.", class_name="hint"),
    )


def changes_section(changes: rx.Var) -> rx.Component:
    """Every change between the draft as sent and the final."""
    return rx.cond(changes.length() > 0, rx.el.section(
        rx.el.h2("Changes since the draft was sent", class_name="heading-m"),
        rx.foreach(changes, lambda c: rx.el.div(
            rx.el.h3(c.title, " (", c.kind, ")"),
            rx.foreach(c.removed, lambda line: rx.el.p(rx.el.strong("Draft: "), line, class_name="removed")),
            rx.foreach(c.added, lambda line: rx.el.p(rx.el.strong("Final: "), line, class_name="added")),
            class_name="change",
        )),
        id="changes",
    ))


def issue_section(view: rx.Var, on_issue) -> rx.Component:
    """Issuing the final report, and to whom it went."""
    return rx.el.section(
        rx.cond(view.can_issue, rx.el.div(
            rx.el.h2("Issue the final report", class_name="heading-m"),
            rx.el.p("The final report goes to the provider, the prime contractor and the Home Office today. "
                    "Recommendations' due dates are counted from today.", class_name="hint"),
            rx.el.button("Issue the final report", on_click=on_issue, class_name="button", id="issue-final"),
        )),
        rx.cond(view.issues.length() > 0, table(
            ["Recipient", "Issued on"], view.issues, lambda i: [rx.el.td(i.recipient), rx.el.td(i.issued_on)],
            caption="Final report issued")),
        id="issue",
    )
