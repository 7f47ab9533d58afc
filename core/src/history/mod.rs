//! One event log for every aggregate (case, activity, volunteer): sequence numbers from 1,
//! time order, apply-to-a-clone-or-refuse, a SHA-256 hash chain and the rules version each
//! event was accepted under (`[records-authentic]`).
//!
//! An aggregate ([`Aggregate`]) says how its first event starts a state and how every later
//! event steps it; a [`Journal`] does the rest, once for all three:
//! - [`Journal::apply`] steps a *clone* of the state and keeps it only when every guard passes,
//!   so a refused event leaves the aggregate byte-identical;
//! - [`Journal::replay`] verifies the whole chain first (an edit is reported as tampering, not as
//!   whichever guard the edited event breaks), then re-applies every event under the rules
//!   version it was recorded under.
//!
//! # The chain
//! Every recorded event carries `prev_hash` (64 zeros for the first) and `hash`, the lowercase
//! hex SHA-256 of `DOMAIN ++ "\n" ++` the canonical JSON of
//! `{seq, occurred_at, recorded_at, actor, event, rules, prev_hash}`, where `rules` is left
//! out when it is 1. `DOMAIN` differs per aggregate ([`Aggregate::CHAIN`]:
//! `shegong-chain-v1` for cases, so every published case hash still verifies;
//! `shegong-activity-chain-v1`, `shegong-volunteer-chain-v1`), so a chain of one kind can
//! never pass for another. See [`crate::case::chain`] for what the chain detects.
//!
//! # Histories outlive versions
//! [`RULES_VERSION`] is the version of the guards this library applies to new events. Each
//! recorded event keeps the version it was accepted under (`rules`, omitted from JSON and
//! from the hash when 1, the version of every history published before versions existed).
//! On replay each event is checked under its own version, which may not be lower than the
//! previous event's, and an aggregate's state exposes the version in force to its guards, so
//! a guard added in version *n* applies only to events recorded under version *n* or later.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::case::Actor;

pub(crate) mod read;

/// The version of the rules (guards) this library applies to new events.
///
/// - 1: every history published before versions were recorded;
/// - 2: activities and volunteers are chained and time-ordered (an event may not be recorded
///   before the previous one, nor before it happened; a breach may not predate its agreement).
/// - 3: the steps the social worker owes in a case are recorded by a social worker (an opening
///   submission, a closing report, a reply, a meeting, an assessment, a plan…), and the opening
///   and the closing report by the case's own worker, the one who opened it.
/// - 4: the worker's other decisions in a case (starting the intervention, an evaluation, a
///   closing proposal, a termination, a referral out, a reopening) are recorded by a social
///   worker; a crisis is reported to a supervisor who is not the case's worker; a home visit
///   and an activated sub-plan need a live consent; and an opening, a plan, an intervention,
///   a follow-up and a reopening may not be dated before the step they follow (the
///   interview, the assessment, the plan, the closing). An activity's plan is reviewed by
///   the project lead (项目主管/督导助理), no session is held under a plan its review
///   returned, and the first session is not held before the plan's date.
/// - 5: a volunteer's steps follow each other to the minute, not by the day: no signature
///   before the agreement was drafted or before training, no deployment before training or
///   outside an agreement signed by both parties (and not terminated) by its moment, and
///   deployments change in the order they happened.
/// - 6: a case event that moves the case to another stage may not be dated before the case
///   entered the stage it leaves (an evaluation dated before the intake it follows); a breach
///   action may not be dated before the breach's moment, nor a breach before the moment of the
///   agreement's second signature (version 2 compared the days only).
pub const RULES_VERSION: u32 = 6;

/// The `prev_hash` of a history's first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The rules version of histories written before versions were recorded.
pub(crate) fn v1() -> u32 {
    1
}

fn is_v1(rules: &u32) -> bool {
    *rules == 1
}

