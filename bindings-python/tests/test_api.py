"""The binding's marshalling: every public class and function called at least once, every
error class raised by a real bad input, dates in and out, the batch API into pandas. The
domain rules themselves are tested in the Rust core."""

import datetime as dt
import json

import pytest

import shegong
from conftest import PLAN_CONTENTS, ev, plan_activity, record, register_volunteer, t

D = dt.date


def test_calendar_dates_in_and_out():
    cal = shegong.Calendar.china()
    assert cal.add_workdays(D(2025, 9, 26), 5) == D(2025, 10, 10)
    assert cal.is_workday(D(2026, 2, 14)) is True
    day = cal.day(D(2025, 10, 6))
    assert day["kind"] == "holiday" and day["first"] == D(2025, 10, 1) and day["festivals"] == ["national_day", "mid_autumn"]
    assert cal.workdays_between(D(2025, 12, 31), D(2026, 12, 31)) == 248
    assert cal.workdays_in_year(2024) == 251
    assert cal.workday_on_or_after(D(2026, 10, 3)) == D(2026, 10, 8)
    assert cal.workday_on_or_before(D(2026, 10, 3)) == D(2026, 9, 30)
    assert cal.year_facts(2026)["statutory_holiday_days"] == 13
    assert cal.is_official(D(2026, 12, 31)) and not cal.is_official(D(2027, 1, 1))
    assert (cal.name, cal.first_date, cal.last_date, cal.official_last_date) == ("CN official", D(2004, 1, 1), D(2026, 12, 31), D(2026, 12, 31))
    assert cal.data_version and not cal.allows_provisional
    prov = cal.with_provisional(True)
    assert prov.add_workdays_checked(D(2026, 12, 30), 5) == {"value": D(2027, 1, 6), "provisional": True}
    assert prov.workdays_between_checked(D(2026, 1, 1), D(2027, 1, 1))["provisional"] is True
    assert cal.add_workdays_many([D(2026, 2, 13), D(2025, 9, 26)], 1) == [D(2026, 2, 14), D(2025, 9, 28)]
    assert cal.workdays_between_many([D(2026, 1, 1)], [D(2026, 1, 9)]) == [6]
    agency = cal.with_agency_days("某机构", [{"date": D(2026, 3, 6), "note": "培训"}], [{"date": "2026-03-07", "note": "值班"}])
    assert not agency.is_workday(D(2026, 3, 6)) and agency.is_workday(D(2026, 3, 7))
    assert shegong.Calendar.from_json(agency.to_json()) == agency
    assert "CN official" in repr(cal)


