"""The shared vectors under tests/vectors/, replayed through Python: identical to Rust."""

import datetime
import functools
import json

import pytest

import shegong
from conftest import VECTORS, jsonable


# Every vector file a test below replayed to the end, as "family/name.json": the last test
# of this module fails if a file under tests/vectors/ was never replayed through Python.
REPLAYED = set()


def load(family: str):
    files = sorted((VECTORS / family).glob("*.json"))
    assert files, family
    return [(f"{family}/{f.name}", json.loads(f.read_text(encoding="utf-8"))) for f in files]


def replays(test):
    """Records the test's vector file in REPLAYED when the test body returns (passes)."""

    @functools.wraps(test)
    def run(name, v):
        test(name, v)
        REPLAYED.add(name)

    return run


def outcome_of_apply(case, event):
    try:
        a = case.apply(event)
        return {"outcome": "applied", "stage": a["stage"], "warnings": [w["rule"] for w in a["warnings"]]}
    except shegong.ShegongError as e:
        return {"outcome": "error", "code": e.code, "rule": e.rule_id, "message": e.message}


@pytest.mark.parametrize("name,v", load("case"))
@replays
def test_case_vectors(name, v):
    if v["kind"] == "case_steps":
        steps = v["steps"]
        case = shegong.Case.start(steps[0]["event"])
        for step in steps[1:]:
            before = case.to_json()
            got = outcome_of_apply(case, step["event"])
            assert got == step["expect"], name
            if got["outcome"] == "error":
                assert case.to_json() == before, "a refused event changes nothing"
        assert case.stage == v["final"]["stage"]
        assert case.head == v["final"]["head"]
    else:
        for h in v["histories"]:
            try:
                c = shegong.Case.from_json(json.dumps(h["stored"], ensure_ascii=False))
                got = {"outcome": "ok", "stage": c.stage, "head": c.head}
            except shegong.ShegongError as e:
                got = {"outcome": "error", "code": e.code, "rule": e.rule_id, "message": e.message}
            assert got == h["expect"], h["name"]


@pytest.mark.parametrize("name,v", load("deadline"))
@replays
def test_obligation_vectors(name, v):
    rules = shegong.RuleSet.preset() if v["rule_set"] == "preset" else shegong.RuleSet.from_json(json.dumps(v["rule_set"], ensure_ascii=False))
    cal = shegong.Calendar.from_json(json.dumps(v["calendar"], ensure_ascii=False))
    for e in v["evaluations"]:
        now = datetime.datetime.fromisoformat(e["now"])
        if v["case"] is not None:
            case = shegong.Case.from_json(json.dumps(v["case"], ensure_ascii=False))
            got = rules.obligations(case, cal, now)
        else:
            act = shegong.Activity.from_json(json.dumps(v["activity"], ensure_ascii=False))
            got = rules.activity_obligations(act, cal, now)
        assert jsonable(got) == e["expect"], f"{name} as of {e['now']}"


@pytest.mark.parametrize("name,v", load("assessment"))
@replays
def test_assessment_vectors(name, v):
    import datetime as dt
    if v["kind"] == "records":
        for c in v["cases"]:
            try:
                got = {"outcome": "ok", "record": jsonable(shegong.validate_record(c["input"]))}
            except shegong.ShegongError as e:
                got = {"outcome": "error", "code": e.code}
            assert got == c["expect"], c["name"]
    elif v["kind"] == "triage":
        assert jsonable(shegong.prioritise(v["items"], dt.datetime.fromisoformat(v["now"]))) == v["expect"]
    elif v["kind"] == "routing":
        for c in v["cases"]:
            assert jsonable(shegong.route(c["input"], dt.date.fromisoformat(v["on"]))) == c["expect"], c["name"]
    else:
        for c in v["cases"]:
            got = shegong.age_groups(dt.date.fromisoformat(c["date_of_birth"]), dt.date.fromisoformat(c["on"]))
            assert got == c["expect"]


