//! What the store refuses, and that a refusal changes nothing: a database of a newer schema
//! version, events core refuses, a second start of the same history, an unknown id. Then the
//! queries a platform needs, checked against core computing the same thing, and (SQLite) a
//! backup that keeps heads and events consistent.

// Test code: a failed step is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::Duration;
use common::*;
use shegong::case::{Case, EventKind, Stage};
use shegong::deadline::RuleSet;
use shegong::history::NewEvent;
use shegong::{Calendar, ErrorKind};
use shegong_store::{Backend, Sqlite, Store, StoreError, SCHEMA_VERSION};

fn newer_schema_is_refused_and_left_alone<O: Opener>(o: &O) {
    let mut store = o.open();
    store.create::<Case>(received("SZ-2026-0401")).unwrap();
    let newer = SCHEMA_VERSION + 1;
    store
        .backend_mut()
        .execute_raw(&format!("UPDATE shegong_schema SET version = {newer}"))
        .unwrap();
    let before = o.backend().dump().unwrap();
    match Store::open(o.backend()) {
        Err(StoreError::SchemaTooNew { found, supported }) => {
            assert_eq!((found, supported), (newer, SCHEMA_VERSION));
        }
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    assert_eq!(o.backend().dump().unwrap(), before);
    // Opening an up-to-date database again migrates nothing.
    let fresh = o.fresh("again");
    drop(fresh.open());
    fresh
        .open()
        .create::<Case>(received("SZ-2026-0402"))
        .unwrap();
    assert_eq!(fresh.open().ids::<Case>().unwrap(), vec!["SZ-2026-0402"]);
}

fn refused_input_changes_no_byte<O: Opener>(o: &O) {
    let mut store = o.open();
    store.create::<Case>(received("SZ-2026-0411")).unwrap();
    store
        .append::<Case>("SZ-2026-0411", note(60, "first note"))
        .unwrap();
    let before = store.dump().unwrap();

    // [open-consent]: core refuses opening without consent; the store says so, typed.
    let err = store
        .append::<Case>("SZ-2026-0411", open_without_consent(120))
        .unwrap_err();
    let core = err.core().unwrap();
    assert_eq!(core.kind(), ErrorKind::Refused);
    assert_eq!(core.rule_id(), Some("open-consent"));
    // [records-authentic]: an event recorded before the previous one is out of order.
    let err = store
        .append::<Case>("SZ-2026-0411", note(30, "too early"))
        .unwrap_err();
    assert_eq!(err.core().unwrap().kind(), ErrorKind::OutOfOrder);
    // A first event that is not `received` is refused by core.
    let err = store
        .create::<Case>(NewEvent::at(
            t(START),
            worker(),
            EventKind::NoteAdded { text: "x".into() },
        ))
        .unwrap_err();
    assert_eq!(err.core().unwrap().kind(), ErrorKind::NotStarted);
    // A history starts once.
    let err = store.create::<Case>(received("SZ-2026-0411")).unwrap_err();
    assert!(matches!(err, StoreError::Exists { .. }), "{err}");
    // Unknown ids are a typed NotFound, for reads and appends alike.
    let err = store
        .append::<Case>("SZ-2026-9999", note(60, "nobody"))
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { ref id, .. } if id == "SZ-2026-9999"));
    assert!(matches!(
        store.load::<Case>("SZ-2026-9999"),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.export_json::<shegong::volunteer::Volunteer>("SZ-2026-0411"),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.dump().unwrap(), before, "a refusal changed the rows");
}

/// Two consultations not opened (the reply is owed in 5 working days,
/// `[consult-reply-5wd]`), one for each worker, and one case still in consultation.
fn seed<O: Opener>(o: &O) -> Vec<Case> {
    let mut store = o.open();
    let mut cases = Vec::new();
    for (number, who) in [
        ("SZ-2026-0421", "w-li"),
        ("SZ-2026-0422", "w-chen"),
        ("SZ-2026-0423", "w-li"),
    ] {
        let actor = shegong::case::Actor::new(who, shegong::case::Role::Worker);
        let mut first = received(number);
        first.actor = actor.clone();
        let mut case = Case::start(first.clone()).unwrap();
        store.create::<Case>(first).unwrap();
        if number != "SZ-2026-0423" {
            let not_opened = NewEvent::at(
                t(START) + Duration::hours(1),
                actor,
                EventKind::NotOpened {
                    reasons: "无需开案".into(),
                },
            );
            case.apply(not_opened.clone()).unwrap();
            store.append::<Case>(number, not_opened).unwrap();
        }
        cases.push(case);
    }
    cases
}

