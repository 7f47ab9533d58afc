//! Defects the fuzz targets of `core/fuzz` found (see `core/fuzz/README.md`), each test named
//! after the defect it covers. The inputs are the smallest ones that show it.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::Value;
use shegong::case::Case;
use shegong::ErrorKind;

fn stored_case() -> Value {
    let path = format!(
        "{}/../tests/vectors/case/stored-histories.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["histories"][0]["stored"].clone()
}

/// `[records-authentic]`: a tampered sequence number was repeated in the message ("found
/// sequence number 13800131234 where 1 belongs"), so an ID number or phone written into `seq`
/// came back out in the error. A number beyond any history's length is now named as such.
#[test]
fn tampered_sequence_number_is_not_echoed_in_the_message() {
    for seq in [13_800_131_234_u64, 110_105_194_912_310_020, u64::MAX] {
        let mut stored = stored_case();
        stored["events"][0]["seq"] = Value::from(seq);
        let e = Case::from_json(&stored.to_string()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Tampered);
        let msg = e.to_string();
        assert!(!msg.contains(&seq.to_string()), "{msg}");
        assert!(msg.contains("[records-authentic]"), "{msg}");
    }
    // A plausible number is still named: it says which event moved.
    let mut stored = stored_case();
    stored["events"][1]["seq"] = Value::from(3);
    let msg = Case::from_json(&stored.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("found sequence number 3 where 2 belongs"),
        "{msg}"
    );
}

/// A rule set's free-text name (and a rule id in the reason) was repeated verbatim in an
/// `invalid_rule_set` message, so an ID number typed into the name came back out (found by
/// the `rule_set` target: `"name":"苏州某110105491231002机构"` with a rule id used twice). The
/// message now shows long digit runs as `<N digits>`; the error's fields keep the values.
#[test]
fn invalid_rule_set_message_does_not_echo_an_id_number_in_its_name() {
    let mut set: Value =
        serde_json::from_str(&shegong::RuleSet::preset().to_json().unwrap()).unwrap();
    set["name"] = Value::from("苏州某110105491231002机构");
    let rules = set["rules"].as_array_mut().unwrap();
    let first = rules[0].clone();
    rules.push(first);
    let e = shegong::RuleSet::from_json(&set.to_string()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidRuleSet);
    let msg = e.to_string();
    assert!(!msg.contains("110105491231002"), "{msg}");
    assert!(msg.contains("<15 digits>"), "{msg}");
}

/// `[volunteer-registration-fields]` (the ID number, masked in any display, PIPL): a refused mask repeated the widths asked for, and a huge width is a
/// run of digits the caller chose, which can hold the ID number's birth date (the fuzzer's
/// `identity` target asked for 18446743219971111225 trailing characters of an ID born on
/// 1971-11-11). A width beyond an ID number's 18 characters is now only said to be that.
#[test]
fn refused_mask_message_never_repeats_a_huge_width() {
    use shegong::identity::{IdMask, IdNumber};
    let id = IdNumber::parse("11010519491231002X").unwrap();
    for (keep_start, keep_end) in [
        (19_491_231, 0),
        (0, 1_949_123_100),
        (usize::MAX, usize::MAX),
        (110_105_194_912_310_020, 1),
    ] {
        let e = id
            .masked_with(IdMask {
                keep_start,
                keep_end,
            })
            .unwrap_err();
        assert_eq!(
            shegong::Error::from(e.clone()).kind(),
            ErrorKind::InvalidMask
        );
        let msg = e.to_string();
        assert!(!msg.contains("19491231"), "{msg}");
        assert!(msg.contains("more than 18"), "{msg}");
    }
    // A width within an ID's length is still named, so the caller sees what was refused.
    let e = id
        .masked_with(IdMask {
            keep_start: 7,
            keep_end: 0,
        })
        .unwrap_err();
    assert!(e.to_string().contains("asked for 7 and 0"), "{e}");
}
