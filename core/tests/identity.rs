//! Resident ID numbers (GB 11643-1999) and phone numbers: validation, derivation, masking.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use shegong::identity::*;

#[test]
fn id_number_valid_examples() {
    let id = IdNumber::parse("11010519491231002X").unwrap();
    assert_eq!(id.birth_date().to_string(), "1949-12-31");
    assert_eq!(id.sex(), Sex::Female);
    assert_eq!(id.region_code(), "110105");
    assert_eq!(id.expose(), "11010519491231002X");
    // Lowercase x is read as X; surrounding spaces are trimmed.
    assert_eq!(IdNumber::parse(" 11010519491231002x ").unwrap(), id);
    // A male number (odd 17th digit).
    let male = IdNumber::parse("440524188001010014").unwrap();
    assert_eq!(
        (male.sex(), male.birth_date().to_string().as_str()),
        (Sex::Male, "1880-01-01")
    );
}

#[test]
fn id_number_fifteen_digits_upgrade() {
    // 15-digit first-generation numbers: 6 region + YYMMDD + 3 sequence, upgraded to 18.
    let old = IdNumber::parse("110105491231002").unwrap();
    assert_eq!(old.expose(), "11010519491231002X");
    assert_eq!(old.birth_date().to_string(), "1949-12-31");
    assert!(IdNumber::parse("11010549123100A").is_err());
}

#[test]
fn id_number_invalid_examples() {
    for bad in [
        "110105194912310021", // wrong check character
        "11010519491231002Y", // not a digit or X
        "110105194902300028", // 1949-02-30 does not exist
        "110105194913010020", // month 13
        "1101051949123100",   // 16 characters
        "",
        "11010519491231002X1",
        "110105491331002", // 15 digits, month 13
    ] {
        let err = IdNumber::parse(bad).unwrap_err();
        assert_eq!(err.code(), "invalid_id_number", "{bad}");
        if bad.len() >= 12 {
            assert!(
                !err.to_string().contains(bad),
                "the error must not repeat the number: {err}"
            );
        }
    }
}

#[test]
fn id_number_never_leaks_through_debug_or_display() {
    let id = IdNumber::parse("11010519491231002X").unwrap();
    assert_eq!(id.to_string(), "110105********002X");
    assert_eq!(format!("{id:?}"), "IdNumber(110105********002X)");
    assert_eq!(
        format!("{:?}", Some(&id)),
        "Some(IdNumber(110105********002X))"
    );
    assert_eq!(
        id.masked_with(IdMask {
            keep_start: 3,
            keep_end: 2
        })
        .unwrap(),
        "110*************2X"
    );
    // A mask wider than the documented maximum is refused: the birth date stays hidden.
    assert_eq!(
        id.masked_with(IdMask {
            keep_start: 10,
            keep_end: 10
        })
        .unwrap_err()
        .code(),
        "invalid_mask"
    );
    // Serialisation keeps the full value (the record needs it); a redacted view masks it.
    assert_eq!(
        serde_json::to_string(&id).unwrap(),
        "\"11010519491231002X\""
    );
    assert!(serde_json::from_str::<IdNumber>("\"110105194912310021\"").is_err());
}

#[test]
fn phones_validated_and_masked() {
    let p = Phone::mobile("13800131234").unwrap();
    assert_eq!(
        (p.to_string().as_str(), p.kind()),
        ("138****1234", PhoneKind::Mobile)
    );
    assert_eq!(format!("{p:?}"), "Phone(138****1234)");
    for same in [
        "+86 138 0013 1234",
        "86-138-0013-1234",
        "(+86)13800131234",
        "138-0013-1234",
    ] {
        assert_eq!(Phone::parse(same).unwrap(), p, "{same}");
    }
    let landline = Phone::parse("0512-65211234").unwrap();
    assert_eq!(
        (landline.kind(), landline.to_string().as_str()),
        (PhoneKind::Landline, "0512-****1234")
    );
    assert_eq!(
        Phone::parse("010-12345678").unwrap().to_string(),
        "010-****5678"
    );
    assert!(
        Phone::mobile("0512-65211234").is_err(),
        "a landline is not a mobile"
    );
    for bad in [
        "12800131234",
        "1380013123",
        "138001312345",
        "abc",
        "",
        "+1 415 555 0100",
        "11111111111",
    ] {
        let err = Phone::parse(bad).unwrap_err();
        assert_eq!(err.code(), "invalid_phone", "{bad}");
    }
    assert!(!Phone::parse("138001312345")
        .unwrap_err()
        .to_string()
        .contains("138001312345"));
}

