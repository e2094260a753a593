"""Record ids as they arrive from outside: a URL, a form, a forged event argument.

The one id parser. Every id the database gives is a positive 32-bit integer, so anything
else (a bool, a float, a negative number, twelve digits, "1e3", " 7") is not an id.
"""

MAX_ID = 2**31 - 1
"""The largest id a 32-bit primary key holds; larger numbers are refused, never wrapped."""


def parse_id(value: object, *, text: bool = True) -> int | None:
    """The id ``value`` names, or None when it names none.

    Args:
        value: An int, or (when ``text``) the ASCII digits of one, as a URL or a form sends it.
        text: Whether digit strings are accepted. Services called with typed arguments pass
            False so a string where an int belongs is refused, as before.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    if text and isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10:
        number = int(value)
        return number if 0 < number <= MAX_ID else None
    return None
