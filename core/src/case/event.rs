//! What can happen in a case: [`EventKind`] and the records it carries.

use serde::{Deserialize, Serialize};

use super::consent::Consent;
use super::forms::CaseForm;
use super::number::CaseNumber;
use super::types::{Channel, Client, Role, Source};

crate::json::tagged_enum! {
tag = "type";
/// One thing that happened in a case. Serialised with a `"type"` tag in snake_case, e.g.
/// `{"type": "opened", "summary": "…"}`. Under rules version 3 the steps the social worker
/// owes (`not_opened`, `consultation_replied`, `referral_decline_replied`, `opened`,
/// `opening_submitted`, `met`, `assessment_completed`, `plan_agreed`, `rights_informed`,
/// `closing_date_announced`, `crisis_reported`, `closing_report_submitted`, `followed_up`)
/// are refused from an actor in any other role, and the opening record and the closing report
/// from any worker but the case's own (the one who opened it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// A service application, referral or outreach contact received: the first event of every
    /// case (`[source-kinds]`, `[apply-channels]`).
    Received {
        /// The case number the team lead assigned (`[case-numbering]`).
        case_number: CaseNumber,
        /// The client.
        client: Client,
        /// How the client came (voluntary, referred in, outreach).
        source: Source,
        /// How the application arrived (phone, written, in person).
        channel: Channel,
        /// The topic of the request, in the applicant's words (consultations are counted per topic).
        topic: String,
    },
    /// A consultation interview (咨询面谈) held (`[consult-max-3]`).
    ConsultationHeld {
        /// The topic; empty means the case's topic.
        #[serde(default)]
        topic: String,
        /// What was discussed and the initial assessment.
        summary: String,
    },
    /// The case declared a crisis (危机个案): handled at once, fast-tracked (`[crisis-immediate]`).
    CrisisDeclared {
        /// What the danger is.
        summary: String,
    },
    /// The crisis reported to the supervisor and the relevant departments (`[crisis-immediate]`).
    CrisisReported {
        /// Who was told: the supervisor, and each relevant department by name.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        to: Vec<String>,
        /// The supervisor told (their actor id); required since rules version 2.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        supervisor: String,
        /// The relevant departments told, by name; at least one since rules version 2.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        departments: Vec<String>,
    },
    /// The decision not to open after the consultation interview: a consultation case
    /// (咨询个案) whose applicant is owed a reply (`[consult-reply-5wd]`).
    NotOpened {
        /// Why the case is not opened.
        reasons: String,
    },
    /// The reply to the applicant, with reasons (`[consult-reply-5wd]`).
    ConsultationReplied {
        /// Oral or written.
        mode: ReplyMode,
        /// The reasons given.
        reasons: String,
    },
    /// A referral in assessed at the first interview (`[refer-in-meet-10wd]`, `[refer-in-reply-5wd]`).
    ReferralInAssessed {
        /// Within the agency's scope (and allowed by the code of conduct).
        within_scope: bool,
        /// The assessment's reasons.
        reasons: String,
    },
    /// The written reply to the referrer and the applicant for a referral declined (`[refer-in-reply-5wd]`).
    ReferralDeclineReplied {
        /// The referrer was told.
        to_referrer: bool,
        /// The applicant was told.
        to_applicant: bool,
        /// The reasons given.
        reasons: String,
    },
    /// Accepted for case work (接案, 接案记录表).
    IntakeAccepted {
        /// The intake record's summary.
        summary: String,
    },
    /// A consent given (`[open-consent]`, `[refer-out-consent]`).
    ConsentGiven {
        /// The consent.
        consent: Consent,
    },
    /// A consent revoked.
    ConsentRevoked {
        /// The identifier of the consent revoked.
        consent_id: String,
        /// Why, in the signer's words.
        reason: String,
    },
    /// The case opened (开案): consent signed, the opening record (《个案开案记录表》) made
    /// (`[open-consent]`). The actor is the worker responsible for the case.
    Opened {
        /// The opening record's summary.
        summary: String,
    },
    /// The opening record submitted to the first-line supervisor (`[open-approval-5wd]`), by
    /// the case's own worker.
    OpeningSubmitted {
        /// The supervisor it was submitted to (their actor id).
        supervisor: String,
    },
    /// The supervisor's decision on the opening record.
    OpeningDecided {
        /// Approved, or returned with comments.
        decision: Decision,
    },
    /// A meeting with the client: a session (会谈) or a home visit (探访) — a real contact
    /// (`[open-meet-10wd]`, `[refer-in-meet-10wd]`).
    Met {
        /// Session or home visit.
        kind: MeetingKind,
        /// What happened (the 《个案会谈记录表》 and 《个案服务日程记录表》 entries).
        summary: String,
    },
    /// A real contact with the client other than a meeting (a call that reached them).
    Contacted {
        /// How.
        method: ContactMethod,
        /// What was said.
        summary: String,
    },
    /// An attempt to reach the client that failed; not a contact (`[terminate-no-contact-3m]`).
    ContactFailed {
        /// How it was tried.
        method: ContactMethod,
        /// What happened.
        note: String,
    },
    /// A note added to the file: an edit, not a contact.
    NoteAdded {
        /// The note.
        text: String,
    },
    /// The assessment (预估) completed (`[assessment-steps]`).
    AssessmentCompleted {
        /// The assessment.
        assessment: Assessment,
    },
    /// The service plan agreed and the service agreement signed (`[plan-contents]`).
    PlanAgreed {
        /// The plan.
        plan: ServicePlan,
    },
    /// Intervention started or resumed (`[intervention-kinds]`).
    InterventionStarted {
        /// Direct, indirect or combined.
        kind: InterventionKind,
        /// The strategies used.
        strategies: Vec<Strategy>,
    },
    /// An evaluation recorded (`[evaluation-kinds]`); an outcome evaluation moves the case
    /// to evaluation.
    EvaluationRecorded {
        /// The evaluation.
        evaluation: Evaluation,
    },
    /// The client's evaluation form (《个案意见评估表》) received: the goal is achieved and the
    /// case moves to closing (`[close-client-evaluation]`).
    ClientEvaluationReceived {
        /// The client's view.
        summary: String,
    },
    /// Closing proposed for a reason other than goal achieved (`[close-types]`).
    ClosingProposed {
        /// Goal unattainable, status changed, or client refuses service.
        closing_type: ClosingType,
        /// Why.
        reasons: String,
    },
    /// The client withdrew of their own will (自愿退出), at any stage (`[withdraw-any-stage]`).
    Withdrawn {
        /// The reason the worker asked for and recorded.
        reason: String,
    },
    /// Service terminated (适时终止) (`[terminate-danger-refer]`, `[terminate-no-contact-3m]`,
    /// `[terminate-missing-dead]`).
    Terminated {
        /// The ground.
        ground: TerminationGround,
        /// What happened.
        summary: String,
        /// For danger to others: the mandatory referral to the relevant department, if not
        /// recorded before.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        referral: Option<Referral>,
    },
    /// A referral out (《个案转介表》) (`[refer-out-consent]`).
    ReferredOut {
        /// The referral.
        referral: Referral,
    },
    /// The closing report (《个案结案报告》) submitted (`[close-report-3wd]`, `[terminate-report]`),
    /// by the case's own worker.
    ClosingReportSubmitted {
        /// The role it went to: the supervisor, or for a termination the project lead /
        /// supervisor assistant.
        to: Role,
        /// The report's summary.
        summary: String,
    },
    /// The decision on the closing report.
    ClosingDecided {
        /// Approved, or returned with comments.
        decision: Decision,
    },
    /// A follow-up after closing (`[followup-after-close]`).
    FollowedUp {
        /// How.
        method: FollowUpMethod,
        /// What was found.
        summary: String,
    },
    /// A closed case reopened: explicit and attributed, never a side effect.
    Reopened {
        /// Why.
        reason: String,
    },
    /// A case-management sub-plan added (`[case-mgmt-subplans]`).
    SubPlanAdded {
        /// The sub-plan.
        sub_plan: SubPlan,
    },
    /// A sub-plan's status changed (`[case-mgmt-subplans]`).
    SubPlanUpdated {
        /// The sub-plan's identifier.
        id: String,
        /// Its new status.
        status: SubPlanStatus,
        /// A note on the change.
        #[serde(default)]
        note: String,
    },
    /// A form filed in the case file that no other event implies (`[case-file-forms]`).
    FormFiled {
        /// The form.
        form: CaseForm,
        /// A note.
        #[serde(default)]
        note: String,
    },
    /// The application and withdrawal mechanisms explained to the applicant, so that they
    /// understand their rights and duties in the service (`[inform-rights]`, 002 第三十条).
    /// The actor is who explained them; the event's moment is when.
    RightsInformed {
        /// Orally or in writing.
        how: ReplyMode,
        /// What was explained.
        summary: String,
    },
    /// The closing date told to the client in advance of a planned closing
    /// (`[close-advance-notice]`, 002 第二十六条(三)).
    ClosingDateAnnounced {
        /// The closing date announced.
        #[serde(deserialize_with = "crate::json::date::deserialize")]
        date: chrono::NaiveDate,
        /// The client's view of when the service should end (003 第三节 2(6)), if asked.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        client_view: String,
    },
    /// A medical volunteer's emergency escalation about the client, recorded in the client's
    /// case (`[medical-escalation]`, 000 六.4(1)): the social worker owes an assessment of it.
    EscalationRecorded {
        /// The volunteer who escalated (their id).
        volunteer: String,
        /// The condition the volunteer judged an emergency.
        condition: String,
    },
    /// The social worker's assessment of a medical escalation (`[medical-escalation]`,
    /// 000 六.3(6)).
    EscalationAssessed {
        /// Whether the assessment found a crisis; if so, declare it with `crisis_declared`
        /// (`[crisis-immediate]`), or refer the client out.
        crisis: bool,
        /// The assessment's summary.
        summary: String,
    },
}
}

