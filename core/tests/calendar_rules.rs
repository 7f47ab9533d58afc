//! Named examples of the calendar rules: `[calendar-workdays]`, `[deadline-counting]`,
//! `[calendar-provisional]`, and agency calendars.

// Test code: a failed unwrap is a failed test, which is what we want here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use shegong::calendar::{AgencyDay, Calendar, CalendarError, CalendarSpec, DayKind, Festival};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

// [calendar-workdays]: Saturday 2026-02-14 is a 调休 make-up working day for the Spring Festival.
#[test]
fn calendar_workdays_makeup_saturday_2026_02_14() {
    let cal = Calendar::china();
    assert!(cal.is_workday(d(2026, 2, 14)).unwrap());
    let day = cal.day(d(2026, 2, 14)).unwrap();
    assert_eq!(
        day.kind,
        DayKind::MakeupWorkday {
            festivals: vec![Festival::SpringFestival]
        }
    );
}

// [calendar-workdays]: 除夕 2025-01-28 (a Tuesday) is a day off in the Spring Festival break.
#[test]
fn calendar_workdays_chuxi_2025_is_holiday() {
    let cal = Calendar::china();
    assert!(!cal.is_workday(d(2025, 1, 28)).unwrap());
    match cal.day(d(2025, 1, 28)).unwrap().kind {
        DayKind::Holiday {
            name,
            festivals,
            first,
            last,
        } => {
            assert_eq!(name, "春节");
            assert_eq!(festivals, [Festival::SpringFestival]);
            assert_eq!((first, last), (d(2025, 1, 28), d(2025, 2, 4)));
        }
        other => panic!("{other:?}"),
    }
}

// [calendar-workdays]: the special breaks are named.
#[test]
fn calendar_workdays_special_breaks_named() {
    let cal = Calendar::china();
    let name = |date| match cal.day(date).unwrap().kind {
        DayKind::Holiday {
            name, festivals, ..
        } => (name, festivals),
        other => panic!("{date}: {other:?}"),
    };
    assert_eq!(name(d(2015, 9, 3)).1, [Festival::VictoryDay]);
    assert!(name(d(2015, 9, 3)).0.contains("抗日战争"));
    // The 2020 Spring Festival break, extended to 02-02 by the notice of 2020-01-27.
    assert_eq!(
        name(d(2020, 2, 2)),
        (
            "春节（延长假期）".to_owned(),
            vec![Festival::SpringFestival]
        )
    );
    assert!(
        !cal.is_workday(d(2020, 2, 1)).unwrap(),
        "the 02-01 make-up day was cancelled"
    );
    assert_eq!(
        name(d(2023, 9, 29)).1,
        [Festival::MidAutumn, Festival::NationalDay]
    );
    assert_eq!(name(d(2025, 10, 8)).0, "国庆节、中秋节");
    assert_eq!(name(d(2026, 6, 19)).1, [Festival::DragonBoat]);
    assert_eq!(name(d(2026, 4, 5)).1, [Festival::QingMing]);
    // A 元旦 break that starts in the previous year.
    assert_eq!(name(d(2022, 12, 31)).1, [Festival::NewYear]);
    // An ordinary weekend stays a weekend.
    assert_eq!(cal.day(d(2026, 3, 7)).unwrap().kind, DayKind::Weekend);
    assert_eq!(cal.day(d(2026, 3, 6)).unwrap().kind, DayKind::Workday);
    // 2026-09-20 (Sunday) is worked for National Day, per the notice, not for 中秋.
    assert_eq!(
        cal.day(d(2026, 9, 20)).unwrap().kind,
        DayKind::MakeupWorkday {
            festivals: vec![Festival::NationalDay]
        }
    );
}

// [deadline-counting]: counting from Friday 2025-09-26 across the 2025 National Day break.
#[test]
fn deadline_counting_across_national_day_2025() {
    let cal = Calendar::china();
    let friday = d(2025, 9, 26);
    assert_eq!(
        cal.add_workdays(friday, 1).unwrap(),
        d(2025, 9, 28),
        "Sunday 调休 is day 1"
    );
    assert_eq!(cal.add_workdays(friday, 2).unwrap(), d(2025, 9, 29));
    assert_eq!(cal.add_workdays(friday, 4).unwrap(), d(2025, 10, 9));
    assert_eq!(cal.add_workdays(friday, 5).unwrap(), d(2025, 10, 10));
    assert_eq!(
        cal.add_workdays(friday, 6).unwrap(),
        d(2025, 10, 11),
        "Saturday 调休"
    );
    assert_eq!(cal.workdays_between(friday, d(2025, 10, 11)).unwrap(), 6);
}

