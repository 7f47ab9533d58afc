//! Volunteers (志愿者): registration, life cycle, the confidentiality agreement, shifts and
//! service hours (000 五–六, 附件2; 003 第六节).
//!
//! Life cycle (`[volunteer-lifecycle]`): registered → screened (资格审核) → trained (岗前培训)
//! → agreement signed → deployed to a service group → … → ended. A volunteer cannot be
//! deployed before training and an agreement in force. The agreement
//! ([`ConfidentialityAgreement`]) is why a volunteer may see a client's private information at
//! all (`[agreement-before-access]`, decided in [`crate::access`]); its duty survives its end
//! (`[agreement-survives-termination]`), so a later breach is still a breach. Breach actions
//! are options the agency chooses among (`[agreement-breach-actions]`); removal ends the
//! volunteer's deployment to that group.
//!
//! # Example
//! ```
//! use chrono::DateTime;
//! use shegong::case::{Actor, Role};
//! use shegong::history::NewEvent;
//! use shegong::volunteer::*;
//!
//! let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
//! let worker = Actor::new("w-li", Role::Worker);
//! let registration: VolunteerRegistration = serde_json::from_value(serde_json::json!({
//!     "name": "王芳", "gender": "female", "id_number": "11010519491231002X",
//!     "region": "姑苏区", "phone": "13800131234", "positions": ["general"]
//! }))?;
//! let first = VolunteerEvent::Registered { volunteer_id: "v-1".into(), registration: Box::new(registration) };
//! let mut v = Volunteer::start(NewEvent::at(t("2026-03-01T09:00:00+08:00"), worker.clone(), first))?;
//! // Deployment before training and an agreement is refused, and changes nothing.
//! let before = v.to_json()?;
//! let deploy = VolunteerEvent::Deployed { group_id: "G-1".into() };
//! let err = v.apply(NewEvent::at(t("2026-03-02T09:00:00+08:00"), worker, deploy)).unwrap_err();
//! assert_eq!(v.to_json()?, before);
//! assert_eq!(err.rule_id(), Some("volunteer-lifecycle"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod agreement;
mod guards;
mod registration;
mod shifts;

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

pub use agreement::{
    AgreementRecord, AgreementStatus, Breach, BreachAction, BreachActionRecord, ConfidentialScope,
    ConfidentialityAgreement, Party,
};
pub use registration::{Qualification, VolunteerKind, VolunteerRegistration};
pub use shifts::{
    total_hours, Handover, HoursTotal, Roster, ServiceHours, Shift, MAX_SHIFT_MINUTES,
};

use crate::case::china_date;
pub use crate::event_types::VolunteerEventType;
use crate::history::{
    unchained, Aggregate, Applied, Fault, Journal, LegacyRecord, NewEvent, Recorded,
};
use crate::labels::labelled_enum;

/// Why a volunteer, agreement or roster refused an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VolunteerError {
    /// The rules forbid this step now.
    #[error("cannot record {event} for volunteer {volunteer} (event #{seq}): {reason} [{rule}]")]
    Refused {
        /// The volunteer's id.
        volunteer: String,
        /// The event's would-be sequence number.
        seq: u64,
        /// The event's type name.
        event: &'static str,
        /// The rule that refused it.
        rule: &'static str,
        /// Why.
        reason: String,
    },
    /// A field is missing or malformed.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// An event is recorded out of time order (rules version 2 on).
    #[error("event #{seq} of volunteer {volunteer} is out of order: {reason} [records-authentic]")]
    OutOfOrder {
        /// The volunteer's id.
        volunteer: String,
        /// The event's sequence number.
        seq: u64,
        /// Why.
        reason: String,
    },
    /// The stored history does not verify: an event or the envelope was edited, inserted,
    /// removed or moved.
    #[error(
        "history of volunteer {volunteer} is broken at event #{seq}: {reason} [records-authentic]"
    )]
    Tampered {
        /// The volunteer's id.
        volunteer: String,
        /// The first event that does not verify.
        seq: u64,
        /// What does not match.
        reason: String,
    },
    /// The history does not end at its stored chain head.
    #[error("history of volunteer {volunteer} does not end at its stored chain head: expected {expected}, found {found} [records-authentic]")]
    HeadMismatch {
        /// The volunteer's id.
        volunteer: String,
        /// The stored head.
        expected: String,
        /// The history's head.
        found: String,
    },
    /// The stored form is not valid JSON of a stored volunteer.
    #[error("malformed volunteer data: {reason}")]
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
        "unknown volunteer event type {} at `{path}`",
        crate::json::describe_str(kind)
    )]
    UnknownEventKind {
        /// The type named.
        kind: String,
        /// The JSON path of its `type` field, e.g. `events[3].event.type`.
        path: String,
    },
    /// The stored format is newer than this library.
    #[error("volunteer history format {format} is not supported (this library reads formats 1 to {supported})")]
    UnsupportedFormat {
        /// The stored format.
        format: u32,
        /// The newest format this library reads.
        supported: u32,
    },
    /// A shift or roster step is not allowed.
    #[error("roster of group {group}: {reason} [{rule}]")]
    Roster {
        /// The group.
        group: String,
        /// The rule.
        rule: &'static str,
        /// Why.
        reason: String,
    },
    /// A computation on the given numbers does not fit its type (never a wrapped total).
    #[error("{quantity} is out of range [{rule}]")]
    Overflow {
        /// The rule whose computation overflowed, e.g. `"volunteer-hours"`.
        rule: &'static str,
        /// What overflowed, e.g. `"minutes served"`.
        quantity: &'static str,
    },
}

