//! The store's logic, written once over any [`Backend`]: load and verify, apply through core,
//! write with optimistic concurrency, and the queries a platform needs.

use chrono::{DateTime, FixedOffset};
use shegong::activity::Activity;
use shegong::case::{Case, Stage};
use shegong::deadline::{Obligation, RuleSet};
use shegong::history::{verify, Fault, NewEvent, Recorded};
use shegong::report::Batch;
use shegong::{Calendar, ErrorKind};

use crate::backend::{Backend, Dump, EventRow, HeadRow, Snapshot, Write};
use crate::{AggregateKind, Storable, StoreError, Tampering};

/// What an accepted append reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The new event's sequence number.
    pub seq: u64,
    /// Its hash: the new head.
    pub head: String,
}

/// An event store over a [`Backend`]: one connection, used by one thread at a time. Open one
/// store per thread; they coordinate through the database.
#[derive(Debug)]
pub struct Store<B: Backend> {
    backend: B,
}

impl<B: Backend> Store<B> {
    /// Opens a store on a backend connection, bringing its schema up to
    /// [`SCHEMA_VERSION`](crate::SCHEMA_VERSION).
    ///
    /// # Errors
    /// [`StoreError::SchemaTooNew`] for a database written by a newer store (nothing is
    /// changed), or the database's error.
    pub fn open(mut backend: B) -> Result<Store<B>, StoreError> {
        backend.migrate()?;
        Ok(Store { backend })
    }

