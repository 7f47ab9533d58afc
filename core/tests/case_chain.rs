//! The tamper-evident history and its stored form (`[records-authentic]`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shegong::case::*;
use shegong::history::RULES_VERSION;

#[test]
fn records_authentic_chain_links_every_event() {
    let case = case_at(Stage::FollowUp);
    let h = case.history();
    assert_eq!(h[0].prev_hash, GENESIS_HASH);
    for pair in h.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash);
        assert_eq!(pair[1].seq, pair[0].seq + 1);
    }
    assert!(h
        .iter()
        .all(|e| e.hash.len() == 64 && e.computed_hash() == e.hash));
    assert_eq!(case.head(), h.last().unwrap().hash);
}

#[test]
fn records_authentic_edit_is_located() {
    let case = case_at(Stage::Closed);
    let mut events = case.history().to_vec();
    // Someone removes the supervisor's returned comments... by editing the approval's actor.
    events[7].actor = worker();
    match Case::replay(events).unwrap_err() {
        CaseError::Tampered { seq, case, .. } => {
            assert_eq!(seq, 8);
            assert_eq!(case, "SZ-2026-0007");
        }
        other => panic!("{other:?}"),
    }
    // A recomputed hash for the edit breaks the next link instead.
    let mut events = case.history().to_vec();
    events[7].actor = worker();
    events[7].hash = events[7].computed_hash();
    match Case::replay(events).unwrap_err() {
        CaseError::Tampered { seq, .. } => assert_eq!(seq, 9),
        other => panic!("{other:?}"),
    }
}

#[test]
fn records_authentic_recomputed_chain_needs_the_head() {
    let case = case_at(Stage::Closed);
    let head = case.head().to_owned();
    // Rewrite history consistently: backdate the opening and re-chain everything after it.
    let mut forged: Vec<RecordedEvent> = case.history().to_vec();
    forged[5].occurred_at = t("2026-03-03T09:55:00+08:00");
    let mut prev = GENESIS_HASH.to_owned();
    for e in &mut forged {
        e.prev_hash = prev.clone();
        e.hash = e.computed_hash();
        prev = e.hash.clone();
    }
    assert!(
        Case::replay(forged.clone()).is_ok(),
        "a consistent forgery verifies on its own"
    );
    let err = Case::replay_verified(forged, &head).unwrap_err();
    assert!(matches!(err, CaseError::HeadMismatch { .. }), "{err:?}");
    assert_eq!(err.rule_id(), Some("records-authentic"));
}

#[test]
fn records_authentic_replay_refuses_a_history_that_breaks_a_rule() {
    // A chain that verifies but whose events break a guard: opened without consent.
    let mut events = vec![
        ev("2026-03-02", worker(), received()),
        ev(
            "2026-03-03",
            worker(),
            EventKind::Opened {
                summary: "开案".into(),
            },
        ),
    ];
    let mut recorded = Vec::new();
    let mut prev = GENESIS_HASH.to_owned();
    for (i, e) in events.drain(..).enumerate() {
        let mut r = RecordedEvent {
            seq: i as u64 + 1,
            occurred_at: e.occurred_at,
            recorded_at: e.recorded_at,
            actor: e.actor,
            event: e.event,
            rules: 1,
            prev_hash: prev.clone(),
            hash: String::new(),
        };
        r.hash = r.computed_hash();
        prev = r.hash.clone();
        recorded.push(r);
    }
    let err = Case::replay(recorded).unwrap_err();
    match &err {
        CaseError::Refused {
            seq, rule, event, ..
        } => assert_eq!((*seq, *rule, *event), (2, "open-consent", "opened")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        Case::replay(vec![]).unwrap_err(),
        CaseError::NotStarted { first: None }
    ));
}

#[test]
fn stored_json_round_trip_and_typed_errors() {
    let case = case_at(Stage::FollowUp);
    let json = case.to_json().unwrap();
    assert!(json.starts_with(&format!(
        "{{\"format\":2,\"case_number\":\"SZ-2026-0007\",\"rules\":{RULES_VERSION}"
    )));
    let back = Case::from_json(&json).unwrap();
    assert_eq!(back, case);
    let via_serde: Case = serde_json::from_str(&json).unwrap();
    assert_eq!(via_serde, case);
    // Pretty-printing the stored file does not break the chain.
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&json).unwrap())
            .unwrap();
    assert_eq!(Case::from_json(&pretty).unwrap(), case);

    assert_eq!(
        Case::from_json("{not json").unwrap_err().kind(),
        shegong::ErrorKind::Malformed
    );
    assert!(matches!(
        Case::from_json("{\"format\":3}").unwrap_err(),
        CaseError::UnsupportedFormat { format: 3, .. }
    ));
    let unknown = json.replacen("\"type\":\"met\"", "\"type\":\"teleported\"", 1);
    assert_eq!(
        Case::from_json(&unknown).unwrap_err(),
        CaseError::UnknownEventKind {
            kind: "teleported".into(),
            path: "events[8].event.type".into(),
        }
    );
    let extra = json.replacen("\"seq\":2,", "\"seq\":2,\"mood\":\"happy\",", 1);
    let e = Case::from_json(&extra).unwrap_err();
    assert_eq!(e.kind(), shegong::ErrorKind::Malformed);
    assert!(
        e.to_string().contains("events[1].mood"),
        "names the path: {e}"
    );
    let truncated: serde_json::Value = {
        let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
        v["events"].as_array_mut().unwrap().pop();
        v
    };
    assert!(matches!(
        Case::from_json(&truncated.to_string()).unwrap_err(),
        CaseError::HeadMismatch { .. }
    ));

    let new = new_event_from_json(r#"{"occurred_at":"2026-05-21T10:00:00+08:00","recorded_at":"2026-05-21T10:00:00+08:00","actor":{"id":"w-li","role":"worker"},"event":{"type":"note_added","text":"x"}}"#).unwrap();
    assert_eq!(new.event, EventKind::NoteAdded { text: "x".into() });
    assert!(matches!(
        new_event_from_json(r#"{"event":{"type":"fly"}}"#).unwrap_err(),
        CaseError::UnknownEventKind { .. }
    ));
    assert_eq!(
        new_event_from_json(r#"{"event":{"type":"note_added"}}"#)
            .unwrap_err()
            .kind(),
        shegong::ErrorKind::Malformed
    );
}

#[test]
fn every_event_kind_has_a_stable_name() {
    assert_eq!(EventKind::KINDS.len(), 38);
    for e in happy_path() {
        let json = serde_json::to_value(&e.event).unwrap();
        assert_eq!(json["type"], e.event.name());
    }
}
