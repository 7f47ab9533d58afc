//! The activity and volunteer life-cycle vectors (`tests/vectors/activity/`,
//! `tests/vectors/volunteer-lifecycle/`): steps with their expected outcome, generated here
//! (`UPDATE_VECTORS=1`) and replayed (`[group-stages]`, `[volunteer-lifecycle]`,
//! `[agreement-breach-actions]`, `[records-authentic]`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::vectors::{check_or_update, read_all};
use common::worker;
use serde_json::{json, Value};
use shegong::activity::{Activity, ActivityEvent, ActivityKind};
use shegong::history::NewEvent;
use shegong::volunteer::{Volunteer, VolunteerEvent};

/// Who records an event under rules version 2: the plan's review is the project lead's to
/// whom it was submitted ("l-zhou"); the volunteer ("v-1") signs their own side and declares
/// their own acquaintances; the worker records the rest.
fn actor_of(event: &Value) -> Value {
    match (event["type"].as_str(), event["party"].as_str()) {
        (Some("plan_reviewed"), _) => json!({"id": "l-zhou", "role": "project_lead"}),
        (Some("agreement_signed"), Some("volunteer")) | (Some("acquaintance_declared"), _) => {
            json!({"id": "v-1", "role": "volunteer"})
        }
        _ => serde_json::to_value(worker()).unwrap(),
    }
}

fn ev<E: serde::Serialize>(occurred: &str, recorded: &str, event: E) -> Value {
    let event = serde_json::to_value(event).unwrap();
    json!({ "occurred_at": occurred, "recorded_at": recorded, "actor": actor_of(&event), "event": event })
}

fn expect_err(code: &str, rule: Option<&str>, message: String) -> Value {
    json!({ "outcome": "error", "code": code, "rule": rule, "message": message })
}

/// Runs the steps of an activity vector and returns the expectations and final state.
fn run_activity(steps: &[Value]) -> (Vec<Value>, Value) {
    let mut a: Option<Activity> = None;
    let mut out = Vec::new();
    for s in steps {
        let new: NewEvent<ActivityEvent> = serde_json::from_value(s.clone()).unwrap();
        let r = match a.as_mut() {
            None => Activity::start(new).map(|x| {
                a = Some(x);
                json!(null)
            }),
            Some(x) => x.apply(new).map(|ap| json!(ap.stage)),
        };
        out.push(match r {
            Ok(stage) => {
                let stage = if stage.is_null() {
                    json!(a.as_ref().unwrap().group_stage())
                } else {
                    stage
                };
                json!({ "outcome": "applied", "group_stage": stage })
            }
            Err(e) => expect_err(e.code(), e.rule_id(), e.to_string()),
        });
    }
    let a = a.unwrap();
    (
        out,
        json!({ "group_stage": a.group_stage(), "history_len": a.history().len(), "head": a.head() }),
    )
}

fn run_volunteer(steps: &[Value]) -> (Vec<Value>, Value) {
    let mut v: Option<Volunteer> = None;
    let mut out = Vec::new();
    for s in steps {
        let new: NewEvent<VolunteerEvent> = serde_json::from_value(s.clone()).unwrap();
        let r = match v.as_mut() {
            None => Volunteer::start(new).map(|x| {
                v = Some(x);
            }),
            Some(x) => x.apply(new).map(|_| ()),
        };
        out.push(match r {
            Ok(()) => json!({ "outcome": "applied", "stage": v.as_ref().unwrap().stage() }),
            Err(e) => expect_err(e.code(), e.rule_id(), e.to_string()),
        });
    }
    let v = v.unwrap();
    (
        out,
        json!({ "stage": v.stage(), "history_len": v.history().len(), "head": v.head() }),
    )
}

