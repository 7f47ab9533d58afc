//! Workload arithmetic (`[annual-hours]`, `[direct-share-70pct]`, `[reference-hours]`,
//! `[project-workload-sum]`, `[project-bounds]`, `[general-activity-cap-10pct]`,
//! `[supervision-limits]`, `[supervision-fee-caps]`, `[staffing-minimum]`, `[worker-qualification]`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::activity::{activity, rec, session};
use common::*;
use shegong::activity::{ActivityEvent, ActivityKind};
use shegong::assessment::Education;
use shegong::calendar::Calendar;
use shegong::case::*;
use shegong::workload::*;

// [annual-hours]: 1960 h from the standard's own numbers; 1944 h with 13 holidays; and the
// real calendar of 2025 and 2026 (248 working days each), saying which basis it used.
#[test]
fn annual_hours_formula_and_calendar() {
    let std = annual_hours(AnnualHoursParams::standard_2016()).unwrap();
    assert_eq!(std.hours(), 1960);
    assert!(
        std.explanation.contains(
            "365 days − 11 public holidays − 104 weekend days − 5 days paid leave] × 8 h = 1960 h"
        ),
        "{}",
        std.explanation
    );
    assert!(matches!(std.basis, AnnualBasis::Formula { .. }));
    assert_eq!(
        annual_hours(AnnualHoursParams::from_2025())
            .unwrap()
            .hours(),
        1944
    );
    let cal = Calendar::china();
    for year in [2025, 2026] {
        let h = annual_hours_from_calendar(&cal, year, 5, 8).unwrap();
        assert_eq!(h.hours(), (248 - 5) * 8, "{year}");
        match &h.basis {
            AnnualBasis::Calendar {
                workdays,
                provisional,
                ..
            } => assert_eq!((*workdays, *provisional), (248, false)),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        annual_hours_from_calendar(&cal, 2016, 5, 8)
            .unwrap()
            .hours(),
        (250 - 5) * 8
    );
    assert!(matches!(
        annual_hours_from_calendar(&cal, 2027, 5, 8).unwrap_err(),
        WorkloadError::Calendar(_)
    ));
    let p = annual_hours_from_calendar(&cal.clone().with_provisional(true), 2027, 5, 8).unwrap();
    assert!(p.explanation.contains("provisional"));
    let mut silly = AnnualHoursParams::standard_2016();
    silly.paid_leave_days = 400;
    assert!(annual_hours(silly).is_err());
}

// [direct-share-70pct]: 70 % of 1960 h is 1372 h, exactly; configurable.
#[test]
fn direct_share_70pct() {
    let std = annual_hours(AnnualHoursParams::standard_2016()).unwrap();
    assert_eq!(direct_share(&std, 70).unwrap(), 1372 * 60);
    assert_eq!(direct_share(&std, 75).unwrap(), 1470 * 60);
    assert!(direct_share(&std, 101).is_err());
}

// [reference-hours]: all 23 items, their units, variants and the composite surveys.
#[test]
fn reference_hours_every_item() {
    let t = ReferenceTable::suzhou_2016();
    let hours = |id: &str| t.item(id).unwrap().minutes.map(|m| m / 60);
    let expected: [(u32, &str, Option<i64>); 23] = [
        (1, "professional_consultation", Some(1)),
        (2, "intake", Some(16)),
        (3, "case_session", Some(8)),
        (4, "closing_evaluation", Some(4)),
        (5, "referral", None),
        (6, "group_preparation", Some(20)),
        (7, "group_session", Some(12)),
        (8, "group_midterm_evaluation", Some(4)),
        (9, "group_closing_evaluation", Some(4)),
        (10, "home_visit", Some(2)),
        (11, "household_needs_assessment", Some(2)),
        (12, "large_activity", Some(60)),
        (13, "small_medium_activity", Some(20)),
        (14, "general_activity", Some(4)),
        (15, "community_survey", Some(160)),
        (16, "resource_survey", Some(80)),
        (17, "organisation_workshop", None),
        (18, "organisation_consultation", Some(1)),
        (19, "volunteer_workshop", None),
        (20, "training_lecture", None),
        (21, "recruitment", None),
        (22, "drafting", Some(12)),
        (23, "fundraising_and_other", None),
    ];
    for (i, (n, id, h)) in expected.iter().enumerate() {
        assert_eq!((t.items[i].number, t.items[i].id.as_str()), (*n, *id));
        assert_eq!(hours(id), *h, "{id}");
        assert!(!t.items[i].zh.is_empty());
    }
    let variant = |id: &str, v: &str| {
        t.item(id)
            .unwrap()
            .variants
            .iter()
            .find(|x| x.id == v)
            .unwrap()
            .minutes
            / 60
    };
    assert_eq!(
        (
            variant("referral", "unaccompanied"),
            variant("referral", "accompanied")
        ),
        (8, 12)
    );
    for id in [
        "organisation_workshop",
        "volunteer_workshop",
        "training_lecture",
    ] {
        assert_eq!(
            (variant(id, "self_run"), variant(id, "outside_expert")),
            (20, 8)
        );
    }
    for id in ["community_survey", "resource_survey"] {
        let item = t.item(id).unwrap();
        assert_eq!(
            item.parts.iter().map(|p| p.minutes).sum::<i64>(),
            item.minutes.unwrap(),
            "{id}: the parts add up"
        );
    }
    assert_eq!(
        t.item("resource_survey").unwrap().parts[0].id,
        "walk_through"
    );
    assert_eq!(t.item("recruitment").unwrap().unit, Unit::Actual);
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(
        serde_json::from_str::<ReferenceTable>(&json).unwrap(),
        t,
        "agencies can ship their own table as JSON"
    );
}

fn plan(staff: u32, lines: Vec<PlanLine>) -> PlanReport {
    ProjectPlan::standard("测试项目", staff, lines)
        .unwrap()
        .evaluate(&ReferenceTable::suzhou_2016())
        .unwrap()
}

// [project-workload-sum]: Σ reference hours × counts, per line and in total, with variants,
// partial units and the combined resource survey.
#[test]
fn project_workload_sum() {
    let mut survey = PlanLine::new("community_survey", 1);
    survey.size = Some(150);
    let mut resource = PlanLine::new("resource_survey", 1);
    resource.combined_with_survey = true;
    let mut recruit = PlanLine::new("recruitment", 1);
    recruit.actual_minutes = Some(37 * 60 + 30);
    let r = plan(
        1,
        vec![
            PlanLine::new("intake", 10),
            PlanLine::new("referral", 3).variant("accompanied"),
            PlanLine::new("training_lecture", 2).variant("outside_expert"),
            survey,
            resource,
            recruit,
        ],
    );
    let minutes: Vec<i64> = r.lines.iter().map(|l| l.minutes).collect();
    assert_eq!(
        minutes,
        [160 * 60, 36 * 60, 16 * 60, 240 * 60, 50 * 60, 37 * 60 + 30]
    );
    assert_eq!(r.total_minutes, minutes.iter().sum::<i64>());
    assert!(r.lines[4]
        .explanation
        .contains("walk-through not counted again"));
    assert!(
        r.lines[3].explanation.contains("150/100 units"),
        "{}",
        r.lines[3].explanation
    );
    // Partial units: pro rata by default; a plan may round up or down.
    for (rule, expect) in [
        (PartialUnit::RoundUp, 320),
        (PartialUnit::RoundDown, 160),
        (PartialUnit::ProRata, 240),
    ] {
        let mut p = ProjectPlan::standard(
            "x",
            1,
            vec![PlanLine {
                size: Some(150),
                ..PlanLine::new("community_survey", 1)
            }],
        )
        .unwrap();
        p.partial_unit = rule;
        assert_eq!(
            p.evaluate(&ReferenceTable::suzhou_2016())
                .unwrap()
                .total_minutes,
            expect * 60,
            "{rule:?}"
        );
    }
    // Bad lines are typed errors naming the line.
    let table = ReferenceTable::suzhou_2016();
    for (bad, needle) in [
        (PlanLine::new("juggling", 1), "no item"),
        (PlanLine::new("referral", 1), "needs a variant"),
        (
            PlanLine::new("referral", 1).variant("by_taxi"),
            "no variant",
        ),
        (PlanLine::new("recruitment", 1), "actual"),
    ] {
        let err = ProjectPlan::standard("x", 1, vec![PlanLine::new("intake", 1), bad])
            .unwrap()
            .evaluate(&table)
            .unwrap_err();
        assert!(
            matches!(&err, WorkloadError::InvalidLine { line: 2, .. })
                && err.to_string().contains(needle),
            "{err}"
        );
    }
    assert!(ProjectPlan::standard("x", 0, vec![])
        .unwrap()
        .evaluate(&table)
        .is_err());
}

// [project-bounds]: staff × 1372 ≤ total ≤ staff × 1960, every violation reported.
#[test]
fn project_bounds() {
    let within = plan(1, vec![PlanLine::new("case_session", 200)]); // 1600 h
    assert!(within.findings.is_empty());
    assert_eq!(
        (
            within.lower_bound_minutes / 60,
            within.upper_bound_minutes / 60
        ),
        (1372, 1960)
    );
    let low = plan(1, vec![PlanLine::new("case_session", 171)]); // 1368 h
    assert_eq!(low.findings.len(), 1);
    assert_eq!(
        (low.findings[0].rule.as_str(), low.findings[0].severity),
        ("project-bounds", Severity::Violation)
    );
    assert!(
        plan(1, vec![PlanLine::new("case_session", 172)])
            .findings
            .is_empty(),
        "1376 h is enough"
    );
    let high = plan(2, vec![PlanLine::new("case_session", 491)]); // 3928 h > 3920
    assert_eq!(high.findings[0].rule, "project-bounds");
    assert!(high.findings[0].message.contains("above 2 staff"));
    assert!(
        plan(2, vec![PlanLine::new("case_session", 490)])
            .findings
            .is_empty(),
        "3920 h is the upper bound itself"
    );
}

// [general-activity-cap-10pct]: general community activities at most 10 % of the hours.
#[test]
fn general_activity_cap_10pct() {
    let ok = plan(
        1,
        vec![
            PlanLine::new("case_session", 180),
            PlanLine::new("general_activity", 40),
        ],
    ); // 160 of 1600 = 10 %
    assert!(ok.findings.is_empty(), "{:?}", ok.findings);
    assert_eq!(ok.general_activity_share_bp, 1000);
    let over = plan(
        1,
        vec![
            PlanLine::new("case_session", 180),
            PlanLine::new("general_activity", 41),
        ],
    );
    assert_eq!(over.findings.len(), 1);
    assert_eq!(over.findings[0].rule, "general-activity-cap-10pct");
    assert!(
        over.findings[0].message.contains("10.22 %"),
        "{}",
        over.findings[0].message
    );
}

// Plan against actual on a small set of histories, per worker and month.
#[test]
fn plan_versus_actual_from_histories() {
    let case = {
        let mut events = happy_path().into_iter();
        let mut c = Case::start(events.next().unwrap()).unwrap();
        for e in events {
            c.apply(e).unwrap();
        }
        c.apply(ev(
            "2026-05-25",
            worker(),
            EventKind::Reopened {
                reason: "复发".into(),
            },
        ))
        .unwrap();
        c
    };
    let mut g = activity(
        ActivityKind::Group,
        "2026-03-01T09:00:00+08:00",
        (2026, 3, 20),
    );
    rec(
        &mut g,
        "2026-03-02T09:00:00+08:00",
        ActivityEvent::PlanSubmitted {
            to: "l-zhou".into(),
        },
    );
    rec(&mut g, "2026-03-20T15:00:00+08:00", session(1));
    rec(&mut g, "2026-03-27T15:00:00+08:00", session(2));
    let actual = actual_counts(
        std::slice::from_ref(&case),
        std::slice::from_ref(&g),
        &ReferenceTable::suzhou_2016(),
        "2026-01-01".parse().unwrap(),
        "2026-12-31".parse().unwrap(),
    )
    .unwrap();
    let rows: Vec<(&str, &str, &str, u32)> = actual
        .iter()
        .map(|a| {
            (
                a.worker.as_str(),
                a.month.as_str(),
                a.item.as_str(),
                a.count,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("w-li", "2026-03", "case_session", 2),
            ("w-li", "2026-03", "group_preparation", 1),
            ("w-li", "2026-03", "group_session", 2),
            ("w-li", "2026-03", "intake", 1),
            ("w-li", "2026-03", "professional_consultation", 1),
            ("w-li", "2026-04", "closing_evaluation", 1),
            ("w-li", "2026-05", "intake", 1),
        ]
    );
    assert_eq!(
        actual.iter().map(|a| a.minutes).sum::<i64>(),
        (2 * 8 + 20 + 2 * 12 + 16 + 1 + 4 + 16) * 60
    );
    let report = plan(
        1,
        vec![
            PlanLine::new("intake", 10),
            PlanLine::new("case_session", 80),
        ],
    );
    let cmp = compare(&report, &actual, &ReferenceTable::suzhou_2016()).unwrap();
    let intake = cmp.iter().find(|c| c.item == "intake").unwrap();
    assert_eq!((intake.planned_count, intake.actual_count), (10, 2));
    assert_eq!(
        cmp.first().unwrap().item,
        "professional_consultation",
        "in the table's order"
    );
    // A date range filters by the event's China date.
    let march = actual_counts(
        std::slice::from_ref(&case),
        &[],
        &ReferenceTable::suzhou_2016(),
        "2026-03-01".parse().unwrap(),
        "2026-03-31".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(march.iter().map(|a| a.count).sum::<u32>(), 4);
}

fn session_record(
    kind: SupervisionKind,
    minutes: u32,
    supervisees: usize,
    t: SupervisorType,
    years: u32,
    yuan: i64,
) -> SupervisionRecord {
    SupervisionRecord {
        date: "2026-03-10".parse().unwrap(),
        kind,
        supervisor: "王督导".into(),
        supervisor_type: t,
        years_of_practice: years,
        supervisees: (0..supervisees).map(|i| format!("w-{i}")).collect(),
        minutes,
        fee_per_hour_fen: yuan * 100,
        topic: "个案督导".into(),
        confirmed_by: Some("王督导".into()),
        confirmed_on: Some("2026-03-10".parse().unwrap()),
    }
}

// [supervision-records]: only written, confirmed supervision records count towards
// supervision hours and fees (before issue 12 every record counted, confirmed or not).
#[test]
fn supervision_records_only_confirmed_count() {
    use SupervisionKind::*;
    use SupervisorType::Local;
    let good = session_record(Individual, 90, 1, Local, 8, 200);
    assert!(check_supervision(&good).is_empty());
    let mut unconfirmed = good.clone();
    unconfirmed.confirmed_by = None;
    unconfirmed.confirmed_on = None;
    let f = check_supervision(&unconfirmed);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, "supervision-records");
    let mut by_other = good.clone();
    by_other.confirmed_by = Some("w-0".into());
    let mut backdated = good.clone();
    backdated.confirmed_on = Some("2026-03-09".parse().unwrap());
    let mut unwritten = good.clone();
    unwritten.topic = " ".into();
    let mut nobody = good.clone();
    nobody.supervisees.clear();
    let records = [
        good.clone(),
        unconfirmed,
        by_other,
        backdated,
        unwritten,
        nobody,
        good,
    ];
    let total = total_supervision(&records).unwrap();
    assert_eq!(
        (total.sessions, total.minutes, total.fee_fen),
        (2, 180, 60_000)
    );
    assert_eq!(total.not_counted.len(), 5);
    for (f, n) in total.not_counted.iter().zip(2..) {
        assert_eq!(f.rule, "supervision-records");
        assert!(
            f.message.starts_with(&format!("session {n}:")),
            "{}",
            f.message
        );
    }
    let mut negative = session_record(Individual, 90, 1, Local, 8, 200);
    negative.fee_per_hour_fen = -1;
    assert!(total_supervision(&[negative]).is_err());
}

// [supervision-limits] [supervision-fee-caps] [supervision-records]: a confirmed session past
// the standard's limits (10 hours alone, 1,000 元 an hour from a local supervisor of 8 years)
// or with the supervisor among the supervisees is not counted, and the total says why; the
// lawful session beside it is counted in full.
#[test]
fn supervision_totals_count_only_sessions_within_the_limits() {
    use SupervisionKind::*;
    use SupervisorType::Local;
    let good = session_record(Individual, 90, 1, Local, 8, 200);
    let too_long = session_record(Individual, 600, 1, Local, 8, 200);
    let too_dear = session_record(Individual, 90, 1, Local, 8, 1_000);
    let mut own = good.clone();
    own.supervisees = vec![own.supervisor.clone()];
    let total = total_supervision(&[too_long, good.clone(), too_dear, own]).unwrap();
    assert_eq!(
        (total.sessions, total.minutes, total.fee_fen),
        (1, 90, 30_000)
    );
    let rules: Vec<(&str, &str)> = total
        .not_counted
        .iter()
        .map(|f| (f.rule.as_str(), &f.message[..9]))
        .collect();
    assert_eq!(
        rules,
        [
            ("supervision-limits", "session 1"),
            ("supervision-fee-caps", "session 3"),
            ("supervision-records", "session 4")
        ]
    );
    assert!(total
        .not_counted
        .iter()
        .all(|f| f.severity != Severity::NotCovered));
    assert!(total.not_counted[0].message.ends_with("(not counted)"));
}

// [supervision-limits]: individual ≤ 2 h with one supervisee; group ≤ 4 h with normally 2-8.
#[test]
fn supervision_limits() {
    use SupervisionKind::*;
    use SupervisorType::Local;
    assert!(check_supervision(&session_record(Individual, 120, 1, Local, 6, 200)).is_empty());
    let f = check_supervision(&session_record(Individual, 121, 1, Local, 6, 200));
    assert_eq!(
        (f[0].rule.as_str(), f[0].severity),
        ("supervision-limits", Severity::Violation)
    );
    assert_eq!(
        check_supervision(&session_record(Individual, 60, 2, Local, 6, 200))[0].rule,
        "supervision-limits"
    );
    assert!(check_supervision(&session_record(Group, 240, 8, Local, 6, 200)).is_empty());
    assert!(check_supervision(&session_record(Group, 240, 2, Local, 6, 200)).is_empty());
    let f = check_supervision(&session_record(Group, 241, 9, Local, 6, 200));
    assert_eq!(
        f.iter().map(|x| x.severity).collect::<Vec<_>>(),
        [Severity::Violation, Severity::Warning]
    );
    assert_eq!(
        check_supervision(&session_record(Group, 90, 1, Local, 6, 200))[0].severity,
        Severity::Warning
    );
}

// [supervision-fee-caps]: 5-9 years ≤ 200 元, 10 or more ≤ 250 元 (以上 includes 10),
// overseas ≤ 300 元; under 5 years not covered.
#[test]
fn supervision_fee_caps() {
    use SupervisionKind::Individual;
    use SupervisorType::*;
    assert!(check_supervision(&session_record(Individual, 60, 1, Local, 5, 200)).is_empty());
    assert_eq!(
        check_supervision(&session_record(Individual, 60, 1, Local, 9, 201))[0].rule,
        "supervision-fee-caps"
    );
    assert!(
        check_supervision(&session_record(Individual, 60, 1, Local, 10, 250)).is_empty(),
        "10 years: 以上 includes 10"
    );
    assert_eq!(
        check_supervision(&session_record(Individual, 60, 1, Local, 10, 251))[0].severity,
        Severity::Violation
    );
    assert!(check_supervision(&session_record(Individual, 60, 1, Overseas, 3, 300)).is_empty());
    assert_eq!(
        check_supervision(&session_record(Individual, 60, 1, Overseas, 3, 301))[0].rule,
        "supervision-fee-caps"
    );
    let f = check_supervision(&session_record(Individual, 60, 1, Local, 4, 100));
    assert_eq!(
        (f[0].rule.as_str(), f[0].severity),
        ("supervision-fee-caps", Severity::NotCovered)
    );
    // A budget: exact totals in fen, findings per line.
    let b = check_budget(&[
        PlannedSupervision {
            kind: SupervisionKind::Group,
            sessions: 12,
            minutes: 180,
            supervisees: 6,
            supervisor_type: Local,
            years_of_practice: 12,
            fee_per_hour_fen: 25_000,
        },
        PlannedSupervision {
            kind: SupervisionKind::Individual,
            sessions: 24,
            minutes: 90,
            supervisees: 1,
            supervisor_type: Overseas,
            years_of_practice: 20,
            fee_per_hour_fen: 33_333,
        },
    ])
    .unwrap();
    assert_eq!(b.total_minutes, 12 * 180 + 24 * 90);
    assert_eq!(b.total_fen, 12 * 3 * 25_000 + (33_333 * 24 * 90 + 59) / 60);
    assert_eq!(b.findings.len(), 1);
    assert!(b.findings[0].message.starts_with("line 2:"));
}

// [staffing-minimum] [worker-qualification]
#[test]
fn staffing_minimum_and_qualification() {
    let qualified = StaffMember {
        id: "w-1".into(),
        name: "李社工".into(),
        certificate: Some(SocialWorkCertificate::Assistant),
        social_work_education: None,
    };
    let diploma = StaffMember {
        id: "w-2".into(),
        name: "陈社工".into(),
        certificate: None,
        social_work_education: Some(Education::College),
    };
    let unqualified = StaffMember {
        id: "w-3".into(),
        name: "赵社工".into(),
        certificate: None,
        social_work_education: Some(Education::SeniorHigh),
    };
    assert!(is_qualified(&qualified) && is_qualified(&diploma) && !is_qualified(&unqualified));
    let community = |id: &str, urban, staff: Vec<StaffMember>| Community {
        id: id.into(),
        name: format!("{id}社区"),
        urban,
        staff,
    };
    let f = check_staffing(&[
        community("A", true, vec![qualified.clone()]),
        community("B", true, vec![unqualified.clone()]),
        community("C", false, vec![]),
        community("D", true, vec![]),
    ]);
    let rules: Vec<(&str, Severity)> = f.iter().map(|x| (x.rule.as_str(), x.severity)).collect();
    assert_eq!(
        rules,
        [
            ("worker-qualification", Severity::Warning),
            ("staffing-minimum", Severity::Violation),
            ("staffing-minimum", Severity::Violation)
        ]
    );
}
