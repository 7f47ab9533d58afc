//! The guards: each event checked against the rules, then applied to a copy of the state.
//!
//! [`CaseState::step`] works on a clone; the caller keeps the clone only when every guard
//! passed, so a refused event leaves the case exactly as it was.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};

use super::chain::RecordedEvent;
use super::consent::{ConsentCapacity, ConsentPurpose, GUARDIAN_CONSENT_BELOW_AGE};
use super::error::CaseError;
use super::event::{
    AssessmentStep, Decision, EvaluationKind, EventKind, InterventionKind, MeetingKind, Strategy,
};
use super::forms::CaseForm;
use super::number::CaseNumber;

use super::state::{CaseState, DecisionRecord, Submission, Warning};
use super::types::{china_date, Role, Source, Stage};
use crate::identity::grouping_key;

/// Consultations on one topic beyond which a warning is recorded (`[consult-max-3]`).
pub const CONSULTATIONS_PER_TOPIC: u32 = 3;

/// Stages in which the case is accepted for work but not yet closing.
pub(super) const ACTIVE: &[Stage] = &[
    Stage::Intake,
    Stage::Opened,
    Stage::Planned,
    Stage::Intervening,
    Stage::Evaluating,
];

/// Stages in which the case is open (opened, not yet closing).
pub(super) const OPEN: &[Stage] = &[
    Stage::Opened,
    Stage::Planned,
    Stage::Intervening,
    Stage::Evaluating,
];

/// Stages before closing in which the client can still be met or withdraw.
pub(super) const NOT_ENDED: &[Stage] = &[
    Stage::Consultation,
    Stage::ReferralInReview,
    Stage::Intake,
    Stage::Opened,
    Stage::Planned,
    Stage::Intervening,
    Stage::Evaluating,
];

pub(super) struct Guard<'a> {
    /// The case, formatted only into an error (two strings an event were a tenth of a replay's
    /// guard time).
    pub(super) case: &'a CaseNumber,
    pub(super) seq: u64,
    pub(super) event: &'static str,
    pub(super) stage: Stage,
    pub(super) new: &'a RecordedEvent,
}

impl Guard<'_> {
    pub(super) fn refuse(&self, rule: &'static str, reason: impl Into<String>) -> CaseError {
        CaseError::Refused {
            case: self.case.to_string(),
            seq: self.seq,
            event: self.event,
            stage: self.stage,
            rule,
            reason: reason.into(),
        }
    }

    pub(super) fn stage_in(&self, allowed: &[Stage], rule: &'static str) -> Result<(), CaseError> {
        if allowed.contains(&self.stage) {
            Ok(())
        } else {
            let names: Vec<&str> = allowed.iter().map(|s| s.name()).collect();
            Err(self.refuse(
                rule,
                format!("only allowed at stage {}", names.join(" or ")),
            ))
        }
    }

    pub(super) fn required(
        &self,
        field: &'static str,
        value: &str,
        rule: &str,
    ) -> Result<(), CaseError> {
        if value.trim().is_empty() {
            let suffix = if rule.is_empty() {
                String::new()
            } else {
                format!(" [{rule}]")
            };
            Err(CaseError::invalid(
                &self.case.to_string(),
                field,
                format!("{field} must not be empty{suffix}"),
            ))
        } else {
            Ok(())
        }
    }

    pub(super) fn invalid(&self, field: &'static str, reason: String) -> CaseError {
        CaseError::invalid(&self.case.to_string(), field, reason)
    }

    /// An identifier: not empty and without surrounding whitespace, so that it compares
    /// exactly (two empty ids must never match each other). The message names the field,
    /// never the value.
    pub(super) fn identifier(
        &self,
        field: &'static str,
        value: &str,
        rule: &str,
    ) -> Result<(), CaseError> {
        self.required(field, value, rule)?;
        if value.trim() != value {
            let suffix = if rule.is_empty() {
                String::new()
            } else {
                format!(" [{rule}]")
            };
            return Err(CaseError::invalid(
                &self.case.to_string(),
                field,
                format!("{field} must not begin or end with whitespace{suffix}"),
            ));
        }
        Ok(())
    }

    /// Refuses an event dated before the moment it answers (a submission before what it
    /// submits, a decision before its submission, a reply before its decision).
    pub(super) fn not_before(
        &self,
        earlier: Option<DateTime<FixedOffset>>,
        what: &str,
        rule: &'static str,
    ) -> Result<(), CaseError> {
        match earlier {
            Some(e) if self.new.occurred_at < e => Err(self.refuse(
                rule,
                format!("dated {} before {what} at {e}", self.new.occurred_at),
            )),
            _ => Ok(()),
        }
    }
}

