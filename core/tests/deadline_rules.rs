//! Every preset rule by ID, each with a worked date example that crosses a holiday or a 调休
//! weekend; statuses; agency rule sets; JSON; provisional years.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::NaiveDate;
use common::activity::{activity, rec};
use common::*;
use shegong::activity::*;
use shegong::calendar::Calendar;
use shegong::case::*;
use shegong::deadline::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn case_from(events: Vec<NewEvent>) -> Case {
    let mut it = events.into_iter();
    let mut case = Case::start(it.next().unwrap()).unwrap();
    for e in it {
        case.apply(e).unwrap();
    }
    case
}

fn only<'a>(obs: &'a [Obligation], rule: &str) -> &'a Obligation {
    let found: Vec<_> = obs.iter().filter(|o| o.rule == rule).collect();
    assert_eq!(found.len(), 1, "{rule}: {obs:#?}");
    found[0]
}

fn eval(case: &Case, now: &str) -> Vec<Obligation> {
    RuleSet::preset().obligations(case, &Calendar::china(), t(now))
}

/// A case opened on `day` (consent just before).
fn opened_on(day: &str) -> Vec<NewEvent> {
    vec![
        ev(&format!("{day}T08:00:00+08:00"), worker(), received()),
        // [open-after-interview], [inform-rights]: the interview and the rights explained.
        ev(
            &format!("{day}T08:10:00+08:00"),
            worker(),
            EventKind::ConsultationHeld {
                topic: String::new(),
                summary: "咨询面谈".into(),
            },
        ),
        ev(
            &format!("{day}T08:20:00+08:00"),
            worker(),
            EventKind::RightsInformed {
                how: ReplyMode::Oral,
                summary: "介绍申请及退出机制".into(),
            },
        ),
        ev(
            &format!("{day}T08:30:00+08:00"),
            client_actor(),
            service_consent(),
        ),
        ev(
            &format!("{day}T09:00:00+08:00"),
            worker(),
            EventKind::Opened {
                summary: "开案".into(),
            },
        ),
    ]
}

// [consult-reply-5wd]: not opened on Thursday 2026-02-12; the 调休 Saturday 02-14 counts and
// the Spring Festival break does not: due 02-26.
#[test]
fn consult_reply_5wd_across_spring_festival() {
    let mut events = vec![ev("2026-02-12T09:00:00+08:00", worker(), received())];
    events.push(ev(
        "2026-02-12T10:00:00+08:00",
        worker(),
        EventKind::NotOpened {
            reasons: "无需开案".into(),
        },
    ));
    let case = case_from(events);
    let ob = only(
        &eval(&case, "2026-02-24T09:00:00+08:00"),
        "consult-reply-5wd",
    )
    .clone();
    assert_eq!(ob.due_date, Some(d("2026-02-26")));
    assert_eq!(
        ob.status,
        ObligationStatus::AtRisk {
            working_days_left: 2,
            hours_left: None
        }
    );
    assert_eq!(ob.owed_by, Role::Worker);
    assert_eq!(ob.owner, "w-li");
    assert!(ob.explanation.starts_with("due 2026-02-26: 5 working days after the decision not to open on 2026-02-12 [consult-reply-5wd], calendar CN official 2026"), "{}", ob.explanation);
}

// [open-approval-5wd]: the issue's own example, and one across National Day and a 调休 Saturday.
#[test]
fn open_approval_5wd_explained() {
    let case = case_from(opened_on("2026-03-03"));
    let ob = only(
        &eval(&case, "2026-03-04T09:00:00+08:00"),
        "open-approval-5wd",
    )
    .clone();
    assert!(ob.explanation.starts_with("due 2026-03-10: 5 working days after opening on 2026-03-03 [open-approval-5wd], calendar CN official 2026; pending"), "{}", ob.explanation);
    let case = case_from(opened_on("2026-09-29"));
    let ob = only(
        &eval(&case, "2026-09-29T12:00:00+08:00"),
        "open-approval-5wd",
    )
    .clone();
    assert_eq!(
        ob.due_date,
        Some(d("2026-10-12")),
        "09-30, 10-08, 10-09, 10-10 (Saturday 调休), 10-12"
    );
}

