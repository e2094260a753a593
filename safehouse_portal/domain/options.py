"""One choice a person can pick: the value sent back and the words shown."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """A choice in a select, radios or a picker, and a choice a PIR question offers.

    Pages read ``value`` (what the form sends back, checked again by the service) and
    ``label`` (what the person reads).
    """

    value: str = ""
    label: str = ""
