//! Appends per second of the reference store: one writer, then 8 writers contending for the
//! same case, on SQLite and (when `SHEGONG_PG_URL` is set) on PostgreSQL.
//!
//! ```sh
//! cargo run --release -p shegong-store --example measure -- 3     # seconds per run
//! SHEGONG_PG_URL=postgresql://user@127.0.0.1:5432/db cargo run --release -p shegong-store --example measure
//! ```
//!
//! Every append reads and verifies the whole history, applies the event through core and
//! commits with a durable write (SQLite `synchronous=FULL`; PostgreSQL's default
//! `synchronous_commit`), so the figures are those of the safe path. A case is closed to new
//! notes after [`PER_CASE`] events and the writers move to the next, so a run measures short
//! histories rather than ever longer replays. This measures; no test asserts a speed.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use shegong::case::{Actor, Case, Channel, Client, EventKind, Role, Source};
use shegong::history::NewEvent;
use shegong_store::{Backend, Postgres, Sqlite, Store, StoreError};

/// Events per case before the writers move to the next case.
const PER_CASE: u64 = 200;
/// Contending writers.
const WRITERS: usize = 8;

type Fallible<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn start_at() -> Fallible<DateTime<FixedOffset>> {
    Ok(DateTime::parse_from_rfc3339("2026-03-02T09:00:00+08:00")?)
}

fn received(number: &str) -> Fallible<NewEvent<EventKind>> {
    Ok(NewEvent::at(
        start_at()?,
        Actor::new("w-li", Role::Worker),
        EventKind::Received {
            case_number: number.parse()?,
            client: Client {
                id: "c-1".into(),
                name: "王阿姨".into(),
                date_of_birth: None,
            },
            source: Source::Voluntary,
            channel: Channel::InPerson,
            topic: "居家养老".into(),
        },
    ))
}

/// The shared state of one run: the case being written, a clock every writer draws from, and
/// the tallies.
struct Run {
    case: AtomicU64,
    clock: AtomicI64,
    accepted: AtomicU64,
    conflicts: AtomicU64,
    refused: AtomicU64,
}

fn number(serial: u64) -> String {
    format!("SZ-2026-{:04}", serial % 10_000)
}

/// One writer: appends notes until `deadline`, moving to the next case every
/// [`PER_CASE`] events (whoever fills a case creates the next).
fn write<B: Backend>(store: &mut Store<B>, run: &Run, deadline: Instant) -> Fallible<()> {
    let actor = Actor::new("w-li", Role::Worker);
    while Instant::now() < deadline {
        let serial = run.case.load(Ordering::SeqCst);
        let id = number(serial);
        let seconds = run.clock.fetch_add(1, Ordering::SeqCst);
        let at = start_at()? + chrono::Duration::seconds(seconds);
        let note = NewEvent::at(
            at,
            actor.clone(),
            EventKind::NoteAdded {
                text: "家访记录".into(),
            },
        );
        match store.append::<Case>(&id, note) {
            Ok(appended) => {
                run.accepted.fetch_add(1, Ordering::SeqCst);
                if appended.seq >= PER_CASE
                    && run
                        .case
                        .compare_exchange(serial, serial + 1, Ordering::SeqCst, Ordering::SeqCst)
                        .is_ok()
                {
                    store.create::<Case>(received(&number(serial + 1))?)?;
                }
            }
            Err(StoreError::Conflict { .. }) => {
                run.conflicts.fetch_add(1, Ordering::SeqCst);
            }
            // The next case is not created yet, or a note dated before one another writer
            // committed first: try again with the next case or time.
            Err(StoreError::NotFound { .. }) => {}
            Err(StoreError::Refused { .. }) => {
                run.refused.fetch_add(1, Ordering::SeqCst);
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Runs `writers` writers for `seconds` on fresh stores from `open`; prints and returns the
/// accepted appends per second.
fn measure<B: Backend + Send>(
    name: &str,
    writers: usize,
    seconds: f64,
    open: &(dyn Fn() -> Fallible<Store<B>> + Sync),
    first_case: u64,
) -> Fallible<f64> {
    let run = Run {
        case: AtomicU64::new(first_case),
        clock: AtomicI64::new(60),
        accepted: AtomicU64::new(0),
        conflicts: AtomicU64::new(0),
        refused: AtomicU64::new(0),
    };
    open()?.create::<Case>(received(&number(first_case))?)?;
    let began = Instant::now();
    let deadline = began + Duration::from_secs_f64(seconds);
    let results: Vec<Fallible<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..writers)
            .map(|_| {
                let run = &run;
                scope.spawn(move || -> Fallible<()> {
                    let mut store = open()?;
                    write(&mut store, run, deadline).map_err(|e| e.to_string().into())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("a writer panicked".into())))
            .collect()
    });
    for r in results {
        r.map_err(|e| e.to_string())?;
    }
    let elapsed = began.elapsed().as_secs_f64();
    let accepted = run.accepted.load(Ordering::SeqCst);
    #[allow(clippy::cast_precision_loss)]
    let rate = accepted as f64 / elapsed;
    println!(
        "{name:<8} {writers} writer{}: {rate:>7.0} appends/s ({accepted} accepted in {elapsed:.1} s, {} conflicts, {} refused by core)",
        if writers == 1 { " " } else { "s" },
        run.conflicts.load(Ordering::SeqCst),
        run.refused.load(Ordering::SeqCst),
    );
    Ok(rate)
}

fn main() -> Fallible<()> {
    let seconds: f64 = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(3.0);
    println!("shegong-store: accepted appends per second, {seconds} s per run, {PER_CASE} events per case");

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/store-measure");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("measure.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let open_sqlite = || -> Fallible<Store<Sqlite>> { Ok(Store::open(Sqlite::open(&path)?)?) };
    measure("sqlite", 1, seconds, &open_sqlite, 1)?;
    measure("sqlite", WRITERS, seconds, &open_sqlite, 5_000)?;

    match std::env::var("SHEGONG_PG_URL") {
        Ok(url) if !url.is_empty() => {
            let mut config: postgres::Config = url.parse()?;
            let mut admin = config.connect(postgres::NoTls)?;
            admin.batch_execute(
                "DROP SCHEMA IF EXISTS shegong_measure CASCADE; CREATE SCHEMA shegong_measure;",
            )?;
            config.options("-c search_path=shegong_measure");
            let open_pg = || -> Fallible<Store<Postgres>> {
                Ok(Store::open(Postgres::connect_with(&config)?)?)
            };
            measure("postgres", 1, seconds, &open_pg, 1)?;
            measure("postgres", WRITERS, seconds, &open_pg, 5_000)?;
            admin.batch_execute("DROP SCHEMA shegong_measure CASCADE")?;
        }
        _ => println!("postgres: skipped (set SHEGONG_PG_URL to measure it)"),
    }
    Ok(())
}
