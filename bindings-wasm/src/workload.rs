//! Workload: annual hours, the direct-service share, project plans, supervision.

use shegong::workload::{
    self as core, AnnualHours, AnnualHoursParams, ProjectPlan, ReferenceTable, SupervisionRecord,
};
use wasm_bindgen::prelude::*;

use crate::calendar::Calendar;
use crate::convert::{from_js, int_arg, opt_int_arg, to_js};
use crate::errors::OrThrow;

/// Annual working hours from the formula's parameters (the 2016 standard when omitted).
#[wasm_bindgen(js_name = annualHours, unchecked_return_type = "T.AnnualHours")]
pub fn annual_hours(
    #[wasm_bindgen(unchecked_param_type = "T.AnnualHoursParams | undefined")] params: JsValue,
) -> Result<JsValue, JsValue> {
    let p: AnnualHoursParams = if params.is_undefined() || params.is_null() {
        AnnualHoursParams::standard_2016()
    } else {
        from_js(&params, "params")?
    };
    to_js(&core::annual_hours(p).or_throw()?)
}

/// Annual working hours from a calendar year (paid leave and hours per day default to the
/// core's named defaults).
#[wasm_bindgen(js_name = annualHoursFromCalendar, unchecked_return_type = "T.AnnualHours")]
pub fn annual_hours_from_calendar(
    calendar: &Calendar,
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] paid_leave_days: Option<JsValue>,
    #[wasm_bindgen(unchecked_param_type = "number")] hours_per_day: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let r = core::annual_hours_from_calendar(
        &calendar.0,
        int_arg(&year, "year")?,
        opt_int_arg(paid_leave_days, "paidLeaveDays")?.unwrap_or(core::DEFAULT_PAID_LEAVE_DAYS),
        opt_int_arg(hours_per_day, "hoursPerDay")?.unwrap_or(core::DEFAULT_HOURS_PER_DAY),
    )
    .or_throw()?;
    to_js(&r)
}

/// Minutes of direct service owed: `percent` (default 70) of the annual minutes.
#[wasm_bindgen(js_name = directShare)]
pub fn direct_share(
    #[wasm_bindgen(unchecked_param_type = "T.AnnualHours")] annual: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] percent: Option<JsValue>,
) -> Result<f64, JsValue> {
    let a: AnnualHours = from_js(&annual, "annual")?;
    let percent = opt_int_arg(percent, "percent")?.unwrap_or(core::DIRECT_SHARE_PERCENT);
    let m = core::direct_share(&a, percent).or_throw()?;
    Ok(crate::convert::number(m))
}

/// A project plan evaluated on the Suzhou 2016 reference table.
#[wasm_bindgen(js_name = evaluatePlan, unchecked_return_type = "T.PlanReport")]
pub fn evaluate_plan(
    #[wasm_bindgen(unchecked_param_type = "T.ProjectPlan")] plan: JsValue,
) -> Result<JsValue, JsValue> {
    let p: ProjectPlan = from_js(&plan, "plan")?;
    to_js(&p.evaluate(&ReferenceTable::suzhou_2016()).or_throw()?)
}

/// The findings on one supervision record.
#[wasm_bindgen(js_name = checkSupervision, unchecked_return_type = "T.Finding[]")]
pub fn check_supervision(
    #[wasm_bindgen(unchecked_param_type = "T.SupervisionRecord")] record: JsValue,
) -> Result<JsValue, JsValue> {
    let r: SupervisionRecord = from_js(&record, "record")?;
    to_js(&core::check_supervision(&r))
}

/// Minutes as "h h m min".
#[wasm_bindgen(js_name = formatMinutes)]
pub fn format_minutes(
    #[wasm_bindgen(unchecked_param_type = "number")] minutes: JsValue,
) -> Result<String, JsValue> {
    Ok(core::format_minutes(int_arg(&minutes, "minutes")?))
}
