//! No panic, no silent wrap (issue 11, item 3): every public arithmetic entry point on
//! outside numbers either answers exactly (checked here against a wide-integer reference
//! computation) or returns a typed error.
//!
//! Regression tests are named after the defect they cover; the property tests feed any
//! u32/u64/i64 input.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use proptest::prelude::*;
use shegong::calendar::Calendar;
use shegong::case::{Case, CaseNumber};
use shegong::deadline::{ObligationStatus, Occurrences, Offset, Rule, RuleSet, Trigger};
use shegong::identity::{mask_middle, IdMask, IdNumber};
use shegong::workload::*;

const ID: &str = "11010519491231002X";

fn received_case() -> Case {
    Case::start(ev("2026-03-02T09:00:00+08:00", worker(), received())).unwrap()
}

/// A set with one rule counting from the case's first contact (its reception).
fn one_rule_set(offset: Offset) -> RuleSet {
    RuleSet {
        format: 1,
        name: "absurd".into(),
        version: "1".into(),
        at_risk_workdays: 2,
        at_risk_hours: 6,
        rules: vec![Rule {
            id: "absurd-rule".into(),
            owed: "something".into(),
            counts_from_label: "reception".into(),
            counts_from: Trigger::Contact,
            satisfied_by: vec![Trigger::Met],
            released_by: vec![],
            offset,
            owed_by: shegong::case::Role::Worker,
            move_off_days: true,
            occurrences: Occurrences::Every,
            active_after: None,
        }],
    }
}

fn budget_line(sessions: u32, minutes: u32, fee_per_hour_fen: i64) -> PlannedSupervision {
    PlannedSupervision {
        kind: SupervisionKind::Group,
        sessions,
        minutes,
        supervisees: 4,
        supervisor_type: SupervisorType::Local,
        years_of_practice: 12,
        fee_per_hour_fen,
    }
}

fn params(d: u32, p: u32, w: u32, l: u32, h: u32) -> AnnualHoursParams {
    AnnualHoursParams {
        days_in_year: d,
        public_holidays: p,
        weekend_days: w,
        paid_leave_days: l,
        hours_per_day: h,
    }
}

// ---------------------------------------------------------------------------------------
// Regression tests, one per defect of issue 11.

/// `"hours": 4294967295` passed validation and then panicked in `compute_due`
/// (`Duration::hours` past chrono's range) [deadline-counting].
#[test]
fn rule_hours_u32_max_is_refused_not_panicking() {
    let mut json: serde_json::Value =
        serde_json::from_str(&RuleSet::preset().to_json().unwrap()).unwrap();
    let rules = json["rules"].as_array_mut().unwrap();
    let crisis = rules
        .iter_mut()
        .find(|r| r["id"] == "crisis-immediate")
        .unwrap();
    crisis["offset"] = serde_json::json!({ "hours": 4_294_967_295u32 });
    let err = RuleSet::from_json(&json.to_string()).unwrap_err();
    assert_eq!(err.code(), "overflow");
    assert!(err.to_string().contains("crisis-immediate"), "{err}");
    assert!(err.to_string().contains("offset.hours"), "{err}");

    // The builder refuses it too.
    let err = RuleSet::preset()
        .with_offset("crisis-immediate", Offset::Hours(u32::MAX))
        .unwrap_err();
    assert_eq!(err.code(), "overflow");

    // A set built in code without `validate` still cannot panic: the one obligation is
    // not computable, the rest of the evaluation goes on.
    let set = one_rule_set(Offset::Hours(u32::MAX));
    assert!(set.validate().is_err());
    let obligations = set.obligations(
        &received_case(),
        &Calendar::china(),
        t("2026-03-03T09:00:00+08:00"),
    );
    assert_eq!(obligations.len(), 1);
    assert!(matches!(
        obligations[0].status,
        ObligationStatus::NotComputable { .. }
    ));
}

