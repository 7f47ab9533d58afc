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
        topic: "个案督导".into(),
        confirmed_by: Some("王督导".into()),
        confirmed_on: Some("2026-03-10".parse().unwrap()),
    };
    use SupervisionKind::*;
    use SupervisorType::*;
    let records = [
        rec(Individual, 120, 1, Local, 9, 200),
        rec(Individual, 150, 2, Local, 10, 260),
        rec(Group, 240, 8, Overseas, 3, 300),
        rec(Group, 300, 10, Local, 4, 150),
        // [supervision-records]: not confirmed, so it does not count.
        SupervisionRecord {
            confirmed_by: None,
            confirmed_on: None,
            ..rec(Individual, 60, 1, Local, 9, 200)
        },
    ];
    json!({
        "format": 1, "kind": "supervision", "name": "supervision",
        "rules": ["supervision-limits", "supervision-fee-caps", "supervision-records"],
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

/// The reference table a vector names.
fn named_table(name: &str) -> Result<ReferenceTable, String> {
    match name {
        "suzhou_2016" => Ok(ReferenceTable::suzhou_2016()),
        other => Err(format!("unknown table {other:?}")),
    }
}

fn u32_at(c: &Value, key: &str) -> Result<u32, String> {
    c[key]
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| format!("{key} is not a u32 in {c}"))
}

fn check(what: &str, got: Value, expect: &Value) -> Result<(), String> {
    if got == *expect {
        Ok(())
    } else {
        Err(format!("{what}: computed {got}, vector expects {expect}"))
    }
}

/// Recomputes every case of one vector from the vector's own inputs and compares with its
/// expected output. Returns how many cases it checked, or the first mismatch: a wrong vector
/// or a wrong computation fails either way (issue 11: the replay ignored the inputs).
fn replay(v: &Value) -> Result<usize, String> {
    let cases = |key: &str| -> Result<&Vec<Value>, String> {
        v[key]
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or_else(|| format!("{key}: no cases"))
    };
    let mut checked = 0;
    match v["kind"].as_str().ok_or("no kind")? {
        "annual_hours" => {
            for c in cases("formula")? {
                let params =
                    serde_json::from_value(c["params"].clone()).map_err(|e| e.to_string())?;
                let a = annual_hours(params).map_err(|e| e.to_string())?;
                let direct = direct_share(&a, 70).map_err(|e| e.to_string())?;
                check(
                    "formula",
                    json!({ "minutes": a.minutes, "direct_70": direct }),
                    &c["expect"],
                )?;
                checked += 1;
            }
            for c in cases("calendar")? {
                let year = c["year"]
                    .as_i64()
                    .and_then(|y| i32::try_from(y).ok())
                    .ok_or("year is not an i32")?;
                let a = annual_hours_from_calendar(
                    &Calendar::china(),
                    year,
                    u32_at(c, "paid_leave_days")?,
                    u32_at(c, "hours_per_day")?,
                )
                .map_err(|e| e.to_string())?;
                check("calendar", json!({ "minutes": a.minutes }), &c["expect"])?;
                checked += 1;
            }
        }
        "project_plans" => {
            let table = named_table(v["table"].as_str().ok_or("no table")?)?;
            for c in cases("cases")? {
                let p: ProjectPlan =
                    serde_json::from_value(c["plan"].clone()).map_err(|e| e.to_string())?;
                let report = p.evaluate(&table).map_err(|e| e.to_string())?;
                check(
                    "plan",
                    serde_json::to_value(report).map_err(|e| e.to_string())?,
                    &c["expect"],
                )?;
                checked += 1;
            }
        }
        "supervision" => {
            for c in cases("cases")? {
                let r: SupervisionRecord =
                    serde_json::from_value(c["record"].clone()).map_err(|e| e.to_string())?;
                check(
                    "supervision",
                    serde_json::to_value(check_supervision(&r)).map_err(|e| e.to_string())?,
                    &c["expect"],
                )?;
                checked += 1;
            }
        }
        other => return Err(format!("unknown vector kind {other:?}")),
    }
    Ok(checked)
}

#[test]
fn vectors_replay() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return;
    }
    let mut kinds = std::collections::BTreeSet::new();
    for (name, v) in read_all("workload") {
        let n = replay(&v).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(n > 0, "{name}: no cases");
        kinds.insert(v["kind"].as_str().unwrap().to_owned());
        common::vectors::replayed("workload", &name);
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["annual_hours", "project_plans", "supervision"]
    );
}

/// Regression (issue 11 item 8): the replay hard-coded 5 days of leave, 8 hours a day and the
/// Suzhou table, so a vector whose inputs disagree with its expected output still passed.
#[test]
fn workload_vector_replay_uses_the_vectors_own_inputs() {
    let annual_v = annual();
    assert!(replay(&annual_v).is_ok());
    // Change only an input: the expected output no longer follows, and the replay must say so.
    for (path, value) in [
        (("calendar", "paid_leave_days"), json!(6)),
        (("calendar", "hours_per_day"), json!(7)),
        (("calendar", "year"), json!(2024)),
    ] {
        let mut v = annual_v.clone();
        v[path.0][3][path.1] = value;
        assert!(replay(&v).is_err(), "{path:?} changed, replay still passed");
    }
    let mut v = annual_v.clone();
    v["formula"][0]["params"]["public_holidays"] = json!(12);
    assert!(replay(&v).is_err(), "formula params ignored");
    // A wrong expected output fails too.
    let mut v = annual_v;
    v["formula"][1]["expect"]["direct_70"] = json!(1);
    assert!(replay(&v).is_err());

    let plans_v = plan_vectors();
    assert!(replay(&plans_v).is_ok());
    let mut v = plans_v.clone();
    v["table"] = json!("no_such_table");
    assert!(replay(&v).is_err(), "the vector's table is ignored");
    let mut v = plans_v.clone();
    v["cases"][0]["plan"]["lines"][0]["count"] = json!(21);
    assert!(replay(&v).is_err(), "plan lines ignored");
    let mut v = plans_v;
    v["cases"] = json!([]);
    assert!(replay(&v).is_err(), "an empty vector must not pass");

    let sup_v = supervision();
    assert!(replay(&sup_v).is_ok());
    let mut v = sup_v;
    v["cases"][0]["record"]["minutes"] = json!(121);
    assert!(replay(&v).is_err(), "supervision record ignored");
}
