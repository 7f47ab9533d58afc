//! Property tests of working-day arithmetic (`[calendar-workdays]`, `[deadline-counting]`,
//! `[calendar-provisional]`).

// Test code: a failed unwrap is a failed test, which is what we want here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use shegong::calendar::{Calendar, CalendarError};

fn official_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..8401).prop_map(|k| NaiveDate::from_ymd_opt(2004, 1, 1).unwrap() + Days::new(k))
}

/// Dates well outside the data too, 1990 ..= 2110.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..44_195).prop_map(|k| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + Days::new(k))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    // [deadline-counting] round trip: workdays_between(d, add_workdays(d, n)) == n.
    #[test]
    fn deadline_counting_round_trip(d in official_date(), n in -400i64..400) {
        let cal = Calendar::china();
        if let Ok(r) = cal.add_workdays(d, n) {
            if n >= 0 || cal.is_workday(d).unwrap() {
                prop_assert_eq!(cal.workdays_between(d, r).unwrap(), n);
            }
            if n != 0 {
                prop_assert!(cal.is_workday(r).unwrap(), "the answer is a working day");
                prop_assert_eq!(r > d, n > 0);
            }
        }
    }

    // [calendar-workdays] monotonicity in the date and strictly in n.
    #[test]
    fn calendar_workdays_monotonic(a in official_date(), b in official_date(), n in -300i64..300) {
        let cal = Calendar::china();
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        if let (Ok(ra), Ok(rb)) = (cal.add_workdays(a, n), cal.add_workdays(b, n)) {
            prop_assert!(ra <= rb);
        }
        if let (Ok(r1), Ok(r2)) = (cal.add_workdays(a, n), cal.add_workdays(a, n + 1)) {
            prop_assert!(r1 < r2);
        }
        let ab = cal.workdays_between(a, b).unwrap();
        prop_assert!(ab >= 0);
        prop_assert_eq!(cal.workdays_between(b, a).unwrap(), -ab);
    }

    // [deadline-counting] additivity for same-sign steps.
    #[test]
    fn deadline_counting_additive(d in official_date(), a in 0i64..200, b in 0i64..200, neg in any::<bool>()) {
        let cal = Calendar::china();
        let (a, b) = if neg { (-a, -b) } else { (a, b) };
        if let Ok(whole) = cal.add_workdays(d, a + b) {
            let step = cal.add_workdays(cal.add_workdays(d, a).unwrap(), b).unwrap();
            prop_assert_eq!(whole, step);
        }
    }

    // [calendar-provisional] errors, never panics, at and beyond the edges of the data.
    #[test]
    fn calendar_provisional_edges_are_errors(d in any_date(), n in -100_000i64..100_000, prov in any::<bool>()) {
        let cal = Calendar::china().with_provisional(prov);
        let inside = d >= cal.first_date() && d <= cal.last_date();
        match cal.add_workdays(d, n) {
            Ok(r) => {
                prop_assert!(inside);
                prop_assert!(r >= cal.first_date() && r <= cal.last_date());
                let checked = cal.add_workdays_checked(d, n).unwrap();
                prop_assert_eq!(checked.provisional, d.max(r) > cal.official_last_date());
            }
            Err(CalendarError::OutOfRange { date, .. }) => { prop_assert!(!inside); prop_assert_eq!(date, d); }
            Err(CalendarError::ResultOutOfRange { from, workdays, .. }) => {
                prop_assert!(inside);
                prop_assert_eq!((from, workdays), (d, n));
            }
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
        prop_assert_eq!(cal.is_workday(d).is_ok(), inside);
        prop_assert_eq!(cal.day(d).is_ok(), inside);
        if let Ok(day) = cal.day(d) {
            prop_assert_eq!(day.provisional, d > cal.official_last_date());
        }
    }

    // The strict calendar agrees with the provisional one wherever both answer.
    #[test]
    fn calendar_provisional_agrees_on_official_days(d in official_date(), n in -50i64..50) {
        let strict = Calendar::china();
        let open = Calendar::china().with_provisional(true);
        if let Ok(r) = strict.add_workdays(d, n) {
            prop_assert_eq!(open.add_workdays(d, n).unwrap(), r);
        }
        prop_assert_eq!(strict.is_workday(d).unwrap(), open.is_workday(d).unwrap());
    }
}
