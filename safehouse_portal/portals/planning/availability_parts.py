"""The availability page's pieces: one card per inspector, the error summary, the CSV import box.

Stateless: each takes the page's State. A card's field ids are ``av-<user id>-<field>``, so
the summary's links land on the field of the card whose form was sent.
"""

import reflex as rx

from safehouse_portal.domain.planning import SKILL_LABELS
from safehouse_portal.domain.regions import REGIONS
from safehouse_portal.portals.shared.shell import table
from safehouse_portal.services.planning.availability import (
    COLUMNS, LIMIT_LENGTH, MAX_LEADS, PASTE_LENGTH, REASON_LENGTH,
)

SKILL_PREFIX = "skill-"
UPLOAD_ID = "availability-upload"
CSV_EXAMPLE = ("email,home_region,max_leads_per_4_weeks,skills,unavailable\n"
               "a.inspector@cqc.test,London,3,Children's safeguarding,2027-04-06..2027-04-10;2027-05-03")


def errors_box(state) -> rx.Component:
    """The summary of what was wrong with the last form sent; it takes the focus."""
    prefix = "#av-" + state.error_user_id.to_string() + "-"
    return rx.cond(state.errors.length() > 0, rx.el.div(
        rx.el.h2("There is a problem"),
        rx.el.ul(rx.foreach(state.errors, lambda kv: rx.el.li(rx.el.a(kv[1], href=prefix + kv[0])))),
        class_name="error-summary", role="alert", id="av-errors", tab_index=-1))


def _field(state, row, name: str, label: str, control: rx.Component, hint: str = "") -> rx.Component:
    mine = (state.error_user_id == row.user_id) & state.errors.contains(name)
    field_id = "av-" + row.user_id.to_string() + "-" + name
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="label"),
        rx.el.span(hint, class_name="hint") if hint else rx.fragment(),
        rx.cond(mine, rx.el.span(state.errors[name], class_name="error-message")),
        control,
        class_name=rx.cond(mine, "form-group error", "form-group"))


def _control_id(row, name: str) -> rx.Var:
    return "av-" + row.user_id.to_string() + "-" + name


def _settings_form(state, row) -> rx.Component:
    hidden = rx.el.input(type="hidden", name="user_id", value=row.user_id.to_string())
    region = rx.el.select(rx.el.option("Choose a region", value=""), *[rx.el.option(r, value=r) for r in REGIONS],
                          id=_control_id(row, "home_region"), name="home_region", class_name="select",
                          default_value=row.home_region)
    limit = rx.el.input(id=_control_id(row, "max_leads_per_4_weeks"), name="max_leads_per_4_weeks",
                        default_value=row.max_leads.to_string(), input_mode="numeric", class_name="input input-short",
                        max_length=LIMIT_LENGTH)
    skills = rx.el.div(*[rx.el.div(
        rx.el.input(type="checkbox", name=SKILL_PREFIX + key, id=_control_id(row, "skill-" + key),
                    default_checked=row.skills.contains(key)),
        rx.el.label(label, html_for=_control_id(row, "skill-" + key)), class_name="checkbox-row")
        for key, label in SKILL_LABELS.items()], id=_control_id(row, "skills"))
    return rx.el.form(
        hidden,
        _field(state, row, "home_region", "Home region", region, "Inspections near it cost the least travel."),
        _field(state, row, "max_leads_per_4_weeks", "Most inspections to lead in any 4 weeks", limit,
               f"A whole number from 0 to {MAX_LEADS}."),
        _field(state, row, "skills", "Skills", skills),
        rx.el.button("Save availability", type="submit", class_name="button",
                     id="av-save-" + row.user_id.to_string()),
        on_submit=state.save, reset_on_submit=False)


def _days_off_form(state, row) -> rx.Component:
    return rx.el.form(
        rx.el.h3("Add days off", class_name="heading-s"),
        rx.el.input(type="hidden", name="user_id", value=row.user_id.to_string()),
        _field(state, row, "first_day", "First day", rx.el.input(
            type="date", id=_control_id(row, "first_day"), name="first_day", class_name="input input-date")),
        _field(state, row, "last_day", "Last day", rx.el.input(
            type="date", id=_control_id(row, "last_day"), name="last_day", class_name="input input-date"),
            "Leave it empty for a single day."),
        _field(state, row, "reason", "Reason", rx.el.input(
            id=_control_id(row, "reason"), name="reason", default_value="Leave", max_length=REASON_LENGTH, class_name="input"),
            "For example: Leave, Training."),
        rx.el.button("Add days off", type="submit", class_name="button secondary",
                     id="av-add-" + row.user_id.to_string()),
        on_submit=state.add_days_off, reset_on_submit=True)


