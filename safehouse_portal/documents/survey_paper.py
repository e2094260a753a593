"""What the survey's printed handouts are drawn from: a language as printed and a question on paper.

Kept apart from ``survey_print`` (which draws with fpdf2) so the services can build them
without loading the PDF library until someone prints.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PrintLanguage:
    """One translation as printed: its code, its name in itself, its direction and its texts by key."""

    code: str = "en"
    name: str = "English"
    dir: str = "ltr"
    texts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PaperQuestion:
    """A question on the paper form: its words and, for a choice, each option's value and words."""

    code: str = ""
    kind: str = "choice"
    text: str = ""
    options: tuple[tuple[str, str], ...] = ()
