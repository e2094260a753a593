"""The KLOE page's sections: heading, prompts, evidence, judgement, and making it final.

Stateless: each takes the read model and the page State whose handlers it submits to.
The forms are keyed by ``form_key``, so they are refilled from the saved KLOE after a
load or a save, and keep what the inspector typed when a save is refused.
"""

import reflex as rx

from safehouse_portal.domain.enums import RATING_LABELS, Rating
from safehouse_portal.domain.evidence import ROBUSTNESS_LABELS, SOURCE_LABELS
from safehouse_portal.services.judgements.kloe_edit import MAX_NOTE, MAX_SUMMARY, MAX_TEXT
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.portals.shared.autosave import autosave_box, box_messages
from safehouse_portal.portals.shared.connection import save_status

SOURCES = [(s.value, label) for s, label in SOURCE_LABELS.items()]
ROBUSTNESS = [(r.value, label) for r, label in ROBUSTNESS_LABELS.items()]
RATINGS = [(r.value, RATING_LABELS[r]) for r in Rating]


def _errors_for(state, where: str) -> rx.Var:
    return rx.cond(state.errors_of == where, state.errors, {})


def _summary(state, where: str, prefix: str) -> rx.Component:
    return rx.cond((state.errors_of == where) & (state.errors.length() > 0), error_summary(state.errors, prefix))


def heading(view) -> rx.Component:
    return rx.el.div(
        rx.el.span(view.key_question, " · ", view.group_name, class_name="caption"),
        rx.el.h2(view.code, " ", view.title, class_name="heading-l kloe-title", id="kloe-title"),
        rx.el.p(view.question, class_name="kloe-question"),
        rx.el.dl(
            rx.el.div(rx.el.dt("Status"), rx.el.dd(rx.el.strong(view.status_label, class_name="tag", id="kloe-status")),
                      class_name="summary-row"),
            rx.el.div(rx.el.dt("Rating"), rx.el.dd(view.rating_label, id="kloe-rating"), class_name="summary-row"),
            rx.el.div(rx.el.dt("Evidence"),
                      rx.el.dd(rx.el.span(view.evidence.length(), rx.cond(view.evidence.length() == 1, " item", " items"),
                                          "; corroborated by ", view.corroboration,
                                          " independent ", rx.cond(view.corroboration == 1, "source", "sources"),
                                          id="corroboration")),
                      class_name="summary-row"),
            class_name="summary-list",
        ),
        rx.cond(view.last_saved != "", rx.el.p(view.last_saved, class_name="hint", id="last-saved")),
        rx.cond(view.read_only_reason != "", rx.el.p(view.read_only_reason, class_name="panel", id="read-only")),
    )


def conflict_message(saved_by: rx.Var, changes: rx.Var, on_use_theirs) -> rx.Component:
    """What a colleague changed while this inspector was editing, and what to do about it."""
    return rx.el.div(
        rx.el.h2("Your changes have not been saved yet", class_name="heading-m"),
        rx.el.p("Someone else saved this KLOE while you were working on it (", saved_by, "). "
                "What you typed is still in the form. Compare it with what they saved, then save again to "
                "keep your version, or use theirs."),
        rx.el.table(
            rx.el.thead(rx.el.tr(rx.el.th("What changed", scope="col"), rx.el.th("When you opened it", scope="col"),
                                 rx.el.th("Saved by them now", scope="col"))),
            rx.el.tbody(rx.foreach(changes, lambda c: rx.el.tr(
                rx.el.th(c.label, scope="row"),
                rx.el.td(rx.cond(c.before != "", c.before, "(empty)")),
                rx.el.td(rx.cond(c.after != "", c.after, "(empty)"))))),
            class_name="table",
        ),
        rx.el.button("Use their version", type="button", class_name="button secondary", on_click=on_use_theirs,
                     id="use-their-version"),
        class_name="notification conflict", role="alert", id="edit-conflict",
    )


def _prompt(p, view, state) -> rx.Component:
    box = "note-" + p.slug
    used = p.used | state.chosen.contains(p.slug)
    return rx.el.div(
        rx.el.div(
            rx.el.input(type="checkbox", id="use-" + p.slug, name="use-" + p.slug, default_checked=used,
                        disabled=~view.may_edit, class_name="checkbox", key="use-" + p.slug + used.to_string()),
            rx.el.label(rx.el.strong(p.code), " ", p.text, html_for="use-" + p.slug),
            class_name="checkbox-row",
        ),
        rx.el.label("Note on ", p.code, html_for=box, class_name="visually-hidden"),
        _autosaving(rx.el.textarea, view, state, box, id=box, name=box, default_value=p.note, rows=2,
                    class_name="input wide", max_length=MAX_NOTE),
        box_messages(state.text_conflicts, state.text_refused, box, box),
        class_name="prompt",
    )


