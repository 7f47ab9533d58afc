//! The crate-wide error: every module's error rolled into one.

use crate::calendar::CalendarError;

/// Any error of the library. Each variant wraps a module's error; [`Error::rule_id`] names
/// the domain rule that refused, when one did.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A calendar could not answer (a date outside its data, a bad agency calendar).
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl Error {
    /// The domain rule ID behind the error, e.g. `"calendar-provisional"`.
    pub fn rule_id(&self) -> Option<&'static str> {
        match self {
            Error::Calendar(e) => e.rule_id(),
        }
    }
}

/// The crate-wide result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