def test_every_error_class_is_raised_by_real_bad_input(opened_case):
    cal = shegong.Calendar.china()
    cases = [
        (shegong.CalendarRangeError, lambda: cal.is_workday(D(2027, 1, 4))),
        (shegong.AgencyCalendarError, lambda: cal.with_agency_days("x", [{"date": D(2026, 3, 6)}], [{"date": D(2026, 3, 6)}])),
        (shegong.TransitionRefused, lambda: opened_case.apply(ev("2026-09-30", "w-li", "worker", {"type": "plan_agreed", "plan": {
            "goals": ["g"], "strategies": ["s"], "timetable": ["t"], "client_participated": True, "agreement_signed": True}}))),
        (shegong.InvalidInput, lambda: opened_case.apply(ev("2026-09-30", "w-li", "worker", {"type": "withdrawn", "reason": " "}))),
        (shegong.OutOfOrder, lambda: opened_case.apply(ev("2026-09-01", "w-li", "worker", {"type": "note_added", "text": "x"}))),
        (shegong.TamperedHistory, lambda: shegong.Case.replay([{**opened_case.history[0], "hash": "0" * 64}] + opened_case.history[1:])),
        (shegong.HeadMismatch, lambda: shegong.Case.replay_verified(opened_case.history[:-1], opened_case.head)),
        (shegong.MalformedData, lambda: shegong.Case.from_json("{not json")),
        (shegong.UnknownEventKind, lambda: shegong.parse_event('{"event": {"type": "teleported"}}')),
        (shegong.UnsupportedFormat, lambda: shegong.Case.from_json('{"format": 9}')),
        (shegong.NotStarted, lambda: shegong.Case.replay([])),
        (shegong.RuleSetError, lambda: shegong.RuleSet.preset().without("no-such-rule")),
        (shegong.ActivityRefused, lambda: record(_group(), t("2026-03-20"), {"id": "w-li", "role": "worker"}, {"type": "session_held", "number": 1, "participants": 9, "minutes": 90})),
        (shegong.VolunteerRefused, lambda: record(_volunteer(), t("2026-03-02"), {"id": "w-li", "role": "worker"}, {"type": "deployed", "group_id": "G-1"})),
        (shegong.GroupRefused, lambda: shegong.ServiceGroup("G", "key_accompaniment_group", "重点陪助群", [{"person_id": "a", "role": "building_head"}])),
        (shegong.InvalidNickname, lambda: shegong.parse_nickname("张三")),
        (shegong.InvalidIdNumber, lambda: shegong.IdNumber("110105194912310021")),
        (shegong.InvalidPhone, lambda: shegong.Phone("12345")),
    ]
    for cls, call in cases:
        with pytest.raises(cls) as info:
            call()
        err = info.value
        assert isinstance(err, shegong.ShegongError) and isinstance(err, Exception)
        assert isinstance(err.code, str) and err.message, cls
        assert err.rule_id is None or isinstance(err.rule_id, str)
    # The rule ID is carried, and a refused event changed nothing.
    before = opened_case.to_json()
    with pytest.raises(shegong.TransitionRefused) as info:
        opened_case.apply(ev("2026-09-30", "w-li", "worker", {"type": "followed_up", "method": "phone", "summary": "x"}))
    assert info.value.rule_id == "followup-after-close" and opened_case.to_json() == before
    # Naive datetimes are refused, as objects or as ISO strings: an instant needs its offset.
    with pytest.raises(TypeError):
        opened_case.apply({**ev("2026-09-30", "w-li", "worker", {"type": "note_added", "text": "x"}), "occurred_at": dt.datetime(2026, 9, 30)})
    with pytest.raises(TypeError, match="no offset"):
        opened_case.apply({**ev("2026-09-30", "w-li", "worker", {"type": "note_added", "text": "x"}), "recorded_at": "2026-09-30T10:00:00"})
    # A datetime where a date is expected is refused: its date depends on its time zone.
    with pytest.raises(TypeError, match="datetime.date"):
        cal.is_workday(dt.datetime(2026, 10, 9, 20, tzinfo=dt.timezone.utc))
    assert opened_case.to_json() == before


def _group():
    # [activity-plan-contents]: a plan states its purpose, content, method, place, person in
    # charge, budget and feasibility before it is submitted.
    return plan_activity({"id": "G-1", "title": "小组", "kind": "group", "date": D(2026, 3, 20), "planned_sessions": 6,
                          "expected_participants": 10, "minutes": 90, "contents": PLAN_CONTENTS},
                         t("2026-03-01"), {"id": "w-li", "role": "worker"})


def _registration():
    return {"name": "王芳", "gender": "female", "id_number": "11010519491231002X", "region": "姑苏区", "phone": "13800131234", "positions": ["general"]}


def _volunteer():
    return register_volunteer("v-1", _registration(), t("2026-03-01"), {"id": "w-li", "role": "worker"})


def test_case_api(opened_case):
    c = opened_case
    assert (c.number, c.stage, len(c)) == ("SZ-2026-0031", "opened", 5)
    assert c.history[0]["occurred_at"] == t("2026-09-29T09:00") and c.state["client"]["date_of_birth"] == D(1948, 3, 2)
    assert shegong.Case.from_json(c.to_json()).head == c.head == c.to_dict()["head"]
    assert shegong.Case.replay(c.history).head == c.head
    assert shegong.Case.replay_verified(c.history, c.head).stage == "opened"
    assert c.file_check()["method"] == "case_work"
    assert shegong.consultation_count([c], "c-1", "独居照料") == 1  # the interview before opening [consult-max-3]
    assert shegong.case_number("SZ", 2026, 7) == "SZ-2026-0007"
    assert shegong.next_case_number("SZ", 2026, ["SZ-2026-0006"]) == "SZ-2026-0007"
    assert "opened" in shegong.event_types()
    assert shegong.parse_event(json.dumps({"occurred_at": "2026-09-30T10:00:00+08:00", "recorded_at": "2026-09-30T10:00:00+08:00",
                                           "actor": {"id": "w", "role": "worker"}, "event": {"type": "note_added", "text": "x"}}))["event"]["type"] == "note_added"
    assert "SZ-2026-0031" in repr(c)


