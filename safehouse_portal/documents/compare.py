"""What changed between the draft report sent for factual accuracy and the final report.

Pure: takes two snapshots (``report_content.snapshot``) and lists every change, section
by section, as the lines removed and the lines added (``difflib``).
"""

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SectionChange:
    """One section that differs: what the draft said and what the final says instead."""

    key: str
    title: str
    kind: str
    removed: tuple[str, ...]
    added: tuple[str, ...]


def compare_snapshots(draft: Mapping[str, Any], final: Mapping[str, Any]) -> list[SectionChange]:
    """Every change from ``draft`` to ``final``, in the final report's order.

    Sections are matched by key; a section in only one of them is listed as added or
    removed. Recommendations are compared as one section of numbered lines.
    """
    before, after = _sections(draft), _sections(final)
    titles = {key: title for key, (title, _) in {**before, **after}.items()}
    order = list(after) + [key for key in before if key not in after]
    changes = []
    for key in order:
        old = before.get(key, ("", ""))[1]
        new = after.get(key, ("", ""))[1]
        if old == new:
            continue
        removed, added = _line_diff(old.splitlines(), new.splitlines())
        kind = "added" if key not in before else "removed" if key not in after else "changed"
        changes.append(SectionChange(key, titles[key], kind, removed, added))
    return changes


def _sections(snapshot: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    sections = {
        str(s.get("key")): (str(s.get("title", "")), str(s.get("text", "")))
        for s in snapshot.get("sections", []) if isinstance(s, Mapping)
    }
    recommendations = [r for r in snapshot.get("recommendations", []) if isinstance(r, Mapping)]
    if recommendations:
        sections["recommendations"] = ("Recommendations", "\n".join(
            f"{r.get('number')}. [{r.get('kloes')}] {r.get('text')} ({r.get('timescale')})" for r in recommendations
        ))
    return sections


def _line_diff(old: Sequence[str], new: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    removed, added = [], []
    for line in difflib.ndiff(list(old), list(new)):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return tuple(removed), tuple(added)
