//! Volunteers, agreements, shifts and hours (`[volunteer-registration-fields]`,
//! `[volunteer-kinds]`, `[volunteer-lifecycle]`, `[agreement-breach-actions]`,
//! `[agreement-survives-termination]`, `[shift-handover]`, `[volunteer-hours]`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::records::sample_json;
use common::{t, worker};
use shegong::assessment::{RecordKind, ServiceTime};
use shegong::case::{Actor, Role};
use shegong::volunteer::*;

pub fn registration(positions: &[&str], proof: bool) -> VolunteerRegistration {
    let mut json = sample_json(RecordKind::VolunteerRegistration);
    json.as_object_mut().unwrap().remove("kind");
    json["positions"] = serde_json::json!(positions);
    if !proof {
        json["qualifications"] = serde_json::json!([]);
    }
    serde_json::from_value(json).unwrap()
}

pub fn agreement(id: &str, effective: &str) -> ConfidentialityAgreement {
    ConfidentialityAgreement {
        id: id.into(),
        agency: "某社工服务中心".into(),
        agency_phone: None,
        volunteer_name: "刘医生".into(),
        volunteer_id_number: "11010519491231002X".parse().unwrap(),
        volunteer_phone: "13800131234".parse().unwrap(),
        scope: ConfidentialScope::ALL.to_vec(),
        effective_from: effective.parse().unwrap(),
    }
}

fn rec(v: &mut Volunteer, at: &str, e: VolunteerEvent) {
    let actor = common::volunteer::actor_for(v.id(), &e);
    v.apply(shegong::history::NewEvent::at(t(at), actor, e))
        .unwrap();
}

/// A medical volunteer screened, trained, with agreement "A1" in force from 2026-03-05 and
/// deployed to group "G-focus".
pub fn deployed(id: &str) -> Volunteer {
    let mut v = Volunteer::start(shegong::history::NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: (id).into(),
            registration: Box::new(registration(&["medical", "general"], true)),
        },
    ))
    .unwrap();
    rec(
        &mut v,
        "2026-03-02",
        VolunteerEvent::Screened {
            passed: true,
            note: "资质齐全".into(),
        },
    );
    rec(
        &mut v,
        "2026-03-03",
        VolunteerEvent::Trained {
            course: "岗前培训".into(),
            hours: 3,
        },
    );
    rec(
        &mut v,
        "2026-03-03",
        VolunteerEvent::AgreementDrafted {
            agreement: Box::new(agreement("A1", "2026-03-05")),
        },
    );
    rec(
        &mut v,
        "2026-03-04",
        VolunteerEvent::AgreementSigned {
            agreement_id: "A1".into(),
            party: Party::Volunteer,
        },
    );
    rec(
        &mut v,
        "2026-03-04",
        VolunteerEvent::AgreementSigned {
            agreement_id: "A1".into(),
            party: Party::Agency,
        },
    );
    rec(
        &mut v,
        "2026-03-05",
        VolunteerEvent::Deployed {
            group_id: "G-focus".into(),
        },
    );
    v
}

// [volunteer-registration-fields] [volunteer-kinds]: every field of the form; four kinds;
// professional kinds carry qualification proof.
#[test]
fn registration_fields_and_kinds() {
    let r = registration(&["medical"], true);
    assert_eq!(r.qualifications[0].name, "执业医师");
    assert_eq!(VolunteerKind::ALL.len(), 4);
    assert!(
        VolunteerKind::Medical.is_professional() && VolunteerKind::Psychological.is_professional()
    );
    assert!(!VolunteerKind::General.is_professional());
    for path in [
        "name",
        "gender",
        "political_status",
        "id_number",
        "years_of_work",
        "school",
        "major_and_degree",
        "service_skills",
        "region",
        "phone",
        "wechat_id",
        "employer",
        "similar_experience",
        "qualifications[].proof",
        "available_hours_per_week",
        "time_slots",
        "positions",
    ] {
        assert!(
            RecordKind::VolunteerRegistration.field(path).is_some(),
            "{path}"
        );
    }
    // A professional without proof cannot pass screening.
    let mut v = Volunteer::start(shegong::history::NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: ("v-2").into(),
            registration: Box::new(registration(&["psychological"], false)),
        },
    ))
    .unwrap();
    let err = v
        .apply(shegong::history::NewEvent::at(
            t("2026-03-02"),
            worker(),
            VolunteerEvent::Screened {
                passed: true,
                note: String::new(),
            },
        ))
        .unwrap_err();
    assert_eq!(err.rule_id(), Some("volunteer-kinds"));
    // "Other" must be spelled out.
    assert!(Volunteer::start(shegong::history::NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: ("v-3").into(),
            registration: Box::new(registration(&["other"], false))
        }
    ))
    .is_err());
    assert!(Volunteer::start(shegong::history::NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: ("v-4").into(),
            registration: Box::new(registration(&[], false))
        }
    ))
    .is_err());
}