def test_rules_and_obligations(opened_case):
    rules = shegong.RuleSet.preset()
    obs = rules.obligations(opened_case, shegong.Calendar.china(), t("2026-10-09T09:00"))
    first = obs[0]
    assert first["rule"] == "open-approval-5wd" and first["due_date"] == D(2026, 10, 12)
    assert first["counts_from"]["at"] == t("2026-09-29T10:00") and first["status"]["status"] == "at_risk"
    agency = rules.renamed("某机构", "2026.3").with_offset("open-approval-5wd", {"working_days": 3}).without("crisis-immediate")
    assert agency.name == "某机构" and agency.version == "2026.3" and len(agency.rules) == len(rules.rules) - 1
    assert shegong.RuleSet.from_json(agency.to_json()) == agency
    rule = dict(rules.rules[0], id="agency-extra-1wd", offset={"working_days": 1})
    assert len(rules.with_rule(rule).rules) == len(rules.rules) + 1
    g = _group()
    record(g, t("2026-03-02"), {"id": "w-li", "role": "worker"}, {"type": "plan_submitted", "to": "l-zhou"})
    assert rules.activity_obligations(g, shegong.Calendar.china(), t("2026-03-03"))[0]["rule"] in ("activity-plan-2w", "activity-review-3wd")
    assert "RuleSet" in repr(rules)


def test_activity_api():
    g = _group()
    record(g, t("2026-03-02"), {"id": "w-li", "role": "worker"}, {"type": "plan_submitted", "to": "l-zhou"})
    record(g, t("2026-03-20T15:00"), {"id": "w-li", "role": "worker"}, {"type": "session_held", "number": 1, "participants": 9, "minutes": 90})
    assert (g.group_stage, g.sessions_held) == ("beginning", 1)
    assert shegong.Activity.from_json(g.to_json()).sessions_held == 1
    assert shegong.Activity.replay(g.history).sessions_held == 1
    assert g.plan_of()["date"] == D(2026, 3, 20) and g.norm_warnings() == []
    assert g.plan_of()["contents"]["budget_fen"] == 80_000
    assert g.group_file_missing() == ["member_list", "member_contract"]  # [group-records]
    assert "G-1" in repr(g)


