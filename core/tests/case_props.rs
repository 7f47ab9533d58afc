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
use common::*;
use proptest::prelude::*;
use shegong::case::Strategy as Tactic;
use shegong::case::*;

/// One of a pool of events that exercise every stage, valid or not where they land.
fn event(k: u8) -> EventKind {
    match k % 34 {
        0 => EventKind::ConsultationHeld {
            topic: String::new(),
            summary: "咨询".into(),
        },
        1 => EventKind::IntakeAccepted {
            summary: "接案".into(),
        },
        2 => service_consent(),
        3 => consent(
            "k-ref",
            ConsentCapacity::Client,
            ConsentPurpose::Referral {
                receiver: "区医院".into(),
            },
        ),
        4 => EventKind::Opened {
            summary: "开案".into(),
        },
        5 => EventKind::OpeningSubmitted {
            supervisor: "s-zhang".into(),
        },
        6 => EventKind::OpeningDecided {
            decision: approved(),
        },
        7 => EventKind::OpeningDecided {
            decision: Decision::Returned {
                comments: "补充".into(),
            },
        },
        8 => session("会谈"),
        9 => assessment(),
        10 => EventKind::PlanAgreed { plan: plan() },
        11 => EventKind::InterventionStarted {
            kind: InterventionKind::Direct,
            strategies: vec![Tactic::Mediation],
        },
        12 => outcome_evaluation(),
        13 => EventKind::ClientEvaluationReceived {
            summary: "满意".into(),
        },
        14 => EventKind::ClosingReportSubmitted {
            to: Role::FirstLineSupervisor,
            summary: "报告".into(),
        },
        15 => EventKind::ClosingDecided {
            decision: approved(),
        },
        16 => EventKind::FollowedUp {
            method: FollowUpMethod::Phone,
            summary: "跟进".into(),
        },
        17 => EventKind::Withdrawn {
            reason: "搬家".into(),
        },
        18 => EventKind::Terminated {
            ground: TerminationGround::NoContact,
            summary: "失联".into(),
            referral: None,
        },
        19 => EventKind::Terminated {
            ground: TerminationGround::Died,
            summary: "去世".into(),
            referral: None,
        },
        20 => EventKind::ReferredOut {
            referral: Referral {
                receiver: "区医院".into(),
                receiver_is_department: false,
                needs: "就医".into(),
                accompanied: true,
                mandatory: false,
                receiver_agreed_by: Some("刘医生".into()),
                ends_service: k % 2 == 0,
            },
        },
        21 => EventKind::NotOpened {
            reasons: "无需开案".into(),
        },
        22 => EventKind::ConsultationReplied {
            mode: ReplyMode::Written,
            reasons: "原因".into(),
        },
        23 => EventKind::CrisisDeclared {
            summary: "危机".into(),
        },
        24 => EventKind::CrisisReported {
            to: vec!["s-zhang".into()],
        },
        25 => EventKind::InterventionStarted {
            kind: InterventionKind::Direct,
            strategies: vec![Tactic::CrisisIntervention],
        },
        26 => EventKind::Reopened {
            reason: "复发".into(),
        },
        27 => EventKind::ContactFailed {
            method: ContactMethod::Phone,
            note: "未接".into(),
        },
        28 => EventKind::NoteAdded {
            text: "备注".into(),
        },
        29 => EventKind::ClosingProposed {
            closing_type: ClosingType::GoalUnattainable,
            reasons: "无法达成".into(),
        },
        30 => EventKind::ConsentRevoked {
            consent_id: "k-service".into(),
            reason: "撤回".into(),
        },
        31 => EventKind::SubPlanAdded {
            sub_plan: SubPlan {
                id: format!("sp-{}", k % 3),
                title: "医疗".into(),
                provider: Provider {
                    agency: "卫生站".into(),
                    person: "张".into(),
                    contact: "门诊".into(),
                },
                goals: vec![],
            },
        },
        32 => EventKind::ClosingReportSubmitted {
            to: Role::ProjectLead,
            summary: "报告".into(),
        },
        _ => EventKind::Contacted {
            method: ContactMethod::Phone,
            summary: "通话".into(),
        },
    }
}

fn actor(k: u8) -> Actor {
    match k % 5 {
        0 | 1 => worker(),
        2 => supervisor(),
        3 => lead(),
        _ => client_actor(),
    }
}

/// Random steps: (event, actor, minutes after the previous event, recorded-early flag).
fn steps() -> impl proptest::strategy::Strategy<Value = Vec<(u8, u8, u32, bool)>> {
    prop::collection::vec(
        (
            any::<u8>(),
            any::<u8>(),
            0u32..40_000,
            prop::bool::weighted(0.03),
        ),
        0..60,
    )
}

/// Builds a case from random steps; returns it and how many events were refused.
fn build(steps: &[(u8, u8, u32, bool)]) -> (Case, usize) {
    let mut case = Case::start(ev("2026-03-02T09:00:00+08:00", worker(), received())).unwrap();
    let mut now = t("2026-03-02T09:00:00+08:00");
    let mut refused = 0;
    // Interleave the happy path with random events so that runs reach the later stages.
    let happy = happy_path();
    let mut next_happy = 1;
    for &(k, a, minutes, early) in steps {
        now += Duration::minutes(i64::from(minutes));
        let (who, what) = if k >= 128 && next_happy < happy.len() {
            next_happy += 1;
            (
                happy[next_happy - 1].actor.clone(),
                happy[next_happy - 1].event.clone(),
            )
        } else {
            (actor(a), event(k))
        };
        let mut new = NewEvent {
            occurred_at: now,
            recorded_at: now,
            actor: who,
            event: what,
        };
        if early {
            new.recorded_at = now - Duration::minutes(5);
        }
        let before = serde_json::to_string(&(case.to_stored(), case.state())).unwrap();
        match case.apply(new) {
            Ok(_) => {}
            Err(e) => {
                refused += 1;
                // A refused event changes nothing, byte for byte.
                let after = serde_json::to_string(&(case.to_stored(), case.state())).unwrap();
                assert_eq!(before, after, "refused by {e} yet changed");
                assert!(!e.to_string().is_empty());
            }
        }
    }
    (case, refused)
}

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
