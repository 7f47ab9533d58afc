"""Access by person through Python (issue 12, finding 7): a volunteer viewer is read from the
volunteer's own record, never from a dict the caller writes; and the activity and supervision
records of the same issue ([activity-plan-contents], [group-records], [supervision-records]).

Every expected outcome here is written by hand from domain.md, not computed by `decide()`."""

import datetime as dt

import pytest

import shegong
from conftest import PLAN_CONTENTS, plan_activity, record, register_volunteer, t

D = dt.date
W = {"id": "w-li", "role": "worker"}
V = {"id": "v-1", "role": "volunteer"}  # the volunteer themself: signs their side, declares acquaintances
SUBJECT = {"id": "c-1", "groups": ["G-focus"]}
RECORD_KIND = "service_record"


def volunteer(positions, *, deployed=True, acquaintance=None):
    """A volunteer with one agreement in force from 2026-03-04 covering client information,
    deployed to G-focus on 2026-03-05 (unless not)."""
    v = register_volunteer("v-1", {"name": "王芳", "gender": "female", "id_number": "11010519491231002X", "region": "姑苏区",
                                   "phone": "13800131234", "positions": positions,
                                   "qualifications": [{"name": "执业医师", "proof": "scan-1"}]}, t("2026-03-01"), W)
    record(v, t("2026-03-02"), W, {"type": "screened", "passed": True})
    record(v, t("2026-03-03"), W, {"type": "trained", "course": "岗前培训", "hours": 2})
    record(v, t("2026-03-03"), W, {"type": "agreement_drafted", "agreement": {
        "id": "A1", "agency": "某中心", "volunteer_name": "王芳", "volunteer_id_number": "11010519491231002X",
        "volunteer_phone": "13800131234", "scope": ["client_information"], "effective_from": D(2026, 3, 4)}})
    for party, actor in (("volunteer", V), ("agency", W)):
        record(v, t("2026-03-04"), actor, {"type": "agreement_signed", "agreement_id": "A1", "party": party})
    if deployed:
        record(v, t("2026-03-05"), W, {"type": "deployed", "group_id": "G-focus"})
    if acquaintance:
        record(v, t("2026-03-05T11:00"), V, {"type": "acquaintance_declared", "client_id": acquaintance})
    return v


def decide(viewer, field, view="one_to_one"):
    """`(outcome, rule)`; an allowed field gives `("allow", None)` whatever rule allowed it."""
    d = shegong.Access(view=view).decide(viewer, RECORD_KIND, field, SUBJECT)
    assert d["allowed"] == (d["outcome"] == "allow")
    return d["outcome"], None if d["allowed"] else d.get("rule")


def test_agreement_before_access_a_hand_written_viewer_dict_grants_nothing():
    # The format-1 viewer a caller used to write, claiming a medical position, an agreement in
    # force covering clients and a deployment to the client's group: refused, for every field.
    claimed = {"id": "v-1", "role": "medical_volunteer", "agreement": "in_force", "agreement_covers_clients": True,
               "groups": ["G-focus"], "acquaintances": []}
    for field in ("client_name", "needs.medical", "phone", "concerns"):
        with pytest.raises(shegong.MalformedData, match="viewer"):
            shegong.Access().decide(claimed, RECORD_KIND, field, SUBJECT)
    with pytest.raises(shegong.MalformedData):
        shegong.Access().redact(claimed, {"kind": "daily_summary", "date": D(2026, 3, 5), "entries": []}, SUBJECT)
    # A staff-shaped dict naming a volunteer role, or a staff role with an agreement, is refused too.
    for viewer in ({"id": "v-1", "role": "medical_volunteer", "groups": ["G-focus"]},
                   {"id": "r-1", "role": "resident", "groups": ["G-focus"], "agreement": "in_force"}):
        with pytest.raises(shegong.MalformedData):
            shegong.Access().decide(viewer, RECORD_KIND, "client_name", SUBJECT)
    with pytest.raises(shegong.MalformedData, match="own record"):
        shegong.Viewer.staff("v-1", "general_volunteer", ["G-focus"])


def test_agreement_before_access_staff_viewers_are_the_platforms_to_assert():
    worker = shegong.Viewer.staff("w-li", "worker")
    assert decide(worker, "needs.medical") == ("allow", None)
    assert decide({"id": "w-li", "role": "worker"}, "needs.medical") == ("allow", None)
    assert (worker.role, worker.groups, worker.agreement, worker.purpose, worker.on, worker.position_registered) == (
        "worker", [], "none", None, None, True)
    # [private-info-one-to-one]: a resident of the same group sees nothing.
    assert decide(shegong.Viewer.staff("r-1", "resident", ["G-focus"]), "client_name") == ("deny", "private-info-one-to-one")