/// Every offset unit is bounded when the set is loaded, at its documented maximum.
#[test]
fn rule_offsets_beyond_documented_maxima_are_refused_at_load() {
    for (ok, too_far) in [
        (
            Offset::WorkingDays(Offset::MAX_WORKING_DAYS),
            Offset::WorkingDays(Offset::MAX_WORKING_DAYS + 1),
        ),
        (
            Offset::CalendarDays(Offset::MAX_CALENDAR_DAYS),
            Offset::CalendarDays(Offset::MAX_CALENDAR_DAYS + 1),
        ),
        (
            Offset::WeeksBefore(Offset::MAX_WEEKS),
            Offset::WeeksBefore(Offset::MAX_WEEKS + 1),
        ),
        (
            Offset::Months(Offset::MAX_MONTHS),
            Offset::Months(Offset::MAX_MONTHS + 1),
        ),
        (
            Offset::Hours(Offset::MAX_HOURS),
            Offset::Hours(Offset::MAX_HOURS + 1),
        ),
    ] {
        assert!(one_rule_set(ok).validate().is_ok(), "{ok:?}");
        let err = one_rule_set(too_far).validate().unwrap_err();
        assert_eq!(err.code(), "overflow", "{too_far:?}");
        assert!(err.to_string().contains("absurd-rule"), "{err}");
    }
    let mut set = RuleSet::preset();
    set.at_risk_hours = u32::MAX;
    assert_eq!(set.validate().unwrap_err().code(), "overflow");
}

/// `public_holidays = 2**32-1` wrapped the days off and gave 2912 h [annual-hours].
#[test]
fn annual_hours_public_holidays_u32_max_is_overflow_error() {
    let err = annual_hours(params(365, u32::MAX, 104, 5, 8)).unwrap_err();
    assert_eq!(err.code(), "overflow");
    assert!(err.to_string().contains("annual-hours"), "{err}");
}

/// Large days × hours wrapped to negative hours [annual-hours]; then a review found 25 hours
/// a day, a 400-day year and 4,294,967,295 hours a day answered as if they were real: each is
/// now refused as invalid parameters, and a day of 1 to 24 hours is multiplied out exactly.
#[test]
fn annual_hours_huge_hours_per_day_is_refused_not_negative() {
    for (d, h) in [(u32::MAX, u32::MAX), (400, 8), (365, 25), (365, 0)] {
        let err = annual_hours(params(d, 11, 104, 5, h)).unwrap_err();
        assert_eq!(err.code(), "invalid_parameters", "{d} days, {h} h: {err}");
    }
    for h in [0, 25, u32::MAX] {
        let err = annual_hours_from_calendar(&Calendar::china(), 2026, 0, h).unwrap_err();
        assert_eq!(err.code(), "invalid_parameters", "{h} h: {err}");
    }
    let full = annual_hours_from_calendar(&Calendar::china(), 2026, 0, 24).unwrap();
    assert_eq!(full.minutes, 248 * 24 * 60);
    assert_eq!(
        annual_hours(params(366, 0, 0, 0, 24)).unwrap().minutes,
        366 * 24 * 60
    );
}

/// `direct_share(minutes = 2**62)` gave 0 [direct-share-70pct].
#[test]
fn direct_share_huge_minutes_is_overflow_not_zero() {
    let mut a = annual_hours(AnnualHoursParams::standard_2016()).unwrap();
    a.minutes = 1 << 62;
    let err = direct_share(&a, 70).unwrap_err();
    assert_eq!(err.code(), "overflow");
    assert!(err.to_string().contains("direct-share-70pct"), "{err}");
}

