//! The case life cycle (个案工作): a guarded, event-sourced state machine.
//!
//! A [`Case`] *is* its history: an append-only list of [`RecordedEvent`]s, each saying what
//! happened, when it happened and when it was recorded (instants with offset, so a meeting
//! can be entered late), and who did it in which role. The current [`CaseState`] is derived
//! by replaying the history. [`Case::apply`] checks every guard first and **refuses** a step
//! the rules forbid with a [`CaseError`] naming the case, the event, the stage and the rule;
//! a refused event leaves the case exactly as it was.
//!
//! The stages follow 002 and 003: consultation (咨询) → intake (接案) → opened and assessing
//! (开案及预估) → planned (服务计划) → intervening (介入) → evaluating (评估) → closing (结案,
//! pending approval) → closed → follow-up (跟进); with the referral-in review, the
//! consultation case (咨询个案), withdrawal at any stage, termination and referral out.
//! Crisis cases (危机个案) may start crisis intervention from any stage before closing without
//! waiting for a plan (`[crisis-immediate]`).
//!
//! Decisions the sources leave open, as this library settles them:
//! - `[consult-max-3]`: the source says "normally at most 3" (一般不超过3次), so a fourth
//!   consultation on one topic is **recorded with a warning**, not refused. Counting across
//!   a client's other cases is [`consultation_count`], over histories the caller passes.
//! - Withdrawal before opening ends the case at once; after opening it goes to closing, since
//!   003 requires a closing report for every case-work case.
//! - A termination's closing report goes to the project lead / supervisor assistant
//!   (`[terminate-report]`); the other closing reports go to a supervisor.
//!
//! The history is tamper-evident (`[records-authentic]`); see [`chain`] for what is and is
//! not detected.
//!
//! # Example
//! ```
//! use chrono::DateTime;
//! use shegong::case::*;
//!
//! let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
//! let worker = Actor::new("w-li", Role::Worker);
//! let at = |when: &str, actor: &Actor, event: EventKind| NewEvent {
//!     occurred_at: t(when), recorded_at: t(when), actor: actor.clone(), event,
//! };
//! let mut case = Case::start(at("2026-03-02T09:00:00+08:00", &worker, EventKind::Received {
//!     case_number: "SZ-2026-0007".parse()?,
//!     client: Client { id: "c-1".into(), name: "王阿姨".into(), date_of_birth: None },
//!     source: Source::Voluntary,
//!     channel: Channel::InPerson,
//!     topic: "居家养老".into(),
//! }))?;
//! // Opening without a signed informed consent is refused, and changes nothing.
//! let err = case
//!     .apply(at("2026-03-03T10:00:00+08:00", &worker, EventKind::Opened { summary: "开案".into() }))
//!     .unwrap_err();
//! assert_eq!(err.rule_id(), Some("open-consent"));
//! assert_eq!(case.history().len(), 1);
//! assert_eq!(case.state().stage, Stage::Consultation);
//! # Ok::<(), shegong::case::CaseError>(())
//! ```

pub mod chain;
mod closing;
mod consent;
mod error;
mod event;
mod forms;
mod guards;
mod number;
mod state;
mod types;

use serde::{Deserialize, Serialize};

pub use crate::event_types::CaseEventType;
use crate::history::{Aggregate, Fault, Journal};

pub use chain::{NewEvent, RecordedEvent, CHAIN_VERSION, GENESIS_HASH};
pub use consent::{
    Consent, ConsentCapacity, ConsentLedger, ConsentPurpose, ConsentRecord,
    GUARDIAN_CONSENT_BELOW_AGE,
};
pub use error::CaseError;
pub use event::{
    Assessment, AssessmentMethod, AssessmentStep, ClosingType, ContactMethod, Decision, Evaluation,
    EvaluationKind, EvaluationMethod, EventKind, FollowUpMethod, GoalAttainment, InterventionKind,
    MeetingKind, Provider, Referral, ReplyMode, ServicePlan, Strategy, SubPlan, SubPlanStatus,
    TerminationGround,
};
pub use forms::{CaseForm, CaseMethod, FileCheck, MissingForm, MissingRecord};
pub use guards::CONSULTATIONS_PER_TOPIC;
pub use number::CaseNumber;
pub use state::{
    CaseState, Closing, ClosingReason, DecisionRecord, ReferralRecord, SubPlanState, Submission,
    Warning,
};
pub use types::{
    age_in_full_years, china_date, china_offset, Actor, Channel, Client, ReferrerKind, Role,
    Source, Stage,
};

