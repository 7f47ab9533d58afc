//! Supervision (社会工作督导, 003 第七节): session limits (`[supervision-limits]`) and fee caps
//! (`[supervision-fee-caps]`).
//!
//! Limits: individual supervision at most 2 hours a session, one supervisee; group
//! supervision at most 4 hours a session, normally 2–8 supervisees (a warning outside).
//! Fee caps per hour: a local supervisor with 5–9 full years of practice ≤ 200 元, 10 or more
//! ≤ 250 元 ("10 年以上" includes 10: 民法典 第一千二百五十九条), an overseas supervisor
//! ≤ 300 元; under 5 years the standard sets no cap, reported as not covered.
//!
//! Records (`[supervision-records]`, 003 第七节 2, 4): a session counts towards supervision
//! hours and fees only when its record is written (supervisor, supervisees, duration and
//! topics) and confirmed by its supervisor, on or after the session's date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{finding, Finding, Severity};
use super::{format_minutes, overflow, WorkloadError};
use crate::labels::labelled_enum;

labelled_enum! {
    /// Individual or group supervision.
    pub enum SupervisionKind {
        Individual = "individual" => "个别督导",
        Group = "group" => "团体督导",
    }
}

labelled_enum! {
    /// Local or overseas supervisor.
    pub enum SupervisorType {
        Local = "local" => "本土督导",
        Overseas = "overseas" => "境外督导",
    }
}

/// A fee cap, or none set by the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "cap", rename_all = "snake_case")]
pub enum FeeCap {
    /// At most this many fen an hour.
    PerHourFen {
        /// The cap, in fen.
        fen: i64,
    },
    /// The standard sets no cap for this supervisor (a local supervisor under 5 years).
    NotCovered,
}

/// The fee cap per hour for a supervisor (`[supervision-fee-caps]`).
///
/// # Example
/// ```
/// use shegong::workload::{fee_cap_fen, FeeCap, SupervisorType};
/// assert_eq!(fee_cap_fen(SupervisorType::Local, 9), FeeCap::PerHourFen { fen: 20_000 });
/// assert_eq!(fee_cap_fen(SupervisorType::Local, 10), FeeCap::PerHourFen { fen: 25_000 });
/// assert_eq!(fee_cap_fen(SupervisorType::Local, 4), FeeCap::NotCovered);
/// assert_eq!(fee_cap_fen(SupervisorType::Overseas, 1), FeeCap::PerHourFen { fen: 30_000 });
/// ```
pub fn fee_cap_fen(supervisor: SupervisorType, years_of_practice: u32) -> FeeCap {
    match (supervisor, years_of_practice) {
        (SupervisorType::Overseas, _) => FeeCap::PerHourFen { fen: 30_000 },
        (SupervisorType::Local, 10..) => FeeCap::PerHourFen { fen: 25_000 },
        (SupervisorType::Local, 5..=9) => FeeCap::PerHourFen { fen: 20_000 },
        (SupervisorType::Local, _) => FeeCap::NotCovered,
    }
}

/// A supervision session as recorded (个督记录 / 团督记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRecord {
    /// The date.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
    /// Individual or group.
    pub kind: SupervisionKind,
    /// The supervisor.
    pub supervisor: String,
    /// Local or overseas.
    pub supervisor_type: SupervisorType,
    /// The supervisor's full years of professional practice.
    pub years_of_practice: u32,
    /// The supervisees.
    pub supervisees: Vec<String>,
    /// Length in minutes.
    pub minutes: u32,
    /// The fee per hour, in fen.
    pub fee_per_hour_fen: i64,
    /// The topic.
    #[serde(default)]
    pub topic: String,
    /// Who confirmed the written record: its supervisor (`[supervision-records]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_by: Option<String>,
    /// When the record was confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional")]
    pub confirmed_on: Option<NaiveDate>,
}

impl SupervisionRecord {
    /// Why the session does not count towards supervision hours and fees
    /// (`[supervision-records]`), or `None` when its record is written and confirmed: it names
    /// its supervisor, supervisees, duration and topic, and was confirmed by that supervisor
    /// on or after the session's date.
    pub fn not_counted(&self) -> Option<String> {
        let blank = |s: &str| s.trim().is_empty();
        let mut missing = Vec::new();
        if blank(&self.supervisor) {
            missing.push("the supervisor");
        }
        if self.supervisees.is_empty() || self.supervisees.iter().any(|s| blank(s)) {
            missing.push("the supervisees");
        }
        if self.minutes == 0 {
            missing.push("the duration");
        }
        if blank(&self.topic) {
            missing.push("the topic");
        }
        if !missing.is_empty() {
            return Some(format!(
                "the record lacks {}: it does not count until written",
                missing.join(", ")
            ));
        }
        if self
            .supervisees
            .iter()
            .any(|s| s.trim() == self.supervisor.trim())
        {
            return Some(
                "the supervisor is listed among the supervisees: supervision is of others, so it does not count"
                    .to_owned(),
            );
        }
        match (&self.confirmed_by, self.confirmed_on) {
            (Some(by), Some(on)) if !blank(by) && *by == self.supervisor && on >= self.date => None,
            (Some(by), _) if !blank(by) && *by != self.supervisor => Some(
                "the record is confirmed by someone other than its supervisor: it does not count"
                    .to_owned(),
            ),
            (Some(by), Some(on)) if !blank(by) && on < self.date => Some(format!(
                "the record is confirmed on {on}, before the session on {}: it does not count",
                self.date
            )),
            _ => Some(
                "the record is not confirmed by the supervisor: it does not count towards supervision hours and fees"
                    .to_owned(),
            ),
        }
    }
}

