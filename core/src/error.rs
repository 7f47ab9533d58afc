//! The crate-wide error: every module's error rolled into one.

use crate::activity::ActivityError;
use crate::assessment::AssessmentError;
use crate::calendar::CalendarError;
use crate::case::CaseError;
use crate::deadline::DeadlineError;
use crate::groups::GroupError;
use crate::identity::IdentityError;
use crate::volunteer::VolunteerError;
use crate::workload::WorkloadError;

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
}

impl Error {
    /// A stable snake_case code for the error's kind, e.g. `"refused"` or `"out_of_range"`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Calendar(e) => e.code(),
            Error::Case(e) => e.code(),
            Error::Deadline(e) => e.code(),
            Error::Activity(e) => e.code(),
            Error::Assessment(e) => e.code(),
            Error::Identity(e) => e.code(),
            Error::Volunteer(e) => e.code(),
            Error::Group(e) => e.code(),
            Error::Workload(e) => e.code(),
        }
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
            Error::Workload(_) => None,
        }
    }
}

/// The crate-wide result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
