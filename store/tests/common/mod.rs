//! What every store test shares: a fresh database on each backend, and event builders.
//!
//! Each test body is generic over [`Opener`] and runs twice, through [`both!`]: on a fresh
//! SQLite file, and on a fresh PostgreSQL schema when `SHEGONG_PG_URL` is set. Without the
//! URL the PostgreSQL half is skipped, unless `SHEGONG_STORE_REQUIRE_PG=1` (CI), where it
//! fails; with the URL, an unreachable server fails the test.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::{DateTime, Duration, FixedOffset};
use shegong::case::{Actor, Channel, Client, EventKind, Role, Source};
use shegong::history::NewEvent;
use shegong_store::{Backend, Postgres, Sqlite, Store};

/// Opens stores on one fresh database: every call is a new connection to the same database.
pub trait Opener: Sync + Sized {
    /// The backend.
    type B: Backend + Send;
    /// A new connection, as a store.
    fn open(&self) -> Store<Self::B> {
        Store::open(self.backend()).unwrap()
    }
    /// A new connection, as a backend (no migration).
    fn backend(&self) -> Self::B;
    /// Another fresh, empty database beside this one.
    fn fresh(&self, name: &str) -> Self;
    /// What a child process needs to open the same database: (backend, location).
    fn locate(&self) -> (&'static str, String);
}

/// A fresh SQLite file under the target directory.
pub struct SqliteOpener {
    pub path: PathBuf,
}

impl SqliteOpener {
    pub fn new(name: &str) -> SqliteOpener {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("store-tests");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.sqlite"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        SqliteOpener { path }
    }
}

impl Opener for SqliteOpener {
    type B = Sqlite;
    fn backend(&self) -> Sqlite {
        Sqlite::open(&self.path).unwrap()
    }
    fn fresh(&self, name: &str) -> SqliteOpener {
        let stem = self
            .path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        SqliteOpener::new(&format!("{stem}-{name}"))
    }
    fn locate(&self) -> (&'static str, String) {
        ("sqlite", self.path.display().to_string())
    }
}

/// A fresh schema on the PostgreSQL server of `SHEGONG_PG_URL`.
pub struct PgOpener {
    pub config: postgres::Config,
    pub schema: String,
}

/// The server's URL, or `None` to skip; panics (fails the test) when CI requires the server.
pub fn pg_url() -> Option<String> {
    match std::env::var("SHEGONG_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("SHEGONG_STORE_REQUIRE_PG").as_deref() != Ok("1"),
                "SHEGONG_STORE_REQUIRE_PG=1 but SHEGONG_PG_URL is not set"
            );
            eprintln!("SHEGONG_PG_URL not set: PostgreSQL half skipped");
            None
        }
    }
}

impl PgOpener {
    pub fn new(name: &str) -> Option<PgOpener> {
        let url = pg_url()?;
        Some(PgOpener::at(&url, &format!("t_{name}"), true))
    }

    /// Like [`PgOpener::new`], with every connection's `default_transaction_isolation` set
    /// to `isolation` (as a server configured that way would have it).
    pub fn with_default_isolation(name: &str, isolation: &str) -> Option<PgOpener> {
        let mut o = PgOpener::new(name)?;
        o.config.options(&format!(
            "-c search_path={} -c default_transaction_isolation={isolation}",
            o.schema
        ));
        Some(o)
    }

    /// A schema `schema` on the server at `url`, emptied first when `reset`.
    pub fn at(url: &str, schema: &str, reset: bool) -> PgOpener {
        let mut config: postgres::Config = url.parse().unwrap();
        if reset {
            let mut admin = config
                .connect(postgres::NoTls)
                .unwrap_or_else(|e| panic!("PostgreSQL at SHEGONG_PG_URL is unreachable: {e}"));
            admin
                .batch_execute(&format!(
                    "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};"
                ))
                .unwrap();
        }
        config.options(&format!("-c search_path={schema}"));
        PgOpener {
            config,
            schema: schema.to_owned(),
        }
    }
}

impl Opener for PgOpener {
    type B = Postgres;
    fn backend(&self) -> Postgres {
        Postgres::connect_with(&self.config).unwrap()
    }
    fn fresh(&self, name: &str) -> PgOpener {
        let url = pg_url().unwrap();
        PgOpener::at(&url, &format!("{}_{name}", self.schema), true)
    }
    fn locate(&self) -> (&'static str, String) {
        ("postgres", self.schema.clone())
    }
}

/// Runs the generic test body `$name` on SQLite (`sqlite_$name`) and on PostgreSQL
/// (`pg_$name`).
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(&$crate::common::SqliteOpener::new(concat!("sqlite_", stringify!($name))));
                }
            )*
        }
        mod pg {
            $(
                #[test]
                fn $name() {
                    if let Some(o) = $crate::common::PgOpener::new(stringify!($name)) {
                        super::$name(&o);
                    }
                }
            )*
        }
    };
}

pub fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub fn worker() -> Actor {
    Actor::new("w-li", Role::Worker)
}

/// The moment every test case starts at.
pub const START: &str = "2026-03-02T09:00:00+08:00";

pub fn received(number: &str) -> NewEvent<EventKind> {
    NewEvent::at(
        t(START),
        worker(),
        EventKind::Received {
            case_number: number.parse().unwrap(),
            client: Client {
                id: "c-1".into(),
                name: "王阿姨".into(),
                date_of_birth: None,
            },
            source: Source::Voluntary,
            channel: Channel::InPerson,
            topic: "居家养老".into(),
        },
    )
}

/// A note `seconds` after [`START`].
pub fn note(seconds: i64, text: &str) -> NewEvent<EventKind> {
    NewEvent::at(
        t(START) + Duration::seconds(seconds),
        worker(),
        EventKind::NoteAdded { text: text.into() },
    )
}

/// Opening without consent, `seconds` after [`START`]: core refuses it (`[open-consent]`).
pub fn open_without_consent(seconds: i64) -> NewEvent<EventKind> {
    NewEvent::at(
        t(START) + Duration::seconds(seconds),
        worker(),
        EventKind::Opened {
            summary: "开案".into(),
        },
    )
}

/// The repository's `tests/` folder.
pub fn repo_tests() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// The steps of a step vector: (event JSON, expected outcome).
pub fn steps(vector: &str) -> Vec<(serde_json::Value, serde_json::Value)> {
    let text = std::fs::read_to_string(repo_tests().join("vectors").join(vector)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["event"].clone(), s["expect"].clone()))
        .collect()
}
