//! Guards of rules version 2 (issue 12, second round): who may record an event, in which
//! stage and dated when, for volunteers and activities; ID numbers born after the record that
//! holds them; the case file check's records that are not forms. Each test names its rule ID.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::activity::activity;
use common::records::sample_json;
use common::*;
use shegong::activity::*;
use shegong::assessment::RecordKind;
use shegong::case::*;
use shegong::history::NewEvent;
use shegong::volunteer::*;

// ---------------------------------------------------------------------------------------
// Helpers.

/// A valid 18-character ID number born on `yyyymmdd` (the check character computed).
fn id_born(yyyymmdd: &str) -> String {
    let body = format!("110105{yyyymmdd}002");
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(weights)
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
    format!("{body}{check}")
}

fn registration_with_id(id: &str) -> VolunteerRegistration {
    let mut json = sample_json(RecordKind::VolunteerRegistration);
    json.as_object_mut().unwrap().remove("kind");
    json["id_number"] = id.into();
    json["positions"] = serde_json::json!(["general"]);
    serde_json::from_value(json).unwrap()
}

fn volunteer_actor() -> Actor {
    Actor::new("v-1", Role::Volunteer)
}

fn agreement(id: &str) -> ConfidentialityAgreement {
    ConfidentialityAgreement {
        id: id.into(),
        agency: "某社工服务中心".into(),
        agency_phone: None,
        volunteer_name: "刘医生".into(),
        volunteer_id_number: "11010519491231002X".parse().unwrap(),
        volunteer_phone: "13800131234".parse().unwrap(),
        scope: ConfidentialScope::ALL.to_vec(),
        effective_from: "2026-03-05".parse().unwrap(),
    }
}

fn vrec(v: &mut Volunteer, at: &str, actor: Actor, e: VolunteerEvent) {
    v.apply(NewEvent::at(t(at), actor, e)).unwrap();
}

fn vrefused(v: &Volunteer, at: &str, actor: Actor, e: VolunteerEvent, rule: &str) {
    let mut w = v.clone();
    let err = w.apply(NewEvent::at(t(at), actor, e)).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{err}");
    assert_eq!(&w, v, "a refused event changes nothing");
}

fn vinvalid(v: &Volunteer, at: &str, actor: Actor, e: VolunteerEvent) {
    let mut w = v.clone();
    let err = w.apply(NewEvent::at(t(at), actor, e)).unwrap_err();
    assert!(matches!(err, VolunteerError::InvalidInput { .. }), "{err}");
    assert_eq!(&w, v, "a refused event changes nothing");
}

/// "v-1" registered on 03-01, screened 03-02, trained 03-03, agreement "A1" drafted 03-03.
fn trained() -> Volunteer {
    let mut v = Volunteer::start(NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: "v-1".into(),
            registration: Box::new(registration_with_id("11010519491231002X")),
        },
    ))
    .unwrap();
    vrec(
        &mut v,
        "2026-03-02",
        worker(),
        VolunteerEvent::Screened {
            passed: true,
            note: String::new(),
        },
    );
    vrec(
        &mut v,
        "2026-03-03",
        worker(),
        VolunteerEvent::Trained {
            course: "岗前培训".into(),
            hours: 3,
        },
    );
    vrec(
        &mut v,
        "2026-03-03",
        worker(),
        VolunteerEvent::AgreementDrafted {
            agreement: Box::new(agreement("A1")),
        },
    );
    v
}

fn sign(party: Party) -> VolunteerEvent {
    VolunteerEvent::AgreementSigned {
        agreement_id: "A1".into(),
        party,
    }
}

/// [`trained`] with both signatures on 03-04 (the agreement in force from 03-05).
fn signed() -> Volunteer {
    let mut v = trained();
    vrec(
        &mut v,
        "2026-03-04",
        volunteer_actor(),
        sign(Party::Volunteer),
    );
    vrec(&mut v, "2026-03-04", worker(), sign(Party::Agency));
    v
}

fn deploy(group: &str) -> VolunteerEvent {
    VolunteerEvent::Deployed {
        group_id: group.into(),
    }
}

// ---------------------------------------------------------------------------------------
// Item 1: an ID number whose birth date is after the record's own date.

