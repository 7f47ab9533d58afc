//! The vocabulary of a case: who acts, who is served, how a case arrives, and its stages.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, Utc};
use serde::{Deserialize, Serialize};

/// The roles that appear in the sources (domain.md §9).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// The client (服务对象/案主).
    Client,
    /// A client's guardian (监护人), who consents for a client under 14.
    Guardian,
    /// The social worker (社工).
    Worker,
    /// The first-line supervisor (初级督导), who approves openings and closings.
    FirstLineSupervisor,
    /// The project lead or supervisor assistant (项目主管/督导助理).
    ProjectLead,
    /// The team lead (团队负责人), who numbers and archives cases.
    TeamLead,
    /// A volunteer (志愿者).
    Volunteer,
    /// A relevant department (相关部门), e.g. civil affairs, police, health.
    RelevantDepartment,
    /// The platform itself, for events no person performed.
    System,
}

impl Role {
    /// Every value's serialised name and Chinese label.
    pub const LABELS: &'static [(&'static str, &'static str)] = &[
        ("client", "服务对象"),
        ("guardian", "监护人"),
        ("worker", "社工"),
        ("first_line_supervisor", "初级督导"),
        ("project_lead", "项目主管/督导助理"),
        ("team_lead", "团队负责人"),
        ("volunteer", "志愿者"),
        ("relevant_department", "相关部门"),
        ("system", "系统"),
    ];

    /// Every value, in declaration order.
    pub const ALL: &'static [Role] = &[
        Role::Client,
        Role::Guardian,
        Role::Worker,
        Role::FirstLineSupervisor,
        Role::ProjectLead,
        Role::TeamLead,
        Role::Volunteer,
        Role::RelevantDepartment,
        Role::System,
    ];

    /// The role's Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Role::Client => "服务对象",
            Role::Guardian => "监护人",
            Role::Worker => "社工",
            Role::FirstLineSupervisor => "初级督导",
            Role::ProjectLead => "项目主管/督导助理",
            Role::TeamLead => "团队负责人",
            Role::Volunteer => "志愿者",
            Role::RelevantDepartment => "相关部门",
            Role::System => "系统",
        }
    }

    /// The role's snake_case name, as serialised.
    pub fn name(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Guardian => "guardian",
            Role::Worker => "worker",
            Role::FirstLineSupervisor => "first_line_supervisor",
            Role::ProjectLead => "project_lead",
            Role::TeamLead => "team_lead",
            Role::Volunteer => "volunteer",
            Role::RelevantDepartment => "relevant_department",
            Role::System => "system",
        }
    }

    /// Whether the role may decide on a submission (approve or return it).
    pub fn is_supervisory(self) -> bool {
        matches!(
            self,
            Role::FirstLineSupervisor | Role::ProjectLead | Role::TeamLead
        )
    }
}

/// Who recorded or performed an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The platform's stable identifier for the person (or department, or system).
    pub id: String,
    /// The role in which they acted.
    pub role: Role,
}

impl Actor {
    /// An actor with an identifier and a role.
    pub fn new(id: impl Into<String>, role: Role) -> Actor {
        Actor {
            id: id.into(),
            role,
        }
    }
}

/// The person a case serves, as the case needs to know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Client {
    /// The platform's stable identifier for the client (never an ID number).
    pub id: String,
    /// The client's name.
    pub name: String,
    /// Date of birth, when known: consent for a client under 14 must come from a guardian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::json::date::optional")]
    pub date_of_birth: Option<NaiveDate>,
}

impl Client {
    /// Full years of age on `date`, if the date of birth is known.
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        self.date_of_birth.and_then(|b| age_in_full_years(b, date))
    }
}

/// Full years between a birth date and a date (`None` if the date is before the birth).
pub fn age_in_full_years(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut years = on.year().saturating_sub(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years = years.saturating_sub(1);
    }
    u32::try_from(years).ok()
}

crate::json::tagged_enum! {
tag = "kind";
/// How a client came to the service (服务对象来源, `[source-kinds]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// A voluntary applicant (主动求助者).
    Voluntary,
    /// Referred in by others — non-voluntary (他人转介者).
    ReferredIn {
        /// Who referred: an agency, a family member, a community organisation, police, a school.
        referrer: String,
        /// What kind of referrer it is.
        referrer_kind: ReferrerKind,
    },
    /// Found by the worker's outreach (社工外展).
    Outreach,
    /// Started from a medical volunteer's emergency escalation about a client who had no
    /// case (`[medical-escalation]`): the social worker owes an assessment of it.
    VolunteerEscalation {
        /// The volunteer who escalated (their id).
        volunteer: String,
        /// The condition the volunteer judged an emergency.
        condition: String,
    },
}
}

/// The kinds of referrer 003 names for case finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReferrerKind {
    /// Another agency (其他机构).
    Agency,
    /// The family (家庭).
    Family,
    /// A community organisation (社区组织).
    CommunityOrganisation,
    /// The police (警察).
    Police,
    /// A school (学校).
    School,
    /// Anyone else.
    Other,
}

