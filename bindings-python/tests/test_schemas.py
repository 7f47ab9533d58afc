"""The JSON Schemas under schemas/ and the Python types generated from them (issue 13): every
event of the shared vectors validates against its schema, every event type has a schema branch
and a TypedDict, and every public class and function of the stubs has a docstring."""

import ast
import datetime as dt
import functools
import json
import pathlib
import typing
from typing import Any, Dict, Iterator, List, Tuple

import jsonschema
import pytest

import shegong
from shegong import events

from conftest import VECTORS, t

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
STUBS = ROOT / "bindings-python" / "python" / "shegong" / "_shegong.pyi"
AGGREGATES = ("case", "activity", "volunteer")


@functools.lru_cache(maxsize=None)
def schema(name: str) -> Dict[str, Any]:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def validator(name: str) -> jsonschema.Draft202012Validator:
    s = schema(name)
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def branch_types(name: str) -> List[str]:
    return [b["properties"]["type"]["const"] for b in schema(name)["oneOf"]]


def vector_documents() -> Iterator[Tuple[str, str, Any]]:
    """(schema name, where, document) for every event, history, rule set and calendar
    description the vectors hold that the library accepts."""
    for path in sorted(VECTORS.rglob("*.json")):
        v = json.loads(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(VECTORS))
        kind = v.get("kind")
        if kind in ("case_steps", "activity_steps", "volunteer_steps"):
            agg = kind.split("_")[0]
            for i, step in enumerate(v["steps"]):
                # A refused step may be refused for its shape; an applied one is valid.
                if step["expect"]["outcome"] == "applied":
                    yield f"new_{agg}_event", f"{where} step {i}", step["event"]
        if kind == "obligations":
            # A vector may name the preset ("preset") instead of holding a rule set.
            for key, name in (("case", "case_history"), ("activity", "activity_history"), ("rule_set", "rule_set")):
                if isinstance(v.get(key), dict):
                    yield name, f"{where} {key}", v[key]
        if "calendar" in v and isinstance(v["calendar"], dict):
            yield "calendar_spec", f"{where} calendar", v["calendar"]


DOCUMENTS = list(vector_documents())


