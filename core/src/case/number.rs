//! Case numbers (个案编号) per agency and year, e.g. `SZ-2026-0007` (`[case-numbering]`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::CaseError;

/// A case number: agency code, year and serial, written `SZ-2026-0007`.
///
/// Numbering is deterministic and keeps no hidden state: [`CaseNumber::next`] takes the
/// numbers already issued and returns the next one for an agency and year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseNumber {
    agency: String,
    year: i32,
    serial: u32,
}

impl CaseNumber {
    /// A number no case has (no agency, year 0, serial 0), holding no allocation: what a
    /// case's state holds for an instant while its guards borrow the real one.
    pub(crate) fn set_aside() -> CaseNumber {
        CaseNumber {
            agency: String::new(),
            year: 0,
            serial: 0,
        }
    }

    /// A case number from its parts.
    ///
    /// # Errors
    /// [`CaseError::InvalidInput`] unless the agency code is 1–16 ASCII capital letters or
    /// digits, the year is 2000–2999 and the serial is at least 1.
    ///
    /// # Example
    /// ```
    /// use shegong::case::CaseNumber;
    /// assert_eq!(CaseNumber::new("SZ", 2026, 7)?.to_string(), "SZ-2026-0007");
    /// # Ok::<(), shegong::case::CaseError>(())
    /// ```
    pub fn new(agency: impl Into<String>, year: i32, serial: u32) -> Result<CaseNumber, CaseError> {
        let agency = agency.into();
        let bad = |reason: String| {
            CaseError::invalid("", "case_number", format!("{reason} [case-numbering]"))
        };
        if agency.is_empty()
            || agency.len() > 16
            || !agency
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(bad(format!(
                "agency code {agency:?} must be 1-16 capital letters or digits"
            )));
        }
        if !(2000..=2999).contains(&year) {
            return Err(bad(format!("year {year} is not a plausible case year")));
        }
        if serial == 0 {
            return Err(bad("serial numbers start at 1".to_owned()));
        }
        Ok(CaseNumber {
            agency,
            year,
            serial,
        })
    }

    /// The next number for `agency` and `year`: one more than the highest serial among
    /// `issued` for that agency and year, or 1.
    ///
    /// # Errors
    /// As [`CaseNumber::new`]; [`CaseError::Overflow`] (`[case-numbering]`) when the highest
    /// serial issued is already `u32::MAX`, so no next number exists (never the same number
    /// again).
    ///
    /// # Example
    /// ```
    /// use shegong::case::CaseNumber;
    /// let issued: Vec<CaseNumber> = ["SZ-2026-0006", "SZ-2025-0040", "HZ-2026-0099"]
    ///     .iter().map(|s| s.parse()).collect::<Result<_, _>>()?;
    /// assert_eq!(CaseNumber::next("SZ", 2026, &issued)?.to_string(), "SZ-2026-0007");
    /// assert_eq!(CaseNumber::next("SZ", 2027, &issued)?.to_string(), "SZ-2027-0001");
    /// # Ok::<(), shegong::case::CaseError>(())
    /// ```
    pub fn next<'a>(
        agency: &str,
        year: i32,
        issued: impl IntoIterator<Item = &'a CaseNumber>,
    ) -> Result<CaseNumber, CaseError> {
        let highest = issued
            .into_iter()
            .filter(|n| n.agency == agency && n.year == year)
            .map(|n| n.serial)
            .max()
            .unwrap_or(0);
        let serial = highest.checked_add(1).ok_or_else(|| CaseError::Overflow {
            rule: "case-numbering".to_owned(),
            quantity: "case number serial".to_owned(),
        })?;
        CaseNumber::new(agency, year, serial)
    }

    /// The agency code.
    pub fn agency(&self) -> &str {
        &self.agency
    }

    /// The year of the case.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The serial within the agency and year.
    pub fn serial(&self) -> u32 {
        self.serial
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:04}", self.agency, self.year, self.serial)
    }
}

impl FromStr for CaseNumber {
    type Err = CaseError;

    fn from_str(s: &str) -> Result<CaseNumber, CaseError> {
        let bad = || {
            CaseError::invalid(
                "",
                "case_number",
                format!("{s:?} is not a case number like \"SZ-2026-0007\" [case-numbering]"),
            )
        };
        let mut parts = s.split('-');
        let (Some(agency), Some(year), Some(serial), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if year.len() != 4 || serial.len() < 4 || !serial.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year = year.parse().map_err(|_| bad())?;
        let serial = serial.parse().map_err(|_| bad())?;
        let number = CaseNumber::new(agency, year, serial)?;
        // One number, one spelling: "SZ-2026-00007" is refused rather than read as 0007.
        if number.to_string() != s {
            return Err(bad());
        }
        Ok(number)
    }
}

impl Serialize for CaseNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Written on the stack, not into a fresh `String` (the first event of every history
        // is hashed with its case number): an agency code of at most 16 characters, a year of
        // four digits and a serial of at most ten fit in 40 bytes. Not in WebAssembly builds,
        // where the writer would cost the mini-program package a kilobyte.
        #[cfg(not(target_arch = "wasm32"))]
        {
            use std::io::Write as _;
            let mut buf = [0u8; 40];
            let mut rest = &mut buf[..];
            if write!(rest, "{self}").is_ok() {
                let len = 40usize.saturating_sub(rest.len());
                if let Some(text) = buf.get(..len).and_then(|b| std::str::from_utf8(b).ok()) {
                    return serializer.serialize_str(text);
                }
            }
        }
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CaseNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for CaseNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CaseNumber".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A case number (个案编号): agency code (1–16 capital letters or digits), year and a serial of at least 4 digits, e.g. `SZ-2026-0007` (`[case-numbering]`).",
            "pattern": "^[A-Z0-9]{1,16}-2[0-9]{3}-([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3,9})$"
        })
    }
}