fn valid_id() -> impl Strategy<Value = String> {
    (
        100000u32..=659004,
        1900i32..2026,
        1u32..=12,
        1u32..=28,
        0u32..1000,
    )
        .prop_map(|(region, y, m, d, seq)| {
            let body = format!("{region:06}{y:04}{m:02}{d:02}{seq:03}");
            let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            let sum: u32 = body
                .chars()
                .zip(weights)
                .map(|(c, w)| c.to_digit(10).unwrap() * w)
                .sum();
            let check =
                ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
            format!("{body}{check}")
        })
}

proptest! {
    // Every well-formed number validates, round-trips, and masks without leaking its middle.
    #[test]
    fn valid_ids_round_trip_and_mask(s in valid_id()) {
        let id = IdNumber::parse(&s).unwrap();
        prop_assert_eq!(id.expose(), s.as_str());
        let shown = format!("{id} {id:?}");
        prop_assert!(!shown.contains(&s[6..14]), "the birth date never shows");
        // Changing the check character always breaks it.
        let last = s.chars().last().unwrap();
        for c in ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'] {
            if c != last {
                let mut wrong = s[..17].to_owned();
                wrong.push(c);
                prop_assert!(IdNumber::parse(&wrong).is_err());
            }
        }
    }

    // Nothing panics on arbitrary input.
    #[test]
    fn arbitrary_input_never_panics(s in ".{0,24}") {
        let _ = IdNumber::parse(&s);
        let _ = Phone::parse(&s);
    }
}

/// Whether `text` holds a run of 11 or more digits outside a 64-character hexadecimal word.
fn has_long_number(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !(w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit())))
        .any(|w| {
            w.split(|c: char| !c.is_ascii_digit())
                .any(|run| run.len() >= WITHHELD_DIGITS)
        })
}

#[test]
fn numbers_are_withheld_wherever_they_stand() {
    let hash = "d53d7a1c0e5b4f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a61";
    for (text, want) in [
        // Whole words, inside words, with an ID number's X.
        (
            "expected 110101199003071234, found x",
            "expected <number withheld>, found x",
        ),
        ("ID110101199003071234", "ID<number withheld>"),
        ("k11010519491231002X:", "k<number withheld>:"),
        (
            "shift \"s13812345678\" exists",
            "shift \"s<number withheld>\" exists",
        ),
        // Grouped with hyphens or spaces, and in a case number.
        ("call 138-1234-5678 now", "call <number withheld> now"),
        ("+86 138 1234 5678", "+86 <number withheld>"),
        ("110101 19900307 1234", "<number withheld>"),
        ("13812345678-2026-0001 is", "<number withheld> is"),
        // Kept: dates, case numbers, counts, short numbers and a chain hash.
        ("due 2026-10-13, 2026-10-14", "due 2026-10-13, 2026-10-14"),
        ("SZ-2026-0001 event #12", "SZ-2026-0001 event #12"),
        ("over 1048576 bytes", "over 1048576 bytes"),
        ("1234567890", "1234567890"),
        (hash, hash),
    ] {
        assert_eq!(withhold_numbers(text), want, "{text}");
    }
    assert_eq!(WITHHELD, "<number withheld>");
}

#[test]
fn a_short_input_is_masked_more_than_an_id_number() {
    // An 11-digit mobile number typed where an ID number belongs keeps 3 and 2 digits, not 10.
    let err = IdNumber::parse("13812345678").unwrap_err().to_string();
    assert!(err.contains("138******78"), "{err}");
    // A full-length but invalid number keeps the default mask's 6 and 4.
    let err = IdNumber::parse("110105194912310021")
        .unwrap_err()
        .to_string();
    assert!(err.contains("110105********0021"), "{err}");
}

proptest! {
    // However a number is surrounded, grouped or repeated, none leaves `withhold_numbers`,
    // and withholding twice changes nothing more.
    #[test]
    fn no_long_number_survives_withholding(
        before in "[a-zA-Z #:\"-]{0,6}",
        id in valid_id(),
        phone in "1[3-9][0-9]{9}",
        sep in prop::sample::select(vec!["", "-", " "]),
        after in "[a-zA-Z #:\",-]{0,6}",
        noise in ".{0,40}",
    ) {
        let grouped = format!("{}{sep}{}{sep}{}", &phone[..3], &phone[3..7], &phone[7..]);
        let text = format!("{before}{id}{after}{noise}{before}{grouped}{after}");
        let once = withhold_numbers(&text);
        prop_assert!(!once.contains(&id[..17]), "{}", once);
        prop_assert!(!once.contains(&phone[3..]), "{}", once);
        prop_assert!(!has_long_number(&once), "{}", once);
        prop_assert_eq!(withhold_numbers(&once), once.clone());
    }

    // Text without a long number passes unchanged.
    #[test]
    fn text_without_numbers_is_unchanged(text in "[^0-9]{0,60}") {
        prop_assert_eq!(withhold_numbers(&text), text);
    }
}
