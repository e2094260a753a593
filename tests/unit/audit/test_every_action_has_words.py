"""Every action the code records in the audit trail has words on the audit page, so none can be forgotten.

The source is scanned (no import, no database): each ``action="area.verb"`` keyword, each
module constant used as ``action=NAME``, and each dotted string handed to an ``*audit*``
helper. An f-string action cannot be read from the source, so each one is listed here with
every action it makes; a new f-string action fails until it is listed.
"""

import ast
import re
from pathlib import Path

import pytest

from safehouse_portal.domain.audit_words import ACTION_WORDS

SOURCE = Path(__file__).resolve().parents[3] / "safehouse_portal"
DOTTED = re.compile(r"^[a-z_]+\.[a-z_]+$")

F_STRING_ACTIONS: dict[str, set[str]] = {
    "f'programme.change_{status.value}'": {"programme.change_accepted", "programme.change_declined"},
    "f'programme.{entity_type}_changed'": {"programme.provider_changed", "programme.location_changed",
                                           "programme.group_changed"},
    "f'recommendation.{kind}'": {"recommendation.progress", "recommendation.evidence", "recommendation.accepted",
                                 "recommendation.returned"},
    "f'report.qa_{decision.outcome}'": {"report.qa_signed_off", "report.qa_returned"},
}
"""Each f-string action in the source (as ``ast.unparse`` writes it) and every action it can make."""


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _scan() -> tuple[dict[str, str], dict[str, str]]:
    """Literal actions and f-string actions, each with the file and line that records it."""
    literal, formatted = {}, {}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        constants = {t.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                     and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                     for t in node.targets if isinstance(t, ast.Name)}
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            where = f"{path.relative_to(SOURCE)}:{call.lineno}"
            values = [k.value for k in call.keywords if k.arg == "action"]
            if "audit" in _name(call.func).lower():
                values += [a for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            for value in values:
                if isinstance(value, ast.Name) and value.id in constants:
                    value = ast.Constant(constants[value.id])
                if isinstance(value, ast.Constant) and isinstance(value.value, str) and DOTTED.match(value.value):
                    literal.setdefault(value.value, where)
                elif isinstance(value, ast.JoinedStr):
                    formatted.setdefault(ast.unparse(value), where)
    return literal, formatted


LITERAL, FORMATTED = _scan()


def test_the_scan_finds_the_trail_s_actions():
    assert len(LITERAL) > 70 and {"inspection.stage_moved", "programme.provider_created",
                                  "workspace.scope_widened"} <= set(LITERAL)


@pytest.mark.parametrize("action", sorted(LITERAL))
def test_each_recorded_action_has_words(action):
    assert action in ACTION_WORDS, f"{action} (recorded at {LITERAL[action]}) has no words in domain/audit_words.py"


@pytest.mark.parametrize("source", sorted(FORMATTED))
def test_each_f_string_action_is_listed_with_every_action_it_makes_and_each_has_words(source):
    assert source in F_STRING_ACTIONS, f"list {source} (at {FORMATTED[source]}) and the actions it makes above"
    assert F_STRING_ACTIONS[source] <= set(ACTION_WORDS)


def test_no_listed_f_string_action_is_left_over_once_its_code_is_gone():
    assert set(F_STRING_ACTIONS) == set(FORMATTED)
