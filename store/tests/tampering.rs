//! Rows edited behind the store's back are reported on read (`[records-authentic]`), for every
//! aggregate that carries a chain (case, activity, volunteer), naming the aggregate and the
//! kind of tampering: an event's JSON or hash edited, an event row deleted, the head moved
//! back, the head moved forward.

// Test code: a failed step is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shegong::activity::Activity;
use shegong::case::Case;
use shegong::volunteer::Volunteer;
use shegong_store::{AggregateKind, Backend, Storable, StoreError, Tampering};

/// A case of five events.
fn case() -> Case {
    let mut c = Case::start(received("SZ-2026-0303")).unwrap();
    for i in 1..5 {
        c.apply(note(60 * i, &format!("note {i}"))).unwrap();
    }
    c
}

/// An aggregate built by core from the accepted steps of a step vector.
fn from_steps<A: Storable>(vector: &str) -> A {
    let mut steps = steps(vector)
        .into_iter()
        .filter(|(_, expect)| expect["outcome"] == "applied")
        .map(|(event, _)| serde_json::from_value(event).unwrap());
    let mut a = A::start(steps.next().unwrap()).unwrap();
    for e in steps {
        a.apply(e).unwrap();
    }
    a
}

/// Each tampering: its name, the SQL (with `{kind}` and `{id}`), and what a read must report.
fn tamperings(len: u64) -> Vec<(&'static str, &'static str, Tampering)> {
    vec![
        (
            "edit_json",
            "UPDATE events SET body = replace(body, '\"actor\":{\"id\":\"', '\"actor\":{\"id\":\"x') WHERE kind = '{kind}' AND id = '{id}' AND seq = 2",
            Tampering::Edited { seq: 2 },
        ),
        (
            "edit_hash",
            "UPDATE events SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN '0' ELSE 'f' END) || substr(hash, 2) WHERE kind = '{kind}' AND id = '{id}' AND seq = 3",
            Tampering::Edited { seq: 3 },
        ),
        (
            "delete_row",
            "DELETE FROM events WHERE kind = '{kind}' AND id = '{id}' AND seq = 2",
            Tampering::MissingEvent { seq: 2 },
        ),
        (
            "delete_last_row",
            "DELETE FROM events WHERE kind = '{kind}' AND id = '{id}' AND seq = (SELECT max(seq) FROM events WHERE kind = '{kind}' AND id = '{id}')",
            Tampering::MissingEvent { seq: len },
        ),
        (
            "head_back",
            "UPDATE heads SET seq = seq - 1, head = (SELECT e.hash FROM events e WHERE e.kind = heads.kind AND e.id = heads.id AND e.seq = heads.seq - 1) WHERE kind = '{kind}' AND id = '{id}'",
            Tampering::HeadMismatch,
        ),
        (
            "head_forward",
            "UPDATE heads SET seq = seq + 1 WHERE kind = '{kind}' AND id = '{id}'",
            Tampering::MissingEvent { seq: len + 1 },
        ),
        (
            "head_other_hash",
            "UPDATE heads SET head = (SELECT e.hash FROM events e WHERE e.kind = heads.kind AND e.id = heads.id AND e.seq = 1) WHERE kind = '{kind}' AND id = '{id}'",
            Tampering::HeadMismatch,
        ),
        (
            "head_deleted",
            "DELETE FROM heads WHERE kind = '{kind}' AND id = '{id}'",
            Tampering::HeadMismatch,
        ),
    ]
}

fn each_tampering_is_named<O: Opener, A: Storable + std::fmt::Debug>(o: &O, aggregate: &A) {
    let id = aggregate.id();
    let len = aggregate.history().len() as u64;
    assert!(len >= 4, "the history must be long enough to tamper with");
    for (name, sql, what) in tamperings(len) {
        let fresh = o.fresh(&format!("{}_{name}", A::KIND));
        let mut store = fresh.open();
        store.insert(aggregate).unwrap();
        store.load::<A>(&id).unwrap();
        let sql = sql.replace("{kind}", A::KIND.as_str()).replace("{id}", &id);
        store.backend_mut().execute_raw(&sql).unwrap();
        let err = store.load::<A>(&id).unwrap_err();
        match &err {
            StoreError::Tampered {
                kind,
                id: named,
                what: found,
            } => {
                assert_eq!(
                    (*kind, named.as_str(), *found),
                    (A::KIND, id.as_str(), what),
                    "{name}"
                );
            }
            other => panic!("{} {name}: expected tampering, got {other}", A::KIND),
        }
        let message = err.to_string();
        assert!(
            message.contains(&id) && message.contains("tampered"),
            "{message}"
        );
        assert!(message.contains("[records-authentic]"), "{message}");
        // An append on top of tampered rows refuses too, and writes nothing.
        if A::KIND == AggregateKind::Case {
            let before = store.dump().unwrap();
            let err = store
                .append::<Case>(&id, note(1_000_000, "on top of tampered rows"))
                .unwrap_err();
            assert!(matches!(err, StoreError::Tampered { .. }), "{err}");
            assert_eq!(store.dump().unwrap(), before);
        }
    }
}

fn tampered_case_rows_are_reported<O: Opener>(o: &O) {
    each_tampering_is_named(o, &case());
}

fn tampered_activity_rows_are_reported<O: Opener>(o: &O) {
    each_tampering_is_named(o, &from_steps::<Activity>("activity/group-life-cycle.json"));
}

fn tampered_volunteer_rows_are_reported<O: Opener>(o: &O) {
    each_tampering_is_named(
        o,
        &from_steps::<Volunteer>("volunteer-lifecycle/life-cycle.json"),
    );
}

both!(
    tampered_case_rows_are_reported,
    tampered_activity_rows_are_reported,
    tampered_volunteer_rows_are_reported,
);