/// An event to be recorded: what happened, when, recorded when, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEvent<E> {
    /// When it happened (with the offset it was recorded in).
    #[serde(deserialize_with = "crate::json::instant::deserialize")]
    pub occurred_at: DateTime<FixedOffset>,
    /// When it was recorded; at or after `occurred_at`, so a meeting can be entered late.
    #[serde(deserialize_with = "crate::json::instant::deserialize")]
    pub recorded_at: DateTime<FixedOffset>,
    /// Who did it, in which role.
    pub actor: Actor,
    /// What happened.
    pub event: E,
}

impl<E> NewEvent<E> {
    /// An event recorded at the moment it happened.
    pub fn at(at: DateTime<FixedOffset>, actor: Actor, event: E) -> NewEvent<E> {
        NewEvent {
            occurred_at: at,
            recorded_at: at,
            actor,
            event,
        }
    }
}

/// What `apply` reports for an accepted event, the same for every aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied<S, W> {
    /// The event's sequence number.
    pub seq: u64,
    /// Its hash: the new chain head.
    pub hash: String,
    /// The aggregate's stage after it.
    pub stage: S,
    /// Warnings recorded with it (e.g. `[consult-max-3]`, `[activity-size-norms]`).
    pub warnings: Vec<W>,
}

/// An event as recorded in a history: numbered, versioned and chained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded<E> {
    /// Its position in the history, from 1.
    pub seq: u64,
    /// When it happened.
    #[serde(deserialize_with = "crate::json::instant::deserialize")]
    pub occurred_at: DateTime<FixedOffset>,
    /// When it was recorded.
    #[serde(deserialize_with = "crate::json::instant::deserialize")]
    pub recorded_at: DateTime<FixedOffset>,
    /// Who did it.
    pub actor: Actor,
    /// What happened.
    pub event: E,
    /// The rules version it was accepted under (omitted when 1).
    #[serde(default = "v1", skip_serializing_if = "is_v1")]
    pub rules: u32,
    /// The hash of the previous event ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// This event's hash (see the module documentation).
    pub hash: String,
}

impl<E: Serialize> Recorded<E> {
    /// Recomputes this event's hash from its fields under the chain `domain`.
    pub fn hash_in(&self, domain: &str) -> String {
        hex(&self.digest_in(domain))
    }

    /// Whether this event's stored `hash` is its hash under `domain`: [`Recorded::hash_in`]
    /// compared with `hash`, without writing the hex out.
    fn hash_matches(&self, domain: &str) -> bool {
        let digest = self.digest_in(domain);
        let stored = self.hash.as_bytes();
        stored.len() == digest.len().saturating_mul(2)
            && digest.iter().zip(stored.chunks_exact(2)).all(|(b, pair)| {
                HEX_DIGITS.get(usize::from(b >> 4)) == pair.first()
                    && HEX_DIGITS.get(usize::from(b & 0x0f)) == pair.get(1)
            })
    }

    fn digest_in(&self, domain: &str) -> [u8; 32] {
        hash_event(
            domain,
            &Chained {
                seq: self.seq,
                occurred_at: &self.occurred_at,
                recorded_at: &self.recorded_at,
                actor: &self.actor,
                event: &self.event,
                rules: self.rules,
                prev_hash: &self.prev_hash,
            },
        )
    }
}

/// The fields a hash covers, in their canonical order.
#[derive(Serialize)]
struct Chained<'a, E> {
    seq: u64,
    #[serde(serialize_with = "rfc3339")]
    occurred_at: &'a DateTime<FixedOffset>,
    #[serde(serialize_with = "rfc3339")]
    recorded_at: &'a DateTime<FixedOffset>,
    actor: &'a Actor,
    event: &'a E,
    #[serde(skip_serializing_if = "is_v1")]
    rules: u32,
    prev_hash: &'a str,
}

/// An instant as chrono's serde writes it (RFC 3339, fractional seconds as needed, `Z` for
/// UTC), written into one string rather than character by character through the serializer
/// (a fifth of a replay's time went there), and on the stack by [`crate::json::instant::write`]
/// rather than through chrono's formatter (a further twentieth). `history::tests`, the
/// published chains and `json::instant`'s property tests check the bytes are unchanged.
fn rfc3339<S: serde::Serializer>(at: &&DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0; crate::json::instant::WRITTEN_MAX];
    match crate::json::instant::write(at, &mut buf) {
        Some(text) => s.serialize_str(text),
        None => s.serialize_str(&at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
    }
}