fn check(
    kind: SupervisionKind,
    minutes: u32,
    supervisees: usize,
    supervisor: SupervisorType,
    years: u32,
    fee: i64,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let (max_minutes, label) = match kind {
        SupervisionKind::Individual => (120, "individual supervision is at most 2 h a session"),
        SupervisionKind::Group => (240, "group supervision is at most 4 h a session"),
    };
    if minutes > max_minutes {
        out.push(finding(
            "supervision-limits",
            Severity::Violation,
            format!(
                "{label}; this one is {}",
                format_minutes(i64::from(minutes))
            ),
        ));
    }
    match kind {
        SupervisionKind::Individual if supervisees != 1 => out.push(finding(
            "supervision-limits",
            Severity::Violation,
            format!("individual supervision has one supervisee, not {supervisees}"),
        )),
        SupervisionKind::Group if !(2..=8).contains(&supervisees) => out.push(finding(
            "supervision-limits",
            Severity::Warning,
            format!("group supervision normally has 2-8 supervisees, not {supervisees}"),
        )),
        _ => {}
    }
    match fee_cap_fen(supervisor, years) {
        FeeCap::PerHourFen { fen } if fee > fen => out.push(finding("supervision-fee-caps", Severity::Violation, format!(
            "{} with {years} years: at most {} 元 an hour, charged {}.{:02} 元", supervisor.zh(), fen / 100, fee / 100, fee % 100))),
        FeeCap::NotCovered => out.push(finding("supervision-fee-caps", Severity::NotCovered, format!(
            "{} with {years} years of practice: the standard sets caps from 5 years on; this fee is not covered", supervisor.zh()))),
        _ => {}
    }
    out
}

/// Checks one supervision session: its length, its supervisees, its fee and whether its
/// record is written and confirmed (`[supervision-records]`, a warning: the session does not
/// count until it is).
pub fn check_supervision(r: &SupervisionRecord) -> Vec<Finding> {
    let mut out = check(
        r.kind,
        r.minutes,
        r.supervisees.len(),
        r.supervisor_type,
        r.years_of_practice,
        r.fee_per_hour_fen,
    );
    if let Some(reason) = r.not_counted() {
        out.push(finding("supervision-records", Severity::Warning, reason));
    }
    out
}

/// Supervision delivered: the sessions whose records are written and confirmed, and the
/// others, which do not count (`[supervision-records]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionTotal {
    /// Sessions counted.
    pub sessions: u32,
    /// Supervision minutes counted.
    pub minutes: i64,
    /// Fees counted, in fen (pro rata to the minute, rounded up to the fen).
    pub fee_fen: i64,
    /// Why each other session does not count, prefixed with its position (from 1).
    pub not_counted: Vec<Finding>,
}

