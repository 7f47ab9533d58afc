"""The binding on the core's contract: every core error kind has its exception class, the
defaults shown in signatures and stubs are the core's named constants, and every date or
instant field of a core type comes back to Python as a date object."""

import ast
import datetime as dt
import inspect
import json
import pathlib
import re

import pytest

import shegong
from conftest import VECTORS, plan_activity, record, register_volunteer, t

STUB = pathlib.Path(shegong.__file__).with_name("_shegong.pyi")


def exception_classes():
    return [v for v in vars(shegong).values() if isinstance(v, type) and issubclass(v, shegong.ShegongError)]


def test_every_error_kind_maps_to_exactly_one_class_whose_code_matches():
    kinds = shegong.error_kinds()
    assert len(kinds) == len(set(kinds)) >= 30
    classes = exception_classes()
    for code in kinds:
        owners = [c for c in classes if c.__dict__.get("code") == code]
        assert len(owners) == 1, (code, owners)
    # The binding's own classes have codes no core kind uses.
    own = {c.__name__: c.code for c in classes if c.__dict__.get("code") not in kinds}
    assert own == {"ShegongError": "error", "CyclicInput": "cyclic_input"}
    # An int its field cannot hold is classified by the core (`value_out_of_range`), not here.
    assert shegong.OutOfRange.code == "value_out_of_range" and "value_out_of_range" in kinds


def test_out_of_range_values_are_value_errors():
    for cls in (shegong.OutOfRange, shegong.Overflow, shegong.CalendarRangeError, shegong.ResultOutOfRange,
                shegong.UnknownValue, shegong.InvalidMask):
        assert issubclass(cls, ValueError) and issubclass(cls, shegong.ShegongError), cls


@pytest.mark.parametrize("call,cls,code", [
    (lambda: shegong.next_case_number("SZ", 2026, ["SZ-2026-4294967295"]), shegong.Overflow, "overflow"),
    (lambda: shegong.IdNumber("11010519491231002X").masked(2**64 - 1, 1), shegong.InvalidMask, "invalid_mask"),
    (lambda: shegong.Access(view="everyone"), shegong.UnknownValue, "unknown_value"),
    (lambda: shegong.fee_cap("martian", 3), shegong.UnknownValue, "unknown_value"),
    (lambda: shegong.Calendar.china().is_workday(dt.date(1900, 1, 1)), shegong.CalendarRangeError, "out_of_range"),
    (lambda: shegong.RuleSet.preset().without("nope"), shegong.UnknownRule, "unknown_rule"),
    (lambda: shegong.Case.replay([]), shegong.NotStarted, "not_started"),
    (lambda: shegong.Calendar.china().add_workdays(dt.date(2026, 12, 1), 100), shegong.ResultOutOfRange, "result_out_of_range"),
    (lambda: shegong.Calendar.from_json(json.dumps({**json.loads(shegong.Calendar.china().to_json()), "base": "martian"})),
     shegong.UnknownBase, "unknown_base"),
    (lambda: shegong.annual_hours({**shegong.annual_hours()["basis"]["params"], "public_holidays": 400}),
     shegong.InvalidParameters, "invalid_parameters"),
    (lambda: shegong.Roster("G").claim("nope", register_volunteer("v-1", {
        "name": "王芳", "gender": "female", "id_number": "11010519491231002X", "region": "姑苏区",
        "phone": "13800131234", "positions": ["general"]}, t("2026-03-01"), {"id": "w-li", "role": "worker"})),
     shegong.RosterRefused, "roster_refused"),
    (lambda: shegong.evaluate_plan(shegong.standard_plan("p", 1, [{"item": "teleportation", "count": 1}])),
     shegong.InvalidLine, "invalid_line"),
])
def test_real_errors_raise_the_class_of_their_kind(call, cls, code):
    with pytest.raises(cls) as info:
        call()
    assert type(info.value) is cls and info.value.code == code and info.value.message


