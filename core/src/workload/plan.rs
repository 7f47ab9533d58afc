//! A project plan: counts per item → hours (`[project-workload-sum]`), checked against the
//! staff bounds (`[project-bounds]`) and the general-activity cap (`[general-activity-cap-10pct]`).
//!
//! A unit-based item (community survey per 100 samples, resource survey per 3000 households)
//! is planned as a count of surveys (or communities) and a `size` (samples, households). A
//! partial unit counts **pro rata** by default (150 samples = 1.5 units = 240 h), rounded up
//! to the whole minute; a plan may instead round partial units up or down ([`PartialUnit`]).

use serde::{Deserialize, Serialize};

use super::table::{ReferenceItem, ReferenceTable, Unit};
use super::{direct_share, format_minutes, overflow, AnnualHours, WorkloadError};
use crate::labels::labelled_enum;

labelled_enum! {
    /// How a partial unit of a unit-based item counts.
    pub enum PartialUnit {
        ProRata = "pro_rata" => "按比例折算",
        RoundUp = "round_up" => "不足一单位按一单位计",
        RoundDown = "round_down" => "不足一单位不计",
    }
}

labelled_enum! {
    /// How serious a finding is.
    pub enum Severity {
        Violation = "violation" => "违反",
        Warning = "warning" => "提示",
        NotCovered = "not_covered" => "标准未覆盖",
    }
}

/// A finding of a check, with its rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The rule.
    pub rule: String,
    /// Violation (the standard says must), warning (it says normally), or not covered.
    pub severity: Severity,
    /// What was found.
    pub message: String,
}

pub(crate) fn finding(rule: &str, severity: Severity, message: String) -> Finding {
    Finding {
        rule: rule.to_owned(),
        severity,
        message,
    }
}

/// One line of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanLine {
    /// The item's id in the table, e.g. `"case_session"`.
    pub item: String,
    /// The variant, for items that have them (`"accompanied"`, `"outside_expert"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// How many (times, cases, sessions, events; surveys or communities for unit-based items).
    pub count: u32,
    /// For unit-based items: samples per survey, or households per community (default: one
    /// full unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// For items counted at their actual hours: the total minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_minutes: Option<i64>,
    /// A resource survey combined with a survey of the same community: its walk-through is
    /// not counted again.
    #[serde(default)]
    pub combined_with_survey: bool,
}

impl PlanLine {
    /// A plain line: `count` of `item`.
    pub fn new(item: &str, count: u32) -> PlanLine {
        PlanLine {
            item: item.to_owned(),
            variant: None,
            count,
            size: None,
            actual_minutes: None,
            combined_with_survey: false,
        }
    }

    /// The same line with a variant.
    #[must_use]
    pub fn variant(mut self, variant: &str) -> PlanLine {
        self.variant = Some(variant.to_owned());
        self
    }
}

/// A project's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectPlan {
    /// The project's name.
    pub name: String,
    /// Full-time staff the project requires.
    pub staff: u32,
    /// Annual hours of one full-time worker.
    pub annual: AnnualHours,
    /// The direct-service share, in percent (70).
    pub direct_percent: u32,
    /// The cap on general community activities, in percent of the total (10).
    pub general_activity_cap_percent: u32,
    /// How partial units count.
    pub partial_unit: PartialUnit,
    /// The lines.
    pub lines: Vec<PlanLine>,
}

/// One evaluated line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineResult {
    /// The item's id.
    pub item: String,
    /// The item's number in the table.
    pub number: u32,
    /// The variant, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The count.
    pub count: u32,
    /// Minutes per count.
    pub minutes_each: i64,
    /// Minutes in all.
    pub minutes: i64,
    /// The computation in words.
    pub explanation: String,
}

/// A plan's evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanReport {
    /// Per line.
    pub lines: Vec<LineResult>,
    /// The project's service workload, in minutes (`[project-workload-sum]`).
    pub total_minutes: i64,
    /// Staff × direct-service hours.
    pub lower_bound_minutes: i64,
    /// Staff × annual hours.
    pub upper_bound_minutes: i64,
    /// Minutes of general community activities.
    pub general_activity_minutes: i64,
    /// Their share of the total, in basis points (1/100 %).
    pub general_activity_share_bp: i64,
    /// Every violation and warning, with its rule.
    pub findings: Vec<Finding>,
}

/// `a / b` rounded up, for `a >= 0` and `b > 0`; `None` when it does not fit.
fn div_ceil(a: i64, b: i64) -> Option<i64> {
    if b <= 0 {
        Some(0)
    } else {
        a.checked_add(b.checked_sub(1)?)?.checked_div(b)
    }
}

