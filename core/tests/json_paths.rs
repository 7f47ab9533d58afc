//! Errors below an internally tagged enum name their whole JSON path (issue 11, item 2):
//! serde's buffering of `#[serde(tag = "…")]` enums used to cut the path at the enum, so a
//! bad field inside an event was reported at `events[4].event`. Each test is named after the
//! defect it covers.

// Helpers below are test code too; clippy.toml only exempts `#[test]` functions.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use serde_json::{json, Value};
use shegong::assessment::{AssessmentError, Record, RetentionPolicy};
use shegong::case::{new_event_from_json, Case, CaseError, EventKind};
use shegong::json::{self, JsonError};
use shegong::ErrorKind;

/// No run of 11 or more digits: no 15- or 18-digit ID number, no 11-digit mobile phone.
fn assert_no_identifiers(msg: &str) {
    let mut run = 0;
    for c in msg.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        assert!(run < 11, "message repeats a long digit run: {msg}");
    }
}

/// The intact stored history of the vectors: event 4 gives a consent, event 7 decides.
fn stored() -> Value {
    let text = include_str!("../../tests/vectors/case/stored-histories.json");
    let v: Value = serde_json::from_str(text).unwrap();
    let h = &v["histories"][0];
    assert_eq!(h["name"], "intact");
    assert_eq!(h["stored"]["events"][4]["event"]["type"], "consent_given");
    h["stored"].clone()
}

/// The JSON error of a stored case that `edit` broke; its message never repeats an ID.
fn case_error(edit: impl FnOnce(&mut Value)) -> JsonError {
    let mut v = stored();
    edit(&mut v);
    let e = Case::from_json(&v.to_string()).unwrap_err();
    assert_no_identifiers(&e.to_string());
    match e {
        CaseError::Json(e) => {
            assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
            e
        }
        other => panic!("not a JSON error: {other:?}"),
    }
}

fn record_error(edit: impl FnOnce(&mut Value)) -> JsonError {
    let mut rec = json!({
        "address": "某小区", "age": 35, "category": "psychological", "client_name": "陈女士",
        "gender": "female", "group": "心理咨询群", "group_chat_record": "见截图 1-3",
        "items": [{"answer": "建议规律作息", "number": 1, "question": "失眠怎么办"}],
        "kind": "consultation_record", "phone": "13700001111",
        "recorded_at": "2026-03-03T10:00:00+08:00", "recorder": "群秘书小何",
        "schema_version": 1, "serial_number": "2026-031", "server_name": "刘咨询师",
        "server_phone": "13600002222"
    });
    Record::from_json(&rec.to_string()).unwrap();
    edit(&mut rec);
    let e = Record::from_json(&rec.to_string()).unwrap_err();
    assert_no_identifiers(&e.to_string());
    match e {
        AssessmentError::Json(e) => e,
        other => panic!("not a JSON error: {other:?}"),
    }
}

#[test]
fn wrong_type_below_the_event_tag_lost_its_path() {
    let e = case_error(|v| v["events"][4]["event"]["consent"]["purpose"]["kind"] = json!(5));
    assert_eq!(e.path(), "events[4].event.consent.purpose.kind", "{e}");
    assert_eq!(
        e.to_string(),
        "malformed case history at `events[4].event.consent.purpose.kind`: \
         expected a string, found an integer (for `type` `consent_given`)"
    );
    let e = case_error(|v| v["events"][4]["event"]["consent"]["purpose"]["kind"] = json!("servce"));
    assert_eq!(e.path(), "events[4].event.consent.purpose.kind", "{e}");
    assert!(
        e.to_string().ends_with(
            "unknown variant `servce`, expected one of `service`, `referral`, `sharing` \
             (for `type` `consent_given`)"
        ),
        "{e}"
    );
    let e = case_error(|v| v["events"][4]["event"]["consent"]["capacity"] = json!(true));
    assert_eq!(e.path(), "events[4].event.consent.capacity", "{e}");
    let e = case_error(|v| v["events"][7]["event"]["decision"]["comments"] = json!(["x"]));
    assert_eq!(e.path(), "events[7].event.decision.comments", "{e}");
    assert!(
        e.to_string()
            .ends_with("expected a string, found an array (for `outcome` `approved`)"),
        "{e}"
    );
    let e = case_error(|v| {
        v["events"][0]["event"]["source"] =
            json!({"kind": "referred_in", "referrer": "派出所", "referrer_kind": "polce"})
    });
    assert_eq!(e.path(), "events[0].event.source.referrer_kind", "{e}");
    // A missing field is reported at the object that lacks it.
    let e = case_error(|v| {
        v["events"][0]["event"]["source"] = json!({"kind": "referred_in", "referrer": "派出所"})
    });
    assert_eq!(e.path(), "events[0].event.source", "{e}");
    assert!(
        e.to_string()
            .ends_with("missing field `referrer_kind` (for `kind` `referred_in`)"),
        "{e}"
    );
}

