//! `[records-authentic]`, limits: a case history of at most `MAX_STRING_BYTES` bytes is read
//! without the JSON prescan (`json::from_str_checked_by_type`), so `StoredCase`'s own reader
//! must refuse all the prescan refuses. A string over the limit cannot fit in such a text; the
//! rest is shown here:
//!
//! - nesting: the schema of a stored case is closed (`additionalProperties: false` on every
//!   object, no free-form value), has no cycle, and nests less deeply than `MAX_DEPTH`, so no
//!   text the reader accepts nests deeper;
//! - duplicate keys: an instance of every event type that between them hold every property of
//!   every object of that schema, read with each key of each object given twice, in the order
//!   this library writes (tag first: the tagged enums stream their fields) and reversed (tag
//!   last: they buffer the object), is refused every time;
//! - end to end, `Case::from_json` over the published stored history with any key given twice
//!   is a `malformed` "duplicate key" error, as the prescan made it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{json, Map, Value};
use shegong::case::{Case, EventKind, StoredCase};
use shegong::limits::MAX_DEPTH;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn case_history_schema() -> Value {
    shegong::schema::documents()
        .into_iter()
        .find(|d| d.name == "case_history")
        .unwrap()
        .schema
}

/// The schema node at a `#/...` pointer.
fn at<'a>(schema: &'a Value, pointer: &str) -> &'a Value {
    schema
        .pointer(pointer.trim_start_matches('#'))
        .unwrap_or_else(|| panic!("no schema at {pointer}"))
}

/// Follows `$ref`s (and a lone `allOf`) to the node that says what a value is.
fn resolve(schema: &Value, mut pointer: String) -> (String, &Value) {
    for _ in 0..32 {
        let node = at(schema, &pointer);
        if let Some(target) = node.get("$ref").and_then(Value::as_str) {
            pointer = target.to_owned();
        } else if let Some([only]) = node
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            pointer = match only.get("$ref").and_then(Value::as_str) {
                Some(target) => target.to_owned(),
                None => format!("{pointer}/allOf/0"),
            };
        } else {
            return (pointer, node);
        }
    }
    panic!("a chain of references at {pointer}")
}

fn alternatives(node: &Value) -> Option<(&'static str, &Vec<Value>)> {
    ["oneOf", "anyOf"]
        .into_iter()
        .find_map(|k| node.get(k).and_then(Value::as_array).map(|a| (k, a)))
}

fn is_container(node: &Value) -> bool {
    node.get("properties").is_some() || node.get("items").is_some() || {
        let types: Vec<&str> = match node.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        types.contains(&"object") || types.contains(&"array")
    }
}

/// Every (object schema, property) pair reachable from `pointer`, and the deepest nesting of
/// objects and arrays a value of it can have; panics on a cycle, an open object or a node
/// that admits any value.
fn walk_schema(
    schema: &Value,
    pointer: String,
    open: &mut Vec<String>,
    pairs: &mut BTreeSet<(String, String)>,
) -> usize {
    let (pointer, node) = resolve(schema, pointer);
    assert!(
        !open.contains(&pointer),
        "the schema of a stored case has a cycle through {pointer}: its depth is unbounded"
    );
    open.push(pointer.clone());
    let depth = if let Some((kind, branches)) = alternatives(node) {
        (0..branches.len())
            .map(|i| walk_schema(schema, format!("{pointer}/{kind}/{i}"), open, pairs))
            .max()
            .unwrap_or(0)
    } else if let Some(props) = node.get("properties").and_then(Value::as_object) {
        assert_eq!(
            node.get("additionalProperties"),
            Some(&Value::Bool(false)),
            "{pointer} admits unknown fields, whose values the prescan would have to check"
        );
        let inner = props
            .keys()
            .map(|k| {
                pairs.insert((pointer.clone(), k.clone()));
                walk_schema(schema, format!("{pointer}/properties/{k}"), open, pairs)
            })
            .max()
            .unwrap_or(0);
        inner + 1
    } else if node.get("items").is_some() {
        walk_schema(schema, format!("{pointer}/items"), open, pairs) + 1
    } else {
        assert!(
            !is_container(node)
                && (node.get("type").is_some()
                    || node.get("const").is_some()
                    || node.get("enum").is_some()),
            "{pointer} admits any value: {node}"
        );
        0
    };
    open.pop();
    depth
}

/// Whether a branch of a `oneOf`/`anyOf` is the one `value` is an instance of: its type, and
/// for an object the constants (the tag) of its properties.
fn branch_fits(schema: &Value, pointer: &str, value: &Value) -> bool {
    let (_, node) = resolve(schema, pointer.to_owned());
    if let Some((kind, branches)) = alternatives(node) {
        return (0..branches.len())
            .any(|i| branch_fits(schema, &format!("{pointer}/{kind}/{i}"), value));
    }
    if let Some(c) = node.get("const") {
        return c == value;
    }
    if let Some(e) = node.get("enum").and_then(Value::as_array) {
        return e.contains(value);
    }
    let types: Vec<&str> = match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let typed = types.contains(&kind) || (kind == "integer" && types.contains(&"number"));
    match (value, node.get("properties").and_then(Value::as_object)) {
        (Value::Object(fields), Some(props)) => {
            (typed || types.is_empty())
                && fields.keys().all(|k| props.contains_key(k))
                && props
                    .iter()
                    .all(|(k, p)| p.get("const").is_none_or(|c| fields.get(k) == Some(c)))
        }
        _ => typed,
    }
}