def test_volunteer_kinds_a_position_not_registered_is_denied():
    v = volunteer(["general"])
    day = D(2026, 3, 6)
    assert decide(v.viewer("general", day), "client_name") == ("allow", None)
    # A general-only volunteer acting as psychological or medical sees nothing, health fields
    # included ([volunteer-kinds]).
    for acting_as in ("psychological", "medical"):
        viewer = v.viewer(acting_as, day)
        assert viewer.position_registered is False
        assert decide(viewer, "client_name") == ("deny", "volunteer-kinds")
        assert decide(viewer, "concerns.medical") == ("deny", "volunteer-kinds")


def test_acquaintance_avoidance_follows_the_person_not_the_position():
    # A psychological volunteer who declared knowing the client is denied in every position
    # registered, medical included.
    v = volunteer(["psychological", "medical"], acquaintance="c-1")
    day = D(2026, 3, 6)
    assert v.acquaintances == ["c-1"]
    for acting_as in ("psychological", "medical"):
        assert decide(v.viewer(acting_as, day), "needs.medical") == ("deny", "acquaintance-avoidance")
        assert decide(v.viewer(acting_as, day), "client_name") == ("deny", "acquaintance-avoidance")


def test_access_while_serving_only_for_the_service_and_while_deployed():
    v = volunteer(["medical"])
    assert decide(v.viewer("medical", D(2026, 3, 6)), "needs.medical") == ("allow", None)
    # Another purpose than the service.
    other = v.viewer("medical", D(2026, 3, 6), purpose="other")
    assert other.purpose == "other"
    assert decide(other, "needs.medical") == ("deny", "access-while-serving")
    # The agreement is signed at 10:00 on 2026-03-04, the deployment starts on 2026-03-05: a
    # day answer holds for the whole day, so on 03-05 the agreement holds and the deployment not.
    before = v.viewer("medical", D(2026, 3, 5))
    assert (before.agreement, before.groups) == ("in_force", [])
    assert decide(before, "client_name") == ("deny", "access-while-serving")
    assert v.viewer("medical", D(2026, 3, 4)).agreement == "draft"
    # Never deployed.
    assert decide(volunteer(["medical"], deployed=False).viewer("medical", D(2026, 3, 6)), "client_name") == (
        "deny", "access-while-serving")


def test_agreement_before_access_before_the_agreement_is_in_force():
    v = volunteer(["general"])
    viewer = v.viewer("general", D(2026, 3, 3))
    assert viewer.agreement in ("draft", "none") and viewer.agreement_covers_clients is False
    assert decide(viewer, "client_name")[0] == "deny"


def test_access_parent_of_sensitive_fields_is_not_allowed_whole():
    # `needs` holds `needs.medical` (sensitive): a general volunteer may not see the parent whole.
    viewer = volunteer(["general"]).viewer("general", D(2026, 3, 6))
    assert decide(viewer, "needs.medical")[0] != "allow"
    assert decide(viewer, "needs")[0] != "allow"


def _group(contents=PLAN_CONTENTS):
    plan = {"id": "G-1", "title": "小组", "kind": "group", "date": D(2026, 3, 20), "planned_sessions": 2,
            "expected_participants": 10, "minutes": 90}
    if contents is not None:
        plan["contents"] = contents
    return plan_activity(plan, t("2026-03-01"), W)


def test_activity_plan_contents_submission_needs_every_part():
    bare = _group(contents=None)
    with pytest.raises(shegong.ActivityRefused) as e:
        record(bare, t("2026-03-02"), W, {"type": "plan_submitted", "to": "l-zhou"})
    assert e.value.rule_id == "activity-plan-contents" and "budget" in e.value.message
    # A revised plan carrying its contents is then submitted.
    revised = dict(bare.plan_of(), contents=PLAN_CONTENTS)
    record(bare, t("2026-03-02T11:00"), W, {"type": "plan_revised", "plan": revised})
    assert bare.plan_of()["contents"] == PLAN_CONTENTS
    assert record(bare, t("2026-03-02T12:00"), W, {"type": "plan_submitted", "to": "l-zhou"})["stage"] == "preparation"


def _ended(g, with_list, with_contract):
    record(g, t("2026-03-02"), W, {"type": "plan_submitted", "to": "l-zhou"})
    if with_list:
        record(g, t("2026-03-10"), W, {"type": "member_list_filed", "members": 8})
    record(g, t("2026-03-20T15:00"), W, {"type": "session_held", "number": 1, "participants": 8, "minutes": 90})
    if with_contract:
        record(g, t("2026-03-20T16:00"), W, {"type": "member_contract_signed", "signatures": 8})
    record(g, t("2026-03-27T15:00"), W, {"type": "session_held", "number": 2, "participants": 8, "minutes": 90})
    record(g, t("2026-03-27T16:00"), W, {"type": "ended"})


WRAP_UP = {"type": "wrap_up_submitted", "feedback_summary": True, "review_report": True, "expense_account": True}


