//! A needs-assessment or service record: `assessment::Record::from_json`.
//!
//! Asserts: an error is a contract error; an accepted record writes back to JSON that reads
//! to the same record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shegong::assessment::Record;
use shegong_fuzz::{check_error, text};

fuzz_target!(|data: &[u8]| {
    let Some(s) = text(data) else { return };
    match Record::from_json(s) {
        Ok(r) => {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(
                Record::from_json(&json).expect("a written record does not read back"),
                r
            );
        }
        Err(e) => {
            check_error(s, e);
        }
    }
});