// [open-meet-10wd]: opened 2026-09-29, the first meeting is due 2026-10-19; met on 10-16, on time.
#[test]
fn open_meet_10wd_met_on_time() {
    let mut events = opened_on("2026-09-29");
    events.push(ev("2026-10-16", worker(), session("首次会谈")));
    let case = case_from(events);
    let ob = only(&eval(&case, "2026-10-20T09:00:00+08:00"), "open-meet-10wd").clone();
    assert_eq!(ob.due_date, Some(d("2026-10-19")));
    assert!(
        matches!(ob.status, ObligationStatus::Met { on_time: true, .. }),
        "{:?}",
        ob.status
    );
    assert!(
        ob.explanation.ends_with("met on 2026-10-16, on time"),
        "{}",
        ob.explanation
    );
}

// [close-report-3wd]: goal achieved Thursday 2026-04-30; Labour Day 05-01..05 is off: due 05-08.
#[test]
fn close_report_3wd_across_labour_day() {
    let mut events = happy_path()[..14].to_vec();
    events.push(ev(
        "2026-04-30",
        client_actor(),
        EventKind::ClientEvaluationReceived {
            summary: "满意".into(),
        },
    ));
    events.push(ev(
        "2026-05-11",
        worker(),
        EventKind::ClosingReportSubmitted {
            to: Role::FirstLineSupervisor,
            summary: "报告".into(),
        },
    ));
    let case = case_from(events);
    let ob = only(
        &eval(&case, "2026-05-12T09:00:00+08:00"),
        "close-report-3wd",
    )
    .clone();
    assert_eq!(ob.due_date, Some(d("2026-05-08")));
    // Met late: 05-09 (Saturday 调休) and 05-11 are the working days after the due date.
    assert!(
        matches!(
            ob.status,
            ObligationStatus::Met {
                on_time: false,
                working_days_late: Some(2),
                ..
            }
        ),
        "{:?}",
        ob.status
    );
    assert_eq!(ob.status.working_days_late(), Some(2));
}

// [refer-in-meet-10wd]: accepted Tuesday 2026-02-10: both 调休 Saturdays count; due 03-02.
#[test]
fn refer_in_meet_10wd_across_spring_festival() {
    let case = case_from(vec![
        ev("2026-02-09", worker(), referred_in()),
        ev(
            "2026-02-10",
            worker(),
            EventKind::ReferralInAssessed {
                within_scope: true,
                reasons: "属服务范围".into(),
            },
        ),
    ]);
    let obs = eval(&case, "2026-03-03T09:00:00+08:00");
    let ob = only(&obs, "refer-in-meet-10wd");
    assert_eq!(ob.due_date, Some(d("2026-03-02")));
    assert_eq!(
        ob.status,
        ObligationStatus::Overdue {
            days: 1,
            working_days: Some(1),
            hours: None
        }
    );
    assert!(
        ob.explanation
            .contains("overdue by 1 working day (1 calendar day)"),
        "{}",
        ob.explanation
    );
}

// [refer-in-reply-5wd]: declined Friday 2025-09-26: Sunday 09-28 (调休) is day 1; due 10-10.
#[test]
fn refer_in_reply_5wd_across_national_day_2025() {
    let case = case_from(vec![
        ev("2025-09-25", worker(), referred_in()),
        ev(
            "2025-09-26",
            worker(),
            EventKind::ReferralInAssessed {
                within_scope: false,
                reasons: "超出范围".into(),
            },
        ),
        ev(
            "2025-10-09",
            worker(),
            EventKind::ReferralDeclineReplied {
                to_referrer: true,
                to_applicant: true,
                reasons: "超出范围".into(),
            },
        ),
    ]);
    let ob = only(
        &eval(&case, "2025-10-20T09:00:00+08:00"),
        "refer-in-reply-5wd",
    )
    .clone();
    assert_eq!(ob.due_date, Some(d("2025-10-10")));
    assert!(matches!(
        ob.status,
        ObligationStatus::Met { on_time: true, .. }
    ));
}