/// How an application arrived (`[apply-channels]`, 002 第三十一条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Channel {
    /// By phone (致电).
    Phone,
    /// In writing (书面).
    Written,
    /// In person at a service point (亲临服务点).
    InPerson,
}

/// The stages of a case.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stage {
    /// Consultation (咨询): an application received; consultation interview and initial assessment.
    Consultation,
    /// A referral in awaiting the first interview's assessment (转介评估).
    ReferralInReview,
    /// A consultation case (咨询个案): not opened; the applicant is owed a reply.
    ConsultationCase,
    /// A referral in found outside scope; the referrer and applicant are owed a written reply.
    ReferralDeclined,
    /// Intake (接案): accepted for case work; information gathered before opening.
    Intake,
    /// Opened and assessing (开案及预估).
    Opened,
    /// A service plan agreed (服务计划).
    Planned,
    /// Intervention under way (介入).
    Intervening,
    /// Evaluation (评估).
    Evaluating,
    /// Closing (结案), pending the closing report's approval.
    Closing,
    /// Closed.
    Closed,
    /// Follow-up after closing (跟进).
    FollowUp,
}

impl Stage {
    /// Every value's serialised name and Chinese label.
    pub const LABELS: &'static [(&'static str, &'static str)] = &[
        ("consultation", "咨询"),
        ("referral_in_review", "转介评估"),
        ("consultation_case", "咨询个案"),
        ("referral_declined", "转介不予接收"),
        ("intake", "接案"),
        ("opened", "开案及预估"),
        ("planned", "服务计划"),
        ("intervening", "介入"),
        ("evaluating", "评估"),
        ("closing", "结案（待审批）"),
        ("closed", "已结案"),
        ("follow_up", "跟进"),
    ];

    /// Every value, in declaration order.
    pub const ALL: &'static [Stage] = &[
        Stage::Consultation,
        Stage::ReferralInReview,
        Stage::ConsultationCase,
        Stage::ReferralDeclined,
        Stage::Intake,
        Stage::Opened,
        Stage::Planned,
        Stage::Intervening,
        Stage::Evaluating,
        Stage::Closing,
        Stage::Closed,
        Stage::FollowUp,
    ];

    /// The stage's Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Stage::Consultation => "咨询",
            Stage::ReferralInReview => "转介评估",
            Stage::ConsultationCase => "咨询个案",
            Stage::ReferralDeclined => "转介不予接收",
            Stage::Intake => "接案",
            Stage::Opened => "开案及预估",
            Stage::Planned => "服务计划",
            Stage::Intervening => "介入",
            Stage::Evaluating => "评估",
            Stage::Closing => "结案（待审批）",
            Stage::Closed => "已结案",
            Stage::FollowUp => "跟进",
        }
    }

    /// The stage's snake_case name, as serialised.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Consultation => "consultation",
            Stage::ReferralInReview => "referral_in_review",
            Stage::ConsultationCase => "consultation_case",
            Stage::ReferralDeclined => "referral_declined",
            Stage::Intake => "intake",
            Stage::Opened => "opened",
            Stage::Planned => "planned",
            Stage::Intervening => "intervening",
            Stage::Evaluating => "evaluating",
            Stage::Closing => "closing",
            Stage::Closed => "closed",
            Stage::FollowUp => "follow_up",
        }
    }

    /// Whether the case has been opened (consent signed, opening record made) and not closed.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Stage::Opened | Stage::Planned | Stage::Intervening | Stage::Evaluating
        )
    }

    /// Whether service has ended: the case owes nothing more but what closing requires.
    pub fn is_ended(self) -> bool {
        matches!(
            self,
            Stage::ConsultationCase | Stage::ReferralDeclined | Stage::Closed | Stage::FollowUp
        )
    }
}

/// China time (UTC+8), in which every event's date is counted (domain.md §9).
pub fn china_offset() -> FixedOffset {
    // 8 hours is within FixedOffset's ±24 h range, so the fallback is never taken.
    FixedOffset::east_opt(8 * 3600).unwrap_or(Utc.fix())
}

/// The date of an instant in China time, whatever offset it was recorded with.
///
/// # Example
/// ```
/// use chrono::DateTime;
/// use shegong::case::china_date;
///
/// let late_evening_utc = DateTime::parse_from_rfc3339("2026-03-02T17:30:00Z").unwrap();
/// assert_eq!(china_date(late_evening_utc).to_string(), "2026-03-03");
/// ```
pub fn china_date(instant: DateTime<FixedOffset>) -> NaiveDate {
    // Within eight hours of the last instant chrono holds, China's local time has no
    // NaiveDateTime: that instant's own UTC date stands in, never a panic.
    let utc = instant.naive_utc();
    utc.checked_add_offset(china_offset())
        .map_or_else(|| utc.date(), |local| local.date())
}

crate::labels::name_str_impls!(Stage);
crate::labels::name_str_impls!(Role);
