"""The rules every autosaving box shares (PIR answers, KLOE notes and judgement text).

A box saves itself with the version of the stored value it was drawn with. A save
started from an older version than the stored one is refused as a conflict, never
saved over the newer value; the person is shown their text and the stored one. A newer
value the same person saved last is theirs, not a conflict.
"""

from typing import Any


def client_version(value: object) -> int | None:
    """A version or page generation as a browser sends one (a whole number, 0 or more), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31 else None


def expected_version(started_from: int | None, known: int, mine: int | None = None) -> int:
    """The version a save must find stored to go ahead.

    ``started_from`` is the version the box was drawn with (None when the browser sent
    none: the page's own ``known`` version is used); ``mine`` is the version this page
    itself saved last, so a second save typed before the first one's answer came back
    is not taken for someone else's change.
    """
    if started_from is None:
        return known
    return max(started_from, mine if mine is not None else -1)


def refused_as_conflict(stored: int, expected: int, stored_by: int | None, person: int | None) -> bool:
    """Whether a save started from version ``expected`` must be refused because ``stored`` differs.

    A newer value the same person saved last is not someone else's change: it is theirs,
    typically a save whose answer never reached the browser (the server stopped as it
    answered), and the box then sends the version it was drawn with. Refusing it would show
    the person their own words as a conflict; their latest typing is what they mean.
    """
    if stored == expected:
        return False
    return not (stored > expected and person is not None and stored_by == person)


def quoted(value: Any) -> str:
    """What someone typed, quoted for a message (rows as their filled cells)."""
    if isinstance(value, list):
        return "; ".join(", ".join(str(v) for v in row.values() if v) for row in value
                         if isinstance(row, dict)) or "(no rows)"
    return f"\u201c{value}\u201d" if value else "(blank)"


def conflict_text(what: str, by: str, at: str, theirs: Any, yours: Any, noun: str = "text") -> str:
    """Theirs and yours, in words: what the page shows next to the box whose save was refused."""
    return (f"{what}: {by} saved {quoted(theirs)} at {at}, after the {noun} you were changing, so yours was not "
            f"saved. Their {noun} is shown now. Yours was: {quoted(yours)}. Check it and enter yours again if it "
            f"should replace theirs.")
