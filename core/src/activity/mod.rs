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
//! use shegong::history::NewEvent;
//!
//! let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
//! let worker = Actor::new("w-li", Role::Worker);
//! let plan = ActivityPlan {
//!     id: "G-2026-03".into(),
//!     title: "长者防跌倒小组".into(),
//!     kind: ActivityKind::Group,
//!     date: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap(),
//!     planned_sessions: 6,
//!     expected_participants: 10,
//!     minutes: 90,
//!     contents: PlanContents {
//!         purpose: "预防跌倒".into(), content: "平衡训练".into(), method: "小组".into(),
//!         place: "社区活动室".into(), person_in_charge: "w-li".into(),
//!         budget_fen: Some(80_000), feasibility: "场地与组员已落实".into(),
//!     },
//! };
//! let mut group = Activity::start(NewEvent::at(
//!     t("2026-03-20T09:00:00+08:00"), worker.clone(), ActivityEvent::Planned { plan },
//! ))?;
//! group.apply(NewEvent::at(
//!     t("2026-03-25T09:00:00+08:00"), worker, ActivityEvent::PlanSubmitted { to: "l-zhou".into() },
//! ))?;
//! assert_eq!(group.group_stage(), Some(GroupStage::Preparation));
//! # Ok::<(), shegong::activity::ActivityError>(())
//! ```

mod guards;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::china_date;
pub use crate::event_types::ActivityEventType;
use crate::history::{
    unchained, Aggregate, Applied, Fault, Journal, LegacyRecord, NewEvent, Recorded,
};

/// The kinds of group and community work of 003 第四–五节.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityPlan {
    /// The agency's identifier for the activity.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: ActivityKind,
    /// The date of the activity, or of a group's first session.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
    /// Planned sessions (1 for a one-off activity).
    pub planned_sessions: u32,
    /// Expected participants.
    pub expected_participants: u32,
    /// Planned length of each session, in minutes.
    pub minutes: u32,
    /// What the plan (计划书) states besides its name and time (`[activity-plan-contents]`);
    /// absent from histories of rules version 1, and not serialised when empty, so that the
    /// hash of every event recorded before it existed is unchanged.
    #[serde(default, skip_serializing_if = "PlanContents::is_empty")]
    pub contents: PlanContents,
}

/// The contents of an activity plan (小组/社区活动计划书, 002 第三十五条): with the plan's title
/// (name) and date (time), its purpose, content, method, place, person in charge, budget and
/// feasibility analysis. From rules version 2 a plan missing any of them is refused on
/// submission (`[activity-plan-contents]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanContents {
    /// Purpose (目的).
    #[serde(default)]
    pub purpose: String,
    /// Content (内容).
    #[serde(default)]
    pub content: String,
    /// Method (方式).
    #[serde(default)]
    pub method: String,
    /// Place (地点).
    #[serde(default)]
    pub place: String,
    /// Person in charge (负责人), an actor id or name.
    #[serde(default)]
    pub person_in_charge: String,
    /// Budget in fen (经费预算, with the 社工活动经费预算审批表); 0 is a stated zero budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_fen: Option<u64>,
    /// Feasibility analysis (可行性分析).
    #[serde(default)]
    pub feasibility: String,
}

impl PlanContents {
    /// Whether nothing is stated (the plans of rules version 1).
    pub fn is_empty(&self) -> bool {
        *self == PlanContents::default()
    }

    /// What the plan lacks, in the order of 002 第三十五条: `purpose`, `content`, `method`,
    /// `place`, `person in charge`, `budget`, `feasibility analysis` (blank text counts as
    /// missing).
    pub fn missing(&self) -> Vec<&'static str> {
        let blank = |s: &str| s.trim().is_empty();
        let mut out = Vec::new();
        for (name, text) in [
            ("purpose", &self.purpose),
            ("content", &self.content),
            ("method", &self.method),
            ("place", &self.place),
            ("person in charge", &self.person_in_charge),
        ] {
            if blank(text) {
                out.push(name);
            }
        }
        if self.budget_fen.is_none() {
            out.push("budget");
        }
        if blank(&self.feasibility) {
            out.push("feasibility analysis");
        }
        out
    }
}

