//! A stored history comes back byte for byte (`[records-authentic]`): store, read, `to_json`
//! gives the input file exactly; the stored body of every event is exactly the text the chain
//! hashes; and the store answers every step of the shared step vectors as core does.
//!
//! `store/tests/fixtures/stored-case.json` is a case history exported by the store; the
//! Python binding's tests read it back (`bindings-python/tests/test_store_fixture.py`).
//! `UPDATE_VECTORS=1` rewrites it.

// Test code: a failed step is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::PathBuf;

use common::*;
use sha2::{Digest, Sha256};
use shegong::activity::Activity;
use shegong::case::Case;
use shegong::volunteer::Volunteer;
use shegong_store::{Storable, StoreError};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stored-case.json")
}

/// The intact history of the shared stored-history vectors, as core writes it.
fn intact_case() -> String {
    let text =
        std::fs::read_to_string(repo_tests().join("vectors/case/stored-histories.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let intact = v["histories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "intact")
        .unwrap();
    Case::from_json(&intact["stored"].to_string())
        .unwrap()
        .to_json()
        .unwrap()
}

fn stored_case_round_trips_byte_for_byte<O: Opener>(o: &O) {
    let input = intact_case();
    let mut store = o.open();
    let case = Case::from_json(&input).unwrap();
    store.insert(&case).unwrap();
    let output = store.export_json::<Case>(&case.id()).unwrap();
    assert_eq!(output, input);
    let path = fixture();
    if std::env::var("UPDATE_VECTORS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("{output}\n")).unwrap();
    }
    // The committed fixture is the store's export, and round-trips too.
    let committed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        committed.trim_end(),
        output,
        "stale fixture: UPDATE_VECTORS=1"
    );
}

/// Every stored body is the canonical text the chain hashes: SHA-256 of the chain's domain,
/// a newline and the body is the stored hash.
fn stored_bodies_are_what_the_chain_hashes<O: Opener>(o: &O) {
    let mut store = o.open();
    store
        .insert(&Case::from_json(&intact_case()).unwrap())
        .unwrap();
    let dump = store.dump().unwrap();
    assert!(!dump.events.is_empty());
    for (_, _, row) in dump.events {
        let mut text = format!("{}\n", Case::CHAIN).into_bytes();
        text.extend_from_slice(row.body.as_bytes());
        let digest: String = Sha256::digest(&text)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(digest, row.hash, "event {}", row.seq);
        assert!(!row.body.contains("\"hash\""));
    }
}

/// Drives a step vector through the store: every step core applies is accepted, every step
/// core refuses is refused with core's code, and the stored history is core's byte for byte.
fn steps_through_the_store<O: Opener, A: Storable>(o: &O, vector: &str) {
    let mut store = o.open();
    let mut core: Option<A> = None;
    let mut id = String::new();
    for (i, (event, expect)) in steps(vector).into_iter().enumerate() {
        let event: shegong::history::NewEvent<A::Event> = serde_json::from_value(event).unwrap();
        let result = if i == 0 {
            store.create::<A>(event.clone())
        } else {
            store.append::<A>(&id, event.clone())
        };
        match (expect["outcome"].as_str().unwrap(), result) {
            ("applied", Ok(appended)) => {
                match core.as_mut() {
                    None => core = Some(A::start(event).unwrap()),
                    Some(c) => c.apply(event).unwrap(),
                }
                let c = core.as_ref().unwrap();
                id = c.id();
                assert_eq!(appended.head, c.head(), "{vector} step {i}");
            }
            ("error", Err(StoreError::Refused { error, .. })) => {
                assert_eq!(
                    error.code(),
                    expect["code"].as_str().unwrap(),
                    "{vector} step {i}"
                );
                assert_eq!(
                    error.rule_id(),
                    expect["rule"].as_str(),
                    "{vector} step {i}"
                );
            }
            (want, got) => panic!("{vector} step {i}: expected {want}, got {got:?}"),
        }
    }
    let core = core.unwrap();
    assert_eq!(
        store.export_json::<A>(&id).unwrap(),
        core.to_json().unwrap()
    );
}

fn activity_steps_through_the_store<O: Opener>(o: &O) {
    steps_through_the_store::<O, Activity>(o, "activity/group-life-cycle.json");
}

fn volunteer_steps_through_the_store<O: Opener>(o: &O) {
    steps_through_the_store::<O, Volunteer>(o, "volunteer-lifecycle/life-cycle.json");
}

both!(
    stored_case_round_trips_byte_for_byte,
    stored_bodies_are_what_the_chain_hashes,
    activity_steps_through_the_store,
    volunteer_steps_through_the_store,
);
