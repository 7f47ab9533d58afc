//! Deadline rules as data, and the obligations they raise in case and activity histories.
//!
//! A [`Rule`] says what it counts from, what satisfies it, its time limit ([`Offset`]), who
//! owes it and its rule ID. [`RuleSet::preset`] holds every time limit of the sources
//! (domain.md §9); an agency can override any offset, add or drop rules, and ship its set as
//! JSON. [`RuleSet::obligations`] turns a case history into obligations, each with its due
//! date computed on China's working-day calendar, its status as of `now`, and an explanation:
//! "due 2026-03-10: 5 working days after opening on 2026-03-03 [open-approval-5wd], calendar
//! CN official 2026".
//!
//! Counting (`[deadline-counting]`, domain.md §0): dates are China-time dates of the events;
//! "N working days" ends on the N-th working day after the anchor day; calendar-day, week and
//! month periods that end on a day off move to the next working day (backwards: the previous
//! one) unless the rule says not to, and the explanation says when they moved. An obligation
//! due in a provisional year says so; on a strict calendar it is `not_computable`, naming the
//! calendar's last date, and the rest of the evaluation goes on.
//!
//! Clocks restart and stop where the sources imply: the no-contact clock restarts at each
//! real contact (only the latest counts), and a case that closes or is referred out
//! *releases* what it still owed, except what closing itself requires.
//!
//! The evaluation is deterministic: the same history, rules, calendar and `now` give the same
//! obligations in the same order (by due date, then rule, subject and anchor). Events that
//! happened after `now` are ignored, so a history can be evaluated "as of" any moment.

mod obligation;
mod rule;

use chrono::{DateTime, Duration, FixedOffset, Months, NaiveDate};

pub use crate::event_types::ObligationStatusName;
pub use obligation::{
    Anchor, ExplanationParts, Lateness, Obligation, ObligationStatus, SubjectKind,
};
pub use rule::{Occurrences, Offset, Rule, RuleSet, Trigger, RULESET_FORMAT};

use crate::activity::{Activity, ActivityEvent};
use crate::calendar::{Calendar, CalendarError, DayKind};
use crate::case::{china_date, Case, EventKind, Role, Source};

/// The version of the built-in preset; it changes whenever the preset's rules do.
pub const PRESET_VERSION: &str = "2026.2";

/// Why a rule set could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeadlineError {
    /// No rule has this ID.
    #[error("no rule {id:?} in the rule set")]
    UnknownRule {
        /// The ID asked for.
        id: String,
    },
    /// The rule set is inconsistent.
    #[error("invalid rule set {:?}: {}", crate::json::scrub_digits(.name), crate::json::scrub_digits(.reason))]
    InvalidRuleSet {
        /// The set's name.
        name: String,
        /// The first problem found.
        reason: String,
    },
    /// The rule set's JSON could not be read.
    #[error("malformed rule set: {reason}")]
    Malformed {
        /// The parser's message.
        reason: String,
    },
    /// A number of the rule set is beyond its documented maximum, or a computation on it
    /// would not fit its type.
    #[error("{quantity} of rule {rule:?} is out of range")]
    Overflow {
        /// The rule ID (or the set's name, for a set-wide number).
        rule: String,
        /// What overflowed, e.g. `"offset.hours"`.
        quantity: String,
    },
    /// The rule set's JSON could not be read, or is over a limit.
    #[error(transparent)]
    Json(#[from] crate::json::JsonError),
}

impl DeadlineError {
    /// A stable snake_case code for the error's kind.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind.
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            DeadlineError::UnknownRule { .. } => crate::ErrorKind::UnknownRule,
            DeadlineError::InvalidRuleSet { .. } => crate::ErrorKind::InvalidRuleSet,
            DeadlineError::Malformed { .. } => crate::ErrorKind::Malformed,
            DeadlineError::Json(e) => e.kind(),
            DeadlineError::Overflow { .. } => crate::ErrorKind::Overflow,
        }
    }
}

/// One event of a history as the engine sees it.
struct Point {
    seq: u64,
    event: &'static str,
    at: DateTime<FixedOffset>,
    /// The date counted from; differs from `at`'s date only for an activity's own date.
    date: NaiveDate,
    /// Pairs a session with its summary.
    key: Option<u32>,
    triggers: Vec<Trigger>,
}