/// The stages of group work (`[group-stages]`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
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

crate::json::tagged_enum! {
tag = "type";
/// Something that happened to an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActivityEvent {
    /// The plan drafted: the first event of every activity.
    Planned {
        /// The plan.
        plan: ActivityPlan,
    },
    /// The plan revised before its submission or after a returned review (rules version 2):
    /// the same activity, kind and date (a new date is a new plan).
    PlanRevised {
        /// The revised plan.
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
    /// A group's member list (组员名单) placed in the group file (`[group-records]`).
    MemberListFiled {
        /// Members on the list.
        members: u32,
    },
    /// The member contract (组员契约) signed by the members and placed in the group file,
    /// normally in the beginning stage (`[group-records]`).
    MemberContractSigned {
        /// Members who signed it.
        signatures: u32,
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
}

impl ActivityEvent {
    /// The event's serialised type name.
    pub fn name(&self) -> &'static str {
        match self {
            ActivityEvent::Planned { .. } => "planned",
            ActivityEvent::PlanRevised { .. } => "plan_revised",
            ActivityEvent::PlanSubmitted { .. } => "plan_submitted",
            ActivityEvent::PlanReviewed { .. } => "plan_reviewed",
            ActivityEvent::Recruited { .. } => "recruited",
            ActivityEvent::MemberListFiled { .. } => "member_list_filed",
            ActivityEvent::MemberContractSigned { .. } => "member_contract_signed",
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

/// An activity event as recorded: numbered, versioned and chained (see [`crate::history`]).
pub type ActivityRecord = Recorded<ActivityEvent>;

/// The domain-separation string of an activity's hash chain.
pub const ACTIVITY_CHAIN: &str = "shegong-activity-chain-v1";

/// The version of the stored activity format ([`StoredActivity`]). Format 1, the unversioned
/// `{"id", "history"}` of earlier releases, had no hash chain; it is still read (there is no
/// tamper evidence to check in it) and is chained when saved again.
pub const HISTORY_FORMAT: u32 = 2;

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
    /// An event is recorded out of time order (rules version 2 on).
    #[error("event #{seq} of activity {activity} is out of order: {reason} [records-authentic]")]
    OutOfOrder {
        /// The activity's id.
        activity: String,
        /// The event's sequence number.
        seq: u64,
        /// Why.
        reason: String,
    },
    /// The stored history does not verify: an event or the envelope was edited, inserted,
    /// removed or moved.
    #[error(
        "history of activity {activity} is broken at event #{seq}: {reason} [records-authentic]"
    )]
    Tampered {
        /// The activity's id.
        activity: String,
        /// The first event that does not verify.
        seq: u64,
        /// What does not match.
        reason: String,
    },
    /// The history does not end at its stored chain head.
    #[error("history of activity {activity} does not end at its stored chain head: expected {expected}, found {found} [records-authentic]")]
    HeadMismatch {
        /// The activity's id.
        activity: String,
        /// The stored head.
        expected: String,
        /// The history's head.
        found: String,
    },
    /// The stored form is not valid JSON of a stored activity.
    #[error("malformed activity data: {reason}")]
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// The stored history is over a documented limit ([`crate::limits`]) or its JSON does
    /// not fit the types; the message names the JSON path, never the value.
    #[error(transparent)]
    Json(#[from] crate::json::JsonError),
    /// An event type this library does not know (named only when it looks like a type name).
    #[error(
        "unknown activity event type {} at `{path}`",
        crate::json::describe_str(kind)
    )]
    UnknownEventKind {
        /// The type named.
        kind: String,
        /// The JSON path of its `type` field, e.g. `events[3].event.type`.
        path: String,
    },
    /// The stored format is newer than this library.
    #[error("activity history format {format} is not supported (this library reads formats 1 to {supported})")]
    UnsupportedFormat {
        /// The stored format.
        format: u32,
        /// The newest format this library reads.
        supported: u32,
    },
}

