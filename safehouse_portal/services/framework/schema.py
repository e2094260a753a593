"""Reading a framework file (JSON, YAML or CSV) into a validated ``FrameworkDocument``.

The framework is data the programme imports, so a file is checked completely before anything
is written and every problem is reported at once, each naming where it is: a path such as
``key_questions[0].kloes[2].prompts[1].text`` (JSON, YAML) or a line and column (CSV).

JSON and YAML hold the shape of ``FrameworkDocument`` (see ``data/framework_default.json``).

CSV has a header of ``CSV_COLUMNS`` and one row per prompt and/or clause reference (see
``data/framework_example.csv``). A row naming a ``kloe_code`` names its ``key_question`` too
and may carry a prompt (``prompt_code``, ``prompt_text``), a ``clause_reference`` the KLOE
cites, or both. ``version``, ``title``, ``source``, ``key_question_title``, ``kloe_title``
and ``kloe_question`` are given on at least one row of what they describe; other rows may
repeat them exactly or leave them blank. A row giving ``clause_title`` and ``clause_text``
defines that clause (``clause_illustrative``: true, false, or blank for true); a clause row
with no ``key_question`` or ``kloe_code`` defines a clause without citing it.
"""

import csv
import io
import json
from importlib import resources
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from safehouse_portal.domain.enums import KeyQuestion
from safehouse_portal.services.core.errors import ServiceError

VERSION_PATTERN = r"^\d{4}\.\d{1,3}(-[a-z0-9]+)*$"
NO_SPACES = r"^\S+$"
CSV_COLUMNS = (
    "version", "title", "source", "key_question", "key_question_title", "kloe_code", "kloe_title",
    "kloe_question", "prompt_code", "prompt_text", "clause_reference", "clause_title", "clause_text",
    "clause_illustrative",
)
DEFAULT_FILE = "framework_default.json"


def _text(max_length: int, pattern: str | None = None) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length, pattern=pattern)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PromptSpec(_Spec):
    """A prompt (sub-question) under a KLOE."""

    code: Annotated[str, _text(20, NO_SPACES)]
    text: Annotated[str, _text(1000)]


class KloeSpec(_Spec):
    """A key line of enquiry with its prompts and the clause references it cites."""

    code: Annotated[str, _text(10, NO_SPACES)]
    title: Annotated[str, _text(200)]
    question: Annotated[str, _text(1000)]
    prompts: list[PromptSpec] = Field(min_length=1)
    clauses: list[Annotated[str, _text(50)]] = []


class KeyQuestionSpec(_Spec):
    """One of the five key questions and its KLOEs, in order."""

    key: KeyQuestion
    title: Annotated[str, _text(200)]
    kloes: list[KloeSpec] = Field(min_length=1)


class ClauseSpec(_Spec):
    """A contract clause; ``illustrative`` marks text the project wrote, not the contract's own."""

    reference: Annotated[str, _text(50)]
    title: Annotated[str, _text(200)]
    text: Annotated[str, _text(4000)]
    illustrative: bool = True


class FrameworkDocument(_Spec):
    """A whole framework version, consistent with itself (see ``consistency_problems``)."""

    version: Annotated[str, _text(50, VERSION_PATTERN)]
    title: Annotated[str, _text(200)]
    source: Annotated[str, _text(500)]
    key_questions: list[KeyQuestionSpec]
    clauses: list[ClauseSpec] = []

    @model_validator(mode="after")
    def _consistent(self) -> "FrameworkDocument":
        problems = consistency_problems(self.model_dump(mode="json"))
        if problems:
            raise ValueError("; ".join(f"{_path(loc)}: {msg}" for loc, msg in problems))
        return self


