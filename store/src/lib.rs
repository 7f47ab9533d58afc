//! **shegong-store**: a reference event store for shegong histories (cases 个案, activities
//! 活动, volunteers 志愿者) on SQLite (embedded, the default) and PostgreSQL (production).
//!
//! The core library decides everything (guards, chains, deadlines) and does no I/O; this
//! crate shows a platform how to keep its histories in a database without forking one when
//! two workers append at once, without losing or half-writing one when a process dies, and
//! without trusting rows that were edited behind the program's back:
//!
//! - an append-only `events` table (kind, id, seq, the event as the chain hashes it, hash) and
//!   a `heads` table (kind, id, seq, head, stage), with a schema version and migrations
//!   ([`SCHEMA_VERSION`]);
//! - [`Store::append`]: load and verify, apply through core, then in one transaction move the
//!   head **only if it is still the head loaded** and insert the event; a lost race is
//!   [`StoreError::Conflict`] ("reload and retry"), a core refusal [`StoreError::Refused`];
//! - [`Store::load`]: every read verifies the chain against the stored head and names
//!   tampering ([`StoreError::Tampered`] with a [`Tampering`]);
//! - queries: [`Store::open_obligations`], [`Store::cases_in_stage`], [`Store::export_batch`].
//!
//! Both backends implement one small [`Backend`] trait; [`Store`] is written once over it.
//! See the crate's README for the schema, the append protocol, backups and the tests.
//!
//! # Example
//! ```
//! use chrono::DateTime;
//! use shegong::case::*;
//! use shegong_store::{Sqlite, Store, StoreError};
//!
//! let dir = std::env::temp_dir().join(format!("shegong-store-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("lib-example.sqlite");
//! # let _ = std::fs::remove_file(&path);
//! let mut store = Store::open(Sqlite::open(&path)?)?;
//! let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
//! let li = Actor::new("w-li", Role::Worker);
//! let at = |when: &str, event: EventKind| NewEvent {
//!     occurred_at: t(when), recorded_at: t(when), actor: li.clone(), event,
//! };
//! store.create::<Case>(at("2026-03-02T09:00:00+08:00", EventKind::Received {
//!     case_number: "SZ-2026-0007".parse().unwrap(),
//!     client: Client { id: "c-1".into(), name: "王阿姨".into(), date_of_birth: None },
//!     source: Source::Voluntary,
//!     channel: Channel::InPerson,
//!     topic: "居家养老".into(),
//! }))?;
//! // Core refuses opening without consent; the store writes nothing and says why.
//! let err = store
//!     .append::<Case>("SZ-2026-0007", at("2026-03-02T10:00:00+08:00", EventKind::Opened { summary: "开案".into() }))
//!     .unwrap_err();
//! assert_eq!(err.core().and_then(|e| e.rule_id()), Some("open-consent"));
//! let case: Case = store.load("SZ-2026-0007")?;
//! assert_eq!(case.history().len(), 1);
//! # Ok::<(), StoreError>(())
//! ```

#![deny(missing_docs)]

mod aggregate;
mod backend;
mod error;
mod postgres;
mod sqlite;
mod store;

pub use aggregate::{AggregateKind, Storable};
pub use backend::{
    pending, Backend, Dump, EventRow, HeadRow, Snapshot, Write, MIGRATIONS, SCHEMA_VERSION,
};
pub use error::{StoreError, Tampering};
pub use postgres::Postgres;
pub use sqlite::{Sqlite, BUSY_TIMEOUT};
pub use store::{Appended, Store};

// The README's Rust examples are compiled and run as doctests, so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