fn case_points(case: &Case) -> Vec<Point> {
    case.history()
        .iter()
        .map(|r| {
            use Trigger as T;
            let mut triggers = match &r.event {
                EventKind::NotOpened { .. } => vec![T::NotOpened],
                EventKind::ConsultationReplied { .. } => vec![T::ConsultationReplied],
                EventKind::Opened { .. } | EventKind::Reopened { .. } => vec![T::Opened],
                EventKind::OpeningSubmitted { .. } => vec![T::OpeningSubmitted],
                EventKind::Met { .. } => vec![T::Met],
                EventKind::ClientEvaluationReceived { .. } => {
                    vec![T::GoalAchieved, T::ClosingStarted]
                }
                EventKind::ClosingReportSubmitted { .. } => vec![T::ClosingReportSubmitted],
                EventKind::ReferralInAssessed {
                    within_scope: true, ..
                } => vec![T::ReferralAccepted],
                EventKind::ReferralInAssessed {
                    within_scope: false,
                    ..
                } => vec![T::ReferralDeclined],
                EventKind::ReferralDeclineReplied { .. } => vec![T::ReferralDeclineReplied],
                EventKind::Received {
                    source: Source::VolunteerEscalation { .. },
                    ..
                }
                | EventKind::EscalationRecorded { .. } => vec![T::EscalationRecorded],
                EventKind::EscalationAssessed { .. } => vec![T::EscalationAssessed],
                EventKind::Terminated { .. } => vec![T::Terminated, T::ClosingStarted],
                EventKind::CrisisDeclared { .. } => vec![T::CrisisDeclared],
                EventKind::CrisisReported { .. } => vec![T::CrisisReported],
                EventKind::Withdrawn { .. } | EventKind::ClosingProposed { .. } => {
                    vec![T::ClosingStarted]
                }
                EventKind::ReferredOut { referral } if referral.ends_service => {
                    vec![T::ClosingStarted]
                }
                _ => vec![],
            };
            // One definition of a real contact, shared with the termination guard
            // ([terminate-no-contact-3m]): failed attempts, notes and edits are not contacts.
            if r.event.is_contact() {
                triggers.push(T::Contact);
            }
            Point {
                seq: r.seq,
                event: r.event.name(),
                at: r.occurred_at,
                date: china_date(r.occurred_at),
                key: None,
                triggers,
            }
        })
        .collect()
}

fn activity_points(activity: &Activity) -> Vec<Point> {
    activity
        .history()
        .iter()
        .map(|r| {
            use Trigger as T;
            let (triggers, key, date) = match &r.event {
                ActivityEvent::Planned { plan } => (vec![T::ActivityDate], None, Some(plan.date)),
                ActivityEvent::PlanSubmitted { .. } => (vec![T::PlanSubmitted], None, None),
                ActivityEvent::PlanReviewed { .. } => (vec![T::PlanReviewed], None, None),
                ActivityEvent::SessionHeld { number, .. } => {
                    (vec![T::SessionHeld], Some(*number), None)
                }
                ActivityEvent::SessionSummarySubmitted { number } => {
                    (vec![T::SessionSummarySubmitted], Some(*number), None)
                }
                ActivityEvent::Ended => (vec![T::ActivityEnded], None, None),
                ActivityEvent::WrapUpSubmitted { .. } => (vec![T::WrapUpSubmitted], None, None),
                ActivityEvent::ServiceEvaluated { .. } => (vec![T::ServiceEvaluated], None, None),
                _ => (vec![], None, None),
            };
            Point {
                seq: r.seq,
                event: r.event.name(),
                at: r.occurred_at,
                date: date.unwrap_or_else(|| china_date(r.occurred_at)),
                key,
                triggers,
            }
        })
        .collect()
}

/// A due date or instant, and how it was reached.
struct DueInfo {
    date: NaiveDate,
    instant: Option<DateTime<FixedOffset>>,
    /// The raw end of the period and what kind of day it was, when it moved.
    moved_from: Option<(NaiveDate, String)>,
    provisional: bool,
}

