"""Turning untrusted arguments into validated models, with per-field messages."""

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from safehouse_portal.services.errors import InvalidInput

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
