"""The audit trail as a hash chain: each row's hash covers its content and the previous row's hash.

Editing a row changes its content, so its stored hash no longer matches; removing or
reordering rows breaks the link from the next row to the one before it. Pure functions:
the service computes the hash when it writes a row, and ``first_broken_link`` walks rows
in the order they were written.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
"""The previous hash of the first row of the trail."""


@dataclass(frozen=True)
class ChainRow:
    """What a row's hash covers, and the hashes stored with it."""

    id: int = 0
    at: datetime | None = None
    actor_id: int | None = None
    action: str = ""
    entity_type: str = ""
    entity_id: int | None = None
    provider_id: int | None = None
    inspection_id: int | None = None
    before: Any = None
    after: Any = None
    previous_hash: str = ""
    row_hash: str = ""


@dataclass(frozen=True)
class BrokenLink:
    """The first row at which the chain does not hold, and why, in words."""

    row_id: int = 0
    reason: str = ""


def canonical_json(value: Any) -> Any:
    """``value`` as JSON would give it back (tuples as lists, keys as strings), so hashes survive a round trip."""
    if _plain(value):  # already so (most records): not written out and read back
        return value
    return json.loads(json.dumps(value, default=str))


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> bool:
    """Whether ``value`` is JSON's own: exact scalars, lists of them, dicts of them keyed by strings."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if kind is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if kind is list:
        return all(_plain(v) for v in value)
    return False


def content_hash(row: ChainRow, previous_hash: str) -> str:
    """The SHA-256 (hex) of the row's content (not its id) and ``previous_hash``."""
    at = row.at.astimezone(UTC).isoformat(timespec="microseconds") if row.at else ""
    content = {
        "at": at, "actor_id": row.actor_id, "action": row.action, "entity_type": row.entity_type,
        "entity_id": row.entity_id, "provider_id": row.provider_id, "inspection_id": row.inspection_id,
        "before": canonical_json(row.before), "after": canonical_json(row.after), "previous": previous_hash,
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def first_broken_link(rows: Iterable[ChainRow], previous_hash: str = GENESIS,
                      previous_id: int | None = None) -> BrokenLink | None:
    """The first row, in the order given (the order written), whose link or content does not hold; None if all do.

    Args:
        rows: The trail's rows in id order (or a later stretch of it).
        previous_hash: The hash of the row before ``rows`` (``GENESIS`` at the start).
        previous_id: The id of that row, to name it in the reason.
    """
    for row in rows:
        if row.previous_hash != previous_hash:
            after = f"row {previous_id}" if previous_id is not None else "the start of the trail"
            return BrokenLink(row.id, f"row {row.id} does not follow {after}: a row between them was removed, "
                                      f"or one of them was changed")
        if row.row_hash != content_hash(row, previous_hash):
            return BrokenLink(row.id, f"row {row.id} was changed after it was written: its content does not "
                                      f"match its hash")
        previous_hash, previous_id = row.row_hash, row.id
    return None
