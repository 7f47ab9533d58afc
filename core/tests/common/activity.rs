//! Builders for activity tests.

#![allow(dead_code, clippy::unwrap_used)]

use chrono::NaiveDate;
use shegong::activity::*;

use super::{t, worker};

pub fn plan(
    kind: ActivityKind,
    date: (i32, u32, u32),
    sessions: u32,
    people: u32,
    minutes: u32,
) -> ActivityPlan {
    ActivityPlan {
        id: "G-2026-01".into(),
        title: "长者互助小组".into(),
        kind,
        date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
        planned_sessions: sessions,
        expected_participants: people,
        minutes,
        contents: PlanContents {
            purpose: "互助".into(),
            content: "六节小组".into(),
            method: "小组工作".into(),
            place: "社区活动室".into(),
            person_in_charge: "w-li".into(),
            budget_fen: Some(60_000),
            feasibility: "组员已初步报名".into(),
        },
    }
}

pub fn activity(kind: ActivityKind, planned_on: &str, date: (i32, u32, u32)) -> Activity {
    Activity::start(shegong::history::NewEvent::at(
        t(planned_on),
        worker(),
        ActivityEvent::Planned {
            plan: plan(kind, date, 6, 12, 90),
        },
    ))
    .unwrap()
}

/// Who records `e` under rules version 2: the review is the project lead's ("l-zhou", to whom
/// the tests submit plans); the worker records the rest.
pub fn actor_for(e: &ActivityEvent) -> shegong::case::Actor {
    match e {
        ActivityEvent::PlanReviewed { .. } => super::lead(),
        _ => worker(),
    }
}

pub fn rec(a: &mut Activity, at: &str, e: ActivityEvent) {
    let actor = actor_for(&e);
    a.apply(shegong::history::NewEvent::at(t(at), actor, e))
        .unwrap();
}

pub fn session(n: u32) -> ActivityEvent {
    ActivityEvent::SessionHeld {
        number: n,
        participants: 12,
        minutes: 90,
    }
}
