//! Resident ID numbers and phone numbers: `IdNumber::parse`, `Phone::parse`, and masking with
//! fuzzed widths (`IdNumber::masked_with`).
//!
//! Asserts: an error is a contract error (it never echoes the input's digits); a parsed ID
//! number reads back from its full value, and a mask within `IdMask::MAX_KEEP_*` never shows
//! the birth date (characters 7-14), while a wider one is refused with `invalid_mask`; a
//! parsed phone reads back from its digits and its masked form hides its middle digits.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use shegong::identity::{IdMask, IdNumber, Phone};
use shegong::ErrorKind;
use shegong_fuzz::check_error;

#[derive(Debug, Arbitrary)]
struct Input {
    id: String,
    phone: String,
    keep_start: usize,
    keep_end: usize,
}

fuzz_target!(|input: Input| {
    match IdNumber::parse(&input.id) {
        Ok(id) => {
            assert_eq!(IdNumber::parse(id.expose()).unwrap(), id);
            let full = id.expose().to_owned();
            assert!(!id.masked().contains(&full[6..14]));
            assert!(!format!("{id} {id:?}").contains(&full));
            let mask = IdMask {
                keep_start: input.keep_start,
                keep_end: input.keep_end,
            };
            match id.masked_with(mask) {
                Ok(m) => {
                    assert!(input.keep_start <= IdMask::MAX_KEEP_START);
                    assert!(input.keep_end <= IdMask::MAX_KEEP_END);
                    assert_eq!(m.chars().count(), full.chars().count());
                    assert!(
                        m.chars().skip(6).take(8).all(|c| c == '*'),
                        "birth date shown: {m}"
                    );
                }
                Err(e) => {
                    // The message names the widths asked for, which the caller chose and may
                    // by chance share digits with the ID: check it never shows the ID itself.
                    let message = e.to_string();
                    assert!(
                        !message.contains(&full) && !message.contains(&full[6..14]),
                        "{message}"
                    );
                    let kind = check_error("", e);
                    assert_eq!(kind, ErrorKind::InvalidMask);
                    assert!(
                        input.keep_start > IdMask::MAX_KEEP_START
                            || input.keep_end > IdMask::MAX_KEEP_END
                    );
                }
            }
        }
        Err(e) => {
            assert_eq!(check_error(&input.id, e), ErrorKind::InvalidIdNumber);
        }
    }
    match Phone::parse(&input.phone) {
        Ok(p) => {
            assert_eq!(Phone::parse(p.digits()).unwrap(), p);
            let masked = p.masked();
            assert!(
                !masked.contains(p.digits()),
                "phone shown in full: {masked}"
            );
            assert!(!format!("{p} {p:?}").contains(p.digits()));
        }
        Err(e) => {
            assert_eq!(check_error(&input.phone, e), ErrorKind::InvalidPhone);
        }
    }
});