/// The version of the stored history format ([`StoredCase`]). Version 2 added the rules
/// version (`rules`) to the envelope and to events recorded under rules other than 1; this
/// library reads versions 1 and 2.
pub const HISTORY_FORMAT: u32 = 2;

/// A case: its history and the state derived from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    journal: Journal<CaseState>,
}

/// What [`Case::apply`] reports for an accepted event: its sequence number, its hash (the new
/// chain head), the stage after it and the warnings recorded with it (e.g. `[consult-max-3]`).
pub type Applied = crate::history::Applied<Stage, Warning>;

/// A case history as stored: format version, case number, rules version, chain head and
/// events. Unknown fields are refused, so a stored file cannot carry text the chain never
/// covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoredCase {
    /// The format version ([`HISTORY_FORMAT`]).
    pub format: u32,
    /// The case number (redundant with the first event, for indexing; must equal it).
    pub case_number: String,
    /// The rules version the history was last written under: its last event's (1 when
    /// absent, as in format 1).
    #[serde(default = "crate::history::v1")]
    pub rules: u32,
    /// The chain head: the last event's hash. Store it where the history's editors cannot.
    pub head: String,
    /// The events.
    #[serde(deserialize_with = "crate::history::presized")]
    pub events: Vec<RecordedEvent>,
}

impl Aggregate for CaseState {
    type Event = EventKind;
    type Error = CaseError;
    type Outcome = Vec<Warning>;
    const CHAIN: &'static str = CHAIN_VERSION;

    fn begin(first: &RecordedEvent, rules: u32) -> Result<Self, CaseError> {
        let mut state = guards::start(first)?;
        state.rules = rules;
        Ok(state)
    }

    fn step(
        &mut self,
        history: &[RecordedEvent],
        seq: u64,
        new: &RecordedEvent,
        rules: u32,
    ) -> Result<Vec<Warning>, CaseError> {
        guards::check_times(
            &self.case_number,
            seq,
            new,
            history.last().map(|e| &e.recorded_at),
            Some(&self.received_at),
        )?;
        self.rules = rules;
        CaseState::step(self, seq, new)
    }

    fn fault(subject: &str, fault: Fault) -> CaseError {
        match fault {
            Fault::Empty => CaseError::NotStarted { first: None },
            Fault::Tampered { seq, reason } | Fault::Rules { seq, reason } => {
                tampered(subject, seq, &reason)
            }
            Fault::TooLong(e) => CaseError::Json(e),
        }
    }

    fn subject(first: &EventKind) -> String {
        match first {
            EventKind::Received { case_number, .. } => case_number.to_string(),
            _ => String::new(),
        }
    }
}

impl Case {
    /// Starts a case from its first event, which must be [`EventKind::Received`].
    ///
    /// # Errors
    /// [`CaseError::NotStarted`] for any other first event; [`CaseError::InvalidInput`] for a
    /// missing client id, name or topic; [`CaseError::OutOfOrder`] when it is recorded before
    /// it happened.
    pub fn start(first: NewEvent) -> Result<Case, CaseError> {
        Journal::start(first).map(|journal| Case { journal })
    }

    /// Checks an event against the rules and, if every guard passes, appends it.
    ///
    /// # Errors
    /// [`CaseError::Refused`] when a rule forbids the step (naming the rule),
    /// [`CaseError::InvalidInput`] for a missing or malformed field, and
    /// [`CaseError::OutOfOrder`] for timestamps out of order. On any error the case is
    /// unchanged.
    pub fn apply(&mut self, new: NewEvent) -> Result<Applied, CaseError> {
        let (seq, warnings) = self.journal.apply(new)?;
        Ok(Applied {
            seq,
            hash: self.head().to_owned(),
            stage: self.stage(),
            warnings,
        })
    }

    /// Rebuilds a case from its recorded history, verifying the hash chain and every guard,
    /// each event under the rules version it was recorded under.
    ///
    /// # Errors
    /// [`CaseError::NotStarted`] for an empty history or one not starting with `received`;
    /// [`CaseError::Tampered`] naming the first event whose sequence number, link, hash or
    /// rules version does not verify; and the first guard's refusal ([`CaseError::Refused`]
    /// and others) for a history that breaks a rule.
    pub fn replay(events: Vec<RecordedEvent>) -> Result<Case, CaseError> {
        match events.first().map(|e| &e.event) {
            Some(EventKind::Received { .. }) => {}
            other => {
                return Err(CaseError::NotStarted {
                    first: other.map(EventKind::name),
                })
            }
        }
        Journal::replay(events).map(|journal| Case { journal })
    }

