//! The tamper-evident history (`[records-authentic]`): recorded events and their hash chain.
//!
//! # The chain, version 1
//! Every recorded event carries `prev_hash`, the hash of the event before it (64 zeros for
//! the first), and `hash`, the lowercase hex SHA-256 of
//!
//! ```text
//! "shegong-chain-v1\n" ++ canonical JSON of {seq, occurred_at, recorded_at, actor, event, prev_hash}
//! ```
//!
//! (with `rules` between `event` and `prev_hash` for an event recorded under a rules version
//! other than 1; see [`crate::history`]), where the canonical JSON is what `serde_json` writes: fields in
//! declaration order, no whitespace, UTF-8 strings unescaped, instants as RFC 3339 with
//! their offset, absent optional fields omitted. The hash is computed from the *parsed*
//! event, so re-indenting a stored file does not break it, while any change to what an
//! event says does.
//!
//! # What is detected
//! - an edit to any field of any event: its hash no longer matches (`Tampered` at that event);
//! - an event inserted, removed or moved inside the history: the next event's `prev_hash`
//!   or `seq` no longer matches (`Tampered` at the first event after the change);
//! - truncation of the end, appending, or a wholly recomputed chain: only against the chain
//!   head (the last `hash`), which the platform stores beside the history and passes to
//!   [`Case::replay_verified`](super::Case::replay_verified) (`HeadMismatch`).
//!
//! # What is not detected
//! The chain proves a history is unchanged since its head was stored; it does not prove who
//! wrote it. Someone who can rewrite both the history and the stored head can forge a
//! consistent one: keep the head somewhere they cannot write (a separate table, a log,
//! a signature), or publish heads periodically.

use super::event::EventKind;

pub use crate::history::GENESIS_HASH;

/// The version tag of the hash chain's canonical serialisation (its domain-separation
/// string; activities and volunteers use their own).
pub const CHAIN_VERSION: &str = "shegong-chain-v1";

/// An event to be recorded in a case: what happened, when, recorded when, and by whom.
pub type NewEvent = crate::history::NewEvent<EventKind>;

/// An event as recorded in a case history: numbered, versioned and chained.
pub type RecordedEvent = crate::history::Recorded<EventKind>;

impl RecordedEvent {
    /// Recomputes this event's hash from its fields.
    pub fn computed_hash(&self) -> String {
        self.hash_in(CHAIN_VERSION)
    }
}
