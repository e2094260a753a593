"""The "Plan the year" form and the planner's progress (stateless: each part takes the page's State).

Field ids are ``plan-`` + the field, so the error summary's links land on them.
"""

import reflex as rx

from safehouse_portal.portals.shared.forms import field_group
from safehouse_portal.services.planning.plan import MAX_WEEKS
from safehouse_portal.services.planning.plan_request import (
    DEFAULT_TIME_LIMIT, DEFAULT_WEEKS, MAX_TIME_LIMIT, NUMBER_LENGTH, RELEASE_PREFIX, WEIGHT_WORDS, YEAR_LENGTH,
)

PREFIX = "plan-"


def errors_box(state) -> rx.Component:
    """The error summary: it takes the focus when a run or an accept is refused."""
    return rx.cond(state.errors.length() > 0, rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.ul(rx.foreach(state.errors, lambda kv: rx.el.li(rx.el.a(kv[1], href="#" + PREFIX + kv[0])))),
        class_name="error-summary", role="alert", id="plan-errors", tab_index=-1))


def _number(state, name: str, label: str, default: object, hint: str, width: str = "input-short") -> rx.Component:
    return field_group(label, name, PREFIX, state.errors, rx.el.input(
        id=PREFIX + name, name=name, default_value=str(default), input_mode="numeric", class_name=f"input {width}",
        max_length=NUMBER_LENGTH,
        aria_describedby=f"{PREFIX}{name}-hint"), hint=hint)


def _date_part(name: str, label: str, default, width: str, first: bool) -> rx.Component:
    control_id = f"{PREFIX}first_day" if first else f"{PREFIX}first_day-{name}"
    return rx.el.div(
        rx.el.label(label, html_for=control_id, class_name="label"),
        rx.el.input(id=control_id, name=f"first_day_{name}", default_value=default, input_mode="numeric",
                    max_length=YEAR_LENGTH,
                    class_name=f"input {width}", aria_describedby="plan-first_day-hint"),
        class_name="date-part")


def _first_day(state) -> rx.Component:
    errors = state.errors
    return rx.el.div(
        rx.el.fieldset(
            rx.el.legend("First day of the plan", class_name="label"),
            rx.el.span("Every announcement falls on or after it, so the first inspections start about two weeks "
                       "later. For example, 4 1 2027.", class_name="hint", id="plan-first_day-hint"),
            rx.cond(errors.contains("first_day"),
                    rx.el.span(errors["first_day"], class_name="error-message", id="plan-first_day-error")),
            rx.el.div(_date_part("day", "Day", state.default_day, "input-2", True),
                      _date_part("month", "Month", state.default_month, "input-2", False),
                      _date_part("year", "Year", state.default_year, "input-4", False),
                      class_name="date-parts"),
            class_name="fieldset"),
        class_name=rx.cond(errors.contains("first_day"), "form-group error", "form-group"))


def _weights(state) -> rx.Component:
    return rx.el.details(
        rx.el.summary("Objective weights (what the planner aims for)"),
        rx.el.p("Every plan keeps the hard rules: annual deadlines, 10 working days' notice, leave, 4-week limits, "
                "skills, one inspection per provider a week. Among those plans the planner prefers the one that "
                "costs least by these weights. A higher number makes that aim count more; 0 switches it off.",
                class_name="hint"),
        *[_number(state, f"weight_{w.name}", w.label, w.default, f"{w.hint} Default {w.default}.")
          for w in WEIGHT_WORDS],
        class_name="plan-weights", id="plan-weights")


def _release(state) -> rx.Component:
    errors = state.errors
    return rx.cond(state.releasable.length() > 0, rx.el.div(
        rx.el.fieldset(
            rx.el.legend("Planned inspections the planner may move", class_name="label"),
            rx.el.span("Inspections already planned stay where they are. Tick any the planner may move; it will "
                       "move them as little as it can.", class_name="hint"),
            rx.cond(errors.contains("release"),
                    rx.el.span(errors["release"], class_name="error-message", id="plan-release-error")),
            rx.el.div(rx.foreach(state.releasable, lambda c: rx.el.div(
                rx.el.input(type="checkbox", name=RELEASE_PREFIX + c.id.to_string(),
                            id=PREFIX + RELEASE_PREFIX + c.id.to_string()),
                rx.el.label(c.label, html_for=PREFIX + RELEASE_PREFIX + c.id.to_string()),
                class_name="checkbox-row")), id="plan-release", class_name="plan-release-list"),
            class_name="fieldset"),
        class_name=rx.cond(errors.contains("release"), "form-group error", "form-group")))


def run_form(state) -> rx.Component:
    """Choose the plan's first day, length, weights and time limit; then run."""
    return rx.el.form(
        _first_day(state),
        _number(state, "weeks", "Weeks to plan", DEFAULT_WEEKS, f"From 1 to {MAX_WEEKS}. 52 is a year."),
        _number(state, "time_limit", "Time limit in seconds", DEFAULT_TIME_LIMIT,
                f"From 1 to {MAX_TIME_LIMIT}. The planner stops then and shows the best plan it found."),
        _weights(state),
        _release(state),
        rx.el.button(rx.cond(state.running, "Planning...", "Plan the year"), type="submit", class_name="button",
                     id="run-planner", disabled=state.running),
        on_submit=state.run, reset_on_submit=False, id="plan-form",
    )


def progress(state) -> rx.Component:
    """While the planner works: how long, how many plans, how good the best so far; and Cancel."""
    return rx.cond(state.running, rx.el.section(
        rx.el.h2("Planning", class_name="heading-m", id="plan-progress-heading"),
        rx.el.progress(value=state.progress_value, max=state.progress_max, id="plan-progress",
                       aria_labelledby="plan-progress-heading", class_name="plan-progress"),
        rx.el.p(rx.el.span(state.progress_seconds, id="plan-seconds"), " seconds of ",
                state.progress_max.to_string(), ". Plans found so far: ",
                rx.el.span(state.plans_found.to_string(), id="plan-found"),
                ". The best so far is ", rx.el.span(state.gap_text, id="plan-gap"), "."),
        rx.el.button(rx.cond(state.cancelling, "Stopping...", "Cancel"), type="button",
                     class_name="button secondary", id="cancel-planner", disabled=state.cancelling,
                     on_click=state.cancel(state.run_id)),
        class_name="panel", id="plan-running", aria_labelledby="plan-progress-heading"))
