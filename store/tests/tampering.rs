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
use shegong::case::{Case, Stage};
use shegong::deadline::RuleSet;
use shegong::volunteer::Volunteer;
use shegong::Calendar;
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
        // Regression (stage column never checked): a case refiled under another stage.
        (
            "head_stage",
            "UPDATE heads SET stage = 'closed' WHERE kind = '{kind}' AND id = '{id}'",
            Tampering::HeadMismatch,
        ),
        // Regression (body not compared with the canonical form): reformatted JSON and another
        // escape of the same text parse to the same event and verified.
        (
            "reformat_body",
            "UPDATE events SET body = replace(body, '\"actor\":', '\"actor\": ') WHERE kind = '{kind}' AND id = '{id}' AND seq = 2",
            Tampering::Edited { seq: 2 },
        ),
        (
            "reescape_body",
            "UPDATE events SET body = replace(body, '\"actor\":', '\"\\u0061ctor\":') WHERE kind = '{kind}' AND id = '{id}' AND seq = 3",
            Tampering::Edited { seq: 3 },
        ),
        // Regression (a head with every event deleted was Unreadable, core's NotStarted).
        (
            "delete_all_rows",
            "DELETE FROM events WHERE kind = '{kind}' AND id = '{id}'",
            Tampering::MissingEvent { seq: 1 },
        ),
        (
            "delete_all_rows_head_zero",
            "DELETE FROM events WHERE kind = '{kind}' AND id = '{id}'; UPDATE heads SET seq = 0 WHERE kind = '{kind}' AND id = '{id}'",
            Tampering::MissingEvent { seq: 1 },
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

/// Regression (rebuild never compared the aggregate's own id with the id asked for): rows of
/// one aggregate renamed to another id loaded as the first aggregate under the second id.
fn renamed_rows_are_named<O: Opener, A: Storable + std::fmt::Debug>(o: &O, aggregate: &A) {
    let fresh = o.fresh(&format!("{}_renamed", A::KIND));
    let mut store = fresh.open();
    store.insert(aggregate).unwrap();
    let (kind, id) = (A::KIND.as_str(), aggregate.id());
    let other = format!("{id}-X");
    store
        .backend_mut()
        .execute_raw(&format!(
            "UPDATE events SET id = '{other}' WHERE kind = '{kind}' AND id = '{id}'; \
             UPDATE heads SET id = '{other}' WHERE kind = '{kind}' AND id = '{id}'"
        ))
        .unwrap();
    for err in [
        store.load::<A>(&other).unwrap_err(),
        store.load_all::<A>().unwrap_err(),
    ] {
        match &err {
            StoreError::Tampered { kind, id, what } => {
                assert_eq!(
                    (*kind, id.as_str(), *what),
                    (A::KIND, other.as_str(), Tampering::WrongAggregate)
                );
            }
            other => panic!("{}: expected tampering, got {other}", A::KIND),
        }
        assert!(err.to_string().contains("[records-authentic]"), "{err}");
    }
}

fn rows_renamed_to_another_id_are_reported<O: Opener>(o: &O) {
    renamed_rows_are_named(o, &case());
    renamed_rows_are_named(o, &from_steps::<Activity>("activity/group-life-cycle.json"));
    renamed_rows_are_named(
        o,
        &from_steps::<Volunteer>("volunteer-lifecycle/life-cycle.json"),
    );
}

/// Expects a tampering of the case `id` (`[records-authentic]`).
fn assert_tampered<T: std::fmt::Debug>(result: Result<T, StoreError>, id: &str, what: Tampering) {
    match result {
        Err(StoreError::Tampered {
            kind,
            id: named,
            what: found,
        }) => assert_eq!(
            (kind, named.as_str(), found),
            (AggregateKind::Case, id, what)
        ),
        other => panic!("expected tampering of {id}, got {other:?}"),
    }
}

/// Regression (`ids` read only the heads table): a case whose head row was deleted vanished
/// from `load_all`, `open_obligations` and `export_batch` instead of failing as tampered.
fn deleted_head_fails_every_query<O: Opener>(o: &O) {
    let mut store = o.open();
    store.insert(&case()).unwrap();
    store.create::<Case>(received("SZ-2026-0304")).unwrap();
    store
        .backend_mut()
        .execute_raw("DELETE FROM heads WHERE kind = 'case' AND id = 'SZ-2026-0303'")
        .unwrap();
    let (rules, calendar) = (RuleSet::preset(), Calendar::china());
    let now = t("2026-03-06T09:00:00+08:00");
    let what = Tampering::HeadMismatch;
    assert_eq!(
        store.ids::<Case>().unwrap(),
        vec!["SZ-2026-0303", "SZ-2026-0304"]
    );
    assert_tampered(store.load_all::<Case>(), "SZ-2026-0303", what);
    assert_tampered(
        store.open_obligations("w-li", &rules, &calendar, now),
        "SZ-2026-0303",
        what,
    );
    assert_tampered(
        store.export_batch(&rules, &calendar, now, 1),
        "SZ-2026-0303",
        what,
    );
}

/// Regression (the stage column was never checked): a case refiled under `closed` by SQL was
/// listed as closed; now the query reports the tampering.
fn refiled_stage_fails_the_stage_query<O: Opener>(o: &O) {
    let mut store = o.open();
    store.insert(&case()).unwrap();
    store
        .backend_mut()
        .execute_raw("UPDATE heads SET stage = 'closed' WHERE kind = 'case'")
        .unwrap();
    assert_tampered(
        store.cases_in_stage(Stage::Closed),
        "SZ-2026-0303",
        Tampering::HeadMismatch,
    );
}

both!(
    tampered_case_rows_are_reported,
    tampered_activity_rows_are_reported,
    tampered_volunteer_rows_are_reported,
    rows_renamed_to_another_id_are_reported,
    deleted_head_fails_every_query,
    refiled_stage_fails_the_stage_query,
);
