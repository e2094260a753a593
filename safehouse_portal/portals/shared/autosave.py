"""An autosaving box, as the PIR and the KLOE page draw it (stateless).

The box is uncontrolled: its ``key`` changes only when the page reloads what is stored
(after a reload, a reconnect or a conflict), so a save never moves the focus. Each save
carries the version the box was drawn with and the page's generation then
(``domain/autosave.py`` decides what a stale save is). Once the thing is read-only the
box has no handlers at all, so tabbing through it never saves.
"""

import time
from typing import Any, Callable

import reflex as rx

SAVE_DELAY_MS = 800
"""How long after typing stops a box saves itself (it also saves when left)."""


def fresh_generation(current: int) -> int:
    """A page generation no earlier drawing of the page had, even one from before a server restart."""
    return max(current + 1, time.time_ns() // 1_000_000 % 2_000_000_000)


def autosave_box(control: Callable[..., rx.Component], *, editable: rx.Var, key: rx.Var | str,
                 generation: rx.Var, save: Callable[[Any], Any], **props) -> rx.Component:
    """``control`` (textarea or input) saving through ``save(value)`` while ``editable``, else read-only."""
    return rx.cond(
        editable,
        control(key=key + generation.to_string(), on_blur=save,
                on_change=lambda v: save(v).debounce(SAVE_DELAY_MS), **props),
        control(read_only=True, aria_readonly="true", key=key + "-read-only", **props),
    )


def box_messages(conflicts: rx.Var, refused: rx.Var, box: rx.Var | str, box_id: rx.Var | str) -> rx.Component:
    """Under a box: the conflict (theirs and yours) when its save was refused, or why its text was not saved."""
    return rx.fragment(
        rx.cond(conflicts.contains(box), rx.el.p(conflicts[box], class_name="autosave-conflict", role="alert",
                                                 id=box_id + "-conflict")),
        rx.cond(refused.contains(box), rx.el.p(rx.el.span("Error: ", class_name="visually-hidden"), refused[box],
                                               class_name="error-message", role="alert", id=box_id + "-error")),
    )