@pytest.mark.parametrize("with_list,with_contract,missing", [
    (False, False, ["member_list", "member_contract"]),
    (True, False, ["member_contract"]),
])
def test_group_records_wrap_up_refused_without_member_list_and_signed_contract(with_list, with_contract, missing):
    g = _group()
    _ended(g, with_list, with_contract)
    assert g.group_file_missing() == missing
    before = g.to_json()
    with pytest.raises(shegong.ActivityRefused) as e:
        record(g, t("2026-03-30"), W, WRAP_UP)
    assert e.value.rule_id == "group-records" and e.value.code == "activity_refused"
    assert g.to_json() == before, "a refused event changes nothing"


def test_group_records_wrap_up_accepted_with_the_group_file():
    g = _group()
    _ended(g, True, True)
    assert g.group_file_missing() == []
    assert record(g, t("2026-03-30"), W, WRAP_UP)["stage"] == "end"
    # More signatures than listed members are refused ([group-records]).
    h = _group()
    record(h, t("2026-03-10"), W, {"type": "member_list_filed", "members": 3})
    with pytest.raises(shegong.ActivityRefused, match="4 signatures for 3"):
        record(h, t("2026-03-20"), W, {"type": "member_contract_signed", "signatures": 4})


SUPERVISION = {"date": D(2026, 3, 10), "kind": "individual", "supervisor": "s-wang", "supervisor_type": "local",
               "years_of_practice": 10, "supervisees": ["w-1"], "minutes": 90, "fee_per_hour_fen": 20000, "topic": "个案督导"}


def test_supervision_records_only_confirmed_records_count():
    confirmed = dict(SUPERVISION, confirmed_by="s-wang", confirmed_on=D(2026, 3, 11))
    assert shegong.check_supervision(confirmed) == []
    unconfirmed = [f["rule"] for f in shegong.check_supervision(SUPERVISION)]
    assert unconfirmed == ["supervision-records"]
    by_other = dict(confirmed, confirmed_by="w-1")
    before = dict(confirmed, confirmed_on=D(2026, 3, 9))
    for r in (by_other, before):
        assert [f["rule"] for f in shegong.check_supervision(r)] == ["supervision-records"]
    total = shegong.total_supervision([confirmed, SUPERVISION, by_other, before])
    assert (total["sessions"], total["minutes"], total["fee_fen"]) == (1, 90, 30000)
    assert [f["message"].split(":")[0] for f in total["not_counted"]] == ["session 2", "session 3", "session 4"]
    assert shegong.total_supervision([]) == {"sessions": 0, "minutes": 0, "fee_fen": 0, "not_counted": []}


def test_access_while_serving_is_decided_for_a_moment():
    """[access-while-serving] [agreement-before-access]: `viewer_at` reads the record to the
    minute. The deployment of 2026-03-05 is at 10:00 (as `t` dates a day); 09:59 is outside it,
    though the day viewer of 03-05 sees the whole day as deployed."""
    v = volunteer(["medical"])
    record(v, t("2026-03-20T10:00"), W, {"type": "undeployed", "group_id": "G-focus", "reason": "服务结束"})
    cst = dt.timezone(dt.timedelta(hours=8))
    at = lambda day, hour, minute=0: dt.datetime(2026, 3, day, hour, minute, tzinfo=cst)  # noqa: E731
    assert v.deployments_at(at(5, 9, 59)) == []
    assert v.deployments_at(at(5, 10)) == ["G-focus"]
    assert v.deployments_on(D(2026, 3, 5)) == ["G-focus"]
    early = v.viewer_at("medical", at(5, 9, 59))
    assert early.at == at(5, 9, 59) and early.on == D(2026, 3, 5)
    assert decide(early, "needs.medical") == ("deny", "access-while-serving")
    assert decide(v.viewer_at("medical", at(5, 10)), "needs.medical") == ("allow", None)
    assert decide(v.viewer_at("medical", at(20, 9, 59)), "needs.medical") == ("allow", None)
    assert decide(v.viewer_at("medical", at(20, 10)), "needs.medical") == ("deny", "access-while-serving")
    assert decide(v.viewer_at("medical", at(10, 9), purpose="other"), "needs.medical") == (
        "deny", "access-while-serving")
    # Both parties signed at 10:00 on 03-04: at 09:00 the agreement is a draft.
    assert v.agreement_status_at(at(4, 9))["status"] == "draft"
    assert v.agreement_status_at(at(4, 10))["status"] == "in_force"
    assert v.viewer_at("medical", at(4, 9)).agreement == "draft"
    # A day viewer has no moment; a naive datetime is no moment either.
    assert v.viewer("medical", D(2026, 3, 6)).at is None
    with pytest.raises(TypeError, match="naive"):
        v.viewer_at("medical", dt.datetime(2026, 3, 6, 9))
    with pytest.raises(TypeError):
        v.viewer_at("medical", D(2026, 3, 6))
