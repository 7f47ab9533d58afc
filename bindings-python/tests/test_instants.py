"""Instants across the boundary: any aware tzinfo in, nothing rounded, nothing lost on the way back.

An instant from Python is read through the datetime's own ``utcoffset()``, so a ``zoneinfo`` zone
works as a fixed ``timezone`` does; an offset RFC 3339 cannot write (seconds) is refused rather
than rounded. An instant a ``datetime`` cannot hold (nanoseconds, a leap second) comes back as
its text, so the history still matches its chain ([records-authentic]).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import shegong

CST = dt.timezone(dt.timedelta(hours=8))
W = {"id": "w-1", "role": "worker"}


def received(at: object) -> dict:
    return {
        "occurred_at": at,
        "recorded_at": at,
        "actor": W,
        "event": {
            "type": "received",
            "case_number": "BJ-2026-0001",
            "client": {"id": "c-1", "name": "王阿姨"},
            "source": {"kind": "voluntary"},
            "channel": "phone",
            "topic": "照护",
        },
    }


def test_a_zoneinfo_datetime_is_the_same_instant_as_its_fixed_offset() -> None:
    zoned = shegong.Case.start(received(dt.datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))))
    fixed = shegong.Case.start(received(dt.datetime(2026, 3, 2, 9, tzinfo=CST)))
    assert zoned.to_json() == fixed.to_json()


def test_a_zone_with_summer_time_gives_the_offset_in_force_that_day() -> None:
    # 09:00 in New York on 2026-07-01 is 13:00 UTC (EDT, -04:00); on 2026-01-05, 14:00 UTC (EST).
    summer = shegong.Case.start(received(dt.datetime(2026, 7, 1, 9, tzinfo=ZoneInfo("America/New_York"))))
    winter = shegong.Case.start(received(dt.datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("America/New_York"))))
    assert summer.history[0]["occurred_at"] == dt.datetime(2026, 7, 1, 13, tzinfo=dt.timezone.utc)
    assert winter.history[0]["occurred_at"] == dt.datetime(2026, 1, 5, 14, tzinfo=dt.timezone.utc)
    assert summer.history[0]["occurred_at"].utcoffset() == dt.timedelta(hours=-4)


def test_now_may_be_a_zoneinfo_datetime() -> None:
    case = shegong.Case.start(received(dt.datetime(2026, 3, 2, 9, tzinfo=CST)))
    rules, cal = shegong.RuleSet.preset(), shegong.Calendar.china()
    zoned = rules.obligations(case, cal, dt.datetime(2026, 3, 20, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    fixed = rules.obligations(case, cal, dt.datetime(2026, 3, 20, 9, tzinfo=CST))
    assert zoned == fixed
    batch = shegong.evaluate_histories([case.to_json()], dt.datetime(2026, 3, 20, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert batch.errors["index"] == []


def test_a_naive_datetime_is_refused_as_naive_everywhere() -> None:
    naive = dt.datetime(2026, 3, 2, 9)
    with pytest.raises(TypeError, match="naive"):
        shegong.Case.start(received(naive))
    case = shegong.Case.start(received(dt.datetime(2026, 3, 2, 9, tzinfo=CST)))
    with pytest.raises(TypeError, match="naive"):
        shegong.RuleSet.preset().obligations(case, shegong.Calendar.china(), naive)
    with pytest.raises(TypeError, match="naive"):
        shegong.evaluate_histories([case.to_json()], naive)


def test_a_date_or_text_is_not_taken_for_now() -> None:
    case = shegong.Case.start(received(dt.datetime(2026, 3, 2, 9, tzinfo=CST)))
    for wrong in (dt.date(2026, 3, 2), "2026-03-02T09:00:00+08:00", 1772413200):
        with pytest.raises(TypeError, match="aware datetime"):
            shegong.RuleSet.preset().obligations(case, shegong.Calendar.china(), wrong)


@pytest.mark.parametrize("offset", [dt.timedelta(hours=8, seconds=30), dt.timedelta(hours=8, microseconds=1)])
def test_an_offset_with_seconds_is_refused_not_rounded(offset: dt.timedelta) -> None:
    at = dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone(offset))
    with pytest.raises(shegong.OutOfRange, match="whole number of minutes"):
        shegong.Case.start(received(at))
    case = shegong.Case.start(received(dt.datetime(2026, 3, 2, 9, tzinfo=CST)))
    with pytest.raises(shegong.OutOfRange):
        shegong.RuleSet.preset().obligations(case, shegong.Calendar.china(), at)


def test_a_tzinfo_whose_utcoffset_is_not_a_timedelta_is_a_type_error() -> None:
    class Broken(dt.tzinfo):
        def utcoffset(self, _: object) -> object:  # type: ignore[override]
            return "+08:00"

    with pytest.raises(TypeError, match="utcoffset"):
        shegong.Case.start(received(dt.datetime(2026, 3, 2, 9, tzinfo=Broken())))


def test_microseconds_come_back_as_a_datetime() -> None:
    at = dt.datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=CST)
    case = shegong.Case.start(received(at))
    assert case.history[0]["occurred_at"] == at
    assert shegong.Case.replay_verified(case.history, case.head).head == case.head


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("2026-03-02T09:00:00.123456789+08:00", "2026-03-02T09:00:00.123456789+08:00"),
        ("2026-12-31T23:59:60+08:00", "2026-12-31T23:59:60+08:00"),
        # The core writes fractions in groups of three digits; that text is what comes back.
        ("2026-12-31T23:59:60.5+08:00", "2026-12-31T23:59:60.500+08:00"),
    ],
)
def test_an_instant_a_datetime_cannot_hold_comes_back_as_its_text(text: str, stored: str) -> None:
    case = shegong.Case.start(received(text))
    back = case.history[0]["occurred_at"]
    assert back == stored
    # Passed back as it came, the history still matches its chain: nothing was rounded.
    assert shegong.Case.replay_verified(case.history, case.head).head == case.head
    assert shegong.Case.from_json(case.to_json()).head == case.head


def test_a_history_with_nanoseconds_evaluates_in_a_batch() -> None:
    case = shegong.Case.start(received("2026-03-02T09:00:00.123456789+08:00"))
    batch = shegong.evaluate_histories([case.to_json()], dt.datetime(2026, 3, 20, 9, tzinfo=CST))
    assert batch.errors["index"] == []
    assert batch.cases["case"] == ["BJ-2026-0001"]
