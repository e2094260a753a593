"""Turning untrusted arguments into validated models, with per-field messages.

The one boundary text crosses on its way in: ``parse`` refuses, field by field, any text
holding characters a database cannot keep (``domain.text``), whatever the model, and
``bounded_text`` does the same for validators and the services that check text by hand.
"""

from collections.abc import Mapping
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from safehouse_portal.domain.text import HIDDEN_CHARACTERS, has_unkept_characters
from safehouse_portal.services.core.errors import InvalidInput

M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], data: object) -> M:
    """Validate ``data`` (anything a browser might send) as ``model``, or raise InvalidInput.

    Each error is keyed by its field, with a message a person can act on.
    """
    if not isinstance(data, dict):
        raise InvalidInput({"form": "The form could not be read. Try again."})
    errors = {str(field): HIDDEN_CHARACTERS for field, value in data.items() if holds_unkept_text(value)}
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "form"
            errors.setdefault(field, _message(err))
        raise InvalidInput(errors) from None
    if errors:
        raise InvalidInput(errors)
    return validated


def holds_unkept_text(value: object) -> bool:
    """Whether ``value``, or any text inside it (lists and dicts, their keys too), holds characters that cannot be kept.

    Walked without recursion, so no nesting a browser sends can exhaust the stack.
    """
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if has_unkept_characters(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, (list, tuple)):
            pending.extend(item)
    return False


def _message(err: dict) -> str:
    msg = err.get("msg", "Enter a valid value")
    return msg.removeprefix("Value error, ")


def one_of(value: object, labels: Mapping[str, str], message: str) -> str:
    """``value`` when it is one of ``labels``' keys; else a ValueError saying ``message`` (for validators)."""
    if not isinstance(value, str) or value not in labels:
        raise ValueError(message)
    return value


def bounded_text(value: object, *, most: int, message: str, required: bool = True) -> str:
    """``value`` stripped, when it is text of at most ``most`` characters (and not empty, if ``required``).

    Raises:
        ValueError: ``message``; or, for text holding characters that cannot be kept (NUL,
            other control characters but tab, newline and carriage return), a message saying so.
    """
    text = value.strip() if isinstance(value, str) else ""
    if has_unkept_characters(text):
        raise ValueError(HIDDEN_CHARACTERS)
    if (required and not text) or len(text) > most:
        raise ValueError(message)
    return text
