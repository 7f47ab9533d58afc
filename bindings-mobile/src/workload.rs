//! Workload: annual hours, the direct-service share, project plans, supervision.

use std::sync::Arc;

use serde::Deserialize;
use shegong::workload::{
    self as core, AnnualHours, AnnualHoursParams, ProjectPlan, ReferenceTable, SupervisionRecord,
};

use crate::calendar::Calendar;
use crate::convert::{from_json, mirror, small, to_json};
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
