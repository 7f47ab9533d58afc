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
//! where the canonical JSON is what `serde_json` writes for [`ChainedFields`]: fields in
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

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::event::EventKind;
use super::types::Actor;

/// The version tag of the hash chain's canonical serialisation.
pub const CHAIN_VERSION: &str = "shegong-chain-v1";

/// The `prev_hash` of a case's first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event to be recorded: what happened, when, recorded when, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEvent {
    /// When it happened (with the offset it was recorded in).
    pub occurred_at: DateTime<FixedOffset>,
    /// When it was recorded; at or after `occurred_at`, so a meeting can be entered late.
    pub recorded_at: DateTime<FixedOffset>,
    /// Who did it, in which role.
    pub actor: Actor,
    /// What happened.
    pub event: EventKind,
}

/// An event as recorded in a case history: numbered and chained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedEvent {
    /// Its position in the history, from 1.
    pub seq: u64,
    /// When it happened.
    pub occurred_at: DateTime<FixedOffset>,
    /// When it was recorded.
    pub recorded_at: DateTime<FixedOffset>,
    /// Who did it.
    pub actor: Actor,
    /// What happened.
    pub event: EventKind,
    /// The hash of the previous event ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// This event's hash (see the module documentation).
    pub hash: String,
}

/// The fields a hash covers, in their canonical order.
#[derive(Serialize)]
pub struct ChainedFields<'a> {
    seq: u64,
    occurred_at: &'a DateTime<FixedOffset>,
    recorded_at: &'a DateTime<FixedOffset>,
    actor: &'a Actor,
    event: &'a EventKind,
    prev_hash: &'a str,
}

/// The hash of an event's fields chained to `prev_hash`.
pub(super) fn hash_event(
    seq: u64,
    occurred_at: &DateTime<FixedOffset>,
    recorded_at: &DateTime<FixedOffset>,
    actor: &Actor,
    event: &EventKind,
    prev_hash: &str,
) -> String {
    let fields = ChainedFields {
        seq,
        occurred_at,
        recorded_at,
        actor,
        event,
        prev_hash,
    };
    let mut hasher = Sha256::new();
    hasher.update(CHAIN_VERSION.as_bytes());
    hasher.update(b"\n");
    // Serialise straight into the hasher. Plain data cannot fail to serialise (no maps with
    // non-string keys, and the writer never fails); were it ever to, the partial body still
    // yields a hash that will not verify.
    let mut writer = HashWriter(hasher);
    let _ = serde_json::to_writer(&mut writer, &fields);
    hex(&writer.0.finalize())
}

/// Feeds serialised bytes to the hasher without an intermediate buffer.
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl RecordedEvent {
    /// Recomputes this event's hash from its fields.
    pub fn computed_hash(&self) -> String {
        hash_event(
            self.seq,
            &self.occurred_at,
            &self.recorded_at,
            &self.actor,
            &self.event,
            &self.prev_hash,
        )
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            if let Some(d) = DIGITS.get(usize::from(nibble)) {
                s.push(char::from(*d));
            }
        }
    }
    s
}