impl From<crate::history::read::ReadError> for VolunteerError {
    fn from(e: crate::history::read::ReadError) -> Self {
        match e {
            crate::history::read::ReadError::Json(e) => VolunteerError::Json(e),
            crate::history::read::ReadError::UnknownKind(kind, path) => {
                VolunteerError::UnknownEventKind { kind, path }
            }
        }
    }
}

impl VolunteerError {
    /// A stable snake_case code for the error's kind.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind: a volunteer's refusal is
    /// [`ErrorKind::VolunteerRefused`](crate::ErrorKind::VolunteerRefused)
    /// (`"volunteer_refused"`), distinct from a case's.
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            VolunteerError::Refused { .. } => crate::ErrorKind::VolunteerRefused,
            VolunteerError::InvalidInput { .. } => crate::ErrorKind::InvalidInput,
            VolunteerError::Roster { .. } => crate::ErrorKind::RosterRefused,
            VolunteerError::OutOfOrder { .. } => crate::ErrorKind::OutOfOrder,
            VolunteerError::Tampered { .. } => crate::ErrorKind::Tampered,
            VolunteerError::HeadMismatch { .. } => crate::ErrorKind::HeadMismatch,
            VolunteerError::Malformed { .. } => crate::ErrorKind::Malformed,
            VolunteerError::Json(e) => e.kind(),
            VolunteerError::UnknownEventKind { .. } => crate::ErrorKind::UnknownEventKind,
            VolunteerError::UnsupportedFormat { .. } => crate::ErrorKind::UnsupportedFormat,
            VolunteerError::Overflow { .. } => crate::ErrorKind::Overflow,
        }
    }

    /// The rule behind the error, if one applies.
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            VolunteerError::Refused { rule, .. } | VolunteerError::Roster { rule, .. } => {
                Some(rule)
            }
            VolunteerError::OutOfOrder { .. }
            | VolunteerError::Tampered { .. }
            | VolunteerError::HeadMismatch { .. } => Some("records-authentic"),
            VolunteerError::InvalidInput { .. }
            | VolunteerError::Malformed { .. }
            | VolunteerError::Json(_)
            | VolunteerError::UnknownEventKind { .. }
            | VolunteerError::UnsupportedFormat { .. } => None,
            VolunteerError::Overflow { rule, .. } => Some(rule),
        }
    }
}

labelled_enum! {
    /// A volunteer's stage in the life cycle (`[volunteer-lifecycle]`).
    pub enum VolunteerStage {
        Registered = "registered" => "已登记",
        Screened = "screened" => "已通过资格审核",
        Rejected = "rejected" => "未通过资格审核",
        Trained = "trained" => "已完成岗前培训",
        AgreementSigned = "agreement_signed" => "已签订协议",
        Deployed = "deployed" => "已派驻",
        Ended = "ended" => "已退出",
    }
}