impl From<crate::history::read::ReadError> for ActivityError {
    fn from(e: crate::history::read::ReadError) -> Self {
        match e {
            crate::history::read::ReadError::Json(e) => ActivityError::Json(e),
            crate::history::read::ReadError::UnknownKind(kind, path) => {
                ActivityError::UnknownEventKind { kind, path }
            }
        }
    }
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
            ActivityError::OutOfOrder { .. } => crate::ErrorKind::OutOfOrder,
            ActivityError::Tampered { .. } => crate::ErrorKind::Tampered,
            ActivityError::HeadMismatch { .. } => crate::ErrorKind::HeadMismatch,
            ActivityError::Malformed { .. } => crate::ErrorKind::Malformed,
            ActivityError::Json(e) => e.kind(),
            ActivityError::UnknownEventKind { .. } => crate::ErrorKind::UnknownEventKind,
            ActivityError::UnsupportedFormat { .. } => crate::ErrorKind::UnsupportedFormat,
        }
    }

    /// The rule behind the error, if one applies.
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            ActivityError::Refused { rule, .. } => Some(rule),
            ActivityError::OutOfOrder { .. }
            | ActivityError::Tampered { .. }
            | ActivityError::HeadMismatch { .. } => Some("records-authentic"),
            ActivityError::InvalidInput { .. }
            | ActivityError::Malformed { .. }
            | ActivityError::Json(_)
            | ActivityError::UnknownEventKind { .. }
            | ActivityError::UnsupportedFormat { .. } => None,
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

/// A group or community activity: its history and the plan it started from. It serialises as
/// a [`StoredActivity`] and deserialises by replaying the history through the same checks as
/// [`Activity::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    journal: Journal<ActivityState>,
}

/// The state the guards read besides the history: the plan and the rules version in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityState {
    /// The plan.
    pub plan: ActivityPlan,
    /// The rules version in force for the event being checked (see [`crate::history`]).
    pub rules: u32,
}

/// An activity history as stored: format, id, rules version, chain head and events. Unknown
/// fields are refused, so a stored file cannot carry text the chain never covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoredActivity {
    /// The format version ([`HISTORY_FORMAT`]).
    pub format: u32,
    /// The activity's id (must be its plan's).
    pub id: String,
    /// The rules version the history was last written under: its last event's.
    pub rules: u32,
    /// The chain head: the last event's hash.
    pub head: String,
    /// The events.
    pub events: Vec<ActivityRecord>,
}

/// Format 1: the unchained history of earlier releases.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegacyActivity {
    id: String,
    history: Vec<LegacyRecord<ActivityEvent>>,
}

impl Aggregate for ActivityState {
    type Event = ActivityEvent;
    type Error = ActivityError;
    type Outcome = ();
    const CHAIN: &'static str = ACTIVITY_CHAIN;

    fn begin(first: &ActivityRecord, rules: u32) -> Result<Self, ActivityError> {
        let ActivityEvent::Planned { plan } = &first.event else {
            return Err(ActivityError::InvalidInput {
                field: "history",
                reason: format!(
                    "an activity history starts with `planned`, not `{}`",
                    first.event.name()
                ),
            });
        };
        guards::plan(plan)?;
        if let Some(reason) = crate::history::time_order(&[], first, rules) {
            return Err(ActivityError::OutOfOrder {
                activity: plan.id.clone(),
                seq: 1,
                reason,
            });
        }
        Ok(ActivityState {
            plan: plan.clone(),
            rules,
        })
    }

    fn step(
        &mut self,
        history: &[ActivityRecord],
        seq: u64,
        new: &ActivityRecord,
        rules: u32,
    ) -> Result<(), ActivityError> {
        self.rules = rules;
        guards::check(self, history, seq, new)?;
        if let ActivityEvent::PlanRevised { plan } = &new.event {
            self.plan = plan.clone();
        }
        Ok(())
    }

