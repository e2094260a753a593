"""The board as its page draws it: only the words on the cards and column headers, nothing else.

The page sends its State to the browser on every load (sixty cards or more), so the board
the browser receives carries each card's lines already written out (``Next: Draft report
due, 18 December 2026``), nothing the page can tell by itself (the card's stage is its
column's; the label of its deadline state is ``domain.board.CARD_STATE_LABELS``'s), and no
figure the page does not show (a card's countdown as a number, a column's overdue count).
``board.BoardView`` stays the board's full read model.
"""

from dataclasses import dataclass, field

from safehouse_portal.domain.options import Option
from safehouse_portal.services.programme.board import BoardView, Card, Column


@dataclass(frozen=True)
class ShownCard:
    """One card's lines, as drawn."""

    inspection_id: int = 0
    group_name: str = ""
    provider_name: str = ""
    kinds_and_type: str = ""
    reason: str = ""
    lead_inspector: str = ""
    next_text: str = ""
    state: str = ""
    countdown_text: str = ""
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ShownColumn:
    """One stage's header and its cards shown."""

    stage: str = ""
    label: str = ""
    header_text: str = ""
    cards: list[ShownCard] = field(default_factory=list)
    hidden: int = 0


@dataclass(frozen=True)
class ShownBoard:
    """The board as one viewer's page draws it, with the options of its filters."""

    columns: list[ShownColumn] = field(default_factory=list)
    read_only: bool = True
    total: int = 0
    matching: int = 0
    providers: list[Option] = field(default_factory=list)
    leads: list[Option] = field(default_factory=list)
    regions: list[Option] = field(default_factory=list)


def shown_board(view: BoardView) -> ShownBoard:
    """What the page draws of ``view``."""
    return ShownBoard(columns=[_column(column) for column in view.columns], read_only=view.read_only,
                      total=view.total, matching=view.matching, providers=view.providers, leads=view.leads,
                      regions=view.regions)


def _column(column: Column) -> ShownColumn:
    return ShownColumn(stage=column.stage, label=column.label, header_text=column.header_text,
                       cards=[_card(card) for card in column.cards], hidden=column.hidden)


def _card(card: Card) -> ShownCard:
    return ShownCard(
        inspection_id=card.inspection_id, group_name=card.group_name, provider_name=card.provider_name,
        kinds_and_type=f"{card.service_kinds} \u00b7 {card.type_and_mode}", reason=card.reason,
        lead_inspector=card.lead_inspector,
        next_text=f"{card.next_label}, {card.next_due}" if card.next_due else card.next_label,
        state=card.state,
        countdown_text=f"{card.state_text} ({card.countdown_signed})" if card.countdown_signed else card.state_text,
        flags=card.flags,
    )