crate::json::tagged_enum! {
tag = "type";
/// Something that happened to a volunteer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VolunteerEvent {
    /// Registered with the form: the first event.
    Registered {
        /// The volunteer's id (absent from format-1 histories, where the envelope held it).
        #[serde(default)]
        volunteer_id: String,
        /// The registration form.
        registration: Box<VolunteerRegistration>,
    },
    /// Screened (资格审核).
    Screened {
        /// Whether the volunteer passed.
        passed: bool,
        /// A note.
        #[serde(default)]
        note: String,
    },
    /// Pre-service training completed (岗前培训).
    Trained {
        /// The course.
        course: String,
        /// Its hours.
        hours: u32,
    },
    /// A confidentiality agreement drafted.
    AgreementDrafted {
        /// The agreement.
        agreement: Box<ConfidentialityAgreement>,
    },
    /// One party signed (on the event's date).
    AgreementSigned {
        /// The agreement.
        agreement_id: String,
        /// Who signed.
        party: Party,
    },
    /// The agreement terminated (the duty of confidentiality survives).
    AgreementTerminated {
        /// The agreement.
        agreement_id: String,
        /// Why.
        reason: String,
    },
    /// Deployed to a service group.
    Deployed {
        /// The group.
        group_id: String,
    },
    /// Withdrawn from a service group (not as a breach action).
    Undeployed {
        /// The group.
        group_id: String,
        /// Why.
        reason: String,
    },
    /// A breach of confidentiality recorded.
    BreachRecorded {
        /// The breach's identifier.
        breach_id: String,
        /// The agreement breached.
        agreement_id: String,
        /// What happened.
        description: String,
    },
    /// An action the agency took on a breach.
    BreachActionTaken {
        /// The breach.
        breach_id: String,
        /// The action.
        action: BreachAction,
        /// The group, for a removal from the group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group_id: Option<String>,
        /// A note.
        #[serde(default)]
        note: String,
    },
    /// The volunteer declared that they know a client (熟人), for acquaintance avoidance.
    AcquaintanceDeclared {
        /// The client.
        client_id: String,
    },
    /// Commended as a long-term volunteer (考核表彰).
    Commended {
        /// A note.
        note: String,
    },
    /// The volunteer left.
    Ended {
        /// Why.
        reason: String,
    },
}
}

impl VolunteerEvent {
    /// The event's serialised type name.
    pub fn name(&self) -> &'static str {
        match self {
            VolunteerEvent::Registered { .. } => "registered",
            VolunteerEvent::Screened { .. } => "screened",
            VolunteerEvent::Trained { .. } => "trained",
            VolunteerEvent::AgreementDrafted { .. } => "agreement_drafted",
            VolunteerEvent::AgreementSigned { .. } => "agreement_signed",
            VolunteerEvent::AgreementTerminated { .. } => "agreement_terminated",
            VolunteerEvent::Deployed { .. } => "deployed",
            VolunteerEvent::Undeployed { .. } => "undeployed",
            VolunteerEvent::BreachRecorded { .. } => "breach_recorded",
            VolunteerEvent::BreachActionTaken { .. } => "breach_action_taken",
            VolunteerEvent::AcquaintanceDeclared { .. } => "acquaintance_declared",
            VolunteerEvent::Commended { .. } => "commended",
            VolunteerEvent::Ended { .. } => "ended",
        }
    }
}

/// A volunteer event as recorded: numbered, versioned and chained (see [`crate::history`]).
pub type VolunteerRecord = Recorded<VolunteerEvent>;

/// The domain-separation string of a volunteer's hash chain.
pub const VOLUNTEER_CHAIN: &str = "shegong-volunteer-chain-v1";

/// The version of the stored volunteer format ([`StoredVolunteer`]). Format 1, the
/// unversioned `{"id", "history"}` of earlier releases, had no hash chain; it is still read
/// (there is no tamper evidence to check in it) and is chained when saved again.
pub const HISTORY_FORMAT: u32 = 2;

/// A volunteer: the registration and everything since, with derived state. It serialises as a
/// [`StoredVolunteer`] and deserialises by replaying the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volunteer {
    journal: Journal<VolunteerState>,
}

/// What a volunteer's history says now; the guards read and change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolunteerState {
    id: String,
    registration: VolunteerRegistration,
    screened: Option<bool>,
    trained: bool,
    agreements: Vec<AgreementRecord>,
    deployments: BTreeSet<String>,
    acquaintances: BTreeSet<String>,
    commendations: u32,
    ended: bool,
    /// The rules version in force for the event being checked (see [`crate::history`]).
    pub rules: u32,
}

