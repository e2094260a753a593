"""The survivor survey at ``/survey/[token]``: public, step by step, in the survivor's own language.

Nobody signs in and nothing about the person is kept, here or in the database: this State
holds the survey's words, the step shown and the last message, never a cookie, a session
or an answer. The answers stay in the browser's one form (every question is in it, the
steps only hide and show its parts) until Send, which passes them to one ``submit`` call.
The page uses its own plain frame, without the portal's navigation or sign-in.
"""

import reflex as rx

from safehouse_portal.domain.survey import MAX_TEXT
from safehouse_portal.portals.shared.edge import form_fields, programme_today
from safehouse_portal.services.core.uow import unit_of_work
from safehouse_portal.services.survey import public
from safehouse_portal.services.survey.public import SurveyView

HONEYPOT = "website"
"""A field hidden from people; robots fill it (``public.submit`` then keeps nothing)."""
LANGUAGE, INTRO, QUESTIONS, THANKS = "language", "intro", "questions", "thanks"


def _token(path: str) -> str:
    parts = [p for p in (path or "").split("/") if p]
    return parts[1] if len(parts) == 2 and parts[0] == "survey" else ""


class SurveyState(rx.State):
    """The survey's words in the chosen language, the phase and step shown, and the last message."""

    view: SurveyView = SurveyView()
    phase: str = LANGUAGE
    step: int = 0
    problem: str = ""
    field_errors: dict[str, str] = {}

    def _link_token(self) -> str:
        return _token(self.router.url.path)

    def _show(self, language: object = None) -> None:
        with unit_of_work() as session:
            self.view = public.survey_for_token(session=session, token=self._link_token(),
                                                today=programme_today(), language=language)

    @rx.event
    def load(self):
        """Start afresh at the language choice: nothing from an earlier visit is kept."""
        self.reset()
        self._show()

    @rx.event
    def choose_language(self, code: str):
        """Show the survey (or why it cannot be answered) in the language chosen."""
        self.problem, self.field_errors, self.step = "", {}, 0
        self._show(code if isinstance(code, str) else None)
        self.phase = INTRO if self.view.language else LANGUAGE

    @rx.event
    def start(self):
        if self.view.status == public.OPEN and self.view.questions:
            self.phase, self.step = QUESTIONS, 0

    @rx.event
    def next_step(self):
        self.step = min(self.step + 1, max(len(self.view.questions) - 1, 0))

    @rx.event
    def back(self):
        if self.step == 0:
            self.phase = INTRO
        self.step = max(self.step - 1, 0)

    @rx.event
    def send(self, form: dict):
        """Send every answer at once; keep none of them here, whatever happens."""
        fields = form_fields(form)
        honeypot = fields.pop(HONEYPOT, "")
        with unit_of_work() as session:
            outcome = public.submit(session=session, token=self._link_token(), language=self.view.language,
                                    answers=fields, honeypot=honeypot, today=programme_today())
        self._after(outcome)

    def _after(self, outcome: public.SubmitOutcome) -> None:
        texts = self.view.texts
        self.problem, self.field_errors = "", {}
        if outcome.status == public.SENT:
            self.phase, self.view = THANKS, SurveyView(status=public.OPEN, languages=self.view.languages,
                                                       language=self.view.language, dir=self.view.dir, texts=texts)
        elif outcome.status in (public.CLOSED, public.UNKNOWN):
            self._show(self.view.language)
        elif outcome.status == public.BUSY:
            self.problem = texts.get("busy", "")
        else:
            self.field_errors = {code: texts.get(key, texts.get("error_title", "")) for code, key in
                                 outcome.errors.items()}
            self.problem = texts.get("error_title", "")
            codes = [q.code for q in self.view.questions]
            first = next((i for i, code in enumerate(codes) if code in self.field_errors), None)
            if first is not None:
                self.step = first


def _languages() -> rx.Component:
    return rx.el.div(
        rx.el.h1("Choose your language", class_name="survey-title", lang="en", dir="ltr"),
        rx.el.ul(rx.foreach(SurveyState.view.languages, lambda lang: rx.el.li(rx.el.button(
            lang.name, type="button", lang=lang.code, dir=lang.dir, class_name="survey-button survey-language",
            id="language-" + lang.code, on_click=SurveyState.choose_language(lang.code)))),
            class_name="survey-languages"),
        id="survey-languages",
    )