    /// The backend, for maintenance (backups, raw SQL).
    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }

    /// Starts a new history from its first event, checked by core.
    ///
    /// # Errors
    /// [`StoreError::Refused`] when core refuses the event, [`StoreError::Exists`] when an
    /// aggregate with its id is stored; nothing is written.
    pub fn create<A: Storable>(
        &mut self,
        first: NewEvent<A::Event>,
    ) -> Result<Appended, StoreError> {
        let aggregate = A::start(first).map_err(|error| StoreError::Refused {
            kind: A::KIND,
            id: String::new(),
            error: Box::new(error),
        })?;
        self.insert(&aggregate)
    }

    /// Stores a whole history that core has already built (an import, or seeding a demo):
    /// every event and the head in one transaction.
    ///
    /// # Errors
    /// [`StoreError::Exists`] when an aggregate with its id is stored; nothing is written.
    pub fn insert<A: Storable>(&mut self, aggregate: &A) -> Result<Appended, StoreError> {
        let id = aggregate.id();
        let rows = aggregate
            .history()
            .iter()
            .map(|e| event_row::<A>(e, &id))
            .collect::<Result<Vec<_>, _>>()?;
        let head = head_row(aggregate);
        self.backend.commit(&Write {
            kind: A::KIND,
            id: &id,
            expected: None,
            events: &rows,
            head: head.clone(),
        })?;
        Ok(Appended {
            seq: head.seq,
            head: head.head,
        })
    }

    /// Appends one event: loads and verifies the history, lets core decide whether the event
    /// applies, and commits the event and the new head only if the head is still the one
    /// loaded.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when another writer appended first (reload and retry),
    /// [`StoreError::Refused`] carrying core's error, [`StoreError::NotFound`], and every
    /// error of [`Store::load`]. Nothing is written on any error.
    pub fn append<A: Storable>(
        &mut self,
        id: &str,
        new: NewEvent<A::Event>,
    ) -> Result<Appended, StoreError> {
        let mut aggregate: A = self.load(id)?;
        let loaded = aggregate.head().to_owned();
        aggregate.apply(new).map_err(|error| StoreError::Refused {
            kind: A::KIND,
            id: id.to_owned(),
            error: Box::new(error),
        })?;
        let rows = aggregate
            .history()
            .last()
            .map(|e| event_row::<A>(e, id))
            .transpose()?
            .into_iter()
            .collect::<Vec<_>>();
        let head = head_row(&aggregate);
        self.backend.commit(&Write {
            kind: A::KIND,
            id,
            expected: Some(&loaded),
            events: &rows,
            head: head.clone(),
        })?;
        Ok(Appended {
            seq: head.seq,
            head: head.head,
        })
    }

    /// Reads an aggregate back: every row checked against the stored head, the chain
    /// verified and every event replayed through core.
    ///
    /// # Errors
    /// [`StoreError::NotFound`]; [`StoreError::Tampered`] naming the aggregate and what was
    /// found (an edited or non-canonical event, a missing event, a head or stage that does not
    /// match, another aggregate's rows);
    /// [`StoreError::Unreadable`] when core will not replay a history that does verify.
    pub fn load<A: Storable>(&mut self, id: &str) -> Result<A, StoreError> {
        let snapshot = self.backend.snapshot(A::KIND, id)?;
        rebuild(id, snapshot)
    }

    /// The stored history as core's JSON (the stored-history format every binding reads).
    ///
    /// # Errors
    /// As [`Store::load`].
    pub fn export_json<A: Storable>(&mut self, id: &str) -> Result<String, StoreError> {
        let aggregate: A = self.load(id)?;
        aggregate.to_json().map_err(|error| StoreError::Unreadable {
            kind: A::KIND,
            id: id.to_owned(),
            error: Box::new(error),
        })
    }

    /// The ids of the stored aggregates of one kind, sorted.
    ///
    /// # Errors
    /// The database's error.
    pub fn ids<A: Storable>(&mut self) -> Result<Vec<String>, StoreError> {
        self.backend.ids(A::KIND, None)
    }

    /// Every stored aggregate of one kind, each read and verified.
    ///
    /// # Errors
    /// The first error of [`Store::load`].
    pub fn load_all<A: Storable>(&mut self) -> Result<Vec<A>, StoreError> {
        let ids = self.ids::<A>()?;
        ids.iter().map(|id| self.load(id)).collect()
    }

    /// The stored cases in `stage`, each read and verified (the stage index is the stage core
    /// reported at the last append).
    ///
    /// # Errors
    /// The first error of [`Store::load`].
    pub fn cases_in_stage(&mut self, stage: Stage) -> Result<Vec<Case>, StoreError> {
        let ids = self.backend.ids(AggregateKind::Case, Some(stage.name()))?;
        let cases = ids
            .iter()
            .map(|id| self.load::<Case>(id))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(cases.into_iter().filter(|c| c.stage() == stage).collect())
    }

    /// The open obligations (pending, at risk, overdue) `worker` owes as of `now`, over every
    /// stored case and activity, most urgent first: core's obligations, filtered by owner.
    ///
    /// # Errors
    /// The first error of [`Store::load`].
    pub fn open_obligations(
        &mut self,
        worker: &str,
        rules: &RuleSet,
        calendar: &Calendar,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<Obligation>, StoreError> {
        let mut all = Vec::new();
        for case in self.load_all::<Case>()? {
            all.extend(rules.obligations(&case, calendar, now));
        }
        for activity in self.load_all::<Activity>()? {
            all.extend(rules.activity_obligations(&activity, calendar, now));
        }
        all.retain(|o| o.owner == worker && o.status.is_open());
        all.sort_by(|x, y| {
            (x.deadline(), &x.subject, &x.rule).cmp(&(y.deadline(), &y.subject, &y.rule))
        });
        Ok(all)
    }

    /// Every stored case exported to core's research API ([`shegong::report::evaluate_batch`]):
    /// obligation rows and case summaries as of `now`. Each history is read and verified
    /// first; the batch then reads the same JSON any platform would hand it.
    ///
    /// # Errors
    /// The first error of [`Store::load`]; a batch over the limit of histories as
    /// [`StoreError::Refused`].
    pub fn export_batch(
        &mut self,
        rules: &RuleSet,
        calendar: &Calendar,
        now: DateTime<FixedOffset>,
        threads: usize,
    ) -> Result<Batch, StoreError> {
        let ids = self.ids::<Case>()?;
        let histories = ids
            .iter()
            .map(|id| self.export_json::<Case>(id))
            .collect::<Result<Vec<_>, _>>()?;
        shegong::report::evaluate_batch(&histories, rules, calendar, now, threads).map_err(|e| {
            StoreError::Refused {
                kind: AggregateKind::Case,
                id: String::new(),
                error: Box::new(e.into()),
            }
        })
    }

    /// Every row of both tables, ordered: to compare states (a refused append changes no
    /// byte) or to check a restore.
    ///
    /// # Errors
    /// The database's error.
    pub fn dump(&mut self) -> Result<Dump, StoreError> {
        self.backend.dump()
    }
}

/// The head row of an aggregate.
fn head_row<A: Storable>(aggregate: &A) -> HeadRow {
    HeadRow {
        seq: u64::try_from(aggregate.history().len()).unwrap_or(u64::MAX),
        head: aggregate.head().to_owned(),
        stage: aggregate.stage().map(str::to_owned),
    }
}

