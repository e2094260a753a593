"""The survey link as staff and providers see it: a panel on the workspace, a section on the provider's home.

Inspectors (the lead, the team) and programme managers open the link and set its closing
date on the inspection workspace's overview; the provider's lead sees their open links and
how many have answered, to pass the link on. Neither ever receives an answer: the read
models hold counts only. The inspection id comes from the route, never from an argument.
"""

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.portals.shared.edge import form_fields, id_from_path, programme_today
from safehouse_portal.portals.shared.downloads import download_link
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.services.survey import links
from safehouse_portal.services.survey.links import ProviderSurveyLink, SurveyLinkView


class SurveyLinkState(AuthState):
    """One inspection's survey link (for its lead, team or a programme manager) and the last action's notice."""

    link: SurveyLinkView = SurveyLinkView()
    url: str = ""
    shown: bool = False
    notice: str = ""
    errors: dict[str, str] = {}

    def _inspection_id(self) -> int | None:
        parts = [p for p in self.router.url.path.split("/") if p]
        return id_from_path(self.router.url.path, 1) if parts[:1] == ["inspections"] else None

    def _fill(self, session, actor) -> None:
        self.link = links.link_for_inspection(session=session, actor=actor, inspection_id=self._inspection_id(),
                                              today=programme_today())
        self.url = self.router.url.origin + routes.survey(self.link.token) if self.link.has_link else ""
        self.shown = True

    @rx.event
    def load(self):
        """Show the panel to those who may manage the survey; to anyone else, nothing at all."""
        self.link, self.url, self.shown, self.notice, self.errors = SurveyLinkView(), "", False, "", {}
        self._run(self._fill, errors_field=None)

    @rx.event
    def open_link(self, form: dict):
        self._act(links.open_link, form, "The survey link is open. Give it to the provider to pass on.")

    @rx.event
    def set_closing_date(self, form: dict):
        self._act(links.set_closing_date, form, "The closing date is changed.")

    def _act(self, service, form: object, success: str) -> None:
        closes_on = form_fields(form).get("closes_on", "")
        self.notice = ""
        done, _ = self._run(lambda session, actor: service(
            session=session, actor=actor, inspection_id=self._inspection_id(), closes_on=closes_on,
            today=programme_today()), refresh=self._fill)
        if done:
            self.notice = success


def _date_form(label: str, button: str, handler, form_id: str) -> rx.Component:
    state = SurveyLinkState
    return rx.el.form(
        rx.cond(state.errors.length() > 0, error_summary(state.errors, "survey-")),
        field_group(label, "closes_on", "survey-", state.errors, rx.el.input(
            type="date", id="survey-closes_on", name="closes_on", class_name="input",
            default_value=state.link.closes_on), hint="Survivors can answer up to and including this day."),
        rx.el.button(button, type="submit", class_name="button", id=form_id + "-submit"),
        on_submit=handler, reset_on_submit=False, id=form_id, class_name="ws-form",
    )


def survey_panel() -> rx.Component:
    """The "Survivor survey" section of the workspace overview."""
    state, link = SurveyLinkState, SurveyLinkState.link
    return rx.cond(state.shown, rx.el.section(
        rx.el.h2("Survivor survey", class_name="heading-m"),
        rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success", role="status")),
        rx.cond(
            link.has_link,
            rx.el.div(
                rx.el.p("Link: ", rx.el.a(state.url, href=routes.survey(link.token), id="survey-link")),
                rx.el.p(rx.cond(link.is_open, "Open until ", "Closed on "), link.closes_text, id="survey-closes"),
                rx.el.p("Responses so far: ", rx.el.strong(link.responses.to_string(), id="survey-responses")),
                rx.el.p("Answers are confidential: the provider sees the link and this number only.",
                        class_name="hint"),
                rx.el.p(rx.el.a("See the survey results, enter paper questionnaires and print the survey",
                                href=routes.survey_results(link.inspection_id), id="survey-results-link")),
                _date_form("Change the closing date", "Change closing date", state.set_closing_date,
                           "survey-date-form"),
            ),
            rx.el.div(
                rx.el.p("Survivors answer anonymously, in their own language, through a link the provider passes on.",
                        class_name="hint"),
                _date_form("Closing date", "Open the survey link", state.open_link, "survey-open-form"),
            ),
        ),
        id="survivor-survey",
    ))