    fn fault(subject: &str, fault: Fault) -> ActivityError {
        match fault {
            Fault::Empty => ActivityError::InvalidInput {
                field: "history",
                reason: "an activity history starts with `planned`".to_owned(),
            },
            Fault::Tampered { seq, reason } | Fault::Rules { seq, reason } => {
                ActivityError::Tampered {
                    activity: subject.to_owned(),
                    seq,
                    reason,
                }
            }
            Fault::TooLong(e) => ActivityError::Json(e),
        }
    }

    fn subject(first: &ActivityEvent) -> String {
        match first {
            ActivityEvent::Planned { plan } => plan.id.clone(),
            _ => String::new(),
        }
    }
}

impl Serialize for Activity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_stored().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Activity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Activity::from_value(value).map_err(serde::de::Error::custom)
    }
}

impl Activity {
    /// Starts an activity from its first event, which must be [`ActivityEvent::Planned`].
    ///
    /// # Errors
    /// [`ActivityError::InvalidInput`] for another first event, an empty id or title, or zero
    /// planned sessions; [`ActivityError::OutOfOrder`] when it is recorded before it happened.
    pub fn start(first: NewEvent<ActivityEvent>) -> Result<Activity, ActivityError> {
        Journal::start(first).map(|journal| Activity { journal })
    }

    /// Checks an event and, if every guard passes, appends it; a refused event changes
    /// nothing.
    ///
    /// # Errors
    /// [`ActivityError::Refused`] when the step is out of order: a session before the plan is
    /// submitted, a summary for a session not held, a group skipping its stages, anything
    /// but wrap-up and evaluation after the end; [`ActivityError::OutOfOrder`] for an event
    /// recorded before the previous one, before it happened, or dated before the plan.
    pub fn apply(
        &mut self,
        new: NewEvent<ActivityEvent>,
    ) -> Result<Applied<Option<GroupStage>, NormWarning>, ActivityError> {
        let (seq, ()) = self.journal.apply(new)?;
        Ok(Applied {
            seq,
            hash: self.head().to_owned(),
            stage: self.group_stage(),
            warnings: self.norm_warnings(),
        })
    }

    /// Rebuilds an activity from its recorded events: the whole chain first, then every
    /// guard, each event under the rules version it was recorded under.
    ///
    /// # Errors
    /// [`ActivityError::Tampered`] for the first event that does not verify, the first
    /// refusal, or [`ActivityError::InvalidInput`] when the history does not start with
    /// `planned`.
    pub fn replay(records: Vec<ActivityRecord>) -> Result<Activity, ActivityError> {
        Journal::replay(records).map(|journal| Activity { journal })
    }

    /// The stored form of the history.
    pub fn to_stored(&self) -> StoredActivity {
        StoredActivity {
            format: HISTORY_FORMAT,
            id: self.plan_of().id.clone(),
            rules: self.journal.rules(),
            head: self.head().to_owned(),
            events: self.history().to_vec(),
        }
    }

    /// The history as JSON ([`StoredActivity`]).
    ///
    /// # Errors
    /// [`ActivityError::Malformed`] if serialisation fails (it does not for valid activities).
    pub fn to_json(&self) -> Result<String, ActivityError> {
        serde_json::to_string(&self.to_stored()).map_err(malformed)
    }

    /// Reads a stored activity from JSON: a [`StoredActivity`], its chain verified against the
    /// stored head and its envelope against the history, or a format-1 history
    /// (`{"id", "history"}`, no chain), replayed and chained.
    ///
    /// # Errors
    /// [`ActivityError::Malformed`] for invalid JSON, missing or unknown fields;
    /// [`ActivityError::UnsupportedFormat`]; [`ActivityError::Tampered`] and
    /// [`ActivityError::HeadMismatch`]; and every refusal of [`Activity::replay`].
    pub fn from_json(json: &str) -> Result<Activity, ActivityError> {
        // The common case in one pass (limits and duplicate keys checked); a failure is
        // diagnosed on the slower path below, which reads format 1 and names an unknown event
        // type or format.
        if let Ok(stored) = crate::json::from_str::<StoredActivity>(json, "activity history") {
            if stored.format == HISTORY_FORMAT {
                return Activity::from_stored(stored);
            }
        }
        let value: serde_json::Value = crate::json::from_str(json, "activity history")?;
        Activity::from_value(value)
    }

