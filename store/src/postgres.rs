//! The production backend: PostgreSQL through the synchronous `postgres` client.

use postgres::error::SqlState;
use postgres::{Client, Config, IsolationLevel, NoTls};

use crate::backend::{from_db, pending, to_db, Backend, Dump, EventRow, HeadRow, Snapshot, Write};
use crate::{AggregateKind, StoreError};

/// A PostgreSQL connection. Open one per thread: a connection is not shared.
pub struct Postgres {
    client: Client,
}

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Postgres { .. }")
    }
}

/// A key for `pg_advisory_xact_lock`, so that two programs migrating at once take turns.
const MIGRATION_LOCK: i64 = 0x0053_4845_474f_4e47; // "SHEGONG"

impl Postgres {
    /// Connects with a libpq-style URL or key-value string, without TLS (use a Unix socket or
    /// the loopback interface, or wrap [`Postgres::from_client`] around a TLS client).
    ///
    /// # Errors
    /// [`StoreError::Database`] when the URL is invalid or the server cannot be reached.
    pub fn connect(url: &str) -> Result<Postgres, StoreError> {
        let config: Config = url.parse()?;
        Postgres::connect_with(&config)
    }

    /// Connects with a parsed [`Config`] (e.g. to set `options` such as a `search_path`).
    ///
    /// # Errors
    /// [`StoreError::Database`] when the server cannot be reached.
    pub fn connect_with(config: &Config) -> Result<Postgres, StoreError> {
        Ok(Postgres {
            client: config.connect(NoTls)?,
        })
    }

    /// Wraps a client connected by other means (TLS, a pool).
    pub fn from_client(client: Client) -> Postgres {
        Postgres { client }
    }

    /// The client, for maintenance outside the store.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }
}

/// A head row from the columns `seq, head, stage` starting at `at`.
fn head_row(r: &postgres::Row, at: usize) -> Result<HeadRow, postgres::Error> {
    Ok(HeadRow {
        seq: from_db(r.try_get(at)?),
        head: r.try_get(at.saturating_add(1))?,
        stage: r.try_get(at.saturating_add(2))?,
    })
}

/// An event row from the columns `seq, body, hash` starting at `at`.
fn event_row(r: &postgres::Row, at: usize) -> Result<EventRow, postgres::Error> {
    Ok(EventRow {
        seq: from_db(r.try_get(at)?),
        body: r.try_get(at.saturating_add(1))?,
        hash: r.try_get(at.saturating_add(2))?,
    })
}