def _handouts(s) -> rx.Component:
    """The poster and pocket cards of one link, in each language (PDFs carrying the link's QR code)."""
    def row(lang) -> rx.Component:
        return rx.el.tr(
            rx.el.th(lang[1], scope="row", lang=lang[0]),
            rx.el.td(download_link("Poster (A4)", href=routes.survey_document(s.inspection_id, "poster-" + lang[0]),
                                   class_name="provider-survey-poster"), data_label="Poster"),
            rx.el.td(download_link("Pocket cards", href=routes.survey_document(s.inspection_id, "cards-" + lang[0]),
                                   class_name="provider-survey-cards"), data_label="Pocket cards"))

    return rx.el.details(
        rx.el.summary("Posters and pocket cards to print, in each language"),
        rx.el.table(rx.el.thead(rx.el.tr(rx.el.th("Language", scope="col"), rx.el.th("Poster", scope="col"),
                                         rx.el.th("Pocket cards", scope="col"))),
                    rx.el.tbody(rx.foreach(s.languages, row)), class_name="table table-reflow"),
    )


GUIDANCE = (
    "Tell every survivor you support about the survey, in their own language, and say it is optional.",
    "Put up the poster where survivors will see it but staff will not watch them answer, such as a shared "
    "kitchen or a noticeboard, and give out pocket cards at key-work sessions.",
    "Let survivors answer on their own phone, or lend a device in a private space. Never fill it in for "
    "them, watch them answer or ask what they said.",
    "Offer an interpreter who is not from your service if someone wants help reading the questions.",
    "Survivors without a phone can ask CQC's inspectors for a paper questionnaire at the inspection.",
    "You will see how many people have answered, never what they said.",
)
"""How a provider passes the survey on (the guidance promises this to providers)."""


def _guidance() -> rx.Component:
    return rx.el.div(
        rx.el.h3("How to share the survey", class_name="heading-s"),
        rx.el.ul(*[rx.el.li(text) for text in GUIDANCE], class_name="list-bullet"),
        id="provider-survey-guidance",
    )


class ProviderSurveyState(AuthState):
    """The provider lead's open survey links and their counts of responses (never an answer)."""

    survey_links: list[ProviderSurveyLink] = []
    origin: str = ""

    @rx.event
    def load(self):
        self.survey_links, self.origin = [], self.router.url.origin

        def fill(session, actor):
            self.survey_links = links.provider_links(session=session, actor=actor, today=programme_today())

        self._run(fill, errors_field=None)


def provider_survey_section() -> rx.Component:
    """The provider home's section listing its open survey links."""
    state = ProviderSurveyState
    return rx.cond(state.survey_links.length() > 0, rx.el.section(
        rx.el.h2("Survivor survey", class_name="heading-m"),
        rx.el.p("Please give this link to the survivors you support. Their answers go to CQC only: "
                "you will see how many have answered, never what they said.", class_name="hint"),
        rx.el.ul(rx.foreach(state.survey_links, lambda s: rx.el.li(
            rx.el.h3(s.group_name, class_name="heading-s"),
            rx.el.p(rx.el.a(state.origin + routes.survey(s.token), href=routes.survey(s.token),
                            class_name="provider-survey-link")),
            rx.el.p("Open until ", s.closes_text, ". Responses so far: ",
                    rx.el.strong(s.responses.to_string(), class_name="provider-survey-responses")),
            _handouts(s),
        )), class_name="link-list", id="provider-survey-links"),
        _guidance(),
        id="provider-survivor-survey",
    ))
