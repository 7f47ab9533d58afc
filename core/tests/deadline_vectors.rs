//! The shared obligation vectors under `tests/vectors/deadline/` (format: tests/README.md):
//! a history, a rule set, a calendar and one or more `now`s in; obligations out.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::activity::{activity, rec, session};
use common::*;
use serde_json::{json, Value};
use shegong::activity::*;
use shegong::calendar::Calendar;
use shegong::case::*;
use shegong::deadline::*;

fn case_from(events: Vec<NewEvent>) -> Case {
    let mut it = events.into_iter();
    let mut case = Case::start(it.next().unwrap()).unwrap();
    for e in it {
        case.apply(e).unwrap();
    }
    case
}

enum Subject {
    Case(Box<Case>),
    Activity(Box<Activity>),
}

struct Scenario {
    name: &'static str,
    rules: &'static [&'static str],
    description: &'static str,
    subject: Subject,
    rule_set: RuleSet,
    calendar: Calendar,
    nows: &'static [&'static str],
}

fn scenarios() -> Vec<Scenario> {
    let mut consult = vec![ev("2026-02-12T09:00:00+08:00", worker(), received())];
    consult.push(ev(
        "2026-02-12T10:00:00+08:00",
        worker(),
        EventKind::NotOpened {
            reasons: "无需开案".into(),
        },
    ));
    let mut late_year = vec![
        ev("2026-12-28T08:00:00+08:00", worker(), received()),
        ev(
            "2026-12-28T08:10:00+08:00",
            worker(),
            EventKind::ConsultationHeld {
                topic: String::new(),
                summary: "首次咨询面谈".into(),
            },
        ),
        ev(
            "2026-12-28T08:20:00+08:00",
            worker(),
            EventKind::RightsInformed {
                how: ReplyMode::Oral,
                summary: "告知申请及退出机制".into(),
            },
        ),
        ev(
            "2026-12-28T08:30:00+08:00",
            client_actor(),
            service_consent(),
        ),
        ev(
            "2026-12-28T09:00:00+08:00",
            worker(),
            EventKind::Opened {
                summary: "开案".into(),
            },
        ),
    ];
    let crisis = vec![
        ev("2026-10-01T18:00:00+08:00", worker(), received()),
        ev(
            "2026-10-01T20:00:00+08:00",
            worker(),
            EventKind::CrisisDeclared {
                summary: "自伤风险".into(),
            },
        ),
        ev(
            "2026-10-02T08:00:00+08:00",
            worker(),
            EventKind::CrisisReported {
                to: vec!["s-zhang".into(), "街道".into()],
                supervisor: "s-zhang".into(),
                departments: vec!["街道".into()],
            },
        ),
    ];
    let mut group = activity(
        ActivityKind::Group,
        "2026-09-01T09:00:00+08:00",
        (2026, 9, 23),
    );
    rec(
        &mut group,
        "2026-09-02T09:00:00+08:00",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    rec(
        &mut group,
        "2026-09-08T09:00:00+08:00",
        ActivityEvent::PlanReviewed {
            approved: true,
            comments: "同意".into(),
        },
    );
    rec(&mut group, "2026-09-23T15:00:00+08:00", session(1));
    rec(
        &mut group,
        "2026-09-24T10:00:00+08:00",
        ActivityEvent::SessionSummarySubmitted { number: 1 },
    );
    rec(&mut group, "2026-09-30T15:00:00+08:00", session(2));
    rec(
        &mut group,
        "2026-10-01T09:00:00+08:00",
        ActivityEvent::MiddleStageBegan,
    );
    rec(
        &mut group,
        "2026-10-09T09:00:00+08:00",
        ActivityEvent::MidtermEvaluated {
            summary: "中期".into(),
        },
    );
    rec(&mut group, "2026-10-14T15:00:00+08:00", session(3));
    rec(
        &mut group,
        "2026-10-14T16:00:00+08:00",
        ActivityEvent::Ended,
    );
    let agency = RuleSet::preset()
        .renamed("苏州某机构", "2026.3")
        .with_offset("open-approval-5wd", Offset::WorkingDays(3))
        .unwrap()
        .with_offset("crisis-immediate", Offset::Hours(2))
        .unwrap();
    let agency_calendar = Calendar::china()
        .with_agency_days(
            "苏州某机构",
            vec![shegong::calendar::AgencyDay {
                date: "2026-03-06".parse().unwrap(),
                note: "全员培训日".into(),
            }],
            vec![],
        )
        .unwrap();
    late_year.truncate(5);
    vec![
        Scenario {
            name: "happy-path-case",
            rules: &["open-approval-5wd", "open-meet-10wd", "close-report-3wd", "terminate-no-contact-3m"],
            description: "The happy-path case, evaluated as of several moments.",
            subject: Subject::Case(Box::new(case_from(published_happy_path()))),
            rule_set: RuleSet::preset(),
            calendar: Calendar::china(),
            nows: &["2026-03-04T09:00:00+08:00", "2026-03-09T09:00:00+08:00", "2026-04-22T09:00:00+08:00", "2026-06-01T09:00:00+08:00"],
        },
        Scenario {
            name: "consultation-reply-spring-festival",
            rules: &["consult-reply-5wd", "calendar-workdays"],
            description: "A reply owed across the 2026 Spring Festival and its 调休 Saturday.",
            subject: Subject::Case(Box::new(case_from(consult))),
            rule_set: RuleSet::preset(),
            calendar: Calendar::china(),
            nows: &["2026-02-13T09:00:00+08:00", "2026-02-26T18:00:00+08:00", "2026-03-02T09:00:00+08:00"],
        },
        Scenario {
            name: "provisional-year",
            rules: &["calendar-provisional", "open-meet-10wd"],
            description: "Due dates after the official data: not computable on the strict calendar.",
            subject: Subject::Case(Box::new(case_from(late_year.clone()))),
            rule_set: RuleSet::preset(),
            calendar: Calendar::china(),
            nows: &["2026-12-29T09:00:00+08:00"],
        },
        Scenario {
            name: "provisional-year-opted-in",
            rules: &["calendar-provisional", "open-meet-10wd"],
            description: "The same case on a calendar that answers provisional years, flagged.",
            subject: Subject::Case(Box::new(case_from(late_year))),
            rule_set: RuleSet::preset(),
            calendar: Calendar::china().with_provisional(true),
            nows: &["2026-12-29T09:00:00+08:00"],
        },
        Scenario {
            name: "crisis-hours",
            rules: &["crisis-immediate"],
            description: "A crisis reported within 24 hours, on a holiday.",
            subject: Subject::Case(Box::new(case_from(crisis))),
            rule_set: RuleSet::preset(),
            calendar: Calendar::china(),
            nows: &["2026-10-01T21:00:00+08:00", "2026-10-02T09:00:00+08:00"],
        },
        Scenario {
            name: "agency-rule-set",
            rules: &["open-approval-5wd", "crisis-immediate"],
            description: "An agency set (3 working days to submit, 2 hours for crises) on an agency calendar.",
            subject: Subject::Case(Box::new(case_from(published_happy_path()[..7].to_vec()))),
            rule_set: agency,
            calendar: agency_calendar,
            nows: &["2026-03-09T09:00:00+08:00"],
        },
        Scenario {
            name: "group-activity",
            rules: &["activity-plan-2w", "activity-review-3wd", "group-session-summary-2d", "activity-wrapup-5wd", "service-evaluation-10wd"],
            description: "A group across 中秋 and National Day 2026.",
            subject: Subject::Activity(Box::new(group)),
            rule_set: RuleSet::preset(),
            calendar: Calendar::china(),
            nows: &["2026-10-09T09:00:00+08:00", "2026-10-22T09:00:00+08:00"],
        },
    ]
}

fn evaluate(subject: &Subject, set: &RuleSet, cal: &Calendar, now: &str) -> Value {
    let obs = match subject {
        Subject::Case(c) => set.obligations(c, cal, t(now)),
        Subject::Activity(a) => set.activity_obligations(a, cal, t(now)),
    };
    serde_json::to_value(obs).unwrap()
}

fn generate(s: &Scenario) -> Value {
    let (case, activity) = match &s.subject {
        Subject::Case(c) => (serde_json::to_value(c).unwrap(), Value::Null),
        Subject::Activity(a) => (Value::Null, serde_json::to_value(a).unwrap()),
    };
    let evaluations: Vec<Value> = s
        .nows
        .iter()
        .map(|now| json!({ "now": now, "expect": evaluate(&s.subject, &s.rule_set, &s.calendar, now) }))
        .collect();
    json!({
        "format": 1,
        "kind": "obligations",
        "name": s.name,
        "rules": s.rules,
        "description": s.description,
        "case": case,
        "activity": activity,
        "rule_set": if s.rule_set == RuleSet::preset() { json!("preset") } else { serde_json::to_value(&s.rule_set).unwrap() },
        "calendar": s.calendar,
        "evaluations": evaluations,
    })
}

#[test]
fn vectors_are_current() {
    for s in scenarios() {
        common::vectors::check_or_update("deadline", &format!("{}.json", s.name), &generate(&s));
    }
}

#[test]
fn vectors_replay() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return;
    }
    let files = common::vectors::read_all("deadline");
    assert!(files.len() >= 7);
    for (file, v) in files {
        assert_eq!(v["kind"], "obligations");
        let set = match &v["rule_set"] {
            Value::String(s) if s == "preset" => RuleSet::preset(),
            other => RuleSet::from_json(&other.to_string()).unwrap(),
        };
        let cal: Calendar = serde_json::from_value(v["calendar"].clone()).unwrap();
        let subject = if v["case"].is_null() {
            Subject::Activity(Box::new(
                serde_json::from_value(v["activity"].clone()).unwrap(),
            ))
        } else {
            // Published histories of rules version 1 (until the stored history names it).
            Subject::Case(Box::new(Case::from_json(&v["case"].to_string()).unwrap()))
        };
        for e in v["evaluations"].as_array().unwrap() {
            let got = evaluate(&subject, &set, &cal, e["now"].as_str().unwrap());
            assert_eq!(got, e["expect"], "{file} as of {}", e["now"]);
        }
        common::vectors::replayed("deadline", &file);
    }
}

/// The happy path under the current rules (the rules-version-1 vectors are kept in
/// tests/fixtures/v1/deadline).
fn published_happy_path() -> Vec<NewEvent> {
    happy_path()
}
