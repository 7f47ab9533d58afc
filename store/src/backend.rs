//! What a database must do for the store: five small operations. Everything else (loading,
//! verifying, applying through core, the conflict rule) is written once in [`crate::Store`],
//! so SQLite and PostgreSQL run the same logic and the same tests.

use crate::StoreError;

/// The schema version this store writes and knows: the number of [`MIGRATIONS`].
pub const SCHEMA_VERSION: u32 = 1;

/// The migrations, oldest first: migration *n* (from 1) takes a database from version *n − 1*
/// to *n*. The SQL is the same for SQLite and PostgreSQL.
pub const MIGRATIONS: &[&str] = &[
    // Version 1: the append-only events and the heads. `body` is the event exactly as the
    // chain hashes it (core's canonical JSON without `hash`), `hash` its hash; the primary
    // key makes a second event at the same position impossible.
    "CREATE TABLE events (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        body TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (kind, id, seq)
    );
    CREATE TABLE heads (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        head TEXT NOT NULL,
        stage TEXT,
        PRIMARY KEY (kind, id)
    );
    CREATE INDEX heads_by_stage ON heads (kind, stage);",
];

/// The migrations a database at version `found` still needs.
///
/// # Errors
/// [`StoreError::SchemaTooNew`] when `found` is newer than [`SCHEMA_VERSION`].
pub fn pending(found: u32) -> Result<&'static [&'static str], StoreError> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let done = usize::try_from(found).unwrap_or(usize::MAX);
    Ok(MIGRATIONS.get(done..).unwrap_or(&[]))
}

/// One row of the `events` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// The position in the history, from 1.
    pub seq: u64,
    /// The event as the chain hashes it: core's canonical JSON without `hash`.
    pub body: String,
    /// The event's hash.
    pub hash: String,
}

/// One row of the `heads` table (less its kind and id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadRow {
    /// The last event's sequence number.
    pub seq: u64,
    /// The last event's hash: the chain head.
    pub head: String,
    /// The stage, for cases (core's snake_case name).
    pub stage: Option<String>,
}

/// What one read transaction saw of one aggregate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The head row, if any.
    pub head: Option<HeadRow>,
    /// The event rows, by sequence number.
    pub events: Vec<EventRow>,
}

/// One write: new events and the head they lead to, committed together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write<'a> {
    /// The `kind` column.
    pub kind: crate::AggregateKind,
    /// The aggregate's id.
    pub id: &'a str,
    /// The head the writer loaded: the write happens only if it is still the head
    /// (`None`: the aggregate must not exist yet).
    pub expected: Option<&'a str>,
    /// The new events, oldest first.
    pub events: &'a [EventRow],
    /// The new head.
    pub head: HeadRow,
}

/// Every row of both tables, for comparisons and backups: `(kind, id, row)`, ordered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dump {
    /// The heads.
    pub heads: Vec<(String, String, HeadRow)>,
    /// The events.
    pub events: Vec<(String, String, EventRow)>,
}

/// A database the store runs on. Implemented by [`crate::Sqlite`] and [`crate::Postgres`].
pub trait Backend: std::fmt::Debug {
    /// `"sqlite"` or `"postgres"`.
    const NAME: &'static str;

    /// Brings the schema up to [`SCHEMA_VERSION`] in one transaction, serialised against
    /// other connections doing the same; returns the version found before.
    ///
    /// # Errors
    /// [`StoreError::SchemaTooNew`] (nothing is changed), or the database's error.
    fn migrate(&mut self) -> Result<u32, StoreError>;

    /// Reads an aggregate's head and events in one read transaction (one snapshot).
    ///
    /// # Errors
    /// The database's error.
    fn snapshot(&mut self, kind: crate::AggregateKind, id: &str) -> Result<Snapshot, StoreError>;

    /// Commits a [`Write`] in one transaction: moves the head only if it is still
    /// `expected` (or creates it when `expected` is `None`), then inserts the events.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the head moved or an event's position is taken,
    /// [`StoreError::Exists`] when creating an aggregate that exists; nothing is written.
    fn commit(&mut self, write: &Write<'_>) -> Result<(), StoreError>;

    /// The ids of the aggregates of `kind`, only those in `stage` when given, sorted.
    ///
    /// # Errors
    /// The database's error.
    fn ids(
        &mut self,
        kind: crate::AggregateKind,
        stage: Option<&str>,
    ) -> Result<Vec<String>, StoreError>;

    /// Every row of both tables, ordered, in one snapshot.
    ///
    /// # Errors
    /// The database's error.
    fn dump(&mut self) -> Result<Dump, StoreError>;

    /// Runs SQL statements as they are, outside the store's rules: for maintenance and for
    /// tests that tamper with rows. Never needed to use the store.
    ///
    /// # Errors
    /// The database's error.
    fn execute_raw(&mut self, sql: &str) -> Result<(), StoreError>;
}

/// A sequence number as the database stores it (`BIGINT`).
pub(crate) fn to_db(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

/// A sequence number read from the database; a negative one (only by tampering) reads as 0,
/// which no event has.
pub(crate) fn from_db(seq: i64) -> u64 {
    u64::try_from(seq).unwrap_or(0)
}
