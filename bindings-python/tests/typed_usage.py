"""A typed use of the API, checked with `mypy --strict` (and run by the test script)."""

from __future__ import annotations

import datetime as dt
from typing import List, Optional

import shegong
from shegong.types import Applied, Decision, NewEvent, Obligation, StaffViewer, SubjectFacts, SupervisionTotal

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
    contents = {"purpose": "预防跌倒", "content": "平衡训练", "method": "小组", "place": "社区活动室",
                "person_in_charge": "w-li", "budget_fen": 80_000, "feasibility": "场地与组员已落实"}
    plan = {"id": "G-1", "title": "小组", "kind": "group", "date": "2026-10-20", "planned_sessions": 6,
            "expected_participants": 10, "minutes": 90, "contents": contents}
    activity = shegong.Activity.start({"occurred_at": at("2026-10-13T09:00"), "recorded_at": at("2026-10-13T09:00"),
                                       "actor": worker, "event": {"type": "planned", "plan": plan}})
    applied: Applied = activity.apply({"occurred_at": at("2026-10-14T09:00"), "recorded_at": at("2026-10-14T09:00"),
                                       "actor": worker, "event": {"type": "plan_submitted", "to": "l-zhou"}})
    stage: Optional[str] = applied["stage"]
    again: shegong.Activity = shegong.Activity.from_json(activity.to_json())
    print(stage, again.head == activity.head, len(again), shegong.error_kinds()[0], shegong.DIRECT_SHARE_PERCENT)
    missing: List[str] = again.group_file_missing()
    print(missing)
    # Access: staff viewers are asserted (a dict or Viewer.staff); volunteers come from their record.
    subject: SubjectFacts = {"id": "c-1", "groups": ["G-1"]}
    staff: StaffViewer = {"id": "w-li", "role": "worker", "groups": []}
    decision: Decision = shegong.Access().decide(staff, "service_record", "client_name", subject)
    resident: shegong.Viewer = shegong.Viewer.staff("r-1", "resident", ["G-1"])
    seen: Optional[str] = shegong.Access().decide(resident, "service_record", "client_name", subject).get("rule")
    print(decision["allowed"], seen, resident.role, resident.on)
    volunteer = shegong.Volunteer.start({"occurred_at": at("2026-03-01T09:00"), "recorded_at": at("2026-03-01T09:00"), "actor": worker,
                                         "event": {"type": "registered", "volunteer_id": "v-1", "registration": {
                                             "name": "王芳", "gender": "female", "id_number": "11010519491231002X", "region": "姑苏区",
                                             "phone": "13800131234", "positions": ["general"]}}})
    viewer: shegong.Viewer = volunteer.viewer("general", dt.date(2026, 3, 2), purpose="service")
    on: Optional[dt.date] = viewer.on
    print(viewer.agreement, viewer.position_registered, on, shegong.Access().decide(viewer, "service_record", "client_name", subject)["outcome"])
    total: SupervisionTotal = shegong.total_supervision([])
    print(total["sessions"])
    try:
        shegong.Volunteer.replay([])
    except shegong.ShegongError as e:
        code: str = e.code
        print(code)


if __name__ == "__main__":
    main()