fn day_off_label(calendar: &Calendar, date: NaiveDate) -> String {
    match calendar.day(date).map(|d| d.kind) {
        Ok(DayKind::Holiday { name, .. }) => format!("a day off ({name})"),
        Ok(DayKind::AgencyClosure { note }) if !note.is_empty() => {
            format!("an agency closure ({note})")
        }
        Ok(DayKind::AgencyClosure { .. }) => "an agency closure".to_owned(),
        _ => "a weekend day".to_owned(),
    }
}

fn compute_due(rule: &Rule, anchor: &Point, calendar: &Calendar) -> Result<DueInfo, CalendarError> {
    let d = anchor.date;
    let moved = |raw: NaiveDate, backwards: bool| -> Result<DueInfo, CalendarError> {
        let working = calendar.is_workday(raw)?;
        let (date, moved_from) = if working || !rule.move_off_days {
            (raw, None)
        } else if backwards {
            (
                calendar.workday_on_or_before(raw)?,
                Some((raw, day_off_label(calendar, raw))),
            )
        } else {
            (
                calendar.workday_on_or_after(raw)?,
                Some((raw, day_off_label(calendar, raw))),
            )
        };
        Ok(DueInfo {
            date,
            instant: None,
            moved_from,
            provisional: !calendar.is_official(date.max(raw)),
        })
    };
    let overflow = || CalendarError::OutOfRange {
        date: d,
        first: calendar.first_date(),
        last: calendar.last_date(),
        official_last: calendar.official_last_date(),
    };
    match rule.offset {
        Offset::WorkingDays(n) => {
            let r = calendar.add_workdays_checked(d, i64::from(n))?;
            Ok(DueInfo {
                date: r.value,
                instant: None,
                moved_from: None,
                provisional: r.provisional,
            })
        }
        Offset::CalendarDays(n) => moved(
            d.checked_add_days(chrono::Days::new(u64::from(n)))
                .ok_or_else(overflow)?,
            false,
        ),
        Offset::WeeksBefore(n) => moved(
            u64::from(n)
                .checked_mul(7)
                .and_then(|days| d.checked_sub_days(chrono::Days::new(days)))
                .ok_or_else(overflow)?,
            true,
        ),
        Offset::Months(n) => moved(
            d.checked_add_months(Months::new(n)).ok_or_else(overflow)?,
            false,
        ),
        Offset::Hours(n) => {
            // A rule set built in code may skip `validate`, so the sum is checked here too.
            let instant = Duration::try_hours(i64::from(n))
                .and_then(|h| anchor.at.checked_add_signed(h))
                .ok_or_else(overflow)?;
            let date = china_date(instant);
            Ok(DueInfo {
                date,
                instant: Some(instant),
                moved_from: None,
                provisional: false,
            })
        }
    }
}

/// One obligation's clock: what it counts from, from when a release counts, and the moment
/// of evaluation.
#[derive(Clone, Copy)]
struct Clock<'a> {
    anchor: &'a Point,
    released_after: u64,
    now: DateTime<FixedOffset>,
    /// Whether to write each obligation's explanation (a batch, which has no column for it,
    /// skips the text).
    explain: bool,
    today: NaiveDate,
}

struct Subject<'a> {
    kind: SubjectKind,
    id: String,
    owner: &'a dyn Fn(&Rule, &Point) -> String,
}

impl RuleSet {
    /// The obligations `case` owes under these rules, as of `now`.
    ///
    /// # Example
    /// ```
    /// use chrono::DateTime;
    /// use shegong::{case::*, deadline::RuleSet, Calendar};
    ///
    /// let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    /// let worker = Actor::new("w-li", Role::Worker);
    /// let at = |when: &str, event: EventKind| NewEvent {
    ///     occurred_at: t(when), recorded_at: t(when), actor: worker.clone(), event,
    /// };
    /// let mut case = Case::start(at("2026-02-12T09:00:00+08:00", EventKind::Received {
    ///     case_number: "SZ-2026-0003".parse()?,
    ///     client: Client { id: "c-9".into(), name: "李先生".into(), date_of_birth: None },
    ///     source: Source::Voluntary, channel: Channel::Phone, topic: "政策咨询".into(),
    /// }))?;
    /// case.apply(at("2026-02-12T10:00:00+08:00", EventKind::NotOpened { reasons: "无需开案".into() }))?;
    /// let obligations = RuleSet::preset().obligations(&case, &Calendar::china(), t("2026-02-27T09:00:00+08:00"));
    /// assert_eq!(obligations[0].rule, "consult-reply-5wd");
    /// // The Spring Festival break sits between: 5 working days end on 02-26.
    /// assert_eq!(obligations[0].due_date.unwrap().to_string(), "2026-02-26");
    /// assert_eq!(obligations[0].status.name(), "overdue");
    /// # Ok::<(), shegong::case::CaseError>(())
    /// ```
    pub fn obligations(
        &self,
        case: &Case,
        calendar: &Calendar,
        now: DateTime<FixedOffset>,
    ) -> Vec<Obligation> {
        self.case_obligations(case, calendar, now, true)
    }

