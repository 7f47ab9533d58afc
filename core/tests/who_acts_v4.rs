//! Guards of rules version 4, each judged from the case's own history: the worker's other
//! decisions (a reopening, the intervention, an evaluation, a closing proposal, a termination,
//! a referral out) are recorded by a social worker; a crisis is reported to a supervisor who is
//! not the case's worker; a home visit and an activated sub-plan need a live consent; and a
//! step entered late may not be dated before the step it follows. Every refusal names its
//! rule and changes nothing; the lawful step is accepted; and the same history stored under
//! version 3, where these were not checked, still replays (histories outlive their rules).

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

fn volunteer() -> Actor {
    Actor::new("v-1", Role::Volunteer)
}

/// `e` is refused by `rule` now (the case unchanged), and accepted in the same case stored
/// under rules version 3.
fn refused_only_since_v4(case: &Case, e: NewEvent, rule: &str) {
    const { assert!(RULES_VERSION >= 4) };
    refused(&mut case.clone(), e.clone(), rule);
    let mut old = OldRulesCase::under(3, case);
    old.apply(e)
        .unwrap_or_else(|err| panic!("accepted under rules version 3: {err}"));
}

fn terminated() -> EventKind {
    EventKind::Terminated {
        ground: TerminationGround::NoContact,
        summary: "三个月联系不上".into(),
        referral: None,
    }
}

fn intervention() -> EventKind {
    EventKind::InterventionStarted {
        kind: InterventionKind::Direct,
        strategies: vec![Strategy::IntegrateResources],
    }
}

fn referral_out(case: &mut Case) -> EventKind {
    case.apply(ev(
        "2026-03-25",
        client_actor(),
        consent(
            "k-ref",
            ConsentCapacity::Client,
            ConsentPurpose::Referral {
                receiver: "某医院".into(),
            },
        ),
    ))
    .unwrap();
    EventKind::ReferredOut {
        referral: Referral {
            receiver: "某医院".into(),
            receiver_is_department: false,
            needs: "医疗".into(),
            accompanied: false,
            mandatory: false,
            receiver_agreed_by: Some("李医生".into()),
            ends_service: true,
        },
    }
}

// [open-consent] [intervention-kinds] [evaluation-kinds] [close-types] [terminate-report]
// [refer-out-consent]: each decision is refused from a volunteer, the client, a supervisor
// and a department, and accepted from the worker.
#[test]
fn the_workers_decisions_are_refused_from_every_other_role() {
    let mut referring = case_at(Stage::Intervening);
    let referred = referral_out(&mut referring);
    let steps: Vec<(Case, &str, EventKind, &str)> = vec![
        (
            case_at(Stage::Closed),
            "2026-05-25",
            EventKind::Reopened {
                reason: "复发".into(),
            },
            "open-consent",
        ),
        (
            case_at(Stage::Planned),
            "2026-03-17",
            intervention(),
            "intervention-kinds",
        ),
        (
            case_at(Stage::Intervening),
            "2026-04-20",
            outcome_evaluation(),
            "evaluation-kinds",
        ),
        (
            case_at(Stage::Evaluating),
            "2026-04-21",
            EventKind::ClosingProposed {
                closing_type: ClosingType::StatusChanged,
                reasons: "案主迁居外地".into(),
            },
            "close-types",
        ),
        (
            case_at(Stage::Intervening),
            "2026-07-01",
            terminated(),
            "terminate-report",
        ),
        (referring, "2026-03-26", referred, "refer-out-consent"),
    ];
    for (case, at, event, rule) in steps {
        for actor in [
            volunteer(),
            client_actor(),
            supervisor(),
            lead(),
            Actor::new("d-1", Role::RelevantDepartment),
        ] {
            refused_only_since_v4(&case, ev(at, actor, event.clone()), rule);
        }
        let mut by_worker = case.clone();
        by_worker
            .apply(ev(at, worker(), event.clone()))
            .unwrap_or_else(|e| panic!("{} from the worker: {e}", event.name()));
    }
}

// [open-consent]: a volunteer who reopened a closed case would have become its worker and
// locked the real one out of the opening submission; the worker's reopening keeps the case
// going.
#[test]
fn a_reopening_by_a_volunteer_does_not_take_the_case() {
    let mut case = case_at(Stage::Closed);
    let reopen = |actor| {
        ev(
            "2026-05-25",
            actor,
            EventKind::Reopened {
                reason: "复发".into(),
            },
        )
    };
    refused(&mut case, reopen(volunteer()), "open-consent");
    assert_eq!(case.state().worker, "w-li");
    case.apply(reopen(worker())).unwrap();
    assert_eq!(case.stage(), Stage::Opened);
    assert_eq!(case.state().worker, "w-li");
}

// [crisis-immediate]: "reported to the supervisor" means a supervisor, not the worker who
// reports, nor anyone who acted as this case's worker.
#[test]
fn a_crisis_is_not_reported_to_the_cases_own_worker() {
    let mut case = case_at(Stage::Intervening);
    case.apply(ev(
        "2026-03-26T09:00:00+08:00",
        worker(),
        EventKind::CrisisDeclared {
            summary: "自伤风险".into(),
        },
    ))
    .unwrap();
    let report = |to: &str| {
        ev(
            "2026-03-26T09:30:00+08:00",
            worker(),
            EventKind::CrisisReported {
                to: vec![],
                supervisor: to.into(),
                departments: vec!["派出所".into()],
            },
        )
    };
    refused_only_since_v4(&case, report("w-li"), "crisis-immediate");
    case.apply(report("s-zhang")).unwrap();
    assert!(case.state().crisis_reported);
}