/// The sum of `values`, checked.
fn checked_sum(values: impl IntoIterator<Item = i64>) -> Option<i64> {
    values.into_iter().try_fold(0i64, i64::checked_add)
}

/// The rule every line's minutes count under.
const SUM_RULE: &str = "project-workload-sum";

impl ProjectPlan {
    /// A plan on the standard's numbers: 1960 h, 70 %, a 10 % cap, partial units pro rata.
    ///
    /// # Errors
    /// None in practice; the standard's parameters are valid.
    pub fn standard(
        name: &str,
        staff: u32,
        lines: Vec<PlanLine>,
    ) -> Result<ProjectPlan, WorkloadError> {
        Ok(ProjectPlan {
            name: name.to_owned(),
            staff,
            annual: super::annual_hours(super::AnnualHoursParams::standard_2016())?,
            direct_percent: super::DIRECT_SHARE_PERCENT,
            general_activity_cap_percent: 10,
            partial_unit: PartialUnit::ProRata,
            lines,
        })
    }

    fn line_minutes(
        &self,
        i: usize,
        line: &PlanLine,
        item: &ReferenceItem,
    ) -> Result<(i64, i64, String), WorkloadError> {
        let bad = |reason: String| WorkloadError::InvalidLine {
            line: i.saturating_add(1),
            reason,
        };
        let line_overflow = || {
            overflow(
                SUM_RULE,
                &format!("the minutes of plan line {}", i.saturating_add(1)),
            )
        };
        let count = i64::from(line.count);
        if item.unit == Unit::Actual {
            let m = line.actual_minutes.ok_or_else(|| {
                bad(format!(
                    "{} is counted at its actual hours: give actual_minutes",
                    item.zh
                ))
            })?;
            if m < 0 {
                return Err(bad("actual minutes cannot be negative".to_owned()));
            }
            return Ok((
                m.checked_div(count).unwrap_or(m),
                m,
                format!("{}: actual {}", item.zh, format_minutes(m)),
            ));
        }
        let (base, label) = if item.variants.is_empty() {
            let m = item
                .minutes
                .ok_or_else(|| bad(format!("{} has no hours in the table", item.zh)))?;
            (m, item.zh.clone())
        } else {
            let id = line.variant.as_deref().ok_or_else(|| {
                bad(format!(
                    "{} needs a variant: {}",
                    item.zh,
                    item.variants
                        .iter()
                        .map(|v| v.id.as_str())
                        .collect::<Vec<_>>()
                        .join(" or ")
                ))
            })?;
            let v = item
                .variants
                .iter()
                .find(|v| v.id == id)
                .ok_or_else(|| bad(format!("{} has no variant {id:?}", item.zh)))?;
            (v.minutes, format!("{}（{}）", item.zh, v.zh))
        };
        let base = if line.combined_with_survey {
            checked_sum(
                item.parts
                    .iter()
                    .filter(|p| p.skipped_when_combined)
                    .map(|p| p.minutes),
            )
            .and_then(|skipped| base.checked_sub(skipped))
            .ok_or_else(line_overflow)?
        } else {
            base
        };
        let (each, how) = match item.unit.unit_size() {
            Some(unit) => {
                let size = i64::from(line.size.unwrap_or(unit));
                let unit = i64::from(unit);
                let each = match self.partial_unit {
                    PartialUnit::ProRata => base.checked_mul(size).and_then(|m| div_ceil(m, unit)),
                    PartialUnit::RoundUp => div_ceil(size, unit).and_then(|u| base.checked_mul(u)),
                    PartialUnit::RoundDown => {
                        size.checked_div(unit).and_then(|u| base.checked_mul(u))
                    }
                }
                .ok_or_else(line_overflow)?;
                (
                    each,
                    format!(" × {size}/{unit} units ({})", self.partial_unit.zh()),
                )
            }
            None => (base, String::new()),
        };
        let combined = if line.combined_with_survey {
            " (walk-through not counted again: combined with a survey)"
        } else {
            ""
        };
        let total = each.checked_mul(count).ok_or_else(line_overflow)?;
        Ok((
            each,
            total,
            format!(
                "{label}: {} × {}{how}{combined} = {}",
                line.count,
                format_minutes(base),
                format_minutes(total)
            ),
        ))
    }

