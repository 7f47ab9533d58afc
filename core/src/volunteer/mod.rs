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
//! use shegong::volunteer::*;
//!
//! let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
//! let worker = Actor::new("w-li", Role::Worker);
//! let registration: VolunteerRegistration = serde_json::from_value(serde_json::json!({
//!     "name": "王芳", "gender": "female", "id_number": "11010519491231002X",
//!     "region": "姑苏区", "phone": "13800131234", "positions": ["general"]
//! }))?;
//! let mut v = Volunteer::register("v-1", registration, t("2026-03-01T09:00:00+08:00"), worker.clone())?;
//! // Deployment before training and an agreement is refused.
//! let err = v.record(t("2026-03-02T09:00:00+08:00"), worker, VolunteerEvent::Deployed { group_id: "G-1".into() }).unwrap_err();
//! assert_eq!(err.rule_id(), Some("volunteer-lifecycle"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod agreement;
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
pub use shifts::{total_hours, Handover, HoursTotal, Roster, ServiceHours, Shift};

use crate::case::{china_date, Actor};
pub use crate::event_types::VolunteerEventType;
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
            VolunteerError::Overflow { .. } => crate::ErrorKind::Overflow,
        }
    }

    /// The rule behind the error, if one applies.
    pub fn rule_id(&self) -> Option<&str> {
        match self {
            VolunteerError::Refused { rule, .. } | VolunteerError::Roster { rule, .. } => {
                Some(rule)
            }
            VolunteerError::InvalidInput { .. } => None,
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

/// Something that happened to a volunteer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum VolunteerEvent {
    /// Registered with the form: the first event.
    Registered {
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

/// A volunteer event as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerRecord {
    /// Position, from 1.
    pub seq: u64,
    /// When it happened.
    pub occurred_at: DateTime<FixedOffset>,
    /// Who recorded or did it.
    pub actor: Actor,
    /// What happened.
    pub event: VolunteerEvent,
}

/// A volunteer: the registration and everything since, with derived state. It serialises as
/// `{"id": …, "history": [...]}` and deserialises by replaying the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volunteer {
    id: String,
    registration: VolunteerRegistration,
    history: Vec<VolunteerRecord>,
    screened: Option<bool>,
    trained: bool,
    agreements: Vec<AgreementRecord>,
    deployments: BTreeSet<String>,
    acquaintances: BTreeSet<String>,
    commendations: u32,
    ended: bool,
}

#[derive(Serialize, Deserialize)]
struct StoredVolunteer {
    id: String,
    history: Vec<VolunteerRecord>,
}

impl Serialize for Volunteer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredVolunteer {
            id: self.id.clone(),
            history: self.history.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Volunteer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredVolunteer::deserialize(deserializer)?;
        Volunteer::replay(&stored.id, stored.history).map_err(serde::de::Error::custom)
    }
}

impl Volunteer {
    /// Registers a volunteer.
    ///
    /// # Errors
    /// [`VolunteerError::InvalidInput`] for an empty id or name, no position, or "other"
    /// without its description.
    pub fn register(
        id: impl Into<String>,
        registration: VolunteerRegistration,
        at: DateTime<FixedOffset>,
        actor: Actor,
    ) -> Result<Volunteer, VolunteerError> {
        let id = id.into();
        let bad = |field, reason: &str| VolunteerError::InvalidInput {
            field,
            reason: reason.to_owned(),
        };
        if id.trim().is_empty() {
            return Err(bad("id", "a volunteer needs an id"));
        }
        if registration.name.trim().is_empty() {
            return Err(bad(
                "name",
                "the form needs a name [volunteer-registration-fields]",
            ));
        }
        if registration.positions.is_empty() {
            return Err(bad(
                "positions",
                "tick at least one position [volunteer-kinds]",
            ));
        }
        if registration.positions.contains(&VolunteerKind::Other)
            && registration
                .position_other
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
        {
            return Err(bad(
                "position_other",
                "spell out the \"other\" position [volunteer-kinds]",
            ));
        }
        Ok(Volunteer {
            history: vec![VolunteerRecord {
                seq: 1,
                occurred_at: at,
                actor,
                event: VolunteerEvent::Registered {
                    registration: Box::new(registration.clone()),
                },
            }],
            id,
            registration,
            screened: None,
            trained: false,
            agreements: Vec::new(),
            deployments: BTreeSet::new(),
            acquaintances: BTreeSet::new(),
            commendations: 0,
            ended: false,
        })
    }

