//! The documented limits on input: what [`crate::json`] refuses, with a
//! [`limit_exceeded`](crate::ErrorKind::LimitExceeded) error, before or while it parses.
//!
//! Each limit is far above what a real agency's data needs, and low enough that a hostile or
//! broken input is refused quickly instead of exhausting memory or the stack. Every binding
//! enforces the same numbers because they live here.

/// The largest JSON text accepted, in bytes: 16 MiB. A case history of
/// [`MAX_HISTORY_EVENTS`] events with long notes stays well below it.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// The deepest nesting of JSON arrays and objects accepted: 64 levels. The deepest record
/// this library defines nests fewer than 10 levels (a stored case: history, event, consent,
/// purpose, …); serde_json's own recursion limit of 128 would stop a parse too, but with a
/// less clear error.
pub const MAX_DEPTH: usize = 64;

/// The longest single JSON string accepted, in bytes: 256 KiB, about 85,000 Chinese
/// characters, far beyond any form's free-text field.
pub const MAX_STRING_BYTES: usize = 256 * 1024;

/// The most events one history (a case, an activity, a volunteer) may hold: 10,000. A case
/// with a meeting every working day for thirty years stays below it.
pub const MAX_HISTORY_EVENTS: usize = 10_000;

/// The most histories one batch evaluation accepts: 1,000,000, above the case load of a
/// city's agencies over many years.
pub const MAX_BATCH_HISTORIES: usize = 1_000_000;
