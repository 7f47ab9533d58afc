//! The shared malformed-input table (`tests/malformed/table.json`): bad inputs for every entry
//! point that reads outside data as text, each with the error kind every binding must give —
//! Rust here, Python (`bindings-python/tests/test_malformed_shared.py`), JS
//! (`bindings-wasm/tests/malformed.test.js`) and Kotlin (`bindings-mobile/tests`). Issue 16.
//!
//! The rows are generated here from valid bases by families of mutations (truncated JSON,
//! wrong types, unknown fields and enum values, impossible dates, years 1900 and 9999, huge
//! and negative numbers, empty and 10 MB strings, 100,000-deep nesting, histories with
//! duplicated, reordered or edited events); the expected kinds are what the core answers,
//! written with `UPDATE_VECTORS=1` and reviewed, then checked on every run. A row's `input` is
//! the text itself, or `{"repeat": [prefix, unit, count, suffix]}` for inputs too big to
//! store. `case_apply` rows are applied to the table's base case, which must be unchanged.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use serde_json::{json, Value};
use shegong::activity::Activity;
use shegong::calendar::Calendar;
use shegong::case::{new_event_from_json, Case};
use shegong::deadline::RuleSet;
use shegong::identity::{IdNumber, Phone};
use shegong::volunteer::Volunteer;
use shegong::{Error, ErrorKind};

/// The base case every `case_apply` row is applied to: the happy path's first six events.
fn base_case() -> Case {
    let mut events = common::happy_path().into_iter().take(6);
    let mut case = Case::start(events.next().unwrap()).unwrap();
    for e in events {
        case.apply(e).unwrap();
    }
    case
}

/// The expanded input of a row.
fn input_text(input: &Value) -> String {
    match input {
        Value::String(s) => s.clone(),
        Value::Object(o) => {
            let r = o["repeat"].as_array().unwrap();
            let n = usize::try_from(r[2].as_u64().unwrap()).unwrap();
            format!(
                "{}{}{}",
                r[0].as_str().unwrap(),
                r[1].as_str().unwrap().repeat(n),
                r[3].as_str().unwrap()
            )
        }
        other => panic!("bad input {other}"),
    }
}

/// What the core answers for one row: the error kind's code, or `"ok"`.
fn answer(entry: &str, text: &str, base: &Case) -> String {
    let r: Result<(), Error> = match entry {
        "case_from_json" => Case::from_json(text).map(drop).map_err(Error::from),
        "activity_from_json" => Activity::from_json(text).map(drop).map_err(Error::from),
        "volunteer_from_json" => Volunteer::from_json(text).map(drop).map_err(Error::from),
        "rule_set_from_json" => RuleSet::from_json(text).map(drop).map_err(Error::from),
        "calendar_from_json" => Calendar::from_json(text).map(drop).map_err(Error::from),
        "parse_event" => new_event_from_json(text).map(drop).map_err(Error::from),
        "validate_record" => shegong::assessment::Record::from_json(text)
            .map(drop)
            .map_err(Error::from),
        "id_number" => IdNumber::parse(text).map(drop).map_err(Error::from),
        "phone" => Phone::parse(text).map(drop).map_err(Error::from),
        "case_apply" => {
            let mut case = base.clone();
            let before = case.to_json().unwrap();
            let r = new_event_from_json(text)
                .and_then(|e| case.apply(e).map(drop))
                .map_err(Error::from);
            if r.is_err() {
                assert_eq!(
                    case.to_json().unwrap(),
                    before,
                    "a refused event changed the case"
                );
            }
            r
        }
        other => panic!("unknown entry {other}"),
    };
    match r {
        Ok(()) => "ok".to_owned(),
        Err(e) => {
            assert!(ErrorKind::ALL.contains(&e.kind()));
            e.code().to_owned()
        }
    }
}