    /// Rebuilds a volunteer from its history, checking every event.
    ///
    /// # Errors
    /// The first refusal, or [`VolunteerError::InvalidInput`] for a history that does not
    /// start with `registered` or is numbered out of order.
    pub fn replay(id: &str, records: Vec<VolunteerRecord>) -> Result<Volunteer, VolunteerError> {
        let mut it = records.into_iter();
        let Some(VolunteerRecord {
            occurred_at,
            actor,
            event: VolunteerEvent::Registered { registration },
            ..
        }) = it.next()
        else {
            return Err(VolunteerError::InvalidInput {
                field: "history",
                reason: "a volunteer history starts with `registered`".to_owned(),
            });
        };
        let mut v = Volunteer::register(id, *registration, occurred_at, actor)?;
        for r in it {
            if r.seq != v.next_seq() {
                return Err(VolunteerError::InvalidInput {
                    field: "seq",
                    reason: format!("found event #{} where #{} belongs", r.seq, v.next_seq()),
                });
            }
            v.record(r.occurred_at, r.actor, r.event)?;
        }
        Ok(v)
    }

    fn next_seq(&self) -> u64 {
        u64::try_from(self.history.len())
            .unwrap_or(u64::MAX)
            .saturating_add(1)
    }

    /// Records an event after checking the life cycle and agreement rules; a refused event
    /// changes nothing.
    ///
    /// # Errors
    /// [`VolunteerError::Refused`] naming the rule, [`VolunteerError::InvalidInput`] for
    /// missing fields.
    pub fn record(
        &mut self,
        at: DateTime<FixedOffset>,
        actor: Actor,
        event: VolunteerEvent,
    ) -> Result<(), VolunteerError> {
        let mut next = self.clone();
        next.step(at, &actor, &event)?;
        next.history.push(VolunteerRecord {
            seq: self.next_seq(),
            occurred_at: at,
            actor,
            event,
        });
        *self = next;
        Ok(())
    }