fn hash_event<E: Serialize>(domain: &str, fields: &Chained<'_, E>) -> [u8; 32] {
    thread_local! {
        /// The canonical bytes of the event being hashed, kept between calls: serialising into
        /// one buffer and hashing it in one call costs a third of feeding the hasher each
        /// token as it is written (a replay hashes every event).
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let digest = |buf: &mut Vec<u8>| {
        buf.clear();
        buf.extend_from_slice(domain.as_bytes());
        buf.push(b'\n');
        // Plain data cannot fail to serialise; were it ever to, the partial body still
        // yields a hash that will not verify. The canonical writer writes serde_json's bytes
        // (its tests compare the two), faster; not in WebAssembly builds, where its copy of
        // every type's serializer would cost the mini-program package 25 KB (over its 1.2 MB
        // budget) for a speed a mini-program does not need.
        #[cfg(not(target_arch = "wasm32"))]
        let _ = crate::json::canonical::write(buf, fields);
        #[cfg(target_arch = "wasm32")]
        let _ = serde_json::to_writer(&mut *buf, fields);
        Sha256::digest(buf.as_slice()).into()
    };
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => digest(&mut buf),
        // Not reachable (hashing does not call itself), but never a panic.
        Err(_) => digest(&mut Vec::new()),
    })
}

/// The digits of a hash as written: lowercase hexadecimal.
const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

fn hex(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            if let Some(d) = HEX_DIGITS.get(usize::from(nibble)) {
                out.push(*d);
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// What the generic log found wrong with a history, before any aggregate guard ran; each
/// aggregate turns it into its own typed error (rule `[records-authentic]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The history is empty.
    Empty,
    /// The event at `seq` breaks the chain (edited, inserted, removed or moved).
    Tampered {
        /// The first event that does not verify.
        seq: u64,
        /// What does not match.
        reason: String,
    },
    /// The event at `seq` names a rules version lower than its predecessor's or newer than
    /// this library knows.
    Rules {
        /// The event.
        seq: u64,
        /// What is wrong.
        reason: String,
    },
    /// The history is, or would become, longer than
    /// [`MAX_HISTORY_EVENTS`](crate::limits::MAX_HISTORY_EVENTS).
    TooLong(crate::json::JsonError),
}

/// The limit fault for a history of `count` events, when that is over the limit.
fn check_length(count: usize) -> Result<(), Fault> {
    crate::json::check_count(
        "history",
        "events",
        count,
        "MAX_HISTORY_EVENTS",
        crate::limits::MAX_HISTORY_EVENTS,
    )
    .map_err(Fault::TooLong)
}

/// An event-sourced aggregate: how the first event starts it and how each later event steps
/// it. Guards run on `&mut self` of a clone (see [`Journal::apply`]); the version in force is
/// the `rules` argument, which the aggregate keeps in its state for its guards.
pub trait Aggregate: Clone + std::fmt::Debug + PartialEq + Eq {
    /// The aggregate's events.
    type Event: Serialize + Clone + std::fmt::Debug + PartialEq + Eq;
    /// Its error type.
    type Error;
    /// What an accepted event reports besides its sequence number and hash.
    type Outcome;
    /// The domain-separation string of its hash chain.
    const CHAIN: &'static str;

    /// Starts the state from the first event, checked under `rules`.
    ///
    /// The event is given as it will be recorded (numbered and linked), so that a replay can
    /// check the stored events where they lie. Its `hash` is empty while the guards run, on
    /// a replay as on an apply (it is computed only once they accept the event).
    ///
    /// # Errors
    /// The aggregate's refusal of a wrong or invalid first event.
    fn begin(first: &Recorded<Self::Event>, rules: u32) -> Result<Self, Self::Error>;

    /// Checks event `seq` under `rules` against the state and the `history` before it, and
    /// applies it to `self`. `new` is given as in [`Aggregate::begin`].
    ///
    /// # Errors
    /// The aggregate's refusal; `self` may then be half-changed, which is why the journal
    /// steps a clone.
    fn step(
        &mut self,
        history: &[Recorded<Self::Event>],
        seq: u64,
        new: &Recorded<Self::Event>,
        rules: u32,
    ) -> Result<Self::Outcome, Self::Error>;

    /// The aggregate's error for a fault of the log; `subject` names the history (its first
    /// event's id, when it has one).
    fn fault(subject: &str, fault: Fault) -> Self::Error;

    /// The id the first event gives the history, for error messages.
    fn subject(first: &Self::Event) -> String;
}

/// A history and the state derived from it: the one event log of every aggregate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal<A: Aggregate> {
    history: Vec<Recorded<A::Event>>,
    state: A,
}