@pytest.mark.parametrize("name,v", load("volunteer"))
@replays
def test_volunteer_vectors(name, v):
    if v["kind"] == "identity":
        for c in v["id_numbers"]:
            try:
                i = shegong.IdNumber(c["input"])
                got = {"outcome": "ok", "normalised": i.expose(), "masked": i.masked(), "birth_date": i.birth_date.isoformat(), "sex": i.sex}
            except shegong.ShegongError as e:
                got = {"outcome": "error", "code": e.code}
            assert got == c["expect"], c["input"]
        for c in v["phones"]:
            try:
                p = shegong.Phone(c["input"])
                got = {"outcome": "ok", "digits": p.digits(), "kind": p.kind, "masked": p.masked()}
            except shegong.ShegongError as e:
                got = {"outcome": "error", "code": e.code}
            assert got == c["expect"], c["input"]
        for c in v["nicknames"]:
            try:
                role, name_ = shegong.parse_nickname(c["input"])
                got = {"outcome": "ok", "role": role, "name": name_}
            except shegong.ShegongError as e:
                got = {"outcome": "error", "code": e.code}
            assert got == c["expect"], c["input"]
    elif v["kind"] == "access_decisions":
        assert v["format"] == 2
        for c in v["cases"]:
            viewer = read_viewer(c["viewer"], v["volunteers"])
            d = shegong.Access(view=c["view"]).decide(viewer, v["record_kind"], c["field"], v["subject"])
            assert {"outcome": d["outcome"], "rule": d.get("rule")} == c["expect"], (c["viewer"], c["field"])
            if "staff" in c["viewer"]:  # the dict and the Viewer the class method builds agree
                staff = shegong.Viewer.staff(**c["viewer"]["staff"])
                assert shegong.Access(view=c["view"]).decide(staff, v["record_kind"], c["field"], v["subject"]) == d
    else:
        assert v["kind"] == "redactions" and v["format"] == 2
        for c in v["cases"]:
            got = shegong.Access().redact(read_viewer(c["viewer"], v["volunteers"]), c["record"], c["subject"])
            assert jsonable(got) == c["expect"], c["viewer"]


def read_viewer(spec, volunteers):
    """The viewer a format-2 vector names, rebuilt as core/tests/volunteer_vectors.rs does: a
    staff viewer `{"staff": {id, role, groups}}` from its dict, or a volunteer viewer
    `{"volunteer": key, "acting_as", "on", "purpose"}` from the stored history `volunteers[key]`."""
    if "staff" in spec:
        return spec["staff"]
    stored = shegong.Volunteer.from_json(json.dumps(volunteers[spec["volunteer"]], ensure_ascii=False))
    return stored.viewer(spec["acting_as"], datetime.date.fromisoformat(spec["on"]), spec["purpose"])


@pytest.mark.parametrize("name,v", load("workload"))
@replays
def test_workload_vectors(name, v):
    if v["kind"] == "annual_hours":
        for c in v["formula"]:
            a = shegong.annual_hours(c["params"])
            assert {"minutes": a["minutes"], "direct_70": shegong.direct_share(a, 70)} == c["expect"]
        for c in v["calendar"]:
            a = shegong.annual_hours_from_calendar(shegong.Calendar.china(), c["year"], c["paid_leave_days"], c["hours_per_day"])
            assert {"minutes": a["minutes"]} == c["expect"]
    elif v["kind"] == "project_plans":
        for c in v["cases"]:
            assert jsonable(shegong.evaluate_plan(c["plan"])) == c["expect"], c["name"]
    else:
        for c in v["cases"]:
            assert jsonable(shegong.check_supervision(c["record"])) == c["expect"]


def error_of(e):
    return {"outcome": "error", "code": e.code, "rule": e.rule_id, "message": e.message}


@pytest.mark.parametrize("name,v", load("activity"))
@replays
def test_activity_vectors(name, v):
    assert v["kind"] == "activity_steps"
    steps = v["steps"]
    act = shegong.Activity.start(steps[0]["event"])
    for i, step in enumerate(steps[1:], 2):
        before = act.to_json()
        try:
            a = act.apply(step["event"])
            got = {"outcome": "applied", "group_stage": a["stage"]}
        except shegong.ShegongError as e:
            got = error_of(e)
            assert act.to_json() == before, "a refused event changes nothing"
        assert got == step["expect"], f"{name} step {i}"
    assert act.group_stage == v["final"]["group_stage"]
    assert (len(act), act.head) == (v["final"]["history_len"], v["final"]["head"])
    assert shegong.Activity.from_json(act.to_json()).head == act.head
    assert shegong.Activity.replay(act.history).head == act.head