    fn step(
        &mut self,
        at: DateTime<FixedOffset>,
        actor: &Actor,
        event: &VolunteerEvent,
    ) -> Result<(), VolunteerError> {
        let seq = self.next_seq();
        let day = china_date(at);
        let volunteer = self.id.clone();
        let refuse = |rule: &'static str, reason: String| VolunteerError::Refused {
            volunteer: volunteer.clone(),
            seq,
            event: event.name(),
            rule,
            reason,
        };
        if self.ended
            && !matches!(
                event,
                VolunteerEvent::BreachRecorded { .. } | VolunteerEvent::BreachActionTaken { .. }
            )
        {
            return Err(refuse(
                "volunteer-lifecycle",
                "the volunteer has left".to_owned(),
            ));
        }
        match event {
            VolunteerEvent::Registered { .. } => {
                return Err(refuse(
                    "volunteer-lifecycle",
                    "a volunteer registers once".to_owned(),
                ))
            }
            VolunteerEvent::Screened { passed, .. } => {
                if self.screened.is_some() {
                    return Err(refuse("volunteer-lifecycle", "already screened".to_owned()));
                }
                let professional: Vec<&str> = self
                    .registration
                    .positions
                    .iter()
                    .filter(|k| k.is_professional())
                    .map(|k| k.zh())
                    .collect();
                let proven = self
                    .registration
                    .qualifications
                    .iter()
                    .any(|q| !q.proof.trim().is_empty());
                if *passed && !professional.is_empty() && !proven {
                    return Err(refuse(
                        "volunteer-kinds",
                        format!(
                            "{} must show a qualification with proof to pass screening",
                            professional.join("、")
                        ),
                    ));
                }
                self.screened = Some(*passed);
            }
            VolunteerEvent::Trained { course, .. } => {
                if self.screened != Some(true) {
                    return Err(refuse(
                        "volunteer-lifecycle",
                        "training follows a passed screening (资格审核)".to_owned(),
                    ));
                }
                if course.trim().is_empty() {
                    return Err(VolunteerError::InvalidInput {
                        field: "course",
                        reason: "name the course".to_owned(),
                    });
                }
                self.trained = true;
            }
            VolunteerEvent::AgreementDrafted { agreement } => {
                if agreement.id.trim().is_empty() || self.agreement(&agreement.id).is_some() {
                    return Err(VolunteerError::InvalidInput {
                        field: "agreement.id",
                        reason: format!("agreement id {:?} is empty or taken", agreement.id),
                    });
                }
                if agreement.volunteer_id_number != self.registration.id_number {
                    return Err(refuse(
                        "agreement-before-access",
                        "the agreement's ID number is not the volunteer's".to_owned(),
                    ));
                }
                if agreement.agency.trim().is_empty() || agreement.scope.is_empty() {
                    return Err(VolunteerError::InvalidInput {
                        field: "agreement",
                        reason: "name the agency (甲方) and the scope".to_owned(),
                    });
                }
                self.agreements.push(AgreementRecord {
                    agreement: (**agreement).clone(),
                    agency_signed_on: None,
                    volunteer_signed_on: None,
                    terminated: None,
                    breaches: Vec::new(),
                });
            }
            VolunteerEvent::AgreementSigned {
                agreement_id,
                party,
            } => {
                if !self.trained {
                    return Err(refuse(
                        "volunteer-lifecycle",
                        "the agreement is signed after pre-service training (岗前培训)".to_owned(),
                    ));
                }
                let Some(a) = self.agreement_mut(agreement_id) else {
                    return Err(refuse(
                        "agreement-before-access",
                        format!("no agreement {agreement_id:?}"),
                    ));
                };
                if a.terminated.is_some() {
                    return Err(refuse(
                        "agreement-survives-termination",
                        "the agreement was terminated".to_owned(),
                    ));
                }
                let slot = match party {
                    Party::Agency => &mut a.agency_signed_on,
                    Party::Volunteer => &mut a.volunteer_signed_on,
                };
                if slot.is_some() {
                    return Err(refuse(
                        "agreement-before-access",
                        format!("{} already signed", party.zh()),
                    ));
                }
                *slot = Some(day);
            }
            VolunteerEvent::AgreementTerminated {
                agreement_id,
                reason,
            } => {
                let Some(a) = self.agreement_mut(agreement_id) else {
                    return Err(refuse(
                        "agreement-survives-termination",
                        format!("no agreement {agreement_id:?}"),
                    ));
                };
                if a.terminated.is_some() {
                    return Err(refuse(
                        "agreement-survives-termination",
                        "already terminated".to_owned(),
                    ));
                }
                a.terminated = Some((day, reason.clone()));
            }
            VolunteerEvent::Deployed { group_id } => {
                if !self.trained {
                    return Err(refuse(
                        "volunteer-lifecycle",
                        "a volunteer is deployed after pre-service training (岗前培训)".to_owned(),
                    ));
                }
                if self.agreement_in_force_on(day).is_none() {
                    return Err(refuse(
                        "volunteer-lifecycle",
                        format!("no confidentiality agreement is in force on {day}"),
                    ));
                }
                if !self.deployments.insert(group_id.clone()) {
                    return Err(refuse(
                        "volunteer-lifecycle",
                        format!("already deployed to {group_id}"),
                    ));
                }
            }
            VolunteerEvent::Undeployed { group_id, .. } => {
                if !self.deployments.remove(group_id) {
                    return Err(refuse(
                        "volunteer-lifecycle",
                        format!("not deployed to {group_id}"),
                    ));
                }
            }
            VolunteerEvent::BreachRecorded {
                breach_id,
                agreement_id,
                description,
            } => {
                if self
                    .agreements
                    .iter()
                    .flat_map(|a| &a.breaches)
                    .any(|b| b.id == *breach_id)
                {
                    return Err(VolunteerError::InvalidInput {
                        field: "breach_id",
                        reason: format!("breach {breach_id:?} exists"),
                    });
                }
                let Some(a) = self.agreement_mut(agreement_id) else {
                    return Err(refuse(
                        "agreement-breach-actions",
                        format!("no agreement {agreement_id:?}"),
                    ));
                };
                if !a.duty_of_confidentiality() {
                    return Err(refuse(
                        "agreement-breach-actions",
                        "the agreement was never signed by both parties: no duty to breach"
                            .to_owned(),
                    ));
                }
                let after_termination = a.terminated.as_ref().is_some_and(|(on, _)| *on <= day);
                a.breaches.push(Breach {
                    id: breach_id.clone(),
                    description: description.clone(),
                    on: day,
                    after_termination,
                    actions: Vec::new(),
                });
            }
            VolunteerEvent::BreachActionTaken {
                breach_id,
                action,
                group_id,
                note,
            } => {
                if *action == BreachAction::RemoveFromGroup {
                    let Some(g) = group_id else {
                        return Err(VolunteerError::InvalidInput { field: "group_id", reason: "name the group the volunteer is removed from [agreement-breach-actions]".to_owned() });
                    };
                    // Removal ends the deployment to that group.
                    self.deployments.remove(g);
                }
                let Some(b) = self
                    .agreements
                    .iter_mut()
                    .flat_map(|a| a.breaches.iter_mut())
                    .find(|b| b.id == *breach_id)
                else {
                    return Err(refuse(
                        "agreement-breach-actions",
                        format!("no breach {breach_id:?}"),
                    ));
                };
                b.actions.push(BreachActionRecord {
                    action: *action,
                    by: actor.id.clone(),
                    on: day,
                    group_id: group_id.clone(),
                    note: note.clone(),
                });
            }
            VolunteerEvent::AcquaintanceDeclared { client_id } => {
                self.acquaintances.insert(client_id.clone());
            }
            VolunteerEvent::Commended { .. } => {
                self.commendations = self.commendations.saturating_add(1)
            }
            VolunteerEvent::Ended { .. } => {
                self.ended = true;
                self.deployments.clear();
            }
        }
        Ok(())
    }

    fn agreement_mut(&mut self, id: &str) -> Option<&mut AgreementRecord> {
        self.agreements.iter_mut().find(|a| a.agreement.id == id)
    }

    /// The volunteer's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The registration form.
    pub fn registration(&self) -> &VolunteerRegistration {
        &self.registration
    }

    /// The kinds (positions) of the volunteer.
    pub fn kinds(&self) -> &[VolunteerKind] {
        &self.registration.positions
    }

    /// The history, oldest first.
    pub fn history(&self) -> &[VolunteerRecord] {
        &self.history
    }

    /// The agreements, in the order drafted.
    pub fn agreements(&self) -> &[AgreementRecord] {
        &self.agreements
    }

    /// One agreement by id.
    pub fn agreement(&self, id: &str) -> Option<&AgreementRecord> {
        self.agreements.iter().find(|a| a.agreement.id == id)
    }

    /// An agreement in force on `date`, if any.
    pub fn agreement_in_force_on(&self, date: NaiveDate) -> Option<&AgreementRecord> {
        self.agreements
            .iter()
            .find(|a| matches!(a.status_on(date), AgreementStatus::InForce { .. }))
    }

    /// The status of the volunteer's agreement on `date`: in force if any is, else the most
    /// recent one's status, else `None` (no agreement at all).
    pub fn agreement_status_on(&self, date: NaiveDate) -> Option<AgreementStatus> {
        if let Some(a) = self.agreement_in_force_on(date) {
            return Some(a.status_on(date));
        }
        self.agreements.last().map(|a| a.status_on(date))
    }

    /// Whether the volunteer owes confidentiality under any agreement, ended or not.
    pub fn duty_of_confidentiality(&self) -> bool {
        self.agreements
            .iter()
            .any(AgreementRecord::duty_of_confidentiality)
    }

    /// The groups the volunteer is deployed to.
    pub fn deployments(&self) -> &BTreeSet<String> {
        &self.deployments
    }

    /// The clients the volunteer declared they know.
    pub fn acquaintances(&self) -> &BTreeSet<String> {
        &self.acquaintances
    }

    /// The volunteer's stage (`[volunteer-lifecycle]`), as of the last event.
    pub fn stage(&self) -> VolunteerStage {
        let day = self.history.last().map(|r| china_date(r.occurred_at));
        if self.ended {
            VolunteerStage::Ended
        } else if self.screened == Some(false) {
            VolunteerStage::Rejected
        } else if !self.deployments.is_empty() {
            VolunteerStage::Deployed
        } else if self
            .agreements
            .iter()
            .any(|a| a.signed_on().is_some() && a.terminated.is_none())
            || day.is_some_and(|d| self.agreement_in_force_on(d).is_some())
        {
            VolunteerStage::AgreementSigned
        } else if self.trained {
            VolunteerStage::Trained
        } else if self.screened == Some(true) {
            VolunteerStage::Screened
        } else {
            VolunteerStage::Registered
        }
    }

    /// Times commended.
    pub fn commendations(&self) -> u32 {
        self.commendations
    }
}