impl VolunteerState {
    fn agreement(&self, id: &str) -> Option<&AgreementRecord> {
        self.agreements.iter().find(|a| a.agreement.id == id)
    }

    fn agreement_mut(&mut self, id: &str) -> Option<&mut AgreementRecord> {
        self.agreements.iter_mut().find(|a| a.agreement.id == id)
    }

    fn agreement_in_force_on(&self, date: NaiveDate) -> Option<&AgreementRecord> {
        self.agreements
            .iter()
            .find(|a| matches!(a.status_on(date), AgreementStatus::InForce { .. }))
    }
}

/// Where agreement `a` stands at the moment `at`, from the instants of its events in `history`
/// (the events with `occurred_at` at or before `at` count, whatever order they were recorded
/// in): a draft until it has been drafted and signed by both parties, in force from the later
/// of those moments (and its `effective_from` day), terminated from its termination.
pub(crate) fn status_at(
    a: &AgreementRecord,
    history: &[VolunteerRecord],
    at: DateTime<FixedOffset>,
) -> AgreementStatus {
    let id = a.agreement.id.as_str();
    let (mut drafted, mut agency, mut volunteer, mut terminated) = (None, None, None, false);
    for r in history.iter().filter(|r| r.occurred_at <= at) {
        match &r.event {
            VolunteerEvent::AgreementDrafted { agreement } if agreement.id == id => {
                drafted.get_or_insert(r.occurred_at);
            }
            VolunteerEvent::AgreementSigned {
                agreement_id,
                party,
            } if agreement_id == id => {
                let slot = match party {
                    Party::Agency => &mut agency,
                    Party::Volunteer => &mut volunteer,
                };
                slot.get_or_insert(r.occurred_at);
            }
            VolunteerEvent::AgreementTerminated { agreement_id, .. } if agreement_id == id => {
                terminated = true;
            }
            _ => {}
        }
    }
    if terminated {
        if let Some((on, reason)) = &a.terminated {
            return AgreementStatus::Terminated {
                on: *on,
                reason: reason.clone(),
            };
        }
    }
    match (drafted, agency, volunteer) {
        (Some(d), Some(x), Some(y)) => {
            let since = china_date(d.max(x).max(y)).max(a.agreement.effective_from);
            if since <= china_date(at) {
                AgreementStatus::InForce { since }
            } else {
                AgreementStatus::Signed {
                    effective_from: since,
                }
            }
        }
        _ => AgreementStatus::Draft,
    }
}

/// A volunteer history as stored: format, id, rules version, chain head and events. Unknown
/// fields are refused, so a stored file cannot carry text the chain never covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoredVolunteer {
    /// The format version ([`HISTORY_FORMAT`]).
    pub format: u32,
    /// The volunteer's id (must be the first event's).
    pub id: String,
    /// The rules version the history was last written under: its last event's.
    pub rules: u32,
    /// The chain head: the last event's hash.
    pub head: String,
    /// The events.
    pub events: Vec<VolunteerRecord>,
}

/// Format 1: the unchained history of earlier releases.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegacyVolunteer {
    id: String,
    history: Vec<LegacyRecord<VolunteerEvent>>,
}

impl Aggregate for VolunteerState {
    type Event = VolunteerEvent;
    type Error = VolunteerError;
    type Outcome = ();
    const CHAIN: &'static str = VOLUNTEER_CHAIN;

    fn begin(first: &VolunteerRecord, rules: u32) -> Result<Self, VolunteerError> {
        let VolunteerEvent::Registered {
            volunteer_id,
            registration,
        } = &first.event
        else {
            return Err(VolunteerError::InvalidInput {
                field: "history",
                reason: "a volunteer history starts with `registered`".to_owned(),
            });
        };
        guards::registration(volunteer_id, registration)?;
        if rules >= 2 {
            guards::registered_by(volunteer_id, first)?;
        }
        if rules >= 2
            && !registration
                .id_number
                .born_by(china_date(first.occurred_at))
        {
            return Err(VolunteerError::InvalidInput {
                field: "id_number",
                reason: "the birth date the ID number encodes is after the registration's date [volunteer-registration-fields]".to_owned(),
            });
        }
        if let Some(reason) = crate::history::time_order(&[], first, rules) {
            return Err(VolunteerError::OutOfOrder {
                volunteer: volunteer_id.clone(),
                seq: 1,
                reason,
            });
        }
        Ok(VolunteerState {
            id: volunteer_id.clone(),
            registration: (**registration).clone(),
            screened: None,
            trained: false,
            agreements: Vec::new(),
            deployments: BTreeSet::new(),
            acquaintances: BTreeSet::new(),
            commendations: 0,
            ended: false,
            rules,
        })
    }

