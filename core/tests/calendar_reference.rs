//! Every day 2004-01-01 ..= 2026-12-31 against an independent copy of the official facts
//! (`tests/data/cn-calendar.json`, the reference as published, not the data the
//! crate embeds), so an error in turning the notices into the crate's table is caught.
//! Rules: `[calendar-workdays]`.

// Test code: a failed unwrap is a failed test, which is what we want here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use shegong::calendar::{Calendar, DayKind};

#[derive(Deserialize)]
struct Reference {
    years: BTreeMap<i32, Year>,
}

#[derive(Deserialize)]
struct Year {
    off_days: Vec<NaiveDate>,
    makeup_working_days: Vec<NaiveDate>,
    working_days_in_year: u32,
    statutory_holiday_days: u8,
    notices: Vec<String>,
}

fn reference() -> Reference {
    serde_json::from_str(include_str!("../../tests/data/cn-calendar.json")).unwrap()
}

#[test]
fn calendar_workdays_every_day_matches_reference() {
    let r = reference();
    let off: BTreeSet<NaiveDate> = r.years.values().flat_map(|y| y.off_days.clone()).collect();
    let makeup: BTreeSet<NaiveDate> = r
        .years
        .values()
        .flat_map(|y| y.makeup_working_days.clone())
        .collect();
    let cal = Calendar::china();
    let mut day = NaiveDate::from_ymd_opt(2004, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let mut checked = 0;
    while day <= last {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = makeup.contains(&day) || (!weekend && !off.contains(&day));
        assert_eq!(cal.is_workday(day).unwrap(), expected, "{day}");
        let d = cal.day(day).unwrap();
        assert_eq!(d.working, expected, "{day}");
        assert!(!d.provisional, "{day}");
        let kind_ok = match &d.kind {
            DayKind::Workday => !weekend && !off.contains(&day) && !makeup.contains(&day),
            DayKind::Weekend => weekend && !off.contains(&day) && !makeup.contains(&day),
            // A break spans the notice's days plus the weekend days joined to them (连休).
            DayKind::Holiday { first, last, .. } => {
                !expected && first <= &day && &day <= last && (off.contains(&day) || weekend)
            }
            DayKind::MakeupWorkday { .. } => makeup.contains(&day) && weekend,
            other => panic!("{day}: unexpected {other:?}"),
        };
        assert!(kind_ok, "{day}: {:?}", d.kind);
        if off.contains(&day) {
            assert!(
                matches!(d.kind, DayKind::Holiday { .. }),
                "{day} is an announced day off"
            );
        }
        checked += 1;
        day = day.succ_opt().unwrap();
    }
    assert_eq!(checked, 8401);
}

#[test]
fn calendar_workdays_per_year_match_reference() {
    let r = reference();
    let cal = Calendar::china();
    for (year, facts) in &r.years {
        assert_eq!(
            cal.workdays_in_year(*year).unwrap(),
            facts.working_days_in_year,
            "{year}"
        );
        let f = cal.year_facts(*year).unwrap();
        assert_eq!(f.workdays, facts.working_days_in_year);
        assert_eq!(f.statutory_holiday_days, Some(facts.statutory_holiday_days));
        assert_eq!(f.notices, facts.notices, "{year}: provenance kept");
        assert!(!f.provisional);
    }
    // The figures the issue names.
    for (year, n) in [(2005, 251), (2024, 251), (2025, 248), (2026, 248)] {
        assert_eq!(cal.workdays_in_year(year).unwrap(), n, "{year}");
    }
}
