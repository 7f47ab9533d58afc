//! Batch evaluation: every input history gives its rows or one error row, never lost.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;

use common::vectors::check_or_update;
use proptest::prelude::*;
use serde_json::{json, Value};
use shegong::calendar::Calendar;
use shegong::case::Stage;
use shegong::deadline::RuleSet;
use shegong::report::{evaluate_batch, Batch};

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    common::t("2026-06-01T09:00:00+08:00")
}

/// The inputs of the batch vector: valid histories at several stages, and bad ones.
fn inputs() -> Vec<(&'static str, String)> {
    let opened = common::case_at(Stage::Opened).to_json().unwrap();
    let closed = common::case_at(Stage::Closed).to_json().unwrap();
    let mut edited: Value = serde_json::from_str(&opened).unwrap();
    edited["events"][1]["actor"]["id"] = json!("w-wang");
    let mut unknown: Value = serde_json::from_str(&opened).unwrap();
    unknown["extra"] = json!(1);
    vec![
        ("opened", opened),
        ("garbage", "{not json".to_owned()),
        ("closed", closed),
        ("edited", edited.to_string()),
        ("unknown-field", unknown.to_string()),
        ("empty-object", "{}".to_owned()),
    ]
}

fn indexes(b: &Batch) -> Vec<usize> {
    let mut all: Vec<usize> = b
        .cases
        .iter()
        .map(|c| c.index)
        .chain(b.errors.iter().map(|e| e.index))
        .collect();
    all.sort_unstable();
    all
}

#[test]
fn batch_vector_is_current_and_replays() {
    let inputs = inputs();
    let texts: Vec<&str> = inputs.iter().map(|(_, s)| s.as_str()).collect();
    let batch = evaluate_batch(&texts, &RuleSet::preset(), &Calendar::china(), now(), 3).unwrap();
    assert_eq!(indexes(&batch), (0..inputs.len()).collect::<Vec<_>>());
    let v = json!({
        "format": 1,
        "kind": "batch",
        "name": "mixed-histories",
        "rules": ["records-authentic"],
        "description": "valid and broken stored case histories evaluated together: every input gives its rows or one error row, indexed by input position",
        "rule_set": "preset",
        "now": "2026-06-01T09:00:00+08:00",
        "histories": inputs.iter().map(|(name, s)| json!({"name": name, "json": s})).collect::<Vec<_>>(),
        "expect": batch,
    });
    check_or_update("report", "mixed-histories.json", &v);
    // Replay the checked-in file.
    if std::env::var_os("UPDATE_VECTORS").is_none() {
        for (_, v) in common::vectors::read_all("report") {
            let texts: Vec<String> = v["histories"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["json"].as_str().unwrap().to_owned())
                .collect();
            for threads in [0, 1, 2, 8] {
                let got = evaluate_batch(
                    &texts,
                    &RuleSet::preset(),
                    &Calendar::china(),
                    common::t(v["now"].as_str().unwrap()),
                    threads,
                )
                .unwrap();
                assert_eq!(serde_json::to_value(&got).unwrap(), v["expect"]);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every input index appears exactly once in cases ∪ errors, for any mix and any
    /// number of threads (the defect: `h.join().ok()` lost a whole chunk).
    #[test]
    fn batch_never_drops_a_history(picks in prop::collection::vec((0usize..6, any::<String>()), 0..24), threads in 0usize..6) {
        let pool = inputs();
        let texts: Vec<String> = picks.iter().map(|(k, junk)| if *k == 5 { junk.clone() } else { pool[*k].1.clone() }).collect();
        let batch = evaluate_batch(&texts, &RuleSet::preset(), &Calendar::china(), now(), threads).unwrap();
        prop_assert_eq!(indexes(&batch), (0..texts.len()).collect::<Vec<_>>());
        let mut per_case: BTreeMap<usize, usize> = BTreeMap::new();
        for o in &batch.obligations { *per_case.entry(o.index).or_default() += 1; }
        for c in &batch.cases { prop_assert_eq!(per_case.get(&c.index).copied().unwrap_or(0), c.obligations as usize); }
    }
}

// A batch over MAX_BATCH_HISTORIES is a typed limit error, not an out-of-memory.
#[test]
fn batch_over_the_limit_is_limit_exceeded() {
    let texts = vec![""; shegong::limits::MAX_BATCH_HISTORIES + 1];
    let e = evaluate_batch(&texts, &RuleSet::preset(), &Calendar::china(), now(), 2).unwrap_err();
    assert_eq!(e.kind(), shegong::ErrorKind::LimitExceeded);
}