#[test]
fn unknown_field_inside_a_nested_tagged_struct_lost_its_path() {
    let e = case_error(|v| {
        v["events"][4]["event"]["consent"]["purpose"] =
            json!({"kind": "referral", "receiver": "区民政局", "recever": "x"})
    });
    assert_eq!(e.path(), "events[4].event.consent.purpose.recever", "{e}");
    assert!(e.to_string().contains("unknown field `recever`"), "{e}");
    // Beside a unit variant's tag too (serde's derive let these through).
    let e = case_error(|v| {
        v["events"][4]["event"]["consent"]["purpose"] = json!({"kind": "service", "note": "x"})
    });
    assert_eq!(e.path(), "events[4].event.consent.purpose.note", "{e}");
    assert!(e.to_string().contains("unknown field `note`"), "{e}");
    // In the event itself, and in a struct inside the event.
    let e = case_error(|v| v["events"][5]["event"]["mood"] = json!("x"));
    assert_eq!(e.path(), "events[5].event.mood", "{e}");
    let e = case_error(|v| v["events"][4]["event"]["consent"]["signed"] = json!(true));
    assert_eq!(e.path(), "events[4].event.consent.signed", "{e}");
    // One event to record, through its own reader.
    let mut ev = stored()["events"][4].clone();
    for k in ["hash", "prev_hash", "rules", "seq"] {
        ev.as_object_mut().unwrap().remove(k);
    }
    new_event_from_json(&ev.to_string()).unwrap();
    ev["event"]["consent"]["purpose"]["extra"] = json!(1);
    let e = new_event_from_json(&ev.to_string()).unwrap_err();
    assert!(
        e.to_string().contains("`event.consent.purpose.extra`"),
        "{e}"
    );
}

