//! Dates inside records, events and specs are read exactly as the library writes them,
//! `YYYY-MM-DD`. chrono's own reader also took `1950-5-1`, `+1950-05-01` and spaces around
//! or inside the date, and gave each back as `1950-05-01`: the record written back was not the
//! record given, and a stored history whose event carried a loose date verified, because the
//! chain hashes the date as it is written again. The binding date arguments were already
//! strict (`calendar::iso_date`); this covers every date field that serde reads.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use serde_json::{json, Value};
use shegong::calendar::Calendar;
use shegong::case::new_event_from_json;
use shegong::volunteer::Volunteer;
use shegong::ErrorKind;

fn vector(path: &str) -> Value {
    let full = format!("{}/../tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(full).unwrap()).unwrap()
}

/// The forms chrono read as 1950-05-01 and this library now refuses.
const LOOSE: [&str; 7] = [
    "1950-5-1",
    "1950-05-1",
    "+1950-05-01",
    " 1950-05-01",
    "1950-05-01 ",
    "1950 -05-01",
    "1950-05- 01",
];

/// The first event of the happy path, a `received` event whose client was born 1950-05-01,
/// with the date of birth replaced (or removed, for `None`).
fn received_with_birth(date: Option<Value>) -> String {
    let mut event = vector("case/happy-path.json")["steps"][0]["event"].clone();
    let client = event["event"]["client"].as_object_mut().unwrap();
    match date {
        Some(d) => client.insert("date_of_birth".into(), d),
        None => client.remove("date_of_birth"),
    };
    event.to_string()
}

#[test]
fn a_loose_date_of_birth_is_refused_with_its_path_and_without_repeating_it() {
    assert!(new_event_from_json(&received_with_birth(Some(json!("1950-05-01")))).is_ok());
    for loose in LOOSE {
        let err = new_event_from_json(&received_with_birth(Some(json!(loose)))).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{loose:?}: {err}");
        let msg = err.to_string();
        assert!(msg.contains("YYYY-MM-DD"), "{loose:?}: {msg}");
        assert!(msg.contains("date_of_birth"), "no path in {msg}");
        // A date of birth is personal: the message says what is wrong, not what was given.
        assert!(!msg.contains("1950"), "{loose:?} repeated: {msg}");
    }
}

#[test]
fn an_optional_date_may_be_null_or_left_out_but_not_another_type() {
    let null = new_event_from_json(&received_with_birth(Some(Value::Null))).unwrap();
    let absent = new_event_from_json(&received_with_birth(None)).unwrap();
    assert_eq!(null, absent);
    for wrong in [
        json!(19500501),
        json!(true),
        json!([]),
        json!({}),
        json!(""),
    ] {
        let err = new_event_from_json(&received_with_birth(Some(wrong.clone()))).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{wrong}");
    }
}

#[test]
fn a_day_that_does_not_exist_is_named_as_such() {
    for bad in ["1950-02-30", "1950-13-01", "1950-00-10", "1951-02-29"] {
        let err = new_event_from_json(&received_with_birth(Some(json!(bad)))).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("no such day"), "{bad}: {msg}");
    }
    // 1952 was a leap year.
    assert!(new_event_from_json(&received_with_birth(Some(json!("1952-02-29")))).is_ok());
}

/// A stored volunteer history whose agreement date is written loosely no longer verifies as
/// the history written with `2026-03-05`: the bytes differ, so the history must too.
#[test]
fn a_stored_history_with_a_loose_date_is_refused_not_verified_as_the_canonical_one() {
    let stored =
        vector("volunteer/access-decisions.json")["volunteers"]["general-in_force"].clone();
    let at = "/events/3/event/agreement/effective_from";
    assert_eq!(stored.pointer(at).unwrap(), "2026-03-05");
    assert!(Volunteer::from_json(&stored.to_string()).is_ok());
    for loose in ["2026-3-5", "+2026-03-05", "2026-03-05 ", " 2026-03-05"] {
        let mut edited = stored.clone();
        *edited.pointer_mut(at).unwrap() = json!(loose);
        let err = Volunteer::from_json(&edited.to_string()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed, "{loose:?}");
    }
}

fn calendar_with_closure(date: &str) -> Result<Calendar, shegong::calendar::CalendarError> {
    let spec = json!({"format": 1, "base": "cn-official", "provisional": false,
        "closures": [{"date": date, "note": "培训"}], "extra_workdays": []});
    Calendar::from_json(&spec.to_string())
}

