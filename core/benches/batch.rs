//! `report::evaluate_batch` over a JSON Lines file of stored histories, timed best of 5, on
//! one thread and on two: the Rust figure of `scripts/bench-python batch`, which runs the same
//! file through the Python and WebAssembly bindings and prints the ratios. Beside it, on the same
//! threads, the floor any evaluation stands on: a plain serde parse of every line into the typed
//! history (no limits, no duplicate-key check, no chain, no guards, no evaluation), and that
//! parse plus SHA-256 over the line's bytes (as many as a chain's canonical bytes, give or take
//! the hash fields: what verifying a chain cannot skip). Also the file read from disk in blocks
//! while two threads evaluate (`report::evaluate_json_lines_from`), reading included.
//! Prints one JSON line.
//!
//! `SHEGONG_BATCH_FILE=<histories.jsonl> SHEGONG_BATCH_NOW=<instant> cargo bench -p shegong
//! --bench batch`; without the file it says so and does nothing.

// Test code: a failed unwrap is a failed benchmark, which is what we want here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Instant;

use sha2::{Digest, Sha256};
use shegong::case::StoredCase;
use shegong::deadline::RuleSet;
use shegong::report::{evaluate_batch, evaluate_json_lines_from};
use shegong::Calendar;

fn main() {
    let Ok(file) = std::env::var("SHEGONG_BATCH_FILE") else {
        eprintln!("batch: set SHEGONG_BATCH_FILE (scripts/bench-batch does); nothing to do");
        return;
    };
    let now = std::env::var("SHEGONG_BATCH_NOW").unwrap_or("2026-11-23T09:00:00+08:00".into());
    let now = chrono::DateTime::parse_from_rfc3339(&now).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    let (rules, calendar) = (RuleSet::preset(), Calendar::china());
    let best = |threads: usize| {
        (0..5)
            .map(|_| {
                let t0 = Instant::now();
                let batch = evaluate_batch(&lines, &rules, &calendar, now, threads).unwrap();
                assert!(batch.errors.is_empty(), "{:?}", batch.errors.first());
                (t0.elapsed().as_secs_f64() * 1e3, batch.obligations.len())
            })
            .fold((f64::INFINITY, 0), |(b, _), (ms, rows)| (b.min(ms), rows))
    };
    let (one, rows) = best(1);
    let (two, _) = best(2);
    let floor = |threads: usize, hash: bool| {
        let part = |part: &[&str]| {
            for line in part {
                let stored: StoredCase = serde_json::from_str(line).unwrap();
                if hash {
                    std::hint::black_box(Sha256::digest(line.as_bytes()));
                }
                std::hint::black_box(stored);
            }
        };
        let chunk = lines.len().div_ceil(threads).max(1);
        (0..5)
            .map(|_| {
                let t0 = Instant::now();
                std::thread::scope(|s| {
                    for p in lines.chunks(chunk) {
                        s.spawn(move || part(p));
                    }
                });
                t0.elapsed().as_secs_f64() * 1e3
            })
            .fold(f64::INFINITY, f64::min)
    };
    // The same file read from disk in blocks while the threads evaluate (what the Python
    // binding's `evaluate_jsonl(path)` runs), reading included.
    let streamed = (0..5)
        .map(|_| {
            let t0 = Instant::now();
            let reader = std::fs::File::open(&file).unwrap();
            let batch = evaluate_json_lines_from(reader, &rules, &calendar, now, 2).unwrap();
            assert_eq!(batch.obligations.len(), rows);
            t0.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min);
    let (parse1, parse2) = (floor(1, false), floor(2, false));
    let (hash1, hash2) = (floor(1, true), floor(2, true));
    println!(
        "{{\"ms_1_thread\": {one:.3}, \"ms_2_threads\": {two:.3}, \"ms_file_streamed_2_threads\": {streamed:.3}, \"histories\": {}, \"rows\": {rows}, \
         \"floor_parse_ms_1_thread\": {parse1:.3}, \"floor_parse_ms_2_threads\": {parse2:.3}, \
         \"floor_parse_hash_ms_1_thread\": {hash1:.3}, \"floor_parse_hash_ms_2_threads\": {hash2:.3}}}",
        lines.len()
    );
}
