//! Group work (小组工作) and community activities (社区活动): their plans, reviews, sessions,
//! ends and evaluations, so the activity time limits produce obligations the same way case
//! rules do (`[activity-plan-2w]`, `[activity-review-3wd]`, `[group-session-summary-2d]`,
//! `[activity-wrapup-5wd]`, `[service-evaluation-10wd]`).
//!
//! Group stages follow 003 第四节 (`[group-stages]`): preparation (plan, recruitment) →
//! beginning → middle (mid-term evaluation) → end (review, goal check, parting, closing
//! evaluation). Size and length norms (`[activity-size-norms]`) are *warnings*: the standard
//! says "normally" (一般/通常).
//!
//! # Example
//! ```
//! use chrono::{DateTime, NaiveDate};
//! use shegong::activity::*;
//! use shegong::case::{Actor, Role};
//!
//! let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
//! let worker = Actor::new("w-li", Role::Worker);
//! let mut group = Activity::plan(ActivityPlan {
//!     id: "G-2026-03".into(),
//!     title: "长者防跌倒小组".into(),
//!     kind: ActivityKind::Group,
//!     date: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap(),
//!     planned_sessions: 6,
//!     expected_participants: 10,
//!     minutes: 90,
//! }, t("2026-03-20T09:00:00+08:00"), worker.clone())?;
//! group.record(t("2026-03-25T09:00:00+08:00"), worker, ActivityEvent::PlanSubmitted { to: "l-zhou".into() })?;
//! assert_eq!(group.group_stage(), Some(GroupStage::Preparation));
//! # Ok::<(), shegong::activity::ActivityError>(())
//! ```

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::case::{china_date, Actor};
pub use crate::event_types::ActivityEventType;

/// The kinds of group and community work of 003 第四–五节.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActivityKind {
    /// A group (小组), run in sessions.
    Group,
    /// A large community activity (大型社区活动), normally ≥ 60 people.
    Large,
    /// A small or medium community activity (中小型社区活动), normally ≥ 20 people.
    SmallMedium,
    /// A lecture or training (讲座/培训), normally ≥ 30 people and ≥ 60 minutes.
    Lecture,
    /// A general community activity (一般社区活动), fewer than 20 people; capped at 10 % of a
    /// project's service volume (`[general-activity-cap-10pct]`).
    General,
}

impl ActivityKind {
    /// The kind's Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            ActivityKind::Group => "小组",
            ActivityKind::Large => "大型社区活动",
            ActivityKind::SmallMedium => "中小型社区活动",
            ActivityKind::Lecture => "讲座/培训",
            ActivityKind::General => "一般社区活动",
        }
    }
}

/// The plan an activity starts from (计划书).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityPlan {
    /// The agency's identifier for the activity.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: ActivityKind,
    /// The date of the activity, or of a group's first session.
    pub date: NaiveDate,
    /// Planned sessions (1 for a one-off activity).
    pub planned_sessions: u32,
    /// Expected participants.
    pub expected_participants: u32,
    /// Planned length of each session, in minutes.
    pub minutes: u32,
}

/// The stages of group work (`[group-stages]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GroupStage {
    /// Preparation (准备阶段): plan and recruitment.
    Preparation,
    /// Beginning (开始阶段): members meet, goals and norms, trust.
    Beginning,
    /// Middle (中间阶段): group dynamics, goals, conflicts, the mid-term evaluation.
    Middle,
    /// End (结束阶段): review, goal check, parting, closing evaluation.
    End,
}

