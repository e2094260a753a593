"""Read models have keyword defaults, and no service, domain rule or document builds a path."""

import ast
import dataclasses
import importlib
import pkgutil
from pathlib import Path

import pytest

import safehouse_portal
import safehouse_portal.services as services

_PACKAGE = Path(safehouse_portal.__file__).parent
INTERNAL = {"Actor", "SignedIn", "Download", "AnalyticsRows", "Computed", "Shaped", "Access", "_Open", "_Group",
            "Loaded", "ProviderFacts", "InspectionFacts", "Grant", "Survey", "Saving", "AnswerRow", "InspectionRef",
            "PlanInputs", "Placement", "_Vars", "Formulation", "_Outcome", "_Run", "PlanRequest", "ReturnRef"}
"""Carriers between services and the edge that are never shown nor built empty: who acts, rows, files,
the access policy's facts and grants (a missing fact must never default to one that grants), what a save
reads, and the planner's solver runs, models and checked requests."""


def _service_dataclasses() -> list[type]:
    found = {}
    for module in pkgutil.walk_packages(services.__path__, "safehouse_portal.services."):
        for value in vars(importlib.import_module(module.name)).values():
            if dataclasses.is_dataclass(value) and isinstance(value, type) and value.__module__ == module.name:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[name] for name in sorted(found)]


def _read_models() -> list[type]:
    return [cls for cls in _service_dataclasses() if cls.__name__ not in INTERNAL]


def test_the_services_return_read_models_to_check():
    assert len(_read_models()) > 90


@pytest.mark.parametrize("model", _read_models(), ids=lambda cls: f"{cls.__module__.rsplit('.', 2)[-2]}.{cls.__name__}")
def test_every_read_model_can_be_built_empty_so_a_page_never_lists_its_fields(model):
    empty = model()
    for field in dataclasses.fields(model):
        value = getattr(empty, field.name)
        assert not (isinstance(value, (list, dict)) and value), f"{model.__name__}.{field.name} is not empty"


def test_read_models_do_not_share_their_empty_lists():
    from safehouse_portal.services.programme.board import BoardView

    first, second = BoardView(), BoardView()
    assert first.columns == [] and first.columns is not second.columns


def _paths_in(source: str) -> list[str]:
    """String constants that look like an app path (``"/inspections/..."``, an f-string's ``"/files/"``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if len(text) > 1 and text[0] == "/" and text[1].isalpha():
                found.append(text)
    return found


@pytest.mark.parametrize("layer", ["services", "domain", "documents"])
def test_no_service_domain_rule_or_document_builds_a_path_or_imports_the_routes(layer):
    for path in sorted((_PACKAGE / layer).rglob("*.py")):
        source = path.read_text()
        assert _paths_in(source) == [], path
        assert "safehouse_portal import routes" not in source and "safehouse_portal.routes" not in source, path