def _autosaving(control, view, state, box, **props) -> rx.Component:
    """A box that saves itself as the inspector types (with the version of its text it was drawn with)."""
    version = rx.cond(state.saved_versions.contains(box), state.saved_versions[box], view.text_versions[box])
    return autosave_box(control, editable=view.may_edit, key=box, generation=state.generation,
                        save=lambda v: state.save_text(box, v, version, state.generation), **props)


def _saving(state, view, element_id: str) -> rx.Component:
    return rx.cond(view.may_edit, save_status(
        rx.cond(state.saved_at != "", "Notes and judgement text are saved as you type. Last saved at "
                + state.saved_at + ".", ""),
        "Notes and judgement text are saved as you type.", element_id))


def prompts_form(view, state) -> rx.Component:
    return rx.el.form(
        rx.el.h2("Prompts to use", class_name="heading-m", id="prompts"),
        rx.el.p("Choose the prompts to follow (informed by the PIR beside this KLOE) and note what you found.",
                class_name="hint"),
        _summary(state, "prompts", ""),
        _saving(state, view, "prompts-save-status"),
        rx.foreach(view.prompts, lambda p: _prompt(p, view, state)),
        rx.cond(view.may_edit, rx.el.button("Save prompts", type="submit", class_name="button secondary",
                                            id="save-prompts")),
        on_submit=state.save_prompts, reset_on_submit=False, key=state.form_key.to_string() + "-prompts",
        id="prompts-form",
    )


def _evidence_row(e) -> rx.Component:
    return rx.el.tr(
        rx.el.td(e.source),
        rx.el.td(e.summary, rx.cond(e.pir_link != "", rx.el.span("PIR answer: ", e.pir_link, class_name="hint")),
                 rx.cond(e.file_name != "", rx.el.span("File: ", e.file_name, class_name="hint"))),
        rx.el.td(e.relates_to),
        rx.el.td(e.robustness),
        rx.el.td(rx.cond(e.supports, rx.el.strong(e.direction, class_name="tag"),
                         rx.el.strong(e.direction, class_name="tag red"))),
        rx.el.td(e.recorded, class_name="hint"),
    )


def _select(name: str, options: list[tuple[str, str]], prompt: str) -> rx.Component:
    return rx.el.select(rx.el.option(prompt, value=""), *[rx.el.option(label, value=v) for v, label in options],
                        id=f"evidence-{name}", name=name, class_name="select")


def _radios(name: str, options: list[tuple[str, str]], prefix: str, checked: rx.Var | None = None) -> rx.Component:
    return rx.el.div(*[rx.el.div(
        rx.el.input(type="radio", id=f"{prefix}{name}-{v}", name=name, value=v,
                    default_checked=(checked == v) if checked is not None else False),
        rx.el.label(label, html_for=f"{prefix}{name}-{v}"), class_name="radio") for v, label in options],
        id=f"{prefix}{name}", class_name="radios")