def _message(title: str, body: str, element_id: str) -> rx.Component:
    texts = SurveyState.view.texts
    return rx.el.div(rx.el.h1(texts[title], class_name="survey-title"), rx.el.p(texts[body]), id=element_id,
                     role="status")


def _intro() -> rx.Component:
    texts = SurveyState.view.texts
    return rx.match(
        SurveyState.view.status,
        (public.CLOSED, _message("closed_title", "closed_body", "survey-closed")),
        (public.UNKNOWN, _message("unknown_title", "unknown_body", "survey-unknown")),
        rx.el.div(
            rx.el.h1(texts["intro_title"], class_name="survey-title"),
            rx.el.p(rx.el.strong(texts["confidential"]), class_name="survey-promise", id="survey-promise"),
            rx.el.p(texts["intro_body"]),
            rx.el.p(texts["anonymous"], class_name="survey-inset"),
            rx.el.button(texts["start"], type="button", class_name="survey-button", id="survey-start",
                         on_click=SurveyState.start),
            id="survey-intro",
        ),
    )


def _choice(q) -> rx.Component:
    return rx.foreach(q.options, lambda o: rx.el.div(
        rx.el.input(type="radio", name=q.code, value=o.value, id="answer-" + q.code + "-" + o.value,
                    class_name="survey-radio-input"),
        rx.el.label(o.label, html_for="answer-" + q.code + "-" + o.value, class_name="survey-radio-label"),
        class_name="survey-radio"))


def _text(q) -> rx.Component:
    return rx.el.textarea(name=q.code, id="answer-" + q.code, rows=6, max_length=MAX_TEXT,
                          class_name="survey-textarea", aria_describedby="hint-" + q.code)


def _question(q, i) -> rx.Component:
    texts, last = SurveyState.view.texts, SurveyState.view.questions.length() - 1
    error = SurveyState.field_errors.contains(q.code)
    return rx.el.fieldset(
        rx.el.p(q.progress, class_name="survey-progress", id="progress-" + q.code),
        rx.el.legend(q.text, class_name="survey-question"),
        rx.el.p(q.hint, class_name="survey-hint", id="hint-" + q.code),
        rx.cond(error, rx.el.p(SurveyState.field_errors[q.code], class_name="survey-error", role="alert")),
        rx.cond(q.kind == "text", _text(q), _choice(q)),
        rx.el.div(
            rx.el.button(texts["back"], type="button", class_name="survey-button secondary", id="back-" + q.code,
                         on_click=SurveyState.back),
            rx.cond(i == last,
                    rx.el.button(texts["submit"], type="submit", class_name="survey-button", id="survey-send"),
                    rx.el.button(texts["next"], type="button", class_name="survey-button", id="next-" + q.code,
                                 on_click=SurveyState.next_step)),
            class_name="survey-actions"),
        class_name=rx.cond(error, "survey-step survey-step-error", "survey-step")
        + rx.cond(i == SurveyState.step, "", " survey-step-hidden"),
        id="step-" + q.code,
    )


def _questions() -> rx.Component:
    return rx.el.form(
        rx.cond(SurveyState.problem != "", rx.el.div(SurveyState.problem, class_name="survey-problem",
                                                     role="alert", id="survey-problem")),
        rx.el.div(rx.el.label("Leave this empty", html_for=HONEYPOT),
                  rx.el.input(name=HONEYPOT, id=HONEYPOT, type="text", tab_index=-1, auto_complete="off",
                               max_length=MAX_TEXT),
                  class_name="survey-honeypot", aria_hidden="true"),
        rx.foreach(SurveyState.view.questions, _question),
        on_submit=SurveyState.send, reset_on_submit=False, id="survey-form",
    )


def _thanks() -> rx.Component:
    return _message("thank_you_title", "thank_you_body", "survey-thanks")


def survey_page() -> rx.Component:
    """The page at ``/survey/[token]``: its own plain frame, the survey in the chosen language's direction."""
    return rx.el.div(
        rx.el.header(rx.el.p("Care Quality Commission", class_name="survey-brand"), class_name="survey-header"),
        rx.el.main(
            rx.match(SurveyState.phase,
                     (INTRO, _intro()), (QUESTIONS, _questions()), (THANKS, _thanks()), _languages()),
            id="survey", lang=rx.cond(SurveyState.view.language != "", SurveyState.view.language, "en"),
            dir=SurveyState.view.dir, class_name="survey-main",
        ),
        class_name="survey-page",
    )