#[test]
fn unknown_tag_still_gives_its_typed_error_or_names_the_tag() {
    // [case-events] an unknown event type is still `UnknownEventKind`.
    let mut v = stored();
    v["events"][5]["event"]["type"] = json!("teleported");
    assert_eq!(
        Case::from_json(&v.to_string()).unwrap_err(),
        CaseError::UnknownEventKind {
            kind: "teleported".into(),
            path: "events[5].event.type".into(),
        }
    );
    // A nested tag names its tag field.
    let e = case_error(|v| v["events"][0]["event"]["source"] = json!({"kind": "walk_in"}));
    assert_eq!(e.path(), "events[0].event.source.kind", "{e}");
    let e = case_error(|v| v["events"][0]["event"]["source"] = json!({"referrer": "x"}));
    assert_eq!(e.path(), "events[0].event.source", "{e}");
    assert!(
        e.to_string()
            .ends_with("missing field `kind` (for `type` `received`)"),
        "{e}"
    );
    let e = case_error(|v| v["events"][0]["event"]["source"] = json!("voluntary"));
    assert_eq!(e.path(), "events[0].event.source", "{e}");
    assert!(e.to_string().contains("found a string"), "{e}");
    // An event type that is not a string.
    let e = json::from_str::<EventKind>(r#"{"type": 13800138000}"#, "event").unwrap_err();
    assert_eq!(e.path(), "type", "{e}");
    assert_no_identifiers(&e.to_string());
}

#[test]
fn record_with_a_bad_nested_field_lost_its_path() {
    let e = record_error(|r| r["items"][0]["number"] = json!("一"));
    assert_eq!(e.path(), "items[0].number", "{e}");
    assert!(
        e.to_string()
            .ends_with("found a string (for `kind` `consultation_record`)"),
        "{e}"
    );
    let e = record_error(|r| r["items"][0]["answr"] = json!("x"));
    assert_eq!(e.path(), "items[0].answr", "{e}");
    let e = record_error(|r| r["gender"] = json!("女"));
    assert_eq!(e.path(), "gender", "{e}");
    // Retention policies, tagged by `basis`.
    let e = json::from_str::<RetentionPolicy>(
        r#"{"kind": "service_record", "basis": {"basis": "agency_archive_rule", "rule": 7}}"#,
        "retention policy",
    )
    .unwrap_err();
    assert_eq!(e.path(), "basis.rule", "{e}");
}

#[test]
fn id_number_in_a_nested_wrong_field_is_never_echoed() {
    for id in [json!(110105194912310021u64), json!("110105194912310021")] {
        let e = case_error(|v| v["events"][4]["event"]["consent"]["purpose"]["kind"] = id.clone());
        assert_eq!(e.path(), "events[4].event.consent.purpose.kind", "{e}");
        let e = case_error(|v| v["events"][4]["event"]["consent"]["capacity"] = id.clone());
        assert_eq!(e.path(), "events[4].event.consent.capacity", "{e}");
        let e = record_error(|r| r["items"][0]["number"] = id.clone());
        assert_eq!(e.path(), "items[0].number", "{e}");
        let e = record_error(|r| r["kind"] = id.clone());
        assert_eq!(e.path(), "kind", "{e}");
    }
    let e = case_error(|v| v["events"][4]["event"]["consent"]["given_by"] = json!(13800138000u64));
    assert_eq!(e.path(), "events[4].event.consent.given_by", "{e}");
    assert!(
        e.to_string()
            .ends_with("expected a string, found an integer (for `type` `consent_given`)"),
        "{e}"
    );
    // A key that is an ID number is not repeated in the path either.
    let e = case_error(|v| {
        v["events"][4]["event"]["consent"]["purpose"]["110105194912310021"] = json!(1)
    });
    assert_eq!(
        e.path(),
        "events[4].event.consent.purpose[<key of 18 characters>]",
        "{e}"
    );
}

#[test]
fn serialisation_of_the_tagged_enums_is_unchanged() {
    // The stored form round-trips byte for byte (the hash chain is computed over it); the
    // vectors and fixtures under tests/ check every head.
    let text = stored().to_string();
    let case = Case::from_json(&text).unwrap();
    let again: Value = serde_json::from_str(&case.to_json().unwrap()).unwrap();
    assert_eq!(again, stored());
}

fn lifecycle_vector(path: &str) -> Value {
    let full = format!("{}/../tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(full).unwrap()).unwrap()
}

// Activity and volunteer events name the path below their `type` tag too, and a volunteer's
// ID number typed into the wrong field is never repeated.
#[test]
fn activity_and_volunteer_events_lost_their_path() {
    let v = lifecycle_vector("activity/group-life-cycle.json");
    let first = serde_json::from_value(v["steps"][0]["event"].clone()).unwrap();
    let text = shegong::activity::Activity::start(first)
        .unwrap()
        .to_json()
        .unwrap();
    let mut stored: Value = serde_json::from_str(&text).unwrap();
    stored["events"][0]["event"]["plan"]["planned_sessions"] = json!("three");
    let e = shegong::activity::Activity::from_json(&stored.to_string()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed);
    assert!(
        e.to_string()
            .contains("events[0].event.plan.planned_sessions"),
        "{e}"
    );

    let v = lifecycle_vector("volunteer-lifecycle/life-cycle.json");
    let first = serde_json::from_value(v["steps"][0]["event"].clone()).unwrap();
    let text = shegong::volunteer::Volunteer::start(first)
        .unwrap()
        .to_json()
        .unwrap();
    let mut stored: Value = serde_json::from_str(&text).unwrap();
    stored["events"][0]["event"]["registration"]["gender"] = json!("11010519491231002X");
    let e = shegong::volunteer::Volunteer::from_json(&stored.to_string()).unwrap_err();
    assert!(
        e.to_string()
            .contains("events[0].event.registration.gender"),
        "{e}"
    );
    assert_no_identifiers(&e.to_string());
}