    fn step(
        &mut self,
        history: &[VolunteerRecord],
        seq: u64,
        new: &VolunteerRecord,
        rules: u32,
    ) -> Result<(), VolunteerError> {
        self.rules = rules;
        guards::step(self, history, seq, new)
    }

    fn fault(subject: &str, fault: Fault) -> VolunteerError {
        match fault {
            Fault::Empty => VolunteerError::InvalidInput {
                field: "history",
                reason: "a volunteer history starts with `registered`".to_owned(),
            },
            Fault::Tampered { seq, reason } | Fault::Rules { seq, reason } => {
                VolunteerError::Tampered {
                    volunteer: subject.to_owned(),
                    seq,
                    reason,
                }
            }
            Fault::TooLong(e) => VolunteerError::Json(e),
        }
    }

    fn subject(first: &VolunteerEvent) -> String {
        match first {
            VolunteerEvent::Registered { volunteer_id, .. } => volunteer_id.clone(),
            _ => String::new(),
        }
    }
}

impl Serialize for Volunteer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_stored().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Volunteer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Volunteer::from_value(value).map_err(serde::de::Error::custom)
    }
}

impl Volunteer {
    /// Starts a volunteer from the first event, which must be [`VolunteerEvent::Registered`].
    ///
    /// # Errors
    /// [`VolunteerError::InvalidInput`] for another first event, an empty id or name, no
    /// position, or "other" without its description; [`VolunteerError::OutOfOrder`] when it
    /// is recorded before it happened.
    pub fn start(first: NewEvent<VolunteerEvent>) -> Result<Volunteer, VolunteerError> {
        Journal::start(first).map(|journal| Volunteer { journal })
    }

    /// Checks an event against the life cycle and agreement rules and, if every guard passes,
    /// appends it; a refused event changes nothing.
    ///
    /// # Errors
    /// [`VolunteerError::Refused`] naming the rule, [`VolunteerError::InvalidInput`] for
    /// missing fields, [`VolunteerError::OutOfOrder`] for an event recorded before the
    /// previous one, before it happened, or dated before the registration.
    pub fn apply(
        &mut self,
        new: NewEvent<VolunteerEvent>,
    ) -> Result<Applied<VolunteerStage, std::convert::Infallible>, VolunteerError> {
        let (seq, ()) = self.journal.apply(new)?;
        Ok(Applied {
            seq,
            hash: self.head().to_owned(),
            stage: self.stage(),
            warnings: Vec::new(),
        })
    }

    /// Rebuilds a volunteer from its recorded events: the whole chain first, then every
    /// guard, each event under the rules version it was recorded under.
    ///
    /// # Errors
    /// [`VolunteerError::Tampered`] for the first event that does not verify, the first
    /// refusal, or [`VolunteerError::InvalidInput`] for a history that does not start with
    /// `registered`.
    pub fn replay(records: Vec<VolunteerRecord>) -> Result<Volunteer, VolunteerError> {
        Journal::replay(records).map(|journal| Volunteer { journal })
    }

    /// The stored form of the history.
    pub fn to_stored(&self) -> StoredVolunteer {
        StoredVolunteer {
            format: HISTORY_FORMAT,
            id: self.id().to_owned(),
            rules: self.journal.rules(),
            head: self.head().to_owned(),
            events: self.history().to_vec(),
        }
    }

    /// The history as JSON ([`StoredVolunteer`]).
    ///
    /// # Errors
    /// [`VolunteerError::Malformed`] if serialisation fails (it does not for valid volunteers).
    pub fn to_json(&self) -> Result<String, VolunteerError> {
        serde_json::to_string(&self.to_stored()).map_err(malformed)
    }

