"""The programme board at ``/programme``: one column per stage, one card per group.

Filters live in the URL's query string (a plain GET form), so a reload or a shared
link shows the same board. Cards move by drag and drop or by each card's "Move to..."
control; either way the move goes through ``services.programme.board.move_card`` and its gates.
Every viewer follows the board's live channel once authorised, and reloads its
own board (with its own permissions) when the channel says something changed.
"""

from dataclasses import asdict

import reflex as rx

from safehouse_portal import routes
from safehouse_portal.portals.shared.auth_state import AuthState
from safehouse_portal.domain.board import parse_filters
from safehouse_portal.domain.enums import STAGE_LABELS, Stage
from safehouse_portal.domain.ids import parse_id
from safehouse_portal.domain.options import Option
from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.portals.shared import live
from safehouse_portal.portals.programme.board_parts import board_columns, filters_form, move_feedback
from safehouse_portal.portals.programme.board_parts import board_end, jump_to_stage
from safehouse_portal.services.programme import board
from safehouse_portal.services.programme.board import PAGE_SIZE
from safehouse_portal.services.programme.board_shown import ShownBoard, ShownCard, shown_board
from safehouse_portal.services.core.errors import InvalidInput
from safehouse_portal.portals.shared.edge import programme_today
from safehouse_portal.portals.shared.shell import page

_EMPTY = ShownBoard()