impl EventKind {
    /// Every event type's serialised name, in declaration order.
    pub const KINDS: &'static [&'static str] = &[
        "received",
        "consultation_held",
        "crisis_declared",
        "crisis_reported",
        "not_opened",
        "consultation_replied",
        "referral_in_assessed",
        "referral_decline_replied",
        "intake_accepted",
        "consent_given",
        "consent_revoked",
        "opened",
        "opening_submitted",
        "opening_decided",
        "met",
        "contacted",
        "contact_failed",
        "note_added",
        "assessment_completed",
        "plan_agreed",
        "intervention_started",
        "evaluation_recorded",
        "client_evaluation_received",
        "closing_proposed",
        "withdrawn",
        "terminated",
        "referred_out",
        "closing_report_submitted",
        "closing_decided",
        "followed_up",
        "reopened",
        "sub_plan_added",
        "sub_plan_updated",
        "form_filed",
        "rights_informed",
        "closing_date_announced",
        "escalation_recorded",
        "escalation_assessed",
    ];

    /// The event's serialised type name, e.g. `"opened"`.
    pub fn name(&self) -> &'static str {
        let i = match self {
            EventKind::Received { .. } => 0,
            EventKind::ConsultationHeld { .. } => 1,
            EventKind::CrisisDeclared { .. } => 2,
            EventKind::CrisisReported { .. } => 3,
            EventKind::NotOpened { .. } => 4,
            EventKind::ConsultationReplied { .. } => 5,
            EventKind::ReferralInAssessed { .. } => 6,
            EventKind::ReferralDeclineReplied { .. } => 7,
            EventKind::IntakeAccepted { .. } => 8,
            EventKind::ConsentGiven { .. } => 9,
            EventKind::ConsentRevoked { .. } => 10,
            EventKind::Opened { .. } => 11,
            EventKind::OpeningSubmitted { .. } => 12,
            EventKind::OpeningDecided { .. } => 13,
            EventKind::Met { .. } => 14,
            EventKind::Contacted { .. } => 15,
            EventKind::ContactFailed { .. } => 16,
            EventKind::NoteAdded { .. } => 17,
            EventKind::AssessmentCompleted { .. } => 18,
            EventKind::PlanAgreed { .. } => 19,
            EventKind::InterventionStarted { .. } => 20,
            EventKind::EvaluationRecorded { .. } => 21,
            EventKind::ClientEvaluationReceived { .. } => 22,
            EventKind::ClosingProposed { .. } => 23,
            EventKind::Withdrawn { .. } => 24,
            EventKind::Terminated { .. } => 25,
            EventKind::ReferredOut { .. } => 26,
            EventKind::ClosingReportSubmitted { .. } => 27,
            EventKind::ClosingDecided { .. } => 28,
            EventKind::FollowedUp { .. } => 29,
            EventKind::Reopened { .. } => 30,
            EventKind::SubPlanAdded { .. } => 31,
            EventKind::SubPlanUpdated { .. } => 32,
            EventKind::FormFiled { .. } => 33,
            EventKind::RightsInformed { .. } => 34,
            EventKind::ClosingDateAnnounced { .. } => 35,
            EventKind::EscalationRecorded { .. } => 36,
            EventKind::EscalationAssessed { .. } => 37,
        };
        EventKind::KINDS.get(i).copied().unwrap_or("event")
    }

    /// Whether the event is a service event (assessment, plan, intervention, session,
    /// evaluation, a new sub-plan), which needs a live consent to the service once the case
    /// was opened (`[open-consent]`). Crisis intervention in a declared crisis (`crisis`) is
    /// crisis handling, not service under consent; contacts, contact attempts, withdrawal,
    /// closing, termination, a new consent, follow-up and notes are not service events.
    pub fn is_service(&self, crisis: bool) -> bool {
        match self {
            EventKind::AssessmentCompleted { .. }
            | EventKind::PlanAgreed { .. }
            | EventKind::EvaluationRecorded { .. }
            | EventKind::SubPlanAdded { .. }
            | EventKind::Met {
                kind: MeetingKind::Session,
                ..
            } => true,
            EventKind::InterventionStarted { strategies, .. } => {
                !(crisis && strategies.contains(&Strategy::CrisisIntervention))
            }
            _ => false,
        }
    }

    /// [`EventKind::is_service`] as rules version 4 reads it: also a home visit (探访, a
    /// service item of `[reference-hours]`) and a sub-plan set to active (another agency's
    /// service put in motion, `[case-mgmt-subplans]`). Winding a sub-plan down (completed,
    /// cancelled) is not service and stays possible after the consent is revoked.
    pub fn is_service_since_v4(&self, crisis: bool) -> bool {
        self.is_service(crisis)
            || matches!(
                self,
                EventKind::Met {
                    kind: MeetingKind::HomeVisit,
                    ..
                } | EventKind::SubPlanUpdated {
                    status: SubPlanStatus::Active,
                    ..
                }
            )
    }

    /// Whether the event is a real contact with the client, which restarts the no-contact
    /// clock (`[terminate-no-contact-3m]`): receiving the application, a consultation,
    /// opening (the consent is signed with the client), a meeting, a contact, a follow-up.
    /// Edits, notes and failed attempts are not.
    pub fn is_contact(&self) -> bool {
        matches!(
            self,
            EventKind::Received { .. }
                | EventKind::ConsultationHeld { .. }
                | EventKind::Opened { .. }
                | EventKind::Reopened { .. }
                | EventKind::Met { .. }
                | EventKind::Contacted { .. }
                | EventKind::FollowedUp { .. }
        )
    }
}

