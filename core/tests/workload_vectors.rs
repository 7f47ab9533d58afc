//! Shared vectors under `tests/vectors/workload/` (format: tests/README.md).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::vectors::{check_or_update, read_all};
use serde_json::{json, Value};
use shegong::calendar::Calendar;
use shegong::workload::*;

fn calendar_years() -> Vec<Value> {
    [2016, 2024, 2025, 2026]
        .iter()
        .map(|y| {
            let a = annual_hours_from_calendar(&Calendar::china(), *y, 5, 8).unwrap();
            json!({ "year": y, "paid_leave_days": 5, "hours_per_day": 8, "expect": { "minutes": a.minutes } })
        })
        .collect()
}

fn annual() -> Value {
    let formula = [
        AnnualHoursParams::standard_2016(),
        AnnualHoursParams::from_2025(),
    ];
    json!({
        "format": 1, "kind": "annual_hours", "name": "annual-hours",
        "rules": ["annual-hours", "direct-share-70pct"],
        "description": "Annual hours by the formula and by the real calendar, and the 70 % direct share.",
        "formula": formula.iter().map(|p| { let a = annual_hours(*p).unwrap(); json!({ "params": p, "expect": { "minutes": a.minutes, "direct_70": direct_share(&a, 70).unwrap() } }) }).collect::<Vec<_>>(),
        "calendar": calendar_years(),
    })
}

fn plans() -> Vec<(String, ProjectPlan)> {
    let mut survey = PlanLine::new("community_survey", 2);
    survey.size = Some(250);
    let mut resource = PlanLine::new("resource_survey", 1);
    resource.combined_with_survey = true;
    let mut recruit = PlanLine::new("recruitment", 1);
    recruit.actual_minutes = Some(1500);
    vec![
        (
            "within bounds".into(),
            ProjectPlan::standard(
                "长者关爱",
                1,
                vec![
                    PlanLine::new("intake", 20),
                    PlanLine::new("case_session", 120),
                    PlanLine::new("closing_evaluation", 20),
                    PlanLine::new("home_visit", 100),
                    PlanLine::new("general_activity", 10),
                ],
            )
            .unwrap(),
        ),
        (
            "below the lower bound".into(),
            ProjectPlan::standard("少", 2, vec![PlanLine::new("case_session", 100)]).unwrap(),
        ),
        (
            "general activities over 10 %".into(),
            ProjectPlan::standard(
                "文体",
                1,
                vec![
                    PlanLine::new("case_session", 150),
                    PlanLine::new("general_activity", 60),
                ],
            )
            .unwrap(),
        ),
        (
            "variants, units and actual hours".into(),
            ProjectPlan::standard(
                "社区营造",
                1,
                vec![
                    PlanLine::new("referral", 5).variant("accompanied"),
                    PlanLine::new("training_lecture", 4).variant("outside_expert"),
                    survey,
                    resource,
                    recruit,
                    PlanLine::new("large_activity", 6),
                    PlanLine::new("group_session", 40),
                ],
            )
            .unwrap(),
        ),
    ]
}

fn plan_vectors() -> Value {
    let table = ReferenceTable::suzhou_2016();
    json!({
        "format": 1, "kind": "project_plans", "name": "project-plans",
        "rules": ["project-workload-sum", "project-bounds", "general-activity-cap-10pct", "reference-hours"],
        "description": "Project plans on the Suzhou table (\"table\": \"suzhou_2016\"): per-line hours, totals and findings.",
        "table": "suzhou_2016",
        "cases": plans().into_iter().map(|(name, p)| json!({ "name": name, "plan": p, "expect": p.evaluate(&table).unwrap() })).collect::<Vec<_>>(),
    })
}

fn supervision() -> Value {
    let rec = |kind, minutes, n: usize, t, years, yuan: i64| SupervisionRecord {
        date: "2026-03-10".parse().unwrap(),
        kind,
        supervisor: "王督导".into(),
        supervisor_type: t,
        years_of_practice: years,
        supervisees: (0..n).map(|i| format!("w-{i}")).collect(),
        minutes,
        fee_per_hour_fen: yuan * 100,
        topic: String::new(),
    };
    use SupervisionKind::*;
    use SupervisorType::*;
    let records = [
        rec(Individual, 120, 1, Local, 9, 200),
        rec(Individual, 150, 2, Local, 10, 260),
        rec(Group, 240, 8, Overseas, 3, 300),
        rec(Group, 300, 10, Local, 4, 150),
    ];
    json!({
        "format": 1, "kind": "supervision", "name": "supervision",
        "rules": ["supervision-limits", "supervision-fee-caps"],
        "description": "Supervision sessions checked against the limits and fee caps.",
        "cases": records.iter().map(|r| json!({ "record": r, "expect": check_supervision(r) })).collect::<Vec<_>>(),
    })
}

#[test]
fn vectors_are_current() {
    for (file, v) in [
        ("annual-hours.json", annual()),
        ("project-plans.json", plan_vectors()),
        ("supervision.json", supervision()),
    ] {
        check_or_update("workload", file, &v);
    }
}

#[test]
fn vectors_replay() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return;
    }
    for (_, v) in read_all("workload") {
        match v["kind"].as_str().unwrap() {
            "annual_hours" => {
                for c in v["formula"].as_array().unwrap() {
                    let a =
                        annual_hours(serde_json::from_value(c["params"].clone()).unwrap()).unwrap();
                    assert_eq!(
                        json!({ "minutes": a.minutes, "direct_70": direct_share(&a, 70).unwrap() }),
                        c["expect"]
                    );
                }
                for c in v["calendar"].as_array().unwrap() {
                    let a = annual_hours_from_calendar(
                        &Calendar::china(),
                        c["year"].as_i64().unwrap() as i32,
                        5,
                        8,
                    )
                    .unwrap();
                    assert_eq!(json!({ "minutes": a.minutes }), c["expect"]);
                }
            }
            "project_plans" => {
                for c in v["cases"].as_array().unwrap() {
                    let p: ProjectPlan = serde_json::from_value(c["plan"].clone()).unwrap();
                    assert_eq!(
                        serde_json::to_value(p.evaluate(&ReferenceTable::suzhou_2016()).unwrap())
                            .unwrap(),
                        c["expect"]
                    );
                }
            }
            "supervision" => {
                for c in v["cases"].as_array().unwrap() {
                    let r: SupervisionRecord = serde_json::from_value(c["record"].clone()).unwrap();
                    assert_eq!(
                        serde_json::to_value(check_supervision(&r)).unwrap(),
                        c["expect"]
                    );
                }
            }
            other => panic!("{other}"),
        }
    }
}
