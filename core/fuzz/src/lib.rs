//! The library's contract, checked by every fuzz target: what must hold of an error, and the
//! valid inputs the structured targets start from.
//!
//! A fuzz target fails (panics, which libFuzzer reports as a crash) when the library panics,
//! and also when it answers against its contract: an error whose kind is not in
//! [`ErrorKind::ALL`], a message that echoes an ID number or phone from the input, or a
//! value that does not survive its own round trip.

use shegong::{Error, ErrorKind};

/// The stored case histories the structured targets start from (seeds of `case_history`).
pub const CASE_HISTORIES: &[&str] = &[
    include_str!("../seeds/case_history/intact.json"),
    include_str!("../seeds/case_history/truncated.json"),
    include_str!("../seeds/case_history/edited.json"),
];

/// The vectors whose steps `case_apply` draws events from.
pub const CASE_STEP_VECTORS: &[&str] = &[
    include_str!("../../../tests/vectors/case/happy-path.json"),
    include_str!("../../../tests/vectors/case/crisis-fast-track.json"),
    include_str!("../../../tests/vectors/case/consultation-limit-and-reply.json"),
    include_str!("../../../tests/vectors/case/refer-out-consent.json"),
    include_str!("../../../tests/vectors/case/terminate-no-contact.json"),
];

/// Checks an error against the contract and returns its kind: the kind is one of
/// [`ErrorKind::ALL`], its code reads back as the kind, the message is not empty, does not
/// start with a capital, and repeats no run of 11 or more digits found in `input` (an ID
/// number or phone the caller passed).
///
/// # Panics
/// When the error breaks the contract: that is the finding.
pub fn check_error(input: &str, e: impl Into<Error>) -> ErrorKind {
    let e: Error = e.into();
    let kind = e.kind();
    assert!(
        ErrorKind::ALL.contains(&kind),
        "kind {kind:?} is not listed"
    );
    assert_eq!(kind.code().parse::<ErrorKind>().ok(), Some(kind));
    assert_eq!(e.code(), kind.code());
    let message = e.to_string();
    assert!(!message.is_empty(), "empty message for {kind:?}");
    assert!(
        !message.starts_with(|c: char| c.is_ascii_uppercase()),
        "message starts with a capital: {message}"
    );
    if let Some(run) = echoed_digits(input, &message) {
        panic!("the message echoes the input's digits {run}: {message}");
    }
    kind
}

/// The first run of 11 or more ASCII digits in `message` that stands as a word of its own
/// (an ID number may end in `X`) and also occurs in `input`. Digit runs inside longer words,
/// such as a hexadecimal hash, do not count: they cannot be read as a number.
pub fn echoed_digits<'a>(input: &str, message: &'a str) -> Option<&'a str> {
    let bytes = message.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run = &message[start..i];
        let before_ok = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        let mut end = i;
        if end < bytes.len() && (bytes[end] == b'X' || bytes[end] == b'x') {
            end += 1;
        }
        let after_ok = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if run.len() >= 11 && before_ok && after_ok && input.contains(run) {
            return Some(run);
        }
    }
    None
}

/// The input as text, or `None` for bytes that are not UTF-8 (every entry point takes `&str`).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

#[cfg(test)]
mod tests {
    use super::echoed_digits;

    #[test]
    fn a_standalone_phone_is_found_and_a_hash_is_not() {
        let input = r#"{"phone":"13800131234","head":"ab12345678901234cd"}"#;
        assert_eq!(
            echoed_digits(input, "bad phone 13800131234 here"),
            Some("13800131234")
        );
        assert_eq!(echoed_digits(input, "head ab12345678901234cd"), None);
        assert_eq!(echoed_digits(input, "1380013123"), None);
    }
}