/// How a reply was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReplyMode {
    /// Orally (口头).
    Oral,
    /// In writing (书面).
    Written,
}

crate::json::tagged_enum! {
tag = "outcome";
/// A supervisor's decision on a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Decision {
    /// Approved (批准).
    Approved {
        /// Optional comments.
        #[serde(default)]
        comments: String,
    },
    /// Returned with comments (退回修改); the worker resubmits.
    Returned {
        /// What to change; required.
        comments: String,
    },
}
}

impl Decision {
    /// Whether the decision approves.
    pub fn is_approved(&self) -> bool {
        matches!(self, Decision::Approved { .. })
    }
}

/// A meeting with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeetingKind {
    /// A session (会谈).
    Session,
    /// A home visit (探访).
    HomeVisit,
}

/// How a client was contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContactMethod {
    /// By phone.
    Phone,
    /// By message (WeChat, SMS).
    Message,
    /// By video call.
    Video,
    /// In person, briefly (not a session).
    InPerson,
}

/// The assessment (预估) of 002 第七–十条 (`[assessment-steps]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The steps carried out; all four of [`AssessmentStep::REQUIRED`] are required.
    pub steps: Vec<AssessmentStep>,
    /// The methods used.
    #[serde(default)]
    pub methods: Vec<AssessmentMethod>,
    /// The problem system as defined.
    pub problem: String,
    /// The assessment report's summary.
    pub report: String,
}