/// A working day in 2006–2025 (a closure must fall on one), by its offset from 2006-01-01.
fn working_day(days: i64) -> Option<chrono::NaiveDate> {
    let date = chrono::NaiveDate::from_ymd_opt(2006, 1, 1)? + chrono::Duration::days(days);
    Calendar::china().is_workday(date).ok()?.then_some(date)
}

/// `date` spelled another way: each is a spelling chrono's reader took as the same day.
fn respell(date: chrono::NaiveDate, how: u8, pad: &str) -> String {
    use chrono::Datelike;
    let (y, m, d) = (date.year(), date.month(), date.day());
    match how % 8 {
        0 => format!("{y}-{m}-{d}"),
        1 => format!("+{y:04}-{m:02}-{d:02}"),
        2 => format!("{pad}{y:04}-{m:02}-{d:02}"),
        3 => format!("{y:04}-{m:02}-{d:02}{pad}"),
        4 => format!("{y:04}{pad}-{m:02}-{d:02}"),
        5 => format!("{y:04}-{m:02}-{pad}{d:02}"),
        6 => format!("{y:04}-{m}-{d:02}"),
        _ => format!("{y:04}-{m:02}-{d}"),
    }
}

proptest! {
    /// Whatever text is read as a date is the text the library writes for that date: the
    /// canonical spelling is read, and no other spelling of the same day is.
    #[test]
    fn only_the_canonical_spelling_of_a_day_is_read(
        days in 0i64..(365 * 20),
        how in any::<u8>(),
        pad in "[ \t\n]{1,2}",
    ) {
        let Some(date) = working_day(days) else {
            return Ok(());
        };
        let canonical = date.format("%Y-%m-%d").to_string();
        let read = calendar_with_closure(&canonical);
        prop_assert!(read.is_ok(), "{}: {:?}", canonical, read.err());
        let spelled = respell(date, how, &pad);
        if spelled != canonical {
            let read = calendar_with_closure(&spelled);
            prop_assert!(read.is_err(), "{:?} was read as {}", spelled, canonical);
        }
    }

    /// Any text at all: when it is read as a date, it is written back unchanged.
    #[test]
    fn a_date_read_is_the_date_written_back(
        sign in "[+-]?",
        year in "[0-9]{1,5}",
        month in "[0-9]{1,3}",
        day in "[0-9]{1,3}",
        before in "[ \t\n]?",
        after in "[ \t\n]?",
        sep in "[-/ ]{1,2}",
    ) {
        let text = format!("{before}{sign}{year}{sep}{month}{sep}{day}{after}");
        if let Ok(calendar) = calendar_with_closure(&text) {
            let spec = serde_json::to_value(calendar.spec()).unwrap();
            prop_assert_eq!(&spec["closures"][0]["date"], &json!(text));
        }
    }
}

/// An agreement record read back (what a platform caching the volunteer's agreements does):
/// the termination's date is as strict as the signatures'.
#[test]
fn an_agreement_records_termination_date_is_read_strictly() {
    use shegong::volunteer::AgreementRecord;
    let stored =
        vector("volunteer/access-decisions.json")["volunteers"]["general-in_force"].clone();
    let volunteer = Volunteer::from_json(&stored.to_string()).unwrap();
    let mut record = serde_json::to_value(&volunteer.agreements()[0]).unwrap();
    record["terminated"] = json!(["2026-09-01", "志愿者退出"]);
    let read: AgreementRecord = serde_json::from_value(record.clone()).unwrap();
    assert_eq!(read.terminated.unwrap().0.to_string(), "2026-09-01");
    for loose in ["2026-9-1", "+2026-09-01", " 2026-09-01"] {
        record["terminated"] = json!([loose, "志愿者退出"]);
        let err = serde_json::from_value::<AgreementRecord>(record.clone()).unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{loose:?}: {err}");
    }
    record["terminated"] = Value::Null;
    assert!(serde_json::from_value::<AgreementRecord>(record.clone())
        .unwrap()
        .terminated
        .is_none());
    record.as_object_mut().unwrap().remove("terminated");
    assert!(serde_json::from_value::<AgreementRecord>(record)
        .unwrap()
        .terminated
        .is_none());
}