/// The (object schema, key) pairs an instance uses.
fn walk_instance(
    schema: &Value,
    pointer: String,
    value: &Value,
    pairs: &mut BTreeSet<(String, String)>,
) {
    let (pointer, node) = resolve(schema, pointer);
    if let Some((kind, branches)) = alternatives(node) {
        let i = (0..branches.len())
            .find(|i| branch_fits(schema, &format!("{pointer}/{kind}/{i}"), value))
            .unwrap_or_else(|| panic!("no branch of {pointer} fits {value}"));
        return walk_instance(schema, format!("{pointer}/{kind}/{i}"), value, pairs);
    }
    match value {
        Value::Object(fields) => {
            for (k, v) in fields {
                pairs.insert((pointer.clone(), k.clone()));
                walk_instance(schema, format!("{pointer}/properties/{k}"), v, pairs);
            }
        }
        Value::Array(items) => {
            for v in items {
                walk_instance(schema, format!("{pointer}/items"), v, pairs);
            }
        }
        _ => {}
    }
}

/// The tags of the tagged enums (and any field of the same name: its place does not matter).
const TAGS: [&str; 4] = ["type", "kind", "outcome", "basis"];

/// Writes `value` as JSON, each object's tags first (or last, `tags_last`), and the key of
/// the `dup`-th object member (counted as written, depth first) given twice.
fn write(value: &Value, tags_last: bool, dup: Option<usize>, count: &mut usize, out: &mut String) {
    match value {
        Value::Object(fields) => {
            let mut keys: Vec<&String> = fields.keys().collect();
            if tags_last {
                keys.sort_by_key(|k| TAGS.contains(&k.as_str()));
            } else {
                keys.sort_by_key(|k| !TAGS.contains(&k.as_str()));
            }
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                let times = if dup == Some(*count) { 2 } else { 1 };
                *count += 1;
                for j in 0..times {
                    if i > 0 || j > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    let mut inner = usize::MAX / 2;
                    let counter = if j == 0 { &mut *count } else { &mut inner };
                    write(&fields[k], tags_last, dup, counter, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, tags_last, dup, count, out);
            }
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
}

fn written(value: &Value, tags_last: bool, dup: Option<usize>) -> (String, usize) {
    let mut out = String::new();
    let mut count = 0;
    write(value, tags_last, dup, &mut count, &mut out);
    (out, count)
}

/// Every case event of the published vectors (the payloads of the steps and stored events).
fn vector_events() -> Vec<Value> {
    let mut found = Vec::new();
    fn collect(v: &Value, found: &mut Vec<Value>) {
        match v {
            Value::Object(m) => {
                if m.contains_key("occurred_at") && m.contains_key("actor") {
                    if let Some(e) = m.get("event").filter(|e| e.get("type").is_some()) {
                        found.push(e.clone());
                    }
                }
                m.values().for_each(|x| collect(x, found));
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, found)),
            _ => {}
        }
    }
    let dir = root().join("tests/vectors/case");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        collect(&serde_json::from_str(&text).unwrap(), &mut found);
    }
    found
}

/// Events with every optional field given, for the types and fields the vectors leave out.
fn fuller_events() -> Vec<Value> {
    let mut events: Vec<Value> = (0..=33)
        .map(|k| serde_json::to_value(common::random::event(k)).unwrap())
        .collect();
    events.extend([
        json!({"type": "received", "case_number": "SZ-2026-0001", "channel": "phone", "topic": "t",
               "client": {"id": "c-9", "name": "n", "date_of_birth": "2015-01-01"},
               "source": {"kind": "referred_in", "referrer": "r", "referrer_kind": "school"}}),
        json!({"type": "received", "case_number": "SZ-2026-0002", "channel": "phone", "topic": "t",
               "client": {"id": "c-8", "name": "n"},
               "source": {"kind": "volunteer_escalation", "volunteer": "v", "condition": "c"}}),
        json!({"type": "received", "case_number": "SZ-2026-0003", "channel": "phone", "topic": "t",
               "client": {"id": "c-7", "name": "n"}, "source": {"kind": "outreach"}}),
        json!({"type": "consent_given", "consent": {"id": "k-2", "given_by": "g", "capacity": "client",
               "scope": "s", "purpose": {"kind": "sharing", "with": "w"}}}),
        json!({"type": "terminated", "ground": "danger_to_others", "summary": "s",
               "referral": {"receiver": "r", "receiver_is_department": true, "needs": "n",
                            "accompanied": false, "mandatory": true, "receiver_agreed_by": "a",
                            "ends_service": true}}),
        json!({"type": "crisis_reported", "to": ["a"], "supervisor": "s", "departments": ["d"]}),
        json!({"type": "consent_revoked", "consent_id": "k", "reason": "r"}),
        json!({"type": "closing_date_announced", "date": "2026-05-01", "client_view": "ok"}),
        json!({"type": "escalation_recorded", "volunteer": "v", "condition": "c"}),
        json!({"type": "escalation_assessed", "crisis": true, "summary": "s"}),
        json!({"type": "form_filed", "form": "file_cover", "note": "n"}),
        json!({"type": "sub_plan_updated", "id": "p", "status": "completed", "note": "n"}),
        json!({"type": "referral_in_assessed", "within_scope": true, "reasons": "r"}),
        json!({"type": "referral_decline_replied", "to_referrer": true, "to_applicant": false, "reasons": "r"}),
    ]);
    events
}