    /// Reads a stored volunteer from JSON: a [`StoredVolunteer`], its chain verified against
    /// the stored head and its envelope against the history, or a format-1 history
    /// (`{"id", "history"}`, no chain), replayed and chained.
    ///
    /// # Errors
    /// [`VolunteerError::Malformed`] for invalid JSON, missing or unknown fields;
    /// [`VolunteerError::UnsupportedFormat`]; [`VolunteerError::Tampered`] and
    /// [`VolunteerError::HeadMismatch`]; and every refusal of [`Volunteer::replay`].
    pub fn from_json(json: &str) -> Result<Volunteer, VolunteerError> {
        // The common case in one pass (limits and duplicate keys checked); a failure is
        // diagnosed on the slower path below, which reads format 1 and names an unknown event
        // type or format.
        if let Ok(stored) = crate::json::from_str::<StoredVolunteer>(json, "volunteer history") {
            if stored.format == HISTORY_FORMAT {
                return Volunteer::from_stored(stored);
            }
        }
        let value: serde_json::Value = crate::json::from_str(json, "volunteer history")?;
        Volunteer::from_value(value)
    }

    fn from_value(value: serde_json::Value) -> Result<Volunteer, VolunteerError> {
        for key in ["events", "history"] {
            if let Some(events) = value.get(key) {
                if let Some((kind, path)) =
                    crate::history::read::unknown_in::<VolunteerEventType>(events, key)
                {
                    return Err(VolunteerError::UnknownEventKind { kind, path });
                }
            }
        }
        let Some(format) = value.get("format") else {
            let legacy: LegacyVolunteer = crate::json::from_value(value, "volunteer history")?;
            let mut events =
                unchained(legacy.history).map_err(|reason| VolunteerError::InvalidInput {
                    field: "seq",
                    reason,
                })?;
            // Format 1 kept the id in the envelope only.
            if let Some(VolunteerEvent::Registered { volunteer_id, .. }) =
                events.first_mut().map(|e| &mut e.event)
            {
                if volunteer_id.is_empty() {
                    volunteer_id.clone_from(&legacy.id);
                }
            }
            let v = Volunteer {
                journal: Journal::rebuild_unchained(events)?,
            };
            check_id(&legacy.id, &v)?;
            return Ok(v);
        };
        let format = format
            .as_u64()
            .map_or(u32::MAX, |f| u32::try_from(f).unwrap_or(u32::MAX));
        if format != HISTORY_FORMAT {
            return Err(VolunteerError::UnsupportedFormat {
                format,
                supported: HISTORY_FORMAT,
            });
        }
        let stored: StoredVolunteer = crate::json::from_value(value, "volunteer history")?;
        Volunteer::from_stored(stored)
    }

    /// Rebuilds a volunteer from its stored form (format {HISTORY_FORMAT}): the chain against the
    /// stored head, every guard, and the envelope against the history.
    ///
    /// # Errors
    /// [`VolunteerError::UnsupportedFormat`], [`VolunteerError::Tampered`], [`VolunteerError::HeadMismatch`] and
    /// every refusal of [`Volunteer::replay`].
    pub fn from_stored(stored: StoredVolunteer) -> Result<Volunteer, VolunteerError> {
        if stored.format != HISTORY_FORMAT {
            return Err(VolunteerError::UnsupportedFormat {
                format: stored.format,
                supported: HISTORY_FORMAT,
            });
        }
        let v = Volunteer::replay(stored.events)?;
        if v.head() != stored.head {
            return Err(VolunteerError::HeadMismatch {
                volunteer: v.id().to_owned(),
                expected: stored.head,
                found: v.head().to_owned(),
            });
        }
        check_id(&stored.id, &v)?;
        if stored.rules != v.journal.rules() {
            return Err(VolunteerError::Tampered {
                volunteer: v.id().to_owned(),
                seq: u64::try_from(v.history().len()).unwrap_or(u64::MAX),
                reason: "the stored `rules` version is not the last event's".to_owned(),
            });
        }
        Ok(v)
    }

    /// The chain head: the last event's hash. Store it beside the history.
    pub fn head(&self) -> &str {
        self.journal.head()
    }

    fn state(&self) -> &VolunteerState {
        self.journal.state()
    }

    /// The volunteer's id.
    pub fn id(&self) -> &str {
        &self.state().id
    }

    /// The registration form.
    pub fn registration(&self) -> &VolunteerRegistration {
        &self.state().registration
    }

