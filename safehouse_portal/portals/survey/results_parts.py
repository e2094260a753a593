"""The survey results page's sections: overview, filter, results, comments, evidence, paper entry, printing.

Stateless: each takes the read model (already suppressed by the service) and the page
State whose handlers it submits to.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.survey import MAX_TEXT
from safehouse_portal.domain.survey_results import HIDDEN_TEXT
from safehouse_portal.portals.shared.downloads import download_link
from safehouse_portal.portals.shared.forms import error_summary, field_group, radios

DIRECTIONS = [("supports", "Supports the finding"), ("contradicts", "Contradicts the finding")]


def _errors(state, where: str) -> rx.Var:
    return rx.cond(state.errors_of == where, state.errors, {})


def _summary(state, where: str, prefix: str) -> rx.Component:
    return rx.cond((state.errors_of == where) & (state.errors.length() > 0),
                   rx.el.div(error_summary(state.errors, prefix), tab_index=-1, id=f"{prefix}error-summary"))


def overview(view) -> rx.Component:
    return rx.el.dl(
        rx.el.div(rx.el.dt("Survey"), rx.el.dd(view.status_text), class_name="summary-row"),
        rx.el.div(rx.el.dt("Responses"), rx.el.dd(rx.el.strong(view.total.to_string(), id="results-total"),
                                                  " (", view.paper.to_string(), " on paper)"),
                  class_name="summary-row"),
        class_name="summary-list",
    )


def language_filter(view, on_submit) -> rx.Component:
    return rx.el.form(
        rx.el.label("Language", html_for="results-language", class_name="label"),
        rx.el.select(rx.foreach(view.languages, lambda o: rx.el.option(o.label, value=o.code)),
                     id="results-language", name="language", class_name="select", default_value=view.language,
                     key=view.language),
        rx.el.button("Show", type="submit", class_name="button secondary", id="results-filter"),
        on_submit=on_submit, reset_on_submit=False, class_name="inline-form", id="results-filter-form",
    )


def _question(q) -> rx.Component:
    return rx.el.section(
        rx.el.h3(q.text, class_name="heading-s"),
        rx.cond(
            q.hidden,
            rx.el.p(HIDDEN_TEXT, class_name="hint survey-hidden"),
            rx.el.table(
                rx.el.caption(q.answered.to_string(), " answered"),
                rx.el.thead(rx.el.tr(rx.el.th("Answer", scope="col"), rx.el.th("Responses", scope="col"),
                                     rx.el.th("Percentage", scope="col"))),
                rx.el.tbody(rx.foreach(q.options, lambda o: rx.el.tr(
                    rx.el.th(o.label, scope="row"), rx.el.td(o.count.to_string()), rx.el.td(o.percent)))),
                class_name="table",
            ),
        ),
        id="result-" + q.code,
    )


def questions(view, state) -> rx.Component:
    return rx.el.section(
        rx.el.h2("Results by question", class_name="heading-m"),
        rx.el.p("Percentages are of those who answered the question. Any breakdown with fewer than 5 responses "
                "is hidden.", class_name="hint"),
        rx.cond(view.responses_hidden, rx.el.p(HIDDEN_TEXT, class_name="hint survey-hidden", id="responses-hidden")),
        rx.foreach(view.questions, _question),
    )


def comments(view, state) -> rx.Component:
    return rx.el.section(
        rx.el.h2("Comments", class_name="heading-m"),
        rx.cond(
            view.comments_hidden,
            rx.el.p("Comments: ", HIDDEN_TEXT, class_name="hint survey-hidden", id="comments-hidden"),
            rx.el.ul(rx.foreach(view.comments, lambda c: rx.el.li(
                rx.el.p(c.question_text, class_name="caption"),
                rx.el.blockquote(c.text, class_name="survey-comment"),
                rx.cond(view.can_use, rx.el.a("Add to a KLOE as evidence", href="#evidence-form",
                                              on_click=state.choose("comment|" + c.ref), class_name="link-button",
                                              id="use-" + c.ref.replace(":", "-"))),
            )), class_name="survey-comments", id="survey-comments"),
        ),
    )


def evidence_form(view, state, robustness) -> rx.Component:
    errors = _errors(state, "evidence")
    return rx.el.form(
        rx.el.h2("Add to a KLOE's evidence", class_name="heading-m"),
        rx.el.p("The evidence is recorded with the source \"Survivor survey\". A comment quoted in the report must "
                "first be checked for identifying details.", class_name="hint"),
        _summary(state, "evidence", "evidence-"),
        field_group("Comment or result", "item", "evidence-", errors, rx.el.select(
            rx.el.option("Choose a comment or a result", value=""),
            rx.foreach(view.questions, lambda q: rx.cond(~q.hidden, rx.el.option("Result: " + q.text,
                                                                                 value="result|" + q.code))),
            rx.foreach(view.comments, lambda c: rx.el.option("Comment: " + c.text, value="comment|" + c.ref)),
            id="evidence-item", name="item", class_name="select", value=state.chosen, on_change=state.choose)),
        field_group("KLOE", "kloe", "evidence-", errors, rx.el.select(
            rx.el.option("Choose a KLOE", value=""),
            rx.foreach(view.kloes, lambda k: rx.el.option(k[1], value=k[0])),
            id="evidence-kloe", name="kloe", class_name="select")),
        field_group("Direction", "supports", "evidence-", errors, radios("supports", "evidence-", DIRECTIONS)),
        field_group("Robustness", "robustness", "evidence-", errors, rx.el.select(
            rx.el.option("Choose how robust it is", value=""),
            *[rx.el.option(label, value=r.value) for r, label in robustness.items()],
            id="evidence-robustness", name="robustness", class_name="select")),
        rx.el.button("Add as evidence", type="submit", class_name="button", id="evidence-submit"),
        on_submit=state.add_evidence, reset_on_submit=False, id="evidence-form",
        key=state.form_key.to_string() + "-evidence",
    )


def _evidence_item(e, state, can_use) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(e.kloe_code), " · ", rx.cond(e.kind == "comment", "Comment", "Result"), " · ",
                rx.cond(e.kind == "comment",
                        rx.cond(e.checked, rx.el.strong("Checked for identifying details", class_name="tag"),
                                rx.el.strong("Not checked for identifying details", class_name="tag red")),
                        ""),
                rx.cond(e.in_report, rx.el.strong(" Quoted in the report", class_name="tag"))),
        rx.cond(e.quote != "", rx.el.blockquote(e.quote, class_name="survey-comment")),
        rx.cond(can_use & (e.kind == "comment") & ~e.checked, rx.el.form(
            rx.el.input(type="hidden", name="evidence_id", value=e.id.to_string()),
            rx.el.label("Quote, with anything that could identify the person taken out",
                        html_for="quote-" + e.id.to_string(), class_name="label"),
            rx.el.textarea(name="quote", id="quote-" + e.id.to_string(), default_value=e.quote, rows=3,
                           max_length=MAX_TEXT, class_name="input wide"),
            rx.el.button("Mark checked for identifying details", type="submit", class_name="button secondary",
                         id="check-" + e.id.to_string()),
            on_submit=state.mark_checked, reset_on_submit=False)),
        rx.cond(can_use & (e.kind == "comment"), rx.cond(
            e.in_report,
            rx.el.button("Stop quoting in the report", type="button", class_name="button secondary",
                         on_click=state.quote_in_report(e.id.to_string(), False), id="unquote-" + e.id.to_string()),
            rx.el.button("Quote in the report", type="button", class_name="button secondary",
                         on_click=state.quote_in_report(e.id.to_string(), True), id="quote-in-report-" + e.id.to_string()),
        )),
        class_name="survey-evidence",
    )


def evidence_list(view, state) -> rx.Component:
    return rx.cond(view.evidence.length() > 0, rx.el.section(
        rx.el.h2("Survey evidence", class_name="heading-m", id="survey-evidence"),
        _summary(state, "quotes", "quotes-"),
        rx.el.ul(rx.foreach(view.evidence, lambda e: _evidence_item(e, state, view.can_use)),
                 class_name="link-list", id="survey-evidence-list"),
    ))


def _paper_field(f) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(f.text),
        rx.cond(
            f.kind == "text",
            rx.el.textarea(name=f.code, id="paper-" + f.code, rows=3, max_length=MAX_TEXT, class_name="input wide",
                           aria_label=f.text),
            rx.el.div(rx.foreach(f.options, lambda o: rx.el.div(
                rx.el.input(type="radio", name=f.code, value=o[0], id="paper-" + f.code + "-" + o[0]),
                rx.el.label(o[1], html_for="paper-" + f.code + "-" + o[0]), class_name="pw-radio")),
                class_name="pw-radios"),
        ),
        class_name="form-group", id="paper-field-" + f.code,
    )


def paper_entry(form, state) -> rx.Component:
    errors = _errors(state, "paper")
    return rx.el.details(
        rx.el.summary("Enter a paper questionnaire", id="paper-summary"),
        rx.el.form(
            rx.el.p("Type in the answers exactly as ticked and written. It counts as one response, marked as paper.",
                    class_name="hint"),
            _summary(state, "paper", "paper-"),
            field_group("Language the questionnaire was filled in", "language", "paper-", errors, rx.el.select(
                rx.el.option("Choose a language", value=""),
                rx.foreach(form.languages, lambda lang: rx.el.option(lang[1], value=lang[0])),
                id="paper-language", name="language", class_name="select")),
            rx.foreach(form.fields, _paper_field),
            rx.el.button("Enter paper questionnaire", type="submit", class_name="button", id="paper-submit"),
            on_submit=state.enter_paper, reset_on_submit=True, id="paper-form",
            key=state.form_key.to_string() + "-paper",
        ),
        class_name="survey-paper",
    )


def printables(view) -> rx.Component:
    def row(lang) -> rx.Component:
        doc = lambda kind: routes.survey_document(view.inspection_id, kind + "-" + lang[0])  # noqa: E731
        return rx.el.tr(rx.el.th(lang[1], scope="row"),
                        rx.el.td(download_link("Paper questionnaire", href=doc("paper"))),
                        rx.el.td(download_link("Poster (A4)", href=doc("poster"))),
                        rx.el.td(download_link("Pocket cards", href=doc("cards"))))

    return rx.el.section(
        rx.el.h2("Print the survey", class_name="heading-m"),
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in ("Language", "Paper", "Poster", "Cards")])),
            rx.el.tbody(rx.foreach(view.print_languages, row)),
            class_name="table", id="survey-printables",
        ),
    )