/// A fee of 2**62 fen an hour totalled 0 [supervision-fee-caps].
#[test]
fn fee_2_pow_62_fen_is_overflow_not_zero() {
    let err = check_budget(&[budget_line(2, 120, 1 << 62)]).unwrap_err();
    assert_eq!(err.code(), "overflow");
    assert!(err.to_string().contains("supervision-fee-caps"), "{err}");
    // One hour of it fits exactly: the total is the fee, not a wrapped product.
    let b = check_budget(&[budget_line(1, 60, 1 << 62)]).unwrap();
    assert_eq!(b.total_fen, 1 << 62);
    // Two such lines do not fit.
    let two = [budget_line(1, 60, 1 << 62), budget_line(1, 60, 1 << 62)];
    assert_eq!(check_budget(&two).unwrap_err().code(), "overflow");
    // A negative fee is refused, not summed.
    assert_eq!(
        check_budget(&[budget_line(1, 60, -1)]).unwrap_err().code(),
        "invalid_parameters"
    );
}

/// `next` after `SZ-2026-4294967295` returned that same number [case-numbering].
#[test]
fn next_case_number_after_max_serial_is_error() {
    let max: CaseNumber = "SZ-2026-4294967295".parse().unwrap();
    let err = CaseNumber::next("SZ", 2026, [&max]).unwrap_err();
    assert_eq!(err.code(), "overflow");
    assert_eq!(err.rule_id(), Some("case-numbering"));
    let below: CaseNumber = "SZ-2026-4294967294".parse().unwrap();
    assert_eq!(
        CaseNumber::next("SZ", 2026, [&below]).unwrap().to_string(),
        "SZ-2026-4294967295"
    );
}

/// `IdNumber.masked(2**64-1, 1)` wrapped `keep_start + keep_end` and returned the full number.
#[test]
fn masked_u64_max_keep_never_reveals_full_number() {
    let id = IdNumber::parse(ID).unwrap();
    let err = id
        .masked_with(IdMask {
            keep_start: usize::MAX,
            keep_end: 1,
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_mask");
    assert!(!err.to_string().contains(ID));
    // The public helper masks everything rather than nothing.
    assert_eq!(mask_middle(ID, usize::MAX, 1), "*".repeat(18));
    assert_eq!(mask_middle(ID, 1, usize::MAX), "*".repeat(18));
    // No accepted mask shows the birth date (characters 7-14).
    assert_eq!(id.masked_with(IdMask::default()).unwrap(), id.masked());
    assert!(id
        .masked_with(IdMask {
            keep_start: 7,
            keep_end: 0
        })
        .is_err());
    assert!(id
        .masked_with(IdMask {
            keep_start: 0,
            keep_end: 5
        })
        .is_err());
}

/// `add_workdays` with an offset near i64's ends overflowed its index arithmetic
/// [calendar-workdays].
#[test]
fn add_workdays_i64_extremes_are_errors_not_panics() {
    let cal = Calendar::china();
    let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    for n in [i64::MAX, i64::MIN, i64::MAX - 1, i64::MIN + 1] {
        assert_eq!(
            cal.add_workdays(d, n).unwrap_err().code(),
            "result_out_of_range"
        );
    }
}

/// A plan line of `u32::MAX` surveys of `u32::MAX` samples wrapped its minutes
/// [project-workload-sum].
#[test]
fn plan_line_huge_count_is_overflow_not_wrapped() {
    let mut survey = PlanLine::new("community_survey", u32::MAX);
    survey.size = Some(u32::MAX);
    let plan = ProjectPlan::standard("大", 1, vec![survey]).unwrap();
    let err = plan.evaluate(&ReferenceTable::suzhou_2016()).unwrap_err();
    assert_eq!(err.code(), "overflow");
    assert!(err.to_string().contains("project-workload-sum"), "{err}");

    let mut recruit = PlanLine::new("recruitment", 1);
    recruit.actual_minutes = Some(i64::MAX);
    let plan = ProjectPlan::standard("大", 1, vec![recruit.clone(), recruit]).unwrap();
    assert_eq!(
        plan.evaluate(&ReferenceTable::suzhou_2016())
            .unwrap_err()
            .code(),
        "overflow"
    );
}

/// Plan-versus-actual summed counts and minutes unchecked [project-workload-sum].
#[test]
fn compare_huge_minutes_is_overflow_not_wrapped() {
    let plan = ProjectPlan::standard("x", 1, vec![PlanLine::new("intake", 1)]).unwrap();
    let mut report = plan.evaluate(&ReferenceTable::suzhou_2016()).unwrap();
    report.lines[0].minutes = i64::MAX;
    report.lines.push(report.lines[0].clone());
    let err = compare(&report, &[], &ReferenceTable::suzhou_2016()).unwrap_err();
    assert_eq!(err.code(), "overflow");
}

// ---------------------------------------------------------------------------------------
// Property tests: any u32/u64/i64 input; Ok and equal to a wide reference, or a typed error.

fn official_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2004, 1, 1).unwrap();
    (0u64..8400).prop_map(move |n| first.checked_add_days(Days::new(n)).unwrap())
}

