//! The guards of issue 12 (rules version 2), each named by its rule ID. Every test also
//! replays the same step under rules version 1 — the code before the fix — and shows it was
//! accepted there: that half is the "failed before the fix" evidence, and it keeps the
//! published histories replaying.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shegong::case::*;

/// A step that rules version 2 refuses by `rule` and version 1 accepted.
fn refused_since_v2(case: &Case, e: NewEvent, rule: &str) -> CaseError {
    let mut v2 = case.clone();
    let err = refused(&mut v2, e.clone(), rule);
    let mut v1 = OldRulesCase::v1(case);
    v1.apply(e)
        .expect("rules version 1 accepted this step (the behaviour before the fix)");
    err
}

fn at(when: &str, actor: Actor, event: EventKind) -> NewEvent {
    ev(when, actor, event)
}

fn mandatory_referral() -> Referral {
    Referral {
        receiver: "辖区派出所".into(),
        receiver_is_department: true,
        needs: "对他人构成危险，需公安处置".into(),
        accompanied: false,
        mandatory: true,
        receiver_agreed_by: None,
        ends_service: true,
    }
}

fn crisis_declared(day: &str) -> NewEvent {
    at(
        day,
        worker(),
        EventKind::CrisisDeclared {
            summary: "有自伤风险".into(),
        },
    )
}

fn revoke(day: &str) -> NewEvent {
    at(
        day,
        client_actor(),
        EventKind::ConsentRevoked {
            consent_id: "k-service".into(),
            reason: "不想继续".into(),
        },
    )
}

// Finding 1 — [terminate-danger-refer] [refer-out-consent]: a mandatory referral without a
// recorded danger ground is refused (it bypassed the client's consent and closed the case).
#[test]
fn terminate_danger_refer_mandatory_referral_needs_the_danger_ground() {
    let case = case_at(Stage::Intervening);
    let e = at(
        "2026-04-01",
        worker(),
        EventKind::ReferredOut {
            referral: mandatory_referral(),
        },
    );
    refused_since_v2(&case, e, "terminate-danger-refer");
    // With the ground recorded (termination for danger to others) it is accepted.
    let mut case = case_at(Stage::Intervening);
    case.apply(at(
        "2026-04-01",
        worker(),
        EventKind::Terminated {
            ground: TerminationGround::DangerToOthers,
            summary: "威胁其他服务对象".into(),
            referral: Some(mandatory_referral()),
        },
    ))
    .unwrap();
    assert_eq!(case.stage(), Stage::Closing);
}

