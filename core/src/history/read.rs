//! Reading events from outside, once for every aggregate: an event type this library does not
//! know is [`ErrorKind::UnknownEventKind`](crate::ErrorKind::UnknownEventKind) for a case, an
//! activity and a volunteer alike, in every binding, and anything else that does not fit is
//! the strict reader's [`JsonError`].

use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{NewEvent, Recorded};
use crate::json::JsonError;

/// Why events from outside could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not JSON of the expected shape, or over a limit.
    Json(JsonError),
    /// An `event.type` that names no event type of the aggregate.
    UnknownKind(String),
}

impl From<JsonError> for ReadError {
    fn from(e: JsonError) -> Self {
        ReadError::Json(e)
    }
}

/// The first `type` among `events` (each an event's `event` object) that names no value of
/// `K`, the aggregate's enum of [`crate::event_types`].
pub(crate) fn unknown_type<'a, K: FromStr>(
    events: impl IntoIterator<Item = Option<&'a Value>>,
) -> Option<String> {
    events
        .into_iter()
        .filter_map(|e| e.and_then(|e| e.get("type")).and_then(Value::as_str))
        .find(|kind| kind.parse::<K>().is_err())
        .map(str::to_owned)
}

/// One event to record, its type checked against `K` before its fields.
pub(crate) fn new_event<E: DeserializeOwned, K: FromStr>(
    value: Value,
) -> Result<NewEvent<E>, ReadError> {
    if let Some(kind) = unknown_type::<K>([value.get("event")]) {
        return Err(ReadError::UnknownKind(kind));
    }
    Ok(crate::json::from_value(value, "event")?)
}

/// Recorded events (a JSON array), every event's type checked against `K` before any field.
pub(crate) fn recorded<E: DeserializeOwned, K: FromStr>(
    value: Value,
) -> Result<Vec<Recorded<E>>, ReadError> {
    if let Value::Array(items) = &value {
        if let Some(kind) = unknown_type::<K>(items.iter().map(|i| i.get("event"))) {
            return Err(ReadError::UnknownKind(kind));
        }
    }
    Ok(crate::json::from_value(value, "events")?)
}

/// One event to record from JSON text: read straight into its type, and only when that fails
/// read again as a value to tell an unknown event type from other faults.
pub(crate) fn new_event_text<E: DeserializeOwned, K: FromStr>(
    text: &str,
) -> Result<NewEvent<E>, ReadError> {
    match crate::json::from_str(text, "event") {
        Ok(event) => Ok(event),
        Err(e @ JsonError::LimitExceeded { .. }) => Err(e.into()),
        Err(_) => new_event::<E, K>(crate::json::from_str(text, "event")?),
    }
}

/// Recorded events from JSON text, as [`new_event_text`] reads one event to record.
pub(crate) fn recorded_text<E: DeserializeOwned, K: FromStr>(
    text: &str,
) -> Result<Vec<Recorded<E>>, ReadError> {
    match crate::json::from_str(text, "events") {
        Ok(events) => Ok(events),
        Err(e @ JsonError::LimitExceeded { .. }) => Err(e.into()),
        Err(_) => recorded::<E, K>(crate::json::from_str(text, "events")?),
    }
}
