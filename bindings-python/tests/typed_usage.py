"""A typed use of the API, checked with `mypy --strict` (and run by the test script)."""

from __future__ import annotations

import datetime as dt
from typing import List, Optional

import shegong
from shegong.events import Actor, CaseEvent, CaseHistory, NewCaseEvent, RecordedCaseEvent, Stage
from shegong.types import Applied, Decision, NewEvent, Obligation, StaffViewer, SubjectFacts, SupervisionTotal

CST = dt.timezone(dt.timedelta(hours=8))


def at(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s).replace(tzinfo=CST)


def ev(when: str, actor: Actor, event: CaseEvent) -> NewCaseEvent:
    """One event to record, typed: mypy checks `event` against the TypedDict of its `type`."""
    return {"occurred_at": at(when), "recorded_at": at(when), "actor": actor, "event": event}


WORKER: Actor = {"id": "w-li", "role": "worker"}
CLIENT: Actor = {"id": "c-1", "role": "client"}
SUPERVISOR: Actor = {"id": "s-zhang", "role": "first_line_supervisor"}


def happy_path() -> List[NewCaseEvent]:
    """A voluntary case from application to follow-up after closing: the README's worked history
    and tests/vectors/case/happy-path.json, built with the generated TypedDicts."""
    return [
        ev("2026-03-02T09:00", WORKER, {"type": "received", "case_number": "SZ-2026-0007", "channel": "in_person",
                                        "client": {"id": "c-1", "name": "王阿姨", "date_of_birth": dt.date(1950, 5, 1)},
                                        "source": {"kind": "voluntary"}, "topic": "居家养老"}),
        ev("2026-03-02T10:00", WORKER, {"type": "consultation_held", "summary": "咨询面谈", "topic": ""}),
        ev("2026-03-02T10:30", WORKER, {"type": "rights_informed", "how": "oral", "summary": "介绍申请及退出机制"}),
        ev("2026-03-03T09:00", WORKER, {"type": "intake_accepted", "summary": "接案"}),
        ev("2026-03-03T09:30", CLIENT, {"type": "consent_given", "consent": {
            "id": "k-service", "given_by": "王阿姨", "capacity": "client", "purpose": {"kind": "service"}, "scope": "个案服务"}}),
        ev("2026-03-03T10:00", WORKER, {"type": "opened", "summary": "开案"}),
        ev("2026-03-05T10:00", WORKER, {"type": "opening_submitted", "supervisor": "s-zhang"}),
        ev("2026-03-06T10:00", SUPERVISOR, {"type": "opening_decided", "decision": {"outcome": "approved", "comments": ""}}),
        ev("2026-03-10T10:00", WORKER, {"type": "met", "kind": "session", "summary": "首次会谈"}),
        ev("2026-03-12T10:00", WORKER, {"type": "assessment_completed", "assessment": {
            "steps": ["collect_information", "analyse", "define_problem", "write_report"],
            "methods": ["family_structure_diagram", "eco_map"], "problem": "独居、社会支持不足", "report": "预估报告"}}),
        ev("2026-03-16T10:00", WORKER, {"type": "plan_agreed", "plan": {
            "goals": ["三个月内建立每周两次的邻里探访"], "targets": ["社会隔离"], "strategies": ["整合社区资源"],
            "collaborators": ["社区居委会"], "timetable": ["第1-4周：建立关系"],
            "client_participated": True, "agreement_signed": True}}),
        ev("2026-03-17T10:00", WORKER, {"type": "intervention_started", "kind": "direct", "strategies": ["integrate_resources"]}),
        ev("2026-03-24T10:00", WORKER, {"type": "met", "kind": "session", "summary": "第二次会谈"}),
        ev("2026-04-20T10:00", WORKER, {"type": "evaluation_recorded", "evaluation": {
            "kind": "outcome", "methods": ["goal_attainment", "client_satisfaction"],
            "goals_attained": {"attained": 1, "total": 1}, "summary": "目标达成"}}),
        ev("2026-04-21T10:00", CLIENT, {"type": "client_evaluation_received", "summary": "满意"}),
        ev("2026-04-23T10:00", WORKER, {"type": "closing_report_submitted", "to": "first_line_supervisor", "summary": "结案报告"}),
        ev("2026-04-24T10:00", SUPERVISOR, {"type": "closing_decided", "decision": {"outcome": "approved", "comments": ""}}),
        ev("2026-05-20T10:00", WORKER, {"type": "followed_up", "method": "phone", "summary": "电话跟进"}),
    ]


def full_history() -> None:
    """The whole life cycle, each event typed; the stored history and its envelopes typed too."""
    events = happy_path()
    case = shegong.Case.start(events[0])
    for e in events[1:]:
        case.apply(e)
    stage: Stage = case.stage
    assert stage == "follow_up"
    assert case.head == "05a49bea8f8931d3963c75ba5f114e491cc0b2b4542e56385aa621bead4ae7ae"
    stored: CaseHistory = case.to_dict()
    last: RecordedCaseEvent = stored["events"][-1]
    payload = last["event"]
    if payload["type"] == "followed_up":  # narrows the union to CaseFollowedUp
        print(payload["method"], last["seq"], last.get("rules", 1))
    again = shegong.Case.replay(case.history)
    assert again.head == case.head


def main() -> None:
    full_history()
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
    # Arrow in and out, and the columnar calendar (Polars and numpy are test requirements and
    # typed; Polars speaks the Arrow PyCapsule interface both ways).
    import numpy as np
    import polars as pl

    batch = shegong.evaluate_histories(pl.Series([case.to_json()]), at("2026-04-01T09:00"))
    table: shegong.ArrowTable = batch.to_arrow("cases")
    names: List[str] = table.column_names
    print(pl.DataFrame(table).height, len(table), names[0])
    column = pl.Series([dt.date(2026, 2, 13)])
    days: shegong.ArrowArray = cal.add_workdays_array(column, 1)
    flags: shegong.ArrowArray = cal.is_workday_array(column)
    counts: shegong.ArrowArray = cal.workdays_between_array(column, pl.Series([dt.date(2026, 2, 24)]))
    kind: str = days.type
    print(pl.Series(days), pl.Series(flags), pl.Series(counts), kind, days.null_count)
    print(cal.add_workdays_array(np.array(["2026-02-13"], dtype="datetime64[D]"), 1))

if __name__ == "__main__":
    main()
