"""A typed use of the API, checked with `mypy --strict` (and run by the test script)."""

from __future__ import annotations

import datetime as dt
from typing import List, Optional

import shegong
from shegong.types import Applied, NewEvent, Obligation

CST = dt.timezone(dt.timedelta(hours=8))


def at(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s).replace(tzinfo=CST)


def main() -> None:
    cal: shegong.Calendar = shegong.Calendar.china()
    due: dt.date = cal.add_workdays(dt.date(2026, 9, 29), 5)
    assert due == dt.date(2026, 10, 12)
    first: NewEvent = {
        "occurred_at": at("2026-09-29T09:00"),
        "recorded_at": at("2026-09-29T09:00"),
        "actor": {"id": "w-li", "role": "worker"},
        "event": {
            "type": "received",
            "case_number": "SZ-2026-0031",
            "client": {"id": "c-1", "name": "王阿姨"},
            "source": {"kind": "voluntary"},
            "channel": "phone",
            "topic": "照料",
        },
    }
    case = shegong.Case.start(first)
    try:
        case.apply({**first, "event": {"type": "opened", "summary": "开案"}})
    except shegong.TransitionRefused as e:
        rule: str | None = e.rule_id
        assert rule == "open-consent"
    obligations: List[Obligation] = shegong.RuleSet.preset().obligations(case, cal, at("2026-10-13T09:00"))
    for o in obligations:
        status: str = o["status"]["status"]
        print(o["rule"], o.get("due_date"), status)
    batch = shegong.evaluate_histories([case.to_json()], at("2026-10-13T09:00"))
    rules: List[str] = [str(r) for r in batch.obligations["rule"]]
    print(rules, shegong.IdNumber("11010519491231002X").birth_date)
    worker = {"id": "w-li", "role": "worker"}
    plan = {"id": "G-1", "title": "小组", "kind": "group", "date": "2026-10-20", "planned_sessions": 6,
            "expected_participants": 10, "minutes": 90}
    activity = shegong.Activity.start({"occurred_at": at("2026-10-13T09:00"), "recorded_at": at("2026-10-13T09:00"),
                                       "actor": worker, "event": {"type": "planned", "plan": plan}})
    applied: Applied = activity.apply({"occurred_at": at("2026-10-14T09:00"), "recorded_at": at("2026-10-14T09:00"),
                                       "actor": worker, "event": {"type": "plan_submitted", "to": "l-zhou"}})
    stage: Optional[str] = applied["stage"]
    again: shegong.Activity = shegong.Activity.from_json(activity.to_json())
    print(stage, again.head == activity.head, len(again), shegong.error_kinds()[0], shegong.DIRECT_SHARE_PERCENT)
    try:
        shegong.Volunteer.replay([])
    except shegong.ShegongError as e:
        code: str = e.code
        print(code)


if __name__ == "__main__":
    main()
