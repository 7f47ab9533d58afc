//! Guards of rules version 4 on activities (`[activity-review-3wd]`, `[activity-plan-2w]`):
//! the plan is reviewed by the project lead or supervisor assistant (项目主管/督导助理, 002
//! 第三十六条) it was submitted to, not by any supervisory role; no session is held under a
//! plan its review returned; and the first session is not held before the plan's date (the
//! date the two weeks' notice counts from). Each refusal changes nothing; the same history
//! stored under version 3 still replays.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::activity::{activity, rec, session};
use common::*;
use serde_json::json;
use shegong::activity::*;
use shegong::case::{Actor, Role};
use shegong::history::{NewEvent, GENESIS_HASH, RULES_VERSION};

fn at(day: &str, actor: Actor, event: ActivityEvent) -> NewEvent<ActivityEvent> {
    NewEvent::at(t(day), actor, event)
}

/// `e` is refused by `rule` now, the activity unchanged; and the same history with `e`,
/// every event recorded under rules version 3 and chained again, replays.
fn refused_only_since_v4(a: &Activity, e: NewEvent<ActivityEvent>, rule: &str) {
    const { assert!(RULES_VERSION >= 4) };
    let mut now = a.clone();
    let err = now.apply(e.clone()).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{err}");
    assert_eq!(now, *a, "a refused event changed the activity");

    let mut prev = GENESIS_HASH.to_owned();
    let mut events = Vec::new();
    let all = a.history().iter().map(|r| {
        (
            r.occurred_at,
            r.recorded_at,
            r.actor.clone(),
            r.event.clone(),
        )
    });
    let last = (e.occurred_at, e.recorded_at, e.actor, e.event);
    for (i, (occurred_at, recorded_at, actor, event)) in all.chain([last]).enumerate() {
        let mut r = ActivityRecord {
            seq: i as u64 + 1,
            occurred_at,
            recorded_at,
            actor,
            event,
            rules: 3,
            prev_hash: prev.clone(),
            hash: String::new(),
        };
        r.hash = r.hash_in(ACTIVITY_CHAIN);
        prev = r.hash.clone();
        events.push(r);
    }
    let stored =
        json!({"format": 2, "id": "G-2026-01", "rules": 3, "head": prev, "events": events});
    Activity::from_json(&stored.to_string())
        .unwrap_or_else(|err| panic!("replays under rules version 3: {err}"));
}

fn submitted() -> Activity {
    let mut a = activity(ActivityKind::Group, "2026-03-20", (2026, 4, 15));
    rec(
        &mut a,
        "2026-03-25",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    a
}

fn review(approved: bool) -> ActivityEvent {
    ActivityEvent::PlanReviewed {
        approved,
        comments: if approved {
            String::new()
        } else {
            "预算不合理".into()
        },
    }
}

// [activity-review-3wd]: a first-line supervisor or a team lead the plan was submitted to
// does not review it; the project lead does.
#[test]
fn the_plan_is_reviewed_by_the_project_lead() {
    for role in [Role::FirstLineSupervisor, Role::TeamLead] {
        let mut a = activity(ActivityKind::Group, "2026-03-20", (2026, 4, 15));
        rec(
            &mut a,
            "2026-03-25",
            ActivityEvent::PlanSubmitted {
                to: "s-zhang".into(),
            },
        );
        let by = Actor::new("s-zhang", role);
        refused_only_since_v4(
            &a,
            at("2026-03-26", by, review(true)),
            "activity-review-3wd",
        );
    }
    let mut a = submitted();
    a.apply(at("2026-03-26", lead(), review(true))).unwrap();
}

// [activity-review-3wd]: no session under a plan the review returned, until it is revised
// and submitted again.
#[test]
fn no_session_under_a_returned_plan() {
    let mut a = submitted();
    rec(&mut a, "2026-03-26", review(false));
    refused_only_since_v4(
        &a,
        at("2026-04-15T15:00:00+08:00", worker(), session(1)),
        "activity-review-3wd",
    );
    rec(
        &mut a,
        "2026-03-27",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    rec(&mut a, "2026-03-30", review(true));
    a.apply(at("2026-04-15T15:00:00+08:00", worker(), session(1)))
        .unwrap();
}

// [activity-plan-2w]: the first session is not held before the plan's date, where the
// two weeks' notice would otherwise count as met for an activity held the day after.
#[test]
fn the_first_session_is_not_held_before_the_plans_date() {
    let mut a = submitted();
    rec(&mut a, "2026-03-26", review(true));
    refused_only_since_v4(
        &a,
        at("2026-03-27T15:00:00+08:00", worker(), session(1)),
        "activity-plan-2w",
    );
    refused_only_since_v4(
        &a,
        at("2026-04-14T23:59:00+08:00", worker(), session(1)),
        "activity-plan-2w",
    );
    a.apply(at("2026-04-15T09:00:00+08:00", worker(), session(1)))
        .unwrap();
}