/// A step of the assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AssessmentStep {
    /// Collect personal and environmental information (收集资料).
    CollectInformation,
    /// Analyse: order, find, explore, identify problems (分析资料).
    Analyse,
    /// Define the problem system, the cause system and the client's efforts (界定问题).
    DefineProblem,
    /// Write the assessment report (撰写预估报告).
    WriteReport,
}

impl AssessmentStep {
    /// The steps every assessment must include.
    pub const REQUIRED: [AssessmentStep; 4] = [
        AssessmentStep::CollectInformation,
        AssessmentStep::Analyse,
        AssessmentStep::DefineProblem,
        AssessmentStep::WriteReport,
    ];
}

/// An assessment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AssessmentMethod {
    /// Social history report (社会历史报告).
    SocialHistory,
    /// Family structure diagram (家庭结构图).
    FamilyStructureDiagram,
    /// Eco-map (社会生态系统图).
    EcoMap,
    /// Social network analysis (社会网络分析).
    SocialNetworkAnalysis,
}

/// The service plan (服务计划) of 002 第十一–十四条 (`[plan-contents]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicePlan {
    /// Aims and goals, each summarisable and measurable.
    pub goals: Vec<String>,
    /// The problems and targets addressed.
    #[serde(default)]
    pub targets: Vec<String>,
    /// The multi-level intervention strategies.
    pub strategies: Vec<String>,
    /// Collaborators and their roles.
    #[serde(default)]
    pub collaborators: Vec<String>,
    /// Procedure and timetable.
    pub timetable: Vec<String>,
    /// Whether the client took part in making the plan (a principle of 002 第十三条).
    pub client_participated: bool,
    /// Whether the service agreement (服务协议) was signed.
    pub agreement_signed: bool,
}