/// Totals the supervision hours and fees of recorded sessions: only sessions whose records
/// are written and confirmed by their supervisor count (`[supervision-records]`), and only
/// within the standard's limits: a session with a violation of `[supervision-limits]` or
/// `[supervision-fee-caps]` (see [`check_supervision`]) is listed in `not_counted` with it.
///
/// # Errors
/// [`WorkloadError::InvalidParameters`] for a negative fee; [`WorkloadError::Overflow`] when a
/// total does not fit — never a wrapped total.
///
/// # Example
/// ```
/// use shegong::workload::*;
/// let mut r: SupervisionRecord = serde_json::from_value(serde_json::json!({
///     "date": "2026-03-10", "kind": "individual", "supervisor": "s-wang",
///     "supervisor_type": "local", "years_of_practice": 8, "supervisees": ["w-li"],
///     "minutes": 90, "fee_per_hour_fen": 20000, "topic": "个案督导"}))?;
/// assert_eq!(total_supervision(&[r.clone()])?.minutes, 0, "not confirmed: not counted");
/// r.confirmed_by = Some("s-wang".into());
/// r.confirmed_on = Some("2026-03-11".parse()?);
/// let total = total_supervision(&[r])?;
/// assert_eq!((total.minutes, total.fee_fen), (90, 30_000));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn total_supervision(records: &[SupervisionRecord]) -> Result<SupervisionTotal, WorkloadError> {
    let mut total = SupervisionTotal {
        sessions: 0,
        minutes: 0,
        fee_fen: 0,
        not_counted: Vec::new(),
    };
    for (i, r) in records.iter().enumerate() {
        let n = i.saturating_add(1);
        if r.fee_per_hour_fen < 0 {
            return Err(WorkloadError::InvalidParameters {
                reason: format!("session {n}: a fee cannot be negative [supervision-fee-caps]"),
            });
        }
        if let Some(reason) = r.not_counted() {
            total.not_counted.push(finding(
                "supervision-records",
                Severity::Warning,
                format!("session {n}: {reason}"),
            ));
            continue;
        }
        // A session past the standard's limits (over 2 hours alone, a fee over its cap…) is
        // not counted as standard supervision: its violations say why.
        let violations: Vec<Finding> = check_supervision(r)
            .into_iter()
            .filter(|f| f.severity == Severity::Violation)
            .map(|f| Finding {
                message: format!("session {n}: {} (not counted)", f.message),
                ..f
            })
            .collect();
        if !violations.is_empty() {
            total.not_counted.extend(violations);
            continue;
        }
        let minutes = i64::from(r.minutes);
        total.sessions = total.sessions.saturating_add(1);
        total.minutes = total
            .minutes
            .checked_add(minutes)
            .ok_or_else(|| overflow("supervision-records", "supervision minutes"))?;
        total.fee_fen = i128::from(r.fee_per_hour_fen)
            .checked_mul(i128::from(minutes))
            .and_then(|f| f.checked_add(59))
            .map(|f| f / 60)
            .and_then(|fen| i64::try_from(fen).ok())
            .and_then(|fen| total.fee_fen.checked_add(fen))
            .ok_or_else(|| overflow("supervision-fee-caps", "total fee in fen"))?;
    }
    Ok(total)
}

/// A planned line of a supervision budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedSupervision {
    /// Individual or group.
    pub kind: SupervisionKind,
    /// Sessions planned.
    pub sessions: u32,
    /// Minutes per session.
    pub minutes: u32,
    /// Supervisees per session.
    pub supervisees: u32,
    /// Local or overseas.
    pub supervisor_type: SupervisorType,
    /// The supervisor's full years of practice.
    pub years_of_practice: u32,
    /// The fee per hour, in fen.
    pub fee_per_hour_fen: i64,
}

/// A supervision budget's total and findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetReport {
    /// The total, in fen, exact.
    pub total_fen: i64,
    /// The supervision hours, in minutes.
    pub total_minutes: i64,
    /// Findings, each prefixed with its line.
    pub findings: Vec<Finding>,
}

/// Totals a supervision budget and checks every line (fees pro rata to the minute, rounded
/// up to the fen).
///
/// # Errors
/// [`WorkloadError::InvalidParameters`] for a negative fee; [`WorkloadError::Overflow`]
/// (`[supervision-fee-caps]`) when a line's fee or the total does not fit an `i64` of fen —
/// never a wrapped total.
pub fn check_budget(lines: &[PlannedSupervision]) -> Result<BudgetReport, WorkloadError> {
    let mut total_fen: i64 = 0;
    let mut total_minutes: i64 = 0;
    let mut findings = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let line = i.saturating_add(1);
        if l.fee_per_hour_fen < 0 {
            return Err(WorkloadError::InvalidParameters {
                reason: format!("line {line}: a fee cannot be negative [supervision-fee-caps]"),
            });
        }
        let minutes = i64::from(l.sessions)
            .checked_mul(i64::from(l.minutes))
            .ok_or_else(|| overflow("supervision-limits", "supervision minutes of a line"))?;
        total_minutes = total_minutes
            .checked_add(minutes)
            .ok_or_else(|| overflow("supervision-limits", "total supervision minutes"))?;
        // The fee in i128 (an i64 fee times i64 minutes fits), then back to i64 fen.
        total_fen = i128::from(l.fee_per_hour_fen)
            .checked_mul(i128::from(minutes))
            .and_then(|f| f.checked_add(59))
            .map(|f| f / 60)
            .and_then(|fen| i64::try_from(fen).ok())
            .and_then(|fen| total_fen.checked_add(fen))
            .ok_or_else(|| overflow("supervision-fee-caps", "total fee in fen"))?;
        for mut f in check(
            l.kind,
            l.minutes,
            l.supervisees as usize,
            l.supervisor_type,
            l.years_of_practice,
            l.fee_per_hour_fen,
        ) {
            f.message = format!("line {line}: {}", f.message);
            findings.push(f);
        }
    }
    Ok(BudgetReport {
        total_fen,
        total_minutes,
        findings,
    })
}