class FrameworkFileError(ServiceError):
    """A framework file could not be read; ``errors`` lists every problem and where it is."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("The framework file has problems:\n" + "\n".join(errors))
        self.errors = errors


Loc = tuple[str | int, ...]


def consistency_problems(data: Any) -> list[tuple[Loc, str]]:
    """Rules across the document: each key question once, codes unique, citations defined.

    Works on raw (possibly malformed) data so these problems can be reported beside
    field errors; anything malformed is skipped here and reported by the field rules.
    """
    if not isinstance(data, dict):
        return []
    problems: list[tuple[Loc, str]] = []
    defined = {str(c.get("reference", "")).strip() for c in _dicts(data.get("clauses"))}
    seen_keys: set[str] = set()
    kloe_codes: set[str] = set()
    prompt_codes: set[str] = set()
    for i, kq in _indexed(data.get("key_questions")):
        key = str(kq.get("key", "")).strip()
        if key in seen_keys:
            problems.append((("key_questions", i, "key"), f"key question '{key}' appears more than once"))
        seen_keys.add(key)
        for j, kloe in _indexed(kq.get("kloes")):
            at = ("key_questions", i, "kloes", j)
            _once(problems, kloe_codes, kloe.get("code"), (*at, "code"), "KLOE code")
            for k, prompt in _indexed(kloe.get("prompts")):
                _once(problems, prompt_codes, prompt.get("code"), (*at, "prompts", k, "code"), "prompt code")
            cited: set[str] = set()
            for k, ref in enumerate(kloe.get("clauses") or []):
                ref = str(ref).strip()
                if ref and ref not in defined:
                    problems.append(((*at, "clauses", k), f"clause reference '{ref}' is not defined in clauses"))
                elif ref in cited:
                    problems.append(((*at, "clauses", k), f"clause reference '{ref}' is cited twice"))
                cited.add(ref)
    missing = [kq.value for kq in KeyQuestion if kq.value not in seen_keys]
    if missing and isinstance(data.get("key_questions"), list):
        problems.append((("key_questions",), f"key question(s) missing: {', '.join(missing)}"))
    seen_refs: set[str] = set()
    for m, clause in _indexed(data.get("clauses")):
        _once(problems, seen_refs, clause.get("reference"), ("clauses", m, "reference"), "clause reference")
    return problems


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _indexed(value: Any) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _once(problems: list, seen: set[str], value: Any, loc: Loc, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        return
    if value.strip() in seen:
        problems.append((loc, f"{what} '{value.strip()}' is used more than once"))
    seen.add(value.strip())


def _path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


_MESSAGES = {
    "missing": "is required",
    "string_too_short": "must not be empty",
    "bool_parsing": "must be true or false",
    "string_type": "must be text (quote it in YAML)",
    "enum": "must be one of " + ", ".join(KeyQuestion),
}


def _message(err: dict) -> str:
    ctx = err.get("ctx") or {}
    if err["type"] == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if err["type"] == "too_short":
        return f"must have at least {ctx.get('min_length')} item(s)"
    if err["type"] == "string_pattern_mismatch":
        is_version = ctx.get("pattern") == VERSION_PATTERN
        return "must look like 2026.1 or 2026.1-default" if is_version else "must not contain spaces"
    return _MESSAGES.get(err["type"], err.get("msg", "is not valid"))


def _check(data: Any) -> tuple[FrameworkDocument | None, list[tuple[Loc, str]]]:
    """The document, or None with every problem: field rules first, then the rules across it."""
    across = consistency_problems(data)
    try:
        document = FrameworkDocument.model_validate(data)
    except ValidationError as exc:
        fields = [(tuple(e["loc"]), _message(e)) for e in exc.errors() if e["loc"] or not across]
        return None, fields + across
    return (None, across) if across else (document, [])


def validate(data: Any) -> FrameworkDocument:
    """Validate parsed JSON or YAML data, or raise FrameworkFileError naming every problem's path."""
    document, problems = _check(data)
    if document is None:
        raise FrameworkFileError([f"{_path(loc)}: {msg}" for loc, msg in problems])
    return document


def parse_json(text: str) -> FrameworkDocument:
    """A framework from JSON text."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise FrameworkFileError([f"line {exc.lineno}, column {exc.colno}: {exc.msg}"]) from None
    return validate(data)


def parse_yaml(text: str) -> FrameworkDocument:
    """A framework from YAML text (quote versions such as "2026.1" so they stay text)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(document)"
        raise FrameworkFileError([f"{where}: {getattr(exc, 'problem', None) or exc}"]) from None
    return validate(data)


def parse_csv(text: str) -> FrameworkDocument:
    """A framework from CSV text, one row per prompt and/or clause reference (see module docstring)."""
    rows = _CsvRows()
    rows.read(text)
    document, problems = _check(rows.data)
    errors = rows.errors + [(*rows.locate(loc), msg) for loc, msg in problems]
    if document is None or errors:
        errors.sort(key=lambda e: e[0] or float("inf"))
        raise FrameworkFileError([f"line {line}, {column}: {msg}" if line else f"all rows, {column}: {msg}"
                                  for line, column, msg in errors])
    return document