/// Something that happened to an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActivityEvent {
    /// The plan drafted: the first event of every activity.
    Planned {
        /// The plan.
        plan: ActivityPlan,
    },
    /// The plan and budget submitted to the project lead / supervisor assistant (received by them).
    PlanSubmitted {
        /// The reviewer's actor id.
        to: String,
    },
    /// The reviewer's comments returned.
    PlanReviewed {
        /// Whether the plan is approved as it stands.
        approved: bool,
        /// The comments.
        comments: String,
    },
    /// Members recruited (a group's preparation).
    Recruited {
        /// Members recruited.
        members: u32,
    },
    /// A session held (for a one-off activity, the activity itself).
    SessionHeld {
        /// The session's number, from 1.
        number: u32,
        /// Participants present.
        participants: u32,
        /// Its length in minutes.
        minutes: u32,
    },
    /// A session's summary (小结记录表) submitted.
    SessionSummarySubmitted {
        /// The session's number.
        number: u32,
    },
    /// A group moved to its middle stage.
    MiddleStageBegan,
    /// A group's mid-term evaluation (中期评估).
    MidtermEvaluated {
        /// The evaluation's summary.
        summary: String,
    },
    /// The group or activity ended.
    Ended,
    /// The feedback summary, review report and expense account submitted.
    WrapUpSubmitted {
        /// The feedback summary is included.
        feedback_summary: bool,
        /// The review report is included.
        review_report: bool,
        /// The expense account is included.
        expense_account: bool,
    },
    /// The evaluation and completed materials delivered to the lead and the purchaser.
    ServiceEvaluated {
        /// Delivered to the project lead.
        to_lead: bool,
        /// Delivered to the purchaser (购买方).
        to_purchaser: bool,
    },
}

impl ActivityEvent {
    /// The event's serialised type name.
    pub fn name(&self) -> &'static str {
        match self {
            ActivityEvent::Planned { .. } => "planned",
            ActivityEvent::PlanSubmitted { .. } => "plan_submitted",
            ActivityEvent::PlanReviewed { .. } => "plan_reviewed",
            ActivityEvent::Recruited { .. } => "recruited",
            ActivityEvent::SessionHeld { .. } => "session_held",
            ActivityEvent::SessionSummarySubmitted { .. } => "session_summary_submitted",
            ActivityEvent::MiddleStageBegan => "middle_stage_began",
            ActivityEvent::MidtermEvaluated { .. } => "midterm_evaluated",
            ActivityEvent::Ended => "ended",
            ActivityEvent::WrapUpSubmitted { .. } => "wrap_up_submitted",
            ActivityEvent::ServiceEvaluated { .. } => "service_evaluated",
        }
    }
}

/// An activity event as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRecord {
    /// Its position, from 1.
    pub seq: u64,
    /// When it happened.
    pub occurred_at: DateTime<FixedOffset>,
    /// Who did it.
    pub actor: Actor,
    /// What happened.
    pub event: ActivityEvent,
}

/// Why an activity refused an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ActivityError {
    /// The rules forbid this step now.
    #[error("cannot record {event} for activity {activity} (event #{seq}): {reason} [{rule}]")]
    Refused {
        /// The activity's id.
        activity: String,
        /// The event's sequence number it would have had.
        seq: u64,
        /// The event's type name.
        event: &'static str,
        /// The rule that refused it.
        rule: &'static str,
        /// Why.
        reason: String,
    },
    /// The plan or an event's fields are invalid.
    #[error("invalid activity {field}: {reason}")]
    InvalidInput {
        /// The field at fault.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
}

impl ActivityError {
    /// A stable snake_case code for the error's kind.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind: an activity's refusal is [`ErrorKind::ActivityRefused`]
    /// (`"activity_refused"`), distinct from a case's.
    ///
    /// [`ErrorKind::ActivityRefused`]: crate::ErrorKind::ActivityRefused
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            ActivityError::Refused { .. } => crate::ErrorKind::ActivityRefused,
            ActivityError::InvalidInput { .. } => crate::ErrorKind::InvalidInput,
        }
    }

    /// The rule behind the error, if one applies.
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            ActivityError::Refused { rule, .. } => Some(rule),
            ActivityError::InvalidInput { .. } => None,
        }
    }
}

/// A size or length norm an activity does not meet (`[activity-size-norms]`): a warning, since
/// the standard says "normally".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormWarning {
    /// The rule (`"activity-size-norms"`).
    pub rule: String,
    /// What falls short.
    pub message: String,
}