// [volunteer-lifecycle]: registered → screened → trained → agreement signed → deployed → ended.
#[test]
fn lifecycle_order_is_enforced() {
    let mut v = Volunteer::start(shegong::history::NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: ("v-1").into(),
            registration: Box::new(registration(&["general"], false)),
        },
    ))
    .unwrap();
    assert_eq!(v.stage(), VolunteerStage::Registered);
    let deploy = VolunteerEvent::Deployed {
        group_id: "G-1".into(),
    };
    let before = v.clone();
    assert_eq!(
        v.apply(shegong::history::NewEvent::at(
            t("2026-03-02"),
            worker(),
            deploy.clone()
        ))
        .unwrap_err()
        .rule_id(),
        Some("volunteer-lifecycle")
    );
    assert_eq!(v, before, "a refused event changes nothing");
    assert_eq!(
        v.apply(shegong::history::NewEvent::at(
            t("2026-03-02"),
            worker(),
            VolunteerEvent::Trained {
                course: "x".into(),
                hours: 1
            }
        ))
        .unwrap_err()
        .rule_id(),
        Some("volunteer-lifecycle")
    );
    rec(
        &mut v,
        "2026-03-02",
        VolunteerEvent::Screened {
            passed: true,
            note: String::new(),
        },
    );
    assert_eq!(v.stage(), VolunteerStage::Screened);
    rec(
        &mut v,
        "2026-03-03",
        VolunteerEvent::AgreementDrafted {
            agreement: Box::new(agreement("A1", "2026-03-03")),
        },
    );
    let sign = |party| VolunteerEvent::AgreementSigned {
        agreement_id: "A1".into(),
        party,
    };
    assert!(
        v.apply(shegong::history::NewEvent::at(
            t("2026-03-03"),
            worker(),
            sign(Party::Volunteer)
        ))
        .is_err(),
        "the agreement is signed after training"
    );
    rec(
        &mut v,
        "2026-03-03",
        VolunteerEvent::Trained {
            course: "岗前培训".into(),
            hours: 2,
        },
    );
    assert_eq!(v.stage(), VolunteerStage::Trained);
    assert!(
        v.apply(shegong::history::NewEvent::at(
            t("2026-03-04"),
            worker(),
            deploy.clone()
        ))
        .is_err(),
        "no agreement in force yet"
    );
    rec(&mut v, "2026-03-04", sign(Party::Volunteer));
    assert!(
        v.apply(shegong::history::NewEvent::at(
            t("2026-03-04"),
            worker(),
            deploy.clone()
        ))
        .is_err(),
        "signed by one party only"
    );
    rec(&mut v, "2026-03-04", sign(Party::Agency));
    assert_eq!(v.stage(), VolunteerStage::AgreementSigned);
    rec(&mut v, "2026-03-04", deploy);
    assert_eq!(v.stage(), VolunteerStage::Deployed);
    rec(
        &mut v,
        "2026-06-30",
        VolunteerEvent::Commended {
            note: "长期志愿者".into(),
        },
    );
    rec(
        &mut v,
        "2026-07-01",
        VolunteerEvent::Ended {
            reason: "返校".into(),
        },
    );
    assert_eq!(v.stage(), VolunteerStage::Ended);
    assert!(v.deployments().is_empty());
    // Replay rebuilds the same volunteer; serde goes through replay.
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(serde_json::from_str::<Volunteer>(&json).unwrap(), v);
    // A failed screening rejects.
    let mut r = Volunteer::start(shegong::history::NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: ("v-9").into(),
            registration: Box::new(registration(&["general"], false)),
        },
    ))
    .unwrap();
    rec(
        &mut r,
        "2026-03-02",
        VolunteerEvent::Screened {
            passed: false,
            note: "时间不足".into(),
        },
    );
    assert_eq!(r.stage(), VolunteerStage::Rejected);
}