    fn from_value(value: serde_json::Value) -> Result<Activity, ActivityError> {
        for key in ["events", "history"] {
            if let Some(events) = value.get(key) {
                if let Some((kind, path)) =
                    crate::history::read::unknown_in::<ActivityEventType>(events, key)
                {
                    return Err(ActivityError::UnknownEventKind { kind, path });
                }
            }
        }
        let Some(format) = value.get("format") else {
            let legacy: LegacyActivity = crate::json::from_value(value, "activity history")?;
            let events =
                unchained(legacy.history).map_err(|reason| ActivityError::InvalidInput {
                    field: "seq",
                    reason,
                })?;
            let activity = Activity {
                journal: Journal::rebuild_unchained(events)?,
            };
            check_id(&legacy.id, &activity)?;
            return Ok(activity);
        };
        let format = format
            .as_u64()
            .map_or(u32::MAX, |f| u32::try_from(f).unwrap_or(u32::MAX));
        if format != HISTORY_FORMAT {
            return Err(ActivityError::UnsupportedFormat {
                format,
                supported: HISTORY_FORMAT,
            });
        }
        let stored: StoredActivity = crate::json::from_value(value, "activity history")?;
        Activity::from_stored(stored)
    }

    /// Rebuilds an activity from its stored form (format {HISTORY_FORMAT}): the chain against the
    /// stored head, every guard, and the envelope against the history.
    ///
    /// # Errors
    /// [`ActivityError::UnsupportedFormat`], [`ActivityError::Tampered`], [`ActivityError::HeadMismatch`] and
    /// every refusal of [`Activity::replay`].
    pub fn from_stored(stored: StoredActivity) -> Result<Activity, ActivityError> {
        if stored.format != HISTORY_FORMAT {
            return Err(ActivityError::UnsupportedFormat {
                format: stored.format,
                supported: HISTORY_FORMAT,
            });
        }
        let activity = Activity::replay(stored.events)?;
        if activity.head() != stored.head {
            return Err(ActivityError::HeadMismatch {
                activity: activity.plan_of().id.clone(),
                expected: stored.head,
                found: activity.head().to_owned(),
            });
        }
        check_id(&stored.id, &activity)?;
        if stored.rules != activity.journal.rules() {
            return Err(ActivityError::Tampered {
                activity: activity.plan_of().id.clone(),
                seq: u64::try_from(activity.history().len()).unwrap_or(u64::MAX),
                reason: "the stored `rules` version is not the last event's".to_owned(),
            });
        }
        Ok(activity)
    }

    /// The chain head: the last event's hash. Store it beside the history.
    pub fn head(&self) -> &str {
        self.journal.head()
    }

    /// The plan.
    pub fn plan_of(&self) -> &ActivityPlan {
        &self.journal.state().plan
    }

    /// The history, oldest first.
    pub fn history(&self) -> &[ActivityRecord] {
        self.journal.history()
    }

    /// Sessions held so far.
    pub fn sessions_held(&self) -> u32 {
        sessions_in(self.history())
    }

