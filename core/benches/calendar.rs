//! Criterion benchmarks of the three calendar workloads (target: ≤ 20 ns per call).
//! `scripts/bench-calendar` runs these beside the PyPI package `chinesecalendar`.

// Test code: a failed unwrap is a failed test, which is what we want here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shegong::Calendar;

/// Deterministic pseudo-random dates in 2004-01-01 ..= 2025-12-31 (so `d + 365` stays official).
fn dates(n: usize) -> Vec<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(2004, 1, 1).unwrap();
    let span = 8036u64; // days from 2004-01-01 to 2025-12-31
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            start + Days::new(x % span)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cal = Calendar::china();
    let ds = dates(4096);
    let ahead: Vec<NaiveDate> = ds.iter().map(|d| *d + Days::new(365)).collect();
    let mut g = c.benchmark_group("calendar");
    g.throughput(Throughput::Elements(ds.len() as u64));
    g.bench_function("is_workday", |b| {
        b.iter(|| {
            for d in &ds {
                black_box(cal.is_workday(black_box(*d)).unwrap());
            }
        })
    });
    g.bench_function("add_workdays_10", |b| {
        b.iter(|| {
            for d in &ds {
                black_box(cal.add_workdays(black_box(*d), 10).unwrap());
            }
        })
    });
    g.bench_function("workdays_between_365d", |b| {
        b.iter(|| {
            for (a, z) in ds.iter().zip(&ahead) {
                black_box(cal.workdays_between(black_box(*a), black_box(*z)).unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
