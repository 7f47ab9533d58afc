//! Actual workload from histories: case and activity events turned into the table's item
//! counts, per worker and month, to compare with the plan.
//!
//! What counts as what (one count each):
//! - a consultation held → professional consultation (专业咨询);
//! - a case opened or reopened → intake, including assessment and plan (接案);
//! - a session → case session (个案服务); a home visit → home visit (探访);
//! - a referral out → referral, accompanied or not (转介);
//! - a closing approved → closing/referral evaluation (结案/转介评估);
//! - a group's first plan submission → group preparation; each group session → group
//!   session; its mid-term evaluation and its end → the two group evaluations;
//! - each session of a large, small/medium or general community activity → that activity;
//!   of a lecture → a self-run training/lecture.
//!
//! The worker is the actor of the event when a worker recorded it, else the case's worker;
//! the month is the event's month in China time.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::plan::PlanReport;
use super::table::ReferenceTable;
use super::{overflow, WorkloadError};
use crate::activity::{Activity, ActivityEvent, ActivityKind};
use crate::case::{china_date, Case, Decision, EventKind, MeetingKind, Role};

/// Counts of one item by one worker in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActualCount {
    /// The worker (actor id).
    pub worker: String,
    /// The month, `YYYY-MM`.
    pub month: String,
    /// The item's id.
    pub item: String,
    /// The variant, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// How many.
    pub count: u32,
    /// Their reference minutes.
    pub minutes: i64,
}

type Key = (String, String, String, Option<String>);

struct Tally<'a> {
    table: &'a ReferenceTable,
    from: NaiveDate,
    to: NaiveDate,
    counts: BTreeMap<Key, u32>,
}

impl Tally<'_> {
    fn add(&mut self, worker: &str, at: DateTime<FixedOffset>, item: &str, variant: Option<&str>) {
        let day = china_date(at);
        if day < self.from || day > self.to || self.table.item(item).is_none() {
            return;
        }
        let month = format!("{:04}-{:02}", day.year(), day.month());
        let count = self
            .counts
            .entry((
                worker.to_owned(),
                month,
                item.to_owned(),
                variant.map(str::to_owned),
            ))
            .or_insert(0);
        // One count per event: a history cannot hold u32::MAX events of one month.
        *count = count.saturating_add(1);
    }
}