/// Builds the state of a new case from its first event.
pub(super) fn start(new: &RecordedEvent) -> Result<CaseState, CaseError> {
    let EventKind::Received {
        case_number,
        client,
        source,
        channel,
        topic,
    } = &new.event
    else {
        return Err(CaseError::NotStarted {
            first: Some(new.event.name()),
        });
    };
    check_times(case_number, 1, new, None, None)?;
    let guard = Guard {
        case: case_number,
        seq: 1,
        event: "received",
        stage: Stage::Consultation,
        new,
    };
    guard.identifier("client.id", &client.id, "")?;
    guard.identifier("actor.id", &new.actor.id, "records-authentic")?;
    guard.required("client.name", &client.name, "")?;
    guard.required("topic", topic, "")?;
    if let Source::ReferredIn { referrer, .. } = source {
        guard.required("source.referrer", referrer, "source-kinds")?;
    }
    let mut escalations_pending = Vec::new();
    if let Source::VolunteerEscalation {
        volunteer,
        condition,
    } = source
    {
        guard.identifier("source.volunteer", volunteer, "medical-escalation")?;
        guard.required("source.condition", condition, "medical-escalation")?;
        escalations_pending.push(new.occurred_at);
    }
    if let Some(birth) = client.date_of_birth {
        if !crate::identity::born_by(birth, china_date(new.occurred_at)) {
            return Err(guard.invalid(
                "client.date_of_birth",
                format!("date of birth {birth} is after the case was received"),
            ));
        }
    }
    let stage = match source {
        Source::ReferredIn { .. } => Stage::ReferralInReview,
        _ => Stage::Consultation,
    };
    let mut forms = BTreeSet::new();
    forms.extend(CaseForm::implied_by(&new.event));
    Ok(CaseState {
        rules: crate::history::RULES_VERSION,
        case_number: case_number.clone(),
        client: client.clone(),
        source: source.clone(),
        channel: *channel,
        topic: topic.clone(),
        stage,
        reached: BTreeSet::from([stage]),
        received_at: new.occurred_at,
        crisis: false,
        crisis_reported: false,
        worker: new.actor.id.clone(),
        opened_at: None,
        opening: None,
        consents: Default::default(),
        consultations: BTreeMap::new(),
        replied: false,
        assessments: 0,
        plan: None,
        intervention: None,
        evaluations: Vec::new(),
        closing: None,
        closed_at: None,
        referrals_out: Vec::new(),
        sub_plans: Vec::new(),
        last_contact_at: new.occurred_at,
        sessions: 0,
        home_visits: 0,
        follow_ups: 0,
        reopened: 0,
        forms,
        warnings: Vec::new(),
        stage_since: Some(new.occurred_at),
        crisis_declared_at: None,
        acted_as_worker: if new.actor.role == Role::Worker {
            BTreeSet::from([new.actor.id.clone()])
        } else {
            BTreeSet::new()
        },
        rights_informed_at: None,
        interviewed: false,
        interviewed_at: None,
        first_assessed_at: None,
        planned_at: None,
        closing_announced: None,
        escalations_pending,
    })
}

/// The rule that makes an event a step the social worker owes (domain §2 and §9: the worker
/// replies, opens, submits the opening record, meets, assesses, plans, informs, announces the
/// closing date, reports a crisis, writes the closing report, follows up), or `None` for an
/// event others may record too (a consent, a withdrawal, a note, a contact, a decision…).
fn worker_step(event: &EventKind) -> Option<&'static str> {
    Some(match event {
        EventKind::NotOpened { .. } | EventKind::ConsultationReplied { .. } => "consult-reply-5wd",
        EventKind::ReferralDeclineReplied { .. } => "refer-in-reply-5wd",
        EventKind::Opened { .. } => "open-consent",
        EventKind::OpeningSubmitted { .. } => "open-approval-5wd",
        EventKind::Met { .. } => "open-meet-10wd",
        EventKind::AssessmentCompleted { .. } => "assessment-steps",
        EventKind::PlanAgreed { .. } => "plan-contents",
        EventKind::RightsInformed { .. } => "inform-rights",
        EventKind::ClosingDateAnnounced { .. } => "close-advance-notice",
        EventKind::CrisisReported { .. } => "crisis-immediate",
        EventKind::ClosingReportSubmitted { .. } => "close-report-3wd",
        EventKind::FollowedUp { .. } => "followup-after-close",
        _ => return None,
    })
}

/// Since rules version 4, the worker's other decisions in a case, recorded by a social worker
/// too (002 第三十二条: the worker terminates the service and writes the closing report;
/// 第三十三条(四): the worker issues the referral form): the rule each one answers to.
/// Withdrawal, consents, contacts, notes and forms stay open to other roles.
fn worker_decision(event: &EventKind) -> Option<&'static str> {
    Some(match event {
        EventKind::Reopened { .. } => "open-consent",
        EventKind::InterventionStarted { .. } => "intervention-kinds",
        EventKind::EvaluationRecorded { .. } => "evaluation-kinds",
        EventKind::ClosingProposed { .. } => "close-types",
        EventKind::Terminated { .. } => "terminate-report",
        EventKind::ReferredOut { .. } => "refer-out-consent",
        _ => return None,
    })
}