// Finding 2 — [open-consent] for the whole service: after the only live service consent is
// revoked, no plan, intervention, session or evaluation; contacts, withdrawal, a new consent
// and notes remain possible.
#[test]
fn open_consent_holds_for_the_whole_service() {
    // Revoked while opened (approved, assessed): the plan is refused.
    let mut opened = case_at(Stage::Opened);
    opened.apply(revoke("2026-03-13")).unwrap();
    let plan = at(
        "2026-03-16",
        worker(),
        EventKind::PlanAgreed { plan: plan() },
    );
    refused_since_v2(&opened, plan, "open-consent");
    // Revoked during intervention: sessions, evaluations and intervention are refused.
    let mut case = case_at(Stage::Intervening);
    case.apply(revoke("2026-03-25")).unwrap();
    refused_since_v2(
        &case,
        at("2026-03-26", worker(), session("会谈")),
        "open-consent",
    );
    refused_since_v2(
        &case,
        at("2026-03-26", worker(), outcome_evaluation()),
        "open-consent",
    );
    refused_since_v2(
        &case,
        at(
            "2026-03-26",
            worker(),
            EventKind::AssessmentCompleted {
                assessment: match assessment() {
                    EventKind::AssessmentCompleted { assessment } => assessment,
                    _ => unreachable!(),
                },
            },
        ),
        "open-consent",
    );
    // What remains possible.
    let mut c = case.clone();
    c.apply(at(
        "2026-03-26",
        worker(),
        EventKind::Contacted {
            method: ContactMethod::Phone,
            summary: "询问是否重新签署同意书".into(),
        },
    ))
    .unwrap();
    c.apply(at(
        "2026-03-26T11:00:00+08:00",
        worker(),
        EventKind::ContactFailed {
            method: ContactMethod::Phone,
            note: "未接".into(),
        },
    ))
    .unwrap();
    c.apply(at(
        "2026-03-26T12:00:00+08:00",
        worker(),
        EventKind::NoteAdded {
            text: "记录".into(),
        },
    ))
    .unwrap();
    let mut renewed = c.clone();
    renewed
        .apply(at(
            "2026-03-27",
            client_actor(),
            consent(
                "k-service-2",
                ConsentCapacity::Client,
                ConsentPurpose::Service,
            ),
        ))
        .unwrap();
    renewed
        .apply(at("2026-03-28", worker(), session("重新同意后会谈")))
        .unwrap();
    let mut crisis = c.clone();
    crisis.apply(crisis_declared("2026-03-27")).unwrap();
    crisis
        .apply(at(
            "2026-03-27T11:00:00+08:00",
            worker(),
            EventKind::InterventionStarted {
                kind: InterventionKind::Direct,
                strategies: vec![Strategy::CrisisIntervention],
            },
        ))
        .unwrap();
    c.apply(at(
        "2026-03-27",
        client_actor(),
        EventKind::Withdrawn {
            reason: "不再需要服务".into(),
        },
    ))
    .unwrap();
    assert_eq!(c.stage(), Stage::Closing);
}

fn submitted_case() -> Case {
    // Through the opening's submission to s-zhang, before its decision.
    let mut events = happy_path().into_iter().take(7);
    let mut case = Case::start(events.next().unwrap()).unwrap();
    for e in events {
        case.apply(e).unwrap();
    }
    assert!(matches!(
        case.history().last().unwrap().event,
        EventKind::OpeningSubmitted { .. }
    ));
    case
}

// Finding 3 — [open-approval-5wd]: the decision comes from the supervisor the submission
// named, never from a person who acted as the case's worker; a project lead or team lead
// cannot approve when a first-line supervisor was named.
#[test]
fn open_approval_5wd_only_the_named_supervisor_decides() {
    let case = submitted_case();
    let approve = |actor: Actor| {
        at(
            "2026-03-06",
            actor,
            EventKind::OpeningDecided {
                decision: approved(),
            },
        )
    };
    refused_since_v2(
        &case,
        approve(Actor::new("s-wu", Role::FirstLineSupervisor)),
        "open-approval-5wd",
    );
    refused_since_v2(&case, approve(lead()), "open-approval-5wd");
    refused_since_v2(
        &case,
        approve(Actor::new("t-he", Role::TeamLead)),
        "open-approval-5wd",
    );
    // A person who acted as the case's worker, now under a supervisor role.
    let mut helped = case.clone();
    helped
        .apply(at(
            "2026-03-05T11:00:00+08:00",
            worker2(),
            EventKind::NoteAdded {
                text: "协助".into(),
            },
        ))
        .unwrap();
    refused_since_v2(
        &helped,
        approve(Actor::new("w-chen", Role::FirstLineSupervisor)),
        "open-approval-5wd",
    );
    // The named supervisor approves.
    let mut ok = case.clone();
    ok.apply(approve(supervisor())).unwrap();
    assert!(ok.state().opening_approved());
}

// [open-approval-5wd] (same class): a person who acted as the case's worker cannot be named
// as its supervisor, even under a supervisor role later.
#[test]
fn open_approval_5wd_worker_named_as_supervisor_is_refused() {
    let case = case_after(6);
    let mut other = case.clone();
    other
        .apply(at(
            "2026-03-04",
            worker2(),
            EventKind::NoteAdded {
                text: "协助记录".into(),
            },
        ))
        .unwrap();
    refused_since_v2(
        &other,
        at(
            "2026-03-05",
            worker(),
            EventKind::OpeningSubmitted {
                supervisor: "w-chen".into(),
            },
        ),
        "open-approval-5wd",
    );
}

