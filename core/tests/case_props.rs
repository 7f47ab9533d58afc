//! Property tests over random event sequences (`[records-authentic]` and every guard):
//! replay equals apply, a refused event changes nothing, nothing panics, tampering is detected.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::Duration;
use common::random::{build, steps};
use proptest::prelude::*;
use shegong::case::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    // [records-authentic]: replay(history) rebuilds exactly the state apply built.
    #[test]
    fn replay_equals_apply(steps in steps()) {
        let (case, _) = build(&steps);
        let replayed = Case::replay(case.history().to_vec()).unwrap();
        prop_assert_eq!(replayed.state(), case.state());
        prop_assert_eq!(replayed.head(), case.head());
        let json = case.to_json().unwrap();
        prop_assert_eq!(Case::from_json(&json).unwrap(), case);
    }

    // Any single edit, insertion, deletion or reordering is detected and located.
    #[test]
    fn tampering_is_detected(steps in steps(), which in any::<prop::sample::Index>(), how in 0u8..5) {
        let (case, _) = build(&steps);
        let mut events = case.history().to_vec();
        let n = events.len();
        let i = which.index(n);
        match how {
            0 => { // edit what an event says
                events[i].actor.id.push('x');
            }
            1 => { // edit when it happened
                events[i].occurred_at -= Duration::seconds(1);
            }
            2 if n > 1 => { // delete an event (not the last: truncation is the head's job)
                let i = i.min(n - 2);
                events.remove(i);
            }
            3 => { // insert a copy
                let copy = events[i].clone();
                events.insert(i, copy);
            }
            4 if n > 1 => { // swap two neighbours
                let i = i.min(n - 2);
                events.swap(i, i + 1);
            }
            _ => { events[i].hash = "0".repeat(64); }
        }
        let err = Case::replay(events).unwrap_err();
        let ok = matches!(err, CaseError::Tampered { .. } | CaseError::NotStarted { .. });
        prop_assert!(ok, "{err:?}");
    }

    // Truncation, appending or a recomputed chain is caught against the stored head.
    #[test]
    fn truncation_is_detected_by_the_head(steps in steps()) {
        let (case, _) = build(&steps);
        let head = case.head().to_owned();
        let mut events = case.history().to_vec();
        if events.len() > 1 {
            events.pop();
            let err = Case::replay_verified(events, &head).unwrap_err();
            let head_mismatch = matches!(err, CaseError::HeadMismatch { .. });
            prop_assert!(head_mismatch);
        }
        prop_assert!(Case::replay_verified(case.history().to_vec(), &head).is_ok());
    }
}

#[test]
fn random_sequences_are_meaningful() {
    // The generator must both accept and refuse, and reach the late stages, or the
    // properties above would hold vacuously.
    let mut accepted = 0;
    let mut refused_total = 0;
    let mut reached = std::collections::BTreeSet::new();
    for seed in 0..300u32 {
        let steps: Vec<_> = (0..50u32)
            .map(|i| {
                (
                    ((seed * 31 + i * 7 + i * i) % 256) as u8,
                    ((seed + i) % 7) as u8,
                    600 + (i * 97) % 5000,
                    false,
                )
            })
            .collect();
        let (case, refused) = build(&steps);
        accepted += case.history().len() - 1;
        refused_total += refused;
        reached.extend(case.state().reached.iter().copied());
    }
    assert!(
        accepted > 1000 && refused_total > 1000,
        "{accepted} accepted, {refused_total} refused"
    );
    for stage in [
        Stage::Opened,
        Stage::Planned,
        Stage::Intervening,
        Stage::Evaluating,
        Stage::Closing,
        Stage::Closed,
        Stage::FollowUp,
        Stage::ConsultationCase,
    ] {
        assert!(
            reached.contains(&stage),
            "no random run reached {stage:?}: {reached:?}"
        );
    }
}