impl CaseState {
    /// Rules version 4: a crisis is reported to a supervisor who is not the case's worker,
    /// and a step is not dated before the step it follows (an opening before the first
    /// interview, a plan before the first assessment, an intervention before the plan, a
    /// follow-up or a reopening before the closing), each judged from the case's own history.
    fn check_v4(&self, g: &Guard<'_>, new: &RecordedEvent) -> Result<(), CaseError> {
        match &new.event {
            EventKind::CrisisReported { supervisor, .. }
                if *supervisor == new.actor.id
                    || *supervisor == self.worker
                    || self.acted_as_worker.contains(supervisor) =>
            {
                return Err(g.refuse(
                    "crisis-immediate",
                    "a crisis is reported to a supervisor, not to the case's own worker",
                ));
            }
            EventKind::Opened { .. } if !self.crisis => g.not_before(
                self.interviewed_at,
                "the first interview",
                "open-after-interview",
            )?,
            EventKind::PlanAgreed { .. } => g.not_before(
                self.first_assessed_at,
                "the first assessment",
                "assessment-steps",
            )?,
            EventKind::InterventionStarted { strategies, .. }
                if !(self.crisis && strategies.contains(&Strategy::CrisisIntervention)) =>
            {
                g.not_before(self.planned_at, "the plan it carries out", "plan-contents")?;
            }
            EventKind::FollowedUp { .. } => {
                g.not_before(self.closed_at, "the closing", "followup-after-close")?;
            }
            EventKind::Reopened { .. } => {
                g.not_before(self.closed_at, "the closing", "open-consent")?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Rules version 3: a step the worker owes is recorded by a social worker, and the opening
    /// record and the closing report by this case's worker (the one who opened it, from the
    /// case's own history, not from what the caller says).
    fn check_worker_step(&self, g: &Guard<'_>, new: &RecordedEvent) -> Result<(), CaseError> {
        let rule = worker_step(&new.event).or_else(|| {
            if self.since_v4() {
                worker_decision(&new.event)
            } else {
                None
            }
        });
        let Some(rule) = rule else {
            return Ok(());
        };
        if new.actor.role != Role::Worker {
            return Err(g.refuse(
                rule,
                format!(
                    "{} is recorded by the social worker, not by a {}",
                    g.event,
                    new.actor.role.zh()
                ),
            ));
        }
        let own = matches!(
            new.event,
            EventKind::OpeningSubmitted { .. } | EventKind::ClosingReportSubmitted { .. }
        );
        if own && self.reached.contains(&Stage::Opened) && new.actor.id != self.worker {
            return Err(g.refuse(
                rule,
                format!(
                    "{} is submitted by the case's own worker, the one who opened it",
                    g.event
                ),
            ));
        }
        Ok(())
    }
}

/// Timestamps: recorded at or after it happened, recorded in order, not before the case.
pub(super) fn check_times(
    case: &CaseNumber,
    seq: u64,
    new: &RecordedEvent,
    previous_recorded: Option<&chrono::DateTime<chrono::FixedOffset>>,
    received_at: Option<&chrono::DateTime<chrono::FixedOffset>>,
) -> Result<(), CaseError> {
    let out_of_order = |reason: String| CaseError::OutOfOrder {
        case: case.to_string(),
        seq,
        reason,
    };
    if new.recorded_at < new.occurred_at {
        return Err(out_of_order(format!(
            "recorded at {} before it happened at {}",
            new.recorded_at, new.occurred_at
        )));
    }
    if let Some(prev) = previous_recorded {
        if new.recorded_at < *prev {
            return Err(out_of_order(format!(
                "recorded at {} before the previous event's recording at {prev}",
                new.recorded_at
            )));
        }
    }
    if let Some(received) = received_at {
        if new.occurred_at < *received {
            return Err(out_of_order(format!(
                "happened at {} before the case was received at {received}",
                new.occurred_at
            )));
        }
    }
    Ok(())
}

impl CaseState {
    /// Checks one event against the rules and applies it to `self` (a clone the caller
    /// discards on error). Returns the warnings recorded with it.
    pub(super) fn step(
        &mut self,
        seq: u64,
        new: &RecordedEvent,
    ) -> Result<Vec<Warning>, CaseError> {
        // The case number is set aside while the guards hold it, and put back whatever they
        // decide: nothing in a step reads or changes it, and cloning it cost two allocations
        // an event (a tenth of a replay's allocations).
        let case_number = std::mem::replace(&mut self.case_number, CaseNumber::set_aside());
        let result = self.step_for(&case_number, seq, new);
        self.case_number = case_number;
        result
    }

    /// [`CaseState::step`] with the case number held apart.
    fn step_for(
        &mut self,
        case_number: &CaseNumber,
        seq: u64,
        new: &RecordedEvent,
    ) -> Result<Vec<Warning>, CaseError> {
        let g = Guard {
            case: case_number,
            seq,
            event: new.event.name(),
            stage: self.stage,
            new,
        };
        let at = new.occurred_at;
        let v2 = self.since_v2();
        let stage_before = self.stage;
        let mut warnings = Vec::new();
        if v2 {
            g.identifier("actor.id", &new.actor.id, "records-authentic")?;
            // [open-consent] holds for the whole service: once a case has been opened, no
            // service event is accepted without a live consent to the service.
            if self.reached.contains(&Stage::Opened)
                && self.consents.live_service().is_none()
                && if self.since_v4() {
                    new.event.is_service_since_v4(self.crisis)
                } else {
                    new.event.is_service(self.crisis)
                }
            {
                return Err(g.refuse(
                    "open-consent",
                    "the client's consent to the service was revoked: no service without a live informed consent (contacts, withdrawal, closing and a new consent remain possible)",
                ));
            }
        }
        if self.since_v3() {
            self.check_worker_step(&g, new)?;
        }
        if self.since_v4() {
            self.check_v4(&g, new)?;
        }
        match &new.event {
            EventKind::Received { .. } => {
                return Err(g.refuse(
                    "source-kinds",
                    "a case is received once, by its first event",
                ))
            }
            EventKind::ConsultationHeld { topic, summary } => {
                g.stage_in(
                    &[Stage::Consultation, Stage::ReferralInReview, Stage::Intake],
                    "consult-max-3",
                )?;
                g.required("summary", summary, "")?;
                let topic = if topic.trim().is_empty() {
                    self.topic.clone()
                } else {
                    topic.clone()
                };
                // One key per topic, however it was typed ([consult-max-3]).
                let topic = if v2 { grouping_key(&topic) } else { topic };
                self.interviewed = true;
                self.interviewed_at.get_or_insert(at);
                let count = self.consultations.entry(topic.clone()).or_insert(0);
                *count = count.saturating_add(1);
                if *count > CONSULTATIONS_PER_TOPIC {
                    warnings.push(Warning {
                        seq,
                        rule: "consult-max-3".to_owned(),
                        message: format!(
                            "consultation {} on topic {topic:?}: the same client on the same topic is normally served in at most {CONSULTATIONS_PER_TOPIC} consultations",
                            *count
                        ),
                    });
                }
            }
            EventKind::CrisisDeclared { summary } => {
                // A crisis can be declared at any stage; after closing it records the
                // crisis handling on the closed case without reopening it.
                if !v2 {
                    g.stage_in(NOT_ENDED, "crisis-immediate")?;
                }
                g.required("summary", summary, "crisis-immediate")?;
                self.crisis = true;
                self.crisis_reported = false;
                self.crisis_declared_at = Some(at);
            }
            EventKind::CrisisReported {
                to,
                supervisor,
                departments,
            } => {
                if !self.crisis {
                    return Err(g.refuse("crisis-immediate", "no crisis has been declared"));
                }
                if v2 {
                    g.not_before(
                        self.crisis_declared_at,
                        "the crisis it reports",
                        "crisis-immediate",
                    )?;
                    g.identifier("supervisor", supervisor, "crisis-immediate")?;
                    if departments.is_empty() || departments.iter().any(|d| d.trim().is_empty()) {
                        return Err(g.refuse(
                            "crisis-immediate",
                            "a crisis is reported to the supervisor and to the relevant departments: name each department told",
                        ));
                    }
                } else if to.iter().all(|t| t.trim().is_empty()) {
                    return Err(g.invalid(
                        "to",
                        "name the supervisor and the relevant departments told [crisis-immediate]"
                            .to_owned(),
                    ));
                }
                self.crisis_reported = true;
            }
            EventKind::NotOpened { reasons } => {
                if v2 {
                    // Not opening is decided after the consultation interview and initial
                    // assessment, which intake (接案) precedes opening, so it remains possible.
                    g.stage_in(&[Stage::Consultation, Stage::Intake], "consult-reply-5wd")?;
                } else {
                    g.stage_in(&[Stage::Consultation], "consult-reply-5wd")?;
                }
                g.required("reasons", reasons, "consult-reply-5wd")?;
                self.enter(Stage::ConsultationCase);
            }
            EventKind::ConsultationReplied { reasons, .. } => {
                g.stage_in(&[Stage::ConsultationCase], "consult-reply-5wd")?;
                if v2 {
                    g.not_before(
                        self.stage_since,
                        "the decision not to open",
                        "consult-reply-5wd",
                    )?;
                }
                if self.replied {
                    return Err(
                        g.refuse("consult-reply-5wd", "the applicant was already replied to")
                    );
                }
                g.required("reasons", reasons, "consult-reply-5wd")?;
                self.replied = true;
            }
            EventKind::ReferralInAssessed {
                within_scope,
                reasons,
            } => {
                g.stage_in(&[Stage::ReferralInReview], "refer-in-meet-10wd")?;
                g.required("reasons", reasons, "refer-in-reply-5wd")?;
                // The first interview at which the worker assesses a referred-in applicant
                // (002 第三十三条(一)) ([open-after-interview]).
                self.interviewed = true;
                self.interviewed_at.get_or_insert(at);
                self.enter(if *within_scope {
                    Stage::Intake
                } else {
                    Stage::ReferralDeclined
                });
            }
            EventKind::ReferralDeclineReplied {
                to_referrer,
                to_applicant,
                reasons,
            } => {
                g.stage_in(&[Stage::ReferralDeclined], "refer-in-reply-5wd")?;
                if v2 {
                    g.not_before(
                        self.stage_since,
                        "the referral's assessment",
                        "refer-in-reply-5wd",
                    )?;
                }
                if self.replied {
                    return Err(
                        g.refuse("refer-in-reply-5wd", "the written reply was already sent")
                    );
                }
                if !(*to_referrer && *to_applicant) {
                    return Err(g.refuse(
                        "refer-in-reply-5wd",
                        "the written reply goes to both the referrer and the applicant",
                    ));
                }
                g.required("reasons", reasons, "refer-in-reply-5wd")?;
                self.replied = true;
            }
            EventKind::IntakeAccepted { summary } => {
                g.stage_in(&[Stage::Consultation], "records-required")?;
                g.required("summary", summary, "")?;
                self.enter(Stage::Intake);
            }
            EventKind::ConsentGiven { consent } => {
                if matches!(
                    self.stage,
                    Stage::ConsultationCase | Stage::ReferralDeclined
                ) {
                    return Err(g.refuse("open-consent", "the case was not taken on"));
                }
                if v2 {
                    g.identifier("consent.id", &consent.id, "open-consent")?;
                } else {
                    g.required("consent.id", &consent.id, "")?;
                }
                g.required("consent.given_by", &consent.given_by, "open-consent")?;
                let rule = match consent.purpose {
                    ConsentPurpose::Referral { .. } => "refer-out-consent",
                    _ => "open-consent",
                };
                if let ConsentPurpose::Referral { receiver } = &consent.purpose {
                    g.required("consent.purpose.receiver", receiver, rule)?;
                }
                if self.consents.get(&consent.id).is_some() {
                    return Err(g.invalid(
                        "consent.id",
                        format!("a consent with id {:?} is already on record", consent.id),
                    ));
                }
                let day = china_date(at);
                if let Some(age) = self.client.age_on(day) {
                    if age < GUARDIAN_CONSENT_BELOW_AGE
                        && consent.capacity != ConsentCapacity::Guardian
                    {
                        return Err(g.refuse(
                            rule,
                            format!(
                                "the client is {age} on {day}: under {GUARDIAN_CONSENT_BELOW_AGE}, consent must come from a guardian"
                            ),
                        ));
                    }
                }
                self.consents.push(consent.clone(), at);
            }
            EventKind::ConsentRevoked { consent_id, reason } => {
                g.required("reason", reason, "")?;
                if v2 {
                    g.identifier("consent_id", consent_id, "open-consent")?;
                    let given = self.consents.get(consent_id).map(|r| r.given_at);
                    g.not_before(given, "the consent it revokes", "open-consent")?;
                }
                if !self.consents.revoke(consent_id, at, reason) {
                    return Err(g.invalid(
                        "consent_id",
                        format!("no live consent with id {consent_id:?}"),
                    ));
                }
            }
            EventKind::Opened { summary } => {
                g.stage_in(&[Stage::Consultation, Stage::Intake], "open-consent")?;
                g.required("summary", summary, "")?;
                if self.consents.live_service().is_none() {
                    return Err(g.refuse("open-consent", "no signed informed consent"));
                }
                if v2 {
                    let signed_by_then = self.consents.records().iter().any(|r| {
                        r.is_live()
                            && r.consent.purpose == ConsentPurpose::Service
                            && r.given_at <= at
                    });
                    if !signed_by_then {
                        return Err(g.refuse(
                            "open-consent",
                            "the opening is dated before the informed consent was signed",
                        ));
                    }
                    if !self.crisis && !self.interviewed {
                        return Err(g.refuse(
                            "open-after-interview",
                            "a case is opened after the first consultation interview (a crisis case excepted): no interview is on record",
                        ));
                    }
                    if !self.crisis && self.rights_informed_at.is_none_or(|t| t > at) {
                        return Err(g.refuse(
                            "inform-rights",
                            "the application and withdrawal mechanisms have not been explained to the applicant (002 第三十条)",
                        ));
                    }
                }
                self.open(new);
            }
            EventKind::OpeningSubmitted { supervisor } => {
                g.stage_in(&[Stage::Opened], "open-approval-5wd")?;
                g.required("supervisor", supervisor, "open-approval-5wd")?;
                if v2 {
                    g.identifier("supervisor", supervisor, "open-approval-5wd")?;
                    g.not_before(
                        self.opened_at,
                        "the opening it submits",
                        "open-approval-5wd",
                    )?;
                    if *supervisor == new.actor.id || self.acted_as_worker.contains(supervisor) {
                        return Err(g.refuse(
                            "open-approval-5wd",
                            "the opening record goes to a first-line supervisor who has not acted as this case's worker",
                        ));
                    }
                }
                if let Some(sub) = &self.opening {
                    match &sub.decision {
                        None => {
                            return Err(g.refuse(
                                "open-approval-5wd",
                                "the opening record awaits its decision",
                            ))
                        }
                        Some(d) if d.decision.is_approved() => {
                            return Err(
                                g.refuse("open-approval-5wd", "the opening was already approved")
                            )
                        }
                        Some(_) => {}
                    }
                }
                self.opening = Some(Submission {
                    submitted_by: new.actor.id.clone(),
                    submitted_at: at,
                    submitted_to: supervisor.clone(),
                    decision: None,
                });
            }
            EventKind::OpeningDecided { decision } => {
                g.stage_in(&[Stage::Opened], "open-approval-5wd")?;
                let Some(sub) = self.opening.as_mut().filter(|s| s.decision.is_none()) else {
                    return Err(
                        g.refuse("open-approval-5wd", "no opening record awaits a decision")
                    );
                };
                let approver = Approver::Person(Role::FirstLineSupervisor);
                decide(
                    &g,
                    sub,
                    decision,
                    "open-approval-5wd",
                    v2.then_some((approver, &self.acted_as_worker)),
                )?;
            }
            EventKind::Met { kind, summary } => {
                g.stage_in(
                    &[
                        Stage::Consultation,
                        Stage::ReferralInReview,
                        Stage::Intake,
                        Stage::Opened,
                        Stage::Planned,
                        Stage::Intervening,
                        Stage::Evaluating,
                        Stage::Closing,
                    ],
                    "open-meet-10wd",
                )?;
                g.required("summary", summary, "")?;
                match kind {
                    MeetingKind::Session => self.sessions = self.sessions.saturating_add(1),
                    MeetingKind::HomeVisit => self.home_visits = self.home_visits.saturating_add(1),
                }
            }
            EventKind::Contacted { summary, .. } => {
                g.stage_in(
                    &[
                        NOT_ENDED,
                        &[
                            Stage::Closing,
                            Stage::ConsultationCase,
                            Stage::ReferralDeclined,
                        ],
                    ]
                    .concat(),
                    "terminate-no-contact-3m",
                )?;
                g.required("summary", summary, "")?;
            }
            EventKind::ContactFailed { .. } | EventKind::NoteAdded { .. } => {}
            EventKind::AssessmentCompleted { assessment } => {
                g.stage_in(
                    &[
                        Stage::Opened,
                        Stage::Planned,
                        Stage::Intervening,
                        Stage::Evaluating,
                    ],
                    "assessment-steps",
                )?;
                let missing: Vec<String> = AssessmentStep::REQUIRED
                    .iter()
                    .filter(|s| !assessment.steps.contains(s))
                    .map(|s| format!("{s:?}"))
                    .collect();
                if !missing.is_empty() {
                    return Err(g.refuse(
                        "assessment-steps",
                        format!("the assessment lacks the steps {}", missing.join(", ")),
                    ));
                }
                g.required(
                    "assessment.problem",
                    &assessment.problem,
                    "assessment-steps",
                )?;
                g.required("assessment.report", &assessment.report, "assessment-steps")?;
                self.assessments = self.assessments.saturating_add(1);
                self.first_assessed_at.get_or_insert(at);
            }
            EventKind::PlanAgreed { plan } => {
                g.stage_in(
                    &[
                        Stage::Opened,
                        Stage::Planned,
                        Stage::Intervening,
                        Stage::Evaluating,
                    ],
                    "plan-contents",
                )?;
                if !self.opening_approved() {
                    return Err(g.refuse(
                        "open-approval-5wd",
                        "the opening record has not been approved by the first-line supervisor",
                    ));
                }
                if v2 {
                    let approved_at = self
                        .opening
                        .as_ref()
                        .and_then(|s| s.decision.as_ref())
                        .map(|d| d.decided_at);
                    g.not_before(approved_at, "the opening's approval", "open-approval-5wd")?;
                }
                if self.assessments == 0 {
                    return Err(g.refuse("assessment-steps", "no assessment has been completed"));
                }
                let mut lacking = Vec::new();
                if plan.goals.iter().all(|x| x.trim().is_empty()) {
                    lacking.push("goals");
                }
                if plan.strategies.iter().all(|x| x.trim().is_empty()) {
                    lacking.push("strategies");
                }
                if plan.timetable.iter().all(|x| x.trim().is_empty()) {
                    lacking.push("a timetable");
                }
                if !plan.client_participated {
                    lacking.push("the client's participation");
                }
                if !plan.agreement_signed {
                    lacking.push("a signed service agreement (服务协议)");
                }
                if !lacking.is_empty() {
                    return Err(g.refuse(
                        "plan-contents",
                        format!("the plan lacks {}", lacking.join(", ")),
                    ));
                }
                self.plan = Some(plan.clone());
                self.planned_at = Some(at);
                if self.stage == Stage::Opened {
                    self.enter(Stage::Planned);
                }
            }
            EventKind::InterventionStarted { kind, strategies } => {
                check_strategies(&g, *kind, strategies)?;
                let crisis_track = self.crisis
                    && strategies.contains(&Strategy::CrisisIntervention)
                    && NOT_ENDED.contains(&self.stage);
                if !crisis_track {
                    g.stage_in(&[Stage::Planned, Stage::Evaluating], "plan-contents")?;
                }
                self.intervention = Some(*kind);
                self.enter(Stage::Intervening);
            }
            EventKind::EvaluationRecorded { evaluation } => {
                let allowed: &[Stage] = match evaluation.kind {
                    EvaluationKind::Process => &[Stage::Intervening],
                    EvaluationKind::Outcome => &[Stage::Intervening, Stage::Evaluating],
                };
                g.stage_in(allowed, "evaluation-kinds")?;
                if evaluation.methods.is_empty() {
                    return Err(g.invalid(
                        "evaluation.methods",
                        "name at least one evaluation method [evaluation-kinds]".to_owned(),
                    ));
                }
                if let Some(ga) = evaluation.goals_attained {
                    if ga.attained > ga.total {
                        return Err(g.invalid(
                            "evaluation.goals_attained",
                            format!(
                                "{} goals attained out of {} [evaluation-kinds]",
                                ga.attained, ga.total
                            ),
                        ));
                    }
                }
                g.required(
                    "evaluation.summary",
                    &evaluation.summary,
                    "evaluation-kinds",
                )?;
                self.evaluations.push(evaluation.kind);
                if evaluation.kind == EvaluationKind::Outcome {
                    self.enter(Stage::Evaluating);
                }
            }
            EventKind::ClientEvaluationReceived { .. }
            | EventKind::ClosingProposed { .. }
            | EventKind::Withdrawn { .. }
            | EventKind::Terminated { .. }
            | EventKind::ReferredOut { .. }
            | EventKind::ClosingReportSubmitted { .. }
            | EventKind::ClosingDecided { .. }
            | EventKind::FollowedUp { .. }
            | EventKind::Reopened { .. }
            | EventKind::SubPlanAdded { .. }
            | EventKind::SubPlanUpdated { .. } => warnings.extend(self.step_closing(&g, seq)?),
            EventKind::FormFiled { .. } => {}
            EventKind::RightsInformed { summary, .. } => {
                g.stage_in(NOT_ENDED, "inform-rights")?;
                g.required("summary", summary, "inform-rights")?;
                if self.rights_informed_at.is_none_or(|t| at < t) {
                    self.rights_informed_at = Some(at);
                }
            }
            EventKind::ClosingDateAnnounced { date, .. } => {
                g.stage_in(OPEN, "close-advance-notice")?;
                if *date < china_date(at) {
                    return Err(g.invalid(
                        "date",
                        "the closing date is announced in advance: it cannot be before the announcement [close-advance-notice]".to_owned(),
                    ));
                }
                self.closing_announced = Some(*date);
            }
            EventKind::EscalationRecorded {
                volunteer,
                condition,
            } => {
                if matches!(
                    new.actor.role,
                    Role::Client | Role::Guardian | Role::RelevantDepartment
                ) {
                    return Err(g.refuse(
                        "medical-escalation",
                        "an escalation is recorded by the volunteer or the social worker told",
                    ));
                }
                g.identifier("volunteer", volunteer, "medical-escalation")?;
                g.required("condition", condition, "medical-escalation")?;
                self.escalations_pending.push(at);
            }
            EventKind::EscalationAssessed { summary, .. } => {
                if new.actor.role != Role::Worker {
                    return Err(g.refuse(
                        "medical-escalation",
                        format!(
                            "the social worker assesses an escalation, not a {}",
                            new.actor.role.zh()
                        ),
                    ));
                }
                let Some(first) = self.escalations_pending.first().copied() else {
                    return Err(g.refuse("medical-escalation", "no escalation awaits assessment"));
                };
                g.not_before(
                    Some(first),
                    "the escalation it assesses",
                    "medical-escalation",
                )?;
                g.required("summary", summary, "medical-escalation")?;
                self.escalations_pending.retain(|t| *t > at);
            }
        }
        if new.event.is_contact() && at > self.last_contact_at {
            self.last_contact_at = at;
        }
        // Looked up before inserting: a worker's id is allocated once, not at every event.
        if v2 && new.actor.role == Role::Worker && !self.acted_as_worker.contains(&new.actor.id) {
            self.acted_as_worker.insert(new.actor.id.clone());
        }
        if self.stage != stage_before {
            // Rules version 6: a move to another stage follows the one it leaves in time.
            // (The message is written only for a refusal: it was three allocations a history.)
            if self.rules >= 6 && self.stage_since.is_some_and(|since| at < since) {
                g.not_before(
                    self.stage_since,
                    &format!(
                        "the case entered the stage it leaves ({})",
                        stage_before.name()
                    ),
                    "records-authentic",
                )?;
            }
            self.stage_since = Some(at);
        }
        self.forms.extend(CaseForm::implied_by(&new.event));
        self.warnings.extend(warnings.iter().cloned());
        Ok(warnings)
    }

    pub(super) fn enter(&mut self, stage: Stage) {
        self.stage = stage;
        self.reached.insert(stage);
    }

    pub(super) fn open(&mut self, new: &RecordedEvent) {
        self.worker = new.actor.id.clone();
        self.opened_at = Some(new.occurred_at);
        self.opening = None;
        self.enter(Stage::Opened);
    }

    /// Whether the opening record has been approved.
    pub fn opening_approved(&self) -> bool {
        self.opening
            .as_ref()
            .and_then(|s| s.decision.as_ref())
            .is_some_and(|d| d.decision.is_approved())
    }
}

/// Who may decide on a submission, since rules version 2.
#[derive(Clone, Copy)]
pub(super) enum Approver {
    /// The person the submission named, acting in this role.
    Person(Role),
    /// Anyone holding the role the submission went to.
    Role,
}

/// Records a supervisor's decision on a submission, checking who may decide. `strict` (rules
/// version 2 and later) names who may decide and the persons who acted as the case's worker,
/// none of whom may decide; the decision is not dated before its submission.
pub(super) fn decide(
    g: &Guard<'_>,
    sub: &mut Submission,
    decision: &Decision,
    rule: &'static str,
    strict: Option<(Approver, &BTreeSet<String>)>,
) -> Result<(), CaseError> {
    let actor = &g.new.actor;
    if let Some((approver, workers)) = strict {
        g.not_before(Some(sub.submitted_at), "the submission it decides", rule)?;
        if workers.contains(&actor.id) {
            return Err(g.refuse(
                rule,
                "a person who acted as this case's worker cannot decide on its submissions",
            ));
        }
        match approver {
            Approver::Person(role) => {
                if actor.id != sub.submitted_to || actor.role != role {
                    return Err(g.refuse(
                        rule,
                        format!(
                            "the decision comes from the {} the submission named",
                            role.zh()
                        ),
                    ));
                }
            }
            Approver::Role => {
                if actor.role.name() != sub.submitted_to {
                    return Err(g.refuse(
                        rule,
                        format!(
                            "the submission went to the {}: a {} cannot decide on it",
                            sub.submitted_to,
                            actor.role.zh()
                        ),
                    ));
                }
            }
        }
    }
    if !actor.role.is_supervisory() {
        return Err(g.refuse(
            rule,
            format!(
                "a {} cannot decide on a submission; a supervisor decides",
                actor.role.zh()
            ),
        ));
    }
    if actor.id == sub.submitted_by {
        return Err(g.refuse(rule, "a worker cannot approve their own submission"));
    }
    if let Decision::Returned { comments } = decision {
        g.required("decision.comments", comments, rule)?;
    }
    sub.decision = Some(DecisionRecord {
        decided_by: actor.id.clone(),
        role: actor.role,
        decided_at: g.new.occurred_at,
        decision: decision.clone(),
    });
    Ok(())
}

/// Intervention kinds and strategies must agree (`[intervention-kinds]`).
fn check_strategies(
    g: &Guard<'_>,
    kind: InterventionKind,
    strategies: &[Strategy],
) -> Result<(), CaseError> {
    let direct = strategies.iter().filter(|s| s.is_direct()).count();
    let indirect = strategies.len().saturating_sub(direct);
    let ok = match kind {
        InterventionKind::Direct => direct > 0 && indirect == 0,
        InterventionKind::Indirect => indirect > 0 && direct == 0,
        InterventionKind::Combined => direct > 0 && indirect > 0,
    };
    if ok {
        Ok(())
    } else {
        Err(g.invalid(
            "strategies",
            format!(
                "a {kind:?} intervention needs {} strategies; got {direct} direct and {indirect} indirect [intervention-kinds]",
                match kind {
                    InterventionKind::Direct => "only direct",
                    InterventionKind::Indirect => "only indirect",
                    InterventionKind::Combined => "both direct and indirect",
                }
            ),
        ))
    }
}