@pytest.mark.parametrize("name,where,doc", DOCUMENTS, ids=[w for _, w, _ in DOCUMENTS])
def test_every_vector_event_validates_against_its_schema(name: str, where: str, doc: Any) -> None:
    errors = sorted(validator(name).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, f"{where}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_vectors_cover_every_kind_of_document() -> None:
    assert {n for n, _, _ in DOCUMENTS} >= {"new_case_event", "new_activity_event", "new_volunteer_event",
                                            "case_history", "activity_history", "rule_set", "calendar_spec"}
    seen = {d["event"]["type"] for n, _, d in DOCUMENTS if n == "new_case_event"}
    assert len(seen) >= 20


def test_histories_the_library_writes_validate() -> None:
    """What `to_dict` writes (case, activity, volunteer histories, recorded envelopes included)
    is what the history schemas describe, once made JSON again."""
    for path in sorted(VECTORS.rglob("*.json")):
        v = json.loads(path.read_text(encoding="utf-8"))
        kind = v.get("kind")
        if kind not in ("case_steps", "activity_steps", "volunteer_steps"):
            continue
        agg = kind.split("_")[0]
        cls = {"case": shegong.Case, "activity": shegong.Activity, "volunteer": shegong.Volunteer}[agg]
        applied = [s["event"] for s in v["steps"] if s["expect"]["outcome"] == "applied"]
        obj = cls.start(applied[0])
        for e in applied[1:]:
            obj.apply(e)
        stored = json.loads(obj.to_json())
        errors = list(validator(f"{agg}_history").iter_errors(stored))
        assert not errors, f"{path.name}: {errors[0].message}"
        for r in stored["events"]:
            assert not list(validator(f"recorded_{agg}_event").iter_errors(r))


def test_a_rule_set_and_a_calendar_the_library_writes_validate() -> None:
    assert not list(validator("rule_set").iter_errors(json.loads(shegong.RuleSet.preset().to_json())))
    cal = shegong.Calendar.china().with_agency_days("某机构", [{"date": dt.date(2026, 5, 6), "note": "培训"}], [])
    assert not list(validator("calendar_spec").iter_errors(json.loads(cal.to_json())))


def test_a_malformed_event_fails_its_schema() -> None:
    v = validator("case_event")
    assert not v.is_valid({"type": "opened"})  # summary missing
    assert not v.is_valid({"type": "opened", "summary": "s", "extra": 1})  # unknown field
    assert not v.is_valid({"type": "no_such_type"})
    assert v.is_valid({"type": "opened", "summary": "开案"})


def test_every_event_type_has_a_schema_branch_and_a_typed_dict() -> None:
    assert branch_types("case_event") == shegong.event_types() == events.EVENT_TYPES["case"]
    for agg in AGGREGATES:
        types = branch_types(f"{agg}_event")
        assert types == events.EVENT_TYPES[agg]
        assert list(events.EVENT_CLASSES[agg]) == types
        union = getattr(events, f"{agg.capitalize()}Event")
        assert list(typing.get_args(union)) == list(events.EVENT_CLASSES[agg].values())
        for name, cls in events.EVENT_CLASSES[agg].items():
            hints = typing.get_type_hints(cls, include_extras=True)
            assert typing.get_args(hints["type"]) == (name,), cls.__name__
            branch = next(b for b in schema(f"{agg}_event")["oneOf"] if b["properties"]["type"]["const"] == name)
            assert set(hints) == set(branch["properties"]), cls.__name__
            assert cls.__required_keys__ == frozenset(branch.get("required", [])), cls.__name__
            assert cls.__doc__ and "(TypedDict)" not in cls.__doc__


def test_literals_match_the_vocabulary() -> None:
    vocab = schema("vocabulary")["$defs"]
    for name in ("Stage", "Role", "VolunteerStage", "GroupStage", "ObligationStatusName",
                 "CaseEventType", "ActivityEventType", "VolunteerEventType"):
        values = [b["const"] for b in vocab[name]["oneOf"]]
        assert [typing.get_args(a)[0] for a in typing.get_args(getattr(events, name))] == values, name
    labels = shegong.zh_labels()
    assert set(labels["CaseEventType"]) == set(events.EVENT_TYPES["case"])
    assert set(labels["Stage"]) == {typing.get_args(a)[0] for a in typing.get_args(events.Stage)}


def test_every_public_class_and_function_of_the_stubs_has_a_docstring() -> None:
    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    missing = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            if ast.get_docstring(node) is None:
                missing.append(node.name)
            if isinstance(node, ast.ClassDef):
                for sub in node.body:
                    if isinstance(sub, ast.FunctionDef) and not sub.name.startswith("_") and ast.get_docstring(sub) is None:
                        missing.append(f"{node.name}.{sub.name}")
    assert not missing


def test_calendar_from_json_takes_text_or_a_dict() -> None:
    """Regression: `Calendar.from_json` said it read a description and raised TypeError for a dict."""
    cal = shegong.Calendar.china().with_agency_days("某机构", [{"date": dt.date(2026, 5, 6), "note": "培训"}], [])
    assert shegong.Calendar.from_json(cal.to_json()) == cal
    assert shegong.Calendar.from_json(json.loads(cal.to_json())) == cal
    by_hand = shegong.Calendar.from_json({"base": "cn-official", "name": "某机构",
                                          "closures": [{"date": dt.date(2026, 5, 6), "note": "培训"}]})
    assert not by_hand.is_workday(dt.date(2026, 5, 6))
    with pytest.raises(TypeError, match="str.*dict"):
        shegong.Calendar.from_json(3)  # type: ignore[arg-type]
    with pytest.raises(shegong.MalformedData):
        shegong.Calendar.from_json({"base": "cn-official", "closures": "none"})


def test_help_shows_no_ordering_on_types_that_cannot_be_ordered() -> None:
    """Regression: `help()` listed `__lt__` (and `__le__`, `__gt__`, `__ge__`) on types with
    equality only; comparing raised TypeError."""
    a, b = shegong.Calendar.china(), shegong.Calendar.china()
    same = [(a, b), (shegong.RuleSet.preset(), shegong.RuleSet.preset()),
            (shegong.Viewer.staff("w", "worker"), shegong.Viewer.staff("w", "worker")),
            (shegong.IdNumber("11010519491231002X"), shegong.IdNumber("11010519491231002X")),
            (shegong.Phone("13800131234"), shegong.Phone("13800131234"))]
    for x, y in same:
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert op not in vars(type(x)), (type(x).__name__, op)
        assert x == y and not (x != y)
        with pytest.raises(TypeError):
            x < y  # noqa: B015
    assert shegong.Calendar.china() != shegong.Calendar.china().with_provisional(True)


def test_a_history_built_from_the_typed_dicts_replays() -> None:
    """The README's worked history, built with the TypedDicts, is accepted and round-trips."""
    worker: events.Actor = {"id": "w-li", "role": "worker"}
    first: events.NewCaseEvent = {"occurred_at": t("2026-03-02T09:00"), "recorded_at": t("2026-03-02T09:00"),
                                  "actor": worker, "event": {"type": "received", "case_number": "SZ-2026-0007",
                                                             "client": {"id": "c-1", "name": "王阿姨"},
                                                             "source": {"kind": "voluntary"}, "channel": "in_person",
                                                             "topic": "居家养老"}}
    case = shegong.Case.start(first)
    assert case.stage == "consultation"
    stored = case.to_dict()
    assert stored["case_number"] == "SZ-2026-0007"
    assert stored["events"][0]["event"]["type"] == "received"


def test_batch_columns_are_the_row_types() -> None:
    """The columns of `evaluate_histories` are the fields of the batch row schemas, as the
    generated TypedDicts say (the schemas follow the Rust row types)."""
    v = json.loads((VECTORS / "report" / "mixed-histories.json").read_text(encoding="utf-8"))
    result = shegong.evaluate_histories([h["json"] for h in v["histories"]], t("2026-10-13T09:00"))
    assert result.obligations["rule"] and result.cases["case"] and result.errors["code"]
    for columns, cls, name in ((result.obligations, events.ObligationColumns, "batch_obligation_row"),
                               (result.cases, events.CaseColumns, "batch_case_summary"),
                               (result.errors, events.ErrorColumns, "batch_error")):
        assert set(columns) == set(typing.get_type_hints(cls)) == set(schema(name)["properties"]), name
        assert len({len(c) for c in columns.values()}) == 1, name


def test_every_checked_in_schema_is_a_valid_draft_2020_12_schema() -> None:
    names = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    assert len(names) >= 26
    for p in SCHEMAS.glob("*.schema.json"):
        s = json.loads(p.read_text(encoding="utf-8"))
        assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema", p.name
        jsonschema.Draft202012Validator.check_schema(s)
