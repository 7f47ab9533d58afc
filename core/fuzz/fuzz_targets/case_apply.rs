//! A case built event by event: `Case::start` and `Case::apply` over events drawn from the
//! case vectors (`tests/vectors/case/*.json`), each re-timed, given another actor role or
//! with one field replaced, as the fuzzer chooses. This reaches the guards, deadlines and
//! forms far more often than raw bytes do.
//!
//! Asserts: a refused event is a contract error and leaves the case exactly as it was; the
//! case built writes to JSON that reads back to itself, replays against its head, and its
//! obligations and file check evaluate without panicking.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use chrono::{DateTime, Duration, FixedOffset};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use shegong::case::{new_event_from_json, Case};
use shegong::{Calendar, RuleSet};
use shegong_fuzz::{check_error, CASE_STEP_VECTORS};

const ROLES: &[&str] = &[
    "worker",
    "first_line_supervisor",
    "project_lead",
    "team_lead",
    "client",
    "guardian",
    "volunteer",
    "system",
];

#[derive(Debug, Arbitrary)]
struct Op {
    step: u16,
    /// Minutes after the previous event.
    after: u16,
    /// Minutes between happening and recording.
    lag: u8,
    role: Option<u8>,
    /// Another actor id (a platform may well use a phone number as one).
    actor: Option<String>,
    /// Replace one field of the event with a fuzzed value.
    edit: Option<(u8, FieldValue)>,
}

#[derive(Debug, Arbitrary)]
enum FieldValue {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
}

fn steps() -> &'static [Value] {
    static STEPS: OnceLock<Vec<Value>> = OnceLock::new();
    STEPS.get_or_init(|| {
        CASE_STEP_VECTORS
            .iter()
            .flat_map(|v| {
                let v: Value = serde_json::from_str(v).unwrap();
                v["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["event"].clone())
                    .collect::<Vec<_>>()
            })
            .collect()
    })
}

fn edited(mut e: Value, op: &Op, at: DateTime<FixedOffset>) -> Value {
    e["occurred_at"] = Value::String(at.to_rfc3339());
    e["recorded_at"] = Value::String((at + Duration::minutes(i64::from(op.lag))).to_rfc3339());
    if let Some(r) = op.role {
        e["actor"]["role"] = Value::String(ROLES[usize::from(r) % ROLES.len()].to_owned());
    }
    if let Some(id) = &op.actor {
        e["actor"]["id"] = Value::String(id.clone());
    }
    if let Some((k, value)) = &op.edit {
        if let Some(fields) = e["event"].as_object_mut() {
            let keys: Vec<String> = fields.keys().filter(|k| *k != "type").cloned().collect();
            if !keys.is_empty() {
                let key = &keys[usize::from(*k) % keys.len()];
                fields[key] = match value {
                    FieldValue::Null => Value::Null,
                    FieldValue::Bool(b) => Value::Bool(*b),
                    FieldValue::Int(n) => Value::from(*n),
                    FieldValue::Text(s) => Value::String(s.clone()),
                };
            }
        }
    }
    e
}

fuzz_target!(|ops: Vec<Op>| {
    let steps = steps();
    let mut at = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00").unwrap();
    let mut case: Option<Case> = None;
    for op in ops.iter().take(40) {
        let step = steps[usize::from(op.step) % steps.len()].clone();
        at += Duration::minutes(i64::from(op.after));
        let json = edited(step, op, at).to_string();
        let event = match new_event_from_json(&json) {
            Ok(e) => e,
            Err(e) => {
                check_error(&json, e);
                continue;
            }
        };
        match case.as_mut() {
            None => match Case::start(event) {
                Ok(c) => case = Some(c),
                Err(e) => {
                    check_error(&json, e);
                }
            },
            Some(c) => {
                let before = c.clone();
                if let Err(e) = c.apply(event) {
                    check_error(&json, e);
                    assert_eq!(*c, before, "a refused event changed the case");
                }
            }
        }
    }
    let Some(case) = case else { return };
    let json = case.to_json().unwrap();
    assert_eq!(
        Case::from_json(&json).expect("a built case does not read back"),
        case
    );
    assert_eq!(
        Case::replay_verified(case.history().to_vec(), case.head()).unwrap(),
        case
    );
    let _ = RuleSet::preset().obligations(&case, &Calendar::china(), at + Duration::days(3));
    let _ = case.file_check();
});