fn activity_steps() -> Vec<Value> {
    let plan = common::activity::plan(ActivityKind::Group, (2026, 9, 23), 3, 12, 90);
    let d = |s: &str| format!("2026-{s}:00+08:00");
    vec![
        ev(
            &d("09-01T09:00"),
            &d("09-01T09:00"),
            ActivityEvent::Planned { plan },
        ),
        ev(
            &d("09-02T09:00"),
            &d("09-02T09:00"),
            ActivityEvent::SessionSummarySubmitted { number: 1 },
        ),
        ev(
            &d("09-02T09:00"),
            &d("09-02T09:00"),
            ActivityEvent::PlanSubmitted {
                to: "l-zhou".into(),
            },
        ),
        // [activity-review-3wd]: the submitter never reviews their own plan (refused).
        json!({ "occurred_at": d("09-08T08:00"), "recorded_at": d("09-08T08:00"), "actor": worker(),
                "event": {"type": "plan_reviewed", "approved": true, "comments": "自审"} }),
        ev(
            &d("09-08T09:00"),
            &d("09-08T09:00"),
            ActivityEvent::PlanReviewed {
                approved: true,
                comments: "同意".into(),
            },
        ),
        // [group-records]: the contract its members sign comes after the member list.
        ev(
            &d("09-09T09:00"),
            &d("09-09T09:00"),
            ActivityEvent::MemberContractSigned { signatures: 12 },
        ),
        ev(
            &d("09-09T09:00"),
            &d("09-09T09:00"),
            ActivityEvent::MemberListFiled { members: 12 },
        ),
        ev(
            &d("09-23T15:00"),
            &d("09-23T15:00"),
            common::activity::session(1),
        ),
        ev(
            &d("09-23T17:00"),
            &d("09-23T17:00"),
            ActivityEvent::MemberContractSigned { signatures: 12 },
        ),
        ev(
            &d("09-24T10:00"),
            &d("09-22T10:00"),
            ActivityEvent::SessionSummarySubmitted { number: 1 },
        ),
        ev(
            &d("09-24T10:00"),
            &d("09-24T10:00"),
            ActivityEvent::SessionSummarySubmitted { number: 1 },
        ),
        ev(&d("09-30T15:00"), &d("09-30T15:00"), ActivityEvent::Ended),
        ev(
            &d("09-30T15:00"),
            &d("09-30T15:00"),
            common::activity::session(2),
        ),
        ev(
            &d("10-01T09:00"),
            &d("10-01T09:00"),
            ActivityEvent::MiddleStageBegan,
        ),
        ev(
            &d("10-09T09:00"),
            &d("10-09T09:00"),
            ActivityEvent::MidtermEvaluated {
                summary: "中期".into(),
            },
        ),
        ev(
            &d("10-14T15:00"),
            &d("10-14T15:00"),
            common::activity::session(3),
        ),
        ev(&d("10-14T17:00"), &d("10-14T17:00"), ActivityEvent::Ended),
        ev(
            &d("10-20T09:00"),
            &d("10-20T09:00"),
            ActivityEvent::WrapUpSubmitted {
                feedback_summary: true,
                review_report: false,
                expense_account: true,
            },
        ),
        ev(
            &d("10-20T09:00"),
            &d("10-20T09:00"),
            ActivityEvent::WrapUpSubmitted {
                feedback_summary: true,
                review_report: true,
                expense_account: true,
            },
        ),
    ]
}