class _CsvRows:
    """Folds CSV rows into the JSON shape, remembering the line and column behind each path."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {"key_questions": [], "clauses": []}
        self.errors: list[tuple[int, str, str]] = []
        self._where: dict[Loc, tuple[int, str]] = {}
        self._nodes: dict[tuple[str, ...], tuple[Loc, dict]] = {}

    def read(self, text: str) -> None:
        reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
        header = [h.strip() for h in next(reader, [])]
        missing = [c for c in CSV_COLUMNS if c not in header]
        unknown = [h for h in header if h not in CSV_COLUMNS]
        if missing or unknown:
            detail = "; ".join(filter(None, [missing and "missing " + ", ".join(missing),
                                             unknown and "unknown " + ", ".join(unknown)]))
            raise FrameworkFileError([f"line 1, header: columns do not match ({detail})"])
        last, count = reader.line_num, 0
        for cells in reader:
            line, last = last + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            count += 1
            if len(cells) > len(header):
                self.errors.append((line, "row", f"has {len(cells)} cells; the header has {len(header)}"))
            self._row(line, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
        if not count:
            raise FrameworkFileError(["line 2, row: the file has no rows below the header"])

    def locate(self, loc: Loc) -> tuple[int, str]:
        """The line and column behind ``loc``, or line 0 for something no row gives."""
        for n in range(len(loc), 0, -1):
            if loc[:n] in self._where:
                return self._where[loc[:n]]
        return 0, {"key_questions": "key_question", "clauses": "clause_reference"}.get(str(loc[0]), str(loc[0]))

    def _row(self, line: int, row: dict[str, str]) -> None:
        for name in ("version", "title", "source"):
            self._once(self.data, (name,), row[name], line, name)
        key, code, ref = row["key_question"], row["kloe_code"], row["clause_reference"]
        defines = any(row[c] for c in ("clause_title", "clause_text", "clause_illustrative"))
        if key or code:
            if not (key and code):
                self.errors.append((line, "kloe_code" if key else "key_question",
                                    "is required when the other of key_question, kloe_code is given"))
                return
            self._kloe_row(line, row)
        elif row["prompt_code"] or row["prompt_text"]:
            self.errors.append((line, "kloe_code", "is required for a row carrying a prompt"))
        elif not ref:
            self.errors.append((line, "row", "carries neither a prompt nor a clause reference"))
        if ref and defines:
            at, clause = self._node(("clause", ref), self.data["clauses"], ("clauses",), line,
                                    {"reference": ref}, reference="clause_reference")
            for field in ("title", "text", "illustrative"):
                self._once(clause, (*at, field), row[f"clause_{field}"], line, f"clause_{field}")
        elif defines:
            self.errors.append((line, "clause_reference", "is required when a clause's title or text is given"))

    def _kloe_row(self, line: int, row: dict[str, str]) -> None:
        key, code = row["key_question"], row["kloe_code"]
        kq_at, kq = self._node(("kq", key), self.data["key_questions"], ("key_questions",), line,
                               {"key": key, "kloes": []}, key="key_question")
        self._once(kq, (*kq_at, "title"), row["key_question_title"], line, "key_question_title")
        at, kloe = self._node(("kloe", key, code), kq["kloes"], (*kq_at, "kloes"), line,
                              {"code": code, "prompts": [], "clauses": []}, code="kloe_code", prompts="prompt_code")
        self._once(kloe, (*at, "title"), row["kloe_title"], line, "kloe_title")
        self._once(kloe, (*at, "question"), row["kloe_question"], line, "kloe_question")
        if row["prompt_code"] or row["prompt_text"]:
            self._add(kloe["prompts"], {"code": row["prompt_code"], "text": row["prompt_text"]}, (*at, "prompts"),
                      line, code="prompt_code", text="prompt_text")
        if row["clause_reference"]:
            self._where[(*at, "clauses", len(kloe["clauses"]))] = (line, "clause_reference")
            kloe["clauses"].append(row["clause_reference"])

    def _node(self, ident: tuple[str, ...], items: list, at: Loc, line: int, new: dict,
              **columns: str) -> tuple[Loc, dict]:
        """The node known by ``ident``, appended to ``items`` (at path ``at``) the first time it is seen."""
        if ident not in self._nodes:
            self._nodes[ident] = (self._add(items, new, at, line, **columns), new)
        return self._nodes[ident]

    def _add(self, items: list, item: dict, at: Loc, line: int, **columns: str) -> Loc:
        loc = (*at, len(items))
        items.append(item)
        self._where[loc] = (line, next(iter(columns.values())))
        self._where.update({(*loc, field): (line, column) for field, column in columns.items()})
        return loc

    def _once(self, target: dict, loc: Loc, value: str, line: int, column: str) -> None:
        """Set a value given once; other rows may repeat it exactly or leave it blank."""
        field = str(loc[-1])
        if not value:
            self._where.setdefault(loc, (line, column))
        elif field not in target:
            target[field] = value
            self._where[loc] = (line, column)
        elif target[field] != value:
            self.errors.append((line, column, f"'{value}' differs from line {self._where[loc][0]}"))


def default_document() -> FrameworkDocument:
    """The packaged default framework (written by the project; see its ``source``)."""
    return parse_json(resources.files("safehouse_portal").joinpath("data", DEFAULT_FILE).read_text("utf-8"))