// The agreement: draft → signed → in force from its effective date → terminated; the
// agreement must carry the volunteer's own ID number.
#[test]
fn agreement_states() {
    let v = deployed("v-1");
    let a = v.agreement("A1").unwrap();
    assert_eq!(
        a.status_on("2026-03-03".parse().unwrap()),
        AgreementStatus::Draft
    );
    assert_eq!(
        a.status_on("2026-03-04".parse().unwrap()),
        AgreementStatus::Signed {
            effective_from: "2026-03-05".parse().unwrap()
        }
    );
    assert_eq!(
        a.status_on("2026-03-05".parse().unwrap()).name(),
        "in_force"
    );
    assert!(a.covers_client_information());
    assert!(
        format!("{a:?}").contains("110105********002X"),
        "Debug masks the ID number"
    );
    assert!(!format!("{a:?}").contains("11010519491231002X"));
    let mut other = v.clone();
    let mut wrong = agreement("A2", "2026-03-05");
    wrong.volunteer_id_number = "440524188001010014".parse().unwrap();
    assert!(other
        .apply(shegong::history::NewEvent::at(
            t("2026-03-06"),
            worker(),
            VolunteerEvent::AgreementDrafted {
                agreement: Box::new(wrong)
            }
        ))
        .is_err());
}

// [agreement-breach-actions]: the agency chooses among remind, stop, warn and removal, in any
// order; each is attributed; removal ends the deployment to that group.
#[test]
fn breach_actions_are_options_not_a_ladder() {
    let mut v = deployed("v-1");
    rec(
        &mut v,
        "2026-04-01",
        VolunteerEvent::BreachRecorded {
            breach_id: "B1".into(),
            agreement_id: "A1".into(),
            description: "在群内转述服务对象病情".into(),
        },
    );
    let lead = Actor::new("l-zhou", Role::ProjectLead);
    // Straight to a warning, then a reminder: no fixed order.
    v.apply(shegong::history::NewEvent::at(
        t("2026-04-01"),
        lead.clone(),
        VolunteerEvent::BreachActionTaken {
            breach_id: "B1".into(),
            action: BreachAction::Warn,
            group_id: None,
            note: String::new(),
        },
    ))
    .unwrap();
    v.apply(shegong::history::NewEvent::at(
        t("2026-04-02"),
        lead.clone(),
        VolunteerEvent::BreachActionTaken {
            breach_id: "B1".into(),
            action: BreachAction::Remind,
            group_id: None,
            note: String::new(),
        },
    ))
    .unwrap();
    assert!(
        v.apply(shegong::history::NewEvent::at(
            t("2026-04-02"),
            lead.clone(),
            VolunteerEvent::BreachActionTaken {
                breach_id: "B1".into(),
                action: BreachAction::RemoveFromGroup,
                group_id: None,
                note: String::new()
            }
        ))
        .is_err(),
        "name the group"
    );
    v.apply(shegong::history::NewEvent::at(
        t("2026-04-03"),
        lead,
        VolunteerEvent::BreachActionTaken {
            breach_id: "B1".into(),
            action: BreachAction::RemoveFromGroup,
            group_id: Some("G-focus".into()),
            note: "移出聚焦服务群".into(),
        },
    ))
    .unwrap();
    assert!(v.deployments().is_empty(), "removal ends the deployment");
    let b = &v.agreement("A1").unwrap().breaches[0];
    let actions: Vec<_> = b
        .actions
        .iter()
        .map(|a| (a.action, a.by.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            (BreachAction::Warn, "l-zhou"),
            (BreachAction::Remind, "l-zhou"),
            (BreachAction::RemoveFromGroup, "l-zhou")
        ]
    );
    assert_eq!(BreachAction::ALL.len(), 4);
}