// [terminate-no-contact-3m]: last contact 2026-07-01; three months end on 10-01, a day off,
// so the period ends on the next working day, 10-08. Contacts restart it; notes do not.
#[test]
fn terminate_no_contact_3m_moves_off_the_holiday_and_restarts() {
    let mut events = happy_path()[..13].to_vec();
    events.push(ev(
        "2026-07-01",
        worker(),
        EventKind::Contacted {
            method: ContactMethod::Phone,
            summary: "通话".into(),
        },
    ));
    events.push(ev(
        "2026-08-01",
        worker(),
        EventKind::NoteAdded {
            text: "补记".into(),
        },
    ));
    events.push(ev(
        "2026-08-02",
        worker(),
        EventKind::ContactFailed {
            method: ContactMethod::Phone,
            note: "未接".into(),
        },
    ));
    let case = case_from(events.clone());
    let obs = eval(&case, "2026-09-01T09:00:00+08:00");
    let ob = only(&obs, "terminate-no-contact-3m");
    assert_eq!(ob.due_date, Some(d("2026-10-08")));
    assert_eq!(ob.counts_from.date, d("2026-07-01"));
    assert!(
        ob.explanation.contains(
            "(2026-10-01 is a day off (国庆节), so the period ends on the next working day)"
        ),
        "{}",
        ob.explanation
    );
    // A new contact restarts the clock: still one obligation, from the new contact.
    events.push(ev("2026-09-15", worker(), session("会谈")));
    let case = case_from(events.clone());
    let obs = eval(&case, "2026-09-16T09:00:00+08:00");
    assert_eq!(
        only(&obs, "terminate-no-contact-3m").due_date,
        Some(d("2026-12-15"))
    );
    // Closing releases it.
    events.push(ev(
        "2026-09-20",
        worker(),
        EventKind::ClosingProposed {
            closing_type: ClosingType::StatusChanged,
            reasons: "搬迁".into(),
        },
    ));
    let case = case_from(events);
    let obs = eval(&case, "2026-12-20T09:00:00+08:00");
    assert!(matches!(
        only(&obs, "terminate-no-contact-3m").status,
        ObligationStatus::Released { .. }
    ));
}

// [crisis-immediate]: 24 hours as an instant, whatever the calendar says; an agency can say less.
#[test]
fn crisis_immediate_counts_hours() {
    let case = case_from(vec![
        ev("2026-10-01T18:00:00+08:00", worker(), received()),
        ev(
            "2026-10-01T20:00:00+08:00",
            worker(),
            EventKind::CrisisDeclared {
                summary: "自伤风险".into(),
            },
        ),
    ]);
    let ob = only(
        &eval(&case, "2026-10-02T15:00:00+08:00"),
        "crisis-immediate",
    )
    .clone();
    assert_eq!(ob.due_at, Some(t("2026-10-02T20:00:00+08:00")));
    assert_eq!(
        ob.status,
        ObligationStatus::AtRisk {
            working_days_left: 0,
            hours_left: Some(5)
        }
    );
    let ob = only(
        &eval(&case, "2026-10-02T23:00:00+08:00"),
        "crisis-immediate",
    )
    .clone();
    assert!(
        matches!(ob.status, ObligationStatus::Overdue { hours: Some(3), .. }),
        "{:?}",
        ob.status
    );
    let strict = RuleSet::preset()
        .with_offset("crisis-immediate", Offset::Hours(2))
        .unwrap();
    let obs = strict.obligations(&case, &Calendar::china(), t("2026-10-01T23:00:00+08:00"));
    assert!(matches!(
        only(&obs, "crisis-immediate").status,
        ObligationStatus::Overdue { hours: Some(1), .. }
    ));
}

