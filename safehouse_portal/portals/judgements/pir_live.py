"""Live PIR changes for everyone looking at an inspection's KLOEs (``rx.SharedState``).

Every KLOE page of inspection N links its ``PirLiveState`` to the key ``pir-N`` after
the reader is authorised. The shared state holds no PIR data, only a revision number:
when it rises, each KLOE page re-reads the answers through the service (which checks
the reader again), so nothing reaches a browser that its reader may not see.

The provider's PIR page tells the readers about a save by calling, in its own event
handler after the save is committed::

    await notify_pir_changed(self, inspection_id)

(``self`` is the handler's State; ``inspection_id`` the inspection the return belongs
to, as the PIR service found it, never a browser's argument.) KLOE pages also poll
``kloe_pir.pir_last_changed`` every few seconds, so a change made any other way
appears too.
"""

import reflex as rx

KEY_PREFIX = "pir-"


def live_key(inspection_id: int) -> str:
    """The shared-state key of one inspection's PIR (no underscores: Reflex reserves them)."""
    return f"{KEY_PREFIX}{int(inspection_id)}"


class PirLiveState(rx.SharedState):
    """How many times the linked inspection's PIR answers have changed since anyone looked."""

    revision: int = 0


async def follow_pir(state: rx.State, inspection_id: int) -> None:
    """Link this browser to the inspection's PIR changes (call only once the reader is authorised)."""
    live = await state.get_state(PirLiveState)
    await live._link_to(live_key(inspection_id))


async def notify_pir_changed(state: rx.State, inspection_id: int) -> None:
    """Tell every KLOE page of the inspection that its PIR answers changed.

    Call from the provider's PIR save handler, after the save has been committed and
    with the inspection id the service returned. It links the caller to the same key
    (the key carries only a counter).
    """
    live = await state.get_state(PirLiveState)
    live = await live._link_to(live_key(inspection_id))
    live.revision += 1