def test_volunteers_roster_and_access():
    w = {"id": "w-li", "role": "worker"}
    v = _volunteer()
    record(v, t("2026-03-02"), w, {"type": "screened", "passed": True})
    record(v, t("2026-03-03"), w, {"type": "trained", "course": "岗前培训", "hours": 2})
    record(v, t("2026-03-03"), w, {"type": "agreement_drafted", "agreement": {
        "id": "A1", "agency": "某中心", "volunteer_name": "王芳", "volunteer_id_number": "11010519491231002X",
        "volunteer_phone": "13800131234", "scope": ["client_information"], "effective_from": D(2026, 3, 4)}})
    # Rules version 2: the volunteer signs their own side, the agency's staff the agency's.
    for party, actor in (("volunteer", {"id": "v-1", "role": "volunteer"}), ("agency", w)):
        record(v, t("2026-03-04"), actor, {"type": "agreement_signed", "agreement_id": "A1", "party": party})
    record(v, t("2026-03-05"), w, {"type": "deployed", "group_id": "G-focus"})
    assert (v.id, v.stage, v.deployments, v.duty_of_confidentiality) == ("v-1", "deployed", ["G-focus"], True)
    assert v.agreement_status_on(D(2026, 3, 5))["status"] == "in_force"
    assert v.agreement_in_force_on(D(2026, 3, 3)) is None and v.agreements[0]["agreement"]["id"] == "A1"
    assert v.registration["id_number"] == "11010519491231002X" and len(v.history) == 7
    assert shegong.Volunteer.from_json(v.to_json()).stage == "deployed"
    assert shegong.Volunteer.replay(v.history).stage == "deployed"
    assert "11010519491231002X" not in repr(v)
    roster = shegong.Roster("G-focus", secretary="v-1")
    roster.add_shift("s1", t("2026-03-06T18:00"), t("2026-03-06T22:00"), "general")
    roster.add_shift("s2", t("2026-03-07T18:00"), t("2026-03-07T22:00"), "general")
    roster.claim("s1", v)
    roster.reschedule("s1", "s2", v, v)
    roster.claim("s1", v)
    # [shift-handover] A handover is not dated before its shift, nor years after.
    for when in ("2020-01-01", "2029-03-06"):
        with pytest.raises(shegong.RosterRefused, match="handover"):
            roster.handover("s1", ["c-1"], ["SR-1"], "今日服务1人", v, t(when))
    # [access-while-serving] Who hands over is a record, not a name: the same volunteer's
    # history before the deployment is refused, and a bare id is a TypeError.
    undeployed = shegong.Volunteer.replay(v.history[:6])
    assert undeployed.id == "v-1" and undeployed.deployments == []
    with pytest.raises(shegong.RosterRefused, match="not deployed"):
        roster.handover("s1", ["c-1"], ["SR-1"], "今日服务1人", undeployed, t("2026-03-06T22:00"))
    with pytest.raises(TypeError):
        roster.handover("s1", ["c-1"], ["SR-1"], "今日服务1人", "v-1", t("2026-03-06T22:00"))  # type: ignore[arg-type]
    h = roster.handover("s1", ["c-1"], ["SR-1"], "今日服务1人", v, t("2026-03-06T22:00"))
    assert h["to_shift"] == "s2" and h["at"] == t("2026-03-06T22:00")
    roster.verify_claims([v])
    with pytest.raises(shegong.RosterRefused, match="record was not given"):
        roster.verify_claims([])
    with pytest.raises(TypeError):
        roster.verify_claims("v-1")
    hours = roster.hours_worked(t("2026-03-08"))
    assert shegong.total_hours(hours, D(2026, 3, 1), D(2026, 3, 31)) == [{"volunteer_id": "v-1", "minutes": 480, "sessions": 2}]
    assert len(roster.to_dict()["shifts"]) == 2 and "G-focus" in repr(roster)
    # [access-while-serving] A shift is claimed for its own time: one ending before the
    # deployment at 10:00 on 03-05 is refused however the volunteer stands now.
    roster.add_shift("early", t("2026-03-05T08:00"), t("2026-03-05T09:30"), "general")
    with pytest.raises(shegong.RosterRefused) as refused:
        roster.claim("early", v)
    assert refused.value.rule_id == "access-while-serving"
    assert (v.kinds, v.acquaintances, v.deployments_on(D(2026, 3, 6))) == (["general"], [], ["G-focus"])
    viewer = v.viewer("general", D(2026, 3, 6))
    assert isinstance(viewer, shegong.Viewer) and viewer == v.viewer("general", D(2026, 3, 6), purpose="service")
    assert (viewer.id, viewer.role, viewer.groups, viewer.agreement, viewer.agreement_covers_clients) == (
        "v-1", "general_volunteer", ["G-focus"], "in_force", True)
    assert (viewer.acquaintances, viewer.purpose, viewer.on, viewer.position_registered) == ([], "service", D(2026, 3, 6), True)
    assert "v-1" in repr(viewer) and "in_force" not in repr(viewer)
    subject = {"id": "c-1", "groups": ["G-focus"]}
    access = shegong.Access()
    assert access.decide(viewer, "service_record", "client_name", subject)["allowed"] is True
    assert shegong.Access(view="group_visible").decide(viewer, "service_record", "client_name", subject)["rule"] == "private-info-one-to-one"
    rec = {"kind": "consultation_record", "group": "G", "serial_number": "1", "client_name": "陈", "gender": "female",
              "phone": "13700001111", "category": "psychological", "server_name": "刘", "recorder": "何",
              "items": [{"number": 1, "question": "q", "answer": "a"}], "recorded_at": t("2026-03-06T10:00")}
    red = access.redact(viewer, rec, subject)
    assert red["value"]["phone"] == "137****1111" and "13700001111" not in json.dumps(red, default=str)
    assert "Access" in repr(access)


def test_identity_types():
    i = shegong.IdNumber("110105491231002")
    assert (i.expose(), i.birth_date, i.sex, i.region_code) == ("11010519491231002X", D(1949, 12, 31), "female", "110105")
    assert str(i) == "110105********002X" and "1231" not in repr(i) and i.masked(3, 2) == "110*************2X"
    assert i == shegong.IdNumber("11010519491231002X") and hash(i) == hash(shegong.IdNumber("11010519491231002X"))
    p = shegong.Phone("+86 138-0013-1234")
    assert (p.digits(), p.kind, p.masked(), str(p)) == ("13800131234", "mobile", "138****1234", "138****1234")
    assert shegong.Phone.mobile("13800131234") == p
    with pytest.raises(shegong.InvalidPhone):
        shegong.Phone.mobile("0512-65211234")


