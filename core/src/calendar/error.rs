//! Errors of the calendar module.

use chrono::NaiveDate;

/// Why a calendar could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The date lies outside the days this calendar can answer for. For the default
    /// calendar that is anything after the last officially announced year: the answer would
    /// otherwise be a guess presented as official.
    #[error(
        "date {date} is outside the calendar's range {first}..={last}{hint} [calendar-provisional]",
        hint = provisional_hint(*official_last, *last)
    )]
    OutOfRange {
        /// The date asked about.
        date: NaiveDate,
        /// The first date the calendar covers.
        first: NaiveDate,
        /// The last date the calendar covers.
        last: NaiveDate,
        /// The last date covered by official data.
        official_last: NaiveDate,
    },
    /// The answer itself would lie outside the calendar's range: counting `workdays` working
    /// days from `from` runs off its start or end.
    #[error(
        "counting {workdays} working days from {from} leaves the calendar's range {first}..={last}{hint} [calendar-provisional]",
        hint = provisional_hint(*official_last, *last)
    )]
    ResultOutOfRange {
        /// The date counted from.
        from: NaiveDate,
        /// The signed number of working days asked for.
        workdays: i64,
        /// The first date the calendar covers.
        first: NaiveDate,
        /// The last date the calendar covers.
        last: NaiveDate,
        /// The last date covered by official data.
        official_last: NaiveDate,
    },
    /// An agency calendar names the same date both as a closure and as an extra working day,
    /// or names a date the calendar cannot cover.
    #[error("invalid agency day {date}: {reason}")]
    InvalidAgencyDay {
        /// The offending date.
        date: NaiveDate,
        /// What is wrong with it.
        reason: String,
    },
    /// A stored calendar description has a format newer than this library reads.
    #[error("calendar description format {format} is newer than this library reads ({max})", max = super::SPEC_FORMAT)]
    UnsupportedFormat {
        /// The format the description declares.
        format: u32,
    },
    /// A stored calendar description names a base calendar this library does not know.
    #[error(
        "unknown base calendar {} (known: \"cn-official\")",
        crate::json::describe_str(base)
    )]
    UnknownBase {
        /// The base named in the description.
        base: String,
    },
    /// A stored calendar description could not be read, or is over a limit.
    #[error(transparent)]
    Json(#[from] crate::json::JsonError),
}

fn provisional_hint(official_last: NaiveDate, last: NaiveDate) -> String {
    if last <= official_last {
        format!(
            "; official data ends {official_last}: a calendar built with_provisional answers later years, flagged provisional"
        )
    } else {
        String::new()
    }
}

impl CalendarError {
    /// A stable snake_case code for the error's kind, the same in every binding.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind.
    pub fn kind(&self) -> crate::ErrorKind {
        use crate::ErrorKind as K;
        match self {
            CalendarError::OutOfRange { .. } => K::OutOfRange,
            CalendarError::ResultOutOfRange { .. } => K::ResultOutOfRange,
            CalendarError::InvalidAgencyDay { .. } => K::InvalidAgencyDay,
            CalendarError::UnsupportedFormat { .. } => K::UnsupportedFormat,
            CalendarError::UnknownBase { .. } => K::UnknownBase,
            CalendarError::Json(e) => e.kind(),
        }
    }

    /// The domain rule behind the error, if one applies (`"calendar-provisional"`).
    pub fn rule_id(&self) -> Option<&'static str> {
        match self {
            CalendarError::OutOfRange { .. } | CalendarError::ResultOutOfRange { .. } => {
                Some("calendar-provisional")
            }
            CalendarError::InvalidAgencyDay { .. }
            | CalendarError::UnsupportedFormat { .. }
            | CalendarError::UnknownBase { .. }
            | CalendarError::Json(_) => None,
        }
    }
}