impl<A: Aggregate> Journal<A> {
    /// Starts a history from its first event under the current [`RULES_VERSION`].
    ///
    /// # Errors
    /// The aggregate's refusal of the first event.
    pub fn start(first: NewEvent<A::Event>) -> Result<Self, A::Error> {
        Self::start_with(first, RULES_VERSION, None)
    }

    fn start_with(
        first: NewEvent<A::Event>,
        rules: u32,
        hash: Option<String>,
    ) -> Result<Self, A::Error> {
        let first = recorded(1, first, rules, GENESIS_HASH);
        let state = A::begin(&first, rules)?;
        let mut journal = Journal {
            history: Vec::with_capacity(1),
            state,
        };
        journal.push(first, hash);
        Ok(journal)
    }

    /// Checks an event under the current [`RULES_VERSION`] and, if every guard passes,
    /// appends it; on any error the journal is unchanged.
    ///
    /// # Errors
    /// The aggregate's refusal.
    pub fn apply(&mut self, new: NewEvent<A::Event>) -> Result<(u64, A::Outcome), A::Error> {
        self.append(new, RULES_VERSION, None, true)
    }

    /// Checks and appends an event; `hash` is its hash when the caller has just verified it.
    /// A `transactional` append steps a clone so that a refusal changes nothing; a replay,
    /// which discards everything on any refusal, skips the copy.
    fn append(
        &mut self,
        new: NewEvent<A::Event>,
        rules: u32,
        hash: Option<String>,
        transactional: bool,
    ) -> Result<(u64, A::Outcome), A::Error> {
        if let Err(fault) = check_length(self.history.len().saturating_add(1)) {
            let subject = self
                .history
                .first()
                .map(|e| A::subject(&e.event))
                .unwrap_or_default();
            return Err(A::fault(&subject, fault));
        }
        let seq = self.next_seq();
        let new = recorded(seq, new, rules, self.head());
        let outcome = if transactional {
            let mut next = self.state.clone();
            let outcome = next.step(&self.history, seq, &new, rules)?;
            self.state = next;
            outcome
        } else {
            self.state.step(&self.history, seq, &new, rules)?
        };
        self.push(new, hash);
        Ok((seq, outcome))
    }

    /// Appends an accepted event with its hash: `hash` when the caller has just verified
    /// it, computed otherwise.
    fn push(&mut self, mut new: Recorded<A::Event>, hash: Option<String>) {
        new.hash = hash.unwrap_or_else(|| new.hash_in(A::CHAIN));
        self.history.push(new);
    }

    /// Rebuilds a history: verifies every link and hash first, then re-applies every event
    /// under the rules version it was recorded under.
    ///
    /// # Errors
    /// [`Aggregate::fault`] of [`Fault::Empty`], [`Fault::Tampered`] (the first event that
    /// does not verify) or [`Fault::Rules`], then the first guard's refusal.
    pub fn replay(events: Vec<Recorded<A::Event>>) -> Result<Self, A::Error> {
        // Who the history is about is named only in an error, so only then written out.
        let subject = |events: &[Recorded<A::Event>]| {
            events
                .first()
                .map(|e| A::subject(&e.event))
                .unwrap_or_default()
        };
        check_length(events.len()).map_err(|f| A::fault(&subject(&events), f))?;
        verify(A::CHAIN, &events).map_err(|f| A::fault(&subject(&events), f))?;
        Self::rebuild(events)
    }

