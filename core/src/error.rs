//! The crate-wide error: every module's error rolled into one.

use crate::activity::ActivityError;
use crate::assessment::AssessmentError;
use crate::calendar::CalendarError;
use crate::case::CaseError;
use crate::deadline::DeadlineError;
use crate::groups::GroupError;
use crate::identity::IdentityError;
use crate::json::JsonError;
use crate::labels::UnknownValue;
use crate::volunteer::VolunteerError;
use crate::workload::WorkloadError;

/// The kind of an error, the same in every binding: a flat list each binding maps to its
/// own error types with one exhaustive `match`.
///
/// This enum is deliberately **not** `#[non_exhaustive]`: adding a kind is a breaking change,
/// so that every binding's match stops compiling until the new kind is mapped, instead of
/// falling through to a generic error. [`ErrorKind::code`] is stable and unique.
///
/// # Example
/// ```
/// use shegong::ErrorKind;
/// let kind: ErrorKind = "tampered".parse()?;
/// assert_eq!(kind, ErrorKind::Tampered);
/// assert_eq!(kind.code(), "tampered");
/// # Ok::<(), shegong::labels::UnknownValue>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// A case refused an event: the rules forbid this step now (a case transition). Code `"refused"`.
    Refused,
    /// An activity refused an event. Code `"activity_refused"`.
    ActivityRefused,
    /// A volunteer or a confidentiality agreement refused a step. Code `"volunteer_refused"`.
    VolunteerRefused,
    /// A shift or roster step is not allowed. Code `"roster_refused"`.
    RosterRefused,
    /// A service group refused a step. Code `"group_refused"`.
    GroupRefused,
    /// A field is missing or malformed (an empty reason, a duplicate id). Code `"invalid_input"`.
    InvalidInput,
    /// A field of a needs-assessment or service record breaks its form's rules. Code `"invalid_record"`.
    InvalidRecord,
    /// A workload plan line names an item or variant the table does not have. Code `"invalid_line"`.
    InvalidLine,
    /// Workload parameters that make no sense (more days off than days). Code `"invalid_parameters"`.
    InvalidParameters,
    /// Not a valid resident ID number (GB 11643-1999). Code `"invalid_id_number"`.
    InvalidIdNumber,
    /// Not a valid phone number. Code `"invalid_phone"`.
    InvalidPhone,
    /// A nickname that does not follow the convention (`[nickname-convention]`). Code `"invalid_nickname"`.
    InvalidNickname,
    /// A mask that would show more of an ID number than its region code and its last four
    /// characters (the birth date is never shown). Code `"invalid_mask"`.
    InvalidMask,
    /// A string that names no value of an enum (a gender, a stage, a role). Code `"unknown_value"`.
    UnknownValue,
    /// An event's timestamps are out of order (`[records-authentic]`). Code `"out_of_order"`.
    OutOfOrder,
    /// A history's hash chain is broken (`[records-authentic]`). Code `"tampered"`.
    Tampered,
    /// A history does not end at its stored chain head (`[records-authentic]`). Code `"head_mismatch"`.
    HeadMismatch,
    /// Data that could not be read: malformed JSON, a missing or unknown field, a wrong type. Code `"malformed"`.
    Malformed,
    /// An event type this library does not know. Code `"unknown_event_kind"`.
    UnknownEventKind,
    /// A stored format newer than this library reads. Code `"unsupported_format"`.
    UnsupportedFormat,
    /// A history with no events, or one that does not start with its first event. Code `"not_started"`.
    NotStarted,
    /// A date outside the calendar's data (`[calendar-provisional]`). Code `"out_of_range"`.
    OutOfRange,
    /// An answer that would lie outside the calendar's data (`[calendar-provisional]`). Code `"result_out_of_range"`.
    ResultOutOfRange,
    /// An agency calendar names a date twice, or a date the calendar cannot cover. Code `"invalid_agency_day"`.
    InvalidAgencyDay,
    /// A stored calendar names a base calendar this library does not know. Code `"unknown_base"`.
    UnknownBase,
    /// No rule has the ID asked for. Code `"unknown_rule"`.
    UnknownRule,
    /// A rule set is inconsistent. Code `"invalid_rule_set"`.
    InvalidRuleSet,
    /// A number outside what its field holds: a count of -1, a serial of 2^64, a day offset
    /// beyond its type. Code `"value_out_of_range"`.
    ValueOutOfRange,
    /// Arithmetic on numbers from outside would overflow (hours, fees, serials, offsets). Code `"overflow"`.
    Overflow,
    /// Input over a documented limit of [`crate::limits`] (size, nesting depth, history length). Code `"limit_exceeded"`.
    LimitExceeded,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Refused,
        ErrorKind::ActivityRefused,
        ErrorKind::VolunteerRefused,
        ErrorKind::RosterRefused,
        ErrorKind::GroupRefused,
        ErrorKind::InvalidInput,
        ErrorKind::InvalidRecord,
        ErrorKind::InvalidLine,
        ErrorKind::InvalidParameters,
        ErrorKind::InvalidIdNumber,
        ErrorKind::InvalidPhone,
        ErrorKind::InvalidNickname,
        ErrorKind::InvalidMask,
        ErrorKind::UnknownValue,
        ErrorKind::OutOfOrder,
        ErrorKind::Tampered,
        ErrorKind::HeadMismatch,
        ErrorKind::Malformed,
        ErrorKind::UnknownEventKind,
        ErrorKind::UnsupportedFormat,
        ErrorKind::NotStarted,
        ErrorKind::OutOfRange,
        ErrorKind::ResultOutOfRange,
        ErrorKind::InvalidAgencyDay,
        ErrorKind::UnknownBase,
        ErrorKind::UnknownRule,
        ErrorKind::InvalidRuleSet,
        ErrorKind::ValueOutOfRange,
        ErrorKind::Overflow,
        ErrorKind::LimitExceeded,
    ];

    /// The kind's stable snake_case code, e.g. `"refused"` or `"limit_exceeded"`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Refused => "refused",
            ErrorKind::ActivityRefused => "activity_refused",
            ErrorKind::VolunteerRefused => "volunteer_refused",
            ErrorKind::RosterRefused => "roster_refused",
            ErrorKind::GroupRefused => "group_refused",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::InvalidRecord => "invalid_record",
            ErrorKind::InvalidLine => "invalid_line",
            ErrorKind::InvalidParameters => "invalid_parameters",
            ErrorKind::InvalidIdNumber => "invalid_id_number",
            ErrorKind::InvalidPhone => "invalid_phone",
            ErrorKind::InvalidNickname => "invalid_nickname",
            ErrorKind::InvalidMask => "invalid_mask",
            ErrorKind::UnknownValue => "unknown_value",
            ErrorKind::OutOfOrder => "out_of_order",
            ErrorKind::Tampered => "tampered",
            ErrorKind::HeadMismatch => "head_mismatch",
            ErrorKind::Malformed => "malformed",
            ErrorKind::UnknownEventKind => "unknown_event_kind",
            ErrorKind::UnsupportedFormat => "unsupported_format",
            ErrorKind::NotStarted => "not_started",
            ErrorKind::OutOfRange => "out_of_range",
            ErrorKind::ResultOutOfRange => "result_out_of_range",
            ErrorKind::InvalidAgencyDay => "invalid_agency_day",
            ErrorKind::UnknownBase => "unknown_base",
            ErrorKind::UnknownRule => "unknown_rule",
            ErrorKind::InvalidRuleSet => "invalid_rule_set",
            ErrorKind::ValueOutOfRange => "value_out_of_range",
            ErrorKind::Overflow => "overflow",
            ErrorKind::LimitExceeded => "limit_exceeded",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for ErrorKind {
    type Err = crate::labels::UnknownValue;

    /// Parses a code back into its kind.
    ///
    /// # Errors
    /// [`UnknownValue`](crate::labels::UnknownValue) when no kind has the code.
    fn from_str(s: &str) -> std::result::Result<ErrorKind, Self::Err> {
        ErrorKind::ALL
            .iter()
            .copied()
            .find(|k| k.code() == s)
            .ok_or_else(|| {
                crate::labels::UnknownValue::new(
                    "ErrorKind",
                    s,
                    ErrorKind::ALL.iter().map(|k| k.code()).collect(),
                )
            })
    }
}

