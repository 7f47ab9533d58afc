//! A rule set: `RuleSet::from_json`, then its obligations on a stored case.
//!
//! Asserts: an error is a contract error; an accepted rule set writes back to JSON that reads
//! to the same set, and evaluating it on a valid history does not panic.
#![no_main]

use std::sync::OnceLock;

use chrono::DateTime;
use libfuzzer_sys::fuzz_target;
use shegong::{Calendar, Case, RuleSet};
use shegong_fuzz::{check_error, text, CASE_HISTORIES};

fuzz_target!(|data: &[u8]| {
    let Some(s) = text(data) else { return };
    match RuleSet::from_json(s) {
        Ok(set) => {
            let json = set.to_json().unwrap();
            assert_eq!(
                RuleSet::from_json(&json).expect("a written rule set does not read back"),
                set
            );
            static CASE: OnceLock<Case> = OnceLock::new();
            let case = CASE.get_or_init(|| Case::from_json(CASE_HISTORIES[0]).unwrap());
            let now = DateTime::parse_from_rfc3339("2026-06-01T09:00:00+08:00").unwrap();
            let _ = set.obligations(case, &Calendar::china(), now);
        }
        Err(e) => {
            check_error(s, e);
        }
    }
});
