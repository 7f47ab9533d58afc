//! **shegong** (社工) for JavaScript: the WebAssembly binding.
//!
//! One file per core type, each a thin wrapper: the binding converts JS values to the
//! core's serde forms and back, and maps errors; every rule lives in the core crate.
//!
//! Conventions (see README.md):
//! - Records are plain JS objects, read and written through the core's own JSON forms, so a
//!   record refused here is refused by Rust's `from_json` with the same error.
//! - Calendar dates are ISO strings (`"2026-05-06"`, typed `IsoDate`), instants RFC 3339
//!   strings with an offset; never a JS `Date` for a calendar date.
//! - Errors are real `Error` objects with `name` (the kind), `code` (stable) and `ruleId`.
//! - Input nested deeper than `shegong::limits::MAX_DEPTH` is refused before conversion.

#![deny(missing_docs)]

mod access;
mod activity;
mod calendar;
mod case;
mod convert;
mod deadline;
mod errors;
mod identity;
mod records;
mod volunteer;
mod workload;

pub use access::{Access, Viewer};
pub use activity::Activity;
pub use calendar::Calendar;
pub use case::Case;
pub use deadline::RuleSet;
pub use identity::{IdNumber, Phone};
pub use volunteer::Volunteer;

use wasm_bindgen::prelude::*;

// The record types come from ./types.d.ts, generated at build time from schemas/ and
// types/core.d.ts; methods name them as `T.Name` and dates as `IsoDate`.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
import type * as T from "./types";
import type { IsoDate, Instant } from "./types";
export type * from "./types";
"#;

/// The version of the embedded official calendar data.
#[wasm_bindgen(js_name = dataVersion)]
pub fn data_version() -> String {
    shegong::Calendar::china().data_version().to_owned()
}