// [agreement-survives-termination]: after termination the volunteer loses access, but the
// duty is on record and a later breach is still a breach.
#[test]
fn duty_survives_termination() {
    let mut v = deployed("v-1");
    rec(
        &mut v,
        "2026-05-01",
        VolunteerEvent::AgreementTerminated {
            agreement_id: "A1".into(),
            reason: "服务期满".into(),
        },
    );
    let may = "2026-05-02".parse().unwrap();
    assert!(v.agreement_in_force_on(may).is_none());
    assert_eq!(v.agreement_status_on(may).unwrap().name(), "terminated");
    assert!(v.duty_of_confidentiality(), "the duty is still on record");
    rec(
        &mut v,
        "2026-06-01",
        VolunteerEvent::BreachRecorded {
            breach_id: "B9".into(),
            agreement_id: "A1".into(),
            description: "离队后泄露服务对象信息".into(),
        },
    );
    assert!(v.agreement("A1").unwrap().breaches[0].after_termination);
    // An agreement never signed by both creates no duty to breach.
    let mut fresh = Volunteer::start(shegong::history::NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: ("v-5").into(),
            registration: Box::new(registration(&["general"], false)),
        },
    ))
    .unwrap();
    rec(
        &mut fresh,
        "2026-03-02",
        VolunteerEvent::AgreementDrafted {
            agreement: Box::new(agreement("A5", "2026-03-02")),
        },
    );
    let err = fresh
        .apply(shegong::history::NewEvent::at(
            t("2026-03-03"),
            worker(),
            VolunteerEvent::BreachRecorded {
                breach_id: "B1".into(),
                agreement_id: "A5".into(),
                description: "x".into(),
            },
        ))
        .unwrap_err();
    assert_eq!(err.rule_id(), Some("agreement-breach-actions"));
}

fn span(a: &str, b: &str) -> ServiceTime {
    ServiceTime::new(t(a), t(b)).unwrap()
}

