//! A stored case history: `Case::from_json`.
//!
//! Asserts: an error is a contract error; an accepted case writes back to JSON that reads to
//! the same case, its chain verifies, and replaying its history against its head gives it again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shegong::case::{Case, CHAIN_VERSION};
use shegong_fuzz::{check_error, text};

fuzz_target!(|data: &[u8]| {
    let Some(s) = text(data) else { return };
    match Case::from_json(s) {
        Ok(case) => {
            let json = case.to_json().unwrap();
            assert_eq!(
                Case::from_json(&json).expect("a written case does not read back"),
                case
            );
            assert!(shegong::history::verify(CHAIN_VERSION, case.history()).is_ok());
            let again = Case::replay_verified(case.history().to_vec(), case.head()).unwrap();
            assert_eq!(again, case);
        }
        Err(e) => {
            check_error(s, e);
        }
    }
});
