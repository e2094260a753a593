"""The board's pieces: filters, columns, cards and the "Move to..." form (stateless).

Each takes the State class it reads, so the page's State stays in one module. A
card's deadline state is always written out; its colour only repeats the words.
"""

import reflex as rx
import reflex_pragmatic_dnd as pdnd

from safehouse_portal.portals.shared import live
from safehouse_portal import routes
from safehouse_portal.portals.shared.forms import error_summary, field_group
from safehouse_portal.domain.board import CARD_STATE_LABELS, MAX_TEXT
from safehouse_portal.services.programme.schedule import MAX_REASON_LENGTH
from safehouse_portal.portals.shared.native_form import native_form

STATE_FILTER_OPTIONS = (("overdue", "Overdue"), ("due_soon", "Due soon"))
SERVICE_KIND_FILTERS = (("safehouse", "Safehouse"), ("outreach", "Outreach"))


def _select(label: str, name: str, current, options, any_label: str) -> rx.Component:
    """A filter select whose shown value follows the URL once the page has loaded."""
    return rx.el.div(
        rx.el.label(label, html_for=f"filter-{name}", class_name="label"),
        rx.el.select(
            rx.el.option(any_label, value=""),
            *options,
            id=f"filter-{name}", name=name, class_name="select", default_value=current,
            key=f"filter-{name}-" + current,
        ),
        class_name="form-group filter",
    )


def _option_list(options) -> rx.Component:
    return rx.foreach(options, lambda o: rx.el.option(o.label, value=o.value))


def filters_form(state, view) -> rx.Component:
    """A plain GET form: the filters become the URL's query string, so they survive a reload."""
    f = state.filters
    return native_form(
        rx.el.h2("Filter the board", class_name="heading-s"),
        rx.el.div(
            _select("Provider", "provider", f["provider"], [_option_list(view.providers)], "Any provider"),
            _select("Lead inspector", "lead", f["lead"], [_option_list(view.leads)], "Any lead inspector"),
            _select("Service kind", "kind", f["kind"],
                    [rx.el.option(text, value=value) for value, text in SERVICE_KIND_FILTERS], "Any kind"),
            _select("Region", "region", f["region"], [_option_list(view.regions)], "Any region"),
            _select("Deadline", "state", f["state"],
                    [rx.el.option(text, value=value) for value, text in STATE_FILTER_OPTIONS], "Any deadline"),
            rx.el.div(
                rx.el.label("Group or location name", html_for="filter-q", class_name="label"),
                rx.el.input(id="filter-q", name="q", type="search", class_name="input", max_length=MAX_TEXT,
                            default_value=f["q"], key="filter-q-" + f["q"]),
                class_name="form-group filter",
            ),
            class_name="filters-row",
        ),
        rx.el.button("Apply filters", type="submit", class_name="button secondary", id="apply-filters"),
        " ",
        rx.el.a("Clear filters", href=routes.PROGRAMME_BOARD, id="clear-filters"),
        rx.el.p("Showing ", view.matching, " of ", view.total, " inspections.", class_name="caption",
                id="board-count", role="status"),
        action=routes.PROGRAMME_BOARD,
        method="get",
        class_name="board-filters",
        aria_label="Filter the board",
    )


def move_feedback(state) -> rx.Component:
    """What happened to the last move: done, or refused with every reason."""
    return rx.fragment(
        rx.cond(state.notice != "", rx.el.div(state.notice, class_name="notification success", role="status",
                                              id="board-notice")),
        rx.cond((state.refusal != "") & (state.refusal_card == 0), refusal_box(state)),
    )


def refusal_box(state) -> rx.Component:
    """Why the card was not moved: beside the card when it is about one (focused by assets/focus.js)."""
    return rx.el.div(
        rx.el.h2("The card was not moved", class_name="heading-s"),
        rx.el.p(state.refusal),
        rx.el.ul(rx.foreach(state.refusal_reasons, lambda reason: rx.el.li(reason))),
        class_name="error-summary board-refusal", role="alert", id="board-refusal", tab_index=-1,
        data_focus_when_shown="true",
    )


def _move_form(state, card) -> rx.Component:
    """The keyboard way to move a card: choose a stage, give a reason to go back."""
    return rx.el.form(
        rx.cond(state.move_errors.length() > 0, error_summary(state.move_errors, "move-")),
        rx.el.div(
            rx.el.label("Move to", html_for="move-target", class_name="label"),
            rx.el.select(
                rx.foreach(state.moving_targets, lambda o: rx.el.option(o.label, value=o.value)),
                id="move-target", name="target", class_name="select",
                default_value=state.moving_target, key="target-" + state.moving_target,
            ),
            class_name="form-group",
        ),
        field_group("Reason", "reason", "move-", state.move_errors, rx.el.textarea(
            id="move-reason", name="reason", class_name="input", rows=2, max_length=MAX_REASON_LENGTH),
            hint="Needed to move back a stage; kept in the inspection's history."),
        rx.el.button("Move", type="submit", class_name="button", id="move-submit"),
        " ",
        rx.el.button("Cancel", type="button", class_name="button secondary", on_click=state.cancel_move),
        on_submit=state.move,
        reset_on_submit=False,
        class_name="move-form",
        aria_label="Move " + card.group_name,
    )


