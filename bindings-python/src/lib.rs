//! Python binding of shegong. Wrappers, conversion and error mapping only: every rule lives
//! in the core crate.

mod access;
mod activity;
mod arrow;
mod assessment;
mod batch;
mod calendar;
mod case;
mod columnar;
mod convert;
mod deadline;
mod errors;
mod groups;
mod identity;
mod volunteer;
mod workload;

use pyo3::prelude::*;

/// The allocator of every Rust allocation in the extension (Python's own objects keep
/// Python's allocator): mimalloc's per-thread free lists serve the many small blocks a batch
/// makes and frees per history faster than glibc's malloc, about an eighth fewer instructions
/// outside SHA-256 in the batch benchmark. A setting of this extension only, never of the core.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _shegong(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    // The core's named defaults and limits, so that Python code and the tests read the same
    // numbers the signatures and stubs show.
    m.add(
        "DIRECT_SHARE_PERCENT",
        shegong::workload::DIRECT_SHARE_PERCENT,
    )?;
    m.add(
        "DEFAULT_PAID_LEAVE_DAYS",
        shegong::workload::DEFAULT_PAID_LEAVE_DAYS,
    )?;
    m.add(
        "DEFAULT_HOURS_PER_DAY",
        shegong::workload::DEFAULT_HOURS_PER_DAY,
    )?;
    m.add("MASK_KEEP_START", shegong::identity::MASK_KEEP_START)?;
    m.add("MASK_KEEP_END", shegong::identity::MASK_KEEP_END)?;
    m.add("DEFAULT_VIEW", shegong::access::DEFAULT_VIEW.name())?;
    m.add("DEFAULT_SCOPE", shegong::access::DEFAULT_SCOPE.name())?;
    m.add("MAX_DEPTH", shegong::limits::MAX_DEPTH)?;
    m.add("MAX_INPUT_BYTES", shegong::limits::MAX_INPUT_BYTES)?;
    m.add("MAX_STRING_BYTES", shegong::limits::MAX_STRING_BYTES)?;
    m.add("MAX_HISTORY_EVENTS", shegong::limits::MAX_HISTORY_EVENTS)?;
    m.add("MAX_BATCH_HISTORIES", shegong::limits::MAX_BATCH_HISTORIES)?;
    m.add_class::<calendar::Calendar>()?;
    m.add_class::<case::Case>()?;
    m.add_class::<deadline::RuleSet>()?;
    m.add_class::<activity::Activity>()?;
    m.add_class::<volunteer::Volunteer>()?;
    m.add_class::<volunteer::Roster>()?;
    m.add_class::<access::Access>()?;
    m.add_class::<access::Viewer>()?;
    m.add_class::<identity::IdNumber>()?;
    m.add_class::<identity::Phone>()?;
    m.add_class::<groups::ServiceGroup>()?;
    m.add_class::<batch::BatchResult>()?;
    m.add_class::<arrow::ArrowTable>()?;
    m.add_class::<arrow::ArrowArray>()?;
    m.add_function(wrap_pyfunction!(case::consultation_count, m)?)?;
    m.add_function(wrap_pyfunction!(case::case_number, m)?)?;
    m.add_function(wrap_pyfunction!(case::next_case_number, m)?)?;
    m.add_function(wrap_pyfunction!(case::event_types, m)?)?;
    m.add_function(wrap_pyfunction!(case::parse_event, m)?)?;
    m.add_function(wrap_pyfunction!(volunteer::total_hours, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::validate_record, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::record_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::record_fields, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::record_schema, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::zh_labels, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::age_groups, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::default_retention, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::retain_until, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::past_retention, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::prioritise, m)?)?;
    m.add_function(wrap_pyfunction!(assessment::route, m)?)?;
    m.add_function(wrap_pyfunction!(groups::nickname, m)?)?;
    m.add_function(wrap_pyfunction!(groups::parse_nickname, m)?)?;
    m.add_function(wrap_pyfunction!(workload::annual_hours, m)?)?;
    m.add_function(wrap_pyfunction!(workload::annual_hours_from_calendar, m)?)?;
    m.add_function(wrap_pyfunction!(workload::direct_share, m)?)?;
    m.add_function(wrap_pyfunction!(workload::reference_table, m)?)?;
    m.add_function(wrap_pyfunction!(workload::standard_plan, m)?)?;
    m.add_function(wrap_pyfunction!(workload::evaluate_plan, m)?)?;
    m.add_function(wrap_pyfunction!(workload::actual_counts, m)?)?;
    m.add_function(wrap_pyfunction!(workload::compare, m)?)?;
    m.add_function(wrap_pyfunction!(workload::check_supervision, m)?)?;
    m.add_function(wrap_pyfunction!(workload::total_supervision, m)?)?;
    m.add_function(wrap_pyfunction!(workload::check_budget, m)?)?;
    m.add_function(wrap_pyfunction!(workload::fee_cap, m)?)?;
    m.add_function(wrap_pyfunction!(workload::check_staffing, m)?)?;
    m.add_function(wrap_pyfunction!(batch::evaluate_histories, m)?)?;
    m.add_function(wrap_pyfunction!(batch::evaluate_jsonl, m)?)?;
    Ok(())
}
