"""Live-update channels are heard only by the tabs that follow them after being authorised.

Driven through Reflex's own event processor with the app's middleware (``worlds/tabs.py``).
"""

from safehouse_portal.portals.programme.board_live import BoardLive
from safehouse_portal.portals.shared import live
from safehouse_portal.portals.shared.live import LiveView
from tests.integration.worlds.tabs import HYDRATE, sign_out

JOIN = f"{BoardLive.get_full_name()}.join"
ANNOUNCE = f"{BoardLive.get_full_name()}.announce"


def _versions(deltas: list[dict]) -> list[int]:
    """The live counters a tab was sent."""
    return [vars_[key] for delta in deltas for name, vars_ in delta.items() if name == LiveView.get_full_name()
            for key in vars_ if key.startswith("version")]


async def _viewer_joins(t, cookie: str) -> str:
    viewer = t.new()
    await t.send(viewer, HYDRATE, cookie=cookie, path="/programme")
    await t.send(viewer, JOIN, cookie=cookie, path="/programme")
    return viewer


async def _viewer_announces(t, cookie: str) -> str:
    viewer = await _viewer_joins(t, cookie)
    await t.send(viewer, ANNOUNCE, cookie=cookie, path="/programme")
    return viewer


def test_a_signed_out_browser_using_the_boards_name_or_key_as_its_token_hears_nothing_of_it(tabs, board_world,
                                                                                          cookie_of):
    manager = cookie_of(board_world["manager"])

    async def script(t):
        await _viewer_announces(t, manager)
        heard = []
        for token in (live.BOARD, live.channel_key(live.BOARD)):
            heard += _versions(await t.send(token, HYDRATE, path="/sign-in"))
            heard += [int(live.following(token))]
        return heard

    assert set(tabs(script)) <= {0}


def test_a_browser_that_signs_out_stops_following_the_board(tabs, board_world, cookie_of, session):
    manager = cookie_of(board_world["manager"])

    async def script(t):
        viewer = await _viewer_joins(t, manager)
        before = live.following(viewer)
        sign_out(session, manager)
        await t.send(viewer, HYDRATE, cookie=manager, path="/sign-in")
        return before, live.following(viewer)

    assert tabs(script) == (True, False)


def test_a_browser_that_goes_to_another_page_stops_following_the_board(tabs, board_world, cookie_of):
    manager = cookie_of(board_world["manager"])

    async def script(t):
        viewer = await _viewer_joins(t, manager)
        before = live.following(viewer)
        await t.send(viewer, HYDRATE, cookie=manager, path="/programme/coverage")
        return before, live.following(viewer)

    assert tabs(script) == (True, False)
