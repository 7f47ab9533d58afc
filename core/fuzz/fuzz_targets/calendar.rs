//! An agency calendar: `Calendar::from_json`.
//!
//! Asserts: an error is a contract error; an accepted calendar writes back to JSON that reads
//! to the same calendar, and answers for each of its own closures and extra working days
//! (a closure is not a working day, an extra working day is one) or refuses with a contract error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shegong::Calendar;
use shegong_fuzz::{check_error, text};

fuzz_target!(|data: &[u8]| {
    let Some(s) = text(data) else { return };
    match Calendar::from_json(s) {
        Ok(cal) => {
            let json = serde_json::to_string(&cal).unwrap();
            assert_eq!(
                Calendar::from_json(&json).expect("a written calendar does not read back"),
                cal
            );
            let spec = cal.spec().clone();
            for c in &spec.closures {
                match cal.is_workday(c.date) {
                    Ok(w) => assert!(!w, "a closure is a working day"),
                    Err(e) => {
                        check_error(s, e);
                    }
                }
            }
            for d in &spec.extra_workdays {
                match cal.is_workday(d.date) {
                    Ok(w) => assert!(w, "an extra working day is not one"),
                    Err(e) => {
                        check_error(s, e);
                    }
                }
            }
        }
        Err(e) => {
            check_error(s, e);
        }
    }
});
