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

pub fn rec(a: &mut Activity, at: &str, e: ActivityEvent) {
    a.apply(shegong::history::NewEvent::at(t(at), worker(), e))
        .unwrap();
}

pub fn session(n: u32) -> ActivityEvent {
    ActivityEvent::SessionHeld {
        number: n,
        participants: 12,
        minutes: 90,
    }
}
