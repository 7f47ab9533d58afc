//! Recorded case events: `shegong::case::events_from_json`, then `Case::replay`.
//!
//! The first byte chooses whether the events are re-chained (their hashes recomputed) before
//! the replay, so that edits made by the fuzzer reach the guards instead of stopping at the
//! chain check. Asserts: every error is a contract error; a replayed case holds exactly the
//! events given, and writes to JSON that reads back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shegong::case::{events_from_json, Case, CHAIN_VERSION, GENESIS_HASH};
use shegong_fuzz::{check_error, text};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Some(s) = text(rest) else { return };
    let mut events = match events_from_json(s) {
        Ok(events) => events,
        Err(e) => {
            check_error(s, e);
            return;
        }
    };
    if flags & 1 == 1 {
        let mut prev = GENESIS_HASH.to_owned();
        for e in &mut events {
            e.prev_hash = prev;
            e.hash = e.hash_in(CHAIN_VERSION);
            prev = e.hash.clone();
        }
    }
    match Case::replay(events.clone()) {
        Ok(case) => {
            assert_eq!(case.history(), &events[..]);
            let json = case.to_json().unwrap();
            assert_eq!(
                Case::from_json(&json).expect("a replayed case does not read back"),
                case
            );
        }
        Err(e) => {
            check_error(s, e);
        }
    }
});
