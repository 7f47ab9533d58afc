//! The strict JSON reader every `from_json` goes through (`shegong::json::from_str`).
//!
//! Asserts: an error is a contract error (`check_error`) of kind `malformed` or
//! `limit_exceeded`; what the strict reader accepts, serde_json accepts with the same value
//! (the strict reader only refuses more: duplicate keys, limits); an accepted value written
//! back out reads again to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use shegong::ErrorKind;
use shegong_fuzz::{check_error, text};

fuzz_target!(|data: &[u8]| {
    let Some(s) = text(data) else { return };
    match shegong::json::from_str::<Value>(s, "value") {
        Ok(v) => {
            let lenient: Value =
                serde_json::from_str(s).expect("serde_json refuses what the strict reader read");
            assert_eq!(lenient, v);
            let again = serde_json::to_string(&v).unwrap();
            let back: Value = shegong::json::from_str(&again, "value")
                .expect("a written value does not read back");
            assert_eq!(back, v);
        }
        Err(e) => {
            let kind = check_error(s, e);
            assert!(
                matches!(kind, ErrorKind::Malformed | ErrorKind::LimitExceeded),
                "unexpected kind {kind:?}"
            );
        }
    }
});