    /// The kinds (positions) of the volunteer.
    pub fn kinds(&self) -> &[VolunteerKind] {
        &self.state().registration.positions
    }

    /// The history, oldest first.
    pub fn history(&self) -> &[VolunteerRecord] {
        self.journal.history()
    }

    /// The agreements, in the order drafted.
    pub fn agreements(&self) -> &[AgreementRecord] {
        &self.state().agreements
    }

    /// One agreement by id.
    pub fn agreement(&self, id: &str) -> Option<&AgreementRecord> {
        self.state().agreement(id)
    }

    /// An agreement in force on `date`, if any.
    pub fn agreement_in_force_on(&self, date: NaiveDate) -> Option<&AgreementRecord> {
        self.state().agreement_in_force_on(date)
    }

    /// Where agreement `a` of this volunteer stands at the moment `at`, read from the instants
    /// of its events in the history: in force from the moment it was both drafted and signed by
    /// the second party (and not before its `effective_from` day), terminated from the moment
    /// the termination happened. [`AgreementRecord::status_on`] answers for the end of a day;
    /// a signature at 15:00 does not cover 09:00 of the same day here (`[access-while-serving]`).
    pub fn agreement_status_of_at(
        &self,
        a: &AgreementRecord,
        at: DateTime<FixedOffset>,
    ) -> AgreementStatus {
        status_at(a, self.history(), at)
    }

    /// The agreements in force at the moment `at` (see [`Volunteer::agreement_status_of_at`]).
    pub fn agreements_in_force_at(&self, at: DateTime<FixedOffset>) -> Vec<&AgreementRecord> {
        self.agreements()
            .iter()
            .filter(|a| {
                matches!(
                    self.agreement_status_of_at(a, at),
                    AgreementStatus::InForce { .. }
                )
            })
            .collect()
    }

    /// The status of the volunteer's agreement at the moment `at`: in force if any is, else the
    /// most recent one drafted by then, else `None` (no agreement yet at that moment). The
    /// moment twin of [`Volunteer::agreement_status_on`].
    pub fn agreement_status_at(&self, at: DateTime<FixedOffset>) -> Option<AgreementStatus> {
        if let Some(a) = self.agreements_in_force_at(at).first() {
            return Some(self.agreement_status_of_at(a, at));
        }
        self.agreements()
            .iter()
            .rev()
            .find(|a| {
                self.history().iter().any(|r| {
                    r.occurred_at <= at
                        && matches!(&r.event, VolunteerEvent::AgreementDrafted { agreement }
                            if agreement.id == a.agreement.id)
                })
            })
            .map(|a| self.agreement_status_of_at(a, at))
    }

    /// The status of the volunteer's agreement on `date`: in force if any is, else the most
    /// recent one's status, else `None` (no agreement at all).
    pub fn agreement_status_on(&self, date: NaiveDate) -> Option<AgreementStatus> {
        if let Some(a) = self.agreement_in_force_on(date) {
            return Some(a.status_on(date));
        }
        self.state().agreements.last().map(|a| a.status_on(date))
    }

    /// Whether the volunteer owes confidentiality under any agreement, ended or not.
    pub fn duty_of_confidentiality(&self) -> bool {
        self.state()
            .agreements
            .iter()
            .any(AgreementRecord::duty_of_confidentiality)
    }

    /// The groups the volunteer is deployed to.
    pub fn deployments(&self) -> &BTreeSet<String> {
        &self.state().deployments
    }

    /// The groups the volunteer was deployed to on `date` (at the end of that day), read from
    /// the history: a deployment counts from the day it was recorded until the day it was
    /// withdrawn, the volunteer was removed from the group, or left (`[access-while-serving]`).
    pub fn deployments_on(&self, date: NaiveDate) -> BTreeSet<String> {
        self.deployments_where(|r| china_date(r.occurred_at) <= date)
    }

    /// The groups the volunteer was deployed to at the moment `at`: a deployment counts from
    /// the moment it was recorded as happening until the moment it was withdrawn, the
    /// volunteer was removed from the group, or left (`[access-while-serving]`). Unlike
    /// [`Volunteer::deployments_on`], a deployment at 15:00 does not cover 09:00 of that day,
    /// and one withdrawn at 10:00 still covers 09:00.
    pub fn deployments_at(&self, at: DateTime<FixedOffset>) -> BTreeSet<String> {
        self.deployments_where(|r| r.occurred_at <= at)
    }