/// A stored case holding `events` (its chain not computed: this is about reading it).
fn stored_with(events: &[Value]) -> Value {
    let hash = "0".repeat(64);
    let events: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({"seq": i + 1, "occurred_at": "2026-03-02T09:00:00+08:00",
                   "recorded_at": "2026-03-02T09:00:00Z", "actor": {"id": "w", "role": "worker"},
                   "event": e, "rules": 6, "prev_hash": hash, "hash": hash})
        })
        .collect();
    json!({"format": 2, "case_number": "SZ-2026-0001", "rules": 6, "head": hash, "events": events})
}

#[test]
fn the_schema_of_a_stored_case_is_closed_acyclic_and_shallower_than_the_depth_limit() {
    let schema = case_history_schema();
    let mut pairs = BTreeSet::new();
    let depth = walk_schema(&schema, "#".to_owned(), &mut Vec::new(), &mut pairs);
    assert!(depth < MAX_DEPTH, "a stored case nests {depth} deep");
    // A sanity check of the walk itself: histories, events, their payloads and the objects in
    // them are all there.
    assert!(depth >= 5, "{depth}");
    assert!(pairs.len() > 100, "{}", pairs.len());
}

#[test]
fn every_key_given_twice_is_refused_by_the_reader_of_a_stored_case() {
    let schema = case_history_schema();
    // (A vector's unknown event type, which no reader accepts, left out.)
    let mut events: Vec<Value> = vector_events()
        .into_iter()
        .filter(|e| EventKind::KINDS.contains(&e["type"].as_str().unwrap_or("")))
        .collect();
    events.extend(fuller_events());
    // Every event type is among them.
    let types: BTreeSet<&str> = events.iter().filter_map(|e| e["type"].as_str()).collect();
    let all: BTreeSet<&str> = EventKind::KINDS.iter().copied().collect();
    assert_eq!(types, all);
    let stored = stored_with(&events);
    // And between them every property of every object of the schema.
    let mut wanted = BTreeSet::new();
    walk_schema(&schema, "#".to_owned(), &mut Vec::new(), &mut wanted);
    let mut used = BTreeSet::new();
    walk_instance(&schema, "#".to_owned(), &stored, &mut used);
    let missing: Vec<_> = wanted.difference(&used).collect();
    assert!(missing.is_empty(), "no instance holds {missing:#?}");
    // One event at a time (each with the history's envelope), both ways round.
    for e in &events {
        let one = stored_with(std::slice::from_ref(e));
        for tags_last in [false, true] {
            let (text, members) = written(&one, tags_last, None);
            serde_json::from_str::<StoredCase>(&text)
                .unwrap_or_else(|err| panic!("the instance itself is refused: {err}"));
            for dup in 0..members {
                let (text, _) = written(&one, tags_last, Some(dup));
                assert!(
                    serde_json::from_str::<StoredCase>(&text).is_err(),
                    "member {dup} given twice (tags last: {tags_last}) was read: {text}"
                );
            }
        }
    }
}

#[test]
fn a_published_history_with_any_key_given_twice_is_a_duplicate_key_error() {
    let text =
        std::fs::read_to_string(root().join("tests/vectors/case/stored-histories.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    let intact = vectors["histories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "intact")
        .unwrap()["stored"]
        .clone();
    let (text, members) = written(&intact, false, None);
    Case::from_json(&text).unwrap();
    assert!(members > 200, "{members}");
    for dup in 0..members {
        let (text, _) = written(&intact, false, Some(dup));
        let e = Case::from_json(&text).expect_err("a duplicate key was read");
        assert_eq!(e.code(), "malformed", "{e}");
        assert!(e.to_string().contains("duplicate key"), "{e}");
    }
}

#[test]
fn a_long_history_is_still_prescanned() {
    // Over MAX_STRING_BYTES the type's reader cannot vouch for string lengths: a string over
    // the limit is a limit error, not read.
    let mut stored: Map<String, Value> =
        serde_json::from_value(stored_with(&[json!({"type": "note_added", "text": "x"})])).unwrap();
    stored["events"][0]["event"]["text"] =
        Value::String("x".repeat(shegong::limits::MAX_STRING_BYTES + 1));
    let e = Case::from_json(&serde_json::to_string(&stored).unwrap()).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded", "{e}");
}
