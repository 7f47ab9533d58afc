//! Records (needs assessment, service records), triage and routing.

use serde::Deserialize;
use shegong::assessment::{Record, RecordKind};
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
