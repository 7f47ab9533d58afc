//! The store's errors: one typed variant for each thing a caller can act on.

use crate::AggregateKind;

/// What a read found wrong with the stored rows of one aggregate (`[records-authentic]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tampering {
    /// The stored event at `seq` does not verify: its JSON or its hash was edited, or an event
    /// was replaced.
    Edited {
        /// The first event that does not verify.
        seq: u64,
    },
    /// The event at `seq` is not stored although the head or a later event says it should
    /// be: a row was deleted (or the head was moved past the last event).
    MissingEvent {
        /// The first missing sequence number.
        seq: u64,
    },
    /// The stored head does not name the last stored event: the head was moved back, or set
    /// to another hash, or is missing.
    HeadMismatch,
    /// The rows stored under this id verify, but they are another aggregate's history: rows
    /// were copied or renamed from another id.
    WrongAggregate,
}

impl Tampering {
    /// A stable snake_case name: `"edited"`, `"missing_event"`, `"head_mismatch"` or
    /// `"wrong_aggregate"`.
    pub fn name(&self) -> &'static str {
        match self {
            Tampering::Edited { .. } => "edited",
            Tampering::MissingEvent { .. } => "missing_event",
            Tampering::HeadMismatch => "head_mismatch",
            Tampering::WrongAggregate => "wrong_aggregate",
        }
    }
}

impl std::fmt::Display for Tampering {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tampering::Edited { seq } => write!(f, "event {seq} was edited"),
            Tampering::MissingEvent { seq } => write!(f, "event {seq} is missing"),
            Tampering::HeadMismatch => {
                write!(f, "the stored head does not name the last stored event")
            }
            Tampering::WrongAggregate => {
                write!(f, "the stored events are another aggregate's history")
            }
        }
    }
}

/// Any error of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another writer appended to the aggregate between this writer's load and its write
    /// (optimistic concurrency): nothing was written. Reload the aggregate, decide again
    /// whether the event still applies, and retry.
    #[error("{kind} {id} was changed by another writer since it was loaded: nothing was written; reload and retry")]
    Conflict {
        /// The aggregate's kind.
        kind: AggregateKind,
        /// Its id.
        id: String,
    },
    /// The core refused the event (a guard, an invalid field, timestamps out of order):
    /// nothing was written. `error.kind()` and `error.rule_id()` say why.
    #[error("{kind} {id}: {error}")]
    Refused {
        /// The aggregate's kind.
        kind: AggregateKind,
        /// Its id (empty when a first event names none).
        id: String,
        /// The core's error (boxed: it is large).
        error: Box<shegong::Error>,
    },
    /// The stored rows of an aggregate do not verify (`[records-authentic]`).
    #[error("{kind} {id} was tampered with: {what} [records-authentic]")]
    Tampered {
        /// The aggregate's kind.
        kind: AggregateKind,
        /// Its id.
        id: String,
        /// What was found.
        what: Tampering,
    },
    /// The stored history verifies against its head but the core will not replay it (it
    /// breaks a rule of this library): the core's error.
    #[error("{kind} {id} is stored but cannot be replayed: {error}")]
    Unreadable {
        /// The aggregate's kind.
        kind: AggregateKind,
        /// Its id.
        id: String,
        /// The core's error (boxed: it is large).
        error: Box<shegong::Error>,
    },
    /// No aggregate of this kind has this id.
    #[error("no {kind} with this id is stored")]
    NotFound {
        /// The aggregate's kind.
        kind: AggregateKind,
        /// The id asked for.
        id: String,
    },
    /// An aggregate with this id is already stored: a history is started only once.
    #[error("{kind} {id} is already stored")]
    Exists {
        /// The aggregate's kind.
        kind: AggregateKind,
        /// Its id.
        id: String,
    },
    /// The database was written by a newer version of this store: it is not opened, so that
    /// an older program cannot misread or damage it.
    #[error("the database has schema version {found}; this store knows versions up to {supported}: upgrade the program")]
    SchemaTooNew {
        /// The database's schema version.
        found: u32,
        /// The newest version this store knows.
        supported: u32,
    },
    /// The database failed (connection, I/O, SQL); the message is the driver's (PostgreSQL:
    /// the SQLSTATE and the primary message, never the DETAIL, which can repeat row values).
    #[error("{backend} error: {message}")]
    Database {
        /// `"sqlite"` or `"postgres"`.
        backend: &'static str,
        /// The driver's message.
        message: String,
    },
}

impl StoreError {
    /// The core's error, for [`StoreError::Refused`] and [`StoreError::Unreadable`].
    pub fn core(&self) -> Option<&shegong::Error> {
        match self {
            StoreError::Refused { error, .. } | StoreError::Unreadable { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database {
            backend: "sqlite",
            message: e.to_string(),
        }
    }
}

impl From<postgres::Error> for StoreError {
    /// A server error is reported by its SQLSTATE and primary message only: its DETAIL can
    /// repeat a failing row's values (an ID number in a body).
    fn from(e: postgres::Error) -> Self {
        let message = match e.as_db_error() {
            Some(db) => format!("{} (sqlstate {})", db.message(), db.code().code()),
            None => e.to_string(),
        };
        StoreError::Database {
            backend: "postgres",
            message,
        }
    }
}