// [volunteer-registration-fields]: the ID number on the registration form encodes a birth
// date after the registration's date (2099, 2999): refused. Core never reads the clock, so the
// registering event's date is the reference.
#[test]
fn volunteer_registration_fields_id_number_born_after_registration_is_refused() {
    for born in ["20990101", "29991231", "20260302"] {
        let err = Volunteer::start(NewEvent::at(
            t("2026-03-01"),
            worker(),
            VolunteerEvent::Registered {
                volunteer_id: "v-1".into(),
                registration: Box::new(registration_with_id(&id_born(born))),
            },
        ))
        .unwrap_err();
        assert!(
            matches!(
                err,
                VolunteerError::InvalidInput {
                    field: "id_number",
                    ..
                }
            ),
            "{err}"
        );
        let msg = err.to_string();
        assert!(msg.contains("volunteer-registration-fields"), "{msg}");
        assert!(
            !msg.contains(&id_born(born)),
            "the message never repeats the number"
        );
    }
    // Born on the registration's own day: possible.
    Volunteer::start(NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: "v-1".into(),
            registration: Box::new(registration_with_id(&id_born("20260301"))),
        },
    ))
    .unwrap();
}

// [open-consent] (a client under 14 consents through a guardian, so the date of birth must be
// possible): a client's date of birth after the `received` event's date is refused.
#[test]
fn open_consent_client_born_after_the_case_was_received_is_refused() {
    let err = Case::start(ev(
        "2026-03-02T09:00:00+08:00",
        worker(),
        received_with(Source::Voluntary, Some((2099, 1, 1))),
    ))
    .unwrap_err();
    assert!(err.to_string().contains("client.date_of_birth"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Item 2: the case file check lists records that are not forms.

fn missing_record_rules(case: &Case) -> Vec<String> {
    case.file_check()
        .missing_records
        .iter()
        .map(|m| m.rule.clone())
        .collect()
}

// [inform-rights]: a crisis case opens before the mechanisms are explained; the file check
// lists the missing record until it is on file.
#[test]
fn inform_rights_missing_record_is_listed_by_the_file_check() {
    let mut events: Vec<NewEvent<EventKind>> = happy_path()
        .into_iter()
        .take(6)
        .filter(|e| !matches!(e.event, EventKind::RightsInformed { .. }))
        .collect();
    let opened = events.pop().unwrap();
    let mut case = Case::start(events.remove(0)).unwrap();
    for e in events {
        case.apply(e).unwrap();
    }
    case.apply(ev(
        "2026-03-03T09:45:00+08:00",
        worker(),
        EventKind::CrisisDeclared {
            summary: "有自伤风险".into(),
        },
    ))
    .unwrap();
    case.apply(opened).unwrap();
    assert_eq!(missing_record_rules(&case), vec!["inform-rights"]);
    case.apply(ev(
        "2026-03-03T11:00:00+08:00",
        worker(),
        EventKind::RightsInformed {
            how: ReplyMode::Oral,
            summary: "介绍申请及退出机制".into(),
        },
    ))
    .unwrap();
    assert!(missing_record_rules(&case).is_empty());
    // The happy path has it on record.
    assert!(missing_record_rules(&case_at(Stage::Opened)).is_empty());
}

// [close-advance-notice]: a planned closing without the closing date announced in advance is
// listed by the file check (the event itself only gets a warning).
#[test]
fn close_advance_notice_missing_date_is_listed_by_the_file_check() {
    let closing = case_at(Stage::Closing);
    assert_eq!(missing_record_rules(&closing), vec!["close-advance-notice"]);
    let closed = case_at(Stage::Closed);
    assert_eq!(missing_record_rules(&closed), vec!["close-advance-notice"]);
    // Announced before the client's evaluation: nothing missing.
    let mut events = happy_path();
    events.insert(
        14,
        ev(
            "2026-04-20T15:00:00+08:00",
            worker(),
            EventKind::ClosingDateAnnounced {
                date: "2026-04-24".parse().unwrap(),
                client_view: String::new(),
            },
        ),
    );
    let mut it = events.into_iter().take(16);
    let mut case = Case::start(it.next().unwrap()).unwrap();
    for e in it {
        case.apply(e).unwrap();
    }
    assert_eq!(case.stage(), Stage::Closing);
    assert!(missing_record_rules(&case).is_empty());
    // An open case owes no notice yet.
    assert!(missing_record_rules(&case_at(Stage::Evaluating)).is_empty());
}

// ---------------------------------------------------------------------------------------
// Item 3: volunteer events, who may record them.

// [agreement-before-access]: the volunteer signs their own side (乙方) and only theirs; the
// agency's side (甲方) is signed by its staff, never by the volunteer.
#[test]
fn agreement_before_access_each_party_signs_its_own_side() {
    let v = trained();
    let rule = "agreement-before-access";
    vrefused(&v, "2026-03-04", worker(), sign(Party::Volunteer), rule);
    vrefused(
        &v,
        "2026-03-04",
        Actor::new("v-2", Role::Volunteer),
        sign(Party::Volunteer),
        rule,
    );
    vrefused(
        &v,
        "2026-03-04",
        volunteer_actor(),
        sign(Party::Agency),
        rule,
    );
    // The volunteer acting under a staff role still cannot sign for the agency.
    vrefused(
        &v,
        "2026-03-04",
        Actor::new("v-1", Role::ProjectLead),
        sign(Party::Agency),
        rule,
    );
    vrefused(
        &v,
        "2026-03-04",
        Actor::new("dept", Role::RelevantDepartment),
        sign(Party::Agency),
        rule,
    );
    signed();
}

// [volunteer-lifecycle]: screening, training, drafting, deployment and withdrawal are the
// agency's (worker, supervisor, project lead, team lead), never the volunteer's own.
#[test]
fn volunteer_lifecycle_staff_steps_are_not_the_volunteers() {
    let rule = "volunteer-lifecycle";
    let registered = Volunteer::start(NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: "v-1".into(),
            registration: Box::new(registration_with_id("11010519491231002X")),
        },
    ))
    .unwrap();
    let screen = VolunteerEvent::Screened {
        passed: true,
        note: String::new(),
    };
    vrefused(
        &registered,
        "2026-03-02",
        volunteer_actor(),
        screen.clone(),
        rule,
    );
    vrefused(
        &registered,
        "2026-03-02",
        Actor::new("v-1", Role::FirstLineSupervisor),
        screen.clone(),
        rule,
    );
    vrefused(
        &registered,
        "2026-03-02",
        client_actor(),
        screen.clone(),
        rule,
    );
    let v = signed();
    for actor in [
        volunteer_actor(),
        Actor::new("v-1", Role::Worker),
        Actor::new("sys", Role::System),
    ] {
        vrefused(&v, "2026-03-05", actor, deploy("G1"), rule);
    }
    for actor in [
        worker(),
        supervisor(),
        lead(),
        Actor::new("t", Role::TeamLead),
    ] {
        let mut w = v.clone();
        vrec(&mut w, "2026-03-05", actor, deploy("G1"));
    }
    let mut w = v.clone();
    vrec(&mut w, "2026-03-05", worker(), deploy("G1"));
    vrefused(
        &w,
        "2026-03-06",
        volunteer_actor(),
        VolunteerEvent::Undeployed {
            group_id: "G1".into(),
            reason: "自己退出".into(),
        },
        rule,
    );
    vrefused(
        &w,
        "2026-03-06",
        volunteer_actor(),
        VolunteerEvent::Commended {
            note: "自评".into(),
        },
        rule,
    );
    // The volunteer may leave by their own decision.
    vrec(
        &mut w,
        "2026-03-06",
        volunteer_actor(),
        VolunteerEvent::Ended {
            reason: "个人原因".into(),
        },
    );
}

// [agreement-breach-actions]: the agency records a breach and chooses the action; the
// volunteer does neither, not even acting under a staff role.
#[test]
fn agreement_breach_actions_are_the_agencys() {
    let rule = "agreement-breach-actions";
    let mut v = signed();
    vrec(&mut v, "2026-03-05", worker(), deploy("G1"));
    let breach = VolunteerEvent::BreachRecorded {
        breach_id: "B1".into(),
        agreement_id: "A1".into(),
        description: "在群内讨论服务对象".into(),
    };
    vrefused(&v, "2026-03-10", volunteer_actor(), breach.clone(), rule);
    vrec(&mut v, "2026-03-10", worker(), breach);
    let remove = VolunteerEvent::BreachActionTaken {
        breach_id: "B1".into(),
        action: BreachAction::RemoveFromGroup,
        group_id: Some("G1".into()),
        note: String::new(),
    };
    vrefused(&v, "2026-03-11", volunteer_actor(), remove.clone(), rule);
    vrefused(
        &v,
        "2026-03-11",
        Actor::new("v-1", Role::ProjectLead),
        remove.clone(),
        rule,
    );
    vrec(&mut v, "2026-03-11", lead(), remove);
}

// [acquaintance-avoidance]: the declaration is the volunteer's own (声明), for a client id
// given exactly.
#[test]
fn acquaintance_avoidance_declared_by_the_volunteer_themself() {
    let v = trained();
    let declare = |id: &str| VolunteerEvent::AcquaintanceDeclared {
        client_id: id.into(),
    };
    let rule = "acquaintance-avoidance";
    vrefused(&v, "2026-03-04", worker(), declare("c-1"), rule);
    vrefused(
        &v,
        "2026-03-04",
        Actor::new("v-2", Role::Volunteer),
        declare("c-1"),
        rule,
    );
    for bad in ["", " ", " c-1", "c-1\n"] {
        vinvalid(&v, "2026-03-04", volunteer_actor(), declare(bad));
    }
    let mut w = v.clone();
    vrec(&mut w, "2026-03-04", volunteer_actor(), declare("c-1"));
}

// [volunteer-lifecycle]: a deployment names its group exactly: no empty or padded id.
#[test]
fn volunteer_lifecycle_deployed_refuses_empty_or_padded_group_ids() {
    let v = signed();
    for bad in ["", "  ", " G1", "G1 "] {
        vinvalid(&v, "2026-03-05", worker(), deploy(bad));
    }
}

// [volunteer-lifecycle]: each step is dated not before the step it follows (a late entry
// may be recorded after later events, but not dated before what it depends on).
#[test]
fn volunteer_lifecycle_steps_dated_not_before_what_they_follow() {
    let rule = "volunteer-lifecycle";
    let mut v = Volunteer::start(NewEvent::at(
        t("2026-03-01"),
        worker(),
        VolunteerEvent::Registered {
            volunteer_id: "v-1".into(),
            registration: Box::new(registration_with_id("11010519491231002X")),
        },
    ))
    .unwrap();
    vrec(
        &mut v,
        "2026-03-05",
        worker(),
        VolunteerEvent::Screened {
            passed: true,
            note: String::new(),
        },
    );
    // Trained on 03-03, entered after the screening of 03-05.
    let late_training = NewEvent {
        occurred_at: t("2026-03-03"),
        recorded_at: t("2026-03-06"),
        actor: worker(),
        event: VolunteerEvent::Trained {
            course: "岗前培训".into(),
            hours: 3,
        },
    };
    let mut w = v.clone();
    let err = w.apply(late_training).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{err}");

    // Withdrawn from a group before the deployment.
    let mut d = signed();
    vrec(&mut d, "2026-03-10", worker(), deploy("G1"));
    let undeploy = NewEvent {
        occurred_at: t("2026-03-08"),
        recorded_at: t("2026-03-11"),
        actor: worker(),
        event: VolunteerEvent::Undeployed {
            group_id: "G1".into(),
            reason: "轮换".into(),
        },
    };
    let err = d.clone().apply(undeploy).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{err}");
}

// ---------------------------------------------------------------------------------------
// Items 4 and 5: activities.

fn arec(a: &mut Activity, at: &str, actor: Actor, e: ActivityEvent) {
    a.apply(NewEvent::at(t(at), actor, e)).unwrap();
}

fn arefused(a: &Activity, e: NewEvent<ActivityEvent>, rule: &str) {
    let mut w = a.clone();
    let err = w.apply(e).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{err}");
    assert_eq!(w.to_json().unwrap(), a.to_json().unwrap());
}

fn review(approved: bool) -> ActivityEvent {
    ActivityEvent::PlanReviewed {
        approved,
        comments: "意见".into(),
    }
}

fn submitted() -> Activity {
    let mut a = activity(ActivityKind::Group, "2026-03-20", (2026, 4, 15));
    arec(
        &mut a,
        "2026-03-25",
        worker(),
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    a
}

// [activity-review-3wd]: the review comes from the person the plan was submitted to, never
// from the submitter, and is not dated before the submission.
#[test]
fn activity_review_3wd_review_comes_from_the_reviewer_it_was_submitted_to() {
    let rule = "activity-review-3wd";
    let a = submitted();
    // The submitter reviews their own plan.
    arefused(
        &a,
        NewEvent::at(t("2026-03-26"), worker(), review(true)),
        rule,
    );
    // Another lead than the one named.
    arefused(
        &a,
        NewEvent::at(
            t("2026-03-26"),
            Actor::new("l-wang", Role::ProjectLead),
            review(true),
        ),
        rule,
    );
    // The named person acting as a volunteer or a client.
    arefused(
        &a,
        NewEvent::at(
            t("2026-03-26"),
            Actor::new("l-zhou", Role::Volunteer),
            review(true),
        ),
        rule,
    );
    // Dated before the submission it decides (entered late).
    arefused(
        &a,
        NewEvent {
            occurred_at: t("2026-03-24"),
            recorded_at: t("2026-03-26"),
            actor: lead(),
            event: review(true),
        },
        rule,
    );
    let mut ok = a.clone();
    arec(&mut ok, "2026-03-26", lead(), review(true));
}

// [activity-review-3wd]: the plan is submitted to a named person other than the submitter,
// by the agency's staff.
#[test]
fn activity_review_3wd_submitted_to_a_named_other_person() {
    let rule = "activity-review-3wd";
    let a = activity(ActivityKind::Group, "2026-03-20", (2026, 4, 15));
    for to in ["", " ", " l-zhou", "l-zhou "] {
        let mut w = a.clone();
        let err = w
            .apply(NewEvent::at(
                t("2026-03-25"),
                worker(),
                ActivityEvent::PlanSubmitted { to: to.into() },
            ))
            .unwrap_err();
        assert!(matches!(err, ActivityError::InvalidInput { .. }), "{err}");
    }
    arefused(
        &a,
        NewEvent::at(
            t("2026-03-25"),
            worker(),
            ActivityEvent::PlanSubmitted { to: "w-li".into() },
        ),
        rule,
    );
    arefused(
        &a,
        NewEvent::at(
            t("2026-03-25"),
            Actor::new("v-1", Role::Volunteer),
            ActivityEvent::PlanSubmitted {
                to: "l-zhou".into(),
            },
        ),
        rule,
    );
}

// [group-stages], [group-session-summary-2d], [activity-wrapup-5wd]: each step is dated not
// before the step it follows, and recorded by the agency's staff.
#[test]
fn group_stages_steps_dated_not_before_what_they_follow() {
    let mut a = submitted();
    arec(&mut a, "2026-03-26", lead(), review(true));
    arec(&mut a, "2026-04-15", worker(), common::activity::session(1));
    let late = |occurred: &str, e: ActivityEvent| NewEvent {
        occurred_at: t(occurred),
        recorded_at: t("2026-04-16"),
        actor: worker(),
        event: e,
    };
    // A session summary dated before its session.
    arefused(
        &a,
        late(
            "2026-04-14",
            ActivityEvent::SessionSummarySubmitted { number: 1 },
        ),
        "group-session-summary-2d",
    );
    // A session dated before the session it follows.
    let mut b = a.clone();
    arec(
        &mut b,
        "2026-04-16",
        worker(),
        ActivityEvent::MiddleStageBegan,
    );
    arefused(
        &b,
        NewEvent {
            occurred_at: t("2026-04-15T09:00:00+08:00"),
            recorded_at: t("2026-04-17"),
            actor: worker(),
            event: common::activity::session(2),
        },
        "group-stages",
    );
    // Ended before the last session; wrap-up before the end.
    let mut one = activity(ActivityKind::SmallMedium, "2026-03-20", (2026, 4, 15));
    arec(
        &mut one,
        "2026-03-25",
        worker(),
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    arec(
        &mut one,
        "2026-04-15",
        worker(),
        common::activity::session(1),
    );
    arefused(
        &one,
        late("2026-04-14", ActivityEvent::Ended),
        "group-stages",
    );
    arec(
        &mut one,
        "2026-04-15T18:00:00+08:00",
        worker(),
        ActivityEvent::Ended,
    );
    arefused(
        &one,
        NewEvent {
            occurred_at: t("2026-04-15T12:00:00+08:00"),
            recorded_at: t("2026-04-16"),
            actor: worker(),
            event: ActivityEvent::WrapUpSubmitted {
                feedback_summary: true,
                review_report: true,
                expense_account: true,
            },
        },
        "activity-wrapup-5wd",
    );
    // Recorded by a volunteer or a client: refused.
    arefused(
        &one,
        NewEvent::at(
            t("2026-04-16"),
            Actor::new("v-1", Role::Volunteer),
            ActivityEvent::WrapUpSubmitted {
                feedback_summary: true,
                review_report: true,
                expense_account: true,
            },
        ),
        "group-stages",
    );
}
