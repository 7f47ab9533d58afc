//! Random case histories for the property tests: a pool of events that exercise every stage,
//! interleaved with the happy path so that runs reach the later stages.

#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]

use chrono::Duration;
use proptest::prelude::{any, prop};
use shegong::case::Strategy as Tactic;
use shegong::case::*;

use super::*;

/// One of a pool of events that exercise every stage, valid or not where they land.
pub fn event(k: u8) -> EventKind {
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
            supervisor: String::new(),
            departments: vec![],
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

pub fn actor(k: u8) -> Actor {
    match k % 5 {
        0 | 1 => worker(),
        2 => supervisor(),
        3 => lead(),
        _ => client_actor(),
    }
}

/// Random steps: (event, actor, minutes after the previous event, recorded-early flag).
pub fn steps() -> impl proptest::strategy::Strategy<Value = Vec<(u8, u8, u32, bool)>> {
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
pub fn build(steps: &[(u8, u8, u32, bool)]) -> (Case, usize) {
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