def evidence_section(view, state) -> rx.Component:
    errors = _errors_for(state, "evidence")
    return rx.el.section(
        rx.el.h2("Evidence", class_name="heading-m", id="evidence"),
        rx.cond(view.conflict, rx.el.div(
            rx.el.strong("Conflicting evidence: "),
            "some evidence supports the finding and some contradicts it. Record how the conflict was resolved "
            "in the judgement below.", class_name="warning-text", id="conflict-flag", role="status")),
        rx.cond(view.conflict_resolved, rx.el.p("Conflicting evidence resolved: ", state.resolution,
                                                class_name="hint", id="conflict-resolved")),
        rx.cond(view.evidence.length() > 0,
                rx.el.table(
                    rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in
                                           ["Source", "Summary", "Relates to", "Robustness", "Direction",
                                            "Recorded"]])),
                    rx.el.tbody(rx.foreach(view.evidence, _evidence_row)),
                    class_name="table", id="evidence-log"),
                rx.el.p("No evidence recorded yet.", id="no-evidence")),
        rx.cond(view.may_edit, rx.el.form(
            rx.el.h3("Record evidence", class_name="heading-s"),
            _summary(state, "evidence", "evidence-"),
            field_group("Source", "source", "evidence-", errors, _select("source", SOURCES, "Choose a source")),
            field_group("Summary", "summary", "evidence-", errors, rx.el.textarea(
                id="evidence-summary", name="summary", rows=3, class_name="input wide", max_length=MAX_SUMMARY)),
            field_group("Date it relates to", "relates_to", "evidence-", errors, rx.el.input(
                id="evidence-relates_to", name="relates_to", type="date", class_name="input"),
                hint="Optional. Today or earlier."),
            field_group("Robustness", "robustness", "evidence-", errors, _radios("robustness", ROBUSTNESS, "evidence-")),
            field_group("Does it support or contradict the finding?", "supports", "evidence-", errors,
                        _radios("supports", [("supports", "Supports"), ("contradicts", "Contradicts")], "evidence-")),
            field_group("Linked PIR answer", "pir_question_code", "evidence-", errors, rx.el.select(
                rx.el.option("None", value=""),
                rx.foreach(view.pir_questions, lambda o: rx.el.option(o.label, value=o.value)),
                id="evidence-pir_question_code", name="pir_question_code", class_name="select"),
                hint="Optional: the PIR answer this evidence comes from or tests."),
            field_group("Linked file", "file_id", "evidence-", errors, rx.el.select(
                rx.el.option("None", value=""),
                rx.foreach(view.files, lambda o: rx.el.option(o.label, value=o.value)),
                id="evidence-file_id", name="file_id", class_name="select"),
                hint="Optional: a file the provider uploaded."),
            rx.el.button("Record evidence", type="submit", class_name="button", id="add-evidence"),
            on_submit=state.add_evidence, reset_on_submit=False, key=state.form_key.to_string() + "-evidence",
            id="evidence-form",
        )),
    )


def judgement_form(view, state) -> rx.Component:
    errors = _errors_for(state, "judgement")
    return rx.el.form(
        rx.el.h2("Judgement", class_name="heading-m", id="judgement"),
        _summary(state, "judgement", "judgement-"),
        _saving(state, view, "judgement-save-status"),
        field_group("Rating", "rating", "judgement-", errors, _radios("rating", RATINGS, "judgement-", view.rating)),
        _text_group(view, state, errors, "Findings", "findings", 5),
        _text_group(view, state, errors, "Good practice", "good_practice", 3, hint="Optional."),
        _text_group(view, state, errors, "Justification", "justification", 3,
                    hint="Needed for requires improvement or not meeting requirements when fewer than two "
                         "independent sources support the finding."),
        _text_group(view, state, errors, "How the conflicting evidence was resolved", "conflict_resolution", 3,
                    hint="Needed when evidence conflicts: which source you relied on, or what more you sought."),
        rx.cond(view.may_edit, rx.el.button("Save judgement", type="submit", class_name="button",
                                            id="save-judgement")),
        on_submit=state.save_judgement, reset_on_submit=False, key=state.form_key.to_string() + "-judgement",
        id="judgement-form",
    )


def _text_group(view, state, errors, label: str, name: str, rows: int, hint: str = "") -> rx.Component:
    box_id = f"judgement-{name}"
    return field_group(label, name, "judgement-", errors, rx.fragment(
        _autosaving(rx.el.textarea, view, state, name, id=box_id, name=name, default_value=getattr(view, name),
                    rows=rows, class_name="input wide", max_length=MAX_TEXT),
        box_messages(state.text_conflicts, state.text_refused, name, box_id)), hint=hint)


def final_section(view, state) -> rx.Component:
    return rx.el.section(
        rx.el.h2("Make final", class_name="heading-m", id="final"),
        rx.cond(state.final_reasons.length() > 0, rx.el.div(
            rx.el.h2("This KLOE cannot be made final yet"),
            rx.el.ul(rx.foreach(state.final_reasons, lambda r: rx.el.li(r))),
            class_name="error-summary", role="alert", id="final-refused")),
        _summary(state, "final", "final-"),
        rx.cond(
            view.status == "final",
            rx.el.div(
                rx.el.p("This KLOE is final. Its judgement counts towards the key question."),
                rx.cond(~view.may_edit & (view.read_only_reason == ""),
                        rx.el.button("Reopen for changes", type="button", class_name="button secondary",
                                     on_click=state.reopen, id="reopen")),
            ),
            rx.el.div(
                rx.cond(view.problems.length() > 0,
                        rx.el.div(rx.el.p("Before it can be made final:"),
                                  rx.el.ul(rx.foreach(view.problems, lambda p: rx.el.li(p)), id="sufficiency")),
                        rx.el.p("The evidence is sufficient to make this KLOE final.", id="sufficient")),
                rx.cond(view.may_edit, rx.el.button("Make final", type="button", class_name="button",
                                                    on_click=state.make_final, id="make-final")),
            ),
        ),
    )