// [shift-handover] [volunteer-hours] [service-time-span]: claim, reschedule by the group
// secretary, hand the day's clients and records to the next shift, and count the hours.
#[test]
fn shifts_handover_and_hours() {
    let doctor = deployed("v-doc");
    let mut secretary = Volunteer::start(shegong::history::NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: ("v-sec").into(),
            registration: Box::new(registration(&["general"], false)),
        },
    ))
    .unwrap();
    rec(
        &mut secretary,
        "2026-03-02",
        VolunteerEvent::Screened {
            passed: true,
            note: String::new(),
        },
    );
    rec(
        &mut secretary,
        "2026-03-03",
        VolunteerEvent::Trained {
            course: "岗前培训".into(),
            hours: 2,
        },
    );
    let mut a = agreement("S1", "2026-03-04");
    a.volunteer_name = "群秘书".into();
    rec(
        &mut secretary,
        "2026-03-03",
        VolunteerEvent::AgreementDrafted {
            agreement: Box::new(a),
        },
    );
    rec(
        &mut secretary,
        "2026-03-04",
        VolunteerEvent::AgreementSigned {
            agreement_id: "S1".into(),
            party: Party::Volunteer,
        },
    );
    rec(
        &mut secretary,
        "2026-03-04",
        VolunteerEvent::AgreementSigned {
            agreement_id: "S1".into(),
            party: Party::Agency,
        },
    );
    rec(
        &mut secretary,
        "2026-03-05",
        VolunteerEvent::Deployed {
            group_id: "G-focus".into(),
        },
    );

    let mut roster = Roster::new("G-focus", Some("v-sec".into()));
    roster
        .add_shift(
            "day1-eve",
            span("2026-03-06T19:00:00+08:00", "2026-03-06T21:00:00+08:00"),
            VolunteerKind::Medical,
        )
        .unwrap();
    roster
        .add_shift(
            "day2-eve",
            span("2026-03-07T19:00:00+08:00", "2026-03-07T21:30:00+08:00"),
            VolunteerKind::Medical,
        )
        .unwrap();
    roster
        .add_shift(
            "day1-sec",
            span("2026-03-06T18:00:00+08:00", "2026-03-06T22:00:00+08:00"),
            VolunteerKind::General,
        )
        .unwrap();
    assert_eq!(
        roster
            .shifts
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["day1-sec", "day1-eve", "day2-eve"]
    );
    roster.claim("day1-eve", &doctor).unwrap();
    assert!(roster.claim("day1-eve", &doctor).is_err(), "taken");
    roster.claim("day1-sec", &secretary).unwrap();
    // Rescheduling is the secretary's.
    assert_eq!(
        roster
            .reschedule("day1-eve", "day2-eve", &doctor, &doctor)
            .unwrap_err()
            .rule_id(),
        Some("shift-handover")
    );
    roster
        .reschedule("day1-eve", "day2-eve", &doctor, &secretary)
        .unwrap();
    assert_eq!(roster.shifts[2].volunteer.as_deref(), Some("v-doc"));
    assert_eq!(roster.shifts[1].volunteer, None);
    // Handover goes to the next shift with the day's clients and records.
    let h = roster
        .handover(
            "day1-sec",
            vec!["c-1".into(), "c-2".into()],
            vec!["SR-0306-1".into()],
            "今日服务2人，1人需次日回访",
            &secretary,
            t("2026-03-06T22:00:00+08:00"),
        )
        .unwrap();
    assert_eq!((h.to_shift.as_str(), h.clients.len()), ("day1-eve", 2));
    assert!(roster
        .handover(
            "day1-sec",
            vec![],
            vec![],
            "again",
            &secretary,
            t("2026-03-06T22:05:00+08:00")
        )
        .is_err());
    assert!(
        roster
            .handover(
                "day2-eve",
                vec![],
                vec![],
                "x",
                &doctor,
                t("2026-03-07T21:30:00+08:00")
            )
            .is_err(),
        "no next shift yet"
    );
    assert!(
        roster
            .handover(
                "day1-eve",
                vec![],
                vec![],
                "x",
                &secretary,
                t("2026-03-06T21:00:00+08:00")
            )
            .is_err(),
        "the shift was not worked"
    );
    // Hours from start and end times, exact minutes, per volunteer and period.
    let hours = roster.hours_worked(t("2026-03-08T00:00:00+08:00"));
    let totals = total_hours(
        &hours,
        "2026-03-01".parse().unwrap(),
        "2026-03-31".parse().unwrap(),
    )
    .unwrap();
    let mins: Vec<(&str, i64, u32)> = totals
        .iter()
        .map(|t| (t.volunteer_id.as_str(), t.minutes, t.sessions))
        .collect();
    assert_eq!(mins, [("v-doc", 150, 1), ("v-sec", 240, 1)]);
    assert_eq!(
        mins,
        [("v-doc", 240 + 150, 2)]
            .into_iter()
            .filter(|_| roster.shifts[0].volunteer.as_deref() == Some("v-doc"))
            .chain(
                [("v-sec", 240, 1), ("v-doc", 150, 1)]
                    .into_iter()
                    .filter(|_| roster.shifts[0].volunteer.as_deref() == Some("v-sec"))
            )
            .collect::<Vec<_>>()
            .iter()
            .copied()
            .filter(|(id, _, _)| totals.iter().any(|t| t.volunteer_id == *id))
            .collect::<Vec<_>>()
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    let march7 = total_hours(
        &hours,
        "2026-03-07".parse().unwrap(),
        "2026-03-07".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(march7.len(), 1);
    assert_eq!(
        (march7[0].volunteer_id.as_str(), march7[0].minutes),
        ("v-doc", 150)
    );
}

// [agreement-before-access] [agreement-survives-termination]: a viewer read from the
// volunteer's own history: access while the agreement is in force, none after it ends.
#[test]
fn viewer_from_history_follows_the_agreement() {
    use shegong::access::{Access, AgreementState, Purpose, SubjectFacts, Viewer};
    let mut v = deployed("v-1");
    let s = SubjectFacts {
        id: "c-1".into(),
        groups: vec!["G-focus".into()],
        minor_under_14: false,
        specific_identity: false,
    };
    let before = Viewer::volunteer(
        &v,
        VolunteerKind::Medical,
        "2026-03-04".parse().unwrap(),
        Purpose::Service,
    );
    // The day answer holds for the whole day: signed at 10:00, it was a draft at midnight.
    assert_eq!(before.agreement(), AgreementState::Draft);
    let noon = Viewer::volunteer_at(
        &v,
        VolunteerKind::Medical,
        common::t("2026-03-04T12:00:00+08:00"),
        Purpose::Service,
    );
    assert_eq!(noon.agreement(), AgreementState::Signed);
    let during = Viewer::volunteer(
        &v,
        VolunteerKind::Medical,
        "2026-04-01".parse().unwrap(),
        Purpose::Service,
    );
    assert_eq!(
        (during.agreement(), during.agreement_covers_clients()),
        (AgreementState::InForce, true)
    );
    assert!(
        Access::default()
            .decide(&during, RecordKind::ServiceRecord, "concerns.medical", &s)
            .allowed
    );
    rec(
        &mut v,
        "2026-05-01",
        VolunteerEvent::AgreementTerminated {
            agreement_id: "A1".into(),
            reason: "期满".into(),
        },
    );
    let after = Viewer::volunteer(
        &v,
        VolunteerKind::Medical,
        "2026-05-02".parse().unwrap(),
        Purpose::Service,
    );
    let d = Access::default().decide(&after, RecordKind::ServiceRecord, "client_name", &s);
    assert_eq!(
        (d.allowed, d.rule.as_deref()),
        (false, Some("agreement-survives-termination"))
    );
}
