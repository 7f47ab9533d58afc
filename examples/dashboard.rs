//! The morning dashboard of a community social-work team: what is due, what is late, and why.
//!
//! A handful of sample cases and activities (`demo.rs`) are evaluated against the
//! built-in rule set on China's official calendar, as of 09:00 on Tuesday 2026-10-13, the
//! week after the National Day break. Run with `cargo run -p shegong-examples --bin dashboard`.

use shegong::case::*;
use shegong::deadline::{Obligation, ObligationStatus, RuleSet};
use shegong::workload::{
    actual_counts, annual_hours, annual_hours_from_calendar, format_minutes, AnnualHoursParams,
    ReferenceTable,
};
use shegong::Calendar;
use unicode_width::UnicodeWidthStr;

mod demo;

use demo::at;

/// Picks the obligations of one dashboard section.
type StatusFilter = fn(&ObligationStatus) -> bool;

/// `s` padded with spaces to `width` terminal columns: a Chinese character takes two columns,
/// so padding by character count (`{:<6}`) would misalign the columns.
fn pad(s: &str, width: usize) -> String {
    let missing = width.saturating_sub(UnicodeWidthStr::width(s));
    format!("{s}{}", " ".repeat(missing))
}

fn main() -> Result<(), shegong::Error> {
    let (cases, activities) = demo::demo()?;
    let calendar = Calendar::china();
    let rules = RuleSet::preset();
    let now = at("2026-10-13T09:00:00+08:00")?;
    let mut all: Vec<Obligation> = Vec::new();
    println!(
        "社工工作台 — {} 09:00 (rules: {} {})\n",
        now.date_naive(),
        rules.name,
        rules.version
    );
    println!("个案 Cases:");
    for c in &cases {
        let s = c.state();
        println!(
            "  {}  {} {} worker {} stage {} ({})",
            s.case_number,
            pad(&s.client.name, 6),
            pad(&s.topic, 12),
            pad(&s.worker, 6),
            s.stage.zh(),
            s.stage.name()
        );
        all.extend(rules.obligations(c, &calendar, now));
    }
    println!("活动 Activities:");
    for a in &activities {
        let p = a.plan_of();
        println!(
            "  {}  {} ({}), dated {}, {} of {} sessions held",
            p.id,
            p.title,
            p.kind.zh(),
            p.date,
            a.sessions_held(),
            p.planned_sessions
        );
        for w in a.norm_warnings() {
            println!("      warning [{}]: {}", w.rule, w.message);
        }
        all.extend(rules.activity_obligations(a, &calendar, now));
    }

    // Most urgent first: the earliest deadline is the most overdue, or the least time left,
    // whatever the rule's unit (hours for a crisis, working days otherwise).
    all.sort_by(|x, y| {
        (x.deadline(), &x.subject, &x.rule).cmp(&(y.deadline(), &y.subject, &y.rule))
    });
    let sections: [(&str, StatusFilter); 4] = [
        ("逾期 overdue, most overdue first", |s| {
            matches!(s, ObligationStatus::Overdue { .. })
        }),
        ("临期 at risk, least time left first", |s| {
            matches!(s, ObligationStatus::AtRisk { .. })
        }),
        ("待办 pending, soonest first", |s| {
            matches!(s, ObligationStatus::Pending)
        }),
        ("逾期完成 met late (recent)", |s| {
            matches!(s, ObligationStatus::Met { on_time: false, .. })
        }),
    ];
    // Every explanation names the calendar it counted on; it is said once, below.
    let mut calendars: Vec<&str> = Vec::new();
    for (title, wanted) in sections {
        let rows: Vec<&Obligation> = all.iter().filter(|o| wanted(&o.status)).collect();
        println!("\n{title} — {}", rows.len());
        for o in rows {
            println!(
                "  {} {} {} {} ({}) · {}",
                pad(o.status.zh(), 8),
                pad(&o.subject, 12),
                pad(&o.rule, 24),
                pad(&o.owner, 6),
                o.owed_by.zh(),
                o.owed
            );
            match o.explanation_parts() {
                Some(parts) => {
                    if !calendars.contains(&parts.calendar) {
                        calendars.push(parts.calendar);
                    }
                    println!("      {}; {}", parts.why, parts.status);
                }
                None => println!("      {}", o.explanation),
            }
        }
    }
    let count = |name: &str| all.iter().filter(|o| o.status.name() == name).count();
    println!(
        "\n{} obligations: {} overdue, {} at risk, {} pending, {} met, {} released, {} not computable",
        all.len(), count("overdue"), count("at_risk"), count("pending"), count("met"), count("released"), count("not_computable")
    );
    println!(
        "Dates counted on {} (data {}), as of {now}.",
        if calendars.is_empty() {
            format!("calendar {}", calendar.name())
        } else {
            calendars.join(", ")
        },
        calendar.data_version()
    );

    // Workload so far this year, counted from the same histories on the Suzhou table.
    let table = ReferenceTable::suzhou_2016();
    let jan1 = "2026-01-01".parse().map_err(|e| CaseError::Malformed {
        reason: format!("{e}"),
    })?;
    let actual = actual_counts(&cases, &activities, &table, jan1, now.date_naive())?;
    println!(
        "\n工作量 workload 2026-01-01 ..= {} (reference hours, 苏州参考工时):",
        now.date_naive()
    );
    let mut workers: Vec<&str> = actual.iter().map(|a| a.worker.as_str()).collect();
    workers.dedup();
    for w in workers {
        let mine: Vec<_> = actual.iter().filter(|a| a.worker == w).collect();
        let total: i64 = mine.iter().map(|a| a.minutes).sum();
        println!("  {} {}", pad(w, 6), format_minutes(total));
        for a in mine {
            let label = table
                .label(&a.item, a.variant.as_deref())
                .unwrap_or_else(|| a.item.clone());
            println!(
                "      {}  {} ×{:<3} {}",
                a.month,
                pad(&label, 16),
                a.count,
                format_minutes(a.minutes)
            );
        }
    }
    let standard = annual_hours(AnnualHoursParams::standard_2016())?;
    let real = annual_hours_from_calendar(&calendar, 2026, 5, 8)?;
    println!(
        "  annual hours per worker: {}; {}",
        standard.explanation, real.explanation
    );
    Ok(())
}
