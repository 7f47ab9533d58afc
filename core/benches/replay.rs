//! Criterion benchmarks of reading and replaying case histories (issue 13 targets: `Case::replay`
//! of parsed events ≥ 2,000,000 events/s, `Case::from_json` ≥ 1,000,000 events/s, one core),
//! each beside its floor measured in the same run: SHA-256 over the events' canonical bytes
//! alone, and a plain serde parse of the same text into the typed history (no limits, no
//! duplicate-key check, no guards) or into a `serde_json::Value`.
//!
//! `cargo bench -p shegong --bench replay`; criterion prints each line's events/s
//! ("thrpt").

// Test code: a failed unwrap is a failed test, which is what we want here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use sha2::{Digest, Sha256};
use shegong::case::{Case, StoredCase};

fn bench(c: &mut Criterion) {
    let mut case = Case::start(common::happy_path().remove(0)).unwrap();
    for e in common::happy_path().into_iter().skip(1) {
        case.apply(e).unwrap();
    }
    let events = case.history().to_vec();
    let n = events.len() as u64;
    let text = case.to_json().unwrap();
    // The bytes the chain hashes: each event without its own hash, as canonical JSON.
    let canonical: Vec<Vec<u8>> = events
        .iter()
        .map(|e| {
            let mut v = serde_json::to_value(e).unwrap();
            v.as_object_mut().unwrap().remove("hash");
            serde_json::to_vec(&v).unwrap()
        })
        .collect();
    eprintln!(
        "history: {n} events, {} bytes of JSON, {} canonical bytes hashed",
        text.len(),
        canonical.iter().map(Vec::len).sum::<usize>()
    );

    // `REPLAY_COUNT=<name>:<n>` runs one workload n times and exits, for `perf stat -e
    // instructions:u`: a count that stays comparable on a busy machine, where times do not.
    if let Some((name, count)) = std::env::var("REPLAY_COUNT").ok().and_then(|v| {
        v.split_once(':')
            .map(|(a, b)| (a.to_owned(), b.parse::<u32>().unwrap()))
    }) {
        for _ in 0..count {
            match name.as_str() {
                "case_replay_parsed_events" => drop(black_box(Case::replay(events.clone()))),
                "clone_events" => drop(black_box(events.clone())),
                "case_from_json" => drop(black_box(Case::from_json(&text))),
                "floor_serde_typed_parse" => {
                    drop(black_box(serde_json::from_str::<StoredCase>(&text)))
                }
                "floor_serde_value_parse" => {
                    drop(black_box(serde_json::from_str::<serde_json::Value>(&text)))
                }
                other => panic!("no workload {other}"),
            }
        }
        std::process::exit(0);
    }

    let mut g = c.benchmark_group("replay");
    g.throughput(Throughput::Elements(n));
    g.bench_function("case_replay_parsed_events", |b| {
        b.iter_batched(
            || events.clone(),
            |ev| black_box(Case::replay(ev).unwrap()),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("case_from_json", |b| {
        b.iter(|| black_box(Case::from_json(black_box(&text)).unwrap()))
    });
    g.bench_function("floor_sha256_canonical_bytes", |b| {
        b.iter(|| {
            for bytes in &canonical {
                black_box(Sha256::digest(black_box(bytes)));
            }
        })
    });
    g.bench_function("floor_serde_typed_parse", |b| {
        b.iter(|| black_box(serde_json::from_str::<StoredCase>(black_box(&text)).unwrap()))
    });
    g.bench_function("floor_serde_value_parse", |b| {
        b.iter(|| black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