fn queries_agree_with_core<O: Opener>(o: &O) {
    let cases = seed(o);
    let mut store = o.open();
    let rules = RuleSet::preset();
    let calendar = Calendar::china();
    let now = t("2026-03-06T09:00:00+08:00");

    // Cases by stage, from the stage core reported.
    let in_consultation: Vec<String> = store
        .cases_in_stage(Stage::Consultation)
        .unwrap()
        .iter()
        .map(|c| c.number().to_string())
        .collect();
    assert_eq!(in_consultation, vec!["SZ-2026-0423"]);
    assert_eq!(
        store.cases_in_stage(Stage::ConsultationCase).unwrap().len(),
        2
    );
    assert!(store.cases_in_stage(Stage::Closed).unwrap().is_empty());

    // A worker's open obligations: core's, filtered by owner and openness.
    let mine = store
        .open_obligations("w-li", &rules, &calendar, now)
        .unwrap();
    let expected: Vec<_> = cases
        .iter()
        .flat_map(|c| rules.obligations(c, &calendar, now))
        .filter(|o| o.owner == "w-li" && o.status.is_open())
        .collect();
    assert!(!mine.is_empty());
    assert!(mine.iter().any(|o| o.rule == "consult-reply-5wd"));
    assert_eq!(mine.len(), expected.len());
    for o in &expected {
        assert!(mine.contains(o));
    }
    assert!(mine.iter().all(|o| o.owner == "w-li"));

    // The research export is core's batch over the same histories.
    let batch = store.export_batch(&rules, &calendar, now, 2).unwrap();
    let histories: Vec<String> = cases.iter().map(|c| c.to_json().unwrap()).collect();
    let direct = shegong::report::evaluate_batch(&histories, &rules, &calendar, now, 1).unwrap();
    assert_eq!(batch, direct);
    assert_eq!(batch.cases.len(), 3);
    assert!(batch.errors.is_empty());
}

/// Regression (a PostgreSQL error's message was the driver's text, which the review found can
/// carry the server's DETAIL, repeating the failing row's values; this driver version printed
/// only "db error"): a database error names the failure by its message and SQLSTATE, never a
/// row's value such as an ID number.
fn database_error_never_repeats_row_values<O: Opener>(o: &O) {
    let mut store = o.open();
    let row = "INSERT INTO heads (kind, id, seq, head, stage) \
               VALUES ('case', '110101199003071234', 1, 'x', NULL)";
    store.backend_mut().execute_raw(row).unwrap();
    let err = store.backend_mut().execute_raw(row).unwrap_err();
    assert!(matches!(err, StoreError::Database { .. }), "{err}");
    let message = err.to_string();
    assert!(!message.contains("110101199003071234"), "{message}");
    assert!(!message.contains("DETAIL"), "{message}");
    if message.starts_with("postgres") {
        assert!(message.contains("sqlstate 23505"), "{message}");
    }
}

both!(
    newer_schema_is_refused_and_left_alone,
    refused_input_changes_no_byte,
    queries_agree_with_core,
    database_error_never_repeats_row_values,
);

/// The documented SQLite backup: `VACUUM INTO` copies heads and events from one read
/// transaction, while a writer goes on; the copy opens as a store and verifies.
#[test]
fn sqlite_backup_keeps_heads_and_events_consistent() {
    let o = SqliteOpener::new("sqlite_backup");
    let cases = seed(&o);
    let copy = SqliteOpener::new("sqlite_backup-copy");
    let _ = std::fs::remove_file(&copy.path);
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut store = o.open();
            for i in 0..50 {
                store
                    .append::<Case>("SZ-2026-0423", note(10 + i, "during the backup"))
                    .unwrap();
            }
        });
        let mut store = o.open();
        store.backend_mut().backup_to(&copy.path).unwrap();
        writer.join().unwrap();
    });
    let mut restored = copy.open();
    let dump = restored.dump().unwrap();
    for (_, id, head) in &dump.heads {
        let case: Case = restored.load(id).unwrap();
        assert_eq!(case.head(), head.head);
    }
    assert_eq!(restored.ids::<Case>().unwrap().len(), cases.len());
    // The copy is a store of its own: it takes appends.
    let n = restored
        .load::<Case>("SZ-2026-0423")
        .unwrap()
        .history()
        .len();
    restored
        .append::<Case>("SZ-2026-0423", note(10_000, "after the restore"))
        .unwrap();
    assert_eq!(
        restored
            .load::<Case>("SZ-2026-0423")
            .unwrap()
            .history()
            .len(),
        n + 1
    );
    // A backup never overwrites an existing file.
    assert!(Sqlite::open(&o.path)
        .unwrap()
        .backup_to(&copy.path)
        .is_err());
    // The copy is written beside the target and renamed into place: nothing is left over.
    assert!(!tmp_of(&copy.path).exists());
}

fn tmp_of(path: &std::path::Path) -> std::path::PathBuf {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    tmp.into()
}

/// Regression (`VACUUM INTO` wrote straight to the final path, so a failed backup could leave
/// a partial file there): the copy goes to `<path>.tmp` and is renamed only when complete; a
/// stale `.tmp` is replaced, and a failed backup leaves nothing at the path.
#[test]
fn sqlite_backup_writes_a_temporary_file_first() {
    let o = SqliteOpener::new("sqlite_backup_tmp");
    seed(&o);
    let copy = SqliteOpener::new("sqlite_backup_tmp-copy");
    let tmp = tmp_of(&copy.path);
    let _ = std::fs::remove_dir_all(&tmp);
    // A stale temporary file from an interrupted backup is replaced.
    std::fs::write(&tmp, b"partial").unwrap();
    o.backend().backup_to(&copy.path).unwrap();
    assert!(!tmp.exists());
    assert_eq!(copy.open().ids::<Case>().unwrap().len(), 3);
    // A backup that cannot write its temporary file fails and leaves nothing at the path.
    let target = SqliteOpener::new("sqlite_backup_tmp-failed");
    let tmp = tmp_of(&target.path);
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join("in-the-way")).unwrap();
    assert!(o.backend().backup_to(&target.path).is_err());
    assert!(!target.path.exists());
    std::fs::remove_dir_all(&tmp).unwrap();
}