fn volunteer_steps() -> Vec<Value> {
    let d = |s: &str| format!("2026-03-{s}:00+08:00");
    let registration = json!({
        "name": "王芳", "gender": "female", "id_number": "11010519491231002X",
        "region": "姑苏区", "phone": "13800131234", "positions": ["general"]
    });
    let agreement = json!({
        "id": "A-1", "agency": "阳光社工", "volunteer_name": "王芳",
        "volunteer_id_number": "11010519491231002X", "volunteer_phone": "13800131234",
        "scope": ["client_information"], "effective_from": "2026-03-05"
    });
    let e = |o: &str, r: &str, event: Value| json!({ "occurred_at": d(o), "recorded_at": d(r), "actor": actor_of(&event), "event": event });
    vec![
        e(
            "01T09:00",
            "01T09:00",
            json!({"type": "registered", "volunteer_id": "v-1", "registration": registration}),
        ),
        e(
            "02T09:00",
            "02T09:00",
            json!({"type": "deployed", "group_id": "G-1"}),
        ),
        e(
            "02T09:00",
            "02T09:00",
            json!({"type": "screened", "passed": true}),
        ),
        e(
            "03T09:00",
            "03T09:00",
            json!({"type": "trained", "course": "岗前培训", "hours": 4}),
        ),
        e(
            "04T09:00",
            "04T09:00",
            json!({"type": "agreement_drafted", "agreement": agreement}),
        ),
        // [agreement-before-access]: the volunteer never signs the agency's side (refused).
        json!({ "occurred_at": d("05T08:00"), "recorded_at": d("05T08:00"),
                "actor": {"id": "v-1", "role": "volunteer"},
                "event": {"type": "agreement_signed", "agreement_id": "A-1", "party": "agency"} }),
        e(
            "05T09:00",
            "05T09:00",
            json!({"type": "agreement_signed", "agreement_id": "A-1", "party": "agency"}),
        ),
        e(
            "05T09:00",
            "05T09:00",
            json!({"type": "agreement_signed", "agreement_id": "A-1", "party": "volunteer"}),
        ),
        e(
            "06T09:00",
            "06T09:00",
            json!({"type": "deployed", "group_id": "G-1"}),
        ),
        e(
            "04T09:00",
            "06T10:00",
            json!({"type": "breach_recorded", "breach_id": "B-1", "agreement_id": "A-1", "description": "泄露"}),
        ),
        e(
            "07T09:00",
            "05T10:00",
            json!({"type": "commended", "note": "好"}),
        ),
        e(
            "07T09:00",
            "07T09:00",
            json!({"type": "breach_recorded", "breach_id": "B-1", "agreement_id": "A-1", "description": "泄露"}),
        ),
        e(
            "08T09:00",
            "08T09:00",
            json!({"type": "breach_action_taken", "breach_id": "B-1", "action": "remove_from_group", "group_id": "G-1"}),
        ),
        e(
            "09T09:00",
            "09T09:00",
            json!({"type": "ended", "reason": "离开"}),
        ),
        e(
            "10T09:00",
            "10T09:00",
            json!({"type": "commended", "note": "好"}),
        ),
    ]
}

fn vector(
    kind: &str,
    name: &str,
    rules: &[&str],
    description: &str,
    steps: Vec<Value>,
    run: fn(&[Value]) -> (Vec<Value>, Value),
) -> Value {
    let (expects, fin) = run(&steps);
    let steps: Vec<Value> = steps
        .into_iter()
        .zip(expects)
        .map(|(event, expect)| json!({ "event": event, "expect": expect }))
        .collect();
    json!({ "format": 1, "kind": kind, "name": name, "rules": rules, "description": description, "steps": steps, "final": fin })
}

#[test]
fn vectors_are_current() {
    check_or_update("activity", "group-life-cycle.json", &vector(
        "activity_steps", "group-life-cycle",
        &["group-stages", "activity-plan-2w", "group-session-summary-2d", "activity-wrapup-5wd", "records-authentic", "activity-plan-contents", "group-records"],
        "a three-session group from plan to wrap-up, with refusals: a summary before any session, a summary recorded before the previous event, a session after the end, an end before the mid-term evaluation, an incomplete wrap-up",
        activity_steps(), run_activity));
    check_or_update("volunteer-lifecycle", "life-cycle.json", &vector(
        "volunteer_steps", "life-cycle",
        &["volunteer-lifecycle", "agreement-before-access", "agreement-breach-actions", "records-authentic"],
        "registration to leaving, with refusals: deployment before training, a breach dated before the agreement was signed, an event recorded before the previous one, a commendation after leaving",
        volunteer_steps(), run_volunteer));
}

#[test]
fn vectors_replay() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return;
    }
    for (family, run) in [
        (
            "activity",
            run_activity as fn(&[Value]) -> (Vec<Value>, Value),
        ),
        ("volunteer-lifecycle", run_volunteer),
    ] {
        for (file, v) in read_all(family) {
            let steps: Vec<Value> = v["steps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["event"].clone())
                .collect();
            let (got, fin) = run(&steps);
            for (i, (g, s)) in got.iter().zip(v["steps"].as_array().unwrap()).enumerate() {
                assert_eq!(g, &s["expect"], "{family}/{file} step {i}");
            }
            assert_eq!(fin, v["final"], "{family}/{file}");
            common::vectors::replayed(family, &file);
        }
    }
}
