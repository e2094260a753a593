"""Every box a person types into has a ``maxlength`` from its service's own limit, well under the transport's.

A websocket message over Engine.IO's ``max_http_buffer_size`` (Reflex's
``REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE``, 1,000,000 characters by default) closes the socket
and the event is lost without a word, so the page must never let a field get near it; and
the page's limit is the service's constant, imported, so the two cannot drift apart.
"""

import ast
import importlib
from pathlib import Path

import pytest
from reflex_base.environment import environment

import safehouse_portal.portals

PORTALS = Path(safehouse_portal.portals.__file__).parent
CONTROLS = {"textarea", "input", "text_area"}
NOT_TYPED_INTO = {"radio", "checkbox", "hidden", "date", "file", "submit", "button"}
NOT_ON_THE_WEBSOCKET = {"accounts/sign_in.py"}
"""The sign-in form posts to a plain HTTP route (``web/sign_in.py``), which bounds what it reads itself."""
WORST_JSON_ESCAPE = 6
"""JSON writes a control character as ``\\u0000``: six characters for one typed."""


def _controls():
    for path in sorted(PORTALS.rglob("*.py")):
        relative = path.relative_to(PORTALS).as_posix()
        if relative in NOT_ON_THE_WEBSOCKET:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in CONTROLS and ast.unparse(node.func).startswith("rx.")):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            kind = keywords.get("type")
            if isinstance(kind, ast.Constant) and kind.value in NOT_TYPED_INTO:
                continue
            yield pytest.param(relative, keywords.get("max_length"), id=f"{relative}:{node.lineno}")


CONTROLS_TYPED_INTO = list(_controls())


def test_the_portals_have_boxes_to_type_into():
    assert len(CONTROLS_TYPED_INTO) > 30


@pytest.mark.parametrize(("module", "limit"), CONTROLS_TYPED_INTO)
def test_every_box_takes_at_most_its_services_limit_named_not_retyped(module, limit):
    assert limit is not None, "a text box without maxlength can overflow the websocket's transport limit"
    assert not isinstance(limit, ast.Constant), "import the service's constant instead of retyping the number"
    namespace = vars(importlib.import_module("safehouse_portal.portals." + module.removesuffix(".py").replace("/", ".")))
    value = eval(compile(ast.Expression(limit), module, "eval"), namespace)  # noqa: S307  (our own source's names)
    assert isinstance(value, int) and value > 0
    assert value * WORST_JSON_ESCAPE * 5 < environment.REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE.get(), \
        "five fields at this cap, escaped at worst, must still fit in one websocket message"


def test_the_transport_limit_is_the_one_the_security_notes_give():
    assert environment.REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE.get() == 1_000_000