/// Direct, indirect or combined intervention (`[intervention-kinds]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InterventionKind {
    /// Direct (直接介入).
    Direct,
    /// Indirect (间接介入).
    Indirect,
    /// Combined (综合介入).
    Combined,
}

/// An intervention strategy of 002 第十六–十七条.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Strategy {
    /// Direct: integrate existing resources.
    IntegrateResources,
    /// Direct: crisis intervention.
    CrisisIntervention,
    /// Direct: activity intervention.
    ActivityIntervention,
    /// Direct: mediation.
    Mediation,
    /// Direct: use of influence.
    UseOfInfluence,
    /// Indirect: use community resources.
    CommunityResources,
    /// Indirect: coordinate and link services.
    CoordinateServices,
    /// Indirect: create resources.
    CreateResources,
    /// Indirect: change the environment.
    ChangeEnvironment,
    /// Indirect: change organisational policy.
    ChangePolicy,
}

impl Strategy {
    /// Whether the strategy is a direct one.
    pub fn is_direct(self) -> bool {
        matches!(
            self,
            Strategy::IntegrateResources
                | Strategy::CrisisIntervention
                | Strategy::ActivityIntervention
                | Strategy::Mediation
                | Strategy::UseOfInfluence
        )
    }
}

/// An evaluation (`[evaluation-kinds]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Process or outcome.
    pub kind: EvaluationKind,
    /// The methods used.
    pub methods: Vec<EvaluationMethod>,
    /// Goals attained out of goals set, when measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goals_attained: Option<GoalAttainment>,
    /// The evaluation's summary.
    pub summary: String,
}

