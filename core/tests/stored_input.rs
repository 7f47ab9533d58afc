//! Stored histories of every aggregate read through the one strict JSON entry point: limits,
//! duplicate keys and errors that never repeat an ID number or phone (issue 11). Each test is
//! named after the defect it covers.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::{json, Value};
use shegong::activity::Activity;
use shegong::case::Case;
use shegong::history::NewEvent;
use shegong::limits::MAX_HISTORY_EVENTS;
use shegong::volunteer::{Volunteer, VolunteerEvent};
use shegong::ErrorKind;

fn vector(path: &str) -> Value {
    let full = format!("{}/../tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(full).unwrap()).unwrap()
}

/// No run of 11 or more digits: no 15- or 18-digit ID number, no 11-digit mobile phone.
fn assert_no_identifiers(msg: &str) {
    let mut run = 0;
    for c in msg.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        assert!(run < 11, "message repeats a long digit run: {msg}");
    }
}

fn stored_case() -> Value {
    let v = vector("case/stored-histories.json");
    v["histories"][0]["stored"].clone()
}

fn volunteer_json() -> String {
    let v = vector("volunteer-lifecycle/life-cycle.json");
    let first: NewEvent<VolunteerEvent> =
        serde_json::from_value(v["steps"][0]["event"].clone()).unwrap();
    Volunteer::start(first).unwrap().to_json().unwrap()
}

// [records-authentic]: a stored case with a duplicated key is refused, whichever copy would
// have won.
#[test]
fn stored_case_duplicate_key_is_refused() {
    let text = stored_case().to_string();
    let dup = text.replacen("{", "{\"head\":\"00\",", 1);
    let e = Case::from_json(&dup).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
    assert!(e.to_string().contains("duplicate"), "{e}");
}

// An ID number typed where the client's name belongs is refused without repeating it.
#[test]
fn stored_case_id_number_in_wrong_field_is_never_echoed() {
    let mut v = stored_case();
    v["events"][0]["event"]["client"]["name"] = json!(110105194912310021u64);
    let e = Case::from_json(&v.to_string()).unwrap_err();
    assert_no_identifiers(&e.to_string());
    assert!(e.to_string().contains("events[0]"), "names the path: {e}");
    v["events"][0]["event"]["client"]["name"] = json!("13800138000");
    v["events"][0]["event"]["client"]["id"] = json!({ "phone": "13800138000" });
    let e = Case::from_json(&v.to_string()).unwrap_err();
    assert_no_identifiers(&e.to_string());
}

// A stored history longer than MAX_HISTORY_EVENTS is a typed limit error, before any work.
#[test]
fn stored_case_over_the_history_limit_is_limit_exceeded() {
    let mut v = stored_case();
    let event = v["events"][0].clone();
    v["events"] = Value::Array(vec![event; MAX_HISTORY_EVENTS + 1]);
    let e = Case::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{e}");
    assert!(e.to_string().contains("MAX_HISTORY_EVENTS"), "{e}");
}

#[test]
fn stored_activity_duplicate_key_and_limit_are_refused() {
    let v = vector("activity/group-life-cycle.json");
    let first = serde_json::from_value(v["steps"][0]["event"].clone()).unwrap();
    let text = Activity::start(first).unwrap().to_json().unwrap();
    let dup = text.replacen("{", "{\"id\":\"x\",", 1);
    let e = Activity::from_json(&dup).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
    let mut stored: Value = serde_json::from_str(&text).unwrap();
    let event = stored["events"][0].clone();
    stored["events"] = Value::Array(vec![event; MAX_HISTORY_EVENTS + 1]);
    let e = Activity::from_json(&stored.to_string()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded, "{e}");
}

// A volunteer's ID number given as a number is refused without repeating it.
#[test]
fn stored_volunteer_id_number_as_int_is_never_echoed() {
    let mut v: Value = serde_json::from_str(&volunteer_json()).unwrap();
    v["events"][0]["event"]["registration"]["id_number"] = json!(110105194912310021u64);
    let e = Volunteer::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
    assert_no_identifiers(&e.to_string());
    let mut v: Value = serde_json::from_str(&volunteer_json()).unwrap();
    v["events"][0]["event"]["registration"]["gender"] = json!("11010519491231002X");
    let e = Volunteer::from_json(&v.to_string()).unwrap_err();
    assert_no_identifiers(&e.to_string());
    let dup = volunteer_json().replacen("{", "{\"format\":2,", 1);
    assert_eq!(
        Volunteer::from_json(&dup).unwrap_err().kind(),
        ErrorKind::Malformed
    );
}