fn vector(rel: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(rel);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A copy of `base` with the value at JSON pointer `at` replaced.
fn with(base: &Value, at: &str, v: Value) -> String {
    let mut x = base.clone();
    *x.pointer_mut(at).unwrap_or_else(|| panic!("no {at}")) = v;
    x.to_string()
}

/// The rows: (name, entry, input).
fn rows() -> Vec<(String, &'static str, Value)> {
    let mut out: Vec<(String, &'static str, Value)> = Vec::new();
    let mut add = |name: String, entry: &'static str, input: Value| out.push((name, entry, input));
    let case: Value = serde_json::from_str(&base_case().to_json().unwrap()).unwrap();
    let activity = vector("deadline/group-activity.json")["activity"].clone();
    let volunteer =
        vector("volunteer/access-decisions.json")["volunteers"]["general-in_force"].clone();
    let rules = serde_json::to_value(RuleSet::preset()).unwrap();
    let calendar = json!({"format": 1, "base": "cn-official", "provisional": false,
        "closures": [{"date": "2026-03-06", "note": "培训"}], "extra_workdays": []});
    let event = serde_json::to_value(&common::happy_path()[6]).unwrap();
    let record = json!({
        "address": "某小区", "age": 35, "category": "psychological", "client_name": "陈女士",
        "gender": "female", "group": "心理咨询群", "group_chat_record": "见截图 1-3",
        "items": [{"answer": "建议规律作息", "number": 1, "question": "失眠怎么办"}],
        "kind": "consultation_record", "phone": "13700001111",
        "recorded_at": "2026-03-03T10:00:00+08:00", "recorder": "群秘书小何",
        "schema_version": 1, "serial_number": "2026-031", "server_name": "刘咨询师",
        "server_phone": "13600002222"
    });
    let bases: [(&'static str, &Value); 7] = [
        ("case_from_json", &case),
        ("activity_from_json", &activity),
        ("volunteer_from_json", &volunteer),
        ("rule_set_from_json", &rules),
        ("calendar_from_json", &calendar),
        ("parse_event", &event),
        ("case_apply", &event),
    ];
    // Every JSON entry: the valid base (so a runner that answers everything with an error
    // fails), truncations, non-objects, unknown fields, a duplicate key, deep nesting and a
    // huge string.
    for (entry, base) in bases {
        let text = base.to_string();
        add("valid base".into(), entry, json!(text));
        for k in 1..=4 {
            let cut = text
                .char_indices()
                .nth(text.chars().count() * k / 5)
                .unwrap()
                .0;
            add(format!("truncated at {k}/5"), entry, json!(text[..cut]));
        }
        for (name, s) in [
            ("empty text", ""),
            ("whitespace", "  \n"),
            ("null", "null"),
            ("an array", "[]"),
            ("an empty object", "{}"),
            ("a string", "\"{}\""),
            ("a number", "12345678901234567890"),
            ("true", "true"),
            ("two values", "{} {}"),
            ("not JSON", "format=2"),
            ("single quotes", "{'format': 2}"),
            ("trailing comma", "{\"format\": 2,}"),
        ] {
            add(name.into(), entry, json!(s));
        }
        let mut extra = base.clone();
        extra
            .as_object_mut()
            .unwrap()
            .insert("summry".into(), json!("x"));
        add(
            "unknown top-level field".into(),
            entry,
            json!(extra.to_string()),
        );
        let first_key = base.as_object().unwrap().keys().next().unwrap().clone();
        let dup = format!("{{\"{first_key}\": null, {}", &text[1..]);
        add(format!("duplicate key `{first_key}`"), entry, json!(dup));
        add(
            "100000-deep array".into(),
            entry,
            json!({"repeat": ["", "[", 100_000, ""]}),
        );
        add(
            "100000-deep object".into(),
            entry,
            json!({"repeat": ["", "{\"a\":", 100_000, "1"]}),
        );
        add(
            "invalid UTF-8 escape".into(),
            entry,
            json!(format!("{{\"\\ud800\": 1, {}", &text[1..])),
        );
        add(
            "10 MB string field".into(),
            entry,
            json!({"repeat": [format!("{{\"summry\": \""), "字", 3_500_000, format!("\", {}", &text[1..])]}),
        );
    }
    // Stored case histories: wrong types, impossible dates, numbers, edits.
    for (at, v, name) in [
        ("/format", json!(99), "a format from the future"),
        ("/format", json!(-1), "a negative format"),
        ("/format", json!("2"), "format as a string"),
        ("/format", json!(2.5), "a fractional format"),
        ("/rules", json!(4294967296u64), "rules beyond u32"),
        (
            "/head",
            json!(110105194912310021u64),
            "head as an ID number",
        ),
        ("/case_number", json!("SZ-2026-9999"), "another case number"),
        ("/case_number", json!(""), "an empty case number"),
        ("/events", json!([]), "no events"),
        ("/events", json!({}), "events as an object"),
        ("/events/0/seq", json!(0), "seq 0"),
        ("/events/0/seq", json!(18446744073709551616.0), "seq 2^64"),
        ("/events/1/seq", json!(1), "a repeated seq"),
        (
            "/events/1/occurred_at",
            json!("2026-02-30T09:00:00+08:00"),
            "February 30th",
        ),
        (
            "/events/1/occurred_at",
            json!("1900-01-01T09:00:00+08:00"),
            "year 1900",
        ),
        (
            "/events/1/occurred_at",
            json!("9999-12-31T09:00:00+08:00"),
            "year 9999",
        ),
        (
            "/events/1/occurred_at",
            json!("2026-03-02T09:00:00"),
            "an instant without offset",
        ),
        (
            "/events/1/occurred_at",
            json!("2026-03-02"),
            "a date for an instant",
        ),
        ("/events/1/occurred_at", json!(""), "an empty instant"),
        (
            "/events/1/occurred_at",
            json!(1_772_413_200),
            "an instant as a number",
        ),
        (
            "/events/1/recorded_at",
            json!("2026-03-01T09:00:00+08:00"),
            "recorded before it happened",
        ),
        ("/events/1/actor/role", json!("boss"), "an unknown role"),
        ("/events/1/actor", json!("w-li"), "an actor as a string"),
        ("/events/1/actor/id", json!(""), "an empty actor id"),
        (
            "/events/1/event/type",
            json!("teleported"),
            "an unknown event type",
        ),
        (
            "/events/1/event/type",
            json!(13800138000u64),
            "an event type as a phone number",
        ),
        ("/events/1/event", json!(null), "a null event"),
        (
            "/events/0/event/client/id",
            json!(["c"]),
            "a client id as an array",
        ),
        (
            "/events/0/event/source/kind",
            json!("walk_in"),
            "an unknown source kind",
        ),
        (
            "/events/0/event/channel",
            json!("pigeon"),
            "an unknown channel",
        ),
        ("/events/1/hash", json!("0".repeat(64)), "an edited hash"),
        (
            "/events/1/prev_hash",
            json!("0".repeat(64)),
            "an edited previous hash",
        ),
        (
            "/events/2/rules",
            json!(1),
            "an event under older rules after a newer one",
        ),
    ] {
        add(name.into(), "case_from_json", json!(with(&case, at, v)));
    }
    let events = case["events"].as_array().unwrap();
    let mut edited = case.clone();
    edited["events"][1]["event"]["summary"] = json!("改过的记录");
    add(
        "an edited event".into(),
        "case_from_json",
        json!(edited.to_string()),
    );
    let mut swapped = case.clone();
    swapped["events"].as_array_mut().unwrap().swap(2, 3);
    add(
        "two events swapped".into(),
        "case_from_json",
        json!(swapped.to_string()),
    );
    let mut doubled = case.clone();
    doubled["events"]
        .as_array_mut()
        .unwrap()
        .insert(3, events[2].clone());
    add(
        "an event duplicated".into(),
        "case_from_json",
        json!(doubled.to_string()),
    );
    let mut dropped = case.clone();
    dropped["events"].as_array_mut().unwrap().remove(2);
    add(
        "an event removed".into(),
        "case_from_json",
        json!(dropped.to_string()),
    );
    let mut truncated = case.clone();
    truncated["events"].as_array_mut().unwrap().pop();
    add(
        "the last event removed".into(),
        "case_from_json",
        json!(truncated.to_string()),
    );
    // Activities, volunteers, rule sets, calendars: type and value faults.
    for (entry, base, at, v, name) in [
        (
            "activity_from_json",
            &activity,
            "/format",
            json!(3),
            "a format from the future",
        ),
        (
            "activity_from_json",
            &activity,
            "/id",
            json!(7),
            "an id as a number",
        ),
        (
            "activity_from_json",
            &activity,
            "/events/0/event/type",
            json!("party"),
            "an unknown event type",
        ),
        (
            "activity_from_json",
            &activity,
            "/events/0/event/plan",
            json!("plan"),
            "a plan as a string",
        ),
        (
            "activity_from_json",
            &activity,
            "/events/1/occurred_at",
            json!("2026-13-01T09:00:00+08:00"),
            "month 13",
        ),
        (
            "activity_from_json",
            &activity,
            "/events/1/hash",
            json!("x"),
            "an edited hash",
        ),
        (
            "activity_from_json",
            &activity,
            "/head",
            json!("0".repeat(64)),
            "another head",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/format",
            json!(0),
            "format 0",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/events/0/event/type",
            json!("promoted"),
            "an unknown event type",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/events/0/event/registration",
            json!([]),
            "a registration as an array",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/events/1/occurred_at",
            json!("2026-02-29T09:00:00+08:00"),
            "February 29th 2026",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/events/1/seq",
            json!(-2),
            "a negative seq",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/id",
            json!(""),
            "an empty id",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/head",
            json!("f".repeat(64)),
            "another head",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules/0/offset",
            json!({"working_days": -5}),
            "a negative offset",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules/0/offset",
            json!({"working_days": 4294967296u64}),
            "an offset beyond u32",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules/0/offset",
            json!({"hours": 4294967295u32}),
            "an offset of u32::MAX hours",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules/0/offset",
            json!({"fortnights": 1}),
            "an unknown offset unit",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules/0/offset",
            json!({}),
            "an empty offset",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules/0/id",
            json!(""),
            "an empty rule id",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules/1/id",
            rules["rules"][0]["id"].clone(),
            "a rule id twice",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules",
            json!({}),
            "rules as an object",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/rules/0/owed_by",
            json!("boss"),
            "an unknown role",
        ),
        (
            "rule_set_from_json",
            &rules,
            "/name",
            json!(null),
            "a null name",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/base",
            json!("mars"),
            "an unknown base",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/base",
            json!("13800138000"),
            "a phone as the base",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/format",
            json!(99),
            "a format from the future",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("2026-02-30"),
            "February 30th",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("1900-01-01"),
            "year 1900",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("9999-12-31"),
            "year 9999",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("20260306"),
            "a date without dashes",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!(""),
            "an empty date",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("2026-3-6"),
            "a date without leading zeros",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("+2026-03-06"),
            "a date with a sign",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!(" 2026-03-06"),
            "a date after a space",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("2026-03-06\n"),
            "a date before a newline",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("2026 -03-06"),
            "a date with a space inside",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/closures/0/date",
            json!("2026-03-06T00:00:00+08:00"),
            "an instant for a date",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/events/3/event/agreement/effective_from",
            json!("2026-3-5"),
            "a date without leading zeros (the chain hashes the date as 2026-03-05)",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/events/3/event/agreement/effective_from",
            json!("+2026-03-05"),
            "a date with a sign (the chain hashes the date as 2026-03-05)",
        ),
        (
            "volunteer_from_json",
            &volunteer,
            "/events/3/event/agreement/effective_from",
            json!(" 2026-03-05"),
            "a date after a space (the chain hashes the date as 2026-03-05)",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/extra_workdays",
            json!([{"date": "2026-03-06", "note": ""}]),
            "a day closed and worked",
        ),
        (
            "calendar_from_json",
            &calendar,
            "/provisional",
            json!("yes"),
            "provisional as a string",
        ),
        (
            "parse_event",
            &event,
            "/event/type",
            json!("teleported"),
            "an unknown event type",
        ),
        (
            "parse_event",
            &event,
            "/event/type",
            json!(""),
            "an empty event type",
        ),
        (
            "parse_event",
            &event,
            "/occurred_at",
            json!("2026-02-30T09:00:00+08:00"),
            "February 30th",
        ),
        (
            "parse_event",
            &event,
            "/occurred_at",
            json!("2026-03-02T25:00:00+08:00"),
            "hour 25",
        ),
        (
            "parse_event",
            &event,
            "/occurred_at",
            json!("2026-03-02T09:00:00+25:00"),
            "offset +25:00",
        ),
        (
            "parse_event",
            &event,
            "/actor/role",
            json!(""),
            "an empty role",
        ),
        (
            "parse_event",
            &event,
            "/actor",
            json!({"id": "w-li"}),
            "an actor without a role",
        ),
        (
            "parse_event",
            &event,
            "/event",
            json!({"type": "opened"}),
            "a known type missing its fields",
        ),
        (
            "case_apply",
            &event,
            "/occurred_at",
            json!("2026-03-01T09:00:00+08:00"),
            "dated before the last event",
        ),
        (
            "case_apply",
            &event,
            "/occurred_at",
            json!("9999-12-31T09:00:00+08:00"),
            "year 9999",
        ),
        (
            "case_apply",
            &event,
            "/event",
            json!({"type": "closing_decided", "decision": {"outcome": "approved"}}),
            "a closing decision in the wrong stage",
        ),
        (
            "case_apply",
            &event,
            "/event",
            json!({"type": "received", "case_number": "SZ-2026-0001", "channel": "phone", "client": {"id": "c"}, "source": {"kind": "voluntary"}, "topic": "t"}),
            "a second received",
        ),
        (
            "case_apply",
            &event,
            "/event/type",
            json!("teleported"),
            "an unknown event type",
        ),
    ] {
        add(name.into(), entry, json!(with(base, at, v)));
    }
    // Records: only JSON a Python dict can hold (no syntax faults, no duplicate keys).
    for (at, v, name) in [
        ("/kind", json!("diary"), "an unknown record kind"),
        ("/kind", json!(null), "a null kind"),
        ("/age", json!(-1), "a negative age"),
        (
            "/age",
            json!(110105194912310021u64),
            "an ID number as the age",
        ),
        ("/age", json!("35"), "an age as a string"),
        ("/gender", json!("13800138000"), "a phone as the gender"),
        ("/phone", json!(13700001111u64), "a phone as a number"),
        (
            "/recorded_at",
            json!("2026-02-30T10:00:00+08:00"),
            "February 30th",
        ),
        ("/items", json!({}), "items as an object"),
        ("/items/0/number", json!("一"), "an item number as a string"),
        (
            "/items/0/number",
            json!(4294967296u64),
            "an item number beyond u32",
        ),
        (
            "/schema_version",
            json!(99),
            "a schema version from the future",
        ),
        ("/client_name", json!(""), "an empty client name"),
        ("/category", json!("astrology"), "an unknown category"),
    ] {
        add(name.into(), "validate_record", json!(with(&record, at, v)));
    }
    add(
        "valid record".into(),
        "validate_record",
        json!(record.to_string()),
    );
    // ID numbers and phones.
    for (s, name) in [
        ("11010519491231002X", "valid"),
        ("110105194912310021", "wrong check digit"),
        ("11010519491231002", "17 characters"),
        ("1101051949123100211", "19 characters"),
        ("", "empty"),
        ("11010519490230002X", "February 30th"),
        ("11010519000101002X", "year 1900"),
        ("11010599991231002X", "year 9999"),
        ("ABCDEFGHIJKLMNOPQR", "letters"),
        ("１１０１０５１９４９１２３１００２X", "full-width digits"),
        ("110105 19491231 002X", "spaces inside"),
        ("000000194912310020", "region 000000"),
    ] {
        add(format!("ID number: {name}"), "id_number", json!(s));
    }
    for (s, name) in [
        ("13800138000", "valid mobile"),
        ("12", "too short"),
        ("", "empty"),
        ("1380013800", "10 digits"),
        ("138001380000", "12 digits"),
        ("23800138000", "starts with 2"),
        ("1380013800x", "a letter"),
        ("+86 13800138000", "valid with +86"),
        ("010-12345678", "valid landline"),
        ("99999999999999999999", "20 digits"),
    ] {
        add(format!("phone: {name}"), "phone", json!(s));
    }
    out
}

#[test]
fn the_shared_malformed_table_gives_these_kinds_in_rust() {
    let base = base_case();
    let mut table = Vec::new();
    for (name, entry, input) in rows() {
        let expect = answer(entry, &input_text(&input), &base);
        table.push(json!({"name": name, "entry": entry, "input": input, "expect": expect}));
    }
    // A base that is itself refused would make every row of its entry test only that fault
    // (the calendar's base named an unknown field, `duty_days`, until the date rows showed it).
    for row in table.iter().filter(|r| r["name"] == "valid base") {
        assert_eq!(
            row["expect"], "ok",
            "the base of {} is refused",
            row["entry"]
        );
    }
    let bad = table.iter().filter(|r| r["expect"] != "ok").count();
    assert!(bad >= 150, "only {bad} bad inputs");
    let doc = json!({
        "format": 1,
        "description": "Bad inputs for every entry point that reads outside data as text, with the error kind (its code, or \"ok\" for the valid bases) every binding must give. `input` is the text, or {\"repeat\": [prefix, unit, count, suffix]}. `case_apply` rows are events applied to `base_case`, which must be unchanged after each refusal.",
        "base_case": serde_json::from_str::<Value>(&base.to_json().unwrap()).unwrap(),
        "rows": table,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/malformed/table.json");
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    } else {
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(on_disk == text, "tests/malformed/table.json is stale: run `UPDATE_VECTORS=1 cargo test --test malformed_table` and review the diff");
    }
}

#[test]
fn the_checked_in_table_replays_in_rust() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return;
    }
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/malformed/table.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let base = Case::from_json(&doc["base_case"].to_string()).unwrap();
    for row in doc["rows"].as_array().unwrap() {
        let got = answer(
            row["entry"].as_str().unwrap(),
            &input_text(&row["input"]),
            &base,
        );
        assert_eq!(got, row["expect"], "{}: {}", row["entry"], row["name"]);
    }
    common::vectors::replayed("malformed", "table.json");
}