    /// Rebuilds a history without checking the chain, which a legacy history never had:
    /// every event is re-applied and re-hashed.
    pub(crate) fn rebuild_unchained(events: Vec<Recorded<A::Event>>) -> Result<Self, A::Error> {
        check_length(events.len()).map_err(|f| A::fault("", f))?;
        let mut iter = events.into_iter();
        let Some(first) = iter.next() else {
            return Err(A::fault("", Fault::Empty));
        };
        let (first, rules) = split(first);
        let mut journal = Self::start_with(first, rules, None)?;
        for e in iter {
            let (new, rules) = split(e);
            journal.append(new, rules, None, false)?;
        }
        Ok(journal)
    }

    /// Re-applies a verified history where it lies: each event is checked against the
    /// events before it in the same vector, which becomes the journal's history as it is,
    /// with the hashes just verified. Nothing is moved, copied or hashed again. While the
    /// guards look at an event its `hash` is set aside, so they see it exactly as an event
    /// being applied (whose hash is not yet computed).
    fn rebuild(mut events: Vec<Recorded<A::Event>>) -> Result<Self, A::Error> {
        let mut state: Option<A> = None;
        for i in 0..events.len() {
            let (before, rest) = events.split_at_mut(i);
            let Some(e) = rest.first_mut() else { break };
            let hash = std::mem::take(&mut e.hash);
            match state.as_mut() {
                None => state = Some(A::begin(e, e.rules)?),
                Some(state) => {
                    state.step(before, e.seq, e, e.rules)?;
                }
            }
            e.hash = hash;
        }
        match state {
            Some(state) => Ok(Journal {
                history: events,
                state,
            }),
            None => Err(A::fault("", Fault::Empty)),
        }
    }

    /// The history, oldest first.
    pub fn history(&self) -> &[Recorded<A::Event>] {
        &self.history
    }

    /// The state derived from the history.
    pub fn state(&self) -> &A {
        &self.state
    }

    /// The chain head: the last event's hash.
    pub fn head(&self) -> &str {
        self.history
            .last()
            .map_or(GENESIS_HASH, |e| e.hash.as_str())
    }

    /// The rules version of the last event: the version the history was last written under.
    pub fn rules(&self) -> u32 {
        self.history.last().map_or(RULES_VERSION, |e| e.rules)
    }

    fn next_seq(&self) -> u64 {
        u64::try_from(self.history.len())
            .unwrap_or(u64::MAX)
            .saturating_add(1)
    }
}

/// An event as it will be recorded: numbered, linked to `prev_hash`, its hash not yet
/// computed.
fn recorded<E>(seq: u64, new: NewEvent<E>, rules: u32, prev_hash: &str) -> Recorded<E> {
    Recorded {
        seq,
        occurred_at: new.occurred_at,
        recorded_at: new.recorded_at,
        actor: new.actor,
        event: new.event,
        rules,
        prev_hash: prev_hash.to_owned(),
        hash: String::new(),
    }
}

fn split<E>(e: Recorded<E>) -> (NewEvent<E>, u32) {
    (
        NewEvent {
            occurred_at: e.occurred_at,
            recorded_at: e.recorded_at,
            actor: e.actor,
            event: e.event,
        },
        e.rules,
    )
}

/// Reads a history's list of events into a vector with room for sixteen at once: JSON gives no
/// length up front, and growing from nothing moved every event of a typical history three times.
///
/// # Errors
/// The deserializer's.
pub(crate) fn presized<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Events<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Events<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(16).min(16));
            while let Some(e) = seq.next_element()? {
                out.push(e);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Events(std::marker::PhantomData))
}