    /// The deployments left by the events that `counts` keeps, in history order.
    fn deployments_where(&self, counts: impl Fn(&VolunteerRecord) -> bool) -> BTreeSet<String> {
        let mut groups = BTreeSet::new();
        for r in self.history().iter().filter(|r| counts(r)) {
            match &r.event {
                VolunteerEvent::Deployed { group_id } => {
                    groups.insert(group_id.clone());
                }
                VolunteerEvent::Undeployed { group_id, .. }
                | VolunteerEvent::BreachActionTaken {
                    action: BreachAction::RemoveFromGroup,
                    group_id: Some(group_id),
                    ..
                } => {
                    groups.remove(group_id);
                }
                VolunteerEvent::Ended { .. } => groups.clear(),
                _ => {}
            }
        }
        groups
    }

    /// The clients the volunteer declared they know.
    pub fn acquaintances(&self) -> &BTreeSet<String> {
        &self.state().acquaintances
    }

    /// The volunteer's stage (`[volunteer-lifecycle]`), as of the last event.
    pub fn stage(&self) -> VolunteerStage {
        let day = self.history().last().map(|r| china_date(r.occurred_at));
        if self.state().ended {
            VolunteerStage::Ended
        } else if self.state().screened == Some(false) {
            VolunteerStage::Rejected
        } else if !self.state().deployments.is_empty() {
            VolunteerStage::Deployed
        } else if self
            .agreements()
            .iter()
            .any(|a| a.signed_on().is_some() && a.terminated.is_none())
            || day.is_some_and(|d| self.agreement_in_force_on(d).is_some())
        {
            VolunteerStage::AgreementSigned
        } else if self.state().trained {
            VolunteerStage::Trained
        } else if self.state().screened == Some(true) {
            VolunteerStage::Screened
        } else {
            VolunteerStage::Registered
        }
    }

    /// Times commended.
    pub fn commendations(&self) -> u32 {
        self.state().commendations
    }
}

fn malformed(e: serde_json::Error) -> VolunteerError {
    VolunteerError::Malformed {
        reason: e.to_string(),
    }
}

fn check_id(id: &str, v: &Volunteer) -> Result<(), VolunteerError> {
    if id != v.id() {
        return Err(VolunteerError::Tampered {
            volunteer: v.id().to_owned(),
            seq: 1,
            reason: "the stored `id` is not the first event's volunteer id".to_owned(),
        });
    }
    Ok(())
}

/// Reads one event to be recorded from JSON, with a typed error for an unknown event type.
///
/// # Errors
/// [`VolunteerError::UnknownEventKind`], or [`VolunteerError::Json`] naming the JSON path of the fault.
pub fn new_event_from_json(json: &str) -> Result<NewEvent<VolunteerEvent>, VolunteerError> {
    Ok(crate::history::read::new_event_text::<
        VolunteerEvent,
        VolunteerEventType,
    >(json)?)
}

/// Reads one event to be recorded from a JSON value (what a binding converts a native object
/// to), as [`new_event_from_json`].
///
/// # Errors
/// As [`new_event_from_json`].
pub fn new_event_from_value(
    value: serde_json::Value,
) -> Result<NewEvent<VolunteerEvent>, VolunteerError> {
    Ok(crate::history::read::new_event::<
        VolunteerEvent,
        VolunteerEventType,
    >(value)?)
}

/// Reads recorded events (a JSON array, what [`Volunteer::replay`] takes) from JSON, with a typed
/// error for an unknown event type.
///
/// # Errors
/// As [`new_event_from_json`].
pub fn events_from_json(json: &str) -> Result<Vec<Recorded<VolunteerEvent>>, VolunteerError> {
    Ok(crate::history::read::recorded_text::<
        VolunteerEvent,
        VolunteerEventType,
    >(json)?)
}

/// Reads recorded events from a JSON value, as [`events_from_json`].
///
/// # Errors
/// As [`new_event_from_json`].
pub fn events_from_value(
    value: serde_json::Value,
) -> Result<Vec<Recorded<VolunteerEvent>>, VolunteerError> {
    Ok(crate::history::read::recorded::<
        VolunteerEvent,
        VolunteerEventType,
    >(value)?)
}