/// The item counts of `cases` and `activities` between `from` and `to` (China dates,
/// inclusive), per worker, month and item, ordered by worker, month and item.
///
/// # Errors
/// [`WorkloadError::Overflow`] when a count times the table's minutes does not fit an `i64`
/// (an agency table with absurd minutes).
pub fn actual_counts(
    cases: &[Case],
    activities: &[Activity],
    table: &ReferenceTable,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ActualCount>, WorkloadError> {
    let mut t = Tally {
        table,
        from,
        to,
        counts: BTreeMap::new(),
    };
    for case in cases {
        let default_worker = case.state().worker.clone();
        for r in case.history() {
            let who = if r.actor.role == Role::Worker {
                r.actor.id.as_str()
            } else {
                default_worker.as_str()
            };
            let mut add =
                |item: &str, variant: Option<&str>| t.add(who, r.occurred_at, item, variant);
            match &r.event {
                EventKind::ConsultationHeld { .. } => add("professional_consultation", None),
                EventKind::Opened { .. } | EventKind::Reopened { .. } => add("intake", None),
                EventKind::Met {
                    kind: MeetingKind::Session,
                    ..
                } => add("case_session", None),
                EventKind::Met {
                    kind: MeetingKind::HomeVisit,
                    ..
                } => add("home_visit", None),
                EventKind::ReferredOut { referral } => add(
                    "referral",
                    Some(if referral.accompanied {
                        "accompanied"
                    } else {
                        "unaccompanied"
                    }),
                ),
                EventKind::Terminated {
                    referral: Some(referral),
                    ..
                } => add(
                    "referral",
                    Some(if referral.accompanied {
                        "accompanied"
                    } else {
                        "unaccompanied"
                    }),
                ),
                EventKind::ClosingDecided {
                    decision: Decision::Approved { .. },
                } => {
                    // The evaluation is the worker's, not the approving supervisor's.
                    t.add(&default_worker, r.occurred_at, "closing_evaluation", None);
                }
                _ => {}
            }
        }
    }
    for a in activities {
        let kind = a.plan_of().kind;
        let mut prepared = false;
        for r in a.history() {
            let who = r.actor.id.as_str();
            match (&r.event, kind) {
                (ActivityEvent::PlanSubmitted { .. }, ActivityKind::Group) if !prepared => {
                    prepared = true;
                    t.add(who, r.occurred_at, "group_preparation", None);
                }
                (ActivityEvent::SessionHeld { .. }, ActivityKind::Group) => {
                    t.add(who, r.occurred_at, "group_session", None)
                }
                (ActivityEvent::MidtermEvaluated { .. }, ActivityKind::Group) => {
                    t.add(who, r.occurred_at, "group_midterm_evaluation", None)
                }
                (ActivityEvent::Ended, ActivityKind::Group) => {
                    t.add(who, r.occurred_at, "group_closing_evaluation", None)
                }
                (ActivityEvent::SessionHeld { .. }, ActivityKind::Large) => {
                    t.add(who, r.occurred_at, "large_activity", None)
                }
                (ActivityEvent::SessionHeld { .. }, ActivityKind::SmallMedium) => {
                    t.add(who, r.occurred_at, "small_medium_activity", None)
                }
                (ActivityEvent::SessionHeld { .. }, ActivityKind::General) => {
                    t.add(who, r.occurred_at, "general_activity", None)
                }
                (ActivityEvent::SessionHeld { .. }, ActivityKind::Lecture) => {
                    t.add(who, r.occurred_at, "training_lecture", Some("self_run"))
                }
                _ => {}
            }
        }
    }
    t.counts
        .into_iter()
        .map(|((worker, month, item, variant), count)| {
            let each = table.item(&item).map_or(0, |it| match &variant {
                Some(v) => it
                    .variants
                    .iter()
                    .find(|x| x.id == *v)
                    .map_or(0, |x| x.minutes),
                None => it.minutes.unwrap_or(0),
            });
            let minutes = each
                .checked_mul(i64::from(count))
                .ok_or_else(|| overflow("project-workload-sum", "actual minutes"))?;
            Ok(ActualCount {
                worker,
                month,
                item,
                variant,
                count,
                minutes,
            })
        })
        .collect()
}

/// Plan against actual for one item (and variant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// The item's id.
    pub item: String,
    /// The variant, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// Planned count.
    pub planned_count: u32,
    /// Planned minutes.
    pub planned_minutes: i64,
    /// Actual count.
    pub actual_count: u32,
    /// Actual minutes.
    pub actual_minutes: i64,
}

/// Plan against actual, per item and variant, in the table's order.
///
/// # Errors
/// [`WorkloadError::Overflow`] when a sum of counts or minutes does not fit its type.
pub fn compare(
    plan: &PlanReport,
    actual: &[ActualCount],
    table: &ReferenceTable,
) -> Result<Vec<Comparison>, WorkloadError> {
    let mut rows: BTreeMap<(u32, String, Option<String>), Comparison> = BTreeMap::new();
    let number = |item: &str| table.item(item).map_or(u32::MAX, |i| i.number);
    let row = |item: &str, variant: &Option<String>| -> (u32, String, Option<String>) {
        (number(item), item.to_owned(), variant.clone())
    };
    for l in &plan.lines {
        let key = row(&l.item, &l.variant);
        let c = rows.entry(key).or_insert_with(|| Comparison {
            item: l.item.clone(),
            variant: l.variant.clone(),
            planned_count: 0,
            planned_minutes: 0,
            actual_count: 0,
            actual_minutes: 0,
        });
        c.planned_count = c
            .planned_count
            .checked_add(l.count)
            .ok_or_else(|| overflow("project-workload-sum", "planned count"))?;
        c.planned_minutes = c
            .planned_minutes
            .checked_add(l.minutes)
            .ok_or_else(|| overflow("project-workload-sum", "planned minutes"))?;
    }
    for a in actual {
        let key = row(&a.item, &a.variant);
        let c = rows.entry(key).or_insert_with(|| Comparison {
            item: a.item.clone(),
            variant: a.variant.clone(),
            planned_count: 0,
            planned_minutes: 0,
            actual_count: 0,
            actual_minutes: 0,
        });
        c.actual_count = c
            .actual_count
            .checked_add(a.count)
            .ok_or_else(|| overflow("project-workload-sum", "actual count"))?;
        c.actual_minutes = c
            .actual_minutes
            .checked_add(a.minutes)
            .ok_or_else(|| overflow("project-workload-sum", "actual minutes"))?;
    }
    Ok(rows.into_values().collect())
}