/// The store's error for a failed write: a taken position or head is a lost race, and so is a
/// serialization failure or a deadlock (the server rolled the loser back).
fn write_error(e: postgres::Error, write: &Write<'_>) -> StoreError {
    if e.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE)
        || e.code() == Some(&SqlState::T_R_DEADLOCK_DETECTED)
    {
        return StoreError::Conflict {
            kind: write.kind,
            id: write.id.to_owned(),
        };
    }
    if e.code() == Some(&SqlState::UNIQUE_VIOLATION) {
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

impl Backend for Postgres {
    const NAME: &'static str = "postgres";

    fn migrate(&mut self) -> Result<u32, StoreError> {
        let mut tx = self.client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS shegong_schema (version BIGINT NOT NULL)")?;
        let found: Option<i64> = tx
            .query_one("SELECT max(version) FROM shegong_schema", &[])?
            .try_get(0)?;
        let found = u32::try_from(found.unwrap_or(0)).unwrap_or(u32::MAX);
        let todo = pending(found)?;
        let mut version = found;
        for sql in todo {
            tx.batch_execute(sql)?;
            version = version.saturating_add(1);
            tx.execute("DELETE FROM shegong_schema", &[])?;
            tx.execute(
                "INSERT INTO shegong_schema (version) VALUES ($1)",
                &[&i64::from(version)],
            )?;
        }
        tx.commit()?;
        Ok(found)
    }

    fn snapshot(&mut self, kind: AggregateKind, id: &str) -> Result<Snapshot, StoreError> {
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let head = tx
            .query_opt(
                "SELECT seq, head, stage FROM heads WHERE kind = $1 AND id = $2",
                &[&kind.as_str(), &id],
            )?
            .map(|r| head_row(&r, 0))
            .transpose()?;
        let events = tx
            .query(
                "SELECT seq, body, hash FROM events WHERE kind = $1 AND id = $2 ORDER BY seq",
                &[&kind.as_str(), &id],
            )?
            .iter()
            .map(|r| event_row(r, 0))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        Ok(Snapshot { head, events })
    }

    fn commit(&mut self, write: &Write<'_>) -> Result<(), StoreError> {
        // READ COMMITTED whatever the server's default: the conflict rule below relies on it
        // (under REPEATABLE READ or SERIALIZABLE the loser would fail with 40001 instead).
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::ReadCommitted)
            .start()?;
        let kind = write.kind.as_str();
        let seq = to_db(write.head.seq);
        match write.expected {
            Some(expected) => {
                // Under READ COMMITTED a concurrent writer's update of the same row makes this
                // one wait, then re-check `head = $6` against the committed row: the loser
                // moves nothing.
                let moved = tx
                    .execute(
                        "UPDATE heads SET seq = $1, head = $2, stage = $3 WHERE kind = $4 AND id = $5 AND head = $6",
                        &[&seq, &write.head.head, &write.head.stage, &kind, &write.id, &expected],
                    )
                    .map_err(|e| write_error(e, write))?;
                if moved != 1 {
                    return Err(StoreError::Conflict {
                        kind: write.kind,
                        id: write.id.to_owned(),
                    });
                }
            }
            None => {
                tx.execute(
                    "INSERT INTO heads (kind, id, seq, head, stage) VALUES ($1, $2, $3, $4, $5)",
                    &[&kind, &write.id, &seq, &write.head.head, &write.head.stage],
                )
                .map_err(|e| write_error(e, write))?;
            }
        }
        let insert = tx.prepare(
            "INSERT INTO events (kind, id, seq, body, hash) VALUES ($1, $2, $3, $4, $5)",
        )?;
        for e in write.events {
            tx.execute(
                &insert,
                &[&kind, &write.id, &to_db(e.seq), &e.body, &e.hash],
            )
            .map_err(|err| write_error(err, write))?;
        }
        tx.commit().map_err(|e| write_error(e, write))?;
        Ok(())
    }

    fn ids(&mut self, kind: AggregateKind, stage: Option<&str>) -> Result<Vec<String>, StoreError> {
        // Without a stage, ids with events but no head row are listed too, so that a deleted
        // head makes its aggregate fail to load as tampered instead of vanishing.
        let rows = self.client.query(
            "SELECT id FROM (SELECT id FROM heads WHERE kind = $1 AND ($2::text IS NULL OR stage = $2) \
             UNION SELECT id FROM events WHERE kind = $1 AND $2::text IS NULL) AS ids ORDER BY id COLLATE \"C\"",
            &[&kind.as_str(), &stage],
        )?;
        Ok(rows
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<Vec<String>, _>>()?)
    }

    fn dump(&mut self) -> Result<Dump, StoreError> {
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let heads = tx
            .query(
                "SELECT kind, id, seq, head, stage FROM heads ORDER BY kind, id COLLATE \"C\"",
                &[],
            )?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, head_row(r, 2)?)))
            .collect::<Result<Vec<_>, postgres::Error>>()?;
        let events = tx
            .query(
                "SELECT kind, id, seq, body, hash FROM events ORDER BY kind, id COLLATE \"C\", seq",
                &[],
            )?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, event_row(r, 2)?)))
            .collect::<Result<Vec<_>, postgres::Error>>()?;
        tx.commit()?;
        Ok(Dump { heads, events })
    }

    fn execute_raw(&mut self, sql: &str) -> Result<(), StoreError> {
        self.client.batch_execute(sql)?;
        Ok(())
    }
}