// [close-report-3wd] (same class): the closing report is decided by the role it went to and
// never by a person who acted as the case's worker.
#[test]
fn close_report_3wd_decided_by_the_role_it_went_to() {
    let case = case_after(16); // report submitted to the first-line supervisor
    assert_eq!(case.stage(), Stage::Closing);
    let decide = |actor: Actor| {
        at(
            "2026-04-24",
            actor,
            EventKind::ClosingDecided {
                decision: approved(),
            },
        )
    };
    refused_since_v2(&case, decide(lead()), "close-report-3wd");
    let mut helped = case.clone();
    helped
        .apply(at(
            "2026-04-23T11:00:00+08:00",
            worker2(),
            EventKind::NoteAdded {
                text: "协助".into(),
            },
        ))
        .unwrap();
    refused_since_v2(
        &helped,
        decide(Actor::new("w-chen", Role::FirstLineSupervisor)),
        "close-report-3wd",
    );
    let mut ok = case.clone();
    ok.apply(decide(supervisor())).unwrap();
    assert_eq!(ok.stage(), Stage::Closed);
}

// Finding 4 — [crisis-immediate]: a crisis can be declared at any stage; in follow-up it is
// recorded on the closed case without reopening it.
#[test]
fn crisis_immediate_at_any_stage() {
    for stage in [Stage::Closing, Stage::Closed, Stage::FollowUp] {
        let case = case_at(stage);
        let day = if stage == Stage::Closing {
            "2026-04-22"
        } else {
            "2026-05-21"
        };
        refused_since_v2_accepted(&case, crisis_declared(day), stage);
    }
}

/// Version 1 refused a crisis after closing; version 2 accepts it and keeps the stage.
fn refused_since_v2_accepted(case: &Case, e: NewEvent, stage: Stage) {
    let mut v1 = OldRulesCase::v1(case);
    let err = v1.apply(e.clone()).unwrap_err();
    assert_eq!(err.rule_id(), Some("crisis-immediate"));
    let mut v2 = case.clone();
    v2.apply(e).unwrap();
    assert_eq!(v2.stage(), stage, "a crisis does not reopen the case");
    assert!(v2.state().crisis);
}

// Finding 4 — [crisis-immediate]: the report names the supervisor and the departments.
#[test]
fn crisis_immediate_report_names_supervisor_and_departments() {
    let mut case = case_at(Stage::Consultation);
    case.apply(crisis_declared("2026-03-02T11:00:00+08:00"))
        .unwrap();
    let report = |supervisor: &str, departments: Vec<String>, to: Vec<String>| {
        at(
            "2026-03-02T11:30:00+08:00",
            worker(),
            EventKind::CrisisReported {
                to,
                supervisor: supervisor.into(),
                departments,
            },
        )
    };
    // Only the supervisor: accepted before, refused now.
    refused_since_v2(
        &case,
        report("", vec![], vec!["s-zhang".into()]),
        "crisis-immediate",
    );
    let mut v2 = case.clone();
    let err = v2.apply(report("s-zhang", vec![], vec![])).unwrap_err();
    assert_eq!(err.rule_id(), Some("crisis-immediate"));
    v2.apply(report("s-zhang", vec!["街道民政科".into()], vec![]))
        .unwrap();
    assert!(v2.state().crisis_reported);
    // Not dated before the crisis it reports.
    let mut backdated = case.clone();
    let err = backdated
        .apply(late(
            "2026-03-02T10:30:00+08:00",
            "2026-03-02T11:30:00+08:00",
            worker(),
            EventKind::CrisisReported {
                to: vec![],
                supervisor: "s-zhang".into(),
                departments: vec!["街道民政科".into()],
            },
        ))
        .unwrap_err();
    assert_eq!(err.rule_id(), Some("crisis-immediate"));
}