def test_records_labels_triage_groups():
    kinds = shegong.record_kinds()
    assert "household_profile" in kinds and "volunteer_registration" in kinds
    assert any(f["path"] == "religion" and f["sensitivity"] == ["religion"] for f in shegong.record_fields("household_profile"))
    assert shegong.record_schema("service_record")["type"] == "object"
    assert shegong.zh_labels()["Gender"]["female"] == "女"
    rec = shegong.validate_record({"kind": "daily_summary", "date": D(2026, 3, 5), "entries": []})
    assert rec["date"] == D(2026, 3, 5) and rec["schema_version"] == 1
    assert shegong.age_groups(D(1966, 5, 1), D(2026, 5, 1)) == ["elder"]
    pol = shegong.default_retention()
    assert shegong.retain_until(pol, "service_record", D(2026, 1, 1)) is None
    pol["policies"] = [{"kind": "service_record", "basis": {"basis": "pipl_art19"}, "period_months": 12}]
    assert shegong.retain_until(pol, "service_record", D(2026, 1, 1)) == D(2027, 1, 1)
    assert shegong.past_retention(pol, [{"id": "r", "kind": "service_record", "date": D(2020, 1, 1)}], D(2026, 1, 1))[0]["id"] == "r"
    ranked = shegong.prioritise([
        {"id": "a", "life_risk": "none", "urgency": "low", "waiting_since": t("2026-03-01")},
        {"id": "b", "life_risk": "imminent", "urgency": "low", "waiting_since": t("2026-03-03")},
    ], t("2026-03-03T12:00"))
    assert [r["id"] for r in ranked] == ["b", "a"]
    assert shegong.route({"life_risk": "imminent", "urgency": "low"}, D(2026, 3, 3))["tier"] == "crisis_referral"
    g = shegong.ServiceGroup("R-3", "resident_group", "3栋居民群", [{"person_id": "grid-1", "role": "grid_worker"}])
    g.apply("p-1", shegong.nickname("owner", "3栋502"), "3栋502", D(2026, 3, 1))
    assert g.approve("p-1", "grid-1", D(2026, 3, 2))[0].endswith("[resident-group-size]")
    g.apply("p-2", "3栋601-自住", "3栋601", D(2026, 3, 1))
    g.reject("p-2", "grid-1")
    assert g.size_warning() and g.tier == "resident_group" and g.to_dict()["members"][0]["joined_on"] == D(2026, 3, 2)
    assert shegong.parse_nickname("社工-张三") == ("worker", "张三") and "R-3" in repr(g)


def test_workload_api(opened_case):
    a = shegong.annual_hours()
    assert a["minutes"] == 1960 * 60 and shegong.direct_share(a) == 1372 * 60
    assert shegong.annual_hours_from_calendar(shegong.Calendar.china(), 2026)["minutes"] == 1944 * 60
    table = shegong.reference_table()
    assert len(table["items"]) == 23
    plan = shegong.standard_plan("项目", 1, [{"item": "case_session", "count": 200}])
    report = shegong.evaluate_plan(plan, table)
    assert report["total_minutes"] == 1600 * 60 and report["findings"] == []
    actual = shegong.actual_counts([opened_case], [_group()], D(2026, 1, 1), D(2026, 12, 31))
    assert "intake" in [a["item"] for a in actual]
    assert "intake" in [c["item"] for c in shegong.compare(report, actual)]
    rec = {"date": D(2026, 3, 10), "kind": "individual", "supervisor": "王", "supervisor_type": "local", "years_of_practice": 10,
           "supervisees": ["w-1"], "minutes": 150, "fee_per_hour_fen": 26000}
    # An unconfirmed record does not count ([supervision-records]).
    assert [f["rule"] for f in shegong.check_supervision(rec)] == ["supervision-limits", "supervision-fee-caps", "supervision-records"]
    confirmed = dict(rec, topic="个案督导", confirmed_by="王", confirmed_on=D(2026, 3, 11))
    assert [f["rule"] for f in shegong.check_supervision(confirmed)] == ["supervision-limits", "supervision-fee-caps"]
    # A session past the limits is not counted as standard supervision, even confirmed; the
    # total says why ([supervision-limits] [supervision-fee-caps]).
    total = shegong.total_supervision([confirmed, rec])
    assert (total["sessions"], total["minutes"]) == (0, 0)
    assert [f["rule"] for f in total["not_counted"]] == ["supervision-limits", "supervision-fee-caps", "supervision-records"]
    within = dict(confirmed, minutes=120, fee_per_hour_fen=20000)
    assert shegong.total_supervision([within, rec])["minutes"] == 120
    assert shegong.check_budget([{"kind": "group", "sessions": 2, "minutes": 120, "supervisees": 5, "supervisor_type": "overseas",
                                  "years_of_practice": 3, "fee_per_hour_fen": 30000}])["total_fen"] == 120000
    assert shegong.fee_cap("local", 4) == {"cap": "not_covered"}
    assert shegong.check_staffing([{"id": "A", "name": "A", "urban": True, "staff": []}])[0]["rule"] == "staffing-minimum"