fn any_offset() -> impl Strategy<Value = Offset> {
    prop_oneof![
        any::<u32>().prop_map(Offset::WorkingDays),
        any::<u32>().prop_map(Offset::CalendarDays),
        any::<u32>().prop_map(Offset::WeeksBefore),
        any::<u32>().prop_map(Offset::Months),
        any::<u32>().prop_map(Offset::Hours),
        (0u32..200).prop_map(Offset::Hours),
        (0u32..200).prop_map(Offset::CalendarDays),
    ]
}

fn maybe_huge_u32() -> impl Strategy<Value = u32> {
    prop_oneof![any::<u32>(), 0u32..400, Just(u32::MAX)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    // [annual-hours]
    #[test]
    fn annual_hours_any_u32_is_exact_or_typed_error(
        d in maybe_huge_u32(), p in maybe_huge_u32(), w in maybe_huge_u32(),
        l in maybe_huge_u32(), h in maybe_huge_u32(),
    ) {
        let off = u128::from(p) + u128::from(w) + u128::from(l);
        let reference = if d > MAX_DAYS_IN_YEAR {
            Err("invalid_parameters")
        } else if off > u128::from(u32::MAX) {
            Err("overflow")
        } else if off > u128::from(d) || !(1..=MAX_HOURS_PER_DAY).contains(&h) {
            Err("invalid_parameters")
        } else {
            let m = (u128::from(d) - off) * u128::from(h) * 60;
            i64::try_from(m).map_err(|_| "overflow")
        };
        match annual_hours(params(d, p, w, l, h)) {
            Ok(a) => prop_assert_eq!(Ok(a.minutes), reference),
            Err(e) => prop_assert_eq!(Err(e.code()), reference),
        }
    }

    // [annual-hours] on the real calendar.
    #[test]
    fn annual_hours_from_calendar_any_u32_is_exact_or_typed_error(
        l in maybe_huge_u32(), h in maybe_huge_u32(), year in any::<i32>(),
    ) {
        let cal = Calendar::china();
        match annual_hours_from_calendar(&cal, year, l, h) {
            Ok(a) => {
                prop_assert!((1..=MAX_HOURS_PER_DAY).contains(&h), "{} hours a day", h);
                let workdays = cal.year_facts(year).unwrap().workdays;
                let m = (i128::from(workdays) - i128::from(l)) * i128::from(h) * 60;
                prop_assert!(m >= 0);
                prop_assert_eq!(i128::from(a.minutes), m);
            }
            Err(e) => prop_assert!(
                ["overflow", "invalid_parameters", "out_of_range"].contains(&e.code()),
                "{}", e.code()
            ),
        }
    }

    // [direct-share-70pct]
    #[test]
    fn direct_share_any_i64_is_exact_or_typed_error(minutes in any::<i64>(), percent in 0u32..300) {
        let mut a = annual_hours(AnnualHoursParams::standard_2016()).unwrap();
        a.minutes = minutes;
        let reference = if percent > 100 {
            Err("invalid_parameters")
        } else {
            let m = i128::from(minutes) * i128::from(percent);
            i64::try_from(m).map(|m| m / 100).map_err(|_| "overflow")
        };
        prop_assert_eq!(direct_share(&a, percent).map_err(|e| e.code()), reference);
    }

    // [supervision-fee-caps] fees in fen, pro rata to the minute, rounded up.
    #[test]
    fn budget_any_fee_is_exact_or_typed_error(
        sessions in maybe_huge_u32(), minutes in maybe_huge_u32(),
        fee in prop_oneof![any::<i64>(), 0i64..100_000, Just(1i64 << 62)],
        lines in 1usize..4,
    ) {
        let line = budget_line(sessions, minutes, fee);
        let all = vec![line; lines];
        let reference: Result<(i64, i64), &str> = if fee < 0 {
            Err("invalid_parameters")
        } else {
            let m = i128::from(sessions) * i128::from(minutes);
            let fen = (i128::from(fee) * m + 59) / 60;
            let n = i128::try_from(lines).unwrap();
            match (i64::try_from(fen * n), i64::try_from(m * n)) {
                (Ok(f), Ok(m)) if i64::try_from(fen).is_ok() => Ok((f, m)),
                _ => Err("overflow"),
            }
        };
        prop_assert_eq!(
            check_budget(&all).map(|b| (b.total_fen, b.total_minutes)).map_err(|e| e.code()),
            reference
        );
    }

    // [project-workload-sum] [project-bounds]
    #[test]
    fn plan_any_counts_is_exact_or_typed_error(
        count in maybe_huge_u32(), staff in 1u32.., sessions in maybe_huge_u32(),
        size in prop_oneof![Just(None), maybe_huge_u32().prop_map(Some)],
        partial in prop_oneof![
            Just(PartialUnit::ProRata), Just(PartialUnit::RoundUp), Just(PartialUnit::RoundDown)
        ],
    ) {
        let mut survey = PlanLine::new("community_survey", count);
        survey.size = size;
        let mut plan = ProjectPlan::standard(
            "p", staff, vec![PlanLine::new("case_session", sessions), survey],
        ).unwrap();
        plan.partial_unit = partial;
        // Reference in i128: case_session 8 h; community_survey 160 h per 100 samples.
        let unit = 100i128;
        let s = i128::from(size.unwrap_or(100));
        let ceil = |a: i128, b: i128| (a + b - 1) / b;
        let each = match partial {
            PartialUnit::ProRata => ceil(160 * 60 * s, unit),
            PartialUnit::RoundUp => 160 * 60 * ceil(s, unit),
            _ => 160 * 60 * (s / unit),
        };
        let lines = [480 * i128::from(sessions), each * i128::from(count)];
        let total = lines[0] + lines[1];
        // 1372 h and 1960 h, in minutes.
        let lower = i128::from(staff) * 82_320;
        let upper = i128::from(staff) * 117_600;
        let fits = |v: i128| i64::try_from(v).is_ok();
        match plan.evaluate(&ReferenceTable::suzhou_2016()) {
            Ok(r) => {
                prop_assert!(fits(each) && lines.iter().all(|l| fits(*l)));
                prop_assert_eq!(i128::from(r.total_minutes), total);
                prop_assert_eq!(i128::from(r.lower_bound_minutes), lower);
                prop_assert_eq!(i128::from(r.upper_bound_minutes), upper);
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "overflow");
                prop_assert!(
                    !fits(each) || !lines.iter().all(|l| fits(*l)) || !fits(total)
                        || !fits(lower) || !fits(upper)
                );
            }
        }
    }

    // [project-workload-sum] actual hours, any i64.
    #[test]
    fn plan_actual_minutes_any_i64_never_wraps(m in any::<i64>(), count in any::<u32>(), lines in 1usize..4) {
        let mut recruit = PlanLine::new("recruitment", count);
        recruit.actual_minutes = Some(m);
        let plan = ProjectPlan::standard("p", 1, vec![recruit; lines]).unwrap();
        let total = i128::from(m) * i128::try_from(lines).unwrap();
        match plan.evaluate(&ReferenceTable::suzhou_2016()) {
            Ok(r) => {
                prop_assert!(m >= 0);
                prop_assert_eq!(i128::from(r.total_minutes), total);
            }
            Err(e) if m < 0 => prop_assert_eq!(e.code(), "invalid_line"),
            Err(e) => {
                prop_assert_eq!(e.code(), "overflow");
                prop_assert!(i64::try_from(total).is_err());
            }
        }
    }

    // [case-numbering]
    #[test]
    fn next_case_number_any_serial_is_exact_or_overflow(serial in prop_oneof![1u32.., Just(u32::MAX)]) {
        let issued = CaseNumber::new("SZ", 2026, serial).unwrap();
        match CaseNumber::next("SZ", 2026, [&issued]) {
            Ok(n) => prop_assert_eq!(u64::from(n.serial()), u64::from(serial) + 1),
            Err(e) => {
                prop_assert_eq!(e.code(), "overflow");
                prop_assert_eq!(serial, u32::MAX);
            }
        }
    }

    // Masks never show more than the documented maximum, and never the birth date.
    #[test]
    fn masks_any_usize_never_reveal_the_birth_date(
        keep_start in prop_oneof![any::<usize>(), 0usize..20, Just(usize::MAX)],
        keep_end in prop_oneof![any::<usize>(), 0usize..20, Just(usize::MAX)],
    ) {
        let id = IdNumber::parse(ID).unwrap();
        match id.masked_with(IdMask { keep_start, keep_end }) {
            Ok(m) => {
                prop_assert!(keep_start <= IdMask::MAX_KEEP_START && keep_end <= IdMask::MAX_KEEP_END);
                prop_assert_eq!(m.get(6..14), Some("********"));
                prop_assert_eq!(m.chars().count(), 18);
            }
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_mask");
                prop_assert!(keep_start > IdMask::MAX_KEEP_START || keep_end > IdMask::MAX_KEEP_END);
            }
        }
        let m = mask_middle(ID, keep_start, keep_end);
        let shown = m.chars().filter(|c| *c != '*').count();
        prop_assert!(u128::try_from(shown).unwrap()
            <= u128::try_from(keep_start).unwrap() + u128::try_from(keep_end).unwrap());
        prop_assert!(shown < 18, "a mask never shows the whole number");
    }

    // [calendar-workdays] any i64 offset.
    #[test]
    fn add_workdays_any_i64_is_consistent_or_typed_error(
        d in official_date(),
        n in prop_oneof![any::<i64>(), -20_000i64..20_000, Just(i64::MAX), Just(i64::MIN)],
        provisional in any::<bool>(),
    ) {
        let cal = Calendar::china().with_provisional(provisional);
        match cal.add_workdays(d, n) {
            Ok(r) => {
                if n >= 0 || cal.is_workday(d).unwrap() {
                    prop_assert_eq!(cal.workdays_between(d, r).unwrap(), n);
                }
            }
            Err(e) => prop_assert!(
                ["result_out_of_range", "out_of_range"].contains(&e.code()), "{}", e.code()
            ),
        }
    }

    // [deadline-counting] any offset of any unit, validated or not, never panics.
    #[test]
    fn rule_offsets_any_u32_are_refused_at_load_or_evaluated(offset in any_offset(), late in 0u64..5000) {
        let set = one_rule_set(offset);
        if let Err(e) = set.validate() {
            prop_assert_eq!(e.code(), "overflow");
        }
        let json = serde_json::to_string(&set).unwrap();
        let loaded = RuleSet::from_json(&json);
        prop_assert_eq!(loaded.is_ok(), set.validate().is_ok());
        let now = t("2026-03-03T09:00:00+08:00") + chrono::Duration::hours(i64::try_from(late).unwrap());
        let obligations = set.obligations(&received_case(), &Calendar::china(), now);
        prop_assert_eq!(obligations.len(), 1);
    }
}
