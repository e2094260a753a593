"""Only the app's own pages may call it with credentials: CORS on every route, and the websocket's Origin.

Against the real server, because what decides is how Reflex assembles its Socket.IO server
and the CORS layers around the plain routes it mounts through ``api_transformer``. The build
runs on 127.0.0.1, one of the app's own origins by default (``Settings.cors_allowed_origins``).
"""

import http.client
from urllib.parse import urlsplit

import pytest
import websocket

pytestmark = pytest.mark.e2e

FOREIGN = "http://evil.example"
PATHS = ["/files/1", "/documents/inspections/1/report.pdf", "/exports/analytics/recommendations.csv", "/_upload",
         "/auth/sign-in"]


def _request(app_url: str, method: str, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    parts = urlsplit(app_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _preflight(app_url: str, path: str, origin: str) -> http.client.HTTPResponse:
    return _request(app_url, "OPTIONS", path, {"Origin": origin, "Access-Control-Request-Method": "POST",
                                               "Access-Control-Request-Headers": "content-type"})


def _event_socket(app_url: str) -> str:
    return app_url.replace("http://", "ws://") + "/_event/?EIO=4&transport=websocket"


def test_the_websocket_refuses_a_page_of_another_origin(app_url):
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(_event_socket(app_url), origin=FOREIGN, timeout=20)
    assert refused.value.status_code == 403  # engine.io refuses the Origin; Granian answers the handshake 403


def test_the_websocket_opens_for_the_apps_own_page(app_url):
    socket = websocket.create_connection(_event_socket(app_url), origin=app_url, timeout=20)
    try:
        assert socket.recv().startswith("0{")
    finally:
        socket.close()


@pytest.mark.parametrize("path", PATHS)
def test_no_route_lets_a_page_of_another_origin_send_credentials(app_url, path):
    preflight = _preflight(app_url, path, FOREIGN)
    assert preflight.getheader("access-control-allow-origin") is None
    simple = _request(app_url, "GET", path, {"Origin": FOREIGN, "Cookie": "shp_session=x"})
    assert simple.getheader("access-control-allow-origin") is None


@pytest.mark.parametrize("path", PATHS)
def test_every_route_answers_the_apps_own_origin(app_url, path):
    preflight = _preflight(app_url, path, app_url)
    assert preflight.status == 200
    assert preflight.getheader("access-control-allow-origin") == app_url
    assert preflight.getheader("access-control-allow-credentials") == "true"
