//! The state of a case, derived by replaying its history.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::consent::ConsentLedger;
use super::event::{
    ClosingType, Decision, EvaluationKind, InterventionKind, Referral, ServicePlan, SubPlan,
    SubPlanStatus, TerminationGround,
};
use super::forms::CaseForm;
use super::number::CaseNumber;
use super::types::{Channel, Client, Role, Source, Stage};

/// A non-refusing finding recorded with an event, e.g. a fourth consultation on one topic
/// (`[consult-max-3]`: the source says "normally", so it warns rather than refuses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// The event it concerns.
    pub seq: u64,
    /// The rule behind it.
    pub rule: String,
    /// What was found.
    pub message: String,
}

/// A submission to a supervisor and its decision (the opening record, the closing report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The actor who submitted.
    pub submitted_by: String,
    /// When (the event's moment).
    pub submitted_at: DateTime<FixedOffset>,
    /// To whom: an actor id for the opening record, a role for the closing report.
    pub submitted_to: String,
    /// The decision, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionRecord>,
}

/// A recorded decision on a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    /// Who decided.
    pub decided_by: String,
    /// In which role.
    pub role: Role,
    /// When.
    pub decided_at: DateTime<FixedOffset>,
    /// The decision.
    pub decision: Decision,
}

/// Why a case is closing, and the closing report's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClosingReason {
    /// One of the closing types of 002 第二十四条 (`[close-types]`).
    Type {
        /// The type.
        closing_type: ClosingType,
    },
    /// Voluntary withdrawal (`[withdraw-any-stage]`).
    Withdrawn {
        /// The recorded reason.
        reason: String,
    },
    /// Termination (适时终止).
    Terminated {
        /// The ground.
        ground: TerminationGround,
    },
    /// Referral out that ends the agency's service.
    ReferredOut {
        /// The receiver.
        receiver: String,
    },
}

/// The closing of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// Why the case is closing.
    pub reason: ClosingReason,
    /// When closing began (the event that started it).
    pub started_at: DateTime<FixedOffset>,
    /// The closing report, once submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Submission>,
}

/// A referral out as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralRecord {
    /// The event that made it.
    pub seq: u64,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The referral.
    pub referral: Referral,
}

/// A sub-plan and its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubPlanState {
    /// The sub-plan.
    pub sub_plan: SubPlan,
    /// Its current status.
    pub status: SubPlanStatus,
}

/// Everything the history says about a case now. Derived: [`Case::replay`](super::Case::replay)
/// rebuilds it from the events alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseState {
    /// The rules version in force for the event being checked (and, after it, the last
    /// event's): guards added in version *n* apply only when this is at least *n*
    /// (see [`crate::history`]).
    #[serde(default = "crate::history::v1")]
    pub rules: u32,
    /// The case number.
    pub case_number: CaseNumber,
    /// The client.
    pub client: Client,
    /// How the client came.
    pub source: Source,
    /// How the application arrived.
    pub channel: Channel,
    /// The topic of the request.
    pub topic: String,
    /// The current stage.
    pub stage: Stage,
    /// Every stage the case has been in.
    pub reached: BTreeSet<Stage>,
    /// When the case was received.
    pub received_at: DateTime<FixedOffset>,
    /// Whether a crisis was declared (危机个案).
    pub crisis: bool,
    /// Whether the crisis has been reported.
    pub crisis_reported: bool,
    /// The worker responsible: the actor who opened the case (or received it, before opening).
    pub worker: String,
    /// When the case was (last) opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_at: Option<DateTime<FixedOffset>>,
    /// The opening record's submission and decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<Submission>,
    /// The consent ledger.
    pub consents: ConsentLedger,
    /// Consultations held, per topic.
    pub consultations: BTreeMap<String, u32>,
    /// Whether the applicant of a consultation case, or the referrer of a declined referral,
    /// has been replied to.
    pub replied: bool,
    /// Assessments completed.
    pub assessments: u32,
    /// The agreed service plan, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<ServicePlan>,
    /// The current intervention kind, if intervention began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervention: Option<InterventionKind>,
    /// The evaluations recorded, by kind.
    pub evaluations: Vec<EvaluationKind>,
    /// The closing in progress or done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Closing>,
    /// When the case was (last) closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// Referrals out.
    pub referrals_out: Vec<ReferralRecord>,
    /// Case-management sub-plans.
    pub sub_plans: Vec<SubPlanState>,
    /// The last real contact with the client (`[terminate-no-contact-3m]`).
    pub last_contact_at: DateTime<FixedOffset>,
    /// Sessions (会谈) held.
    pub sessions: u32,
    /// Home visits (探访) made.
    pub home_visits: u32,
    /// Follow-ups after closing.
    pub follow_ups: u32,
    /// Times the case was reopened.
    pub reopened: u32,
    /// Forms on file.
    pub forms: BTreeSet<CaseForm>,
    /// Warnings recorded with events.
    pub warnings: Vec<Warning>,
    /// When the current stage was entered (the event that entered it), so that a reply or a
    /// decision cannot be dated before what it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_since: Option<DateTime<FixedOffset>>,
    /// When the current crisis was declared (`[crisis-immediate]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crisis_declared_at: Option<DateTime<FixedOffset>>,
    /// The persons (actor ids) who acted in this case as its social worker; none of them may
    /// decide on the case's submissions (`[open-approval-5wd]`, `[close-report-3wd]`).
    #[serde(default)]
    pub acted_as_worker: BTreeSet<String>,
    /// When and by whom the application and withdrawal mechanisms were explained to the
    /// applicant (`[inform-rights]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights_informed_at: Option<DateTime<FixedOffset>>,
    /// Whether a consultation interview (or, for a referral in, the assessing first interview)
    /// is on record (`[open-after-interview]`).
    #[serde(default)]
    pub interviewed: bool,
    /// When the first such interview happened (`[open-after-interview]`: an opening is not
    /// dated before it, since rules version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interviewed_at: Option<DateTime<FixedOffset>>,
    /// When the first assessment happened (a plan is not dated before it, since rules
    /// version 4, `[assessment-steps]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_assessed_at: Option<DateTime<FixedOffset>>,
    /// When the plan in force was agreed (an intervention is not dated before it, since rules
    /// version 4, `[plan-contents]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_at: Option<DateTime<FixedOffset>>,
    /// The closing date announced to the client in advance (`[close-advance-notice]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional")]
    pub closing_announced: Option<NaiveDate>,
    /// Medical escalations recorded and not yet assessed by the social worker
    /// (`[medical-escalation]`), oldest first.
    #[serde(default)]
    pub escalations_pending: Vec<DateTime<FixedOffset>>,
}

impl CaseState {
    /// Whether the event being applied is judged by the rules of version 2 or later.
    pub(crate) fn since_v2(&self) -> bool {
        self.rules >= 2
    }

    /// Whether the event being applied is judged by the rules of version 3 or later.
    pub(crate) fn since_v3(&self) -> bool {
        self.rules >= 3
    }

    /// Whether the event being applied is judged by the rules of version 4 or later.
    pub(crate) fn since_v4(&self) -> bool {
        self.rules >= 4
    }
}
