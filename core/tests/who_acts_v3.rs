//! Guards of rules version 3: the steps the social worker owes in a case are recorded by a
//! social worker, and the opening record and the closing report by the case's own worker (the
//! one who opened it, as the case's history says). Each refusal names the rule of the step
//! (`[open-approval-5wd]`, `[close-report-3wd]`, `[consult-reply-5wd]`…); histories stored
//! under version 2, where anyone could record them, still replay.

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

/// The worker's steps and the rule each one's refusal names, written out here rather than
/// taken from the library, so that a change to either side fails this test.
const WORKER_STEPS: &[(&str, &str)] = &[
    ("not_opened", "consult-reply-5wd"),
    ("consultation_replied", "consult-reply-5wd"),
    ("referral_decline_replied", "refer-in-reply-5wd"),
    ("opened", "open-consent"),
    ("opening_submitted", "open-approval-5wd"),
    ("met", "open-meet-10wd"),
    ("assessment_completed", "assessment-steps"),
    ("plan_agreed", "plan-contents"),
    ("rights_informed", "inform-rights"),
    ("closing_date_announced", "close-advance-notice"),
    ("crisis_reported", "crisis-immediate"),
    ("closing_report_submitted", "close-report-3wd"),
    ("followed_up", "followup-after-close"),
];

fn rule_of(kind: &str) -> Option<&'static str> {
    WORKER_STEPS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, rule)| *rule)
}

fn with_actor(e: &NewEvent, actor: Actor) -> NewEvent {
    NewEvent { actor, ..e.clone() }
}

/// Every step of every published case scenario, with the case just before it (only steps
/// that were applied, so the case before the next one is the one the scenario built).
fn scenario_steps() -> Vec<(String, Case, NewEvent)> {
    let mut out = Vec::new();
    for (file, v) in common::vectors::read_all("case") {
        if v["kind"] != "case_steps" {
            continue;
        }
        let steps = v["steps"].as_array().unwrap();
        let first = new_event_from_json(&steps[0]["event"].to_string()).unwrap();
        let mut case = Case::start(first).unwrap();
        for step in &steps[1..] {
            let e = new_event_from_json(&step["event"].to_string()).unwrap();
            if step["expect"]["outcome"] == "applied" {
                out.push((file.clone(), case.clone(), e.clone()));
                case.apply(e).unwrap();
            }
        }
    }
    // The one worker step no published scenario records.
    out.push((
        "closing date (built here)".to_owned(),
        case_at(Stage::Intervening),
        ev(
            "2026-06-01",
            worker(),
            EventKind::ClosingDateAnnounced {
                date: "2026-06-15".parse().unwrap(),
                client_view: String::new(),
            },
        ),
    ));
    out
}

// [open-approval-5wd] [close-report-3wd] [consult-reply-5wd] [refer-in-reply-5wd]
// [open-consent] [open-meet-10wd] [assessment-steps] [plan-contents] [inform-rights]
// [close-advance-notice] [crisis-immediate] [followup-after-close]: each worker step in the
// published scenarios is refused from every other role, names its rule and changes nothing;
// the same step from the worker is accepted.
#[test]
fn worker_steps_are_refused_from_every_other_role() {
    const { assert!(RULES_VERSION >= 3) };
    let mut seen = std::collections::BTreeSet::new();
    let mut refusals = 0;
    for (file, case, e) in scenario_steps() {
        let Some(rule) = rule_of(e.event.name()) else {
            continue;
        };
        assert_eq!(e.actor.role, Role::Worker, "{file}: {}", e.event.name());
        seen.insert(e.event.name());
        for &role in Role::ALL.iter().filter(|r| **r != Role::Worker) {
            let mut c = case.clone();
            // The worker's own id in another role is refused too: the role, not the id,
            // says who acted.
            let err = refused(&mut c, with_actor(&e, Actor::new(&e.actor.id, role)), rule);
            assert!(
                matches!(err, CaseError::Refused { .. }),
                "{file}: {} as {role:?}: {err:?}",
                e.event.name()
            );
            assert!(err.to_string().contains(role.zh()), "{err}");
            refusals += 1;
        }
        case.clone().apply(e).unwrap();
    }
    // Every step in the table appears in some scenario.
    let all: std::collections::BTreeSet<&str> = WORKER_STEPS.iter().map(|(k, _)| *k).collect();
    assert_eq!(seen, all);
    assert!(refusals >= 8 * WORKER_STEPS.len(), "{refusals}");
}

// Steps others may record are not restricted: a consent from the client, a decision from the
// supervisor, a withdrawal, a note (each as published).
#[test]
fn steps_others_record_are_not_restricted() {
    let mut others = 0;
    for (file, case, e) in scenario_steps() {
        if rule_of(e.event.name()).is_none() && e.actor.role != Role::Worker {
            case.clone()
                .apply(e.clone())
                .unwrap_or_else(|err| panic!("{file}: {}: {err}", e.event.name()));
            others += 1;
        }
    }
    assert!(others >= 5, "{others}");
}

// [open-approval-5wd] [close-report-3wd]: the opening record and the closing report are
// submitted by the case's own worker (the one who opened it); another worker may cover a
// meeting but not submit these.
#[test]
fn the_opening_and_closing_report_come_from_the_cases_own_worker() {
    let mut checked = 0;
    for (file, case, e) in scenario_steps() {
        let kind = e.event.name();
        let other = with_actor(&e, worker2());
        match kind {
            "opening_submitted" | "closing_report_submitted" => {
                let mut c = case.clone();
                let err = refused(&mut c, other, rule_of(kind).unwrap());
                assert!(err.to_string().contains("own worker"), "{file}: {err}");
                checked += 1;
            }
            "met" | "followed_up" if case.state().reached.contains(&Stage::Opened) => {
                case.clone().apply(other).unwrap();
            }
            _ => {}
        }
    }
    assert!(checked >= 2, "{checked}");
}

// [records-authentic]: a history stored under rules version 2, where a volunteer recorded the
// opening submission, still replays (histories outlive their rules); the same history with
// the event recorded under version 3 is refused on replay, not only when applied.
#[test]
fn version_2_histories_replay_and_version_3_ones_are_checked_on_replay() {
    let mut events = happy_path();
    let i = events
        .iter()
        .position(|e| e.event.name() == "opening_submitted")
        .unwrap();
    events[i].actor = Actor::new("v-1", Role::Volunteer);
    let old = replay_under(2, &events).unwrap();
    assert_eq!(old.stage(), Stage::FollowUp);
    assert_eq!(Case::from_json(&old.to_json().unwrap()).unwrap(), old);
    let err = replay_under(3, &events).unwrap_err();
    assert_eq!(err.rule_id(), Some("open-approval-5wd"), "{err}");
    assert_eq!(err.code(), "refused");
}
