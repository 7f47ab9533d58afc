//! Conversion between the FFI's types and the core's: dates and instants as ISO strings
//! (uniffi custom types whose failures are typed `InvalidInput` errors), JSON text read by
//! the core's strict reader, core values mirrored into uniffi records through their serde
//! form, and integers kept signed (Java cannot call `UInt`/`ULong`) with range checks.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::errors::{OrTyped, ShegongError};

/// A calendar date, crossing the FFI as an ISO string `YYYY-MM-DD` (Kotlin and Swift see a
/// `String` alias). A string that is not one is refused with `InvalidInput` before the call.
/// Read from serde exactly as `parse_date` reads it (chrono's own reader also takes
/// `2026-2-3` and spaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        shegong::calendar::iso_date(&s)
            .map(IsoDate)
            .ok_or_else(|| serde::de::Error::custom("a date must be written YYYY-MM-DD"))
    }
}

/// An instant with its UTC offset, crossing the FFI as an RFC 3339 string
/// (`2026-05-06T09:00:00+08:00`). Anything else is refused with `InvalidInput`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Instant(pub DateTime<FixedOffset>);

/// An ISO date, or the typed error naming what was expected (never the value).
pub fn parse_date(s: &str) -> Result<IsoDate, ShegongError> {
    shegong::calendar::iso_date(s)
        .map(IsoDate)
        .ok_or_else(|| ShegongError::invalid("date: expected an ISO date (YYYY-MM-DD)"))
}

/// An RFC 3339 instant with offset, or the typed error.
pub fn parse_instant(s: &str) -> Result<Instant, ShegongError> {
    DateTime::parse_from_rfc3339(s).map(Instant).map_err(|_| {
        ShegongError::invalid(
            "instant: expected an RFC 3339 instant with offset (2026-05-06T09:00:00+08:00)",
        )
    })
}

/// An instant as the core writes it in JSON, so typed records and JSON text agree.
fn instant_text(i: &Instant) -> String {
    match serde_json::to_value(i.0) {
        Ok(serde_json::Value::String(s)) => s,
        _ => i.0.to_rfc3339(),
    }
}

// A failed lift returns the error as `anyhow::Error`; uniffi hands a `ShegongError` inside it
// to the caller as that typed error (every function taking a date returns `ShegongError`).
uniffi::custom_type!(IsoDate, String, {
    lower: |d| d.0.to_string(),
    try_lift: |s| parse_date(&s).map_err(uniffi::deps::anyhow::Error::new),
});

uniffi::custom_type!(Instant, String, {
    lower: |i| instant_text(&i),
    try_lift: |s| parse_instant(&s).map_err(uniffi::deps::anyhow::Error::new),
});

/// JSON text as a core type, through the core's strict reader (unknown fields, duplicate
/// keys, depth and size limits refused; messages name the path, never the value).
pub fn from_json<T: DeserializeOwned>(text: &str, what: &'static str) -> Result<T, ShegongError> {
    shegong::json::from_str(text, what).typed()
}

/// A core value as JSON text, in the core's own serde form.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, ShegongError> {
    serde_json::to_string(value).map_err(|_| {
        ShegongError::malformed("a value the core produced could not be written as JSON")
    })
}

/// A core value as one of this binding's records: the core's serde form read into the
/// record's fields (labels as their serde names, dates as ISO strings). No rule is applied.
pub fn mirror<T: Serialize + ?Sized, M: DeserializeOwned>(value: &T) -> Result<M, ShegongError> {
    serde_json::to_value(value)
        .and_then(serde_json::from_value)
        .map_err(|_| ShegongError::malformed("a value the core produced could not be converted"))
}

/// The serde name of a labelled value ("male", "mobile", "forming").
pub fn label<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A signed count from the FFI as `usize`: a negative value is a typed error.
pub fn count(n: i64, what: &str) -> Result<usize, ShegongError> {
    usize::try_from(n).map_err(|_| {
        ShegongError::invalid(&format!("{what}: expected a non-negative whole number"))
    })
}

/// A signed number from the FFI as `u32`: out of range is a typed error.
pub fn small(n: i32, what: &str) -> Result<u32, ShegongError> {
    u32::try_from(n).map_err(|_| {
        ShegongError::invalid(&format!("{what}: expected a non-negative whole number"))
    })
}

/// A core count as the FFI's signed 64-bit integer (saturating: no count reaches 2^63).
pub fn signed<T: TryInto<i64>>(n: T) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}