// [deadline-counting]: the event's own day never counts; an event on a day off counts its
// first working day as day 1; n = 0 is the date itself; negative n counts backwards.
#[test]
fn deadline_counting_conventions() {
    let cal = Calendar::china();
    assert_eq!(cal.add_workdays(d(2026, 2, 13), 1).unwrap(), d(2026, 2, 14));
    // An event on a holiday (2026-10-03): day 1 is the first working day after the break.
    assert_eq!(cal.add_workdays(d(2026, 10, 3), 1).unwrap(), d(2026, 10, 8));
    assert_eq!(cal.add_workdays(d(2026, 10, 3), 0).unwrap(), d(2026, 10, 3));
    // Backwards from Thursday 2026-10-08 over the break: 09-30 is the working day before.
    assert_eq!(
        cal.add_workdays(d(2026, 10, 8), -1).unwrap(),
        d(2026, 9, 30)
    );
    assert_eq!(
        cal.workday_on_or_after(d(2026, 10, 3)).unwrap(),
        d(2026, 10, 8)
    );
    assert_eq!(
        cal.workday_on_or_before(d(2026, 10, 3)).unwrap(),
        d(2026, 9, 30)
    );
    assert_eq!(
        cal.workday_on_or_after(d(2026, 10, 8)).unwrap(),
        d(2026, 10, 8)
    );
}

// [calendar-provisional]: the default calendar refuses dates after the official data,
// naming the date and the covered range; it never answers them as if official.
#[test]
fn calendar_provisional_default_refuses() {
    let cal = Calendar::china();
    let err = cal.is_workday(d(2027, 1, 4)).unwrap_err();
    assert_eq!(
        err,
        CalendarError::OutOfRange {
            date: d(2027, 1, 4),
            first: d(2004, 1, 1),
            last: d(2026, 12, 31),
            official_last: d(2026, 12, 31),
        }
    );
    let msg = err.to_string();
    assert!(
        msg.contains("2027-01-04") && msg.contains("2004-01-01..=2026-12-31"),
        "{msg}"
    );
    assert!(msg.contains("[calendar-provisional]"), "{msg}");
    assert_eq!(err.rule_id(), Some("calendar-provisional"));
    // The answer, not only the input, must be inside the data.
    let err = cal.add_workdays(d(2026, 12, 30), 5).unwrap_err();
    assert!(
        matches!(err, CalendarError::ResultOutOfRange { workdays: 5, .. }),
        "{err:?}"
    );
    assert!(cal.workdays_between(d(2026, 1, 1), d(2027, 1, 1)).is_err());
    assert!(cal.day(d(2003, 12, 31)).is_err());
    assert!(
        cal.add_workdays(d(2004, 1, 2), -1).is_err(),
        "no working day before 2004-01-02 in the data"
    );
    assert!(cal.workdays_in_year(2027).is_err());
}

// [calendar-provisional]: opting in answers by the weekday-only rule and flags it.
#[test]
fn calendar_provisional_opt_in_flags_answers() {
    let cal = Calendar::china().with_provisional(true);
    assert!(cal.allows_provisional());
    let day = cal.day(d(2027, 1, 1)).unwrap();
    assert!(
        day.working,
        "weekday-only: a Friday is a working day, even 元旦 2027"
    );
    assert!(day.provisional);
    assert!(
        !cal.day(d(2026, 12, 31)).unwrap().provisional,
        "2026 is official to its last day"
    );
    let r = cal.add_workdays_checked(d(2026, 12, 30), 5).unwrap();
    assert_eq!(r.value, d(2027, 1, 6));
    assert!(r.provisional);
    let r = cal.add_workdays_checked(d(2026, 12, 1), 5).unwrap();
    assert!(!r.provisional);
    assert!(
        cal.workdays_between_checked(d(2026, 1, 1), d(2027, 1, 1))
            .unwrap()
            .provisional
    );
    assert_eq!(cal.workdays_in_year(2027).unwrap(), 261);
    assert!(cal.year_facts(2027).unwrap().provisional);
    assert!(
        cal.is_workday(d(2100, 1, 1)).is_err(),
        "beyond the provisional horizon"
    );
    assert!(!Calendar::china()
        .with_provisional(true)
        .with_provisional(false)
        .allows_provisional());
}