/// Verifies sequence numbers, links, hashes and rules versions of a whole history.
///
/// # Errors
/// The first [`Fault`] found, oldest event first.
pub fn verify<E: Serialize>(domain: &str, events: &[Recorded<E>]) -> Result<(), Fault> {
    if events.is_empty() {
        return Err(Fault::Empty);
    }
    let mut prev = GENESIS_HASH;
    let mut prev_rules = 1;
    for (i, e) in events.iter().enumerate() {
        let seq = u64::try_from(i).unwrap_or(u64::MAX).saturating_add(1);
        if e.seq != seq {
            return Err(Fault::Tampered {
                seq,
                // A number no history reaches is not shown: it may be an ID number or phone.
                reason: if usize::try_from(e.seq)
                    .is_ok_and(|n| n <= crate::limits::MAX_HISTORY_EVENTS)
                {
                    format!(
                        "found sequence number {} where {seq} belongs (an event was inserted, removed or moved)",
                        e.seq
                    )
                } else {
                    format!(
                        "found a sequence number beyond any history's length where {seq} belongs"
                    )
                },
            });
        }
        if e.prev_hash != prev {
            return Err(Fault::Tampered {
                seq,
                reason: "its link to the previous event does not match (an event was inserted, removed, moved or edited before it)".to_owned(),
            });
        }
        if !e.hash_matches(domain) {
            return Err(Fault::Tampered {
                seq,
                reason: "its content does not match its hash (it was edited)".to_owned(),
            });
        }
        check_rules(seq, prev_rules, e.rules)?;
        prev_rules = e.rules;
        prev = &e.hash;
    }
    Ok(())
}

/// Checks an event's rules version against its predecessor's and this library's.
///
/// # Errors
/// [`Fault::Rules`] for a version below `previous`, zero, or above [`RULES_VERSION`].
pub fn check_rules(seq: u64, previous: u32, rules: u32) -> Result<(), Fault> {
    if rules == 0 || rules > RULES_VERSION {
        return Err(Fault::Rules {
            seq,
            reason: format!(
                "it was recorded under rules version {rules}; this library applies versions 1 to {RULES_VERSION}"
            ),
        });
    }
    if rules < previous {
        return Err(Fault::Rules {
            seq,
            reason: format!(
                "its rules version {rules} is lower than the previous event's {previous}"
            ),
        });
    }
    Ok(())
}

/// The time-order guard of version 2 for activities and volunteers: an event is recorded at
/// or after it happened and at or after the previous event was recorded, and does not happen
/// before the history's first event. Returns the reason for a refusal.
pub(crate) fn time_order<E>(
    history: &[Recorded<E>],
    new: &Recorded<E>,
    rules: u32,
) -> Option<String> {
    if rules < 2 {
        return None;
    }
    if new.recorded_at < new.occurred_at {
        return Some(format!(
            "recorded at {} before it happened at {}",
            new.recorded_at, new.occurred_at
        ));
    }
    if let Some(prev) = history.last() {
        if new.recorded_at < prev.recorded_at {
            return Some(format!(
                "recorded at {} before the previous event's recording at {}",
                new.recorded_at, prev.recorded_at
            ));
        }
    }
    if let Some(first) = history.first() {
        if new.occurred_at < first.occurred_at {
            return Some(format!(
                "it happened at {}, before the history began at {}",
                new.occurred_at, first.occurred_at
            ));
        }
    }
    None
}

/// An event of a format-1 activity or volunteer history, written before those histories were
/// chained: no recording time, no rules version, no hashes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegacyRecord<E> {
    seq: u64,
    occurred_at: DateTime<FixedOffset>,
    actor: Actor,
    event: E,
}