/// A group or community activity and its history. It serialises as
/// `{"id": …, "history": [...]}` and deserialises by replaying the history through the same
/// checks as [`Activity::record`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    plan: ActivityPlan,
    history: Vec<ActivityRecord>,
}

#[derive(Serialize, Deserialize)]
struct StoredActivity {
    id: String,
    history: Vec<ActivityRecord>,
}

impl Serialize for Activity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredActivity {
            id: self.plan.id.clone(),
            history: self.history.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Activity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredActivity::deserialize(deserializer)?;
        Activity::replay(stored.history).map_err(serde::de::Error::custom)
    }
}

impl Activity {
    /// Starts an activity from its plan.
    ///
    /// # Errors
    /// [`ActivityError::InvalidInput`] for an empty id or title, or zero planned sessions.
    pub fn plan(
        plan: ActivityPlan,
        at: DateTime<FixedOffset>,
        actor: Actor,
    ) -> Result<Activity, ActivityError> {
        let bad = |field, reason: &str| ActivityError::InvalidInput {
            field,
            reason: reason.to_owned(),
        };
        if plan.id.trim().is_empty() {
            return Err(bad("id", "an activity needs an id"));
        }
        if plan.title.trim().is_empty() {
            return Err(bad("title", "an activity needs a title"));
        }
        if plan.planned_sessions == 0 {
            return Err(bad("planned_sessions", "plan at least one session"));
        }
        Ok(Activity {
            history: vec![ActivityRecord {
                seq: 1,
                occurred_at: at,
                actor,
                event: ActivityEvent::Planned { plan: plan.clone() },
            }],
            plan,
        })
    }

    /// Rebuilds an activity from its recorded events, checking each.
    ///
    /// # Errors
    /// The first event's refusal, or [`ActivityError::InvalidInput`] when the history does
    /// not start with `planned` or is numbered out of order.
    pub fn replay(records: Vec<ActivityRecord>) -> Result<Activity, ActivityError> {
        let mut iter = records.into_iter();
        let Some(first) = iter.next() else {
            return Err(ActivityError::InvalidInput {
                field: "history",
                reason: "an activity history starts with `planned`".to_owned(),
            });
        };
        let ActivityEvent::Planned { plan } = first.event else {
            return Err(ActivityError::InvalidInput {
                field: "history",
                reason: format!(
                    "an activity history starts with `planned`, not `{}`",
                    first.event.name()
                ),
            });
        };
        let mut activity = Activity::plan(plan, first.occurred_at, first.actor)?;
        for r in iter {
            let expected = activity.next_seq();
            if r.seq != expected {
                return Err(ActivityError::InvalidInput {
                    field: "seq",
                    reason: format!("found event #{} where #{expected} belongs", r.seq),
                });
            }
            activity.record(r.occurred_at, r.actor, r.event)?;
        }
        Ok(activity)
    }

    fn next_seq(&self) -> u64 {
        u64::try_from(self.history.len())
            .unwrap_or(u64::MAX)
            .saturating_add(1)
    }

