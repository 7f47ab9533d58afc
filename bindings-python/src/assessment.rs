//! Records, labels, sensitivity, schemas, retention, population groups, triage.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use shegong::assessment::{self as core, Record, RecordKind, RecordMeta, RetentionPolicies};
use shegong::triage::{self, RoutingInput, TriageItem};

use crate::convert::{from_py, json_to_py, serde_name, to_checked_json, to_py};
use crate::convert::{Day, Instant};
use crate::errors::OrRaise;

fn kind(name: &str) -> PyResult<RecordKind> {
    name.parse().or_raise()
}

/// Reads and validates a record (a dict with `"kind"`); returns it as the library stores it.
#[pyfunction]
pub fn validate_record<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let r = Record::from_json(&to_checked_json(record)?.to_string()).or_raise()?;
    to_py(py, &r)
}

/// The record kinds' names.
#[pyfunction]
pub fn record_kinds() -> Vec<&'static str> {
    RecordKind::ALL.iter().map(|k| k.name()).collect()
}

/// Every field of a record kind: `{path, zh, personal, sensitivity, identifier}`.
#[pyfunction]
pub fn record_fields<'py>(py: Python<'py>, record_kind: &str) -> PyResult<Bound<'py, PyAny>> {
    let k = kind(record_kind)?;
    let fields: Vec<serde_json::Value> = k
        .fields()
        .iter()
        .map(|f| serde_json::json!({ "path": f.path, "zh": f.zh, "personal": f.personal, "sensitivity": f.sensitivity, "identifier": f.identifier }))
        .collect();
    json_to_py(py, &serde_json::Value::Array(fields))
}

/// The JSON Schema of a record kind.
#[pyfunction]
pub fn record_schema<'py>(py: Python<'py>, record_kind: &str) -> PyResult<Bound<'py, PyAny>> {
    json_to_py(py, &kind(record_kind)?.json_schema())
}

/// The Chinese label of every value of every labelled enum: `{enum: {value: label}}`.
#[pyfunction]
pub fn zh_labels<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (name, labels) in shegong::zh_labels() {
        let d = PyDict::new(py);
        for (value, zh) in labels {
            d.set_item(*value, *zh)?;
        }
        out.set_item(name, d)?;
    }
    Ok(out)
}

/// The age groups of a date of birth on a date (`[priority-principles]`).
#[pyfunction]
pub fn age_groups(date_of_birth: Day, on: Day) -> Vec<String> {
    core::age_groups(date_of_birth.0, on.0)
        .iter()
        .map(serde_name)
        .collect()
}

/// The default retention policies: PIPL art. 19 for every kind, no period set.
#[pyfunction]
pub fn default_retention<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &RetentionPolicies::default())
}

/// The last day a record of `record_kind` dated `date` is kept under `policies`, or None.
#[pyfunction]
pub fn retain_until(
    policies: &Bound<'_, PyAny>,
    record_kind: &str,
    date: Day,
) -> PyResult<Option<NaiveDate>> {
    let p: RetentionPolicies = from_py(policies, "policies")?;
    Ok(p.retain_until(kind(record_kind)?, date.0))
}

/// The records kept past their period as of `today`.
#[pyfunction]
pub fn past_retention<'py>(
    py: Python<'py>,
    policies: &Bound<'py, PyAny>,
    records: &Bound<'py, PyAny>,
    today: Day,
) -> PyResult<Bound<'py, PyAny>> {
    let p: RetentionPolicies = from_py(policies, "policies")?;
    let r: Vec<RecordMeta> = from_py(records, "records")?;
    to_py(py, &p.past_retention(&r, today.0))
}

/// A worklist ordered life first, the vulnerable first, the urgent first (`[priority-principles]`).
#[pyfunction]
pub fn prioritise<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    now: Instant,
) -> PyResult<Bound<'py, PyAny>> {
    let i: Vec<TriageItem> = from_py(items, "items")?;
    to_py(py, &triage::prioritise(&i, now.0))
}

/// A routing recommendation to a service tier (`[triage-routing]`).
#[pyfunction]
pub fn route<'py>(
    py: Python<'py>,
    client: &Bound<'py, PyAny>,
    on: Day,
) -> PyResult<Bound<'py, PyAny>> {
    let i: RoutingInput = from_py(client, "client")?;
    to_py(py, &triage::route(&i, on.0))
}