    /// [`RuleSet::obligations`], with each obligation's `explanation` left empty unless
    /// `explain`: a batch has no column for it, and the text is a tenth of its time.
    pub(crate) fn case_obligations(
        &self,
        case: &Case,
        calendar: &Calendar,
        now: DateTime<FixedOffset>,
        explain: bool,
    ) -> Vec<Obligation> {
        let worker = case.state().worker.clone();
        let owner = move |_: &Rule, _: &Point| worker.clone();
        let subject = Subject {
            kind: SubjectKind::Case,
            id: case.number().to_string(),
            owner: &owner,
        };
        self.evaluate(&subject, &case_points(case), calendar, now, explain)
    }

    /// The obligations `activity` owes under these rules, as of `now`.
    pub fn activity_obligations(
        &self,
        activity: &Activity,
        calendar: &Calendar,
        now: DateTime<FixedOffset>,
    ) -> Vec<Obligation> {
        let planner = activity
            .history()
            .first()
            .map(|r| r.actor.id.clone())
            .unwrap_or_default();
        let reviewers: Vec<(u64, String)> = activity
            .history()
            .iter()
            .filter_map(|r| match &r.event {
                ActivityEvent::PlanSubmitted { to } => Some((r.seq, to.clone())),
                _ => None,
            })
            .collect();
        let owner = move |rule: &Rule, anchor: &Point| {
            if rule.owed_by == Role::ProjectLead {
                if let Some((_, to)) = reviewers.iter().find(|(seq, _)| *seq == anchor.seq) {
                    return to.clone();
                }
            }
            planner.clone()
        };
        let subject = Subject {
            kind: SubjectKind::Activity,
            id: activity.plan_of().id.clone(),
            owner: &owner,
        };
        self.evaluate(&subject, &activity_points(activity), calendar, now, true)
    }

    fn evaluate(
        &self,
        subject: &Subject<'_>,
        points: &[Point],
        calendar: &Calendar,
        now: DateTime<FixedOffset>,
        explain: bool,
    ) -> Vec<Obligation> {
        // Only what had happened by `now` counts.
        let points: Vec<&Point> = points.iter().filter(|p| p.at <= now).collect();
        let today = china_date(now);
        let mut out = Vec::new();
        for rule in &self.rules {
            // The point from which the rule runs: the latest activation, or none.
            let activation = match rule.active_after {
                None => None,
                Some(trigger) => {
                    match points.iter().rev().find(|p| p.triggers.contains(&trigger)) {
                        Some(p) => Some(p.seq),
                        None => continue,
                    }
                }
            };
            let mut anchors: Vec<&&Point> = points
                .iter()
                .filter(|p| p.triggers.contains(&rule.counts_from))
                .filter(|p| activation.is_none_or(|a| p.seq >= a))
                .collect();
            if rule.occurrences == Occurrences::Latest {
                // The latest by time, not by sequence: a contact entered late with an earlier
                // date does not move the clock back (the termination guard counts the same
                // way, from `CaseState::last_contact_at`).
                anchors = anchors
                    .into_iter()
                    .max_by_key(|p| (p.at, p.seq))
                    .into_iter()
                    .collect();
            }
            for anchor in anchors {
                let clock = Clock {
                    anchor,
                    released_after: activation.unwrap_or(anchor.seq),
                    now,
                    today,
                    explain,
                };
                out.push(self.obligation(rule, subject, &clock, &points, calendar));
            }
        }
        out.sort_by(|a, b| {
            let key = |o: &Obligation| (o.due_date.is_none(), o.due_date, o.due_at);
            key(a)
                .cmp(&key(b))
                .then_with(|| a.rule.cmp(&b.rule))
                .then_with(|| a.subject.cmp(&b.subject))
                .then_with(|| a.counts_from.seq.cmp(&b.counts_from.seq))
        });
        out
    }