// [open-consent]: after the client revokes the consent to the service, a home visit (a
// service item) and activating a sub-plan are refused; winding a sub-plan down is not.
#[test]
fn no_home_visit_or_activated_sub_plan_after_the_consent_is_revoked() {
    let mut case = case_at(Stage::Intervening);
    case.apply(ev(
        "2026-03-26",
        worker(),
        EventKind::SubPlanAdded {
            sub_plan: SubPlan {
                id: "sp1".into(),
                title: "医疗".into(),
                provider: Provider {
                    agency: "医院".into(),
                    person: "李".into(),
                    contact: "x".into(),
                },
                goals: vec![],
            },
        },
    ))
    .unwrap();
    let mut live = case.clone();
    case.apply(ev(
        "2026-03-27",
        client_actor(),
        EventKind::ConsentRevoked {
            consent_id: "k-service".into(),
            reason: "不想要了".into(),
        },
    ))
    .unwrap();
    let update = |status| {
        ev(
            "2026-03-28",
            worker(),
            EventKind::SubPlanUpdated {
                id: "sp1".into(),
                status,
                note: String::new(),
            },
        )
    };
    let visit = ev(
        "2026-03-28",
        worker(),
        EventKind::Met {
            kind: MeetingKind::HomeVisit,
            summary: "探访".into(),
        },
    );
    refused_only_since_v4(&case, update(SubPlanStatus::Active), "open-consent");
    refused_only_since_v4(&case, visit.clone(), "open-consent");
    case.apply(update(SubPlanStatus::Cancelled)).unwrap();
    // With the consent live, both are service as usual.
    live.apply(visit).unwrap();
    live.apply(update(SubPlanStatus::Active)).unwrap();
}

// [open-after-interview]: an opening entered late may not be dated before the first
// interview, which the guard reads from the interview's own date.
#[test]
fn an_opening_is_not_dated_before_the_first_interview() {
    let mut case = Case::start(ev("2026-03-02T09:00:00+08:00", worker(), received())).unwrap();
    for e in [
        ev(
            "2026-03-02T09:10:00+08:00",
            worker(),
            EventKind::RightsInformed {
                how: ReplyMode::Oral,
                summary: "介绍".into(),
            },
        ),
        ev(
            "2026-03-02T09:20:00+08:00",
            client_actor(),
            service_consent(),
        ),
        ev(
            "2026-03-02T11:00:00+08:00",
            worker(),
            EventKind::ConsultationHeld {
                topic: String::new(),
                summary: "面谈".into(),
            },
        ),
    ] {
        case.apply(e).unwrap();
    }
    let opened = |at: &str| {
        late(
            at,
            "2026-03-02T12:00:00+08:00",
            worker(),
            EventKind::Opened {
                summary: "开案".into(),
            },
        )
    };
    refused_only_since_v4(
        &case,
        opened("2026-03-02T10:00:00+08:00"),
        "open-after-interview",
    );
    case.apply(opened("2026-03-02T11:30:00+08:00")).unwrap();
    assert_eq!(case.stage(), Stage::Opened);
}

// [assessment-steps] [plan-contents]: a plan may not be dated before the first assessment,
// nor the intervention before the plan.
#[test]
fn a_plan_and_an_intervention_follow_what_they_rest_on() {
    let mut assessed = case_after(10);
    assessed
        .apply(ev("2026-03-12", worker(), assessment()))
        .unwrap();
    let plan_on = |at: &str| {
        late(
            at,
            "2026-03-13",
            worker(),
            EventKind::PlanAgreed { plan: plan() },
        )
    };
    refused_only_since_v4(&assessed, plan_on("2026-03-11"), "assessment-steps");
    assessed.apply(plan_on("2026-03-12")).unwrap();

    let planned = case_at(Stage::Planned);
    let planned_at = planned.state().planned_at.unwrap();
    let start_on = |at: &str| late(at, "2026-03-17", worker(), intervention());
    refused_only_since_v4(&planned, start_on("2026-03-15"), "plan-contents");
    let mut started = planned.clone();
    started
        .apply(start_on("2026-03-16T12:00:00+08:00"))
        .unwrap();
    assert!(started.history().last().unwrap().occurred_at >= planned_at);
}

// [followup-after-close] [open-consent]: a follow-up or a reopening entered late may not be
// dated before the closing.
#[test]
fn a_follow_up_or_a_reopening_follows_the_closing() {
    let closed = case_at(Stage::Closed);
    let closed_at = closed.state().closed_at.unwrap();
    let follow_up = |at: &str| {
        late(
            at,
            "2026-05-01",
            worker(),
            EventKind::FollowedUp {
                method: FollowUpMethod::Phone,
                summary: "跟进".into(),
            },
        )
    };
    let reopen = |at: &str| {
        late(
            at,
            "2026-05-01",
            worker(),
            EventKind::Reopened {
                reason: "复发".into(),
            },
        )
    };
    refused_only_since_v4(&closed, follow_up("2026-04-01"), "followup-after-close");
    refused_only_since_v4(&closed, reopen("2026-04-01"), "open-consent");
    let after = closed_at.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    closed.clone().apply(follow_up(&after)).unwrap();
    closed.clone().apply(reopen(&after)).unwrap();
}
