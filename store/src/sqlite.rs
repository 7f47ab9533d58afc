//! The embedded backend: SQLite (bundled, nothing to install) in WAL mode.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};

use crate::backend::{from_db, pending, to_db, Backend, Dump, EventRow, HeadRow, Snapshot, Write};
use crate::{AggregateKind, StoreError};

/// How long a writer waits for another writer's transaction before giving up with a
/// [`StoreError::Database`] ("database is locked").
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// A SQLite database file, one connection. Open one per thread: a connection is not shared.
#[derive(Debug)]
pub struct Sqlite {
    conn: Connection,
}

impl Sqlite {
    /// Opens (creating if needed) the database at `path` in WAL mode, with
    /// `synchronous=FULL` (a committed append survives a power cut) and a busy timeout of
    /// [`BUSY_TIMEOUT`].
    ///
    /// # Errors
    /// [`StoreError::Database`] when the file cannot be opened.
    pub fn open(path: impl AsRef<Path>) -> Result<Sqlite, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // `journal_mode` answers with the mode in force, so it is read as a query.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous=FULL;")?;
        Ok(Sqlite { conn })
    }

    /// The connection, for maintenance outside the store.
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Writes a consistent copy of the whole database to `path` (which must not exist) with
    /// `VACUUM INTO`: one read transaction, so heads and events are from the same moment
    /// while writers go on. The copy is written to `<path>.tmp` (a stale one is removed
    /// first) and renamed to `path` only once complete, so a failed backup never leaves a
    /// partial file at `path`. Restore by opening the copy (or copying it into place while no
    /// program has the database open).
    ///
    /// # Errors
    /// [`StoreError::Database`], e.g. when `path` exists.
    pub fn backup_to(&mut self, path: impl AsRef<Path>) -> Result<(), StoreError> {
        let path = path.as_ref();
        let io = |e: std::io::Error| StoreError::Database {
            backend: "sqlite",
            message: format!("backup: {e}"),
        };
        if path.exists() {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "the backup file exists",
            )));
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = std::path::PathBuf::from(tmp);
        match std::fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
            _ => {}
        }
        let written = self
            .conn
            .execute("VACUUM INTO ?1", params![tmp.to_string_lossy()])
            .map_err(StoreError::from)
            .and_then(|_| std::fs::rename(&tmp, path).map_err(io));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }
}

/// The store's error for a failed write: a taken position or head is a lost race.
fn write_error(e: rusqlite::Error, write: &Write<'_>) -> StoreError {
    if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) {
        if write.expected.is_none() {
            return StoreError::Exists {
                kind: write.kind,
                id: write.id.to_owned(),
            };
        }
        return StoreError::Conflict {
            kind: write.kind,
            id: write.id.to_owned(),
        };
    }
    e.into()
}

impl Backend for Sqlite {
    const NAME: &'static str = "sqlite";

    fn migrate(&mut self) -> Result<u32, StoreError> {
        // IMMEDIATE takes the write lock first, so two programs opening a new file do not
        // both create the tables.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch("CREATE TABLE IF NOT EXISTS shegong_schema (version BIGINT NOT NULL)")?;
        let found: Option<i64> =
            tx.query_row("SELECT max(version) FROM shegong_schema", [], |r| r.get(0))?;
        let found = u32::try_from(found.unwrap_or(0)).unwrap_or(u32::MAX);
        let todo = pending(found)?;
        let mut version = found;
        for sql in todo {
            tx.execute_batch(sql)?;
            version = version.saturating_add(1);
            tx.execute("DELETE FROM shegong_schema", [])?;
            tx.execute(
                "INSERT INTO shegong_schema (version) VALUES (?1)",
                params![i64::from(version)],
            )?;
        }
        tx.commit()?;
        Ok(found)
    }

    fn snapshot(&mut self, kind: AggregateKind, id: &str) -> Result<Snapshot, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let head = tx
            .query_row(
                "SELECT seq, head, stage FROM heads WHERE kind = ?1 AND id = ?2",
                params![kind.as_str(), id],
                |r| {
                    Ok(HeadRow {
                        seq: from_db(r.get(0)?),
                        head: r.get(1)?,
                        stage: r.get(2)?,
                    })
                },
            )
            .optional()?;
        let events = {
            let mut stmt = tx.prepare_cached(
                "SELECT seq, body, hash FROM events WHERE kind = ?1 AND id = ?2 ORDER BY seq",
            )?;
            let rows = stmt.query_map(params![kind.as_str(), id], |r| {
                Ok(EventRow {
                    seq: from_db(r.get(0)?),
                    body: r.get(1)?,
                    hash: r.get(2)?,
                })
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        tx.commit()?;
        Ok(Snapshot { head, events })
    }

    fn commit(&mut self, write: &Write<'_>) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let kind = write.kind.as_str();
        match write.expected {
            Some(expected) => {
                let moved = tx
                    .execute(
                        "UPDATE heads SET seq = ?1, head = ?2, stage = ?3 WHERE kind = ?4 AND id = ?5 AND head = ?6",
                        params![to_db(write.head.seq), write.head.head, write.head.stage, kind, write.id, expected],
                    )
                    .map_err(|e| write_error(e, write))?;
                if moved != 1 {
                    // Dropping the transaction rolls it back.
                    return Err(StoreError::Conflict {
                        kind: write.kind,
                        id: write.id.to_owned(),
                    });
                }
            }
            None => {
                tx.execute(
                    "INSERT INTO heads (kind, id, seq, head, stage) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        kind,
                        write.id,
                        to_db(write.head.seq),
                        write.head.head,
                        write.head.stage
                    ],
                )
                .map_err(|e| write_error(e, write))?;
            }
        }
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO events (kind, id, seq, body, hash) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for e in write.events {
                stmt.execute(params![kind, write.id, to_db(e.seq), e.body, e.hash])
                    .map_err(|err| write_error(err, write))?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn ids(&mut self, kind: AggregateKind, stage: Option<&str>) -> Result<Vec<String>, StoreError> {
        // Without a stage, ids with events but no head row are listed too, so that a deleted
        // head makes its aggregate fail to load as tampered instead of vanishing.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM (SELECT id FROM heads WHERE kind = ?1 AND (?2 IS NULL OR stage = ?2) \
             UNION SELECT id FROM events WHERE kind = ?1 AND ?2 IS NULL) ORDER BY id",
        )?;
        let rows = stmt.query_map(params![kind.as_str(), stage], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<String>, _>>()?)
    }

    fn dump(&mut self) -> Result<Dump, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let heads = {
            let mut stmt =
                tx.prepare("SELECT kind, id, seq, head, stage FROM heads ORDER BY kind, id")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    HeadRow {
                        seq: from_db(r.get(2)?),
                        head: r.get(3)?,
                        stage: r.get(4)?,
                    },
                ))
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let events = {
            let mut stmt =
                tx.prepare("SELECT kind, id, seq, body, hash FROM events ORDER BY kind, id, seq")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    EventRow {
                        seq: from_db(r.get(2)?),
                        body: r.get(3)?,
                        hash: r.get(4)?,
                    },
                ))
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        tx.commit()?;
        Ok(Dump { heads, events })
    }

    fn execute_raw(&mut self, sql: &str) -> Result<(), StoreError> {
        self.conn.execute_batch(sql)?;
        Ok(())
    }
}
