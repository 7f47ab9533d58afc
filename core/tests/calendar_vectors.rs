//! The shared calendar vectors under `tests/vectors/calendar/` (format: tests/README.md).
//!
//! `vectors_are_current` regenerates every file from the queries below and fails when a
//! checked-in file differs (`UPDATE_VECTORS=1` rewrites them after a deliberate change);
//! `vectors_replay` reads the files the way a binding does and checks every answer.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::NaiveDate;
use serde_json::{json, Value};
use shegong::calendar::{AgencyDay, Calendar, CalendarError, Checked};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// One query: the operation and its arguments, as the file states them.
fn query(op: &str, args: Value) -> Value {
    let mut q = args;
    q["op"] = json!(op);
    q
}

fn outcome<T: serde::Serialize>(r: Result<Checked<T>, CalendarError>) -> Value {
    match r {
        Ok(c) => json!({ "outcome": "ok", "value": c.value, "provisional": c.provisional }),
        Err(e) => {
            json!({ "outcome": "error", "code": e.code(), "rule": e.rule_id(), "message": e.to_string() })
        }
    }
}

fn plain<T: serde::Serialize>(r: Result<T, CalendarError>) -> Value {
    match r {
        Ok(v) => json!({ "outcome": "ok", "value": v }),
        Err(e) => {
            json!({ "outcome": "error", "code": e.code(), "rule": e.rule_id(), "message": e.to_string() })
        }
    }
}

/// Answers a query the way every binding must.
fn answer(cal: &Calendar, q: &Value) -> Value {
    let date = |k: &str| d(q[k].as_str().unwrap());
    match q["op"].as_str().unwrap() {
        "is_workday" => plain(
            cal.day(date("date"))
                .map(|day| json!({ "working": day.working, "provisional": day.provisional })),
        ),
        "add_workdays" => outcome(cal.add_workdays_checked(date("date"), q["n"].as_i64().unwrap())),
        "workdays_between" => outcome(cal.workdays_between_checked(date("from"), date("to"))),
        "workday_on_or_after" => plain(cal.workday_on_or_after(date("date"))),
        "workday_on_or_before" => plain(cal.workday_on_or_before(date("date"))),
        "workdays_in_year" => plain(cal.workdays_in_year(q["year"].as_i64().unwrap() as i32)),
        other => panic!("unknown calendar op {other}"),
    }
}

fn queries() -> Vec<Value> {
    let mut q = Vec::new();
    // [calendar-workdays]: weekdays, weekends, the National Day break and its 调休 Saturday.
    for day in [
        "2026-09-28",
        "2026-09-30",
        "2026-10-01",
        "2026-10-07",
        "2026-10-08",
        "2026-10-10",
        "2026-10-11",
        "2026-02-14",
        "2026-02-16",
        "2026-02-28",
        "2025-01-26",
        "2024-02-04",
        "2004-01-01",
        "2026-12-31",
    ] {
        q.push(query("is_workday", json!({ "date": day })));
    }
    // [open-approval-5wd] [consult-reply-5wd] [refer-in-meet-10wd]: offsets across the breaks.
    for (day, n) in [
        ("2026-09-29", 5),
        ("2026-09-30", 1),
        ("2026-02-13", 5),
        ("2026-02-13", 10),
        ("2026-10-10", 0),
        ("2026-10-12", -5),
        ("2025-12-31", 3),
        ("2026-12-28", 3),
        ("2026-12-30", 5),
        ("2004-01-02", -2),
    ] {
        q.push(query("add_workdays", json!({ "date": day, "n": n })));
    }
    for (from, to) in [
        ("2026-01-01", "2026-12-31"),
        ("2025-01-01", "2025-12-31"),
        ("2026-09-30", "2026-10-12"),
        ("2026-10-12", "2026-09-30"),
        ("2026-12-01", "2027-01-31"),
    ] {
        q.push(query("workdays_between", json!({ "from": from, "to": to })));
    }
    for day in ["2026-10-01", "2026-10-10", "2026-12-31"] {
        q.push(query("workday_on_or_after", json!({ "date": day })));
        q.push(query("workday_on_or_before", json!({ "date": day })));
    }
    for year in [2005, 2024, 2025, 2026, 2027, 2003] {
        q.push(query("workdays_in_year", json!({ "year": year })));
    }
    q
}

fn agency() -> Calendar {
    Calendar::china()
        .with_agency_days(
            "某社工站",
            vec![AgencyDay {
                date: d("2026-10-09"),
                note: "全员培训日".into(),
            }],
            vec![AgencyDay {
                date: d("2026-10-03"),
                note: "国庆值班".into(),
            }],
        )
        .unwrap()
}

fn calendars() -> Vec<(
    &'static str,
    &'static [&'static str],
    &'static str,
    Calendar,
)> {
    vec![
        (
            "official",
            &["calendar-workdays", "calendar-provisional"],
            "China's official calendar, strict: dates and answers after the official data are refused.",
            Calendar::china(),
        ),
        (
            "provisional",
            &["calendar-workdays", "calendar-provisional"],
            "The official calendar answering later years by the weekday rule, every such answer flagged provisional.",
            Calendar::china().with_provisional(true),
        ),
        (
            "agency",
            &["calendar-workdays"],
            "An agency calendar: the official one plus a closure (a training day) and a duty day in the National Day break.",
            agency(),
        ),
    ]
}

fn generate(name: &str, rules: &[&str], description: &str, cal: &Calendar) -> Value {
    let items: Vec<Value> = queries()
        .into_iter()
        .map(|q| {
            let expect = answer(cal, &q);
            let mut item = q;
            item["expect"] = expect;
            item
        })
        .collect();
    json!({
        "format": 1,
        "kind": "calendar",
        "name": name,
        "rules": rules,
        "description": description,
        "calendar": cal.spec(),
        "queries": items,
    })
}

#[test]
fn vectors_are_current() {
    for (name, rules, description, cal) in calendars() {
        let v = generate(name, rules, description, &cal);
        common::vectors::check_or_update("calendar", &format!("{name}.json"), &v);
    }
}

#[test]
fn vectors_replay() {
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        return;
    }
    let mut files = 0;
    for (path, v) in common::vectors::read_all("calendar") {
        assert_eq!(v["kind"], "calendar", "{path}");
        files += 1;
        let cal = Calendar::from_json(&v["calendar"].to_string()).unwrap();
        for q in v["queries"].as_array().unwrap() {
            assert_eq!(answer(&cal, q), q["expect"], "{path}: {q}");
        }
        common::vectors::replayed("calendar", &path);
    }
    assert_eq!(files, 3);
}
