"""The edge's clock counts days in England, whatever the server's time zone."""

from datetime import UTC, date, datetime

import pytest

from safehouse_portal.domain.dates import LONDON
from safehouse_portal.services.core import clock


def _frozen_at(instant: datetime):
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return instant.astimezone(tz) if tz else instant.astimezone(UTC).replace(tzinfo=None)

    return Frozen


@pytest.mark.parametrize(("instant", "english_day"), [
    (datetime(2026, 7, 1, 23, 30, tzinfo=UTC), date(2026, 7, 2)),
    (datetime(2026, 12, 1, 23, 30, tzinfo=UTC), date(2026, 12, 1)),
])
def test_today_is_the_day_in_england_not_on_the_servers_clock(monkeypatch, instant, english_day):
    monkeypatch.setattr(clock, "datetime", _frozen_at(instant))
    assert clock.programme_today() == english_day


def test_now_is_an_aware_time_in_england(monkeypatch):
    monkeypatch.setattr(clock, "datetime", _frozen_at(datetime(2026, 7, 1, 9, 0, tzinfo=UTC)))
    now = clock.programme_now()
    assert now.tzinfo is LONDON and (now.hour, now.minute) == (10, 0)
