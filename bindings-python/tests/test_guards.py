"""Issue 12's guards and the versioned histories of issue 11, through Python: the same
refusals, rule IDs and classes as in Rust. The rules themselves are tested in the core."""

import datetime as dt
import json
import pathlib

import pytest

import shegong
from conftest import ev

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "v1"

PLAN = {"type": "plan_agreed", "plan": {
    "agreement_signed": True, "client_participated": True, "collaborators": ["社区居委会"],
    "goals": ["三个月内建立每周两次的邻里探访"], "strategies": ["整合社区资源"], "targets": ["社会隔离"],
    "timetable": ["第1-4周：建立关系"]}}


def approved(case: shegong.Case) -> shegong.Case:
    case.apply(ev("2026-09-29T11:00", "w-li", "worker", {"type": "opening_submitted", "supervisor": "s-zhang"}))
    case.apply(ev("2026-09-30T09:00", "s-zhang", "first_line_supervisor", {
        "type": "opening_decided", "decision": {"outcome": "approved", "comments": ""}}))
    return case


def test_open_consent_a_revoked_consent_refuses_a_plan(opened_case):
    # [open-consent]: after the only service consent is revoked, no service event is accepted.
    case = approved(opened_case)
    case.apply(ev("2026-10-08T09:00", "c-1", "client", {"type": "consent_revoked", "consent_id": "k1", "reason": "不想继续"}))
    before = case.to_json()
    with pytest.raises(shegong.TransitionRefused) as info:
        case.apply(ev("2026-10-09T09:00", "w-li", "worker", PLAN))
    assert info.value.rule_id == "open-consent" and info.value.code == "refused"
    assert "[open-consent]" in info.value.message
    assert case.to_json() == before, "a refused event changes nothing"
    # A note remains possible after revocation.
    case.apply(ev("2026-10-09T10:00", "w-li", "worker", {"type": "note_added", "text": "联系案主"}))


@pytest.mark.parametrize("who,role", [
    ("s-wang", "first_line_supervisor"),  # another supervisor than the one named
    ("l-zhou", "project_lead"),  # a higher role, not the one named
    ("w-li", "first_line_supervisor"),  # the case's own worker under a supervisor role
])
def test_open_approval_only_the_named_supervisor_decides(opened_case, who, role):
    # Issue 12, finding 3: the opening decision comes from the supervisor the submission named.
    opened_case.apply(ev("2026-09-29T11:00", "w-li", "worker", {"type": "opening_submitted", "supervisor": "s-zhang"}))
    before = opened_case.to_json()
    with pytest.raises(shegong.TransitionRefused) as info:
        opened_case.apply(ev("2026-09-30T09:00", who, role, {
            "type": "opening_decided", "decision": {"outcome": "approved", "comments": ""}}))
    assert info.value.rule_id is not None and info.value.rule_id in info.value.message
    assert opened_case.to_json() == before


def test_open_approval_the_named_supervisor_approves(opened_case):
    case = approved(opened_case)
    assert case.stage == "opened"
    obligations = shegong.RuleSet.preset().obligations(case, shegong.Calendar.china(), dt.datetime(2026, 10, 9, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    approval = next(o for o in obligations if o["rule"] == "open-approval-5wd")
    assert approval["status"]["status"] == "met"


def test_stored_v1_history_intact_replays_through_case_from_json():
    # Histories outlive versions: a history stored under rules version 1 still replays.
    v = json.loads((FIXTURES / "case" / "stored-histories.json").read_text(encoding="utf-8"))
    intact = next(h for h in v["histories"] if h["name"] == "intact")
    case = shegong.Case.from_json(json.dumps(intact["stored"], ensure_ascii=False))
    assert (case.stage, case.head) == (intact["expect"]["stage"], intact["expect"]["head"])
    # And it goes through the batch API as well, with no error row.
    batch = shegong.evaluate_histories([json.dumps(intact["stored"], ensure_ascii=False)], dt.datetime(2027, 1, 4, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert batch.errors["index"] == [] and batch.cases["index"] == [0]


def test_every_v1_stored_case_history_still_replays():
    v = json.loads((FIXTURES / "case" / "stored-histories.json").read_text(encoding="utf-8"))
    for h in v["histories"]:
        text = json.dumps(h["stored"], ensure_ascii=False)
        if h["expect"]["outcome"] == "ok":
            assert shegong.Case.from_json(text).head == h["expect"]["head"], h["name"]
        else:
            with pytest.raises(shegong.ShegongError) as info:
                shegong.Case.from_json(text)
            assert info.value.code == h["expect"]["code"], h["name"]