// Finding 6 — backdated submissions: an opening_submitted dated before opened is refused, and
// so is a decision dated before its submission.
#[test]
fn open_approval_5wd_submission_not_dated_before_the_opening() {
    let case = case_after(6); // opened 2026-03-03T10:00
    refused_since_v2(
        &case,
        late(
            "2026-03-02T15:00:00+08:00",
            "2026-03-05T10:00:00+08:00",
            worker(),
            EventKind::OpeningSubmitted {
                supervisor: "s-zhang".into(),
            },
        ),
        "open-approval-5wd",
    );
    let case = submitted_case(); // submitted 2026-03-05T10:00
    refused_since_v2(
        &case,
        late(
            "2026-03-04T10:00:00+08:00",
            "2026-03-06T10:00:00+08:00",
            supervisor(),
            EventKind::OpeningDecided {
                decision: approved(),
            },
        ),
        "open-approval-5wd",
    );
}

// Finding 6, same class: the closing report not dated before the closing, the consultation
// reply not before the decision not to open, the opening not before the consent.
#[test]
fn backdated_closing_report_reply_and_opening_are_refused() {
    let case = case_after(15); // client evaluation (closing) on 2026-04-21
    refused_since_v2(
        &case,
        late(
            "2026-04-20T09:00:00+08:00",
            "2026-04-23T10:00:00+08:00",
            worker(),
            EventKind::ClosingReportSubmitted {
                to: Role::FirstLineSupervisor,
                summary: "结案报告".into(),
            },
        ),
        "close-report-3wd",
    );
    let mut consult = case_at(Stage::Consultation);
    consult
        .apply(at(
            "2026-03-03",
            worker(),
            EventKind::NotOpened {
                reasons: "无需开案".into(),
            },
        ))
        .unwrap();
    refused_since_v2(
        &consult,
        late(
            "2026-03-02T12:00:00+08:00",
            "2026-03-04T10:00:00+08:00",
            worker(),
            EventKind::ConsultationReplied {
                mode: ReplyMode::Oral,
                reasons: "无需开案".into(),
            },
        ),
        "consult-reply-5wd",
    );
    // Consent recorded at 09:30; an opening dated 09:00 is refused.
    let case = case_after(5);
    refused_since_v2(
        &case,
        late(
            "2026-03-03T09:00:00+08:00",
            "2026-03-03T10:00:00+08:00",
            worker(),
            EventKind::Opened {
                summary: "开案".into(),
            },
        ),
        "open-consent",
    );
}

// Finding 8 — [consult-reply-5wd]: not opening is still possible after intake.
#[test]
fn consult_reply_5wd_not_opened_after_intake() {
    let case = case_at(Stage::Intake);
    let e = at(
        "2026-03-03T09:40:00+08:00",
        worker(),
        EventKind::NotOpened {
            reasons: "评估后无需开案".into(),
        },
    );
    let mut v1 = OldRulesCase::v1(&case);
    assert_eq!(
        v1.apply(e.clone()).unwrap_err().rule_id(),
        Some("consult-reply-5wd")
    );
    let mut v2 = case.clone();
    v2.apply(e).unwrap();
    assert_eq!(v2.stage(), Stage::ConsultationCase);
}

// Finding 8 — [withdraw-any-stage]: withdrawal is allowed at closing; the closing goes on for it.
#[test]
fn withdraw_any_stage_at_closing() {
    let case = case_at(Stage::Closing);
    let e = at(
        "2026-04-22",
        client_actor(),
        EventKind::Withdrawn {
            reason: "搬离社区".into(),
        },
    );
    let mut v1 = OldRulesCase::v1(&case);
    assert_eq!(
        v1.apply(e.clone()).unwrap_err().rule_id(),
        Some("withdraw-any-stage")
    );
    let mut v2 = case.clone();
    v2.apply(e).unwrap();
    assert_eq!(v2.stage(), Stage::Closing);
    assert!(matches!(
        v2.state().closing.as_ref().unwrap().reason,
        ClosingReason::Withdrawn { .. }
    ));
}

