"""Speaking to the running app as a script would, not a browser: its websocket, sign-in and upload.

Reflex's event endpoint is Socket.IO v4 over a websocket at path and namespace ``/_event``,
with the client token in the query; a client emits ``event`` with the handler's full name,
its payload and its router data, and gets state updates back as ``event`` messages.
"""

import http.client
import json
import time
import uuid
from urllib.parse import urlencode, urlsplit

import socketio

NAMESPACE = "/_event"
HYDRATE = "reflex___state____state.hydrate"


class RawTab:
    """One connection with a token of the caller's choosing and, optionally, a session cookie."""

    def __init__(self, base_url: str, token: str, cookie: str = "") -> None:
        self.token, self.received, self.new_tokens = token, [], []
        # The app's own origin, sent once: a second Origin header would make two origins, which the app refuses.
        self.client = socketio.Client(reconnection=False, websocket_extra_options={"origin": base_url})
        self.client.on("event", self.received.append, namespace=NAMESPACE)
        self.client.on("new_token", self.new_tokens.append, namespace=NAMESPACE)
        headers = {"Cookie": cookie} if cookie else {}
        self.client.connect(f"{base_url}?token={token}", socketio_path=NAMESPACE, namespaces=[NAMESPACE],
                            transports=["websocket"], headers=headers, wait_timeout=20)

    def send(self, name: str, path: str = "/", **payload) -> None:
        """Emit one event, with the router data Reflex's frontend sends."""
        self.client.emit("event", {"name": name, "payload": payload,
                                   "router_data": {"pathname": path, "asPath": path, "query": {}}},
                         namespace=NAMESPACE)

    def hydrate(self, path: str, seconds: float = 20) -> str:
        """Ask for the whole state, as a reconnecting page does: everything received, as text."""
        self.send(HYDRATE, path=path)
        deadline = time.monotonic() + seconds
        while not self.received and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        return json.dumps(self.received)

    def close(self) -> None:
        self.client.disconnect()


def new_token() -> str:
    return str(uuid.uuid4())


def _connection(base_url: str) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def session_cookie(base_url: str, email: str, password: str = "demo-password") -> str:
    """Sign in through the real ``/auth/sign-in`` route; the ``Cookie`` header it grants."""
    connection = _connection(base_url)
    connection.request("POST", "/auth/sign-in", urlencode({"email": email, "password": password}),
                       {"Content-Type": "application/x-www-form-urlencoded", "Origin": base_url})
    response = connection.getresponse()
    granted = response.getheader("set-cookie") or ""
    connection.close()
    assert granted.startswith("shp_session="), f"sign-in refused ({response.status})"
    return granted.split(";", 1)[0]


def post_upload(base_url: str, token: str, handler: str, name: str, content: bytes, cookie: str = "") -> int:
    """``POST /_upload`` as Reflex's frontend sends it, naming ``token`` and ``handler``; the status."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Reflex-Client-Token": token,
               "Reflex-Event-Handler": handler, "Origin": base_url, **({"Cookie": cookie} if cookie else {})}
    connection = _connection(base_url)
    connection.request("POST", "/_upload", body, headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status
