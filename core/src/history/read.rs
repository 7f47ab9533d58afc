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
    /// An `event.type` that names no event type of the aggregate: the type, and the JSON path
    /// of the `type` field.
    UnknownKind(String, String),
}

impl From<JsonError> for ReadError {
    fn from(e: JsonError) -> Self {
        ReadError::Json(e)
    }
}

/// The first `type` among `events` (each an event's `event` object) that names no value of
/// `K`, the aggregate's enum of [`crate::event_types`], with its position.
fn first_unknown<'a, K: FromStr>(
    events: impl IntoIterator<Item = Option<&'a Value>>,
) -> Option<(usize, String)> {
    events
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, e?.get("type")?.as_str()?)))
        .find(|(_, kind)| kind.parse::<K>().is_err())
        .map(|(i, kind)| (i, kind.to_owned()))
}

/// The first event of `list` (the array under `key` of a stored history, or the top-level
/// array when `key` is empty) whose type names no value of `K`: the type and the JSON path of
/// its `type` field.
pub(crate) fn unknown_in<K: FromStr>(list: &Value, key: &str) -> Option<(String, String)> {
    let Value::Array(items) = list else {
        return None;
    };
    let (i, kind) = first_unknown::<K>(items.iter().map(|item| item.get("event")))?;
    Some((kind, format!("{key}[{i}].event.type")))
}

/// One event to record, its type checked against `K` before its fields.
pub(crate) fn new_event<E: DeserializeOwned, K: FromStr>(
    value: Value,
) -> Result<NewEvent<E>, ReadError> {
    if let Some((_, kind)) = first_unknown::<K>([value.get("event")]) {
        return Err(ReadError::UnknownKind(kind, "event.type".to_owned()));
    }
    Ok(crate::json::from_value(value, "event")?)
}

/// Recorded events (a JSON array), every event's type checked against `K` before any field.
pub(crate) fn recorded<E: DeserializeOwned, K: FromStr>(
    value: Value,
) -> Result<Vec<Recorded<E>>, ReadError> {
    if let Some((kind, path)) = unknown_in::<K>(&value, "") {
        return Err(ReadError::UnknownKind(kind, path));
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
