//! Workload arithmetic of the Suzhou standard (工作量, 003 四, 三.1, 第七节; 004 §8.1), on the
//! real calendar.
//!
//! Agencies bid for and report government-purchased projects with these numbers. All
//! arithmetic is exact: hours are counted in whole **minutes** (`i64`) and money in **fen**
//! (分, `i64`), so totals never drift.
//!
//! - [`annual_hours`] (`[annual-hours]`): the standard's formula, `(365 − 11 − 52×2 − 5) × 8 =
//!   1960 h` with its parameters (13 public holidays from 2025), **or**
//!   [`annual_hours_from_calendar`]: the working days of a real year on China's calendar, minus
//!   leave, times hours. Each result says which basis it used.
//! - [`direct_share`] (`[direct-share-70pct]`): 70 % of annual hours (1372 h), configurable.
//! - [`ReferenceTable`] (`[reference-hours]`): all 23 items, with units, variants and the
//!   composite surveys; agencies can supply their own.
//! - [`ProjectPlan`] (`[project-workload-sum]`, `[project-bounds]`,
//!   `[general-activity-cap-10pct]`): counts per item → total and per-item hours, and every
//!   violation with its rule.
//! - [`actual_counts`]: the same item counts from case and activity histories, per worker and
//!   month, for plan-versus-actual.
//! - Supervision (`[supervision-limits]`, `[supervision-fee-caps]`) and staffing
//!   (`[staffing-minimum]`, `[worker-qualification]`).

mod actual;
mod plan;
mod staffing;
mod supervision;
mod table;

use serde::{Deserialize, Serialize};

pub use actual::{actual_counts, compare, ActualCount, Comparison};
pub use plan::{Finding, LineResult, PartialUnit, PlanLine, PlanReport, ProjectPlan, Severity};
pub use staffing::{check_staffing, is_qualified, Community, SocialWorkCertificate, StaffMember};
pub use supervision::{
    check_budget, check_supervision, fee_cap_fen, total_supervision, BudgetReport, FeeCap,
    PlannedSupervision, SupervisionKind, SupervisionRecord, SupervisionTotal, SupervisorType,
};
pub use table::{ItemCategory, Part, ReferenceItem, ReferenceTable, Unit, Variant};

use crate::calendar::{Calendar, CalendarError};

/// Why a workload computation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkloadError {
    /// A plan names an item, or a variant, the table does not have; or leaves out a variant
    /// or an actual figure the item needs.
    #[error("plan line {line}: {reason}")]
    InvalidLine {
        /// The line's position, from 1.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// Parameters that make no sense (more days off than days, a share over 100 %).
    #[error("invalid parameters: {reason}")]
    InvalidParameters {
        /// What is wrong.
        reason: String,
    },
    /// The calendar cannot answer for the year.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A computation on the given numbers does not fit its type: the inputs are out of
    /// range (never a wrapped or clamped result).
    #[error("{quantity} is out of range [{rule}]")]
    Overflow {
        /// The rule whose computation overflowed, e.g. `"annual-hours"`.
        rule: String,
        /// What overflowed, e.g. `"annual minutes"`.
        quantity: String,
    },
}

/// The overflow error of `rule` for `quantity`.
pub(crate) fn overflow(rule: &str, quantity: &str) -> WorkloadError {
    WorkloadError::Overflow {
        rule: rule.to_owned(),
        quantity: quantity.to_owned(),
    }
}

/// The most hours a working day can have.
pub const MAX_HOURS_PER_DAY: u32 = 24;

/// The most days a year can have.
pub const MAX_DAYS_IN_YEAR: u32 = 366;

/// `days × hours_per_day × 60`, checked: a day of no hours or of more than 24 is refused,
/// never multiplied out.
fn day_minutes(days: u32, hours_per_day: u32) -> Result<i64, WorkloadError> {
    if !(1..=MAX_HOURS_PER_DAY).contains(&hours_per_day) {
        return Err(WorkloadError::InvalidParameters {
            reason: format!(
                "{hours_per_day} hours per day: a working day has 1 to {MAX_HOURS_PER_DAY} hours"
            ),
        });
    }
    i64::from(days)
        .checked_mul(i64::from(hours_per_day))
        .and_then(|m| m.checked_mul(60))
        .ok_or_else(|| overflow("annual-hours", "annual minutes"))
}

