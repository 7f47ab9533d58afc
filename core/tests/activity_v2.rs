//! Guards of rules version 2 on activities (issue 12): `[activity-plan-contents]` (002 第三十五条)
//! and `[group-records]` (003 第四节), with their negative cases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::activity::{activity, rec, session};
use common::{t, worker};
use shegong::activity::*;
use shegong::history::NewEvent;

fn refused(a: &mut Activity, at: &str, e: ActivityEvent, rule: &str) -> ActivityError {
    let before = a.to_json().unwrap();
    let err = a.apply(NewEvent::at(t(at), worker(), e)).unwrap_err();
    assert_eq!(err.rule_id(), Some(rule), "{err}");
    assert_eq!(
        a.to_json().unwrap(),
        before,
        "a refused event changes nothing"
    );
    err
}

fn bare_plan() -> ActivityPlan {
    let mut p = common::activity::plan(ActivityKind::Group, (2026, 4, 15), 6, 12, 90);
    p.contents = PlanContents::default();
    p
}

// [activity-plan-contents]: a plan missing its purpose, content, method, place, person in
// charge, budget or feasibility analysis is refused on submission, naming what is missing.
#[test]
fn activity_plan_contents_missing_is_refused_on_submission() {
    let mut a = Activity::start(NewEvent::at(
        t("2026-03-20"),
        worker(),
        ActivityEvent::Planned { plan: bare_plan() },
    ))
    .unwrap();
    let err = refused(
        &mut a,
        "2026-03-25",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
        "activity-plan-contents",
    );
    let text = err.to_string();
    for what in [
        "purpose",
        "content",
        "method",
        "place",
        "person in charge",
        "budget",
        "feasibility",
    ] {
        assert!(text.contains(what), "{what}: {text}");
    }
    // One piece missing is named alone.
    let mut p = common::activity::plan(ActivityKind::Group, (2026, 4, 15), 6, 12, 90);
    p.contents.place = " ".into();
    refused(
        &mut a,
        "2026-03-25",
        ActivityEvent::PlanRevised { plan: p.clone() },
        "activity-plan-contents",
    )
    .to_string()
    .contains("place")
    .then_some(())
    .unwrap();
    // A revised plan with every piece is accepted, then submitted.
    p.contents.place = "社区活动室".into();
    rec(
        &mut a,
        "2026-03-24",
        ActivityEvent::PlanRevised { plan: p.clone() },
    );
    rec(
        &mut a,
        "2026-03-25",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    assert_eq!(a.plan_of().contents.place, "社区活动室");
    // Revision while the plan awaits review is refused; a revision cannot move the date.
    refused(
        &mut a,
        "2026-03-26",
        ActivityEvent::PlanRevised { plan: p.clone() },
        "activity-review-3wd",
    );
    rec(
        &mut a,
        "2026-03-27",
        ActivityEvent::PlanReviewed {
            approved: false,
            comments: "补充预算".into(),
        },
    );
    let mut moved = p.clone();
    moved.date = "2026-04-20".parse().unwrap();
    refused(
        &mut a,
        "2026-03-28",
        ActivityEvent::PlanRevised { plan: moved },
        "activity-plan-2w",
    );
    rec(&mut a, "2026-03-28", ActivityEvent::PlanRevised { plan: p });
}

fn ready_group() -> Activity {
    let mut a = activity(ActivityKind::Group, "2026-03-20", (2026, 4, 15));
    rec(
        &mut a,
        "2026-03-25",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    rec(
        &mut a,
        "2026-03-26",
        ActivityEvent::PlanReviewed {
            approved: true,
            comments: String::new(),
        },
    );
    rec(
        &mut a,
        "2026-03-30",
        ActivityEvent::Recruited { members: 12 },
    );
    a
}

fn run_to_end(a: &mut Activity) {
    rec(a, "2026-04-15", session(1));
    rec(a, "2026-04-22", ActivityEvent::MiddleStageBegan);
    rec(a, "2026-04-22", session(2));
    rec(a, "2026-04-29", session(3));
    rec(
        a,
        "2026-04-29",
        ActivityEvent::MidtermEvaluated {
            summary: "中期".into(),
        },
    );
    rec(a, "2026-05-06", ActivityEvent::Ended);
}

fn wrap_up() -> ActivityEvent {
    ActivityEvent::WrapUpSubmitted {
        feedback_summary: true,
        review_report: true,
        expense_account: true,
    }
}

// [group-records]: no wrap-up while the group file lacks the member list or the member
// contract signed by the members; the file check lists what is missing.
#[test]
fn group_records_wrap_up_needs_member_list_and_signed_contract() {
    let mut a = ready_group();
    run_to_end(&mut a);
    assert_eq!(a.group_file_missing(), ["member_list", "member_contract"]);
    let err = refused(&mut a, "2026-05-08", wrap_up(), "group-records");
    assert!(err.to_string().contains("member list"), "{err}");

    let mut a = ready_group();
    rec(
        &mut a,
        "2026-04-01",
        ActivityEvent::MemberListFiled { members: 12 },
    );
    rec(&mut a, "2026-04-15", session(1));
    rec(
        &mut a,
        "2026-04-15",
        ActivityEvent::MemberContractSigned { signatures: 12 },
    );
    rec(&mut a, "2026-04-22", ActivityEvent::MiddleStageBegan);
    rec(&mut a, "2026-04-22", session(2));
    rec(&mut a, "2026-04-29", session(3));
    rec(
        &mut a,
        "2026-04-29",
        ActivityEvent::MidtermEvaluated {
            summary: "中期".into(),
        },
    );
    rec(&mut a, "2026-05-06", ActivityEvent::Ended);
    assert!(a.group_file_missing().is_empty());
    rec(&mut a, "2026-05-08", wrap_up());
}

// [group-records] negative cases: only a group has a member list and contract; a contract with
// no signature, or before the member list, or after the group ended, is refused.
#[test]
fn group_records_who_when_and_what() {
    let mut one_off = activity(ActivityKind::SmallMedium, "2026-03-20", (2026, 4, 15));
    refused(
        &mut one_off,
        "2026-03-21",
        ActivityEvent::MemberListFiled { members: 20 },
        "group-records",
    );
    refused(
        &mut one_off,
        "2026-03-21",
        ActivityEvent::MemberContractSigned { signatures: 20 },
        "group-records",
    );
    assert!(one_off.group_file_missing().is_empty());

    let mut a = ready_group();
    refused(
        &mut a,
        "2026-04-01",
        ActivityEvent::MemberContractSigned { signatures: 12 },
        "group-records",
    );
    refused(
        &mut a,
        "2026-04-01",
        ActivityEvent::MemberListFiled { members: 0 },
        "group-records",
    );
    rec(
        &mut a,
        "2026-04-01",
        ActivityEvent::MemberListFiled { members: 12 },
    );
    refused(
        &mut a,
        "2026-04-02",
        ActivityEvent::MemberContractSigned { signatures: 0 },
        "group-records",
    );
    refused(
        &mut a,
        "2026-04-02",
        ActivityEvent::MemberContractSigned { signatures: 13 },
        "group-records",
    );
    run_to_end(&mut a);
    refused(
        &mut a,
        "2026-05-07",
        ActivityEvent::MemberContractSigned { signatures: 12 },
        "group-records",
    );
}
