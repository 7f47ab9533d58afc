//! What a rule owes in one case or activity: [`Obligation`] and its [`ObligationStatus`].

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::case::Role;

/// Whether an obligation belongs to a case or an activity.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SubjectKind {
    /// A case (个案).
    Case,
    /// A group or community activity.
    Activity,
}

/// The event an obligation counts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The event's sequence number in its history.
    pub seq: u64,
    /// The event's type name.
    pub event: String,
    /// The date counted from, in China time (for an activity plan, the activity's date).
    pub date: NaiveDate,
    /// The event's moment.
    pub at: DateTime<FixedOffset>,
}

/// Where an obligation stands as of the evaluation's `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(tag = "status", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObligationStatus {
    /// Not yet due, and not yet at risk.
    Pending,
    /// Due soon: within the rule set's at-risk window.
    AtRisk {
        /// Working days left until the due date (hour-based rules: 0).
        working_days_left: i64,
        /// Hours left, for hour-based rules.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hours_left: Option<i64>,
    },
    /// Past due and not met.
    Overdue {
        /// Calendar days late.
        days: i64,
        /// Working days late, when the calendar covers today.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        working_days: Option<i64>,
        /// Hours late, for hour-based rules.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hours: Option<i64>,
    },
    /// Met by an event.
    Met {
        /// The date it was met (China time).
        on: NaiveDate,
        /// The moment it was met.
        at: DateTime<FixedOffset>,
        /// Whether on or before the due date (instant, for hour-based rules).
        on_time: bool,
        /// Working days late, when met late and the calendar covers the dates.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        working_days_late: Option<i64>,
    },
    /// No longer owed: the case closed or was referred out before it was met.
    Released {
        /// The date it was released.
        on: NaiveDate,
        /// The event that released it.
        by: String,
    },
    /// The due date cannot be computed: it falls outside the calendar's data.
    NotComputable {
        /// Why, naming the calendar's last date.
        reason: String,
    },
}

impl ObligationStatus {
    /// The status's snake_case name, as serialised: `"pending"`, `"at_risk"`, `"overdue"`,
    /// `"met"`, `"released"`, `"not_computable"`.
    pub fn name(&self) -> &'static str {
        match self {
            ObligationStatus::Pending => "pending",
            ObligationStatus::AtRisk { .. } => "at_risk",
            ObligationStatus::Overdue { .. } => "overdue",
            ObligationStatus::Met { .. } => "met",
            ObligationStatus::Released { .. } => "released",
            ObligationStatus::NotComputable { .. } => "not_computable",
        }
    }

    /// The status's Chinese label, for a dashboard: 待办, 临期, 逾期, 已完成, 已解除, 无法计算.
    pub fn zh(&self) -> &'static str {
        match self {
            ObligationStatus::Pending => "待办",
            ObligationStatus::AtRisk { .. } => "临期",
            ObligationStatus::Overdue { .. } => "逾期",
            ObligationStatus::Met { on_time: true, .. } => "已完成",
            ObligationStatus::Met { .. } => "逾期完成",
            ObligationStatus::Released { .. } => "已解除",
            ObligationStatus::NotComputable { .. } => "无法计算",
        }
    }

    /// Whether something is still owed (pending, at risk or overdue).
    pub fn is_open(&self) -> bool {
        matches!(
            self,
            ObligationStatus::Pending
                | ObligationStatus::AtRisk { .. }
                | ObligationStatus::Overdue { .. }
        )
    }

    /// Working days late: overdue, or met late; 0 otherwise.
    pub fn working_days_late(&self) -> Option<i64> {
        match self {
            ObligationStatus::Overdue { working_days, .. } => *working_days,
            ObligationStatus::Met {
                working_days_late, ..
            } => Some(working_days_late.unwrap_or(0)),
            _ => Some(0),
        }
    }
}

/// One obligation: a rule applied to one occurrence of what it counts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// The rule ID, e.g. `"open-approval-5wd"`.
    pub rule: String,
    /// Case or activity.
    pub subject_kind: SubjectKind,
    /// The case number or activity id.
    pub subject: String,
    /// What is owed.
    pub owed: String,
    /// The role that owes it.
    pub owed_by: Role,
    /// The person responsible (actor id): the case's worker, the activity's planner, the
    /// plan's reviewer.
    pub owner: String,
    /// What it counts from.
    pub counts_from: Anchor,
    /// The due date (the last day on which it is on time), when computable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
    /// The due instant, for hour-based rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime<FixedOffset>>,
    /// Where it stands.
    pub status: ObligationStatus,
    /// Whether the due date lies in a provisional (weekday-only) year.
    pub provisional: bool,
    /// A sentence a person can read: why it is due when it is, and where it stands.
    pub explanation: String,
}
