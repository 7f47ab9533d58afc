//! The team dashboard over an embedded SQLite store: the second example of the README.
//!
//! On first run it creates `target/dashboard-store/store.sqlite` and stores the dashboard's
//! demo cases and activities (the same data as `cargo run -p shegong-examples --bin
//! dashboard`); every run then reads them back, verifying each chain against its stored
//! head, and prints what each worker still owes as of 09:00 on 2026-10-13.
//!
//! ```sh
//! cargo run -p shegong-store --example dashboard-store            # every worker
//! cargo run -p shegong-store --example dashboard-store -- 李社工   # one worker
//! ```

#[path = "../../examples/demo.rs"]
mod demo;

use shegong::activity::Activity;
use shegong::case::Case;
use shegong::deadline::RuleSet;
use shegong::Calendar;
use shegong_store::{Sqlite, Store};

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Fallible<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/dashboard-store");
    std::fs::create_dir_all(&dir)?;
    let path = dir.canonicalize()?.join("store.sqlite");
    let mut store = Store::open(Sqlite::open(&path)?)?;
    if store.ids::<Case>()?.is_empty() {
        let (cases, activities) = demo::demo()?;
        for case in &cases {
            store.insert(case)?;
        }
        for activity in &activities {
            store.insert(activity)?;
        }
        println!(
            "created {} with {} cases and {} activities",
            path.display(),
            cases.len(),
            activities.len()
        );
    } else {
        println!("reading {}", path.display());
    }

    let calendar = Calendar::china();
    let rules = RuleSet::preset();
    let now = demo::at("2026-10-13T09:00:00+08:00")?;
    let cases: Vec<Case> = store.load_all()?;
    let activities: Vec<Activity> = store.load_all()?;
    println!(
        "{} cases and {} activities read back, every chain verified against its stored head\n",
        cases.len(),
        activities.len()
    );
    for case in &cases {
        let s = case.state();
        println!(
            "  {}  {}  worker {}  stage {} ({})",
            s.case_number,
            s.topic,
            s.worker,
            s.stage.zh(),
            s.stage.name()
        );
    }

    let mut workers: Vec<String> = cases.iter().map(|c| c.state().worker.clone()).collect();
    workers.sort();
    workers.dedup();
    if let Some(one) = std::env::args().nth(1) {
        workers = vec![one];
    }
    for worker in &workers {
        let open = store.open_obligations(worker, &rules, &calendar, now)?;
        println!(
            "\n{worker}: {} open obligations as of {now}, most urgent first",
            open.len()
        );
        for o in &open {
            println!("  {} {} {} · {}", o.status.zh(), o.subject, o.rule, o.owed);
        }
    }

    let batch = store.export_batch(&rules, &calendar, now, 1)?;
    println!(
        "\nresearch export: {} obligation rows over {} cases, {} unreadable",
        batch.obligations.len(),
        batch.cases.len(),
        batch.errors.len()
    );
    Ok(())
}