// Finding 8 — [terminate-missing-dead]: death or disappearance can be recorded before intake.
#[test]
fn terminate_missing_dead_before_intake() {
    let mut case = case_at(Stage::Consultation);
    case.apply(at(
        "2026-03-03",
        worker(),
        EventKind::Terminated {
            ground: TerminationGround::Died,
            summary: "服务对象去世".into(),
            referral: None,
        },
    ))
    .unwrap();
    assert_eq!(
        case.stage(),
        Stage::Closed,
        "never taken on: the case simply ends"
    );
    let mut v1 = OldRulesCase::v1(&case_at(Stage::Consultation));
    assert!(v1
        .apply(at(
            "2026-03-03",
            worker(),
            EventKind::Terminated {
                ground: TerminationGround::Missing,
                summary: "失联".into(),
                referral: None,
            },
        ))
        .is_err());
}

// Finding 8 — [consult-max-3]: "居家养老 " and "居家养老" are one topic.
#[test]
fn consult_max_3_topics_are_normalised() {
    let mut case = case_at(Stage::Consultation); // one consultation on "居家养老"
    for (i, topic) in ["居家养老 ", "居家 养老", "居家养老"].iter().enumerate() {
        let r = case
            .apply(at(
                &format!("2026-03-0{}", i + 3),
                worker(),
                EventKind::ConsultationHeld {
                    topic: (*topic).into(),
                    summary: "咨询".into(),
                },
            ))
            .unwrap();
        assert_eq!(
            r.warnings.iter().any(|w| w.rule == "consult-max-3"),
            i == 2,
            "consultation {} on {topic:?}",
            i + 2
        );
    }
    assert_eq!(case.state().consultations.len(), 1);
    assert_eq!(
        shegong::identity::grouping_key("3栋 502"),
        shegong::identity::grouping_key("3栋502")
    );
}

// Identifiers are validated at input and compared exactly: surrounding whitespace and empty
// ids are refused (two empty ids must never match each other).
#[test]
fn records_authentic_identifiers_are_exact() {
    let case = case_after(6);
    let mut c = case.clone();
    let err = c
        .apply(at(
            "2026-03-05",
            worker(),
            EventKind::OpeningSubmitted {
                supervisor: " s-zhang".into(),
            },
        ))
        .unwrap_err();
    assert!(matches!(err, CaseError::InvalidInput { .. }), "{err}");
    let err = c
        .apply(at(
            "2026-03-05",
            Actor::new("", Role::Worker),
            EventKind::NoteAdded { text: "x".into() },
        ))
        .unwrap_err();
    assert!(matches!(err, CaseError::InvalidInput { .. }), "{err}");
    assert_eq!(c, case);
}

// [inform-rights]: a non-crisis case cannot be opened before the application and withdrawal
// mechanisms are explained; a crisis case can.
#[test]
fn inform_rights_before_opening() {
    let mut events: Vec<NewEvent> = happy_path()
        .into_iter()
        .take(6)
        .filter(|e| !matches!(e.event, EventKind::RightsInformed { .. }))
        .collect();
    let opened = events.pop().unwrap();
    let mut case = Case::start(events.remove(0)).unwrap();
    for e in events {
        case.apply(e).unwrap();
    }
    let err = refused_since_v2(&case, opened.clone(), "inform-rights");
    assert!(err.to_string().contains("inform-rights"));
    // A crisis case opens at once.
    let mut crisis = case.clone();
    crisis
        .apply(crisis_declared("2026-03-03T09:45:00+08:00"))
        .unwrap();
    crisis.apply(opened).unwrap();
    assert_eq!(crisis.stage(), Stage::Opened);
}

