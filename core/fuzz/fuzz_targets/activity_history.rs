//! A stored activity history: `Activity::from_json` (format 2, chained, and format 1, unchained).
//!
//! Asserts: an error is a contract error; an accepted activity writes back to JSON that reads to
//! the same activity, and replaying its history gives it again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shegong::activity::Activity;
use shegong_fuzz::{check_error, text};

fuzz_target!(|data: &[u8]| {
    let Some(s) = text(data) else { return };
    match Activity::from_json(s) {
        Ok(x) => {
            let json = x.to_json().unwrap();
            assert_eq!(
                Activity::from_json(&json).expect("a written activity does not read back"),
                x
            );
            assert_eq!(Activity::replay(x.history().to_vec()).unwrap(), x);
        }
        Err(e) => {
            check_error(s, e);
        }
    }
});
