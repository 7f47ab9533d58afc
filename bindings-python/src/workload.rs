//! Workload arithmetic.

use pyo3::prelude::*;
use shegong::workload::{
    self as core, AnnualHours, AnnualHoursParams, PlanLine, PlanReport, PlannedSupervision,
    ProjectPlan, ReferenceTable, SupervisionRecord, SupervisorType,
};

use crate::activity::Activity;
use crate::calendar::Calendar;
use crate::case::Case;
use crate::convert::{from_py, to_py};
use crate::convert::{Day, Int};
use crate::errors::OrRaise;

fn table(t: Option<&Bound<'_, PyAny>>) -> PyResult<ReferenceTable> {
    match t {
        Some(t) if !t.is_none() => from_py(t, "table"),
        _ => Ok(ReferenceTable::suzhou_2016()),
    }
}

/// Annual hours by the standard's formula (`params` defaults to the standard's own numbers).
#[pyfunction]
#[pyo3(signature = (params=None))]
pub fn annual_hours<'py>(
    py: Python<'py>,
    params: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let p = match params {
        Some(p) if !p.is_none() => from_py(p, "params")?,
        _ => AnnualHoursParams::default(),
    };
    to_py(py, &core::annual_hours(p).or_raise()?)
}

/// Annual hours from the real calendar of `year`.
#[pyfunction]
#[pyo3(signature = (calendar, year, paid_leave_days=Int(core::DEFAULT_PAID_LEAVE_DAYS), hours_per_day=Int(core::DEFAULT_HOURS_PER_DAY)), text_signature = "(calendar, year, paid_leave_days=5, hours_per_day=8)")]
pub fn annual_hours_from_calendar<'py>(
    py: Python<'py>,
    calendar: PyRef<'py, Calendar>,
    year: Int<i32>,
    paid_leave_days: Int<u32>,
    hours_per_day: Int<u32>,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(
        py,
        &core::annual_hours_from_calendar(&calendar.0, year.0, paid_leave_days.0, hours_per_day.0)
            .or_raise()?,
    )
}

/// The direct-service share, in minutes, of an annual-hours result.
#[pyfunction]
#[pyo3(signature = (annual, percent=Int(core::DIRECT_SHARE_PERCENT)), text_signature = "(annual, percent=70)")]
pub fn direct_share(annual: &Bound<'_, PyAny>, percent: Int<u32>) -> PyResult<i64> {
    let a: AnnualHours = from_py(annual, "annual")?;
    core::direct_share(&a, percent.0).or_raise()
}

/// The Suzhou 2016 reference-hours table.
#[pyfunction]
pub fn reference_table<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &ReferenceTable::suzhou_2016())
}

/// A plan on the standard's numbers (1960 h, 70 %, 10 %, partial units pro rata).
#[pyfunction]
pub fn standard_plan<'py>(
    py: Python<'py>,
    name: &str,
    staff: Int<u32>,
    lines: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let l: Vec<PlanLine> = from_py(lines, "lines")?;
    to_py(py, &ProjectPlan::standard(name, staff.0, l).or_raise()?)
}

/// Evaluates a plan against a table (default: the Suzhou table).
#[pyfunction]
#[pyo3(signature = (plan, table=None))]
pub fn evaluate_plan<'py>(
    py: Python<'py>,
    plan: &Bound<'py, PyAny>,
    table: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let p: ProjectPlan = from_py(plan, "plan")?;
    to_py(py, &p.evaluate(&self::table(table)?).or_raise()?)
}

/// Item counts from case and activity histories between `start` and `end`.
#[pyfunction]
#[pyo3(signature = (cases, activities, start, end, table=None))]
pub fn actual_counts<'py>(
    py: Python<'py>,
    cases: Vec<PyRef<'py, Case>>,
    activities: Vec<PyRef<'py, Activity>>,
    start: Day,
    end: Day,
    table: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let c: Vec<shegong::Case> = cases.iter().map(|c| c.0.clone()).collect();
    let a: Vec<shegong::activity::Activity> = activities.iter().map(|a| a.0.clone()).collect();
    to_py(
        py,
        &core::actual_counts(&c, &a, &self::table(table)?, start.0, end.0).or_raise()?,
    )
}

/// Plan against actual per item.
#[pyfunction]
#[pyo3(signature = (report, actual, table=None))]
pub fn compare<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
    actual: &Bound<'py, PyAny>,
    table: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let r: PlanReport = from_py(report, "report")?;
    let a: Vec<core::ActualCount> = from_py(actual, "actual")?;
    to_py(py, &core::compare(&r, &a, &self::table(table)?).or_raise()?)
}

/// Checks a supervision session's length, supervisees and fee.
#[pyfunction]
pub fn check_supervision<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let r: SupervisionRecord = from_py(record, "record")?;
    to_py(py, &core::check_supervision(&r))
}

/// Totals the supervision of recorded sessions: only sessions whose records are written and
/// confirmed by their supervisor count (`[supervision-records]`), within the standard's limits
/// (`[supervision-limits]`, `[supervision-fee-caps]`): `{sessions, minutes,
/// fee_fen, not_counted}`.
#[pyfunction]
pub fn total_supervision<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let r: Vec<SupervisionRecord> = from_py(records, "records")?;
    to_py(py, &core::total_supervision(&r).or_raise()?)
}

/// Totals and checks a supervision budget.
#[pyfunction]
pub fn check_budget<'py>(
    py: Python<'py>,
    lines: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let l: Vec<PlannedSupervision> = from_py(lines, "lines")?;
    to_py(py, &core::check_budget(&l).or_raise()?)
}

/// The fee cap per hour for a supervisor: `{"cap": "per_hour_fen", "fen": …}` or `{"cap": "not_covered"}`.
#[pyfunction]
pub fn fee_cap<'py>(
    py: Python<'py>,
    supervisor_type: &str,
    years_of_practice: Int<u32>,
) -> PyResult<Bound<'py, PyAny>> {
    let t: SupervisorType = supervisor_type.parse().or_raise()?;
    to_py(py, &core::fee_cap_fen(t, years_of_practice.0))
}

/// Checks the staffing of communities.
#[pyfunction]
pub fn check_staffing<'py>(
    py: Python<'py>,
    communities: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let c: Vec<core::Community> = from_py(communities, "communities")?;
    to_py(py, &core::check_staffing(&c))
}
