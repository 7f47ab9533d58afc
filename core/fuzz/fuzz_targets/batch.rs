//! The batch API: `report::evaluate_batch` over a few histories, each a valid stored history,
//! one with a fuzzed edit spliced in, or fuzzed text.
//!
//! Asserts: every input index gives exactly its rows or one error row (none lost, none
//! twice), no row reports an internal fault (a panic inside the library), every error row's
//! code is a listed kind, and the result on several threads equals the one on the calling
//! thread (`report::evaluate_histories`).
#![no_main]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use chrono::DateTime;
use libfuzzer_sys::fuzz_target;
use shegong::report::{evaluate_batch, evaluate_histories, INTERNAL};
use shegong::{Calendar, ErrorKind, RuleSet};
use shegong_fuzz::CASE_HISTORIES;

#[derive(Debug, Arbitrary)]
enum Pick {
    Seed(u8),
    Edited {
        seed: u8,
        at: u16,
        cut: u8,
        text: String,
    },
    Raw(String),
}

#[derive(Debug, Arbitrary)]
struct Input {
    picks: Vec<Pick>,
    threads: u8,
    now_days: u16,
}

fn history(pick: &Pick) -> String {
    let seed = |k: u8| CASE_HISTORIES[usize::from(k) % CASE_HISTORIES.len()];
    match pick {
        Pick::Seed(k) => seed(*k).to_owned(),
        Pick::Edited {
            seed: k,
            at,
            cut,
            text,
        } => {
            let s = seed(*k);
            let mut at = usize::from(*at) % (s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + usize::from(*cut)).min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}{}{}", &s[..at], text, &s[end..])
        }
        Pick::Raw(text) => text.clone(),
    }
}

fuzz_target!(|input: Input| {
    let histories: Vec<String> = input.picks.iter().take(6).map(history).collect();
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    let rules = RULES.get_or_init(RuleSet::preset);
    let calendar = Calendar::china();
    let now = DateTime::parse_from_rfc3339("2026-03-01T09:00:00+08:00").unwrap()
        + chrono::Duration::days(i64::from(input.now_days % 400));
    let threads = usize::from(input.threads % 4);
    let batch = evaluate_batch(&histories, rules, &calendar, now, threads).unwrap();
    let mut seen = BTreeSet::new();
    for c in &batch.cases {
        assert!(seen.insert(c.index), "index {} twice", c.index);
    }
    for e in &batch.errors {
        assert_ne!(e.code, INTERNAL, "internal fault: {}", e.message);
        assert!(
            e.code.parse::<ErrorKind>().is_ok(),
            "unlisted code {}",
            e.code
        );
        assert!(seen.insert(e.index), "index {} twice", e.index);
    }
    assert_eq!(seen, (0..histories.len()).collect::<BTreeSet<_>>());
    for o in &batch.obligations {
        assert!(batch.cases.iter().any(|c| c.index == o.index));
    }
    let single = evaluate_histories(
        histories.iter().map(String::as_str),
        rules,
        &calendar,
        now,
        0,
    );
    assert_eq!(batch, single);
});