class ProgrammeBoardState(AuthState):
    """The board one viewer sees (only what its page draws), and the move they are making."""

    view: ShownBoard = _EMPTY
    filters: dict[str, str] = {}
    moving_id: int = 0
    moving_group: str = ""
    moving_targets: list[Option] = []
    moving_target: str = ""
    notice: str = ""
    refusal: str = ""
    refusal_reasons: list[str] = []
    refusal_card: int = 0
    move_errors: dict[str, str] = {}
    live_seen: int = -1
    _limits: dict[str, int] = {}
    _built_for: str = ""

    def _fill(self, session, actor) -> None:
        """Read the board for this person, unless the one shown is still the same board.

        The board shown was read for this same person (the session guard resets it for anyone
        else): when its filters, its "show more" and the board's fingerprint are unchanged,
        nothing is read again and nothing is resent. The fingerprint is read first, so a
        change committed meanwhile makes the next look read the board again, never the reverse.
        """
        query = dict(self.router.url.query_parameters)
        today = programme_today()
        version = board.board_version(session=session, actor=actor, today=today)
        built_for = repr((version, sorted(query.items()), sorted(self._limits.items())))
        if built_for == self._built_for and not self.not_permitted:
            return
        self._keep(filters={key: value for key, value in asdict(parse_filters(query)).items()},
                   view=shown_board(board.board_view(session=session, actor=actor, query=query,
                                                     limits=self._limits, today=today, fingerprint=version)))
        self._built_for = built_for

    @rx.event
    async def load(self):
        """Read the board and follow its channel; the board's listener stays quiet until the channel moves on
        from the version heard now (so opening the board is one event, not a load and a sync)."""
        self._limits, self.moving_id, self.moving_targets = {}, 0, []
        self._clear_feedback()
        redirect = self._load_page(self._fill)
        if redirect is None and not self.not_permitted:
            # The board was just read for this person, so they are a board viewer: follow it from here.
            await live.follow(self, live.BOARD)
            self._keep(live_seen=await live.version_now(self))
        return redirect

    @rx.event
    def sync(self):
        """Reload the board when anything on it may have changed (the live channel fired)."""
        if self.not_permitted:
            return

        def reload_if_changed(session, actor) -> None:
            if actor is not None:
                self._fill(session, actor)

        self._run(reload_if_changed, errors_field=None, refusal_hides_page=True)

    @rx.event
    def show_more(self, stage: str):
        if not isinstance(stage, str) or stage not in Stage:
            return
        shown = self._limits.get(stage, PAGE_SIZE)
        self._limits = {**self._limits, stage: shown + PAGE_SIZE}
        self._reload()

    @rx.event
    def open_move(self, inspection_id: int):
        """Open the "Move to..." form of one card the viewer may move."""
        self._clear_feedback()
        card = self._card(inspection_id)
        if card is None or self.view.read_only:
            self.refusal = "That card cannot be moved from here."
            return
        self._open(card)
        return rx.set_focus("move-target")

    @rx.event
    def cancel_move(self):
        moving = self.moving_id
        self.moving_id, self.moving_targets, self.move_errors = 0, [], {}
        if moving:
            return rx.set_focus(f"move-open-{moving}")

    @rx.event
    def move(self, form: dict):
        """Submit the "Move to..." form of the card being moved."""
        data = form if isinstance(form, dict) else {}
        target, reason = data.get("target"), data.get("reason")
        if self.moving_id == 0:
            return
        if not (isinstance(reason, str) and reason.strip()) and board.is_backward(self._stage_of(self.moving_id),
                                                                                target):
            self.move_errors = {"reason": "Enter why the inspection moves back a stage"}
            return
        return self._move(self.moving_id, target, reason)

    @rx.event
    def drop(self, payload: dict):
        """A card dropped on a column: move it, or ask for a reason when it goes back."""
        payload = payload if isinstance(payload, dict) else {}
        source = payload.get("source") if isinstance(payload.get("source"), dict) else {}
        card = self._card(source.get("dragId"))
        target = payload.get("dropId")
        if card is None or not isinstance(target, str) or target == self._stage_of(card.inspection_id):
            return
        self._clear_feedback()
        if self.view.read_only:
            self.refusal, self.refusal_card = "That card cannot be moved from here.", card.inspection_id
            return
        if board.is_backward(self._stage_of(card.inspection_id), target):
            self._open(card)
            self.moving_target = target
            self.move_errors = {"reason": "Enter why the inspection moves back a stage"}
            return rx.set_focus("move-reason")
        return self._move(card.inspection_id, target, None)

    def _move(self, inspection_id: int, target: object, reason: object):
        self._clear_feedback()
        card = self._card(inspection_id)
        label = STAGE_LABELS.get(Stage(target), "") if isinstance(target, str) and target in Stage else ""

        def move(session, actor):
            moved = board.move_card(session=session, actor=actor, inspection_id=inspection_id, target=target,
                                    reason=reason, today=programme_today())
            if moved.allowed:
                self._fill(session, actor)
            return moved

        done, result = self._run(move, errors_field=None)
        self.refusal_card = card.inspection_id if card else 0
        if not done:
            if isinstance(result, InvalidInput):
                self.move_errors = self._refusal_errors(result)
            else:
                self.refusal = self._refusal_text(result)
            return
        group = card.group_name if card else "The inspection"
        if not result.allowed:
            self.refusal = f"{group} could not move to {label or 'that stage'}. It stays where it was because:"
            self.refusal_reasons = list(result.reasons)
            return
        self.moving_id, self.moving_targets = 0, []
        recorded = "".join(f" Recorded: {step}." for step in result.recorded_steps)
        self.notice = f"{group} moved to {label}.{recorded}"
        return [BoardLive.announce, rx.set_focus(f"move-open-{inspection_id}")]

    def _open(self, card) -> None:
        self.moving_id, self.moving_group = card.inspection_id, card.group_name
        self.moving_targets = board.move_options(self._stage_of(card.inspection_id))
        self.moving_target = self.moving_targets[0].value if self.moving_targets else ""

    def _reload(self) -> None:
        self._run(self._fill, errors_field=None, refusal_hides_page=True)

    def _card(self, inspection_id: object) -> ShownCard | None:
        wanted = parse_id(inspection_id)
        for column in self.view.columns:
            for card in column.cards:
                if card.inspection_id == wanted:
                    return card
        return None

    def _stage_of(self, inspection_id: object) -> str:
        """The stage of the column a shown card is in ("" for none)."""
        wanted = parse_id(inspection_id)
        return next((column.stage for column in self.view.columns for card in column.cards
                     if card.inspection_id == wanted), "")

    def _clear_feedback(self) -> None:
        self.notice, self.refusal, self.refusal_reasons, self.move_errors = "", "", [], {}
        self.refusal_card = 0


def programme_board_page() -> rx.Component:
    """The page at ``/programme``."""
    state, view = ProgrammeBoardState, ProgrammeBoardState.view
    return page(
        "Programme board",
        rx.el.p(
            "Every inspection group's current inspection, by stage. Countdowns are in working days. ",
            rx.cond(view.read_only, "This board shows only your inspections and is read-only.",
                    "Drag a card to another stage, or use its \u201cMove to\u2026\u201d button."),
            class_name="body",
        ),
        jump_to_stage(view),
        rx.cond(~view.read_only, rx.el.p(
            rx.el.a("Allocate an inspection", href=routes.NEW_INSPECTION, class_name="button secondary"),
            " ", rx.el.a("Coverage and revisit priorities", href=routes.COVERAGE))),
        filters_form(state, view),
        move_feedback(state),
        board_columns(state, view),
        board_end(),
    )