def test_defaults_in_signatures_and_stubs_are_the_cores_constants():
    expected = {
        ("annual_hours_from_calendar", "paid_leave_days"): shegong.DEFAULT_PAID_LEAVE_DAYS,
        ("annual_hours_from_calendar", "hours_per_day"): shegong.DEFAULT_HOURS_PER_DAY,
        ("direct_share", "percent"): shegong.DIRECT_SHARE_PERCENT,
        ("IdNumber.masked", "keep_start"): shegong.MASK_KEEP_START,
        ("IdNumber.masked", "keep_end"): shegong.MASK_KEEP_END,
        ("Access.__new__", "view"): shegong.DEFAULT_VIEW,
        ("Access.__new__", "acquaintance_scope"): shegong.DEFAULT_SCOPE,
    }
    # The stub.
    stub = {}
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        owner = ""
        if isinstance(node, ast.ClassDef):
            owner = node.name + "."
            funcs = [f for f in node.body if isinstance(f, ast.FunctionDef)]
        elif isinstance(node, ast.Module):
            funcs = [f for f in node.body if isinstance(f, ast.FunctionDef)]
        else:
            continue
        for f in funcs:
            args = f.args.args
            for a, d in zip(args[len(args) - len(f.args.defaults):], f.args.defaults):
                stub[(owner + f.name, a.arg)] = ast.literal_eval(d)
    # The runtime signatures (text_signature).
    runtime = {}
    for (name, arg) in expected:
        obj = shegong
        for part in name.split("."):
            obj = getattr(obj, part)
        if name == "Access.__new__":
            obj = shegong.Access
        runtime[(name, arg)] = inspect.signature(obj).parameters[arg].default
    for key, value in expected.items():
        assert stub[key] == value, ("stub", key)
        assert runtime[key] == value, ("signature", key)
    # And the defaults are what a call without them does.
    a = shegong.annual_hours()
    assert shegong.direct_share(a) == shegong.direct_share(a, shegong.DIRECT_SHARE_PERCENT)
    assert shegong.Access().decide  # constructed with the defaults


def test_limits_are_the_cores():
    assert shegong.MAX_DEPTH == 64 and shegong.MAX_STRING_BYTES == 256 * 1024
    assert shegong.MAX_INPUT_BYTES >= shegong.MAX_STRING_BYTES
    assert shegong.MAX_HISTORY_EVENTS == 10_000 and shegong.MAX_BATCH_HISTORIES == 1_000_000
    deep: list = []
    for _ in range(shegong.MAX_DEPTH + 1):
        deep = [deep]
    with pytest.raises(shegong.LimitExceeded):
        shegong.validate_record({"kind": "daily_summary", "x": deep})


ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z))?$")


def iso_strings(x, key=None, path="$"):
    """(path, key) of every str value that is an ISO date or instant: a field the binding's date
    keys do not know, since listed keys come back as datetime.date / datetime.datetime."""
    if isinstance(x, dict):
        for k, v in x.items():
            yield from iso_strings(v, k, f"{path}.{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from iso_strings(v, key, f"{path}[{i}]")
    elif isinstance(x, str) and ISO.match(x):
        yield path, key


def outputs_of_the_vectors():
    """What Python gets back for the shared vectors' cases, activities, volunteers and obligations."""
    out = []
    for f in sorted(VECTORS.glob("case/*.json")) + sorted(VECTORS.glob("deadline/*.json")):
        v = json.loads(f.read_text(encoding="utf-8"))
        stored = [h["stored"] for h in v.get("histories", []) if h["expect"]["outcome"] == "ok"]
        if v.get("case"):
            stored.append(v["case"])
        for s in stored:
            c = shegong.Case.from_json(json.dumps(s, ensure_ascii=False))
            out += [c.to_dict(), c.state, c.file_check()]
            for e in v.get("evaluations", []):
                out.append(shegong.RuleSet.preset().obligations(c, shegong.Calendar.china(), dt.datetime.fromisoformat(e["now"])))
        if v.get("activity"):
            a = shegong.Activity.from_json(json.dumps(v["activity"], ensure_ascii=False))
            out += [a.to_dict(), a.plan_of()]
    for fam in ("activity", "volunteer-lifecycle"):
        for f in sorted(VECTORS.glob(f"{fam}/*.json")):
            v = json.loads(f.read_text(encoding="utf-8"))
            agg = (shegong.Activity if fam == "activity" else shegong.Volunteer).start(v["steps"][0]["event"])
            for step in v["steps"][1:]:
                try:
                    agg.apply(step["event"])
                except shegong.ShegongError:
                    pass
            out.append(agg.to_dict())
            if isinstance(agg, shegong.Volunteer):
                out += [agg.registration, agg.agreements]
                for r in agg.history:
                    out += [agg.agreement_status_at(r["occurred_at"]), agg.agreement_status_on(r["occurred_at"].date())]
    return out


def test_every_date_and_instant_field_of_a_core_type_comes_back_as_a_date_object():
    missing = sorted({(key, path) for o in outputs_of_the_vectors() for path, key in iso_strings(o)})
    assert missing == [], "add these keys to DATE_KEYS / INSTANT_KEYS in bindings-python/src/convert.rs"
