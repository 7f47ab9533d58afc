//! `RuleSet`: deadline rules as data, and the obligations they raise.

use std::sync::Arc;

use serde::Deserialize;
use shegong::deadline::{Offset, Rule, RuleSet as Core};

use crate::activity::Activity;
use crate::calendar::Calendar;
use crate::case::Case;
use crate::convert::{count, from_json, mirror, to_json, Instant, IsoDate};
use crate::errors::{OrTyped, ShegongError};
use crate::history::lock;

/// A versioned set of deadline rules: the built-in preset, or an agency's own. Immutable:
/// the `with…` methods return a new set.
#[derive(uniffi::Object)]
pub struct RuleSet(pub(crate) Core);

/// The event an obligation counts from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct Anchor {
    /// The event's sequence number.
    pub seq: i64,
    /// The event type.
    pub event: String,
    /// Its date.
    pub date: IsoDate,
    /// Its instant.
    pub at: Instant,
}

/// Where an obligation stands (the core's `ObligationStatus`, its fields as they are).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Enum)]
#[serde(tag = "status", rename_all = "snake_case")]
#[allow(missing_docs)] // The core documents each status and field.
pub enum ObligationStatus {
    Pending,
    AtRisk {
        working_days_left: i64,
        #[serde(default)]
        hours_left: Option<i64>,
    },
    Overdue {
        days: i64,
        #[serde(default)]
        working_days: Option<i64>,
        #[serde(default)]
        hours: Option<i64>,
    },
    Met {
        on: IsoDate,
        at: Instant,
        on_time: bool,
        #[serde(default)]
        working_days_late: Option<i64>,
    },
    Released {
        on: IsoDate,
        by: String,
    },
    NotComputable {
        reason: String,
    },
}

/// What a rule owes in one case or activity, explained.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct Obligation {
    /// The rule ID, e.g. `"open-approval-5wd"`.
    pub rule: String,
    /// `case` or `activity`.
    pub subject_kind: String,
    /// The case number or activity id.
    pub subject: String,
    /// What is owed.
    pub owed: String,
    /// The role that owes it.
    pub owed_by: String,
    /// The person responsible (actor id).
    pub owner: String,
    /// What it counts from.
    pub counts_from: Anchor,
    /// The due date (the last day on which it is on time), when computable.
    #[serde(default)]
    pub due_date: Option<IsoDate>,
    /// The due instant, for hour-based rules.
    #[serde(default)]
    pub due_at: Option<Instant>,
    /// Where it stands.
    pub status: ObligationStatus,
    /// Whether the due date lies in a provisional (weekday-only) year.
    pub provisional: bool,
    /// A sentence a person can read: why it is due when it is, and where it stands.
    pub explanation: String,
}

#[uniffi::export]
impl RuleSet {
    /// Every time limit of the sources.
    #[uniffi::constructor]
    pub fn preset() -> Arc<Self> {
        Arc::new(RuleSet(Core::preset()))
    }

    /// A rule set from JSON text, validated.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, ShegongError> {
        Core::from_json(&json).typed().map(|r| Arc::new(RuleSet(r)))
    }

    /// The rule set as JSON text.
    pub fn to_json(&self) -> Result<String, ShegongError> {
        self.0.to_json().typed()
    }

    /// The set with one rule's offset replaced, e.g. `{"working_days": 3}` or `{"hours": 2}`.
    pub fn with_offset(&self, rule_id: String, offset: String) -> Result<Arc<Self>, ShegongError> {
        let o: Offset = from_json(&offset, "offset")?;
        self.0
            .clone()
            .with_offset(&rule_id, o)
            .typed()
            .map(|r| Arc::new(RuleSet(r)))
    }

    /// The set without one rule.
    pub fn without(&self, rule_id: String) -> Result<Arc<Self>, ShegongError> {
        self.0
            .clone()
            .without(&rule_id)
            .typed()
            .map(|r| Arc::new(RuleSet(r)))
    }

    /// The set with one more rule (JSON text).
    pub fn with_rule(&self, rule: String) -> Result<Arc<Self>, ShegongError> {
        let r: Rule = from_json(&rule, "rule")?;
        self.0
            .clone()
            .with_rule(r)
            .typed()
            .map(|r| Arc::new(RuleSet(r)))
    }

    /// The set renamed and re-versioned.
    pub fn renamed(&self, name: String, version: String) -> Arc<Self> {
        Arc::new(RuleSet(self.0.clone().renamed(name, version)))
    }

    /// The obligations a case owes as of `now`.
    pub fn obligations(
        &self,
        case: Arc<Case>,
        calendar: Arc<Calendar>,
        now: Instant,
    ) -> Result<Vec<Obligation>, ShegongError> {
        mirror(&self.0.obligations(&lock(&case.0), &calendar.0, now.0))
    }

    /// `obligations` as the core's JSON (the form the shared vectors hold).
    pub fn obligations_json(
        &self,
        case: Arc<Case>,
        calendar: Arc<Calendar>,
        now: Instant,
    ) -> Result<String, ShegongError> {
        to_json(&self.0.obligations(&lock(&case.0), &calendar.0, now.0))
    }

    /// The obligations an activity owes as of `now`.
    pub fn activity_obligations(
        &self,
        activity: Arc<Activity>,
        calendar: Arc<Calendar>,
        now: Instant,
    ) -> Result<Vec<Obligation>, ShegongError> {
        mirror(
            &self
                .0
                .activity_obligations(&lock(&activity.0), &calendar.0, now.0),
        )
    }

    /// `activity_obligations` as the core's JSON.
    pub fn activity_obligations_json(
        &self,
        activity: Arc<Activity>,
        calendar: Arc<Calendar>,
        now: Instant,
    ) -> Result<String, ShegongError> {
        to_json(
            &self
                .0
                .activity_obligations(&lock(&activity.0), &calendar.0, now.0),
        )
    }

    /// The rules, as a JSON array.
    pub fn rules(&self) -> Result<String, ShegongError> {
        to_json(&self.0.rules)
    }

    /// The set's name.
    pub fn name(&self) -> String {
        self.0.name.clone()
    }

    /// The set's version.
    pub fn version(&self) -> String {
        self.0.version.clone()
    }
}

/// Evaluates many stored histories (JSON texts) as of `now` on `threads` threads (at least
/// one): every history gives its obligation rows and summary, or one error row (`{index,
/// code, message}`). The result is the core's batch as JSON (`obligations`, `cases`,
/// `errors`).
#[uniffi::export]
pub fn evaluate_histories(
    histories: Vec<String>,
    rule_set: Arc<RuleSet>,
    calendar: Arc<Calendar>,
    now: Instant,
    threads: i32,
) -> Result<String, ShegongError> {
    let threads = count(i64::from(threads), "threads")?;
    let batch =
        shegong::report::evaluate_batch(&histories, &rule_set.0, &calendar.0, now.0, threads)
            .typed()?;
    to_json(&batch)
}