// [open-after-interview]: no opening before the first consultation interview, crisis excepted.
#[test]
fn open_after_interview_no_opening_without_an_interview() {
    let start = || {
        let mut case = Case::start(ev("2026-03-02T09:00:00+08:00", worker(), received())).unwrap();
        case.apply(at(
            "2026-03-02T09:10:00+08:00",
            worker(),
            EventKind::RightsInformed {
                how: ReplyMode::Written,
                summary: "书面告知".into(),
            },
        ))
        .unwrap();
        case.apply(at(
            "2026-03-02T09:20:00+08:00",
            client_actor(),
            service_consent(),
        ))
        .unwrap();
        case
    };
    let open = at(
        "2026-03-02T09:30:00+08:00",
        worker(),
        EventKind::Opened {
            summary: "开案".into(),
        },
    );
    refused_since_v2(&start(), open.clone(), "open-after-interview");
    let mut crisis = start();
    crisis
        .apply(crisis_declared("2026-03-02T09:25:00+08:00"))
        .unwrap();
    crisis.apply(open).unwrap();
}

// [close-advance-notice]: a planned closing without the announced closing date gets a
// warning; with it on record, none.
#[test]
fn close_advance_notice_warns_without_the_announced_date() {
    let case = case_at(Stage::Evaluating);
    let closing = at(
        "2026-04-21",
        client_actor(),
        EventKind::ClientEvaluationReceived {
            summary: "满意".into(),
        },
    );
    let mut without = case.clone();
    let r = without.apply(closing.clone()).unwrap();
    assert!(r.warnings.iter().any(|w| w.rule == "close-advance-notice"));
    let mut v1 = OldRulesCase::v1(&case);
    assert!(v1.apply(closing.clone()).unwrap().warnings.is_empty());
    let mut with = case.clone();
    with.apply(at(
        "2026-04-20T11:00:00+08:00",
        worker(),
        EventKind::ClosingDateAnnounced {
            date: "2026-04-24".parse().unwrap(),
            client_view: "希望月底结束".into(),
        },
    ))
    .unwrap();
    assert!(with.apply(closing).unwrap().warnings.is_empty());
    // A date in the past is not an advance notice.
    let mut past = case.clone();
    let err = past
        .apply(at(
            "2026-04-20T11:00:00+08:00",
            worker(),
            EventKind::ClosingDateAnnounced {
                date: "2026-04-01".parse().unwrap(),
                client_view: String::new(),
            },
        ))
        .unwrap_err();
    assert!(err.to_string().contains("close-advance-notice"));
}

// [medical-escalation] (case side): an escalation recorded in the client's case awaits the
// social worker's assessment; only a social worker assesses it, and not before it.
#[test]
fn medical_escalation_recorded_and_assessed() {
    let mut case = case_at(Stage::Intervening);
    let err = case
        .apply(at(
            "2026-03-25",
            worker(),
            EventKind::EscalationAssessed {
                crisis: false,
                summary: "无危机".into(),
            },
        ))
        .unwrap_err();
    assert_eq!(err.rule_id(), Some("medical-escalation"));
    case.apply(at(
        "2026-03-25T20:00:00+08:00",
        Actor::new("v-med", Role::Volunteer),
        EventKind::EscalationRecorded {
            volunteer: "v-med".into(),
            condition: "持续高热、呼吸困难".into(),
        },
    ))
    .unwrap();
    assert_eq!(case.state().escalations_pending.len(), 1);
    let by_volunteer = at(
        "2026-03-25T21:00:00+08:00",
        Actor::new("v-med", Role::Volunteer),
        EventKind::EscalationAssessed {
            crisis: true,
            summary: "危机".into(),
        },
    );
    refused(&mut case, by_volunteer, "medical-escalation");
    case.apply(at(
        "2026-03-25T21:00:00+08:00",
        worker(),
        EventKind::EscalationAssessed {
            crisis: true,
            summary: "评估为危机，联系社区就医".into(),
        },
    ))
    .unwrap();
    assert!(case.state().escalations_pending.is_empty());
}

// [medical-escalation]: a case started from a volunteer's escalation owes the assessment.
#[test]
fn medical_escalation_starts_a_case() {
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
    assert_eq!(case.state().escalations_pending.len(), 1);
}

// The published histories replay under rules version 1: see core/tests/history.rs
// (tests/fixtures/v1) and core/tests/case_vectors.rs (v1_step_vectors_still_replay).
