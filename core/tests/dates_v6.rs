//! Guards of rules version 6 for cases: a move to another stage may not be dated before the
//! case entered the stage it leaves (`[records-authentic]`: records are true and accurate).
//! A late entry that moves the case on is refused and changes nothing; the same entry dated
//! after the stage began is accepted; and the same history stored under version 5, where the
//! order was not checked, still replays (histories outlive their rules).

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

/// The happy path up to the intervention (stage `Intervening`, entered on 03-17).
fn intervening() -> Case {
    let path = happy_path();
    let mut c = Case::start(path[0].clone()).unwrap();
    for e in path.iter().skip(1).take(12) {
        c.apply(e.clone()).unwrap();
    }
    assert_eq!(c.stage(), Stage::Intervening);
    c
}

// [records-authentic] An outcome evaluation entered late but dated 03-02, before the intake,
// the consent, the opening and the plan it follows, is refused; dated after the intervention
// began it is accepted; stored under rules version 5 the refused history still replays.
#[test]
fn a_stage_is_not_left_before_it_was_entered() {
    const { assert!(RULES_VERSION >= 6) };
    let c = intervening();
    let early = late(
        "2026-03-02T11:00:00+08:00",
        "2026-04-20",
        worker(),
        outcome_evaluation(),
    );
    let err = refused(&mut c.clone(), early.clone(), "records-authentic");
    assert!(err.to_string().contains("intervening"), "{err}");
    let mut old = OldRulesCase::under(5, &c);
    old.apply(early)
        .unwrap_or_else(|err| panic!("accepted under rules version 5: {err}"));
    let mut ok = c.clone();
    ok.apply(late(
        "2026-04-01T11:00:00+08:00",
        "2026-04-20",
        worker(),
        outcome_evaluation(),
    ))
    .unwrap();
    assert_eq!(ok.stage(), Stage::Evaluating);
}

// [records-authentic] Events that leave the stage as it is (a note, a contact) may still be
// entered late with their own earlier dates: only a move on is ordered.
#[test]
fn a_late_note_that_moves_nothing_is_accepted() {
    let mut c = intervening();
    let note = EventKind::NoteAdded {
        text: "补记：3月10日电话回访".into(),
    };
    c.apply(late(
        "2026-03-10T10:00:00+08:00",
        "2026-04-20",
        worker(),
        note,
    ))
    .unwrap();
    assert_eq!(c.stage(), Stage::Intervening);
}