// [activity-plan-2w]: an activity on Thursday 2026-10-15: two weeks before is 10-01, a day
// off, so the plan is due on the last working day before it, 09-30.
#[test]
fn activity_plan_2w_counted_backwards() {
    let mut a = activity(
        ActivityKind::SmallMedium,
        "2026-09-10T09:00:00+08:00",
        (2026, 10, 15),
    );
    let obs = RuleSet::preset().activity_obligations(
        &a,
        &Calendar::china(),
        t("2026-09-29T09:00:00+08:00"),
    );
    let ob = only(&obs, "activity-plan-2w");
    assert_eq!(ob.due_date, Some(d("2026-09-30")));
    assert!(ob.explanation.contains("at least 2 weeks before the activity's (first session's) date on 2026-10-15 (2026-10-01 is a day off (国庆节), so the period ends on the last working day before it)"), "{}", ob.explanation);
    rec(
        &mut a,
        "2026-10-08T09:00:00+08:00",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    let obs = RuleSet::preset().activity_obligations(
        &a,
        &Calendar::china(),
        t("2026-10-09T09:00:00+08:00"),
    );
    assert!(matches!(
        only(&obs, "activity-plan-2w").status,
        ObligationStatus::Met { on_time: false, .. }
    ));
}

// [activity-review-3wd]: received Tuesday 2026-09-29: 09-30, 10-08, 10-09; owed by the reviewer.
#[test]
fn activity_review_3wd_owed_by_the_reviewer() {
    let mut a = activity(
        ActivityKind::Group,
        "2026-09-01T09:00:00+08:00",
        (2026, 10, 20),
    );
    rec(
        &mut a,
        "2026-09-29T09:00:00+08:00",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    let obs = RuleSet::preset().activity_obligations(
        &a,
        &Calendar::china(),
        t("2026-09-30T09:00:00+08:00"),
    );
    let ob = only(&obs, "activity-review-3wd");
    assert_eq!(ob.due_date, Some(d("2026-10-09")));
    assert_eq!(
        (ob.owed_by, ob.owner.as_str()),
        (Role::ProjectLead, "l-zhou")
    );
    assert_eq!(ob.subject_kind, SubjectKind::Activity);
}

// [group-session-summary-2d]: a session on Wednesday 2026-09-30; two days end on 10-02, a
// holiday, so the summary is due 10-08. Each session owes its own summary: the one of
// 09-23 ends on 09-25, 中秋节, so it is due 09-28.
#[test]
fn group_session_summary_2d_per_session() {
    let mut a = activity(
        ActivityKind::Group,
        "2026-09-01T09:00:00+08:00",
        (2026, 9, 23),
    );
    rec(
        &mut a,
        "2026-09-02T09:00:00+08:00",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    rec(
        &mut a,
        "2026-09-23T15:00:00+08:00",
        common::activity::session(1),
    );
    rec(
        &mut a,
        "2026-09-30T15:00:00+08:00",
        common::activity::session(2),
    );
    // Submitted on the 24th, entered after session 2 was recorded (time order, rules v2).
    a.apply(shegong::history::NewEvent {
        occurred_at: t("2026-09-24T10:00:00+08:00"),
        recorded_at: t("2026-09-30T16:00:00+08:00"),
        actor: worker(),
        event: ActivityEvent::SessionSummarySubmitted { number: 1 },
    })
    .unwrap();
    let obs = RuleSet::preset().activity_obligations(
        &a,
        &Calendar::china(),
        t("2026-10-09T09:00:00+08:00"),
    );
    let summaries: Vec<_> = obs
        .iter()
        .filter(|o| o.rule == "group-session-summary-2d")
        .collect();
    assert_eq!(summaries.len(), 2);
    assert_eq!(summaries[0].due_date, Some(d("2026-09-28")));
    assert!(
        summaries[0]
            .explanation
            .contains("2026-09-25 is a day off (中秋节)"),
        "{}",
        summaries[0].explanation
    );
    assert!(matches!(
        summaries[0].status,
        ObligationStatus::Met { on_time: true, .. }
    ));
    assert_eq!(summaries[1].due_date, Some(d("2026-10-08")));
    assert!(
        matches!(
            summaries[1].status,
            ObligationStatus::Overdue {
                days: 1,
                working_days: Some(1),
                ..
            }
        ),
        "{:?}",
        summaries[1].status
    );
}

// [activity-wrapup-5wd] [service-evaluation-10wd]: ended Thursday 2026-04-30, across Labour
// Day and the 调休 Saturday 05-09: wrap-up due 05-11, evaluation due 05-18.
#[test]
fn activity_wrapup_and_service_evaluation_across_labour_day() {
    let mut a = activity(
        ActivityKind::Lecture,
        "2026-04-01T09:00:00+08:00",
        (2026, 4, 30),
    );
    rec(
        &mut a,
        "2026-04-02T09:00:00+08:00",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    rec(
        &mut a,
        "2026-04-30T10:00:00+08:00",
        ActivityEvent::SessionHeld {
            number: 1,
            participants: 45,
            minutes: 90,
        },
    );
    rec(&mut a, "2026-04-30T12:00:00+08:00", ActivityEvent::Ended);
    let obs = RuleSet::preset().activity_obligations(
        &a,
        &Calendar::china(),
        t("2026-05-06T09:00:00+08:00"),
    );
    assert_eq!(
        only(&obs, "activity-wrapup-5wd").due_date,
        Some(d("2026-05-11"))
    );
    assert_eq!(
        only(&obs, "service-evaluation-10wd").due_date,
        Some(d("2026-05-18"))
    );
    assert!(only(&obs, "activity-plan-2w").status.name() == "met");
}

// [activity-size-norms] [group-stages]
#[test]
fn activity_size_norms_warn_and_group_stages_order() {
    let mut lecture = Activity::start(shegong::history::NewEvent::at(
        t("2026-05-01"),
        worker(),
        ActivityEvent::Planned {
            plan: common::activity::plan(ActivityKind::Lecture, (2026, 5, 20), 1, 40, 45),
        },
    ))
    .unwrap();
    let w = lecture.norm_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].message.contains("60 minutes") && w[0].rule == "activity-size-norms");
    lecture
        .apply(shegong::history::NewEvent::at(
            t("2026-05-02"),
            worker(),
            ActivityEvent::PlanSubmitted {
                to: "l-zhou".into(),
            },
        ))
        .unwrap();
    lecture
        .apply(shegong::history::NewEvent::at(
            t("2026-05-20"),
            worker(),
            ActivityEvent::SessionHeld {
                number: 1,
                participants: 25,
                minutes: 60,
            },
        ))
        .unwrap();
    assert_eq!(
        lecture.norm_warnings().len(),
        1,
        "25 people is short of 30; 60 minutes meets the norm"
    );
    for (kind, people, warns) in [
        (ActivityKind::Large, 59, 1),
        (ActivityKind::Large, 60, 0),
        (ActivityKind::SmallMedium, 19, 1),
        (ActivityKind::SmallMedium, 20, 0),
        (ActivityKind::General, 19, 0),
        (ActivityKind::General, 20, 1),
    ] {
        let a = Activity::start(shegong::history::NewEvent::at(
            t("2026-05-01"),
            worker(),
            ActivityEvent::Planned {
                plan: common::activity::plan(kind, (2026, 5, 20), 1, people, 90),
            },
        ))
        .unwrap();
        assert_eq!(a.norm_warnings().len(), warns, "{kind:?} {people}");
    }

    let mut g = activity(
        ActivityKind::Group,
        "2026-03-01T09:00:00+08:00",
        (2026, 3, 20),
    );
    assert_eq!(g.group_stage(), Some(GroupStage::Preparation));
    let err = g
        .apply(shegong::history::NewEvent::at(
            t("2026-03-20"),
            worker(),
            common::activity::session(1),
        ))
        .unwrap_err();
    assert_eq!(err.rule_id(), Some("activity-plan-2w"));
    rec(
        &mut g,
        "2026-03-02T09:00:00+08:00",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    rec(
        &mut g,
        "2026-03-03T09:00:00+08:00",
        ActivityEvent::PlanReviewed {
            approved: true,
            comments: "同意".into(),
        },
    );
    rec(
        &mut g,
        "2026-03-10T09:00:00+08:00",
        ActivityEvent::Recruited { members: 10 },
    );
    let err = g
        .apply(shegong::history::NewEvent::at(
            t("2026-03-20"),
            worker(),
            ActivityEvent::MidtermEvaluated {
                summary: "x".into(),
            },
        ))
        .unwrap_err();
    assert_eq!(err.rule_id(), Some("group-stages"));
    rec(
        &mut g,
        "2026-03-20T15:00:00+08:00",
        common::activity::session(1),
    );
    assert_eq!(g.group_stage(), Some(GroupStage::Beginning));
    assert_eq!(
        g.apply(shegong::history::NewEvent::at(
            t("2026-03-21"),
            worker(),
            common::activity::session(3)
        ))
        .unwrap_err()
        .rule_id(),
        Some("group-stages")
    );
    rec(
        &mut g,
        "2026-03-27T15:00:00+08:00",
        common::activity::session(2),
    );
    rec(
        &mut g,
        "2026-03-28T15:00:00+08:00",
        ActivityEvent::MiddleStageBegan,
    );
    assert_eq!(
        g.apply(shegong::history::NewEvent::at(
            t("2026-04-03"),
            worker(),
            ActivityEvent::Ended
        ))
        .unwrap_err()
        .rule_id(),
        Some("group-stages")
    );
    rec(
        &mut g,
        "2026-04-03T15:00:00+08:00",
        ActivityEvent::MidtermEvaluated {
            summary: "中期评估".into(),
        },
    );
    rec(
        &mut g,
        "2026-04-10T15:00:00+08:00",
        common::activity::session(3),
    );
    rec(&mut g, "2026-04-10T16:00:00+08:00", ActivityEvent::Ended);
    assert_eq!(g.group_stage(), Some(GroupStage::End));
    let err = g
        .apply(shegong::history::NewEvent::at(
            t("2026-04-11"),
            worker(),
            ActivityEvent::WrapUpSubmitted {
                feedback_summary: true,
                review_report: true,
                expense_account: false,
            },
        ))
        .unwrap_err();
    assert_eq!(err.rule_id(), Some("activity-wrapup-5wd"));
    // Round trip through JSON replays the same checks.
    let json = serde_json::to_string(&g).unwrap();
    let back: Activity = serde_json::from_str(&json).unwrap();
    assert_eq!(back, g);
}

// Statuses move pending → at risk → overdue, and met-late is reported as such.
#[test]
fn statuses_pending_at_risk_overdue_met_late() {
    let case = case_from(opened_on("2026-03-03")); // open-approval due 2026-03-10
    let status = |now: &str| only(&eval(&case, now), "open-approval-5wd").status.clone();
    assert_eq!(
        status("2026-03-04T09:00:00+08:00"),
        ObligationStatus::Pending
    );
    assert_eq!(
        status("2026-03-06T09:00:00+08:00"),
        ObligationStatus::AtRisk {
            working_days_left: 2,
            hours_left: None
        }
    );
    assert_eq!(
        status("2026-03-10T23:59:00+08:00"),
        ObligationStatus::AtRisk {
            working_days_left: 0,
            hours_left: None
        }
    );
    assert_eq!(
        status("2026-03-11T00:01:00+08:00"),
        ObligationStatus::Overdue {
            days: 1,
            working_days: Some(1),
            hours: None
        }
    );
    assert_eq!(
        status("2026-03-16T09:00:00+08:00"),
        ObligationStatus::Overdue {
            days: 6,
            working_days: Some(4),
            hours: None
        }
    );
    let mut events = opened_on("2026-03-03");
    events.push(ev(
        "2026-03-12",
        worker(),
        EventKind::OpeningSubmitted {
            supervisor: "s-zhang".into(),
        },
    ));
    let late = case_from(events);
    let ob = only(
        &eval(&late, "2026-03-16T09:00:00+08:00"),
        "open-approval-5wd",
    )
    .clone();
    assert!(matches!(
        ob.status,
        ObligationStatus::Met {
            on_time: false,
            working_days_late: Some(2),
            ..
        }
    ));
    // "As of" a moment before the submission, it was overdue.
    assert!(matches!(
        only(
            &eval(&late, "2026-03-11T09:00:00+08:00"),
            "open-approval-5wd"
        )
        .status,
        ObligationStatus::Overdue { .. }
    ));
    // A wider at-risk window is the rule set's to choose.
    let mut wide = RuleSet::preset();
    wide.at_risk_workdays = 5;
    let obs = wide.obligations(&case, &Calendar::china(), t("2026-03-04T09:00:00+08:00"));
    assert_eq!(only(&obs, "open-approval-5wd").status.name(), "at_risk");
}

// A case that closes owes nothing more but what closing requires.
#[test]
fn closing_releases_what_is_no_longer_owed() {
    let mut events = opened_on("2026-03-03");
    events.push(ev(
        "2026-03-04",
        client_actor(),
        EventKind::Withdrawn {
            reason: "搬家".into(),
        },
    ));
    let case = case_from(events);
    let obs = eval(&case, "2026-03-20T09:00:00+08:00");
    for rule in [
        "open-approval-5wd",
        "open-meet-10wd",
        "terminate-no-contact-3m",
    ] {
        assert_eq!(
            only(&obs, rule).status,
            ObligationStatus::Released {
                on: d("2026-03-04"),
                by: "withdrawn".into()
            },
            "{rule}"
        );
    }
}

// [terminate-no-contact-3m]: the clock runs only in an opened case, and closing stops it
// even when follow-ups (contacts) come after.
#[test]
fn terminate_no_contact_3m_runs_only_while_open() {
    let consultation = case_from(vec![
        ev("2026-02-12T09:00:00+08:00", worker(), received()),
        ev(
            "2026-02-12T10:00:00+08:00",
            worker(),
            EventKind::NotOpened {
                reasons: "无需开案".into(),
            },
        ),
    ]);
    assert!(eval(&consultation, "2026-09-01T09:00:00+08:00")
        .iter()
        .all(|o| o.rule != "terminate-no-contact-3m"));
    let closed = case_from(happy_path());
    let obs = eval(&closed, "2026-12-01T09:00:00+08:00");
    assert!(matches!(
        only(&obs, "terminate-no-contact-3m").status,
        ObligationStatus::Released { .. }
    ));
    // Reopened: the clock runs again from the reopening.
    let mut events = happy_path();
    events.push(ev(
        "2026-06-01",
        worker(),
        EventKind::Reopened {
            reason: "复发".into(),
        },
    ));
    let reopened = case_from(events);
    let obs = eval(&reopened, "2026-06-02T09:00:00+08:00");
    let ob = only(&obs, "terminate-no-contact-3m");
    assert_eq!(
        (ob.counts_from.date, ob.status.name()),
        (d("2026-06-01"), "pending")
    );
    assert_eq!(ob.due_date, Some(d("2026-09-01")));
}

// Agency rule sets: override an offset, drop a rule, add one; versioned; JSON round trip.
#[test]
fn agency_rule_sets_override_drop_add_and_round_trip() {
    let set = RuleSet::preset()
        .renamed("苏州某机构", "2026.3")
        .with_offset("open-approval-5wd", Offset::WorkingDays(3))
        .unwrap()
        .without("terminate-no-contact-3m")
        .unwrap()
        .with_rule(Rule {
            id: "agency-first-session-report-1wd".into(),
            owed: "file the first session's record".into(),
            counts_from_label: "opening".into(),
            counts_from: Trigger::Opened,
            satisfied_by: vec![Trigger::Met],
            released_by: vec![Trigger::ClosingStarted],
            offset: Offset::WorkingDays(1),
            owed_by: Role::Worker,
            move_off_days: true,
            occurrences: Occurrences::Every,
            active_after: None,
        })
        .unwrap();
    let case = case_from(opened_on("2026-09-29"));
    let obs = set.obligations(&case, &Calendar::china(), t("2026-09-30T09:00:00+08:00"));
    assert_eq!(
        only(&obs, "open-approval-5wd").due_date,
        Some(d("2026-10-09"))
    );
    assert!(obs.iter().all(|o| o.rule != "terminate-no-contact-3m"));
    assert_eq!(
        only(&obs, "agency-first-session-report-1wd").due_date,
        Some(d("2026-09-30"))
    );
    let json = set.to_json().unwrap();
    let back = RuleSet::from_json(&json).unwrap();
    assert_eq!(back, set);
    assert_eq!(
        RuleSet::from_json(&RuleSet::preset().to_json().unwrap()).unwrap(),
        RuleSet::preset()
    );
    assert!(matches!(
        RuleSet::preset().without("nope").unwrap_err(),
        DeadlineError::UnknownRule { .. }
    ));
    let dup = RuleSet::preset()
        .with_rule(RuleSet::preset().rules[0].clone())
        .unwrap_err();
    assert!(matches!(dup, DeadlineError::InvalidRuleSet { .. }));
    assert_eq!(
        RuleSet::from_json("{").unwrap_err().kind(),
        shegong::ErrorKind::Malformed
    );
    assert!(matches!(
        RuleSet::from_json(r#"{"name":"x","version":"1","rules":[],"format":9}"#).unwrap_err(),
        DeadlineError::InvalidRuleSet { .. }
    ));
}

// [calendar-provisional]: a due date after the data is not computable on the strict calendar
// (naming its last date) and flagged provisional on an opted-in one; the rest goes on.
#[test]
fn calendar_provisional_obligations() {
    let case = case_from(opened_on("2026-12-28"));
    let obs = eval(&case, "2026-12-29T09:00:00+08:00");
    let ob = only(&obs, "open-meet-10wd");
    match &ob.status {
        ObligationStatus::NotComputable { reason } => {
            assert!(reason.contains("2026-12-31"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(ob.due_date, None);
    let first_not_computable = obs.iter().position(|o| o.due_date.is_none()).unwrap();
    assert!(
        obs[first_not_computable..]
            .iter()
            .all(|o| o.due_date.is_none()),
        "not computable sorts last"
    );
    assert!(obs
        .iter()
        .any(|o| o.rule == "open-approval-5wd" && o.status.name() == "not_computable"));
    let open = Calendar::china().with_provisional(true);
    let obs = RuleSet::preset().obligations(&case, &open, t("2026-12-29T09:00:00+08:00"));
    let ob = only(&obs, "open-meet-10wd");
    assert_eq!(ob.due_date, Some(d("2027-01-11")));
    assert!(ob.provisional);
    assert!(
        ob.explanation
            .contains("calendar CN official, provisional 2027"),
        "{}",
        ob.explanation
    );
}

// [deadline-counting]: the preset holds every time limit of the sources.
#[test]
fn preset_has_every_time_limit() {
    let preset = RuleSet::preset();
    let ids: Vec<&str> = preset.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "consult-reply-5wd",
            "open-approval-5wd",
            "open-meet-10wd",
            "close-report-3wd",
            "refer-in-meet-10wd",
            "refer-in-reply-5wd",
            "terminate-no-contact-3m",
            "crisis-immediate",
            "medical-escalation",
            "activity-plan-2w",
            "activity-review-3wd",
            "group-session-summary-2d",
            "activity-wrapup-5wd",
            "service-evaluation-10wd",
        ]
    );
    RuleSet::preset().validate().unwrap();
}

mod properties {
    use super::*;
    use common::random::{build, steps};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        // [deadline-counting]: no obligation of a forward rule is due before the event it
        // counts from; evaluation is deterministic and survives a replay of the history.
        #[test]
        fn obligations_never_due_before_their_event(steps in steps(), now_days in 0i64..400) {
            let (case, _) = build(&steps);
            let now = t("2026-03-02T09:00:00+08:00") + chrono::Duration::days(now_days);
            let cal = Calendar::china().with_provisional(true);
            let set = RuleSet::preset();
            let obs = set.obligations(&case, &cal, now);
            for o in &obs {
                if let Some(due) = o.due_date {
                    prop_assert!(due >= o.counts_from.date, "{o:?}");
                }
                if let Some(due_at) = o.due_at {
                    prop_assert!(due_at >= o.counts_from.at);
                }
                prop_assert!(o.counts_from.at <= now, "events after now are ignored");
            }
            prop_assert_eq!(&set.obligations(&case, &cal, now), &obs);
            let replayed = Case::replay(case.history().to_vec()).unwrap();
            prop_assert_eq!(set.obligations(&replayed, &cal, now), obs);
        }
    }
}