/// Turns a legacy history into events to re-apply under rules version 1 (each recorded when it
/// happened). It had no tamper evidence to check; only its numbering is.
///
/// # Errors
/// The reason, when an event is numbered out of order.
pub(crate) fn unchained<E>(records: Vec<LegacyRecord<E>>) -> Result<Vec<Recorded<E>>, String> {
    let mut out = Vec::with_capacity(records.len());
    for (i, r) in records.into_iter().enumerate() {
        let seq = u64::try_from(i).unwrap_or(u64::MAX).saturating_add(1);
        if r.seq != seq {
            return Err(format!("found event #{} where #{seq} belongs", r.seq));
        }
        out.push(Recorded {
            seq,
            occurred_at: r.occurred_at,
            recorded_at: r.occurred_at,
            actor: r.actor,
            event: r.event,
            rules: 1,
            prev_hash: String::new(),
            hash: String::new(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    /// The chained fields as serde's derive writes them, instants through chrono's own serde.
    #[derive(Serialize)]
    struct Plain<'a> {
        seq: u64,
        occurred_at: &'a DateTime<FixedOffset>,
        recorded_at: &'a DateTime<FixedOffset>,
        actor: &'a Actor,
        event: &'a (),
        #[serde(skip_serializing_if = "is_v1")]
        rules: u32,
        prev_hash: &'a str,
    }

    /// An aggregate that notes whether its guards were ever shown a hash.
    #[derive(Debug, Clone, PartialEq, Eq)]
    struct Probe {
        saw_hash: bool,
        seen: Vec<(u64, usize)>,
    }

    impl Aggregate for Probe {
        type Event = String;
        type Error = String;
        type Outcome = ();
        const CHAIN: &'static str = "shegong-probe-chain-v1";

        fn begin(first: &Recorded<String>, _rules: u32) -> Result<Self, String> {
            Ok(Probe {
                saw_hash: !first.hash.is_empty(),
                seen: vec![(first.seq, 0)],
            })
        }

        fn step(
            &mut self,
            history: &[Recorded<String>],
            seq: u64,
            new: &Recorded<String>,
            _rules: u32,
        ) -> Result<(), String> {
            self.saw_hash |= !new.hash.is_empty();
            self.seen.push((seq, history.len()));
            if new.event == "refuse" {
                return Err("refused".to_owned());
            }
            Ok(())
        }

        fn fault(_subject: &str, fault: Fault) -> String {
            format!("{fault:?}")
        }

        fn subject(first: &String) -> String {
            first.clone()
        }
    }

    /// The guards see an event the same way on an apply and on a replay: numbered, with the
    /// events before it (and not itself) as its history, and no hash.
    #[test]
    fn guards_see_an_event_alike_when_applied_and_when_replayed() {
        let at = DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00").unwrap();
        let actor: Actor = serde_json::from_str(r#"{"id":"w","role":"worker"}"#).unwrap();
        let new = |e: &str| NewEvent::at(at, actor.clone(), e.to_owned());
        let mut journal = Journal::<Probe>::start(new("a")).unwrap();
        journal.apply(new("b")).unwrap();
        journal.apply(new("c")).unwrap();
        let before = journal.clone();
        assert!(journal.apply(new("refuse")).is_err());
        assert_eq!(journal, before, "a refused event changes nothing");
        let replayed = Journal::<Probe>::replay(journal.history().to_vec()).unwrap();
        assert_eq!(replayed, journal);
        assert!(!replayed.state().saw_hash);
        assert_eq!(replayed.state().seen, vec![(1, 0), (2, 1), (3, 2)]);
    }

    proptest! {
        /// `[records-authentic]`: the fast instant writer of the chain gives the bytes chrono's
        /// serde gives, for any instant, offset and fraction (leap seconds included), so no
        /// hash changes.
        #[test]
        fn chained_instants_are_written_as_chrono_serde_writes_them(
            secs in -8_000_000_000i64..253_402_300_799i64,
            nanos in prop_oneof![Just(0u32), 0u32..1_000, 0u32..1_000_000_000, 1_000_000_000u32..2_000_000_000],
            offset in -86_399i32..86_400,
            rules in 1u32..4,
        ) {
            let Some(utc) = chrono::DateTime::from_timestamp(secs, nanos) else { return Ok(()) };
            let Some(tz) = FixedOffset::east_opt(offset) else { return Ok(()) };
            let at = tz.from_utc_datetime(&utc.naive_utc());
            let actor: Actor = serde_json::from_str(r#"{"id":"w","role":"worker"}"#).unwrap();
            let fast = Chained { seq: 1, occurred_at: &at, recorded_at: &at, actor: &actor, event: &(), rules, prev_hash: GENESIS_HASH };
            let plain = Plain { seq: 1, occurred_at: &at, recorded_at: &at, actor: &actor, event: &(), rules, prev_hash: GENESIS_HASH };
            prop_assert_eq!(serde_json::to_string(&fast).unwrap(), serde_json::to_string(&plain).unwrap());
        }
    }
}