    /// Evaluates the plan against `table`: hours per line and in total, and every finding.
    ///
    /// # Errors
    /// [`WorkloadError::InvalidLine`] for an unknown item or variant, or a missing actual
    /// figure; [`WorkloadError::InvalidParameters`] for no staff or a share over 100 %.
    ///
    /// # Example
    /// ```
    /// use shegong::workload::{PlanLine, ProjectPlan, ReferenceTable};
    /// let plan = ProjectPlan::standard("长者关爱项目", 1, vec![
    ///     PlanLine::new("intake", 20), PlanLine::new("case_session", 120),
    ///     PlanLine::new("closing_evaluation", 20), PlanLine::new("home_visit", 100),
    ///     PlanLine::new("general_activity", 10),
    /// ])?;
    /// let report = plan.evaluate(&ReferenceTable::suzhou_2016())?;
    /// assert_eq!(report.total_minutes / 60, 20 * 16 + 120 * 8 + 20 * 4 + 100 * 2 + 10 * 4);
    /// assert!(report.findings.is_empty(), "{:?}", report.findings);
    /// # Ok::<(), shegong::workload::WorkloadError>(())
    /// ```
    pub fn evaluate(&self, table: &ReferenceTable) -> Result<PlanReport, WorkloadError> {
        if self.staff == 0 {
            return Err(WorkloadError::InvalidParameters {
                reason: "a project has at least one full-time worker".to_owned(),
            });
        }
        let mut lines = Vec::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            let item = table
                .item(&line.item)
                .ok_or_else(|| WorkloadError::InvalidLine {
                    line: i.saturating_add(1),
                    reason: format!("no item {:?} in table {}", line.item, table.name),
                })?;
            let (each, minutes, explanation) = self.line_minutes(i, line, item)?;
            lines.push(LineResult {
                item: item.id.clone(),
                number: item.number,
                variant: line.variant.clone(),
                count: line.count,
                minutes_each: each,
                minutes,
                explanation,
            });
        }
        let total = checked_sum(lines.iter().map(|l| l.minutes))
            .ok_or_else(|| overflow(SUM_RULE, "the project's total minutes"))?;
        let staff = i64::from(self.staff);
        let lower = staff
            .checked_mul(direct_share(&self.annual, self.direct_percent)?)
            .ok_or_else(|| overflow("project-bounds", "staff × direct-service minutes"))?;
        let upper = staff
            .checked_mul(self.annual.minutes)
            .ok_or_else(|| overflow("project-bounds", "staff × annual minutes"))?;
        // `general` is a part of `total`, so it fits when the total does.
        let general = checked_sum(
            lines
                .iter()
                .filter(|l| l.item == "general_activity")
                .map(|l| l.minutes),
        )
        .ok_or_else(|| overflow(SUM_RULE, "general activity minutes"))?;
        // Shares are computed in i128, where products of two i64 cannot overflow.
        let share_bp = if total > 0 {
            i128::from(general)
                .saturating_mul(10_000)
                .checked_div(i128::from(total))
                .and_then(|bp| i64::try_from(bp).ok())
                .ok_or_else(|| overflow("general-activity-cap-10pct", "general activity share"))?
        } else {
            0
        };
        let mut findings = Vec::new();
        if total < lower {
            findings.push(finding(
                "project-bounds",
                Severity::Violation,
                format!(
                    "the service workload {} is below {} staff × {} direct-service hours = {}",
                    format_minutes(total),
                    self.staff,
                    format_minutes(lower.checked_div(staff).unwrap_or(0)),
                    format_minutes(lower)
                ),
            ));
        }
        if total > upper {
            findings.push(finding(
                "project-bounds",
                Severity::Violation,
                format!(
                    "the service workload {} is above {} staff × {} annual hours = {}",
                    format_minutes(total),
                    self.staff,
                    format_minutes(self.annual.minutes),
                    format_minutes(upper)
                ),
            ));
        }
        if i128::from(general).saturating_mul(100)
            > i128::from(total).saturating_mul(i128::from(self.general_activity_cap_percent))
        {
            findings.push(finding(
                "general-activity-cap-10pct",
                Severity::Warning,
                format!(
                    "general community activities are {} of {} ({}.{:02} %), over the usual {} %",
                    format_minutes(general),
                    format_minutes(total),
                    share_bp.checked_div(100).unwrap_or(0),
                    share_bp.checked_rem(100).unwrap_or(0),
                    self.general_activity_cap_percent
                ),
            ));
        }
        Ok(PlanReport {
            lines,
            total_minutes: total,
            lower_bound_minutes: lower,
            upper_bound_minutes: upper,
            general_activity_minutes: general,
            general_activity_share_bp: share_bp,
            findings,
        })
    }
}