    /// The date the activity ended, in China time.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        self.history()
            .iter()
            .find(|r| matches!(r.event, ActivityEvent::Ended))
            .map(|r| china_date(r.occurred_at))
    }

    /// The records a group's file lacks (`[group-records]`, 003 第四节 3): `member_list` and
    /// `member_contract` (signed by the members), in that order; empty for other kinds.
    pub fn group_file_missing(&self) -> Vec<&'static str> {
        group_file_missing(self.plan_of(), self.history())
    }

    /// A group's stage (`[group-stages]`); `None` for other kinds.
    pub fn group_stage(&self) -> Option<GroupStage> {
        group_stage_of(self.plan_of(), self.history())
    }

    /// The size and length norms this activity does not meet (`[activity-size-norms]`),
    /// judged on the sessions held (the largest attendance and the longest session), or on
    /// the plan before any session.
    pub fn norm_warnings(&self) -> Vec<NormWarning> {
        let held: Vec<(u32, u32)> = self
            .history()
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
                self.plan_of().expected_participants,
                self.plan_of().minutes,
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
        let kind = self.plan_of().kind;
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

fn sessions_in(history: &[ActivityRecord]) -> u32 {
    let n = history
        .iter()
        .filter(|r| matches!(r.event, ActivityEvent::SessionHeld { .. }))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn group_file_missing(plan: &ActivityPlan, history: &[ActivityRecord]) -> Vec<&'static str> {
    if plan.kind != ActivityKind::Group {
        return Vec::new();
    }
    let has = |pred: fn(&ActivityEvent) -> bool| history.iter().any(|r| pred(&r.event));
    let mut out = Vec::new();
    if !has(|e| matches!(e, ActivityEvent::MemberListFiled { .. })) {
        out.push("member_list");
    }
    if !has(|e| matches!(e, ActivityEvent::MemberContractSigned { .. })) {
        out.push("member_contract");
    }
    out
}

fn group_stage_of(plan: &ActivityPlan, history: &[ActivityRecord]) -> Option<GroupStage> {
    if plan.kind != ActivityKind::Group {
        return None;
    }
    let has = |pred: fn(&ActivityEvent) -> bool| history.iter().any(|r| pred(&r.event));
    let stage = if has(|e| matches!(e, ActivityEvent::Ended)) {
        GroupStage::End
    } else if has(|e| matches!(e, ActivityEvent::MiddleStageBegan)) {
        GroupStage::Middle
    } else if sessions_in(history) > 0 {
        GroupStage::Beginning
    } else {
        GroupStage::Preparation
    };
    Some(stage)
}

fn malformed(e: serde_json::Error) -> ActivityError {
    ActivityError::Malformed {
        reason: e.to_string(),
    }
}

fn check_id(id: &str, activity: &Activity) -> Result<(), ActivityError> {
    if id != activity.plan_of().id {
        return Err(ActivityError::Tampered {
            activity: activity.plan_of().id.clone(),
            seq: 1,
            reason: "the stored `id` is not the plan's id".to_owned(),
        });
    }
    Ok(())
}

/// Reads one event to be recorded from JSON, with a typed error for an unknown event type.
///
/// # Errors
/// [`ActivityError::UnknownEventKind`], or [`ActivityError::Json`] naming the JSON path of the fault.
pub fn new_event_from_json(json: &str) -> Result<NewEvent<ActivityEvent>, ActivityError> {
    Ok(crate::history::read::new_event_text::<
        ActivityEvent,
        ActivityEventType,
    >(json)?)
}

/// Reads one event to be recorded from a JSON value (what a binding converts a native object
/// to), as [`new_event_from_json`].
///
/// # Errors
/// As [`new_event_from_json`].
pub fn new_event_from_value(
    value: serde_json::Value,
) -> Result<NewEvent<ActivityEvent>, ActivityError> {
    Ok(crate::history::read::new_event::<
        ActivityEvent,
        ActivityEventType,
    >(value)?)
}

/// Reads recorded events (a JSON array, what [`Activity::replay`] takes) from JSON, with a typed
/// error for an unknown event type.
///
/// # Errors
/// As [`new_event_from_json`].
pub fn events_from_json(json: &str) -> Result<Vec<Recorded<ActivityEvent>>, ActivityError> {
    Ok(crate::history::read::recorded_text::<
        ActivityEvent,
        ActivityEventType,
    >(json)?)
}

/// Reads recorded events from a JSON value, as [`events_from_json`].
///
/// # Errors
/// As [`new_event_from_json`].
pub fn events_from_value(
    value: serde_json::Value,
) -> Result<Vec<Recorded<ActivityEvent>>, ActivityError> {
    Ok(crate::history::read::recorded::<
        ActivityEvent,
        ActivityEventType,
    >(value)?)
}