    /// [`Case::replay`], then checks that the history ends at the chain head the platform
    /// stored beside it, which detects truncation, appending and a recomputed chain.
    ///
    /// # Errors
    /// As [`Case::replay`], and [`CaseError::HeadMismatch`].
    pub fn replay_verified(events: Vec<RecordedEvent>, head: &str) -> Result<Case, CaseError> {
        let case = Case::replay(events)?;
        if case.head() != head {
            return Err(CaseError::HeadMismatch {
                case: case.number().to_string(),
                expected: head.to_owned(),
                found: case.head().to_owned(),
            });
        }
        Ok(case)
    }

    /// The history, oldest first.
    pub fn history(&self) -> &[RecordedEvent] {
        self.journal.history()
    }

    /// The state derived from the history.
    pub fn state(&self) -> &CaseState {
        self.journal.state()
    }

    /// The case number.
    pub fn number(&self) -> &CaseNumber {
        &self.state().case_number
    }

    /// The current stage.
    pub fn stage(&self) -> Stage {
        self.state().stage
    }

    /// The chain head: the last event's hash. Store it beside the history.
    pub fn head(&self) -> &str {
        self.journal.head()
    }

    /// What the case file holds and which required forms are missing by now
    /// (`[case-file-forms]`, `[records-required]`).
    pub fn file_check(&self) -> FileCheck {
        let s = self.state();
        let closing_report_due = s.closing.as_ref().is_some_and(|c| {
            s.reached.contains(&Stage::Opened)
                && (s.stage == Stage::Closed
                    || s.stage == Stage::FollowUp
                    || matches!(c.reason, ClosingReason::Terminated { .. }))
        });
        forms::check(&forms::FileFacts {
            stage: s.stage,
            reached: &s.reached,
            forms: &s.forms,
            referred_in: matches!(s.source, Source::ReferredIn { .. }),
            declined_referral: s.reached.contains(&Stage::ReferralDeclined),
            consultations: s
                .consultations
                .values()
                .fold(0u32, |a, n| a.saturating_add(*n)),
            has_sub_plans: !s.sub_plans.is_empty(),
            referred_out: !s.referrals_out.is_empty(),
            goal_achieved: matches!(
                s.closing.as_ref().map(|c| &c.reason),
                Some(ClosingReason::Type {
                    closing_type: ClosingType::GoalAchieved
                })
            ),
            closing_report_due,
            since_v2: s.since_v2(),
            rights_not_informed: s.rights_informed_at.is_none()
                && (s.reached.contains(&Stage::Opened) || s.crisis),
            closing_not_announced: s.closing_announced.is_none()
                && matches!(
                    s.closing.as_ref().map(|c| &c.reason),
                    Some(ClosingReason::Type {
                        closing_type: ClosingType::GoalAchieved | ClosingType::GoalUnattainable
                    })
                ),
        })
    }

    /// The stored form of the history.
    pub fn to_stored(&self) -> StoredCase {
        StoredCase {
            format: HISTORY_FORMAT,
            case_number: self.number().to_string(),
            rules: self.journal.rules(),
            head: self.head().to_owned(),
            events: self.history().to_vec(),
        }
    }

    /// The history as JSON ([`StoredCase`]).
    ///
    /// # Errors
    /// [`CaseError::Malformed`] if serialisation fails (it does not for valid cases).
    pub fn to_json(&self) -> Result<String, CaseError> {
        serde_json::to_string(&self.to_stored()).map_err(|e| CaseError::Malformed {
            reason: e.to_string(),
        })
    }

