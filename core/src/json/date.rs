//! Reading a date (`NaiveDate`) from its JSON string exactly as the library writes it,
//! `YYYY-MM-DD` ([`crate::calendar::iso_date`]). chrono's own `Deserialize` also takes
//! `2026-2-3`, `+2026-02-03`, `2026 -02-03` and spaces around the date, and gives each back as
//! `2026-02-03`: a record read and written again was then not the record given, and stored
//! case events of different bytes hashed alike. For `#[serde(deserialize_with)]`; the error
//! does not repeat the text (it may be a date of birth).

use std::fmt;

use chrono::NaiveDate;
use serde::de;

/// Reads a date written exactly `YYYY-MM-DD`, a day that exists.
pub(crate) fn deserialize<'de, D: de::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(Visitor)
}

/// [`deserialize`] for an optional date: `null` is `None`. The field also needs
/// `#[serde(default)]` so that leaving it out stays `None`.
pub(crate) fn optional<'de, D: de::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(Optional)
}

/// An optional date with a note, `[date, text]` (a termination's day and reason), the date
/// read as [`deserialize`] reads it.
pub(crate) fn optional_dated<'de, D: de::Deserializer<'de>>(
    d: D,
) -> Result<Option<(NaiveDate, String)>, D::Error> {
    /// A date read strictly, inside a tuple.
    struct Strict(NaiveDate);
    impl<'de> serde::Deserialize<'de> for Strict {
        fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d).map(Strict)
        }
    }
    let read = <Option<(Strict, String)> as serde::Deserialize>::deserialize(d)?;
    Ok(read.map(|(Strict(date), note)| (date, note)))
}

/// The date in `s`, or the error that says what was wrong with it.
pub(crate) fn parse<E: de::Error>(s: &str) -> Result<NaiveDate, E> {
    if let Some(date) = crate::calendar::iso_date(s) {
        return Ok(date);
    }
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    Err(E::custom(if shaped {
        "no such day: the month or the day is out of range"
    } else {
        "a date must be written YYYY-MM-DD, such as 2026-02-03 (four-digit year, two-digit month and day, nothing around it)"
    }))
}

struct Visitor;

impl de::Visitor<'_> for Visitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse(v)
    }
}

struct Optional;

impl<'de> de::Visitor<'de> for Optional {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD, or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        deserialize(d).map(Some)
    }
}
