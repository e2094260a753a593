"""Which words of a good-practice example could identify a provider, a service or a person.

Before an example found in one inspection is shown to anyone outside it, a programme
manager takes out whatever could identify the provider, its services, its staff or its
survivors. People miss things, so the app checks the text against every name the
programme knows (providers, locations, inspection groups, provider leads, managers and
user accounts) and flags each match. Publishing waits until every flag is resolved: the
words are edited out, or the name is marked "not identifying" with a reason (a manager
called Hope is not the word hope).

The rule is deliberately simple and predictable: case-insensitive, whole words only,
a multi-word name across any spacing, and the simple endings a name takes in a sentence
(plural ``s``/``es`` and the possessive ``'s``/``s'``, straight or curly apostrophe).
A person's name is also matched by each part of it (given name, family name), since a
text often names someone by one of them.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

MIN_LENGTH = 3
"""Name parts shorter than this are not matched alone (initials, "of", "St")."""
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})
_LEADING_WORDS = ("the ",)
_APOSTROPHE = "['\u2019]"
_ENDING = rf"(?:{_APOSTROPHE}s|s{_APOSTROPHE}|{_APOSTROPHE}|e?s)?"


class NameKind(StrEnum):
    """What a known name belongs to."""

    PROVIDER = "provider"
    LOCATION = "location"
    GROUP = "group"
    PERSON = "person"


KIND_LABELS: Mapping[NameKind, str] = {
    NameKind.PROVIDER: "a provider's name",
    NameKind.LOCATION: "a service's name",
    NameKind.GROUP: "an inspection group's name",
    NameKind.PERSON: "a person's name",
}


@dataclass(frozen=True)
class KnownName:
    """A name the programme holds, and what it names."""

    text: str
    kind: NameKind


@dataclass(frozen=True)
class Flag:
    """Words of one field that match a known name.

    Attributes:
        field: The field the words are in.
        found: The words as written (with any ending).
        term: The name (or part of a name) matched, lower case: what "not identifying" marks.
        kind: What the name belongs to.
        start: Where the words start in the field.
        end: Where they end.
    """

    field: str
    found: str
    term: str
    kind: NameKind
    start: int = 0
    end: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def normalise_term(text: str) -> str:
    """A name as a flag's ``term``: lower case, single spaces, curly apostrophes straightened."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


def variants(name: KnownName) -> list[str]:
    """The forms of ``name`` a text may use: the whole name, without a leading "The", and a person's name parts."""
    whole = normalise_term(name.text)
    found = [whole]
    for leading in _LEADING_WORDS:
        if whole.startswith(leading):
            found.append(whole.removeprefix(leading))
    if name.kind is NameKind.PERSON:
        found += [part for part in re.split(r"[\s\-]+", whole)
                  if part.strip(".") not in _TITLES and len(part) >= MIN_LENGTH]
    return [v for v in dict.fromkeys(found) if len(v) >= MIN_LENGTH]


def _pattern(term: str) -> str:
    words = [re.escape(word).replace("'", _APOSTROPHE) for word in term.split(" ")]
    return r"(?<!\w)" + r"\s+".join(words) + _ENDING + r"(?!\w)"


class NameMatcher:
    """Every known name compiled once into one expression; longer names win over their parts."""

    def __init__(self, names: Iterable[KnownName]) -> None:
        kinds: dict[str, NameKind] = {}
        for name in names:
            for term in variants(name):
                kinds.setdefault(term, name.kind)
        self._terms = sorted(kinds, key=lambda term: (-len(term), term))
        self._kinds = kinds
        alternatives = [f"(?P<n{i}>{_pattern(term)})" for i, term in enumerate(self._terms)]
        self._regex = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None

    def flags(self, fields: Mapping[str, str]) -> list[Flag]:
        """Every match in each of ``fields`` (field name to text), in field order then position."""
        if self._regex is None:
            return []
        found = []
        for field, text in fields.items():
            for match in self._regex.finditer(text or ""):
                term = self._terms[int(match.lastgroup[1:])]
                found.append(Flag(field, match.group(0), term, self._kinds[term], match.start(), match.end()))
        return found


def find_flags(fields: Mapping[str, str], names: Iterable[KnownName]) -> list[Flag]:
    """The words of ``fields`` that match any of ``names`` (see the module's rule)."""
    return NameMatcher(names).flags(fields)


def unresolved(flags: Iterable[Flag], cleared: Iterable[str]) -> list[Flag]:
    """The flags whose name has not been marked "not identifying" (``cleared`` holds terms)."""
    done = {normalise_term(term) for term in cleared}
    return [flag for flag in flags if flag.term not in done]


def publish_blockers(flags: Iterable[Flag], cleared: Iterable[str]) -> list[str]:
    """Why the text may not be published yet, one sentence per unresolved name; empty when it may."""
    seen: dict[str, Flag] = {}
    for flag in unresolved(flags, cleared):
        seen.setdefault(flag.term, flag)
    return [f"\u201c{flag.found}\u201d matches {flag.kind_label}: edit it out or mark it as not identifying."
            for flag in seen.values()]
