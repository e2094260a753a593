"""An inspection's survivor survey results (``/inspections/[inspection_id]/survey``), for its staff only.

Results by question, comments and a language filter, all already suppressed by the
service; from here the inspection's lead or team add a comment or a result to a KLOE's
evidence, check a quote for identifying details, quote it in the report, enter a paper
questionnaire and print the survey. The inspection comes from the route, never from an
argument; every argument a browser sends is checked by the service.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.domain.evidence import ROBUSTNESS_LABELS
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.shell import page
from safehouse_portal.portals.survey import results_parts as parts
from safehouse_portal.services.survey import evidence, paper, results
from safehouse_portal.services.survey.paper import PaperForm
from safehouse_portal.services.survey.results import SurveyResults


class SurveyResultsState(AuthState):
    """The results shown (suppressed by the service), the comment chosen for evidence, the last outcome."""

    view: SurveyResults = SurveyResults()
    paper_form: PaperForm = PaperForm()
    chosen: str = ""
    notice: str = ""
    errors: dict[str, str] = {}
    errors_of: str = ""
    form_key: int = 0
    _language: str = ""

    def _inspection_id(self) -> int | None:
        return id_from_path(self.router.url.path, 1)

    def _fill(self, session, actor) -> None:
        self.view = results.inspection_results(session=session, actor=actor, inspection_id=self._inspection_id(),
                                               language=self._language, today=programme_today())
        self.paper_form = (paper.paper_form(session=session, actor=actor, inspection_id=self._inspection_id())
                           if self.view.can_use else PaperForm())
        self.form_key += 1

    @rx.event
    def load(self):
        self.notice, self.errors, self.errors_of, self.chosen, self._language = "", {}, "", "", ""
        return self._load_page(self._fill)

    @rx.event
    def filter_language(self, form: dict):
        """Show one language's responses (or all): the service hides what is too small."""
        self._language = form_fields(form).get("language", "")
        self.notice, self.errors = "", {}
        self._run(self._fill, refusal_hides_page=True)

    @rx.event
    def choose(self, value: str):
        """Pick the comment or result to add as evidence (the service checks it is one shown)."""
        self.chosen = value if isinstance(value, str) and len(value) <= 80 else ""

    @rx.event
    def add_evidence(self, form: dict):
        fields = form_fields(form)
        kind, _, target = fields.get("item", "").partition("|")
        data = {**fields, "kind": kind, "ref": target, "question": target}
        self._act("evidence", "Added to the KLOE's evidence with the source \"Survivor survey\".",
                  lambda s, a: evidence.add_as_evidence(session=s, actor=a, inspection_id=self._inspection_id(),
                                                        data=data, today=programme_today()))

    @rx.event
    def mark_checked(self, form: dict):
        fields = form_fields(form)
        self._act("quotes", "The quote is marked checked for identifying details.",
                  lambda s, a: evidence.mark_checked(session=s, actor=a, inspection_id=self._inspection_id(),
                                                     evidence_id=fields.get("evidence_id"), quote=fields.get("quote")))

    @rx.event
    def quote_in_report(self, evidence_id: str, use: bool):
        self._act("quotes", "The report will quote it." if use is True else "The report will not quote it.",
                  lambda s, a: evidence.use_in_report(session=s, actor=a, inspection_id=self._inspection_id(),
                                                      evidence_id=evidence_id, use=use))

    @rx.event
    def enter_paper(self, form: dict):
        fields = form_fields(form)
        language = fields.pop("language", "")
        self._act("paper", "The paper questionnaire is entered and counted.",
                  lambda s, a: paper.enter_paper_response(session=s, actor=a, inspection_id=self._inspection_id(),
                                                          language=language, answers=fields,
                                                          today=programme_today()))

    def _act(self, where: str, success: str, action) -> None:
        self.notice, self.errors_of = "", where
        done, _ = self._run(action, refresh=self._fill)
        if done:
            self.notice, self.errors_of, self.chosen = success, "", ""


def survey_results_page() -> rx.Component:
    """The page at ``/inspections/[inspection_id]/survey``."""
    state, view = SurveyResultsState, SurveyResultsState.view
    return page(
        "Survivor survey results",
        rx.el.a("Back to the inspection workspace", href=routes.workspace(view.inspection_id), class_name="back-link",
                id="back-to-workspace"),
        rx.el.p(view.group_name, class_name="caption"),
        rx.el.div(rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success",
                                                        id="survey-notice")), role="status", aria_live="polite"),
        rx.cond(
            view.has_link,
            rx.el.div(
                parts.overview(view),
                parts.language_filter(view, state.filter_language),
                parts.questions(view, state),
                parts.comments(view, state),
                rx.cond(view.can_use, parts.evidence_form(view, state, ROBUSTNESS_LABELS)),
                parts.evidence_list(view, state),
                rx.cond(view.can_use, parts.paper_entry(state.paper_form, state)),
                parts.printables(view),
            ),
            rx.el.p("The survey link has not been opened yet. Open it on the workspace's overview.", id="no-link"),
        ),
    )
