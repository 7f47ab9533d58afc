//! A stored volunteer history: `Volunteer::from_json` (format 2, chained, and format 1, unchained).
//!
//! Asserts: an error is a contract error; an accepted volunteer writes back to JSON that reads to
//! the same volunteer, and replaying its history gives it again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shegong::volunteer::Volunteer;
use shegong_fuzz::{check_error, text};

fuzz_target!(|data: &[u8]| {
    let Some(s) = text(data) else { return };
    match Volunteer::from_json(s) {
        Ok(x) => {
            let json = x.to_json().unwrap();
            assert_eq!(
                Volunteer::from_json(&json).expect("a written volunteer does not read back"),
                x
            );
            assert_eq!(Volunteer::replay(x.history().to_vec()).unwrap(), x);
        }
        Err(e) => {
            check_error(s, e);
        }
    }
});
