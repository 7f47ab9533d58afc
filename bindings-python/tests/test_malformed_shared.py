"""The shared malformed-input table (tests/malformed/table.json, generated and replayed by
core/tests/malformed_table.rs; JS and Kotlin replay it too): every row gives the error kind
Rust gives, as a subclass of ShegongError (never a PanicException or a crash), every valid
base is accepted, and the case an event is applied to is unchanged after a refusal.

Python-only bad inputs (self-containing dicts, tuples, ints beyond 2**64, naive datetimes)
live in the table beside it, tests/malformed/ of this package.
"""

import json

import pytest

import shegong
from conftest import VECTORS

DOC = json.loads((VECTORS.parent / "malformed" / "table.json").read_text(encoding="utf-8"))
BASE = json.dumps(DOC["base_case"], ensure_ascii=False)


def text(given):
    if isinstance(given, str):
        return given
    prefix, unit, count, suffix = given["repeat"]
    return prefix + unit * count + suffix


def call(entry, s):
    if entry == "case_from_json":
        shegong.Case.from_json(s)
    elif entry == "activity_from_json":
        shegong.Activity.from_json(s)
    elif entry == "volunteer_from_json":
        shegong.Volunteer.from_json(s)
    elif entry == "rule_set_from_json":
        shegong.RuleSet.from_json(s)
    elif entry == "calendar_from_json":
        shegong.Calendar.from_json(s)
    elif entry == "parse_event":
        shegong.parse_event(s)
    elif entry == "validate_record":
        # Record rows are JSON a dict can hold: the table has no syntax faults for records.
        shegong.validate_record(json.loads(s))
    elif entry == "id_number":
        shegong.IdNumber(s)
    elif entry == "phone":
        shegong.Phone(s)
    elif entry == "case_apply":
        case = shegong.Case.from_json(BASE)
        before = case.to_json()
        try:
            case.apply(shegong.parse_event(s))
        except shegong.ShegongError:
            assert case.to_json() == before, "a refused event changed the case"
            raise
    else:
        raise AssertionError(f"unknown entry {entry}")


@pytest.mark.parametrize("row", DOC["rows"], ids=[f"{r['entry']}: {r['name']}" for r in DOC["rows"]])
def test_shared_malformed_row_gives_the_rust_kind(row):
    s = text(row["input"])
    if row["expect"] == "ok":
        call(row["entry"], s)
        return
    with pytest.raises(shegong.ShegongError) as info:
        call(row["entry"], s)
    assert info.value.code == row["expect"], (row["name"], info.value.code, info.value.message)


def test_the_table_has_at_least_150_bad_inputs_for_every_binding(request):
    assert sum(r["expect"] != "ok" for r in DOC["rows"]) >= 150
    # Recorded for scripts/conformance only when every row above passed.
    if request.session.testsfailed == 0:
        out = VECTORS.parents[1] / "target" / "conformance" / "python-malformed.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("malformed/table.json\n", encoding="utf-8")
