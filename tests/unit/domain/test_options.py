"""One Option for every choice a page offers, shared by the services and the PIR template."""

import dataclasses

import pytest

from safehouse_portal.domain import pir
from safehouse_portal.domain.options import Option
from safehouse_portal.services.analytics import service as analytics
from safehouse_portal.services.judgements import kloe_pir, workspace
from safehouse_portal.services.pir import views as pir_views
from safehouse_portal.services.programme import schedule
from safehouse_portal.services.requests import info_requests


def test_an_option_carries_the_value_sent_back_and_the_words_shown():
    option = Option("gp", "GP")
    assert (option.value, option.label) == ("gp", "GP")
    assert [field.name for field in dataclasses.fields(Option)] == ["value", "label"]


def test_an_option_cannot_be_changed_once_made():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Option("gp", "GP").label = "Police"


def test_an_option_made_without_arguments_is_empty_not_an_error():
    assert Option() == Option("", "")


@pytest.mark.parametrize("module", [pir, analytics, kloe_pir, workspace, pir_views, schedule, info_requests])
def test_every_area_uses_the_one_option(module):
    assert module.Option is Option
