//! The deadline side of issue 12: one no-contact clock (`[terminate-no-contact-3m]`) shared by
//! the engine and the termination guard, and the obligation a medical escalation raises
//! (`[medical-escalation]`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shegong::calendar::Calendar;
use shegong::case::*;
use shegong::deadline::*;

fn only<'a>(obs: &'a [Obligation], rule: &str) -> &'a Obligation {
    let found: Vec<_> = obs.iter().filter(|o| o.rule == rule).collect();
    assert_eq!(found.len(), 1, "{rule}: {obs:#?}");
    found[0]
}

fn eval(case: &Case, now: &str) -> Vec<Obligation> {
    RuleSet::preset().obligations(case, &Calendar::china(), t(now))
}

// [terminate-no-contact-3m]: a contact entered late with an earlier date does not move the
// clock back; the engine and the termination guard agree (the latest real contact by time),
// and failed attempts do not restart it.
#[test]
fn terminate_no_contact_3m_one_clock_by_time() {
    let mut case = case_at(Stage::Intervening); // last contact: session on 2026-03-24
    case.apply(ev(
        "2026-04-10",
        worker(),
        EventKind::Contacted {
            method: ContactMethod::Phone,
            summary: "电话联系".into(),
        },
    ))
    .unwrap();
    // A call of 2026-03-30 entered late, after the one of 04-10.
    case.apply(NewEvent {
        occurred_at: t("2026-03-30"),
        recorded_at: t("2026-04-11"),
        actor: worker(),
        event: EventKind::Contacted {
            method: ContactMethod::Phone,
            summary: "补录的电话".into(),
        },
    })
    .unwrap();
    case.apply(ev(
        "2026-06-01",
        worker(),
        EventKind::ContactFailed {
            method: ContactMethod::Phone,
            note: "未接".into(),
        },
    ))
    .unwrap();
    let ob = only(
        &eval(&case, "2026-07-05T10:00:00+08:00"),
        "terminate-no-contact-3m",
    )
    .clone();
    assert_eq!(ob.counts_from.date.to_string(), "2026-04-10", "{ob:#?}");
    assert_eq!(ob.due_date.unwrap().to_string(), "2026-07-10");
    assert_eq!(case.state().last_contact_at, t("2026-04-10"));
    // The guard refuses a termination before the engine's due date, and accepts it from then.
    let terminate = |day: &str| {
        ev(
            day,
            worker(),
            EventKind::Terminated {
                ground: TerminationGround::NoContact,
                summary: "三个月联系不上".into(),
                referral: None,
            },
        )
    };
    let mut early = case.clone();
    refused(
        &mut early,
        terminate("2026-07-09"),
        "terminate-no-contact-3m",
    );
    case.apply(terminate("2026-07-10")).unwrap();
}

fn escalated_case() -> Case {
    let mut case = case_at(Stage::Intervening);
    case.apply(ev(
        "2026-03-25T20:00:00+08:00",
        Actor::new("v-med", Role::Volunteer),
        EventKind::EscalationRecorded {
            volunteer: "v-med".into(),
            condition: "持续高热".into(),
        },
    ))
    .unwrap();
    case
}

// [medical-escalation]: the escalation raises a 24-hour obligation on the social worker
// (the library's choice: the seed says 及时), met by the assessment.
#[test]
fn medical_escalation_raises_a_24_hour_obligation() {
    let rule = RuleSet::preset();
    let r = rule.rule("medical-escalation").unwrap();
    assert_eq!(r.offset, Offset::Hours(24));
    assert_eq!(r.owed_by, Role::Worker);
    assert!(r.owed.contains("library's choice"));
    let mut case = escalated_case();
    let ob = only(
        &eval(&case, "2026-03-26T21:00:00+08:00"),
        "medical-escalation",
    )
    .clone();
    assert!(
        matches!(ob.status, ObligationStatus::Overdue { .. }),
        "{ob:#?}"
    );
    assert_eq!(ob.due_at, Some(t("2026-03-26T20:00:00+08:00")));
    case.apply(ev(
        "2026-03-26T09:00:00+08:00",
        worker(),
        EventKind::EscalationAssessed {
            crisis: false,
            summary: "评估无危机".into(),
        },
    ))
    .unwrap();
    let ob = only(
        &eval(&case, "2026-03-27T09:00:00+08:00"),
        "medical-escalation",
    )
    .clone();
    assert!(
        matches!(ob.status, ObligationStatus::Met { on_time: true, .. }),
        "{ob:#?}"
    );
}

// [medical-escalation]: a case started from an escalation owes the assessment too.
#[test]
fn medical_escalation_case_started_from_it_owes_the_assessment() {
    let case = Case::start(ev(
        "2026-03-25T20:00:00+08:00",
        Actor::new("v-med", Role::Volunteer),
        EventKind::Received {
            case_number: "SZ-2026-0042".parse().unwrap(),
            client: client(None),
            source: Source::VolunteerEscalation {
                volunteer: "v-med".into(),
                condition: "胸痛".into(),
            },
            channel: Channel::Phone,
            topic: "紧急就医".into(),
        },
    ))
    .unwrap();
    let ob = only(
        &eval(&case, "2026-03-25T21:00:00+08:00"),
        "medical-escalation",
    )
    .clone();
    assert_eq!(ob.due_at, Some(t("2026-03-26T20:00:00+08:00")));
}