    /// Reads a stored history from JSON, verifying its chain against the stored head and
    /// replaying every guard.
    ///
    /// # Errors
    /// [`CaseError::Malformed`] for invalid JSON or missing fields,
    /// [`CaseError::UnknownEventKind`] for an event type this library does not know,
    /// [`CaseError::UnsupportedFormat`] for a newer format, and every error of
    /// [`Case::replay_verified`].
    pub fn from_json(json: &str) -> Result<Case, CaseError> {
        // The common case in one pass (limits and duplicate keys checked); a failure is
        // diagnosed on the slower path below, which names an unknown event type or format.
        if let Ok(stored) =
            crate::json::from_str_checked_by_type::<StoredCase>(json, "case history")
        {
            if supported(stored.format) {
                return Case::from_stored(stored);
            }
        }
        let value: serde_json::Value = crate::json::from_str(json, "case history")?;
        let format = value
            .get("format")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| CaseError::Malformed {
                reason: "missing field `format`".to_owned(),
            })?;
        let format = u32::try_from(format).unwrap_or(u32::MAX);
        if !supported(format) {
            return Err(CaseError::UnsupportedFormat {
                format,
                supported: HISTORY_FORMAT,
            });
        }
        if let Some(events) = value.get("events") {
            if let Some((kind, path)) =
                crate::history::read::unknown_in::<CaseEventType>(events, "events")
            {
                return Err(CaseError::UnknownEventKind { kind, path });
            }
        }
        let stored: StoredCase = crate::json::from_value(value, "case history")?;
        Case::from_stored(stored)
    }

    /// Rebuilds a case from its stored form: the chain against the stored head, every guard,
    /// and the envelope against the history (the case number is the first event's, the rules
    /// version the last event's).
    ///
    /// # Errors
    /// [`CaseError::UnsupportedFormat`], every error of [`Case::replay_verified`], and
    /// [`CaseError::Tampered`] when the envelope does not match the history.
    pub fn from_stored(stored: StoredCase) -> Result<Case, CaseError> {
        if !supported(stored.format) {
            return Err(CaseError::UnsupportedFormat {
                format: stored.format,
                supported: HISTORY_FORMAT,
            });
        }
        let case = Case::replay_verified(stored.events, &stored.head)?;
        let number = case.number().to_string();
        if stored.case_number != number {
            return Err(tampered(
                &number,
                1,
                "the stored `case_number` is not the first event's case number",
            ));
        }
        let rules = case.journal.rules();
        if stored.rules != rules {
            return Err(tampered(
                &number,
                case.journal.history().len().try_into().unwrap_or(u64::MAX),
                "the stored `rules` version is not the last event's",
            ));
        }
        Ok(case)
    }
}

/// Whether this library reads a stored case history of `format`.
fn supported(format: u32) -> bool {
    (1..=HISTORY_FORMAT).contains(&format)
}

impl Serialize for Case {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_stored().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Case {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredCase::deserialize(deserializer)?;
        Case::from_stored(stored).map_err(serde::de::Error::custom)
    }
}

/// Reads one event to be recorded from JSON, with a typed error for an unknown event type.
///
/// # Errors
/// [`CaseError::UnknownEventKind`], or [`CaseError::Json`] naming the JSON path of the fault.
pub fn new_event_from_json(json: &str) -> Result<NewEvent, CaseError> {
    Ok(crate::history::read::new_event_text::<
        EventKind,
        CaseEventType,
    >(json)?)
}

/// Reads one event to be recorded from a JSON value (what a binding converts a native object
/// to), as [`new_event_from_json`].
///
/// # Errors
/// As [`new_event_from_json`].
pub fn new_event_from_value(value: serde_json::Value) -> Result<NewEvent, CaseError> {
    Ok(crate::history::read::new_event::<EventKind, CaseEventType>(
        value,
    )?)
}

/// Reads recorded events (a JSON array, what [`Case::replay`] takes) from JSON, with a typed
/// error for an unknown event type.
///
/// # Errors
/// As [`new_event_from_json`].
pub fn events_from_json(json: &str) -> Result<Vec<RecordedEvent>, CaseError> {
    Ok(crate::history::read::recorded_text::<
        EventKind,
        CaseEventType,
    >(json)?)
}

/// Reads recorded events from a JSON value, as [`events_from_json`].
///
/// # Errors
/// As [`new_event_from_json`].
pub fn events_from_value(value: serde_json::Value) -> Result<Vec<RecordedEvent>, CaseError> {
    Ok(crate::history::read::recorded::<EventKind, CaseEventType>(
        value,
    )?)
}

/// How many consultations `client_id` has had on `topic` across `cases`, the count
/// `[consult-max-3]` limits (normally to [`CONSULTATIONS_PER_TOPIC`]). Core keeps no state
/// across cases: the caller passes the client's histories.
pub fn consultation_count<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    client_id: &str,
    topic: &str,
) -> u32 {
    // Topics are compared by their grouping key ([consult-max-3]): histories of rules
    // version 1 kept the topic as typed, so every stored key is normalised too. An empty
    // client id is nobody.
    let key = crate::identity::grouping_key(topic);
    cases
        .into_iter()
        .filter(|c| !client_id.is_empty() && c.state().client.id == client_id)
        .flat_map(|c| c.state().consultations.iter())
        .filter(|(t, _)| crate::identity::grouping_key(t) == key)
        .fold(0u32, |a, (_, n)| a.saturating_add(*n))
}

fn tampered(case: &str, seq: u64, reason: &str) -> CaseError {
    CaseError::Tampered {
        case: case.to_owned(),
        seq,
        reason: reason.to_owned(),
    }
}
