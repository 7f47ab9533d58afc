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
    #[serde(deserialize_with = "crate::json::date::deserialize")]
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
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        on: NaiveDate,
        /// The moment it was met.
        at: DateTime<FixedOffset>,
        /// Whether on or before the due date (instant, for hour-based rules).
        on_time: bool,
        /// Working days late, when a day-based rule was met late and the calendar covers the
        /// dates (hour-based rules: absent, see `hours_late`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        working_days_late: Option<i64>,
        /// Hours late, counted in started hours (at least 1), when an hour-based rule was met
        /// late; absent otherwise.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hours_late: Option<i64>,
    },
    /// No longer owed: the case closed or was referred out before it was met.
    Released {
        /// The date it was released.
        #[serde(deserialize_with = "crate::json::date::deserialize")]
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

    /// Working days late: overdue, or met late, when the calendar covers the dates; 0 when
    /// met on time or not yet due; `None` when it cannot be said (not computable, an
    /// hour-based rule, dates past the calendar's data). See [`Obligation::lateness`] for
    /// every unit at once.
    pub fn working_days_late(&self) -> Option<i64> {
        match self {
            ObligationStatus::Overdue { working_days, .. } => *working_days,
            ObligationStatus::Met { on_time: true, .. } => Some(0),
            ObligationStatus::Met {
                working_days_late, ..
            } => *working_days_late,
            ObligationStatus::NotComputable { .. } => None,
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
    #[serde(deserialize_with = "crate::json::date::optional")]
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

/// How late an obligation is (still owed) or was (met), in the units its rule counts in: the
/// columns of a report row, computed once so the per-case and the batch views agree.
///
/// Day-based rules fill `days_late` and `working_days_late`; hour-based rules (a `due_at`)
/// fill `hours_late` only, since a day count would call a report three hours late "0 days
/// late". Every field is `None` for a `not_computable` or `released` obligation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lateness {
    /// `Some(true)` met on time, `Some(false)` met late or overdue, `None` no verdict yet
    /// (pending, at risk) or none at all (released, not computable).
    pub on_time: Option<bool>,
    /// Calendar days late (day-based rules): overdue as of now, or met late; 0 when met on
    /// time or not yet due.
    pub days_late: Option<i64>,
    /// Working days late (day-based rules), as `days_late`, when the calendar covers the
    /// dates; it may be 0 while `days_late` is not (late only by days off).
    pub working_days_late: Option<i64>,
    /// Started hours late (hour-based rules): at least 1 when late, 0 when met on time or not
    /// yet due.
    pub hours_late: Option<i64>,
}

impl Obligation {
    /// How late it is or was, in its rule's units (see [`Lateness`]).
    ///
    /// # Example
    /// ```
    /// use shegong::deadline::{Lateness, ObligationStatus};
    /// # let mut ob: shegong::deadline::Obligation = serde_json::from_str(r#"{"rule":"crisis-immediate","subject_kind":"case","subject":"SZ-2026-0001","owed":"crisis report","owed_by":"worker","owner":"w-li","counts_from":{"seq":2,"event":"crisis_declared","date":"2026-03-02","at":"2026-03-02T09:00:00+08:00"},"due_date":"2026-03-03","due_at":"2026-03-03T09:00:00+08:00","status":{"status":"overdue","days":0,"hours":5},"provisional":false,"explanation":""}"#)?;
    /// assert_eq!(ob.lateness(), Lateness { on_time: Some(false), days_late: None, working_days_late: None, hours_late: Some(5) });
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn lateness(&self) -> Lateness {
        let hourly = self.due_at.is_some();
        let not_late = Lateness {
            on_time: None,
            days_late: (!hourly).then_some(0),
            working_days_late: (!hourly).then_some(0),
            hours_late: hourly.then_some(0),
        };
        match &self.status {
            ObligationStatus::Pending | ObligationStatus::AtRisk { .. } => not_late,
            ObligationStatus::Met { on_time: true, .. } => Lateness {
                on_time: Some(true),
                ..not_late
            },
            ObligationStatus::Met {
                on,
                working_days_late,
                hours_late,
                ..
            } => Lateness {
                on_time: Some(false),
                days_late: if hourly {
                    None
                } else {
                    self.due_date
                        .map(|d| on.signed_duration_since(d).num_days().max(1))
                },
                working_days_late: if hourly { None } else { *working_days_late },
                hours_late: if hourly {
                    Some(hours_late.unwrap_or(1).max(1))
                } else {
                    None
                },
            },
            ObligationStatus::Overdue {
                days,
                working_days,
                hours,
            } => Lateness {
                on_time: Some(false),
                days_late: (!hourly).then_some(*days),
                working_days_late: if hourly { None } else { *working_days },
                hours_late: if hourly {
                    Some(hours.unwrap_or(1).max(1))
                } else {
                    None
                },
            },
            ObligationStatus::Released { .. } | ObligationStatus::NotComputable { .. } => {
                Lateness::default()
            }
        }
    }
}

impl Obligation {
    /// The last moment it is on time: `due_at` for an hour-based rule, otherwise the end of
    /// `due_date` in China time (midnight after it); `None` when not computable. Sorting by it
    /// puts the most overdue first and, among those still owed, the least time left first,
    /// whatever the rules' units: the urgency order of a dashboard.
    ///
    /// # Example
    /// ```
    /// # let ob: shegong::deadline::Obligation = serde_json::from_str(r#"{"rule":"consult-reply-5wd","subject_kind":"case","subject":"SZ-2026-0001","owed":"reply","owed_by":"worker","owner":"w-li","counts_from":{"seq":2,"event":"not_opened","date":"2026-03-02","at":"2026-03-02T09:00:00+08:00"},"due_date":"2026-03-09","status":{"status":"pending"},"provisional":false,"explanation":""}"#)?;
    /// assert_eq!(ob.deadline().unwrap().to_rfc3339(), "2026-03-10T00:00:00+08:00");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn deadline(&self) -> Option<DateTime<FixedOffset>> {
        if let Some(at) = self.due_at {
            return Some(at);
        }
        self.due_date?
            .succ_opt()?
            .and_hms_opt(0, 0, 0)?
            .and_local_timezone(crate::case::china_offset())
            .single()
    }

    /// The explanation cut into its parts, for a display that states the calendar once:
    /// `None` for a not-computable obligation (whose explanation has no calendar part).
    ///
    /// # Example
    /// ```
    /// # let ob: shegong::deadline::Obligation = serde_json::from_str(r#"{"rule":"consult-reply-5wd","subject_kind":"case","subject":"SZ-2026-0001","owed":"reply","owed_by":"worker","owner":"w-li","counts_from":{"seq":2,"event":"not_opened","date":"2026-03-02","at":"2026-03-02T09:00:00+08:00"},"due_date":"2026-03-09","status":{"status":"pending"},"provisional":false,"explanation":"due 2026-03-09: 5 working days after the decision not to open on 2026-03-02 [consult-reply-5wd], calendar CN official 2026; pending"}"#)?;
    /// let parts = ob.explanation_parts().unwrap();
    /// assert_eq!(parts.why, "due 2026-03-09: 5 working days after the decision not to open on 2026-03-02 [consult-reply-5wd]");
    /// assert_eq!((parts.calendar, parts.status), ("calendar CN official 2026", "pending"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn explanation_parts(&self) -> Option<ExplanationParts<'_>> {
        let tag = format!("[{}], ", self.rule);
        let cut = self.explanation.find(&tag)?.checked_add(tag.len())?;
        let why = self.explanation.get(..cut.checked_sub(2)?)?;
        let rest = self.explanation.get(cut..)?;
        let (calendar, status) = rest.split_once("; ")?;
        Some(ExplanationParts {
            why,
            calendar,
            status,
        })
    }
}

/// The parts of an [`Obligation`]'s explanation: `"{why}, {calendar}; {status}"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExplanationParts<'a> {
    /// When it is due and why: `"due 2026-10-09: 5 working days after opening on 2026-09-24
    /// [open-approval-5wd]"`, with any move off a day off.
    pub why: &'a str,
    /// The calendar counted on: `"calendar CN official 2026"`, or its provisional form.
    pub calendar: &'a str,
    /// Where it stands: `"overdue by 3 working days (4 calendar days)"`.
    pub status: &'a str,
}

/// A positive duration in started hours (at least 1); 0 for none.
pub(crate) fn started_hours(late: chrono::Duration) -> i64 {
    if late <= chrono::Duration::zero() {
        return 0;
    }
    let secs = late.num_seconds();
    let whole = secs / 3600;
    let part = i64::from(secs % 3600 != 0);
    whole.saturating_add(part).max(1)
}