/// Any error of the library. Each variant wraps a module's error; [`Error::rule_id`] names
/// the domain rule that refused, when one did.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A calendar could not answer (a date outside its data, a bad agency calendar).
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A case refused an event or a history.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// A rule set could not be used.
    #[error(transparent)]
    Deadline(#[from] DeadlineError),
    /// An activity refused an event.
    #[error(transparent)]
    Activity(#[from] ActivityError),
    /// A record is invalid.
    #[error(transparent)]
    Assessment(#[from] AssessmentError),
    /// An ID number or phone number is invalid.
    #[error(transparent)]
    Identity(#[from] IdentityError),
    /// A volunteer, agreement or roster refused a step.
    #[error(transparent)]
    Volunteer(#[from] VolunteerError),
    /// A service group refused a step.
    #[error(transparent)]
    Group(#[from] GroupError),
    /// A workload computation could not be made.
    #[error(transparent)]
    Workload(#[from] WorkloadError),
    /// JSON input could not be read or is over a limit.
    #[error(transparent)]
    Json(#[from] JsonError),
    /// A string names no value of an enum.
    #[error(transparent)]
    UnknownValue(#[from] UnknownValue),
}

impl Error {
    /// A stable snake_case code for the error's kind, e.g. `"refused"` or `"out_of_range"`:
    /// the same as `self.kind().code()`.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind: what a binding maps to its own error type.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Calendar(e) => e.kind(),
            Error::Case(e) => e.kind(),
            Error::Deadline(e) => e.kind(),
            Error::Activity(e) => e.kind(),
            Error::Assessment(e) => e.kind(),
            Error::Identity(e) => e.kind(),
            Error::Volunteer(e) => e.kind(),
            Error::Group(e) => e.kind(),
            Error::Workload(e) => e.kind(),
            Error::Json(e) => e.kind(),
            Error::UnknownValue(e) => e.kind(),
        }
    }

    /// The error's message: lowercase, naming the rule ID when a rule refused, and never
    /// repeating a value that could be an ID number or phone.
    pub fn message(&self) -> String {
        crate::identity::withhold_numbers(&self.to_string())
    }

    /// The domain rule ID behind the error, e.g. `"calendar-provisional"`.
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            Error::Calendar(e) => e.rule_id(),
            Error::Case(e) => e.rule_id(),
            Error::Deadline(_) => None,
            Error::Activity(e) => e.rule_id(),
            Error::Assessment(_) | Error::Identity(_) => None,
            Error::Volunteer(e) => e.rule_id(),
            Error::Group(e) => e.rule_id(),
            Error::Workload(WorkloadError::Calendar(e)) => e.rule_id(),
            Error::Workload(_) | Error::Json(_) | Error::UnknownValue(_) => None,
        }
    }
}

/// The crate-wide result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::ErrorKind;
    use std::collections::BTreeSet;

    /// Names every kind in an exhaustive match: adding a kind without listing it in
    /// `ErrorKind::ALL` makes `every_kind_is_listed_in_all` fail, and this match stop
    /// compiling.
    fn position(kind: ErrorKind) -> usize {
        match kind {
            ErrorKind::Refused => 0,
            ErrorKind::ActivityRefused => 1,
            ErrorKind::VolunteerRefused => 2,
            ErrorKind::RosterRefused => 3,
            ErrorKind::GroupRefused => 4,
            ErrorKind::InvalidInput => 5,
            ErrorKind::InvalidRecord => 6,
            ErrorKind::InvalidLine => 7,
            ErrorKind::InvalidParameters => 8,
            ErrorKind::InvalidIdNumber => 9,
            ErrorKind::InvalidPhone => 10,
            ErrorKind::InvalidNickname => 11,
            ErrorKind::InvalidMask => 12,
            ErrorKind::UnknownValue => 13,
            ErrorKind::OutOfOrder => 14,
            ErrorKind::Tampered => 15,
            ErrorKind::HeadMismatch => 16,
            ErrorKind::Malformed => 17,
            ErrorKind::UnknownEventKind => 18,
            ErrorKind::UnsupportedFormat => 19,
            ErrorKind::NotStarted => 20,
            ErrorKind::OutOfRange => 21,
            ErrorKind::ResultOutOfRange => 22,
            ErrorKind::InvalidAgencyDay => 23,
            ErrorKind::UnknownBase => 24,
            ErrorKind::UnknownRule => 25,
            ErrorKind::InvalidRuleSet => 26,
            ErrorKind::ValueOutOfRange => 27,
            ErrorKind::Overflow => 28,
            ErrorKind::LimitExceeded => 29,
        }
    }

    #[test]
    fn every_kind_is_listed_in_all() {
        assert_eq!(ErrorKind::ALL.len(), 30);
        for (i, kind) in ErrorKind::ALL.iter().enumerate() {
            assert_eq!(position(*kind), i, "{kind:?}");
        }
    }

    #[test]
    fn every_kind_code_is_unique_and_round_trips() {
        let codes: BTreeSet<&str> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), ErrorKind::ALL.len());
        for kind in ErrorKind::ALL {
            assert_eq!(kind.code().parse::<ErrorKind>(), Ok(*kind));
            assert_eq!(kind.to_string(), kind.code());
            assert!(kind
                .code()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
        assert!("nope".parse::<ErrorKind>().is_err());
    }
}