def _countdown(card) -> rx.Component:
    label = rx.match(card.state, *((state.value, text) for state, text in CARD_STATE_LABELS.items()), "")
    return rx.el.p(rx.el.strong(label, class_name="tag state-" + card.state), " ", card.countdown_text,
                   class_name="countdown")


def card_body(state, card, stage, read_only) -> rx.Component:
    """One card's content: who, what, the next deadline, flags, and the move control (``stage``: its column's)."""
    return rx.el.article(
        rx.el.h3(rx.el.a(card.group_name, href=routes.inspection(card.inspection_id)), class_name="card-title"),
        rx.el.p(card.provider_name, class_name="card-provider"),
        rx.el.p(card.kinds_and_type),
        rx.cond(card.reason != "", rx.el.p("Why: ", card.reason, class_name="card-reason")),
        rx.el.p("Lead: ", card.lead_inspector),
        rx.el.p("Next: ", card.next_text),
        _countdown(card),
        rx.cond(card.flags.length() > 0, rx.el.ul(
            rx.foreach(card.flags, lambda flag: rx.el.li(flag, class_name="flag")), class_name="flags",
            aria_label="Flags")),
        rx.cond(~read_only, rx.cond(
            state.moving_id == card.inspection_id,
            _move_form(state, card),
            rx.el.button("Move to\u2026", type="button", class_name="link-button move-open",
                         id="move-open-" + card.inspection_id.to_string(),
                         aria_label="Move to\u2026 another stage: " + card.group_name,
                         on_click=state.open_move(card.inspection_id)),
        )),
        rx.cond((state.refusal != "") & (state.refusal_card == card.inspection_id), refusal_box(state)),
        class_name="board-card card-" + card.state,
        id="card-" + card.inspection_id.to_string(),
        data_stage=stage,
    )


def _card(state, card, stage, read_only) -> rx.Component:
    body = card_body(state, card, stage, read_only)
    return rx.el.li(rx.cond(
        read_only,
        body,
        pdnd.draggable(body, drag_id=card.inspection_id.to_string(), item_data={"stage": stage},
                       class_name="draggable"),
    ), class_name="card-slot")


def _column(state, column, read_only) -> rx.Component:
    cards = rx.el.ul(rx.foreach(column.cards, lambda card: _card(state, card, column.stage, read_only)),
                     class_name="card-list")
    return rx.el.section(
        rx.el.a("Skip to the next stage", href="#board-end", class_name="column-skip", data_skip_column="next"),
        rx.el.h2(column.label, rx.el.span(column.header_text, class_name="column-count"),
                 class_name="column-title", id="column-" + column.stage),
        rx.cond(read_only, cards, pdnd.drop_target(cards, drop_id=column.stage, on_drop=state.drop,
                                                   class_name="drop-zone")),
        rx.cond(column.hidden > 0, rx.el.button(
            "Show more (", column.hidden, " more)", type="button", class_name="button secondary show-more",
            on_click=state.show_more(column.stage))),
        class_name="board-column", data_stage=column.stage, aria_labelledby="column-" + column.stage,
        id="stage-" + column.stage, tab_index=-1,
    )


def jump_to_stage(view) -> rx.Component:
    """A keyboard way across the board: choose a stage (or type its number) and the focus goes to its column.

    assets/board.js moves the focus (no round trip to the server).
    """
    return rx.el.div(
        rx.el.label("Jump to stage", html_for="jump-to-stage", class_name="label"),
        rx.el.select(
            rx.el.option("Choose a stage", value=""),
            rx.foreach(view.columns, lambda column, i: rx.el.option(
                (i + 1).to_string() + ". " + column.label, value="stage-" + column.stage)),
            id="jump-to-stage", class_name="select", data_jump_to_column="true",
        ),
        class_name="form-group board-jump",
    )


def board_columns(state, view) -> rx.Component:
    """Every stage's column, side by side (scrolls sideways), reloaded when the board's channel rises
    after the load read it."""
    return rx.el.div(
        live.listener(state.sync, seen=state.live_seen),
        rx.foreach(view.columns, lambda column: _column(state, column, view.read_only)),
        class_name="board", id="board", role="region", aria_label="Inspections by stage",
    )


def board_end() -> rx.Component:
    """Where the last column's skip link goes."""
    return rx.el.p("End of the board.", id="board-end", class_name="visually-hidden", tab_index=-1)
