//! The JSON Schemas of events, envelopes, histories, rule sets, calendar descriptions and batch
//! rows: generated from the types (`shegong::schema`), checked in under `schemas/`, and complete.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;
use shegong::activity::ActivityEvent;
use shegong::case::{Case, EventKind};
use shegong::schema::{documents, Document};
use shegong::volunteer::VolunteerEvent;

fn find(name: &str) -> Document {
    documents().into_iter().find(|d| d.name == name).unwrap()
}

/// The `type` constants of an event schema's branches, in order.
fn branch_types(schema: &Value) -> Vec<String> {
    schema["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b["properties"]["type"]["const"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

// The checked-in schemas under schemas/ match the types (UPDATE_SCHEMAS=1 rewrites them);
// scripts/check-generated runs this with UPDATE_SCHEMAS=1 and diffs.
#[test]
fn event_schemas_do_not_drift() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    for doc in documents() {
        let text = serde_json::to_string_pretty(&doc.schema).unwrap() + "\n";
        let path = dir.join(format!("{}.schema.json", doc.name));
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else {
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == text,
                "schemas/{}.schema.json drifted from the types: run `UPDATE_SCHEMAS=1 cargo test -p shegong --test schemas` and review the diff",
                doc.name
            );
        }
    }
}

#[test]
fn every_event_type_has_one_branch() {
    let case: Vec<String> = EventKind::KINDS.iter().map(|s| s.to_string()).collect();
    assert_eq!(branch_types(&find("case_event").schema), case);
    let activity: Vec<String> = shegong::event_types::ActivityEventType::ALL
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(branch_types(&find("activity_event").schema), activity);
    let volunteer: Vec<String> = shegong::event_types::VolunteerEventType::ALL
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(branch_types(&find("volunteer_event").schema), volunteer);
    // Each branch documents its event and refuses fields the reader refuses.
    for name in ["case_event", "activity_event", "volunteer_event"] {
        for b in find(name).schema["oneOf"].as_array().unwrap() {
            assert!(b["description"].is_string(), "{name}: {b}");
            assert_eq!(b["additionalProperties"], false, "{name}: {b}");
        }
    }
}

/// The keys of the schema's top-level properties.
fn properties(schema: &Value) -> BTreeSet<String> {
    schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

// The envelope schemas are written from forms beside `history`'s types: a field added to
// `Recorded` or `NewEvent` and not to its form fails here.
#[test]
fn envelope_forms_match_the_envelopes() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/case/happy-path.json"),
    )
    .unwrap();
    let vector: Value = serde_json::from_str(&text).unwrap();
    let steps = vector["steps"].as_array().unwrap();
    let first = serde_json::from_value(steps[0]["event"].clone()).unwrap();
    let mut case = Case::start(first).unwrap();
    for step in &steps[1..] {
        case.apply(serde_json::from_value(step["event"].clone()).unwrap())
            .unwrap();
    }
    // An event written under rules version 2, so `rules` is present.
    let stored = serde_json::to_value(&case).unwrap();
    let recorded = stored["events"].as_array().unwrap().last().unwrap();
    assert!(recorded.get("rules").is_some());
    let keys: BTreeSet<String> = recorded.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, properties(&find("recorded_case_event").schema));
    let new = serde_json::to_value(&steps[0]["event"]).unwrap();
    let keys: BTreeSet<String> = new.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, properties(&find("new_case_event").schema));
    let keys: BTreeSet<String> = stored.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, properties(&find("case_history").schema));
}

// Every document has a title, a description and the draft it follows; the event payloads are
// reachable from the envelopes and histories.
#[test]
fn documents_are_self_describing() {
    let names: Vec<&str> = documents().iter().map(|d| d.name).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len());
    for doc in documents() {
        assert_eq!(
            doc.schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{}",
            doc.name
        );
        assert!(doc.schema["title"].is_string(), "{}", doc.name);
        assert!(!doc.about.is_empty());
    }
    for (doc, def) in [
        ("recorded_case_event", "EventKind"),
        ("case_history", "EventKind"),
        ("recorded_activity_event", "ActivityEvent"),
        ("activity_history", "ActivityEvent"),
        ("recorded_volunteer_event", "VolunteerEvent"),
        ("volunteer_history", "VolunteerEvent"),
    ] {
        assert!(
            find(doc).schema["$defs"].get(def).is_some(),
            "{doc} lacks {def}"
        );
    }
    // The payload types are the ones the readers use.
    let _: Option<(ActivityEvent, VolunteerEvent)> = None;
}