/// The row of a recorded event: its body is core's JSON of the event less the trailing
/// `hash` member, which is exactly the canonical text the chain hashes (the fields and their
/// order are core's, `Recorded` and the hashed fields serialise alike).
fn event_row<A: Storable>(event: &Recorded<A::Event>, id: &str) -> Result<EventRow, StoreError> {
    let malformed = |reason: String| StoreError::Refused {
        kind: A::KIND,
        id: id.to_owned(),
        error: Box::new(shegong::case::CaseError::Malformed { reason }.into()),
    };
    let json = serde_json::to_string(event).map_err(|e| malformed(e.to_string()))?;
    let suffix = format!(",\"hash\":\"{}\"}}", event.hash);
    let body = json
        .strip_suffix(suffix.as_str())
        .map(|b| format!("{b}}}"))
        .ok_or_else(|| {
            malformed("a recorded event does not serialise with `hash` last".to_owned())
        })?;
    Ok(EventRow {
        seq: event.seq,
        body,
        hash: event.hash.clone(),
    })
}

/// A stored event read back: its body with its hash put back as core's last member.
fn recorded<A: Storable>(row: &EventRow) -> Option<Recorded<A::Event>> {
    let open = row.body.strip_suffix('}')?;
    let json = format!(
        "{open},\"hash\":{}}}",
        serde_json::to_string(&row.hash).ok()?
    );
    let event: Recorded<A::Event> = serde_json::from_str(&json).ok()?;
    (event.seq == row.seq).then_some(event)
}

/// Rebuilds an aggregate from one snapshot, reporting tampering before anything else.
fn rebuild<A: Storable>(id: &str, snapshot: Snapshot) -> Result<A, StoreError> {
    let tampered = |what| StoreError::Tampered {
        kind: A::KIND,
        id: id.to_owned(),
        what,
    };
    let Snapshot { head, events } = snapshot;
    let Some(head) = head else {
        if events.is_empty() {
            return Err(StoreError::NotFound {
                kind: A::KIND,
                id: id.to_owned(),
            });
        }
        return Err(tampered(Tampering::HeadMismatch));
    };
    // A head without a single event: every row was deleted.
    if events.is_empty() {
        return Err(tampered(Tampering::MissingEvent { seq: 1 }));
    }
    // Rows are numbered 1, 2, 3, ... with no gap, up to the head's position.
    let mut expected: u64 = 1;
    for row in &events {
        if row.seq != expected {
            return Err(tampered(Tampering::MissingEvent { seq: expected }));
        }
        expected = expected.saturating_add(1);
    }
    let stored = u64::try_from(events.len()).unwrap_or(u64::MAX);
    if head.seq > stored {
        return Err(tampered(Tampering::MissingEvent { seq: expected }));
    }
    if head.seq < stored {
        return Err(tampered(Tampering::HeadMismatch));
    }
    let mut history = Vec::with_capacity(events.len());
    for row in &events {
        match recorded::<A>(row) {
            // The body must be the canonical text byte for byte, not merely parse to an event
            // that verifies (reformatted JSON, other escapes).
            Some(event)
                if event_row::<A>(&event, id).is_ok_and(|canonical| canonical.body == row.body) =>
            {
                history.push(event);
            }
            _ => return Err(tampered(Tampering::Edited { seq: row.seq })),
        }
    }
    let last = history.last().map(|e| e.hash.clone());
    match A::replay(history) {
        Ok(aggregate) => {
            if last.as_deref() != Some(head.head.as_str()) || aggregate.head() != head.head {
                return Err(tampered(Tampering::HeadMismatch));
            }
            // The stage index must be the stage core rebuilt, or a query by stage misfiles it.
            if aggregate.stage() != head.stage.as_deref() {
                return Err(tampered(Tampering::HeadMismatch));
            }
            // Another aggregate's rows, copied or renamed to this id, verify on their own.
            if aggregate.id() != id {
                return Err(tampered(Tampering::WrongAggregate));
            }
            Ok(aggregate)
        }
        Err(error) if error.kind() == ErrorKind::Tampered => {
            // Core found the chain broken; core's own verifier says where.
            let history: Vec<_> = events.iter().filter_map(recorded::<A>).collect();
            let seq = match verify(A::CHAIN, &history) {
                Err(Fault::Tampered { seq, .. }) | Err(Fault::Rules { seq, .. }) => seq,
                _ => 1,
            };
            Err(tampered(Tampering::Edited { seq }))
        }
        Err(error) => Err(StoreError::Unreadable {
            kind: A::KIND,
            id: id.to_owned(),
            error: Box::new(error),
        }),
    }
}
