//! `Case`: the guarded, event-sourced case life cycle.

use std::sync::{Arc, Mutex};

use shegong::case::{self as core, RecordedEvent};

use crate::convert::{from_json, signed, to_json};
use crate::errors::{OrTyped, ShegongError};
use crate::history::{lock, Applied, Warning};

/// A case (个案): its tamper-evident history and the state derived from it. Events are JSON
/// text `{occurred_at, recorded_at, actor: {id, role}, event: {type, …}}`, as the core writes
/// them.
#[derive(uniffi::Object)]
pub struct Case(pub(crate) Mutex<core::Case>);

impl Case {
    fn wrap(c: core::Case) -> Arc<Self> {
        Arc::new(Case(Mutex::new(c)))
    }

    /// A copy of the case as it is now.
    pub(crate) fn snapshot(&self) -> core::Case {
        lock(&self.0).clone()
    }
}

/// An event to record, read through the core's parser (typed error for an unknown type;
/// messages name the JSON path, never the value).
fn new_event(json: &str) -> Result<core::NewEvent, ShegongError> {
    core::new_event_from_json(json).typed()
}

#[uniffi::export]
impl Case {
    /// Starts a case from its first event (`received`), as JSON text.
    #[uniffi::constructor]
    pub fn start(event: String) -> Result<Arc<Self>, ShegongError> {
        core::Case::start(new_event(&event)?)
            .typed()
            .map(Case::wrap)
    }

    /// Checks an event (JSON text) against the rules and appends it. A refused event is a
    /// typed error and changes nothing.
    pub fn apply(&self, event: String) -> Result<Applied, ShegongError> {
        let e = new_event(&event)?;
        let a = lock(&self.0).apply(e).typed()?;
        Ok(Applied::from_core(&a, |w| Warning {
            rule: w.rule.clone(),
            message: w.message.clone(),
        }))
    }

    /// Rebuilds a case from its recorded events (a JSON array), verifying the chain and
    /// every guard.
    #[uniffi::constructor]
    pub fn replay(events: String) -> Result<Arc<Self>, ShegongError> {
        let e: Vec<RecordedEvent> = from_json(&events, "events")?;
        core::Case::replay(e).typed().map(Case::wrap)
    }

    /// `replay`, then checks the history ends at the stored chain head.
    #[uniffi::constructor]
    pub fn replay_verified(events: String, head: String) -> Result<Arc<Self>, ShegongError> {
        let e: Vec<RecordedEvent> = from_json(&events, "events")?;
        core::Case::replay_verified(e, &head)
            .typed()
            .map(Case::wrap)
    }

    /// Reads a stored history (JSON text), verifying its chain and guards.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, ShegongError> {
        core::Case::from_json(&json).typed().map(Case::wrap)
    }

    /// The stored history as JSON text.
    pub fn to_json(&self) -> Result<String, ShegongError> {
        lock(&self.0).to_json().typed()
    }

    /// What the case file holds and which required forms are missing, as the core's JSON.
    pub fn file_check(&self) -> Result<String, ShegongError> {
        to_json(&lock(&self.0).file_check())
    }

    /// The case number.
    pub fn number(&self) -> String {
        lock(&self.0).number().to_string()
    }

    /// The current stage's name.
    pub fn stage(&self) -> String {
        lock(&self.0).stage().name().to_owned()
    }

    /// The chain head (the last event's hash): store it beside the history.
    pub fn head(&self) -> String {
        lock(&self.0).head().to_owned()
    }

    /// The derived state, as the core's JSON.
    pub fn state(&self) -> Result<String, ShegongError> {
        to_json(lock(&self.0).state())
    }

    /// The recorded events, oldest first, as a JSON array.
    pub fn history(&self) -> Result<String, ShegongError> {
        to_json(lock(&self.0).history())
    }

    /// The number of recorded events.
    pub fn length(&self) -> i64 {
        signed(lock(&self.0).history().len())
    }
}

/// A case number from its parts, e.g. `SZ-2026-0007` (`[case-numbering]`).
#[uniffi::export]
pub fn case_number(agency: String, year: i32, serial: i64) -> Result<String, ShegongError> {
    let serial = u32::try_from(serial)
        .map_err(|_| ShegongError::invalid("serial: expected a whole number from 0 to 2^32 - 1"))?;
    core::CaseNumber::new(&agency, year, serial)
        .typed()
        .map(|n| n.to_string())
}

/// The names of every case event type.
#[uniffi::export]
pub fn event_types() -> Vec<String> {
    core::EventKind::KINDS
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

/// Reads one event to record (typed errors for unknown event types) and returns it as the
/// core writes it.
#[uniffi::export]
pub fn parse_event(event: String) -> Result<String, ShegongError> {
    to_json(&new_event(&event)?)
}

/// The next case number for an agency and year, given the numbers already issued
/// (`[case-numbering]`).
#[uniffi::export]
pub fn next_case_number(
    agency: String,
    year: i32,
    issued: Vec<String>,
) -> Result<String, ShegongError> {
    let parsed = issued
        .iter()
        .map(|s| s.parse::<core::CaseNumber>())
        .collect::<Result<Vec<_>, _>>()
        .typed()?;
    core::CaseNumber::next(&agency, year, &parsed)
        .typed()
        .map(|n| n.to_string())
}

/// How many consultations `client_id` has had on `topic` across `cases`
/// (`[consult-max-3]`).
#[uniffi::export]
pub fn consultation_count(cases: Vec<Arc<Case>>, client_id: String, topic: String) -> i64 {
    let snapshots: Vec<core::Case> = cases.iter().map(|c| c.snapshot()).collect();
    i64::from(core::consultation_count(
        snapshots.iter(),
        &client_id,
        &topic,
    ))
}
