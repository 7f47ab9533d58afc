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
