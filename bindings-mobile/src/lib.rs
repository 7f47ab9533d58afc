//! **shegong** (社工) for Kotlin and Swift: the uniffi binding (Android, iOS, the JVM).
//!
//! One file per core type, each a thin wrapper: the binding converts FFI values to the core's
//! types and back, and maps errors; every rule lives in the core crate.
//!
//! Conventions (see README.md):
//! - Handles (`Calendar`, `Case`, `RuleSet`, `Activity`, `Volunteer`, `Roster`,
//!   `ServiceGroup`, `Access`, `Viewer`, `IdNumber`, `Phone`) are uniffi objects with the Python and WASM bindings' method names.
//! - Fixed shapes (obligations, decisions, routing, findings, `apply` results) are uniffi
//!   records; histories, events and assessment records are JSON text in the core's format.
//! - Calendar dates are ISO strings (`IsoDate`), instants RFC 3339 strings with an offset
//!   (`Instant`); a malformed one is a typed `InvalidInput` error.
//! - Every error is a `ShegongError` variant named after the core's `ErrorKind`, with `code`,
//!   `rule_id` and the core's message (`reason`).
//! - Integers are signed (Java cannot call Kotlin's `UInt`/`ULong`); a negative count is a
//!   typed `InvalidInput` error.

#![deny(missing_docs)]

uniffi::setup_scaffolding!("shegong");

mod access;
mod activity;
mod calendar;
mod case;
mod convert;
mod deadline;
mod errors;
mod groups;
mod history;
mod identity;
mod records;
mod roster;
mod volunteer;
mod workload;

pub use access::{Access, Decision, RedactedRecord, Viewer};
pub use activity::Activity;
pub use calendar::{AgencyDay, Calendar, CheckedCount, CheckedDate, Day};
pub use case::Case;
pub use convert::{Instant, IsoDate};
pub use deadline::{Anchor, Obligation, ObligationStatus, RuleSet};
pub use errors::{ErrorKindInfo, ShegongError};
pub use groups::{GroupAdmin, ServiceGroup};
pub use history::{Applied, Warning};
pub use identity::{IdNumber, Nickname, Phone};
pub use records::{RecordField, Routing};
pub use roster::Roster;
pub use volunteer::Volunteer;
pub use workload::Finding;

/// The version of the embedded official calendar data.
#[uniffi::export]
pub fn data_version() -> String {
    shegong::Calendar::china().data_version().to_owned()
}

/// The core's named defaults and limits, so that apps read the numbers the core uses.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Defaults {
    /// Percent of annual minutes owed as direct service.
    pub direct_share_percent: i64,
    /// Paid leave days per year.
    pub default_paid_leave_days: i64,
    /// Working hours per day.
    pub default_hours_per_day: i64,
    /// Leading characters an ID number keeps when masked.
    pub mask_keep_start: i64,
    /// Trailing characters an ID number keeps when masked.
    pub mask_keep_end: i64,
    /// The default view of an `Access`.
    pub default_view: String,
    /// The default acquaintance scope of an `Access`.
    pub default_scope: String,
    /// The deepest nesting of JSON input read.
    pub max_depth: i64,
    /// The largest JSON input read, in bytes.
    pub max_input_bytes: i64,
    /// The longest string in JSON input, in bytes.
    pub max_string_bytes: i64,
    /// The most events one history may hold.
    pub max_history_events: i64,
    /// The most histories one batch may hold.
    pub max_batch_histories: i64,
}

/// The core's named defaults and limits.
#[uniffi::export]
pub fn defaults() -> Defaults {
    use convert::signed;
    use shegong::{access, identity, limits, workload};
    Defaults {
        direct_share_percent: i64::from(workload::DIRECT_SHARE_PERCENT),
        default_paid_leave_days: i64::from(workload::DEFAULT_PAID_LEAVE_DAYS),
        default_hours_per_day: i64::from(workload::DEFAULT_HOURS_PER_DAY),
        mask_keep_start: signed(identity::MASK_KEEP_START),
        mask_keep_end: signed(identity::MASK_KEEP_END),
        default_view: access::DEFAULT_VIEW.name().to_owned(),
        default_scope: access::DEFAULT_SCOPE.name().to_owned(),
        max_depth: signed(limits::MAX_DEPTH),
        max_input_bytes: signed(limits::MAX_INPUT_BYTES),
        max_string_bytes: signed(limits::MAX_STRING_BYTES),
        max_history_events: signed(limits::MAX_HISTORY_EVENTS),
        max_batch_histories: signed(limits::MAX_BATCH_HISTORIES),
    }
}