    /// Records an event after checking it.
    ///
    /// # Errors
    /// [`ActivityError::Refused`] when the step is out of order: a session before the plan is
    /// submitted, a summary for a session not held, a group skipping its stages, anything
    /// but wrap-up and evaluation after the end.
    pub fn record(
        &mut self,
        at: DateTime<FixedOffset>,
        actor: Actor,
        event: ActivityEvent,
    ) -> Result<(), ActivityError> {
        let seq = self.next_seq();
        let refuse = |rule, reason: String| ActivityError::Refused {
            activity: self.plan.id.clone(),
            seq,
            event: event.name(),
            rule,
            reason,
        };
        let ended = self.has(|e| matches!(e, ActivityEvent::Ended));
        let submitted = self.has(|e| matches!(e, ActivityEvent::PlanSubmitted { .. }));
        let group = self.plan.kind == ActivityKind::Group;
        match &event {
            ActivityEvent::Planned { .. } => {
                return Err(refuse(
                    "group-stages",
                    "an activity is planned once".to_owned(),
                ))
            }
            ActivityEvent::PlanSubmitted { .. } if submitted && !self.last_review_returned() => {
                return Err(refuse(
                    "activity-review-3wd",
                    "the plan awaits its review".to_owned(),
                ))
            }
            ActivityEvent::PlanReviewed { .. }
                if !submitted || self.reviewed_since_submission() =>
            {
                return Err(refuse(
                    "activity-review-3wd",
                    "no submitted plan awaits review".to_owned(),
                ))
            }
            ActivityEvent::SessionHeld { number, .. } => {
                if !submitted {
                    return Err(refuse(
                        "activity-plan-2w",
                        "the plan has not been submitted".to_owned(),
                    ));
                }
                if ended {
                    return Err(refuse("group-stages", "the activity has ended".to_owned()));
                }
                if Some(*number) != self.sessions_held().checked_add(1) {
                    return Err(refuse(
                        "group-stages",
                        format!("session {number} follows session {}", self.sessions_held()),
                    ));
                }
            }
            ActivityEvent::SessionSummarySubmitted { number } => {
                if *number == 0 || *number > self.sessions_held() {
                    return Err(refuse(
                        "group-session-summary-2d",
                        format!("session {number} has not been held"),
                    ));
                }
                if self.has(|e| matches!(e, ActivityEvent::SessionSummarySubmitted { number: n } if n == number)) {
                    return Err(refuse("group-session-summary-2d", format!("session {number}'s summary is already in")));
                }
            }
            ActivityEvent::Recruited { .. } if !group || self.sessions_held() > 0 => {
                return Err(refuse(
                    "group-stages",
                    "recruitment belongs to a group's preparation".to_owned(),
                ))
            }
            ActivityEvent::MiddleStageBegan | ActivityEvent::MidtermEvaluated { .. } => {
                if !group {
                    return Err(refuse(
                        "group-stages",
                        "only a group has a middle stage".to_owned(),
                    ));
                }
                let stage = self.group_stage();
                let ok = match &event {
                    ActivityEvent::MiddleStageBegan => stage == Some(GroupStage::Beginning),
                    _ => stage == Some(GroupStage::Middle),
                };
                if !ok {
                    return Err(refuse(
                        "group-stages",
                        format!("not allowed in the {stage:?} stage"),
                    ));
                }
            }
            ActivityEvent::Ended => {
                if ended {
                    return Err(refuse(
                        "group-stages",
                        "the activity already ended".to_owned(),
                    ));
                }
                if self.sessions_held() == 0 {
                    return Err(refuse(
                        "group-stages",
                        "no session has been held".to_owned(),
                    ));
                }
                if group
                    && !self.has(|e| matches!(e, ActivityEvent::MidtermEvaluated { .. }))
                    && self.plan.planned_sessions > 2
                {
                    return Err(refuse("group-stages", "a group of more than two sessions has its mid-term evaluation before the end".to_owned()));
                }
            }
            ActivityEvent::WrapUpSubmitted {
                feedback_summary,
                review_report,
                expense_account,
            } => {
                if !ended {
                    return Err(refuse(
                        "activity-wrapup-5wd",
                        "the activity has not ended".to_owned(),
                    ));
                }
                if !(*feedback_summary && *review_report && *expense_account) {
                    return Err(refuse("activity-wrapup-5wd", "the wrap-up is the feedback summary, the review report and the expense account together".to_owned()));
                }
            }
            ActivityEvent::ServiceEvaluated {
                to_lead,
                to_purchaser,
            } => {
                if !ended {
                    return Err(refuse(
                        "service-evaluation-10wd",
                        "the service has not ended".to_owned(),
                    ));
                }
                if !(*to_lead && *to_purchaser) {
                    return Err(refuse(
                        "service-evaluation-10wd",
                        "the evaluation goes to both the lead and the purchaser".to_owned(),
                    ));
                }
            }
            _ => {}
        }
        self.history.push(ActivityRecord {
            seq,
            occurred_at: at,
            actor,
            event,
        });
        Ok(())
    }