/// Goals attained out of goals set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalAttainment {
    /// Goals attained.
    pub attained: u32,
    /// Goals set.
    pub total: u32,
}

/// Process or outcome evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvaluationKind {
    /// Process evaluation (过程评估), during intervention.
    Process,
    /// Outcome evaluation (结果评估), at its end.
    Outcome,
}

/// An evaluation method of 002 第二十一条.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EvaluationMethod {
    /// Baseline measurement (基线测量).
    Baseline,
    /// Client satisfaction (服务对象满意度).
    ClientSatisfaction,
    /// Differential impact scores (差别影响评分).
    DifferentialImpact,
    /// Task completion (任务完成情况).
    TaskCompletion,
    /// Goal attainment: goal checklist or individual goal scaling (目标达成).
    GoalAttainment,
}

/// The closing types of 002 第二十四条 (`[close-types]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClosingType {
    /// Goal achieved (目标达成).
    GoalAchieved,
    /// The goal found unattainable (发现无法实现目标).
    GoalUnattainable,
    /// The worker's or client's status changed (身份发生改变).
    StatusChanged,
    /// The client refuses service (服务对象拒绝服务).
    ClientRefused,
}

/// Grounds for terminating service (适时终止, 002 第三十二条(三)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TerminationGround {
    /// The client endangers the worker or other clients; must be referred
    /// (`[terminate-danger-refer]`).
    DangerToOthers,
    /// The worker could not reach the client for 3 months (`[terminate-no-contact-3m]`).
    NoContact,
    /// The client went missing (`[terminate-missing-dead]`).
    Missing,
    /// The client died (`[terminate-missing-dead]`).
    Died,
}

/// A referral out (《个案转介表》).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// The receiving agency or department (must match the client's consent).
    pub receiver: String,
    /// Whether the receiver is a relevant department (相关部门) rather than an agency.
    pub receiver_is_department: bool,
    /// The needs referred, outside the agency's scope.
    pub needs: String,
    /// Whether the worker accompanies the client (陪同转介).
    pub accompanied: bool,
    /// A mandatory referral of a client who endangers others, made without the client's
    /// consent (`[terminate-danger-refer]`).
    #[serde(default)]
    pub mandatory: bool,
    /// Who at the receiver agreed to take the referral (`[refer-out-consent]`); not needed for
    /// a mandatory referral to a department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver_agreed_by: Option<String>,
    /// Whether the referral ends the agency's service (the case closes by referral).
    pub ends_service: bool,
}

/// A follow-up method of 002 第二十五条(五) (`[followup-after-close]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FollowUpMethod {
    /// By phone (电话跟进).
    Phone,
    /// An individual meeting (个别会面).
    IndividualMeeting,
    /// A group meeting (集体会面).
    GroupMeeting,
    /// Following the client's support system (跟进服务对象的社会支持系统).
    SupportSystem,
}

/// A case-management sub-plan with its own provider (`[case-mgmt-subplans]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubPlan {
    /// An identifier unique within the case.
    pub id: String,
    /// What the sub-plan is for (medical, psychological, economic, …).
    pub title: String,
    /// Who provides it.
    pub provider: Provider,
    /// Its goals.
    #[serde(default)]
    pub goals: Vec<String>,
}

/// The provider of a sub-plan: agency, person and contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// The providing agency.
    pub agency: String,
    /// The person responsible.
    pub person: String,
    /// How to reach them.
    pub contact: String,
}

/// A sub-plan's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SubPlanStatus {
    /// Planned, not started.
    Planned,
    /// Being delivered.
    Active,
    /// Completed.
    Completed,
    /// Cancelled.
    Cancelled,
}
