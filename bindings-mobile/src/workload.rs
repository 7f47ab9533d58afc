//! Workload: annual hours, the direct-service share, project plans, supervision.

use std::sync::Arc;

use serde::Deserialize;
use shegong::workload::{
    self as core, AnnualHours, AnnualHoursParams, PlanLine, PlanReport, PlannedSupervision,
    ProjectPlan, ReferenceTable, SupervisionRecord, SupervisorType,
};

use crate::activity::Activity;
use crate::calendar::Calendar;
use crate::case::Case;
use crate::convert::{from_json, mirror, small, to_json, IsoDate};
use crate::errors::{OrTyped, ShegongError};

/// One finding on a plan or a supervision record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct Finding {
    /// The rule behind it.
    pub rule: String,
    /// `info`, `warning` or `error`.
    pub severity: String,
    /// What was found.
    pub message: String,
}

/// Annual working hours from the formula's parameters (JSON text; null takes the 2016
/// standard), as the core's JSON (`minutes`, `basis`, `explanation`).
#[uniffi::export]
pub fn annual_hours(params: Option<String>) -> Result<String, ShegongError> {
    let p: AnnualHoursParams = match params {
        Some(text) => from_json(&text, "params")?,
        None => AnnualHoursParams::standard_2016(),
    };
    to_json(&core::annual_hours(p).typed()?)
}

/// Annual working hours from a calendar year, as the core's JSON; null paid leave days or
/// hours per day take the core's named defaults (`DEFAULT_PAID_LEAVE_DAYS`,
/// `DEFAULT_HOURS_PER_DAY`).
#[uniffi::export]
pub fn annual_hours_from_calendar(
    calendar: Arc<Calendar>,
    year: i32,
    paid_leave_days: Option<i32>,
    hours_per_day: Option<i32>,
) -> Result<String, ShegongError> {
    let leave = match paid_leave_days {
        Some(n) => small(n, "paid_leave_days")?,
        None => core::DEFAULT_PAID_LEAVE_DAYS,
    };
    let hours = match hours_per_day {
        Some(n) => small(n, "hours_per_day")?,
        None => core::DEFAULT_HOURS_PER_DAY,
    };
    to_json(&core::annual_hours_from_calendar(&calendar.0, year, leave, hours).typed()?)
}

/// Minutes of direct service owed: `percent` (null: `DIRECT_SHARE_PERCENT`) of the annual
/// minutes (`annual` as `annual_hours` returns it).
#[uniffi::export]
pub fn direct_share(annual: String, percent: Option<i32>) -> Result<i64, ShegongError> {
    let a: AnnualHours = from_json(&annual, "annual")?;
    let p = match percent {
        Some(n) => small(n, "percent")?,
        None => core::DIRECT_SHARE_PERCENT,
    };
    core::direct_share(&a, p).typed()
}

/// A project plan (JSON text) evaluated on the Suzhou 2016 reference table, as the core's
/// JSON report.
#[uniffi::export]
pub fn evaluate_plan(plan: String) -> Result<String, ShegongError> {
    let p: ProjectPlan = from_json(&plan, "plan")?;
    to_json(&p.evaluate(&ReferenceTable::suzhou_2016()).typed()?)
}

/// The Suzhou 2016 reference-hours table, as the core's JSON.
#[uniffi::export]
pub fn reference_table() -> Result<String, ShegongError> {
    to_json(&ReferenceTable::suzhou_2016())
}

/// A plan on the standard's numbers for `staff` workers and its `lines` (JSON array of
/// `{item, count}`), as the core's JSON.
#[uniffi::export]
pub fn standard_plan(name: String, staff: i32, lines: String) -> Result<String, ShegongError> {
    let l: Vec<PlanLine> = from_json(&lines, "lines")?;
    to_json(&ProjectPlan::standard(&name, small(staff, "staff")?, l).typed()?)
}

/// Item counts from case and activity histories between `start` and `end`, on the Suzhou
/// 2016 table, as the core's JSON.
#[uniffi::export]
pub fn actual_counts(
    cases: Vec<Arc<Case>>,
    activities: Vec<Arc<Activity>>,
    start: IsoDate,
    end: IsoDate,
) -> Result<String, ShegongError> {
    let c: Vec<shegong::Case> = cases.iter().map(|c| c.snapshot()).collect();
    let a: Vec<shegong::activity::Activity> = activities.iter().map(|a| a.snapshot()).collect();
    let counts =
        core::actual_counts(&c, &a, &ReferenceTable::suzhou_2016(), start.0, end.0).typed()?;
    to_json(&counts)
}

/// Plan (a report as `evaluate_plan` writes it) against actual counts (as `actual_counts`
/// writes them), per item, as the core's JSON.
#[uniffi::export]
pub fn compare(report: String, actual: String) -> Result<String, ShegongError> {
    let r: PlanReport = from_json(&report, "report")?;
    let a: Vec<core::ActualCount> = from_json(&actual, "actual")?;
    to_json(&core::compare(&r, &a, &ReferenceTable::suzhou_2016()).typed()?)
}

/// Totals the supervision of recorded sessions (JSON array): only sessions whose records are
/// written and confirmed count (`[supervision-records]`), as the core's JSON.
#[uniffi::export]
pub fn total_supervision(records: String) -> Result<String, ShegongError> {
    let r: Vec<SupervisionRecord> = from_json(&records, "records")?;
    to_json(&core::total_supervision(&r).typed()?)
}

/// Totals and checks a supervision budget (JSON array of planned sessions), as the core's
/// JSON.
#[uniffi::export]
pub fn check_budget(lines: String) -> Result<String, ShegongError> {
    let l: Vec<PlannedSupervision> = from_json(&lines, "lines")?;
    to_json(&core::check_budget(&l).typed()?)
}

/// The fee cap per hour for a supervisor (`local` or `overseas`) with `years_of_practice`,
/// as the core's JSON (`{"cap": "per_hour_fen", "fen": …}` or `{"cap": "not_covered"}`).
#[uniffi::export]
pub fn fee_cap(supervisor_type: String, years_of_practice: i32) -> Result<String, ShegongError> {
    let t: SupervisorType = supervisor_type.parse().typed()?;
    to_json(&core::fee_cap_fen(
        t,
        small(years_of_practice, "years_of_practice")?,
    ))
}

/// The findings on the staffing of communities (JSON array).
#[uniffi::export]
pub fn check_staffing(communities: String) -> Result<Vec<Finding>, ShegongError> {
    let c: Vec<core::Community> = from_json(&communities, "communities")?;
    mirror(&core::check_staffing(&c))
}

/// The findings on one supervision record (JSON text).
#[uniffi::export]
pub fn check_supervision(record: String) -> Result<Vec<Finding>, ShegongError> {
    let r: SupervisionRecord = from_json(&record, "record")?;
    mirror(&core::check_supervision(&r))
}

/// Minutes as "h h m min".
#[uniffi::export]
pub fn format_minutes(minutes: i64) -> String {
    core::format_minutes(minutes)
}
