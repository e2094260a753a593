"""Turning untrusted arguments into validated models, with per-field messages."""

from collections.abc import Mapping
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from safehouse_portal.services.core.errors import InvalidInput

M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], data: object) -> M:
    """Validate ``data`` (anything a browser might send) as ``model``, or raise InvalidInput.

    Each error is keyed by its field, with a message a person can act on.
    """
    if not isinstance(data, dict):
        raise InvalidInput({"form": "The form could not be read. Try again."})
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "form"
            errors.setdefault(field, _message(err))
        raise InvalidInput(errors) from None


def _message(err: dict) -> str:
    msg = err.get("msg", "Enter a valid value")
    return msg.removeprefix("Value error, ")


def one_of(value: object, labels: Mapping[str, str], message: str) -> str:
    """``value`` when it is one of ``labels``' keys; else a ValueError saying ``message`` (for validators)."""
    if not isinstance(value, str) or value not in labels:
        raise ValueError(message)
    return value


def bounded_text(value: object, *, most: int, message: str, required: bool = True) -> str:
    """``value`` stripped, when it is text of at most ``most`` characters (and not empty, if ``required``)."""
    text = value.strip() if isinstance(value, str) else ""
    if (required and not text) or len(text) > most:
        raise ValueError(message)
    return text