def _days_off_list(state, row) -> rx.Component:
    return rx.cond(row.days_off.length() > 0, rx.el.ul(rx.foreach(row.days_off, lambda d: rx.el.li(
        d.label, ": ", d.reason, " ",
        rx.el.button("Remove", type="button", class_name="link-like", on_click=state.remove_days_off(row.user_id, d.id),
                     aria_label="Remove days off " + d.label)),
    ), class_name="list", id="av-days-" + row.user_id.to_string()),
        rx.el.p("No days off recorded.", class_name="hint"))


def inspector_card(state, row) -> rx.Component:
    """One inspector: their settings, their days off, and the notice of the last change to them."""
    return rx.el.section(
        rx.el.h2(row.name, class_name="heading-m"),
        rx.el.p(row.email, class_name="hint"),
        rx.el.div(rx.cond((state.message_user_id == row.user_id) & (state.message != ""),
                          rx.el.p(state.message, class_name="notification success")),
                  role="status", id="av-message-" + row.user_id.to_string(), tab_index=-1),
        _settings_form(state, row),
        rx.el.h3("Days off", class_name="heading-s"),
        _days_off_list(state, row),
        _days_off_form(state, row),
        class_name="av-card", aria_label="Availability of " + row.name, id="av-card-" + row.user_id.to_string())


def _summary_row(row) -> list[rx.Component]:
    return [
        rx.el.th(rx.el.a(row.name, href="#av-card-" + row.user_id.to_string()), scope="row"),
        rx.el.td(rx.cond(row.home_region != "", row.home_region, "Not set")),
        rx.el.td(row.max_leads.to_string()),
        rx.el.td(row.skill_labels.join(", ")),
        rx.el.td(row.days_off.length().to_string()),
    ]


def summary(state) -> rx.Component:
    """Every inspector at a glance, each name leading to their card (for a manager, who sees many)."""
    return rx.cond(state.rows.length() > 1, table(
        ["Inspector", "Home region", "Most leads in 4 weeks", "Skills", "Spans of days off"], state.rows,
        _summary_row, caption="Inspectors at a glance", reflow=True))


def import_box(state) -> rx.Component:
    """Paste the availability CSV; its errors by row and column, or how many were saved."""
    return rx.el.section(
        rx.el.h2("Import availability", class_name="heading-m"),
        rx.el.p("Paste a CSV with the columns " + ", ".join(COLUMNS) + ". Separate skills and days off with ';'; "
                "a span of days is written 2027-04-06..2027-04-10. An imported inspector's days off are replaced. "
                "Nothing is saved unless every row is right.", class_name="hint", id="av-csv-hint"),
        rx.cond(state.import_errors.length() > 0, rx.el.div(
            rx.el.h3("There is a problem: nothing was saved"),
            rx.el.ul(rx.foreach(state.import_errors, lambda e: rx.el.li(rx.el.a(e, href="#av-csv")))),
            class_name="error-summary", role="alert", id="import-errors", tab_index=-1)),
        rx.cond(state.import_message != "", rx.el.p(state.import_message, class_name="notification success",
                                                     role="status", id="import-done", tab_index=-1)),
        rx.el.form(
            rx.el.label("Availability CSV", html_for="av-csv", class_name="label"),
            rx.el.textarea(id="av-csv", name="csv", rows="8", class_name="input textarea", placeholder=CSV_EXAMPLE,
                           max_length=PASTE_LENGTH,
                           aria_describedby="av-csv-hint"),
            rx.el.button("Import availability", type="submit", class_name="button", id="av-import"),
            on_submit=state.import_csv, reset_on_submit=False),
        rx.el.div(
            rx.el.span("Or choose the CSV file", class_name="label", id="av-file-label"),
            rx.upload.root(
                rx.el.button("Choose a CSV file", type="button", class_name="button secondary", id="av-file",
                             aria_describedby="av-file-label av-csv-hint"),
                id=UPLOAD_ID, multiple=False, accept={"text/csv": [".csv"]}, max_size=PASTE_LENGTH * 4,
                on_drop=state.upload_csv(rx.upload_files(upload_id=UPLOAD_ID)),
                on_drop_rejected=state.upload_rejected, class_name="upload-box"),
            class_name="form-group"),
        id="av-import-section")
