"""What text may be kept: every character a person can type, none a database refuses.

PostgreSQL refuses NUL in text, and a lone UTF-16 surrogate (which a browser's JSON can
carry) cannot be encoded at all; the other control characters are invisible, come only
from pasted or forged text, and corrupt exports and PDFs. Tab, newline and carriage
return are kept: multi-line answers need them.
"""

import re

_UNKEPT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

HIDDEN_CHARACTERS = ("Remove the hidden control characters from this text (they can come with text pasted from "
                     "another document), then try again")
"""The message for text holding characters that cannot be kept, said next to the field."""


def has_unkept_characters(text: str) -> bool:
    """Whether ``text`` holds a control character (other than tab, newline, carriage return) or a lone surrogate."""
    return _UNKEPT.search(text) is not None


def text_problem(text: str, *, most: int) -> str | None:
    """Why ``text`` cannot be kept, in words a person can act on (too long, hidden characters); None if it can."""
    if len(text) > most:
        return f"Keep this to {most:,} characters or fewer"
    if has_unkept_characters(text):
        return HIDDEN_CHARACTERS
    return None
