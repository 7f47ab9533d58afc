"""Shared helpers for the binding's tests (which run against the installed wheel)."""

import datetime as dt
import json
import pathlib
from typing import Any

import pytest

import shegong

# Records the public names the tests call; fails the session if one is never called.
pytest_plugins = ["coverage_plugin"]

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"
CST = dt.timezone(dt.timedelta(hours=8))


def t(s: str) -> dt.datetime:
    """An instant in China time from 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM'."""
    if len(s) == 10:
        s += "T10:00"
    return dt.datetime.fromisoformat(s).replace(tzinfo=CST)


def jsonable(x: Any) -> Any:
    """Python results back to the JSON the vectors hold."""

    def default(o: Any) -> str:
        if isinstance(o, (dt.date, dt.datetime)):
            return o.isoformat()
        raise TypeError(repr(o))

    return json.loads(json.dumps(x, default=default, ensure_ascii=False))


def record(aggregate: Any, at: dt.datetime, actor: dict, event: dict) -> Any:
    """Applies `event` by `actor` at `at` to a Case, Activity or Volunteer (one event log)."""
    return aggregate.apply({"occurred_at": at, "recorded_at": at, "actor": actor, "event": event})


# What a plan states besides its name and time ([activity-plan-contents], 002 第三十五条).
PLAN_CONTENTS = {"purpose": "预防跌倒", "content": "平衡训练", "method": "小组", "place": "社区活动室",
                 "person_in_charge": "w-li", "budget_fen": 80_000, "feasibility": "场地与组员已落实"}


def plan_activity(plan: dict, at: dt.datetime, actor: dict) -> shegong.Activity:
    """Starts an activity with its `planned` event."""
    return shegong.Activity.start({"occurred_at": at, "recorded_at": at, "actor": actor, "event": {"type": "planned", "plan": plan}})


def register_volunteer(volunteer_id: str, registration: dict, at: dt.datetime, actor: dict) -> shegong.Volunteer:
    """Starts a volunteer with its `registered` event."""
    return shegong.Volunteer.start({"occurred_at": at, "recorded_at": at, "actor": actor, "event": {
        "type": "registered", "volunteer_id": volunteer_id, "registration": registration}})


def ev(when: str, actor_id: str, role: str, event: dict) -> dict:
    return {"occurred_at": t(when), "recorded_at": t(when), "actor": {"id": actor_id, "role": role}, "event": event}


@pytest.fixture
def opened_case() -> shegong.Case:
    case = shegong.Case.start(ev("2026-09-29T09:00", "w-li", "worker", {
        "type": "received", "case_number": "SZ-2026-0031",
        "client": {"id": "c-1", "name": "王阿姨", "date_of_birth": dt.date(1948, 3, 2)},
        "source": {"kind": "voluntary"}, "channel": "in_person", "topic": "独居照料"}))
    # [open-after-interview] and [inform-rights]: an interview and the rights explained first.
    case.apply(ev("2026-09-29T09:10", "w-li", "worker", {"type": "consultation_held", "summary": "咨询面谈", "topic": ""}))
    case.apply(ev("2026-09-29T09:20", "w-li", "worker", {"type": "rights_informed", "how": "oral", "summary": "介绍申请及退出机制"}))
    case.apply(ev("2026-09-29T09:30", "c-1", "client", {"type": "consent_given", "consent": {
        "id": "k1", "given_by": "王阿姨", "capacity": "client", "purpose": {"kind": "service"}}}))
    case.apply(ev("2026-09-29T10:00", "w-li", "worker", {"type": "opened", "summary": "开案"}))
    return case