    fn has(&self, pred: impl Fn(&ActivityEvent) -> bool) -> bool {
        self.history.iter().any(|r| pred(&r.event))
    }

    fn last_review_returned(&self) -> bool {
        self.history.iter().rev().find_map(|r| match &r.event {
            ActivityEvent::PlanReviewed { approved, .. } => Some(!approved),
            ActivityEvent::PlanSubmitted { .. } => Some(false),
            _ => None,
        }) == Some(true)
    }

    fn reviewed_since_submission(&self) -> bool {
        self.history.iter().rev().find_map(|r| match &r.event {
            ActivityEvent::PlanReviewed { .. } => Some(true),
            ActivityEvent::PlanSubmitted { .. } => Some(false),
            _ => None,
        }) == Some(true)
    }

    /// The plan.
    pub fn plan_of(&self) -> &ActivityPlan {
        &self.plan
    }

    /// The history, oldest first.
    pub fn history(&self) -> &[ActivityRecord] {
        &self.history
    }

    /// Sessions held so far.
    pub fn sessions_held(&self) -> u32 {
        let n = self
            .history
            .iter()
            .filter(|r| matches!(r.event, ActivityEvent::SessionHeld { .. }))
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The date the activity ended, in China time.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.history
            .iter()
            .find(|r| matches!(r.event, ActivityEvent::Ended))
            .map(|r| china_date(r.occurred_at))
    }

    /// A group's stage (`[group-stages]`); `None` for other kinds.
    pub fn group_stage(&self) -> Option<GroupStage> {
        if self.plan.kind != ActivityKind::Group {
            return None;
        }
        let stage = if self.has(|e| matches!(e, ActivityEvent::Ended)) {
            GroupStage::End
        } else if self.has(|e| matches!(e, ActivityEvent::MiddleStageBegan)) {
            GroupStage::Middle
        } else if self.sessions_held() > 0 {
            GroupStage::Beginning
        } else {
            GroupStage::Preparation
        };
        Some(stage)
    }

    /// The size and length norms this activity does not meet (`[activity-size-norms]`),
    /// judged on the sessions held (the largest attendance and the longest session), or on
    /// the plan before any session.
    pub fn norm_warnings(&self) -> Vec<NormWarning> {
        let held: Vec<(u32, u32)> = self
            .history
            .iter()
            .filter_map(|r| match r.event {
                ActivityEvent::SessionHeld {
                    participants,
                    minutes,
                    ..
                } => Some((participants, minutes)),
                _ => None,
            })
            .collect();
        let (people, minutes, basis) = if held.is_empty() {
            (
                self.plan.expected_participants,
                self.plan.minutes,
                "planned",
            )
        } else {
            (
                held.iter().map(|h| h.0).max().unwrap_or(0),
                held.iter().map(|h| h.1).max().unwrap_or(0),
                "held",
            )
        };
        let mut out = Vec::new();
        let mut warn = |message: String| {
            out.push(NormWarning {
                rule: "activity-size-norms".to_owned(),
                message,
            });
        };
        let kind = self.plan.kind;
        match kind {
            ActivityKind::Large if people < 60 => warn(format!("{} ({basis}: {people} people) normally has at least 60", kind.zh())),
            ActivityKind::SmallMedium if people < 20 => warn(format!("{} ({basis}: {people} people) normally has at least 20", kind.zh())),
            ActivityKind::Lecture => {
                if people < 30 {
                    warn(format!("{} ({basis}: {people} people) normally has at least 30", kind.zh()));
                }
                if minutes < 60 {
                    warn(format!("{} ({basis}: {minutes} minutes) normally lasts at least 60 minutes", kind.zh()));
                }
            }
            ActivityKind::General if people >= 20 => warn(format!(
                "{} ({basis}: {people} people) has fewer than 20; with {people} it is a small/medium activity",
                kind.zh()
            )),
            _ => {}
        }
        out
    }
}
