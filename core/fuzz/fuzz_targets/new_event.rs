//! New events of the three aggregates: `case::new_event_from_json`,
//! `activity::new_event_from_json` and `volunteer::new_event_from_json`, chosen by the first
//! byte (0, 1, 2).
//!
//! Asserts: an error is a contract error; an accepted event written back to JSON reads to the
//! same event.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shegong::{activity, case, volunteer};
use shegong_fuzz::{check_error, text};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Some(s) = text(rest) else { return };
    match which % 3 {
        0 => match case::new_event_from_json(s) {
            Ok(e) => {
                let json = serde_json::to_string(&e).unwrap();
                assert_eq!(case::new_event_from_json(&json).unwrap(), e);
            }
            Err(err) => {
                check_error(s, err);
            }
        },
        1 => match activity::new_event_from_json(s) {
            Ok(e) => {
                let json = serde_json::to_string(&e).unwrap();
                assert_eq!(activity::new_event_from_json(&json).unwrap(), e);
            }
            Err(err) => {
                check_error(s, err);
            }
        },
        _ => match volunteer::new_event_from_json(s) {
            Ok(e) => {
                let json = serde_json::to_string(&e).unwrap();
                assert_eq!(volunteer::new_event_from_json(&json).unwrap(), e);
            }
            Err(err) => {
                check_error(s, err);
            }
        },
    }
});
