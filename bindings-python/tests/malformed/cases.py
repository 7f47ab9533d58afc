"""The malformed-input table: bad inputs for every public function and method of shegong.

Each row names the public function or method it targets, the call (a function of a fresh
subject: a case, a volunteer, or nothing), and the exception class expected. A row whose right
answer depends on a core change not yet made carries ``xfail`` (the reason starts with
"needs core:"); the table's runner marks it ``xfail(strict=True)``, so it must be un-marked as
soon as the core is fixed. ``SAFE`` means: either returns (revealing no ID or phone) or raises a
``ShegongError``.

Rows are built by code, not listed by hand, where a family repeats (wrong types at every level
of an event, truncations of a stored history).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from typing import Any, Callable, List, Optional, Tuple, Type, Union

import shegong

CST = dt.timezone(dt.timedelta(hours=8))
ID = "11010519491231002X"
ID15 = "110105491231002"
BAD_ID = "110105194912310021"  # wrong check digit
PHONE = "13800131234"
PHONE2 = "13700001111"
# Full numbers that must never appear in an error message or attribute.
SECRETS = (ID, ID15, BAD_ID, PHONE, PHONE2, ID[:17])

SAFE = "safe"
E = shegong


@dataclasses.dataclass
class Row:
    name: str
    target: str
    call: Callable[[Any], Any]
    expect: Union[Type[BaseException], Tuple[Type[BaseException], ...], str]
    subject: Optional[str] = None  # "case" or "volunteer": passed in, must stay unchanged
    xfail: Optional[str] = None


ROWS: List[Row] = []


def row(name, target, call, expect, subject=None, xfail=None):
    ROWS.append(Row(name, target, call, expect, subject, xfail))


def t(s: str) -> dt.datetime:
    if len(s) == 10:
        s += "T10:00"
    return dt.datetime.fromisoformat(s).replace(tzinfo=CST)


def ev(when, event, actor=None, **over):
    e = {"occurred_at": t(when), "recorded_at": t(when), "actor": actor or {"id": "w-li", "role": "worker"}, "event": event}
    e.update(over)
    return e


WORKER = {"id": "w-li", "role": "worker"}


def received(**client_over):
    return {"type": "received", "case_number": "SZ-2026-0031",
            "client": {"id": "c-1", "name": "王阿姨", "date_of_birth": dt.date(1948, 3, 2), **client_over},
            "source": {"kind": "voluntary"}, "channel": "in_person", "topic": "独居照料"}


def fresh_case() -> shegong.Case:
    case = shegong.Case.start(ev("2026-09-29T09:00", received()))
    # [open-after-interview] and [inform-rights]: an interview and the rights explained first.
    case.apply(ev("2026-09-29T09:10", {"type": "consultation_held", "summary": "咨询面谈", "topic": ""}))
    case.apply(ev("2026-09-29T09:20", {"type": "rights_informed", "how": "oral", "summary": "介绍申请及退出机制"}))
    case.apply(ev("2026-09-29T09:30", {"type": "consent_given", "consent": {
        "id": "k1", "given_by": "王阿姨", "capacity": "client", "purpose": {"kind": "service"}}}, {"id": "c-1", "role": "client"}))
    case.apply(ev("2026-09-29T10:00", {"type": "opened", "summary": "开案"}))
    return case


def record(aggregate, at, actor, event):
    return aggregate.apply({"occurred_at": at, "recorded_at": at, "actor": actor, "event": event})


def plan_activity(plan, at, actor):
    return shegong.Activity.start({"occurred_at": at, "recorded_at": at, "actor": actor, "event": {"type": "planned", "plan": plan}})


def register_volunteer(volunteer_id, registration, at, actor):
    return shegong.Volunteer.start({"occurred_at": at, "recorded_at": at, "actor": actor, "event": {
        "type": "registered", "volunteer_id": volunteer_id, "registration": registration}})


def registration(**over):
    r = {"name": "王芳", "gender": "female", "id_number": ID, "region": "姑苏区", "phone": PHONE, "positions": ["general"]}
    r.update(over)
    return r


def fresh_volunteer() -> shegong.Volunteer:
    return register_volunteer("v-1", registration(), t("2026-03-01"), WORKER)


def group_plan(**over):
    p = {"id": "G-1", "title": "小组", "kind": "group", "date": dt.date(2026, 3, 20), "planned_sessions": 6,
         "expected_participants": 10, "minutes": 90}
    p.update(over)
    return p


def fresh_activity() -> shegong.Activity:
    return plan_activity(group_plan(), t("2026-03-01"), WORKER)


def deep_list(depth: int) -> list:
    x: list = []
    for _ in range(depth):
        x = [x]
    return x


def deep_dict(depth: int) -> dict:
    x: dict = {}
    for _ in range(depth):
        x = {"a": x}
    return x


def cyclic_dict() -> dict:
    d: dict = {"type": "note_added"}
    d["text"] = d
    return d


def cyclic_list() -> list:
    x: list = []
    x.append(x)
    return x


class Weird:
    """A custom object where a dict is expected."""


NOW = t("2026-10-13T09:00")
BIG = "x" * (10 * 1024 * 1024)

# -- Case.apply: an event with a bad value at every level -------------------------------------
note = {"type": "note_added", "text": "x"}
BAD_VALUES = [
    ("none", None, (E.MalformedData,)),
    ("int", 42, (E.MalformedData,)),
    ("str", "garbage", (E.MalformedData, TypeError)),
    ("empty str", "", (E.MalformedData,)),
    ("list", [1, 2], (E.MalformedData,)),
    ("tuple", ("w-li", "worker"), (E.MalformedData,)),
    ("set", {1, 2}, TypeError),
    ("custom object", Weird(), TypeError),
    ("bytes invalid utf-8", b"\xff\xfe", TypeError),
    ("int 2**64", 2**64, E.OutOfRange),
    ("int 10**100", 10**100, E.OutOfRange),
    ("nan", float("nan"), E.OutOfRange),
    ("inf", float("inf"), E.OutOfRange),
    ("-inf", float("-inf"), E.OutOfRange),
    ("id number as int", int(BAD_ID), (E.MalformedData,)),
    ("phone as int", int(PHONE), (E.MalformedData,)),
    ("list 7000 deep", deep_list(7000), E.LimitExceeded),
    ("list 100000 deep", deep_list(100_000), E.LimitExceeded),
    ("dict 7000 deep", deep_dict(7000), E.LimitExceeded),
    ("self-containing list", cyclic_list(), E.CyclicInput),
]
for level, make in [
    ("occurred_at", lambda v: dict(ev("2026-09-30", note), occurred_at=v)),
    ("actor", lambda v: dict(ev("2026-09-30", note), actor=v)),
    ("actor.role", lambda v: ev("2026-09-30", note, {"id": "w-li", "role": v})),
    ("event.text", lambda v: ev("2026-09-30", {"type": "note_added", "text": v})),
    ("event", lambda v: dict(ev("2026-09-30", note), event=v)),
]:
    for label, value, expect in BAD_VALUES:
        if level in ("actor.role", "event.text") and label in ("str", "empty str"):
            continue  # a string is a legal value there
        if level == "actor" and label == "tuple":
            continue  # serde reads a struct from a sequence of its fields: a legal actor
        exp = expect
        if level == "occurred_at" and label == "str":
            exp = E.MalformedData
        row(f"Case.apply {level} = {label}", "Case.apply", lambda c, v=value, m=make: c.apply(m(v)), exp, "case")

row("Case.apply event is the whole dict containing itself", "Case.apply", lambda c: c.apply(ev("2026-09-30", cyclic_dict())), E.CyclicInput, "case")
row("Case.apply event None", "Case.apply", lambda c: c.apply(None), E.MalformedData, "case")
row("Case.apply event is a tuple of pairs", "Case.apply", lambda c: c.apply(tuple(ev("2026-09-30", note).items())), E.MalformedData, "case")
row("Case.apply event is a set", "Case.apply", lambda c: c.apply({1}), TypeError, "case")
row("Case.apply event is a custom object", "Case.apply", lambda c: c.apply(Weird()), TypeError, "case")
row("Case.apply dict with int keys", "Case.apply", lambda c: c.apply({1: "x"}), TypeError, "case")
row("Case.apply unknown event type", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"type": "teleported"})), E.UnknownEventKind, "case")
row("Case.apply empty event type", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"type": ""})), E.UnknownEventKind, "case")
row("Case.apply event without type", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"text": "x"})), E.MalformedData, "case")
row("Case.apply event type int", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"type": 7})), E.MalformedData, "case")
row("Case.apply note without text", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"type": "note_added"})), E.MalformedData, "case")
row("Case.apply naive datetime", "Case.apply", lambda c: c.apply(dict(ev("2026-09-30", note), occurred_at=dt.datetime(2026, 9, 30, 10))), TypeError, "case")
row("Case.apply offset-less string", "Case.apply", lambda c: c.apply(dict(ev("2026-09-30", note), recorded_at="2026-09-30T10:00:00")), TypeError, "case")
row("Case.apply date where an instant goes", "Case.apply", lambda c: c.apply(dict(ev("2026-09-30", note), occurred_at=dt.date(2026, 9, 30))), E.MalformedData, "case")
row("Case.apply 2026-02-30", "Case.apply", lambda c: c.apply(dict(ev("2026-09-30", note), occurred_at="2026-02-30T10:00:00+08:00")), E.MalformedData, "case")
row("Case.apply year 1900", "Case.apply", lambda c: c.apply(ev("1900-01-01", note)), E.OutOfOrder, "case")
row("Case.apply year 9999", "Case.apply", lambda c: c.apply(ev("9999-12-31", note)), SAFE, "case")
row("Case.apply unknown field summry", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"type": "opened", "summry": "x"})), E.MalformedData, "case")
row("Case.apply unknown top-level field", "Case.apply", lambda c: c.apply(dict(ev("2026-09-30", note), extra=1)), E.MalformedData, "case")
row("Case.apply unknown field beside text", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"type": "note_added", "text": "x", "summry": "y"})), E.MalformedData, "case")
row("Case.apply 10 MB note", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"type": "note_added", "text": BIG})), E.LimitExceeded, "case")
row("Case.apply id number in the actor id", "Case.apply", lambda c: c.apply(ev("2026-09-30", {"type": "withdrawn", "reason": " "}, {"id": ID, "role": "worker"})), E.ShegongError, "case")

# -- Case.start ------------------------------------------------------------------------------
for label, value, expect in [b for b in BAD_VALUES[:12] if b[0] != "tuple"]:
    row(f"Case.start client = {label}", "Case.start", lambda _, v=value: shegong.Case.start(ev("2026-09-29", dict(received(), client=v))),
        expect if label not in ("str",) else E.MalformedData)
row("Case.start client.birth_date for date_of_birth", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", dict(received(), client={"id": "c", "name": "n", "birth_date": dt.date(1948, 3, 2)}))), E.MalformedData)
row("Case.start date of birth 2026-02-30", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", received(date_of_birth="2026-02-30"))), E.MalformedData)
row("Case.start first event not received", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", note)), E.ShegongError)
row("Case.start unknown type", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", {"type": "teleported"})), E.UnknownEventKind)
row("Case.start bad case number", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", dict(received(), case_number="SZ-2026-99999999999"))), E.ShegongError)
row("Case.start case number serial 2**32", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", dict(received(), case_number=f"SZ-2026-{2**32}"))), E.ShegongError)
row("Case.start id number in channel", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", dict(received(), channel=ID))), E.MalformedData)
row("Case.start phone in source kind", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", dict(received(), source={"kind": PHONE}))), E.MalformedData)
row("Case.start 7000-deep client", "Case.start", lambda _: shegong.Case.start(ev("2026-09-29", dict(received(), client=deep_dict(7000)))), E.LimitExceeded)

# -- Case.replay / replay_verified: histories duplicated, reordered, edited -------------------


def history():
    return fresh_case().history


def edited(i, path, value):
    h = history()
    target = h[i]
    for k in path[:-1]:
        target = target[k]
    target[path[-1]] = value
    return h


row("Case.replay duplicated event", "Case.replay", lambda _: shegong.Case.replay(history() + history()[-1:]), E.ShegongError)
row("Case.replay reordered events", "Case.replay", lambda _: shegong.Case.replay(list(reversed(history()))), E.ShegongError)
row("Case.replay swapped last two", "Case.replay", lambda _: shegong.Case.replay((lambda h: h[:1] + [h[2], h[1]])(history())), E.ShegongError)
row("Case.replay edited summary", "Case.replay", lambda _: shegong.Case.replay(edited(2, ["event", "summary"], "改")), E.TamperedHistory)
row("Case.replay edited hash", "Case.replay", lambda _: shegong.Case.replay(edited(0, ["hash"], "0" * 64)), E.TamperedHistory)
row("Case.replay edited seq", "Case.replay", lambda _: shegong.Case.replay(edited(1, ["seq"], 9)), E.ShegongError)
row("Case.replay seq 2**64", "Case.replay", lambda _: shegong.Case.replay(edited(1, ["seq"], 2**64)), E.OutOfRange)
row("Case.replay seq -1", "Case.replay", lambda _: shegong.Case.replay(edited(1, ["seq"], -1)), (E.OutOfRange, E.MalformedData))
row("Case.replay edited type unknown", "Case.replay", lambda _: shegong.Case.replay(edited(2, ["event", "type"], "teleported")), E.UnknownEventKind)
row("Case.replay unknown field in a stored event", "Case.replay", lambda _: shegong.Case.replay(edited(2, ["event", "hidden"], "x")), E.ShegongError)
row("Case.replay empty", "Case.replay", lambda _: shegong.Case.replay([]), E.NotStarted)
row("Case.replay None", "Case.replay", lambda _: shegong.Case.replay(None), E.MalformedData)
row("Case.replay a str", "Case.replay", lambda _: shegong.Case.replay("[]"), E.MalformedData)
row("Case.replay a generator", "Case.replay", lambda _: shegong.Case.replay(e for e in history()), TypeError)
row("Case.replay 100000 deep", "Case.replay", lambda _: shegong.Case.replay(deep_list(100_000)), E.LimitExceeded)
row("Case.replay self-containing", "Case.replay", lambda _: shegong.Case.replay(cyclic_list()), E.CyclicInput)
row("Case.replay_verified wrong head", "Case.replay_verified", lambda _: shegong.Case.replay_verified(history(), "0" * 64), E.HeadMismatch)
row("Case.replay_verified head int", "Case.replay_verified", lambda _: shegong.Case.replay_verified(history(), 7), TypeError)
row("Case.replay_verified truncated", "Case.replay_verified", lambda _: (lambda c: shegong.Case.replay_verified(c.history[:-1], c.head))(fresh_case()), E.HeadMismatch)
row("Case.replay_verified cyclic", "Case.replay_verified", lambda _: shegong.Case.replay_verified(cyclic_list(), "x"), E.CyclicInput)

# -- Case.from_json / parse_event: text ------------------------------------------------------
STORED = fresh_case().to_json()
FORMAT = '"format":%d,' % json.loads(STORED)["format"]
for cut in (0, 1, 10, 50, 100, 200, 400, len(STORED) // 2, len(STORED) - 2, len(STORED) - 1):
    row(f"Case.from_json truncated at {cut}", "Case.from_json", lambda _, k=cut: shegong.Case.from_json(STORED[:k]), E.MalformedData)
row("Case.from_json null", "Case.from_json", lambda _: shegong.Case.from_json("null"), E.MalformedData)
row("Case.from_json 42", "Case.from_json", lambda _: shegong.Case.from_json("42"), E.MalformedData)
row("Case.from_json format 99", "Case.from_json", lambda _: shegong.Case.from_json(STORED.replace(FORMAT, '"format":99,')), E.UnsupportedFormat)
row("Case.from_json format 2**64", "Case.from_json", lambda _: shegong.Case.from_json(STORED.replace(FORMAT, f'"format":{2**64},')), E.ShegongError)
row("Case.from_json 100000-deep array", "Case.from_json", lambda _: shegong.Case.from_json("[" * 100_000 + "]" * 100_000), E.LimitExceeded)
row("Case.from_json bytes", "Case.from_json", lambda _: shegong.Case.from_json(STORED.encode()), TypeError)
row("Case.from_json lone surrogate", "Case.from_json", lambda _: shegong.Case.from_json("\ud800"), ValueError)
row("Case.from_json duplicate key", "Case.from_json", lambda _: shegong.Case.from_json(STORED.replace(FORMAT, FORMAT + FORMAT)), E.MalformedData)
row("Case.from_json envelope case number differs", "Case.from_json", lambda _: shegong.Case.from_json(STORED.replace('"case_number":"SZ-2026-0031",', '"case_number":"SZ-2026-0099",', 1)), E.ShegongError)
row("Case.from_json unknown envelope field", "Case.from_json", lambda _: shegong.Case.from_json(STORED.replace(FORMAT, FORMAT + '"note":"x",')), E.MalformedData)
row("Case.from_json id number as int in a field", "Case.from_json", lambda _: shegong.Case.from_json(STORED.replace('"summary":"开案"', f'"summary":{BAD_ID}')), E.MalformedData)
EVENT_TEXT = json.dumps({"occurred_at": "2026-09-30T10:00:00+08:00", "recorded_at": "2026-09-30T10:00:00+08:00", "actor": WORKER, "event": note})
row("parse_event unknown type", "parse_event", lambda _: shegong.parse_event(EVENT_TEXT.replace("note_added", "teleported")), E.UnknownEventKind)
row("parse_event truncated", "parse_event", lambda _: shegong.parse_event(EVENT_TEXT[:30]), E.MalformedData)
row("parse_event empty", "parse_event", lambda _: shegong.parse_event(""), E.MalformedData)
row("parse_event offset-less", "parse_event", lambda _: shegong.parse_event(EVENT_TEXT.replace("+08:00", "")), E.MalformedData)
row("parse_event duplicate type key", "parse_event", lambda _: shegong.parse_event(EVENT_TEXT.replace('"type": "note_added"', '"type": "teleported", "type": "note_added"')), E.MalformedData)
row("parse_event phone in role", "parse_event", lambda _: shegong.parse_event(EVENT_TEXT.replace('"worker"', f'"{PHONE}"')), E.MalformedData)
row("parse_event not a str", "parse_event", lambda _: shegong.parse_event({"event": note}), TypeError)

# -- Volunteer ----------------------------------------------------------------------------------
for label, value, expect in BAD_VALUES:
    row(f"Volunteer.apply event = {label}", "Volunteer.apply", lambda v, x=value: record(v, t("2026-03-02"), WORKER, x),
        expect if label != "str" else E.MalformedData, "volunteer")
row("Volunteer.apply unknown type", "Volunteer.apply", lambda v: record(v, t("2026-03-02"), WORKER, {"type": "teleported"}), E.MalformedData, "volunteer")
row("Volunteer.apply trained hours 2**32", "Volunteer.apply", lambda v: record(v, t("2026-03-02"), WORKER, {"type": "trained", "course": "c", "hours": 2**32}), E.OutOfRange, "volunteer")
row("Volunteer.apply trained hours -1", "Volunteer.apply", lambda v: record(v, t("2026-03-02"), WORKER, {"type": "trained", "course": "c", "hours": -1}), (E.OutOfRange, E.MalformedData), "volunteer")
row("Volunteer.apply naive datetime", "Volunteer.apply", lambda v: record(v, dt.datetime(2026, 3, 2), WORKER, {"type": "screened", "passed": True}), TypeError, "volunteer")
row("Volunteer.apply actor cyclic", "Volunteer.apply", lambda v: record(v, t("2026-03-02"), cyclic_dict(), {"type": "screened", "passed": True}), E.CyclicInput, "volunteer")
row("Volunteer.apply out of order", "Volunteer.apply", lambda v: record(v, t("2020-03-02"), WORKER, {"type": "screened", "passed": True}), E.ShegongError, "volunteer")
row("Volunteer.start id number as int", "Volunteer.start", lambda _: register_volunteer("v", registration(id_number=int(BAD_ID)), t("2026-03-01"), WORKER), E.ShegongError)
row("Volunteer.start id number in gender", "Volunteer.start", lambda _: register_volunteer("v", registration(gender=ID), t("2026-03-01"), WORKER), E.MalformedData)
row("Volunteer.start id number in age", "Volunteer.start", lambda _: register_volunteer("v", registration(age=ID), t("2026-03-01"), WORKER), E.MalformedData)
row("Volunteer.start bad id number", "Volunteer.start", lambda _: register_volunteer("v", registration(id_number=BAD_ID), t("2026-03-01"), WORKER), E.ShegongError)
row("Volunteer.start bad phone", "Volunteer.start", lambda _: register_volunteer("v", registration(phone="1380013123"), t("2026-03-01"), WORKER), E.ShegongError)
row("Volunteer.start phone as int", "Volunteer.start", lambda _: register_volunteer("v", registration(phone=int(PHONE)), t("2026-03-01"), WORKER), E.MalformedData)
row("Volunteer.start unknown position", "Volunteer.start", lambda _: register_volunteer("v", registration(positions=["astronaut"]), t("2026-03-01"), WORKER), E.MalformedData)
row("Volunteer.start deep", "Volunteer.start", lambda _: register_volunteer("v", deep_dict(100_000), t("2026-03-01"), WORKER), E.LimitExceeded)
row("Volunteer.replay edited", "Volunteer.replay", lambda _: shegong.Volunteer.replay(None), E.MalformedData)
row("Volunteer.from_json truncated", "Volunteer.from_json", lambda _: shegong.Volunteer.from_json(fresh_volunteer().to_json()[:40]), E.MalformedData)
row("Volunteer.agreement_status_on datetime", "Volunteer.agreement_status_on", lambda v: v.agreement_status_on(t("2026-03-02")), TypeError, "volunteer")
row("Volunteer.viewer unknown position", "Volunteer.viewer", lambda v: v.viewer("astronaut", dt.date(2026, 3, 2)), E.MalformedData, "volunteer")
row("Volunteer.viewer unknown purpose", "Volunteer.viewer", lambda v: v.viewer("general", dt.date(2026, 3, 2), "curiosity"), E.UnknownValue, "volunteer")
row("Volunteer.viewer purpose None", "Volunteer.viewer", lambda v: v.viewer("general", dt.date(2026, 3, 2), None), TypeError, "volunteer")
row("Volunteer.viewer datetime", "Volunteer.viewer", lambda v: v.viewer("general", t("2026-03-02")), TypeError, "volunteer")
row("Volunteer.viewer date as text 2026-02-30", "Volunteer.viewer", lambda v: v.viewer("general", "2026-02-30"), TypeError, "volunteer")
row("Volunteer.viewer date 0001-01-01", "Volunteer.viewer", lambda v: v.viewer("general", dt.date.min), SAFE, "volunteer")
row("Volunteer.viewer date 9999-12-31", "Volunteer.viewer", lambda v: v.viewer("general", dt.date.max), SAFE, "volunteer")


def _denied(decision, rule):
    """The decision, when it denies by `rule`; an AssertionError (a failed row) otherwise."""
    if decision["outcome"] != "deny" or decision.get("rule") != rule:
        raise AssertionError(f"expected a denial by {rule}, got {decision}")
    return decision


# [volunteer-kinds]: a position the volunteer never registered builds a viewer, which is denied.
row("Volunteer.viewer acting_as a position not registered", "Volunteer.viewer",
    lambda v: _denied(shegong.Access().decide(v.viewer("medical", dt.date(2026, 3, 2)), "service_record", "client_name",
                                              {"id": "c-1", "groups": []}), "volunteer-kinds"), SAFE, "volunteer")

# -- Access, records -----------------------------------------------------------------------
RECORD = {"kind": "daily_summary", "date": dt.date(2026, 3, 5), "entries": []}
# A viewer dict is a staff viewer the platform asserts: {id, role, groups}, never a volunteer.
VIEWER = {"id": "w-1", "role": "worker", "groups": []}
# The format-1 volunteer viewer a caller used to write: refused, whatever it claims.
CLAIMED = {"acquaintances": [], "agreement": "in_force", "agreement_covers_clients": True, "groups": ["G-1"], "id": "v",
           "role": "medical_volunteer"}
SUBJECT = {"id": "c-1", "groups": ["G-1"]}
row("Access.redact 7000-deep record", "Access.redact", lambda _: shegong.Access().redact(VIEWER, deep_list(7000), SUBJECT), E.LimitExceeded)
row("Access.redact self-containing record", "Access.redact", lambda _: shegong.Access().redact(VIEWER, cyclic_dict(), SUBJECT), E.CyclicInput)
row("Access.redact record is a set", "Access.redact", lambda _: shegong.Access().redact(VIEWER, {1}, SUBJECT), TypeError)
row("Access.decide viewer None", "Access.decide", lambda _: shegong.Access().decide(None, "service_record", "client_name", SUBJECT), E.MalformedData)
row("Access.decide unknown record kind", "Access.decide", lambda _: shegong.Access().decide(VIEWER, "nope", "client_name", SUBJECT), E.MalformedData)
row("Access.decide volunteer role claimed in a dict", "Access.decide",
    lambda _: shegong.Access().decide({"id": "v", "role": "medical_volunteer", "groups": ["G-1"]}, "service_record", "client_name", SUBJECT), E.MalformedData)
row("Access.decide format-1 volunteer viewer with an agreement in force", "Access.decide",
    lambda _: shegong.Access().decide(CLAIMED, "service_record", "needs.medical", SUBJECT), E.MalformedData)
row("Access.redact volunteer role claimed in a dict", "Access.redact",
    lambda _: shegong.Access().redact(CLAIMED, RECORD, SUBJECT), E.MalformedData)
row("Access.decide staff dict claiming an agreement", "Access.decide",
    lambda _: shegong.Access().decide(dict(VIEWER, role="resident", agreement="in_force"), "service_record", "client_name", SUBJECT), E.MalformedData)
row("Access.decide unknown role", "Access.decide",
    lambda _: shegong.Access().decide(dict(VIEWER, role="director"), "service_record", "client_name", SUBJECT), E.MalformedData)
row("Access.decide viewer is a Volunteer", "Access.decide",
    lambda _: shegong.Access().decide(fresh_volunteer(), "service_record", "client_name", SUBJECT), TypeError)
row("Access.decide viewer id number in groups", "Access.decide",
    lambda _: shegong.Access().decide(dict(VIEWER, groups=ID), "service_record", "client_name", SUBJECT), E.MalformedData)
row("Viewer.staff volunteer role", "Viewer.staff", lambda _: shegong.Viewer.staff("v", "psychological_volunteer", ["G-1"]), E.MalformedData)
row("Viewer.staff unknown role", "Viewer.staff", lambda _: shegong.Viewer.staff("v", "director"), E.MalformedData)
row("Viewer.staff groups a str", "Viewer.staff", lambda _: shegong.Viewer.staff("v", "worker", "G-1"), TypeError)
row("Viewer built directly", "Viewer", lambda _: shegong.Viewer(), TypeError)
row("Access unknown view", "Access", lambda _: shegong.Access(view="everyone"), E.MalformedData)
row("validate_record unknown kind", "validate_record", lambda _: shegong.validate_record({"kind": "nope"}), E.MalformedData)
row("validate_record 2026-02-30", "validate_record", lambda _: shegong.validate_record(dict(RECORD, date="2026-02-30")), E.MalformedData)
row("validate_record year 9999", "validate_record", lambda _: shegong.validate_record(dict(RECORD, date=dt.date(9999, 12, 31))), SAFE)
row("validate_record date int", "validate_record", lambda _: shegong.validate_record(dict(RECORD, date=20260305)), E.MalformedData)
row("validate_record entries dict", "validate_record", lambda _: shegong.validate_record(dict(RECORD, entries={})), E.MalformedData)
row("validate_record unknown field", "validate_record", lambda _: shegong.validate_record(dict(RECORD, summry="x")), E.MalformedData)
row("validate_record offset-less instant", "validate_record", lambda _: shegong.validate_record({"kind": "consultation_record", "recorded_at": "2026-03-06T10:00:00"}), TypeError)
row("validate_record deep", "validate_record", lambda _: shegong.validate_record(deep_dict(100_000)), E.LimitExceeded)
row("validate_record cyclic", "validate_record", lambda _: shegong.validate_record(cyclic_dict()), E.CyclicInput)
row("validate_record tuple", "validate_record", lambda _: shegong.validate_record(("kind", "daily_summary")), E.MalformedData)
row("validate_record phone in a date", "validate_record", lambda _: shegong.validate_record(dict(RECORD, date=PHONE)), E.MalformedData)
row("record_fields unknown kind", "record_fields", lambda _: shegong.record_fields("nope"), E.MalformedData)
row("record_schema unknown kind", "record_schema", lambda _: shegong.record_schema(ID), E.MalformedData)
row("record_kinds with an argument", "record_kinds", lambda _: shegong.record_kinds(1), TypeError)
row("zh_labels with an argument", "zh_labels", lambda _: shegong.zh_labels(1), TypeError)
row("age_groups datetime", "age_groups", lambda _: shegong.age_groups(t("1948-03-02"), dt.date(2026, 1, 1)), TypeError)
row("default_retention with an argument", "default_retention", lambda _: shegong.default_retention(1), TypeError)
row("retain_until bad policies", "retain_until", lambda _: shegong.retain_until([1], "service_record", dt.date(2026, 1, 1)), E.MalformedData)
row("past_retention records cyclic", "past_retention", lambda _: shegong.past_retention(shegong.default_retention(), cyclic_list(), dt.date(2026, 1, 1)), E.CyclicInput)
row("prioritise bad items", "prioritise", lambda _: shegong.prioritise([{"id": 1}], NOW), E.MalformedData)
row("route bad client", "route", lambda _: shegong.route({"age": ID}, dt.date(2026, 3, 3)), E.MalformedData)
row("nickname unknown role", "nickname", lambda _: shegong.nickname("astronaut", "x"), E.MalformedData)
row("parse_nickname phone", "parse_nickname", lambda _: shegong.parse_nickname(PHONE), E.InvalidNickname)

# -- Identity, ints as arguments ---------------------------------------------------------------
row("IdNumber int", "IdNumber", lambda _: shegong.IdNumber(int(BAD_ID)), TypeError)
row("IdNumber bad check digit", "IdNumber", lambda _: shegong.IdNumber(BAD_ID), E.InvalidIdNumber)
row("IdNumber 2026-02-30 birth date", "IdNumber", lambda _: shegong.IdNumber("110105202602300011"), E.InvalidIdNumber)
row("IdNumber empty", "IdNumber", lambda _: shegong.IdNumber(""), E.InvalidIdNumber)
row("IdNumber 10 MB", "IdNumber", lambda _: shegong.IdNumber(BIG), E.InvalidIdNumber)
row("IdNumber.masked 2**64", "IdNumber.masked", lambda _: shegong.IdNumber(ID).masked(2**64, 1), E.OutOfRange)
row("IdNumber.masked -1", "IdNumber.masked", lambda _: shegong.IdNumber(ID).masked(-1, 1), E.OutOfRange)
row("IdNumber.masked 2**64-1 reveals nothing", "IdNumber.masked", lambda _: shegong.IdNumber(ID).masked(2**64 - 1, 1), SAFE)
row("IdNumber.masked 18, 0", "IdNumber.masked", lambda _: shegong.IdNumber(ID).masked(18, 0), SAFE)
row("IdNumber.expose with an argument", "IdNumber.expose", lambda _: shegong.IdNumber(ID).expose(1), TypeError)
row("Phone int", "Phone", lambda _: shegong.Phone(int(PHONE)), TypeError)
row("Phone too short", "Phone", lambda _: shegong.Phone("1380013123"), E.InvalidPhone)
row("Phone.mobile landline", "Phone.mobile", lambda _: shegong.Phone.mobile("0512-65211234"), E.InvalidPhone)
row("Phone.masked with an argument", "Phone.masked", lambda _: shegong.Phone(PHONE).masked(3), TypeError)
row("Phone.digits with an argument", "Phone.digits", lambda _: shegong.Phone(PHONE).digits(1), TypeError)
row("case_number serial 2**32", "case_number", lambda _: shegong.case_number("SZ", 2026, 2**32), E.OutOfRange)
row("case_number serial -1", "case_number", lambda _: shegong.case_number("SZ", 2026, -1), E.OutOfRange)
row("case_number year 10**100", "case_number", lambda _: shegong.case_number("SZ", 10**100, 1), E.OutOfRange)
row("next_case_number garbage issued", "next_case_number", lambda _: shegong.next_case_number("SZ", 2026, ["nope"]), E.ShegongError)
row("next_case_number after 4294967295", "next_case_number", lambda _: shegong.next_case_number("SZ", 2026, ["SZ-2026-4294967295"]), E.ShegongError)
row("next_case_number year 2**31", "next_case_number", lambda _: shegong.next_case_number("SZ", 2**31, []), E.OutOfRange)
row("consultation_count not cases", "consultation_count", lambda _: shegong.consultation_count([1], "c", "t"), TypeError)
row("event_types with an argument", "event_types", lambda _: shegong.event_types(1), TypeError)

# -- Workload --------------------------------------------------------------------------------
row("annual_hours public holidays 2**32-1", "annual_hours", lambda _: shegong.annual_hours({**shegong.annual_hours()["basis"]["params"], "public_holidays": 2**32 - 1}), E.ShegongError)
row("annual_hours public holidays 2**64", "annual_hours", lambda _: shegong.annual_hours({**shegong.annual_hours()["basis"]["params"], "public_holidays": 2**64}), E.OutOfRange)
row("annual_hours params cyclic", "annual_hours", lambda _: shegong.annual_hours(cyclic_dict()), E.CyclicInput)
row("annual_hours params nan", "annual_hours", lambda _: shegong.annual_hours({"public_holidays": float("nan")}), E.OutOfRange)
row("annual_hours_from_calendar year 2**31", "annual_hours_from_calendar", lambda _: shegong.annual_hours_from_calendar(shegong.Calendar.china(), 2**31), E.OutOfRange)
row("annual_hours_from_calendar leave -1", "annual_hours_from_calendar", lambda _: shegong.annual_hours_from_calendar(shegong.Calendar.china(), 2026, -1), E.OutOfRange)
# Absurd but exact: (248 - 5) days × 4294967295 h, no wrap (test_boundary checks the number).
row("annual_hours_from_calendar hours 2**32-1", "annual_hours_from_calendar", lambda _: shegong.annual_hours_from_calendar(shegong.Calendar.china(), 2026, 5, 2**32 - 1), SAFE)
row("direct_share percent 2**32", "direct_share", lambda _: shegong.direct_share(shegong.annual_hours(), 2**32), E.OutOfRange)
row("direct_share minutes 2**62", "direct_share", lambda _: shegong.direct_share(dict(shegong.annual_hours(), minutes=2**62)), E.ShegongError)
row("direct_share annual None", "direct_share", lambda _: shegong.direct_share(None), E.MalformedData)
row("reference_table with an argument", "reference_table", lambda _: shegong.reference_table(1), TypeError)
row("standard_plan staff -1", "standard_plan", lambda _: shegong.standard_plan("p", -1, []), E.OutOfRange)
row("standard_plan lines cyclic", "standard_plan", lambda _: shegong.standard_plan("p", 1, cyclic_list()), E.CyclicInput)
row("evaluate_plan garbage", "evaluate_plan", lambda _: shegong.evaluate_plan({"name": 1}), E.MalformedData)
row("actual_counts garbage", "actual_counts", lambda _: shegong.actual_counts([1], [], t("2026-01-01"), t("2026-12-31")), TypeError)
row("compare garbage", "compare", lambda _: shegong.compare({}, {}), E.MalformedData)
row("check_supervision garbage", "check_supervision", lambda _: shegong.check_supervision([{"kind": "nope"}]), E.MalformedData)
SUPERVISION = {"date": dt.date(2026, 3, 10), "kind": "individual", "supervisor": "s-wang", "supervisor_type": "local", "years_of_practice": 10,
               "supervisees": ["w-1"], "minutes": 90, "fee_per_hour_fen": 20000, "topic": "个案", "confirmed_by": "s-wang",
               "confirmed_on": dt.date(2026, 3, 11)}
row("total_supervision garbage", "total_supervision", lambda _: shegong.total_supervision([{"kind": "nope"}]), E.MalformedData)
row("total_supervision one record, not a list", "total_supervision", lambda _: shegong.total_supervision(SUPERVISION), E.MalformedData)
row("total_supervision fee 2**64", "total_supervision", lambda _: shegong.total_supervision([dict(SUPERVISION, fee_per_hour_fen=2**64)]), E.OutOfRange)
row("total_supervision negative fee", "total_supervision", lambda _: shegong.total_supervision([dict(SUPERVISION, fee_per_hour_fen=-1)]), E.ShegongError)
row("total_supervision confirmed 2026-02-30", "total_supervision", lambda _: shegong.total_supervision([dict(SUPERVISION, confirmed_on="2026-02-30")]), E.MalformedData)
row("total_supervision 2**62 fee", "total_supervision", lambda _: shegong.total_supervision([dict(SUPERVISION, fee_per_hour_fen=2**62, minutes=2**31)] * 3), SAFE)
row("check_supervision confirmed_on an int", "check_supervision", lambda _: shegong.check_supervision(dict(SUPERVISION, confirmed_on=20260311)), E.MalformedData)
row("check_budget fee 2**62", "check_budget", lambda _: shegong.check_budget([{"kind": "group", "sessions": 2, "minutes": 120, "supervisees": 5, "supervisor_type": "overseas", "years_of_practice": 3, "fee_per_hour_fen": 2**62}]), E.ShegongError)
row("check_budget fee 2**64", "check_budget", lambda _: shegong.check_budget([{"kind": "group", "sessions": 2, "minutes": 120, "supervisees": 5, "supervisor_type": "overseas", "years_of_practice": 3, "fee_per_hour_fen": 2**64}]), E.OutOfRange)
row("fee_cap years -1", "fee_cap", lambda _: shegong.fee_cap("local", -1), E.OutOfRange)
row("fee_cap unknown type", "fee_cap", lambda _: shegong.fee_cap("martian", 3), E.MalformedData)
row("check_staffing garbage", "check_staffing", lambda _: shegong.check_staffing({"id": 1}), E.MalformedData)
row("total_hours garbage", "total_hours", lambda _: shegong.total_hours([{"volunteer_id": 1}], dt.date(2026, 1, 1), dt.date(2026, 2, 1)), E.MalformedData)

# -- Calendar, rules --------------------------------------------------------------------------
CAL = shegong.Calendar.china
row("Calendar.add_workdays 2**63", "Calendar.add_workdays", lambda _: CAL().add_workdays(dt.date(2026, 1, 5), 2**63), E.OutOfRange)
row("Calendar.add_workdays 2**62", "Calendar.add_workdays", lambda _: CAL().add_workdays(dt.date(2026, 1, 5), 2**62), E.CalendarRangeError)
row("Calendar.add_workdays_checked -2**62", "Calendar.add_workdays_checked", lambda _: CAL().add_workdays_checked(dt.date(2026, 1, 5), -2**62), E.CalendarRangeError)
row("Calendar.add_workdays_many 10**100", "Calendar.add_workdays_many", lambda _: CAL().add_workdays_many([dt.date(2026, 1, 5)], 10**100), E.OutOfRange)
row("Calendar.is_workday 1900", "Calendar.is_workday", lambda _: CAL().is_workday(dt.date(1900, 1, 1)), E.CalendarRangeError)
row("Calendar.is_workday 9999", "Calendar.is_workday", lambda _: CAL().is_workday(dt.date(9999, 12, 31)), E.CalendarRangeError)
row("Calendar.is_workday str", "Calendar.is_workday", lambda _: CAL().is_workday("2026-01-05"), TypeError)
row("Calendar.day datetime", "Calendar.day", lambda _: CAL().day(t("2026-01-05")), TypeError)
row("Calendar.workdays_in_year 2**31", "Calendar.workdays_in_year", lambda _: CAL().workdays_in_year(2**31), E.OutOfRange)
row("Calendar.workdays_in_year 1900", "Calendar.workdays_in_year", lambda _: CAL().workdays_in_year(1900), E.CalendarRangeError)
row("Calendar.year_facts 9999", "Calendar.year_facts", lambda _: CAL().year_facts(9999), E.CalendarRangeError)
row("Calendar.workdays_between 1900", "Calendar.workdays_between", lambda _: CAL().workdays_between(dt.date(1900, 1, 1), dt.date(2026, 1, 1)), E.CalendarRangeError)
row("Calendar.workdays_between_checked 9999", "Calendar.workdays_between_checked", lambda _: CAL().workdays_between_checked(dt.date(2026, 1, 1), dt.date(9999, 1, 1)), E.CalendarRangeError)
row("Calendar.workdays_between_many lengths", "Calendar.workdays_between_many", lambda _: CAL().workdays_between_many([dt.date(2026, 1, 1)], []), E.ShegongError)
row("Calendar.workday_on_or_after 9999", "Calendar.workday_on_or_after", lambda _: CAL().workday_on_or_after(dt.date(9999, 12, 31)), E.CalendarRangeError)
row("Calendar.workday_on_or_before 1900", "Calendar.workday_on_or_before", lambda _: CAL().workday_on_or_before(dt.date(1900, 1, 1)), E.CalendarRangeError)
row("Calendar.with_agency_days 2026-02-30", "Calendar.with_agency_days", lambda _: CAL().with_agency_days("x", [{"date": "2026-02-30"}], []), E.MalformedData)
row("Calendar.with_agency_days cyclic", "Calendar.with_agency_days", lambda _: CAL().with_agency_days("x", cyclic_list(), []), E.CyclicInput)
row("Calendar.from_json truncated", "Calendar.from_json", lambda _: shegong.Calendar.from_json(CAL().to_json()[:20]), E.ShegongError)
row("Calendar.from_json empty", "Calendar.from_json", lambda _: shegong.Calendar.from_json(""), E.ShegongError)
row("Calendar.with_provisional str", "Calendar.with_provisional", lambda _: CAL().with_provisional("yes"), TypeError)
RULES = shegong.RuleSet.preset


def huge_hours_rules():
    text = json.loads(RULES().to_json())
    for r in text["rules"]:
        r["offset"] = {"hours": 4294967295}
    return shegong.RuleSet.from_json(json.dumps(text))


row("RuleSet hours 4294967295 then obligations", "RuleSet.obligations", lambda _: huge_hours_rules().obligations(fresh_case(), CAL(), NOW), E.ShegongError)
row("RuleSet.from_json truncated", "RuleSet.from_json", lambda _: shegong.RuleSet.from_json(RULES().to_json()[:30]), E.MalformedData)
row("RuleSet.from_json hours 2**64", "RuleSet.from_json", lambda _: shegong.RuleSet.from_json(RULES().to_json().replace('"working_days": 5', f'"hours": {2**64}', 1)), E.ShegongError)
row("RuleSet.with_offset unknown rule", "RuleSet.with_offset", lambda _: RULES().with_offset("nope", {"working_days": 1}), E.RuleSetError)
row("RuleSet.with_offset working days 2**64", "RuleSet.with_offset", lambda _: RULES().with_offset("open-approval-5wd", {"working_days": 2**64}), E.OutOfRange)
row("RuleSet.with_offset cyclic", "RuleSet.with_offset", lambda _: RULES().with_offset("open-approval-5wd", cyclic_dict()), E.CyclicInput)
row("RuleSet.with_rule garbage", "RuleSet.with_rule", lambda _: RULES().with_rule({"id": 1}), E.MalformedData)
row("RuleSet.without unknown", "RuleSet.without", lambda _: RULES().without(ID), E.RuleSetError)
row("RuleSet.renamed int", "RuleSet.renamed", lambda _: RULES().renamed(1, 2), TypeError)
row("RuleSet.obligations not a case", "RuleSet.obligations", lambda _: RULES().obligations({}, CAL(), NOW), TypeError)
row("RuleSet.activity_obligations naive now", "RuleSet.activity_obligations", lambda _: RULES().activity_obligations(fresh_activity(), CAL(), dt.datetime(2026, 3, 3)), TypeError)

# -- Activity, groups, roster --------------------------------------------------------------------
row("Activity.start sessions 2**32", "Activity.start", lambda _: plan_activity(group_plan(planned_sessions=2**32), t("2026-03-01"), WORKER), E.OutOfRange)
row("Activity.start 2026-02-30", "Activity.start", lambda _: plan_activity(group_plan(date="2026-02-30"), t("2026-03-01"), WORKER), E.MalformedData)
row("Activity.start unknown kind", "Activity.start", lambda _: plan_activity(group_plan(kind="rave"), t("2026-03-01"), WORKER), E.MalformedData)
row("Activity.start deep", "Activity.start", lambda _: plan_activity(deep_list(7000), t("2026-03-01"), WORKER), E.LimitExceeded)
row("Activity.apply participants -1", "Activity.apply", lambda _: record(fresh_activity(), t("2026-03-20"), WORKER, {"type": "session_held", "number": 1, "participants": -1, "minutes": 90}), (E.OutOfRange, E.MalformedData))
row("Activity.apply unknown type", "Activity.apply", lambda _: record(fresh_activity(), t("2026-03-20"), WORKER, {"type": "teleported"}), E.MalformedData)
row("Activity.start contents budget -1", "Activity.start", lambda _: plan_activity(group_plan(contents={"purpose": "p", "budget_fen": -1}), t("2026-03-01"), WORKER), (E.OutOfRange, E.MalformedData))
row("Activity.start contents budget 2**64", "Activity.start", lambda _: plan_activity(group_plan(contents={"budget_fen": 2**64}), t("2026-03-01"), WORKER), E.OutOfRange)
row("Activity.start contents unknown field", "Activity.start", lambda _: plan_activity(group_plan(contents={"purpse": "p"}), t("2026-03-01"), WORKER), E.MalformedData)
# serde reads a struct from a sequence of its fields (as for an actor): a legal, partial plan.
row("Activity.start contents a list", "Activity.start", lambda _: plan_activity(group_plan(contents=["p"]), t("2026-03-01"), WORKER), SAFE)
row("Activity.apply member list -1", "Activity.apply", lambda _: record(fresh_activity(), t("2026-03-02"), WORKER, {"type": "member_list_filed", "members": -1}), (E.OutOfRange, E.MalformedData))
row("Activity.apply contract before list", "Activity.apply", lambda _: record(fresh_activity(), t("2026-03-02"), WORKER, {"type": "member_contract_signed", "signatures": 3}), E.ActivityRefused)
row("Activity.apply plan_revised without plan", "Activity.apply", lambda _: record(fresh_activity(), t("2026-03-02"), WORKER, {"type": "plan_revised"}), E.MalformedData)
row("Activity.replay None", "Activity.replay", lambda _: shegong.Activity.replay(None), E.MalformedData)
row("Activity.from_json empty", "Activity.from_json", lambda _: shegong.Activity.from_json(""), E.ShegongError)
row("ServiceGroup unknown kind", "ServiceGroup", lambda _: shegong.ServiceGroup("G", "rave", "x", []), E.MalformedData)
row("ServiceGroup admins cyclic", "ServiceGroup", lambda _: shegong.ServiceGroup("G", "key_accompaniment_group", "x", cyclic_list()), E.CyclicInput)
row("Roster.add_shift naive", "Roster.add_shift", lambda _: shegong.Roster("G").add_shift("s", dt.datetime(2026, 3, 6, 18), t("2026-03-06T22:00"), "general"), TypeError)
row("Roster.add_shift end before start", "Roster.add_shift", lambda _: shegong.Roster("G").add_shift("s", t("2026-03-06T22:00"), t("2026-03-06T18:00"), "general"), E.ShegongError)
row("Roster.claim unknown shift", "Roster.claim", lambda _: shegong.Roster("G").claim("nope", fresh_volunteer()), E.ShegongError)

# -- Batch -------------------------------------------------------------------------------------
row("evaluate_histories not iterable", "evaluate_histories", lambda _: shegong.evaluate_histories(42, NOW), TypeError)
row("evaluate_histories one str", "evaluate_histories", lambda _: shegong.evaluate_histories(STORED, NOW), TypeError)
row("evaluate_histories bad items give rows", "evaluate_histories", lambda _: shegong.evaluate_histories([42, b"\xff", "{", STORED.replace("开案", "改")], NOW), SAFE)
row("evaluate_histories deep dict", "evaluate_histories", lambda _: shegong.evaluate_histories([deep_dict(100_000)], NOW), E.LimitExceeded)
row("evaluate_histories cyclic dict", "evaluate_histories", lambda _: shegong.evaluate_histories([cyclic_dict()], NOW), E.CyclicInput)
row("evaluate_histories naive now", "evaluate_histories", lambda _: shegong.evaluate_histories([], dt.datetime(2026, 1, 1)), TypeError)
row("evaluate_histories generator raising", "evaluate_histories", lambda _: shegong.evaluate_histories((1 / 0 for _ in [1]), NOW), ZeroDivisionError)
row("evaluate_jsonl missing file", "evaluate_jsonl", lambda _: shegong.evaluate_jsonl("/nonexistent/h.jsonl", NOW), FileNotFoundError)
row("evaluate_jsonl JSON text is a path", "evaluate_jsonl", lambda _: shegong.evaluate_jsonl(STORED, NOW), OSError)
row("evaluate_jsonl a directory", "evaluate_jsonl", lambda _: shegong.evaluate_jsonl("/", NOW), IsADirectoryError)
row("evaluate_jsonl int", "evaluate_jsonl", lambda _: shegong.evaluate_jsonl(42, NOW), TypeError)
row("evaluate_jsonl binary file invalid utf-8", "evaluate_jsonl", lambda _: shegong.evaluate_jsonl(io.BytesIO(b"\xff\n{\n" + STORED.encode()), NOW), SAFE)
row("evaluate_jsonl read returns int", "evaluate_jsonl", lambda _: shegong.evaluate_jsonl(type("F", (), {"read": lambda self: 7})(), NOW), TypeError)

# -- Every other public function and method: called with a custom object as its argument --------
INSTANCES = {
    "Calendar": CAL, "Case": fresh_case, "RuleSet": RULES, "Activity": fresh_activity,
    "Volunteer": fresh_volunteer, "Roster": lambda: shegong.Roster("G"), "Access": shegong.Access,
    "IdNumber": lambda: shegong.IdNumber(ID), "Phone": lambda: shegong.Phone(PHONE),
    "ServiceGroup": lambda: shegong.ServiceGroup("R-3", "resident_group", "3栋居民群", [{"person_id": "grid-1", "role": "grid_worker"}]),
    "BatchResult": lambda: shegong.evaluate_histories([], NOW),
}


def public_callables():
    """Every public function, class and method (not properties) of the package."""
    names = []
    for n in shegong.__all__:
        obj = getattr(shegong, n)
        if n == "__version__" or not callable(obj) or (isinstance(obj, type) and issubclass(obj, BaseException)):
            continue
        names.append(n)
        if isinstance(obj, type):
            names += [f"{n}.{m}" for m, v in vars(obj).items()
                      if not m.startswith("_") and type(v).__name__ not in ("getset_descriptor", "member_descriptor")]
    return names


def _call_with_weird(name):
    head, _, member = name.partition(".")
    if not member:
        return getattr(shegong, head)(Weird())
    owner = getattr(shegong, head)
    if isinstance(vars(owner)[member], staticmethod) or type(vars(owner)[member]).__name__ == "builtin_function_or_method":
        return getattr(owner, member)(Weird())
    return getattr(INSTANCES[head](), member)(Weird())


_targeted = {r.target for r in ROWS}
for _name in public_callables():
    if _name not in _targeted:
        row(f"{_name} with a custom object", _name, lambda _, n=_name: _call_with_weird(n), TypeError)
