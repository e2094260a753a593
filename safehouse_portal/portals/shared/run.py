"""One service call per event, as every page State makes it: call, refresh, or show why not.

The workspace, report and inspection pages share it so a refusal always reads the same:
field errors from ``InvalidInput`` land beside their fields, a refusal or a missing record
is one ``form`` error, and nothing of the refused call reaches the State.
"""

from collections.abc import Callable
from typing import Any

from safehouse_portal.services.core.errors import InvalidInput, NotFound, PermissionDenied


def run_action(state, errors_field: str, action: Callable[[Any, Any], Any],
               refresh: Callable[[Any, Any], None]) -> tuple[bool, Any]:
    """One service call in one session, then ``refresh``; refusals land in ``state.<errors_field>``.

    Returns:
        Whether the call went through, and what it returned.
    """
    actor = state._actor()
    try:
        with state._session() as session:
            result = action(session, actor)
            refresh(session, actor)
    except InvalidInput as exc:
        setattr(state, errors_field, dict(exc.errors))
        return False, None
    except (PermissionDenied, NotFound) as exc:
        setattr(state, errors_field, {"form": str(exc) or "That could not be done."})
        return False, None
    return True, result