    fn obligation(
        &self,
        rule: &Rule,
        subject: &Subject<'_>,
        clock: &Clock<'_>,
        points: &[&Point],
        calendar: &Calendar,
    ) -> Obligation {
        let Clock {
            anchor,
            released_after,
            now,
            today,
            ..
        } = *clock;
        let after_anchor = |p: &&&Point| {
            p.seq > anchor.seq
                && (rule.offset.is_backwards() || p.at >= anchor.at)
                && match (anchor.key, p.key) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                }
        };
        let satisfied = points
            .iter()
            .filter(after_anchor)
            .find(|p| rule.satisfied_by.iter().any(|t| p.triggers.contains(t)));
        let released = points
            .iter()
            .filter(|p| p.seq > released_after)
            .find(|p| rule.released_by.iter().any(|t| p.triggers.contains(t)));
        let due = compute_due(rule, anchor, calendar);
        let counts_from = Anchor {
            seq: anchor.seq,
            event: anchor.event.to_owned(),
            date: anchor.date,
            at: anchor.at,
        };
        let mut ob = Obligation {
            rule: rule.id.clone(),
            subject_kind: subject.kind,
            subject: subject.id.clone(),
            owed: rule.owed.clone(),
            owed_by: rule.owed_by,
            owner: (subject.owner)(rule, anchor),
            counts_from,
            due_date: None,
            due_at: None,
            status: ObligationStatus::Pending,
            provisional: false,
            explanation: String::new(),
        };
        let due = match due {
            Ok(due) => due,
            Err(e) => {
                if clock.explain {
                    ob.explanation = explain_unknown(rule, anchor, &e);
                }
                ob.status = ObligationStatus::NotComputable {
                    reason: e.to_string(),
                };
                return ob;
            }
        };
        ob.due_date = Some(due.date);
        ob.due_at = due.instant;
        ob.provisional = due.provisional;
        ob.status = match (satisfied, released) {
            (Some(s), r) if r.is_none_or(|r| s.seq <= r.seq) => {
                let on = china_date(s.at);
                let on_time = match due.instant {
                    Some(i) => s.at <= i,
                    None => on <= due.date,
                };
                // A late report is late in its rule's unit: hours for an hour-based rule
                // (a day count would call it "0 days late"), working days otherwise.
                let (working_days_late, hours_late) = match (on_time, due.instant) {
                    (true, _) => (None, None),
                    (false, Some(i)) => (
                        None,
                        Some(obligation::started_hours(s.at.signed_duration_since(i))),
                    ),
                    (false, None) => (calendar.workdays_between(due.date, on).ok(), None),
                };
                ObligationStatus::Met {
                    on,
                    at: s.at,
                    on_time,
                    working_days_late,
                    hours_late,
                }
            }
            (_, Some(r)) => ObligationStatus::Released {
                on: china_date(r.at),
                by: r.event.to_owned(),
            },
            _ => open_status(self, &due, calendar, now, today),
        };
        if clock.explain {
            ob.explanation = explain(rule, anchor, &due, calendar, &ob.status);
        }
        ob
    }
}

/// "N working days after … on <date>": what a rule counts from, for an explanation.
fn explain_base(rule: &Rule, anchor: &Point) -> String {
    format!(
        "{} {} on {}",
        rule.offset.describe(),
        rule.counts_from_label,
        anchor.date
    )
}

/// The explanation of an obligation whose due date cannot be computed.
fn explain_unknown(rule: &Rule, anchor: &Point, e: &CalendarError) -> String {
    format!(
        "{} [{}]: not computable: {e}",
        explain_base(rule, anchor),
        rule.id
    )
}