impl WorkloadError {
    /// A stable snake_case code for the error's kind.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind.
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            WorkloadError::InvalidLine { .. } => crate::ErrorKind::InvalidLine,
            WorkloadError::InvalidParameters { .. } => crate::ErrorKind::InvalidParameters,
            WorkloadError::Calendar(e) => e.kind(),
            WorkloadError::Overflow { .. } => crate::ErrorKind::Overflow,
        }
    }
}

/// The direct-service share of annual hours, in percent: 70 % (1372 h of 1960 h),
/// `[direct-share-70pct]`.
pub const DIRECT_SHARE_PERCENT: u32 = 70;

/// Paid annual leave days (带薪年假) the standard's formula assumes: 5, `[annual-hours]`.
pub const DEFAULT_PAID_LEAVE_DAYS: u32 = 5;

/// Hours per working day the standard's formula assumes: 8, `[annual-hours]`.
pub const DEFAULT_HOURS_PER_DAY: u32 = 8;

/// The parameters of the standard's annual-hours formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualHoursParams {
    /// Days in the year.
    pub days_in_year: u32,
    /// Statutory public-holiday days (公众假期): 11 in the 2016 standard, 13 from 2025.
    pub public_holidays: u32,
    /// Weekend days (52 weeks × 2).
    pub weekend_days: u32,
    /// Paid annual leave days (带薪年假).
    pub paid_leave_days: u32,
    /// Hours per working day.
    pub hours_per_day: u32,
}

impl Default for AnnualHoursParams {
    /// The standard's own numbers, [`AnnualHoursParams::standard_2016`] (`[annual-hours]`).
    fn default() -> Self {
        AnnualHoursParams::standard_2016()
    }
}

impl AnnualHoursParams {
    /// The standard's own numbers: 365 − 11 − 104 − 5 days × 8 h = 1960 h.
    pub fn standard_2016() -> AnnualHoursParams {
        AnnualHoursParams {
            days_in_year: 365,
            public_holidays: 11,
            weekend_days: 104,
            paid_leave_days: DEFAULT_PAID_LEAVE_DAYS,
            hours_per_day: DEFAULT_HOURS_PER_DAY,
        }
    }

    /// The same with the 13 statutory holiday days in force from 2025 (1944 h).
    pub fn from_2025() -> AnnualHoursParams {
        AnnualHoursParams {
            public_holidays: 13,
            ..AnnualHoursParams::standard_2016()
        }
    }
}

/// How an annual-hours figure was obtained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "basis", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnnualBasis {
    /// The standard's formula with these parameters.
    Formula {
        /// The parameters.
        params: AnnualHoursParams,
    },
    /// The real calendar of a year.
    Calendar {
        /// The year.
        year: i32,
        /// Its working days on the calendar.
        workdays: u32,
        /// Leave days subtracted.
        paid_leave_days: u32,
        /// Hours per day.
        hours_per_day: u32,
        /// The calendar's data version.
        data_version: String,
        /// Whether the year is provisional (weekday-only).
        provisional: bool,
    },
}

/// Annual working hours of one full-time worker, with how they were computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualHours {
    /// The hours, in minutes.
    pub minutes: i64,
    /// How they were computed.
    pub basis: AnnualBasis,
    /// The computation in words.
    pub explanation: String,
}

impl AnnualHours {
    /// Whole hours (the minutes are always whole hours here).
    pub fn hours(&self) -> i64 {
        self.minutes / 60
    }
}

/// Annual hours by the standard's formula (`[annual-hours]`).
///
/// # Errors
/// [`WorkloadError::InvalidParameters`] when the days off exceed the days of the year, the
/// year has more than 366 days, or a day has no hours or more than 24;
/// [`WorkloadError::Overflow`] when the days off or the minutes do not fit their type.
///
/// # Example
/// ```
/// use shegong::workload::{annual_hours, AnnualHoursParams};
/// assert_eq!(annual_hours(AnnualHoursParams::standard_2016())?.hours(), 1960);
/// assert_eq!(annual_hours(AnnualHoursParams::from_2025())?.hours(), 1944);
/// # Ok::<(), shegong::workload::WorkloadError>(())
/// ```
pub fn annual_hours(params: AnnualHoursParams) -> Result<AnnualHours, WorkloadError> {
    if params.days_in_year > MAX_DAYS_IN_YEAR {
        return Err(WorkloadError::InvalidParameters {
            reason: format!(
                "{} days in the year: a year has at most {MAX_DAYS_IN_YEAR}",
                params.days_in_year
            ),
        });
    }
    let off = params
        .public_holidays
        .checked_add(params.weekend_days)
        .and_then(|d| d.checked_add(params.paid_leave_days))
        .ok_or_else(|| overflow("annual-hours", "days off"))?;
    let days =
        params
            .days_in_year
            .checked_sub(off)
            .ok_or_else(|| WorkloadError::InvalidParameters {
                reason: format!(
                    "{off} days off exceed the {} days of the year",
                    params.days_in_year
                ),
            })?;
    let minutes = day_minutes(days, params.hours_per_day)?;
    Ok(AnnualHours {
        minutes,
        basis: AnnualBasis::Formula { params },
        explanation: format!(
            "[{} days − {} public holidays − {} weekend days − {} days paid leave] × {} h = {} h (the standard's formula) [annual-hours]",
            params.days_in_year,
            params.public_holidays,
            params.weekend_days,
            params.paid_leave_days,
            params.hours_per_day,
            minutes / 60
        ),
    })
}

