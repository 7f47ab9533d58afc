//! Records (needs assessment, service records), triage and routing.

use std::collections::HashMap;

use serde::Deserialize;
use shegong::assessment::{Record, RecordKind, RecordMeta, RetentionPolicies};
use shegong::triage::{self, RoutingInput, TriageItem};

use crate::convert::{from_json, mirror, to_json, Instant, IsoDate};
use crate::errors::{OrTyped, ShegongError};

/// The service tier for a request, with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct Routing {
    /// The tier.
    pub tier: String,
    /// Why, rule by rule.
    pub reasons: Vec<String>,
}

/// Reads and validates a record (JSON text tagged with `kind`); returns it as the core
/// writes it.
#[uniffi::export]
pub fn validate_record(record: String) -> Result<String, ShegongError> {
    let r = Record::from_json(&record).typed()?;
    r.validate().typed()?;
    to_json(&r)
}

/// The names of every record kind.
#[uniffi::export]
pub fn record_kinds() -> Vec<String> {
    RecordKind::ALL.iter().map(|k| k.to_string()).collect()
}

/// One field of a record kind.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecordField {
    /// Its JSON path, e.g. `"concerns.medical"`.
    pub path: String,
    /// Its Chinese label.
    pub zh: String,
    /// Whether it is personal information.
    pub personal: bool,
    /// The sensitivities it carries.
    pub sensitivity: Vec<String>,
    /// Whether it identifies a person.
    pub identifier: bool,
}

/// Every field of a record kind, with its label and sensitivity.
#[uniffi::export]
pub fn record_fields(record_kind: String) -> Result<Vec<RecordField>, ShegongError> {
    let k: RecordKind = record_kind.parse().typed()?;
    Ok(k.fields()
        .iter()
        .map(|f| RecordField {
            path: f.path.to_owned(),
            zh: f.zh.to_owned(),
            personal: f.personal,
            sensitivity: f.sensitivity.iter().map(crate::convert::label).collect(),
            identifier: f.identifier,
        })
        .collect())
}

/// The JSON Schema of a record kind, as JSON text.
#[uniffi::export]
pub fn record_schema(record_kind: String) -> Result<String, ShegongError> {
    let k: RecordKind = record_kind.parse().typed()?;
    to_json(&k.json_schema())
}

/// The Chinese label of every value of every labelled enum: enum name → value → label.
#[uniffi::export]
pub fn zh_labels() -> HashMap<String, HashMap<String, String>> {
    shegong::zh_labels()
        .into_iter()
        .map(|(name, labels)| {
            let values = labels
                .iter()
                .map(|(v, zh)| ((*v).to_owned(), (*zh).to_owned()))
                .collect();
            (name.to_owned(), values)
        })
        .collect()
}

/// The default retention policies, as the core's JSON.
#[uniffi::export]
pub fn default_retention() -> Result<String, ShegongError> {
    to_json(&RetentionPolicies::default())
}

/// The last day a record of `record_kind` dated `date` is kept under `policies` (JSON), or
/// null when it is kept for ever.
#[uniffi::export]
pub fn retain_until(
    policies: String,
    record_kind: String,
    date: IsoDate,
) -> Result<Option<IsoDate>, ShegongError> {
    let p: RetentionPolicies = from_json(&policies, "policies")?;
    let k: RecordKind = record_kind.parse().typed()?;
    Ok(p.retain_until(k, date.0).map(IsoDate))
}

/// The records (JSON array of `{id, kind, date}`) past their retention on `today`, as the
/// core's JSON.
#[uniffi::export]
pub fn past_retention(
    policies: String,
    records: String,
    today: IsoDate,
) -> Result<String, ShegongError> {
    let p: RetentionPolicies = from_json(&policies, "policies")?;
    let r: Vec<RecordMeta> = from_json(&records, "records")?;
    to_json(&p.past_retention(&r, today.0))
}

/// A worklist (JSON array of triage items) in priority order as of `now`
/// (`[triage-priority]`), as the core's JSON.
#[uniffi::export]
pub fn prioritise(items: String, now: Instant) -> Result<String, ShegongError> {
    let items: Vec<TriageItem> = from_json(&items, "items")?;
    to_json(&triage::prioritise(&items, now.0))
}

/// The service tier for a request (JSON text) on `date`, with the reasons.
#[uniffi::export]
pub fn route(input: String, on: IsoDate) -> Result<Routing, ShegongError> {
    let input: RoutingInput = from_json(&input, "input")?;
    mirror(&triage::route(&input, on.0))
}

/// The population age groups of someone born on `date_of_birth`, on `on`.
#[uniffi::export]
pub fn age_groups(date_of_birth: IsoDate, on: IsoDate) -> Vec<String> {
    shegong::assessment::age_groups(date_of_birth.0, on.0)
        .iter()
        .map(crate::convert::label)
        .collect()
}
