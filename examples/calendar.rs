//! The working days of 2026 and a few real deadlines, on China's official calendar.
//!
//! Run with `cargo run -p shegong-examples --bin calendar`.

use chrono::NaiveDate;
use shegong::calendar::{Calendar, DayKind};

fn main() -> Result<(), shegong::Error> {
    let cal = Calendar::china();
    println!(
        "shegong — China's official working-day calendar ({})",
        cal.data_version()
    );
    println!(
        "covered: {} ..= {} (later dates are refused unless provisional years are enabled)\n",
        cal.first_date(),
        cal.official_last_date()
    );

    let facts = cal.year_facts(2026)?;
    println!(
        "2026: {} working days, {} statutory holiday days ({})",
        facts.workdays,
        facts.statutory_holiday_days.unwrap_or_default(),
        facts.notices.join("; ")
    );
    for b in &facts.breaks {
        if let DayKind::Holiday {
            name, first, last, ..
        } = b
        {
            println!("  {name:<8} {first} ..= {last}");
        }
    }
    println!();

    let examples = [
        (
            "consultation not opened; reply within 5 working days [consult-reply-5wd]",
            2026,
            2,
            12,
            5,
        ),
        (
            "case opened; submit the opening record within 5 working days [open-approval-5wd]",
            2026,
            9,
            29,
            5,
        ),
        (
            "case opened; first meeting within 10 working days [open-meet-10wd]",
            2026,
            9,
            29,
            10,
        ),
        (
            "goal achieved; closing report within 3 working days [close-report-3wd]",
            2026,
            4,
            30,
            3,
        ),
    ];
    for (what, y, m, d, n) in examples {
        let Some(from) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        let due = cal.add_workdays(from, n)?;
        let calendar_days = (due - from).num_days();
        println!(
            "{what}\n  event {from} → due {due} ({n} working days = {calendar_days} calendar days)"
        );
    }

    let friday = NaiveDate::from_ymd_opt(2025, 9, 26).unwrap_or_default();
    println!(
        "\nfrom Friday {friday}, the 调休 Sunday counts: working day 1 is {}",
        cal.add_workdays(friday, 1)?
    );

    match cal.add_workdays(NaiveDate::from_ymd_opt(2026, 12, 28).unwrap_or_default(), 5) {
        Ok(d) => println!("unexpected: {d}"),
        Err(e) => println!("\nstrict calendar, 5 working days after 2026-12-28:\n  error: {e}"),
    }
    let open = cal.clone().with_provisional(true);
    let r =
        open.add_workdays_checked(NaiveDate::from_ymd_opt(2026, 12, 28).unwrap_or_default(), 5)?;
    println!(
        "with provisional years: {} (provisional: {})",
        r.value, r.provisional
    );
    Ok(())
}