/// Annual hours from the real calendar of `year`: its working days, minus leave, times hours
/// per day (`[annual-hours]`; 2025 and 2026 have 248 working days each).
///
/// # Errors
/// [`WorkloadError::Calendar`] when the calendar does not cover the year (opt in to
/// provisional years to compute one, flagged); [`WorkloadError::InvalidParameters`] when the
/// leave exceeds the working days or a day has no hours or more than 24; [`WorkloadError::Overflow`] when the minutes do not fit.
///
/// # Example
/// ```
/// use shegong::{workload::annual_hours_from_calendar, Calendar};
/// let h = annual_hours_from_calendar(&Calendar::china(), 2026, 5, 8)?;
/// assert_eq!(h.hours(), (248 - 5) * 8);
/// # Ok::<(), shegong::workload::WorkloadError>(())
/// ```
pub fn annual_hours_from_calendar(
    calendar: &Calendar,
    year: i32,
    paid_leave_days: u32,
    hours_per_day: u32,
) -> Result<AnnualHours, WorkloadError> {
    let facts = calendar.year_facts(year)?;
    let days = facts.workdays.checked_sub(paid_leave_days).ok_or_else(|| {
        WorkloadError::InvalidParameters {
            reason: format!(
                "{paid_leave_days} days of leave exceed the {} working days of {year}",
                facts.workdays
            ),
        }
    })?;
    let minutes = day_minutes(days, hours_per_day)?;
    let provisional = if facts.provisional {
        ", provisional (weekday-only)"
    } else {
        ""
    };
    Ok(AnnualHours {
        minutes,
        basis: AnnualBasis::Calendar {
            year,
            workdays: facts.workdays,
            paid_leave_days,
            hours_per_day,
            data_version: calendar.data_version().to_owned(),
            provisional: facts.provisional,
        },
        explanation: format!(
            "[{} working days of {year} on calendar {}{provisional} − {paid_leave_days} days paid leave] × {hours_per_day} h = {} h (the real calendar) [annual-hours]",
            facts.workdays,
            calendar.name(),
            minutes / 60
        ),
    })
}

/// The direct-service share of annual hours (`[direct-share-70pct]`): `percent` of them,
/// rounded down to the whole minute (70 % of 1960 h is exactly 1372 h).
///
/// # Errors
/// [`WorkloadError::InvalidParameters`] for a share over 100 %; [`WorkloadError::Overflow`]
/// when the annual minutes times the share do not fit an `i64`.
pub fn direct_share(annual: &AnnualHours, percent: u32) -> Result<i64, WorkloadError> {
    if percent > 100 {
        return Err(WorkloadError::InvalidParameters {
            reason: format!("a direct-service share of {percent} % exceeds 100 %"),
        });
    }
    annual
        .minutes
        .checked_mul(i64::from(percent))
        .map(|m| m / 100)
        .ok_or_else(|| overflow("direct-share-70pct", "direct-service minutes"))
}

/// Formats minutes as hours, e.g. `1372 h` or `12 h 30 min`; a negative amount (a shortfall)
/// carries one sign, `-1 h 1 min`, never `-1 h -1 min`.
///
/// ```
/// use shegong::workload::format_minutes;
/// assert_eq!(format_minutes(750), "12 h 30 min");
/// assert_eq!(format_minutes(-61), "-1 h 1 min");
/// assert_eq!(format_minutes(i64::MIN), "-153722867280912930 h 8 min");
/// ```
pub fn format_minutes(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let abs = minutes.unsigned_abs();
    let (h, m) = (abs / 60, abs % 60);
    if m == 0 {
        format!("{sign}{h} h")
    } else {
        format!("{sign}{h} h {m} min")
    }
}
