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
            errors.setdefault(field, _message(err, model))
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


def _message(err: dict, model: type[BaseModel] | None = None) -> str:
    """A validator's own message; pydantic's built-in ones ("Field required") in plain words naming the field."""
    if err.get("type") == "value_error":
        return str(err.get("msg", "Enter a valid value")).removeprefix("Value error, ")
    name = _field_name(model, err["loc"][0] if err.get("loc") else None)
    return f"Enter {name}" if err.get("type") == "missing" else f"Enter a valid {name.removeprefix('the ')}"


def _field_name(model: type[BaseModel] | None, field: object) -> str:
    """The field as words: its ``title`` in the model when set, else its name ("section_key": "the section key")."""
    info = model.model_fields.get(field) if model is not None and isinstance(field, str) else None
    if info is not None and info.title:
        return info.title[:1].lower() + info.title[1:]
    if not isinstance(field, str) or not field:
        return "a value"
    return "the " + field.replace("_", " ").removesuffix(" id").removesuffix(" ids")


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


_FILE_MESSAGES = {
    "missing": "is missing: add it",
    "extra_forbidden": "is not something this file can have: remove it",
    "string_type": "must be text",
    "int_type": "must be a whole number", "int_parsing": "must be a whole number",
    "bool_type": "must be true or false", "bool_parsing": "must be true or false",
    "list_type": "must be a list", "dict_type": "must be an object", "model_type": "must be an object",
    "enum": "is not one of the allowed values", "literal_error": "is not one of the allowed values",
}


def file_error_message(err: dict) -> str:
    """A pydantic error on an imported file in plain words ("is missing: add it"), never "Field required"."""
    ctx = err.get("ctx") or {}
    kind = err.get("type", "")
    if kind == "value_error":
        return str(err.get("msg", "is not valid")).removeprefix("Value error, ")
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind in ("too_short", "string_too_short"):
        return f"must have at least {ctx.get('min_length')}" + (" character(s)" if kind == "string_too_short"
                                                                 else " item(s)")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        return f"must be {'at least' if kind == 'greater_than_equal' else 'at most'} {bound}"
    return _FILE_MESSAGES.get(kind, "is not valid")
