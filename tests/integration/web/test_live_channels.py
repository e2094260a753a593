"""Live-update channels are heard only by the browsers linked to them after being authorised.

Driven through Reflex's own event processor with the app's middleware (``worlds/tabs.py``).
"""

from reflex.istate.manager.token import BaseStateToken

from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.portals.shared import live
from safehouse_portal.portals.shared.live import LiveChannel
from tests.integration.worlds.tabs import HYDRATE, sign_out

JOIN = f"{BoardLive.get_full_name()}.join"
ANNOUNCE = f"{BoardLive.get_full_name()}.announce"


def _versions(deltas: list[dict]) -> list[int]:
    """The live counters a tab was sent."""
    return [vars_[key] for delta in deltas for name, vars_ in delta.items() if name == LiveChannel.get_full_name()
            for key in vars_ if key.startswith("version")]


async def _viewer_announces(t, cookie: str) -> str:
    viewer = t.new()
    await t.send(viewer, HYDRATE, cookie=cookie, path="/programme")
    await t.send(viewer, JOIN, cookie=cookie, path="/programme")
    await t.send(viewer, ANNOUNCE, cookie=cookie, path="/programme")
    return viewer


def test_a_signed_out_browser_using_the_boards_name_as_its_token_hears_nothing_of_it(tabs, board_world, cookie_of):
    manager = cookie_of(board_world["manager"])

    async def script(t):
        await _viewer_announces(t, manager)
        return _versions(await t.send(live.BOARD, HYDRATE, path="/sign-in"))

    assert tabs(script) in ([], [0])


def test_a_browser_that_signs_out_stops_following_the_board(tabs, board_world, cookie_of, session):
    manager = cookie_of(board_world["manager"])

    async def script(t):
        viewer = await _viewer_announces(t, manager)
        key = BaseStateToken(ident=live.channel_key(live.BOARD), cls=LiveChannel)
        before = set((await (await t.manager.get_state(key)).get_state(LiveChannel))._linked_from)
        sign_out(session, manager)
        await t.send(viewer, HYDRATE, cookie=manager, path="/sign-in")
        after = set((await (await t.manager.get_state(key)).get_state(LiveChannel))._linked_from)
        return viewer, before, after

    viewer, before, after = tabs(script)
    assert viewer in before and viewer not in after
