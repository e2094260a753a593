"""Error messages that name the question: "Enter how many survivors you supported", never "Enter your answer".

A question (or a column of a rows question) may carry an ``error_name`` in the template, the words
that finish "Enter ..." for it. Without one, the words come from the question's own text by the
GOV.UK patterns: "Describe X" is its own instruction, "How do you X?" becomes "Enter how you X",
"Do you X?" becomes "Select yes if you X", "Number of X" becomes "Enter the number of X". Anything
else quotes the question, so the person always knows which one is meant.
"""

import re

_WH = re.compile(
    r"^(How often|How many(?: \w+)?|How|What(?: \w+)?|Which(?: \w+)?|When|Where|Why) (do|does) (.+?)\??$",
    re.IGNORECASE,
)
_POLICY_DATE = re.compile(r"^(.+): date last reviewed$", re.IGNORECASE)
_POLICY_FILE = re.compile(r"^(.+): policy document$", re.IGNORECASE)
_YES_NO_INVERTED = ("can", "is", "are", "has", "have", "will", "should")


def missing_text_message(text: str, error_name: str = "") -> str:
    """For an empty text question."""
    if error_name:
        return f"Enter {error_name}"
    if text.lower().startswith(("describe ", "explain ", "list ", "tell us ")):
        return text.rstrip(".?")
    return f"Enter {_clause(text)}" if _WH.match(text) else f"Enter your answer to “{text}”"


def missing_number_message(text: str, error_name: str = "") -> str:
    """For an empty number question."""
    return f"Enter {error_name or _noun_phrase(text)}"


def missing_date_message(text: str, error_name: str = "") -> str:
    """For an empty date question."""
    if error_name:
        return f"Enter {error_name}"
    policy = _POLICY_DATE.match(text)
    if policy:
        return f"Enter the date the {_lower_first(policy.group(1))} policy was last reviewed"
    return f"Enter {_noun_phrase(text)}"


def missing_yes_no_message(text: str, error_name: str = "") -> str:
    """For an unanswered yes or no question: "Select yes if you accept admissions out of hours"."""
    if error_name:
        return f"Select yes if {error_name}"
    words = text.rstrip("?").split()
    if len(words) > 2 and words[0].lower() in ("do", "does"):
        return "Select yes if " + " ".join(words[1:])
    if len(words) > 2 and words[0].lower() in _YES_NO_INVERTED:
        return "Select yes if " + " ".join([words[1], words[0].lower(), *words[2:]])
    return f"Select yes or no for “{text}”"


def missing_choice_message(text: str, error_name: str = "") -> str:
    """For an unanswered choice question: "Select how often support workers receive supervision"."""
    if error_name:
        return f"Select {error_name}"
    return f"Select {_clause(text)}" if _WH.match(text) else f"Select an answer to “{text}”"


def missing_file_message(text: str, error_name: str = "") -> str:
    """For a file question with no file: "Upload the fire safety policy document"."""
    return f"Upload {error_name or _noun_phrase(text)}"


def missing_rows_message(text: str, least: int) -> str:
    """For a rows question with too few rows."""
    rows = f"{least} row" + ("s" if least != 1 else "")
    return f"Add at least {rows} to “{text}”"


def missing_cell_message(row: int, label: str, error_name: str = "") -> str:
    """For an empty cell of a rows question: "Row 2: enter how many survivors you supported"."""
    return f"Row {row}: enter {error_name or 'the ' + label.lower()}"


def number_cell_message(row: int, label: str, error_name: str = "") -> str:
    """For a cell that is not a whole number."""
    return f"Row {row}: enter {error_name or 'the ' + label.lower()} as a whole number, 0 or more"


def _clause(text: str) -> str:
    """ "How do you arrange X?" as "how you arrange X"."""
    match = _WH.match(text)
    return f"{match.group(1).lower()} {match.group(3)}"


def _noun_phrase(text: str) -> str:
    """ "Number of complaints received" as "the number of complaints received"."""
    policy = _POLICY_FILE.match(text)
    if policy:
        return f"the {_lower_first(policy.group(1))} policy document"
    phrase = _lower_first(text.rstrip(".?"))
    return phrase if phrase.startswith(("the ", "your ", "a ", "an ")) else f"the {phrase}"


def _lower_first(text: str) -> str:
    """Lower-cases the first letter unless the first word is an acronym ("CQC")."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]