#[test]
fn agency_calendar_layers_closures_and_duty_days() {
    let training = d(2026, 3, 6); // a Friday
    let duty = d(2026, 3, 7); // a Saturday
    let cal = Calendar::china()
        .with_agency_days(
            "某社工机构",
            vec![AgencyDay {
                date: training,
                note: "全员培训日".into(),
            }],
            vec![AgencyDay {
                date: duty,
                note: "周末值班".into(),
            }],
        )
        .unwrap();
    assert_eq!(cal.name(), "某社工机构");
    assert!(!cal.is_workday(training).unwrap());
    assert!(cal.is_workday(duty).unwrap());
    assert_eq!(
        cal.day(training).unwrap().kind,
        DayKind::AgencyClosure {
            note: "全员培训日".into()
        }
    );
    assert_eq!(
        cal.day(duty).unwrap().kind,
        DayKind::AgencyWorkday {
            note: "周末值班".into()
        }
    );
    // Counting uses the agency's days: from Thursday 03-05, day 1 is Saturday 03-07.
    assert_eq!(cal.add_workdays(d(2026, 3, 5), 1).unwrap(), duty);
    assert_eq!(
        Calendar::china().add_workdays(d(2026, 3, 5), 1).unwrap(),
        training
    );
    // The official calendar is untouched.
    assert!(Calendar::china().is_workday(training).unwrap());
}

#[test]
fn agency_calendar_refuses_contradictions() {
    let day = AgencyDay {
        date: d(2026, 3, 6),
        note: String::new(),
    };
    let err = Calendar::china()
        .with_agency_days("x", vec![day.clone()], vec![day])
        .unwrap_err();
    assert!(
        matches!(err, CalendarError::InvalidAgencyDay { .. }),
        "{err:?}"
    );
    let err = Calendar::china()
        .with_agency_days(
            "x",
            vec![AgencyDay {
                date: d(1999, 1, 4),
                note: String::new(),
            }],
            vec![],
        )
        .unwrap_err();
    assert!(
        matches!(err, CalendarError::InvalidAgencyDay { .. }),
        "{err:?}"
    );
}

#[test]
fn calendar_description_json_round_trip() {
    let cal = Calendar::china()
        .with_provisional(true)
        .with_agency_days(
            "某社工机构",
            vec![AgencyDay {
                date: d(2027, 3, 5),
                note: "培训".into(),
            }],
            vec![AgencyDay {
                date: d(2026, 2, 21),
                note: "春节值班".into(),
            }],
        )
        .unwrap();
    let json = serde_json::to_string(&cal).unwrap();
    assert!(json.contains("\"data_version\""), "{json}");
    let back: Calendar = serde_json::from_str(&json).unwrap();
    assert_eq!(back, cal);
    assert!(back.is_workday(d(2026, 2, 21)).unwrap());
    assert!(!back.is_workday(d(2027, 3, 5)).unwrap());
    let plain: Calendar = serde_json::from_str(r#"{"base":"cn-official"}"#).unwrap();
    assert_eq!(plain, Calendar::china());

    let bad = serde_json::from_str::<Calendar>(r#"{"base":"hk-official"}"#).unwrap_err();
    assert!(bad.to_string().contains("unknown base calendar"), "{bad}");
    let bad =
        serde_json::from_str::<Calendar>(r#"{"base":"cn-official","format":99}"#).unwrap_err();
    assert!(bad.to_string().contains("format 99"), "{bad}");
    let spec = CalendarSpec {
        base: "x".into(),
        ..CalendarSpec::default()
    };
    assert!(matches!(
        Calendar::from_spec(spec),
        Err(CalendarError::UnknownBase { .. })
    ));
}

#[test]
fn calendar_reports_its_data() {
    let cal = Calendar::china();
    assert_eq!(cal.first_date(), d(2004, 1, 1));
    assert_eq!(cal.last_date(), d(2026, 12, 31));
    assert_eq!(cal.official_last_date(), d(2026, 12, 31));
    assert!(!cal.data_version().is_empty());
    assert!(format!("{cal:?}").contains("CN official"));
    let facts = cal.year_facts(2026).unwrap();
    assert_eq!(facts.statutory_holiday_days, Some(13));
    assert_eq!(facts.breaks.len(), 7);
    assert_eq!(
        cal.year_facts(2016).unwrap().statutory_holiday_days,
        Some(11)
    );
}