/// The one-line explanation of an obligation: its due date and how it was counted, the
/// calendar, and its status in words ("1 working day", never "0 days late").
fn explain(
    rule: &Rule,
    anchor: &Point,
    due: &DueInfo,
    calendar: &Calendar,
    status: &ObligationStatus,
) -> String {
    let base = explain_base(rule, anchor);
    let when = due
        .instant
        .map_or_else(|| due.date.to_string(), |i| i.to_rfc3339());
    let moved = due
        .moved_from
        .as_ref()
        .map_or_else(String::new, |(raw, what)| {
            let direction = if rule.offset.is_backwards() {
                "last working day before it"
            } else {
                "next working day"
            };
            format!(" ({raw} is {what}, so the period ends on the {direction})")
        });
    let calendar_label = if due.provisional {
        format!(
            "calendar {}, provisional {} (weekday-only: no official notice in the data)",
            calendar.name(),
            chrono::Datelike::year(&due.date)
        )
    } else {
        format!(
            "calendar {} {}",
            calendar.name(),
            chrono::Datelike::year(&due.date)
        )
    };
    let status_text = match status {
        ObligationStatus::Pending => "pending".to_owned(),
        ObligationStatus::AtRisk {
            working_days_left,
            hours_left,
        } => match hours_left {
            Some(h) if *h < 1 => "at risk: less than 1 hour left".to_owned(),
            Some(h) => format!("at risk: {} left", count(*h, "hour")),
            None if *working_days_left == 0 => "at risk: due today".to_owned(),
            None => format!("at risk: {} left", count(*working_days_left, "working day")),
        },
        ObligationStatus::Overdue {
            days,
            working_days,
            hours,
        } => match (hours, working_days) {
            (Some(h), _) => format!("overdue by {}", count(*h, "hour")),
            // Late only by days off so far: never "overdue by 0 working days".
            (None, Some(w)) if *w > 0 => format!(
                "overdue by {} ({})",
                count(*w, "working day"),
                count(*days, "calendar day")
            ),
            (None, _) => format!("overdue by {}", count(*days, "calendar day")),
        },
        ObligationStatus::Met {
            on,
            at,
            on_time,
            working_days_late,
            hours_late,
        } => match (on_time, hours_late, working_days_late) {
            (true, _, _) => format!("met on {on}, on time"),
            (false, Some(h), _) => {
                format!("met at {}, {} late", at.to_rfc3339(), count(*h, "hour"))
            }
            (false, None, Some(w)) if *w > 0 => {
                format!("met on {on}, {} late", count(*w, "working day"))
            }
            // Met late on a day off, or past the calendar's data: count calendar days.
            (false, None, _) => format!(
                "met on {on}, {} late",
                count(
                    on.signed_duration_since(due.date).num_days().max(1),
                    "calendar day"
                )
            ),
        },
        ObligationStatus::Released { on, by } => {
            format!("released on {on} by {by}: nothing more is owed")
        }
        ObligationStatus::NotComputable { reason } => format!("not computable: {reason}"),
    };
    format!(
        "due {when}: {base}{moved} [{}], {calendar_label}; {status_text}",
        rule.id
    )
}

/// `n` and its unit, singular for 1: "1 working day", "3 working days".
fn count(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("{n} {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn open_status(
    set: &RuleSet,
    due: &DueInfo,
    calendar: &Calendar,
    now: DateTime<FixedOffset>,
    today: NaiveDate,
) -> ObligationStatus {
    if let Some(instant) = due.instant {
        let left = instant.signed_duration_since(now);
        return if left < Duration::zero() {
            ObligationStatus::Overdue {
                days: today.signed_duration_since(due.date).num_days().max(0),
                working_days: None,
                // Started hours: half an hour late is "1 hour", never "0 hours".
                hours: Some(obligation::started_hours(
                    now.signed_duration_since(instant),
                )),
            }
        } else if Duration::try_hours(i64::from(set.at_risk_hours)).is_none_or(|h| left <= h) {
            ObligationStatus::AtRisk {
                working_days_left: 0,
                hours_left: Some(left.num_hours()),
            }
        } else {
            ObligationStatus::Pending
        };
    }
    if today > due.date {
        ObligationStatus::Overdue {
            days: today.signed_duration_since(due.date).num_days(),
            working_days: calendar.workdays_between(due.date, today).ok(),
            hours: None,
        }
    } else {
        match calendar.workdays_between(today, due.date) {
            Ok(left) if left <= i64::from(set.at_risk_workdays) => ObligationStatus::AtRisk {
                working_days_left: left,
                hours_left: None,
            },
            _ => ObligationStatus::Pending,
        }
    }
}
