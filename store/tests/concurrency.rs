//! Eight writers, each with its own connection, append to the same case at the same moment
//! for a fixed number of rounds (`[records-authentic]`: one history, never a fork).
//!
//! Every attempt ends in exactly one of three ways: accepted, `Conflict` (another writer won
//! the round; nothing was written), or core's typed refusal (`[open-consent]` for the
//! deliberate opening without consent, `out_of_order` for a note dated before one another
//! writer committed). Afterwards every accepted note is in the history exactly once, nothing
//! else is, and the chain verifies against the stored head.

// Test code: a failed step is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::sync::{Barrier, Mutex};

use common::*;
use shegong::case::{Case, EventKind};
use shegong::ErrorKind;
use shegong_store::StoreError;

const WRITERS: usize = 8;
const ROUNDS: usize = 25;
const CASE: &str = "SZ-2026-0101";

#[derive(Debug, Default)]
struct Tally {
    accepted: Vec<String>,
    conflicts: usize,
    refused: BTreeMap<&'static str, usize>,
}

fn eight_writers_one_case_no_fork<O: Opener>(o: &O) {
    o.open().create::<Case>(received(CASE)).unwrap();
    let barrier = Barrier::new(WRITERS);
    let tally = Mutex::new(Tally::default());
    std::thread::scope(|scope| {
        for w in 0..WRITERS {
            let (barrier, tally) = (&barrier, &tally);
            scope.spawn(move || {
                let mut store = o.open();
                for r in 0..ROUNDS {
                    barrier.wait();
                    // Seconds after the start: later rounds later, writers a second apart.
                    let at = i64::try_from(60 * (r + 1) + w).unwrap();
                    let text = format!("writer {w} round {r}");
                    let event = if r % 5 == 4 {
                        open_without_consent(at)
                    } else {
                        note(at, &text)
                    };
                    let result = store.append::<Case>(CASE, event);
                    let mut tally = tally.lock().unwrap();
                    match result {
                        Ok(_) => tally.accepted.push(text),
                        Err(StoreError::Conflict { ref id, .. }) if id == CASE => {
                            assert!(result.unwrap_err().to_string().contains("reload and retry"));
                            tally.conflicts += 1;
                        }
                        Err(StoreError::Refused { error, .. }) => {
                            let kind = error.kind();
                            assert!(
                                matches!(kind, ErrorKind::Refused | ErrorKind::OutOfOrder),
                                "unexpected refusal {error}"
                            );
                            *tally.refused.entry(kind.code()).or_default() += 1;
                        }
                        Err(other) => panic!("writer {w} round {r}: unexpected error {other}"),
                    }
                }
            });
        }
    });
    let tally = tally.into_inner().unwrap();
    let refused: usize = tally.refused.values().sum();
    println!(
        "{WRITERS} writers x {ROUNDS} rounds: {} accepted, {} conflicts, {} refused by core {:?}",
        tally.accepted.len(),
        tally.conflicts,
        refused,
        tally.refused
    );
    assert_eq!(
        tally.accepted.len() + tally.conflicts + refused,
        WRITERS * ROUNDS
    );
    // [open-consent]: every opening without consent was refused by core, whoever won.
    assert!(tally.refused.get("refused").copied().unwrap_or(0) > 0);
    assert!(!tally.accepted.is_empty());

    // Read back: the chain verifies against the stored head, and the notes are exactly the
    // accepted ones, each once.
    let case: Case = o.open().load(CASE).unwrap();
    let notes: Vec<String> = case
        .history()
        .iter()
        .filter_map(|e| match &e.event {
            EventKind::NoteAdded { text } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(case.history().len(), 1 + tally.accepted.len());
    let mut stored = notes.clone();
    stored.sort();
    let mut accepted = tally.accepted.clone();
    accepted.sort();
    assert_eq!(stored, accepted, "every accepted append exactly once");
    let dump = o.open().dump().unwrap();
    assert_eq!(dump.events.len(), case.history().len());
    assert_eq!(dump.heads.len(), 1);
    assert_eq!(dump.heads[0].2.head, case.head());
}

both!(eight_writers_one_case_no_fork);

/// Regression (PostgreSQL isolation): on a server whose `default_transaction_isolation` is
/// `serializable`, the losing writer failed with SQLSTATE 40001 as a `Database` error instead
/// of `Conflict`. The write transaction now always runs at READ COMMITTED.
mod serializable_default {
    mod pg {
        #[test]
        fn serializable_default_loser_gets_conflict() {
            let Some(o) = crate::common::PgOpener::with_default_isolation(
                "serializable_default",
                "serializable",
            ) else {
                return;
            };
            let mut backend = crate::common::Opener::backend(&o);
            let row = backend
                .client()
                .query_one("SHOW default_transaction_isolation", &[])
                .unwrap();
            assert_eq!(row.get::<_, String>(0), "serializable");
            super::super::eight_writers_one_case_no_fork(&o);
        }
    }
}
