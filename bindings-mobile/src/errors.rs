//! One typed error for the whole surface: `ShegongError` (Kotlin `ShegongException`, Swift
//! `ShegongError`), one variant per core `ErrorKind`, each carrying the kind's stable `code`,
//! the refusing rule's ID (`ruleId`, or null) and the core's exact message (`reason`).

use shegong::ErrorKind;

/// A refusal or an input the core could not read. The variant is the core's `ErrorKind`;
/// `code` its stable code (`"refused"`, `"out_of_range"` …), `rule_id` the domain rule that
/// refused (e.g. `"calendar-provisional"`), `reason` the core's message, word for word.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[allow(missing_docs)] // The variants are the core's kinds, documented there.
pub enum ShegongError {
    #[error("{reason}")]
    Refused {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    ActivityRefused {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    VolunteerRefused {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    RosterRefused {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    GroupRefused {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidInput {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidRecord {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidLine {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidParameters {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidIdNumber {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidPhone {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidNickname {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidMask {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    UnknownValue {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    OutOfOrder {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    Tampered {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    HeadMismatch {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    Malformed {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    UnknownEventKind {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    UnsupportedFormat {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    NotStarted {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    OutOfRange {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    ResultOutOfRange {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidAgencyDay {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    UnknownBase {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    UnknownRule {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    InvalidRuleSet {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    ValueOutOfRange {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    Overflow {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
    #[error("{reason}")]
    LimitExceeded {
        code: String,
        rule_id: Option<String>,
        reason: String,
    },
}

impl ShegongError {
    /// The error of `kind`. One exhaustive match with no `_` arm: a kind added to the core
    /// stops this crate compiling until it is mapped here.
    pub fn new(kind: ErrorKind, rule_id: Option<&str>, reason: &str) -> Self {
        let code = kind.code().to_owned();
        let rule_id = rule_id.map(str::to_owned);
        // Whichever layer wrote it, no number that could be an ID number or a phone leaves
        // in a message (the core's rule, applied once more to this crate's own messages).
        let reason = shegong::identity::withhold_numbers(reason);
        match kind {
            ErrorKind::Refused => Self::Refused {
                code,
                rule_id,
                reason,
            },
            ErrorKind::ActivityRefused => Self::ActivityRefused {
                code,
                rule_id,
                reason,
            },
            ErrorKind::VolunteerRefused => Self::VolunteerRefused {
                code,
                rule_id,
                reason,
            },
            ErrorKind::RosterRefused => Self::RosterRefused {
                code,
                rule_id,
                reason,
            },
            ErrorKind::GroupRefused => Self::GroupRefused {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidInput => Self::InvalidInput {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidRecord => Self::InvalidRecord {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidLine => Self::InvalidLine {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidParameters => Self::InvalidParameters {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidIdNumber => Self::InvalidIdNumber {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidPhone => Self::InvalidPhone {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidNickname => Self::InvalidNickname {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidMask => Self::InvalidMask {
                code,
                rule_id,
                reason,
            },
            ErrorKind::UnknownValue => Self::UnknownValue {
                code,
                rule_id,
                reason,
            },
            ErrorKind::OutOfOrder => Self::OutOfOrder {
                code,
                rule_id,
                reason,
            },
            ErrorKind::Tampered => Self::Tampered {
                code,
                rule_id,
                reason,
            },
            ErrorKind::HeadMismatch => Self::HeadMismatch {
                code,
                rule_id,
                reason,
            },
            ErrorKind::Malformed => Self::Malformed {
                code,
                rule_id,
                reason,
            },
            ErrorKind::UnknownEventKind => Self::UnknownEventKind {
                code,
                rule_id,
                reason,
            },
            ErrorKind::UnsupportedFormat => Self::UnsupportedFormat {
                code,
                rule_id,
                reason,
            },
            ErrorKind::NotStarted => Self::NotStarted {
                code,
                rule_id,
                reason,
            },
            ErrorKind::OutOfRange => Self::OutOfRange {
                code,
                rule_id,
                reason,
            },
            ErrorKind::ResultOutOfRange => Self::ResultOutOfRange {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidAgencyDay => Self::InvalidAgencyDay {
                code,
                rule_id,
                reason,
            },
            ErrorKind::UnknownBase => Self::UnknownBase {
                code,
                rule_id,
                reason,
            },
            ErrorKind::UnknownRule => Self::UnknownRule {
                code,
                rule_id,
                reason,
            },
            ErrorKind::InvalidRuleSet => Self::InvalidRuleSet {
                code,
                rule_id,
                reason,
            },
            ErrorKind::ValueOutOfRange => Self::ValueOutOfRange {
                code,
                rule_id,
                reason,
            },
            ErrorKind::Overflow => Self::Overflow {
                code,
                rule_id,
                reason,
            },
            ErrorKind::LimitExceeded => Self::LimitExceeded {
                code,
                rule_id,
                reason,
            },
        }
    }

    /// A missing or badly formed argument (a date, a count out of range).
    pub fn invalid(reason: &str) -> Self {
        Self::new(ErrorKind::InvalidInput, None, reason)
    }

    /// Input that could not be read, or a value the core produced that could not be written.
    pub fn malformed(reason: &str) -> Self {
        Self::new(ErrorKind::Malformed, None, reason)
    }
}

/// The fields every variant carries, readable on the base class (Kotlin
/// `catch (e: ShegongException) { e.ruleId() }`, Swift `error.ruleId()`).
#[uniffi::export]
impl ShegongError {
    /// The kind's stable code, e.g. `"out_of_range"`.
    pub fn code(&self) -> String {
        self.parts().0.to_owned()
    }

    /// The domain rule that refused, if one (e.g. `"calendar-provisional"`).
    pub fn rule_id(&self) -> Option<String> {
        self.parts().1.clone()
    }

    /// The core's message, word for word.
    pub fn reason(&self) -> String {
        self.parts().2.to_owned()
    }
}

impl ShegongError {
    /// The three fields, whatever the variant.
    fn parts(&self) -> (&str, &Option<String>, &str) {
        match self {
            Self::Refused {
                code,
                rule_id,
                reason,
            }
            | Self::ActivityRefused {
                code,
                rule_id,
                reason,
            }
            | Self::VolunteerRefused {
                code,
                rule_id,
                reason,
            }
            | Self::RosterRefused {
                code,
                rule_id,
                reason,
            }
            | Self::GroupRefused {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidInput {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidRecord {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidLine {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidParameters {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidIdNumber {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidPhone {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidNickname {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidMask {
                code,
                rule_id,
                reason,
            }
            | Self::UnknownValue {
                code,
                rule_id,
                reason,
            }
            | Self::OutOfOrder {
                code,
                rule_id,
                reason,
            }
            | Self::Tampered {
                code,
                rule_id,
                reason,
            }
            | Self::HeadMismatch {
                code,
                rule_id,
                reason,
            }
            | Self::Malformed {
                code,
                rule_id,
                reason,
            }
            | Self::UnknownEventKind {
                code,
                rule_id,
                reason,
            }
            | Self::UnsupportedFormat {
                code,
                rule_id,
                reason,
            }
            | Self::NotStarted {
                code,
                rule_id,
                reason,
            }
            | Self::OutOfRange {
                code,
                rule_id,
                reason,
            }
            | Self::ResultOutOfRange {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidAgencyDay {
                code,
                rule_id,
                reason,
            }
            | Self::UnknownBase {
                code,
                rule_id,
                reason,
            }
            | Self::UnknownRule {
                code,
                rule_id,
                reason,
            }
            | Self::InvalidRuleSet {
                code,
                rule_id,
                reason,
            }
            | Self::ValueOutOfRange {
                code,
                rule_id,
                reason,
            }
            | Self::Overflow {
                code,
                rule_id,
                reason,
            }
            | Self::LimitExceeded {
                code,
                rule_id,
                reason,
            } => (code, rule_id, reason),
        }
    }
}

impl From<shegong::Error> for ShegongError {
    fn from(e: shegong::Error) -> Self {
        Self::new(e.kind(), e.rule_id(), &e.message())
    }
}

/// `?` for core results: maps any core error to [`ShegongError`].
pub trait OrTyped<T> {
    /// The value, or the error as a typed [`ShegongError`].
    fn typed(self) -> Result<T, ShegongError>;
}

impl<T, E: Into<shegong::Error>> OrTyped<T> for Result<T, E> {
    fn typed(self) -> Result<T, ShegongError> {
        self.map_err(|e| ShegongError::from(e.into()))
    }
}

/// One error kind as the binding names it: the variant (`name`) and its stable `code`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorKindInfo {
    /// The variant's name, e.g. `"OutOfRange"` (Kotlin `ShegongException.OutOfRange`).
    pub name: String,
    /// The stable code, e.g. `"out_of_range"`.
    pub code: String,
}

/// Every error kind: what `ShegongError` can be.
#[uniffi::export]
pub fn error_kinds() -> Vec<ErrorKindInfo> {
    ErrorKind::ALL
        .iter()
        .map(|k| ErrorKindInfo {
            name: format!("{k:?}"),
            code: k.code().to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_maps_to_its_own_variant_with_its_code() {
        let mut names = std::collections::BTreeSet::new();
        for kind in ErrorKind::ALL {
            let e = ShegongError::new(*kind, Some("calendar-provisional"), "a message");
            assert_eq!(e.code(), kind.code());
            assert_eq!(e.rule_id().as_deref(), Some("calendar-provisional"));
            assert_eq!(e.reason(), "a message");
            assert_eq!(e.to_string(), "a message");
            // The variant's name is the kind's: the Debug form starts with it.
            let variant = format!("{e:?}");
            let name = format!("{kind:?}");
            assert!(
                variant.starts_with(&format!("{name} {{")),
                "{variant} for {name}"
            );
            names.insert(name);
        }
        assert_eq!(names.len(), ErrorKind::ALL.len());
        assert_eq!(error_kinds().len(), ErrorKind::ALL.len());
    }

    #[test]
    fn a_core_error_keeps_its_rule_id_and_message() {
        // [calendar-provisional]: a year outside the data is refused with the rule's ID.
        let Err(core) = shegong::Calendar::china()
            .is_workday(chrono::NaiveDate::MIN)
            .map_err(shegong::Error::from)
        else {
            panic!("the minimum date is outside the calendar");
        };
        let e = ShegongError::from(core.clone());
        assert_eq!(e.code(), core.code());
        assert_eq!(e.rule_id().as_deref(), core.rule_id());
        assert_eq!(e.reason(), core.message());
    }
}