@pytest.mark.parametrize("name,v", load("volunteer-lifecycle"))
@replays
def test_volunteer_lifecycle_vectors(name, v):
    assert v["kind"] == "volunteer_steps"
    steps = v["steps"]
    vol = shegong.Volunteer.start(steps[0]["event"])
    for i, step in enumerate(steps[1:], 2):
        before = vol.to_json()
        try:
            a = vol.apply(step["event"])
            got = {"outcome": "applied", "stage": a["stage"]}
        except shegong.ShegongError as e:
            got = error_of(e)
            assert vol.to_json() == before, "a refused event changes nothing"
        assert got == step["expect"], f"{name} step {i}"
    assert vol.stage == v["final"]["stage"]
    assert (len(vol), vol.head) == (v["final"]["history_len"], v["final"]["head"])
    assert shegong.Volunteer.from_json(vol.to_json()).head == vol.head
    assert shegong.Volunteer.replay(vol.history).head == vol.head


def rows(columns):
    """Dict of lists back to the list of row dicts the vectors hold."""
    keys = list(columns)
    return [dict(zip(keys, values)) for values in zip(*(columns[k] for k in keys))]


@pytest.mark.parametrize("name,v", load("report"))
@replays
def test_report_vectors(name, v):
    assert v["kind"] == "batch" and v["rule_set"] == "preset"
    now = datetime.datetime.fromisoformat(v["now"])
    texts = [h["json"] for h in v["histories"]]
    got = shegong.evaluate_histories(texts, now)
    assert jsonable(rows(got.obligations)) == v["expect"]["obligations"]
    assert jsonable(rows(got.cases)) == v["expect"]["cases"]
    assert jsonable(rows(got.errors)) == v["expect"]["errors"]
    # Every input gives its case row or one error row.
    indexes = sorted(got.cases["index"] + got.errors["index"])
    assert indexes == list(range(len(texts)))


def calendar_answer(cal, q):
    """Answers one calendar query the way core/tests/calendar_vectors.rs does."""
    day = lambda k: datetime.date.fromisoformat(q[k])  # noqa: E731
    try:
        op = q["op"]
        if op == "is_workday":
            d = cal.day(day("date"))
            return {"outcome": "ok", "value": {"working": d["working"], "provisional": d["provisional"]}}
        if op == "add_workdays":
            c = cal.add_workdays_checked(day("date"), q["n"])
            return {"outcome": "ok", "value": c["value"].isoformat(), "provisional": c["provisional"]}
        if op == "workdays_between":
            c = cal.workdays_between_checked(day("from"), day("to"))
            return {"outcome": "ok", "value": c["value"], "provisional": c["provisional"]}
        if op == "workday_on_or_after":
            return {"outcome": "ok", "value": cal.workday_on_or_after(day("date")).isoformat()}
        if op == "workday_on_or_before":
            return {"outcome": "ok", "value": cal.workday_on_or_before(day("date")).isoformat()}
        if op == "workdays_in_year":
            return {"outcome": "ok", "value": cal.workdays_in_year(q["year"])}
        raise AssertionError(f"unknown calendar op {op}")
    except shegong.ShegongError as e:
        return {"outcome": "error", "code": e.code, "rule": e.rule_id, "message": e.message}


@pytest.mark.parametrize("name,v", load("calendar"))
@replays
def test_calendar_vectors(name, v):
    assert v["kind"] == "calendar"
    cal = shegong.Calendar.from_json(json.dumps(v["calendar"], ensure_ascii=False))
    for q in v["queries"]:
        assert calendar_answer(cal, q) == q["expect"], (name, q)


def test_every_vector_file_was_replayed():
    """Runs last in this module: a vector file no test above replayed fails here."""
    on_disk = {f"{f.parent.name}/{f.name}" for f in VECTORS.glob("*/*.json")}
    assert on_disk, VECTORS
    assert on_disk - REPLAYED == set(), "vector files not replayed through Python"
    # For scripts/conformance, which compares every language's record with the files.
    out = VECTORS.parents[1] / "target" / "conformance" / "python.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{name}\n" for name in sorted(REPLAYED)), encoding="utf-8")