def test_batch_into_pandas(opened_case, tmp_path):
    pd = pytest.importorskip("pandas")
    now = t("2026-10-13T09:00")
    other = shegong.Case.from_json(opened_case.to_json())
    other.apply(ev("2026-10-09", "w-li", "worker", {"type": "opening_submitted", "supervisor": "s-zhang"}))
    histories = [opened_case.to_json(), other.to_dict(), other, "{broken"]
    result = shegong.evaluate_histories(histories, now)
    obligations = pd.DataFrame(result.obligations)
    cases = pd.DataFrame(result.cases)
    errors = pd.DataFrame(result.errors)
    assert list(obligations.columns) == ["index", "case", "client_id", "worker", "stage", "rule", "status", "on_time", "due_date", "due_at",
                                         "days_late", "working_days_late", "hours_late", "reason", "provisional"]
    assert len(cases) == 3 and len(errors) == 1 and errors["code"][0] == "malformed"
    overdue = obligations[(obligations.rule == "open-approval-5wd") & (obligations.status == "overdue")]
    assert len(overdue) == 1 and overdue.iloc[0]["due_date"] == D(2026, 10, 12)
    assert cases["days_open"].tolist()[0] == 14 and cases["stage"].tolist()[0] == "opened"
    rate = obligations.assign(late=obligations.status == "overdue").groupby("rule")["late"].mean()
    # One of the three cases (the one never submitted for approval) is overdue on its opening
    # approval [open-approval-5wd]; nothing else is overdue yet.
    assert rate.to_dict() == pytest.approx({"open-approval-5wd": 1 / 3, "open-meet-10wd": 0.0, "terminate-no-contact-3m": 0.0})
    lines = "\n".join(c.to_json() for c in [opened_case, other])
    path = tmp_path / "histories.jsonl"
    path.write_text(lines, encoding="utf-8")
    # JSON Lines in memory go through evaluate_histories; evaluate_jsonl reads a path or a file.
    from_text = shegong.evaluate_histories(lines.splitlines(), now, shegong.RuleSet.preset(), shegong.Calendar.china())
    from_file = shegong.evaluate_jsonl(path, now)
    with open(path, "rb") as binary, open(path, encoding="utf-8") as text:
        from_binary, from_textfile = shegong.evaluate_jsonl(binary, now), shegong.evaluate_jsonl(text, now)
    from_str_path = shegong.evaluate_jsonl(str(path), now)
    assert from_text.obligations == from_file.obligations == from_binary.obligations == from_textfile.obligations == from_str_path.obligations
    assert len(from_file.cases["case"]) == 2 and "BatchResult" in repr(from_file)
    # Round trip: the columns survive a DataFrame and back.
    assert pd.DataFrame(from_file.cases).to_dict(orient="list") == from_file.cases


def test_reprs_withhold_numbers_as_errors_do():
    # PIPL: an ID or phone used as an id is withheld in a display as in an error message.
    phone, id_number = "13800131234", "11010519491231002X"
    shown = [repr(shegong.Roster(phone, secretary=id_number)),
             repr(shegong.Viewer.staff(phone, "worker", [id_number])),
             repr(register_volunteer(phone, _registration(), t("2026-03-01"), {"id": "w-li", "role": "worker"}))]
    for text in shown:
        assert phone not in text and id_number not in text and id_number[:17] not in text, text
    assert repr(shegong.Roster("G-focus")) == "Roster(group_id=\"G-focus\", shifts=0)"
