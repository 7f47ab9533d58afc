//! The case file: which forms and records the sources require, and which are missing
//! (`[case-file-forms]`, `[records-required]`).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::event::{AssessmentMethod, EventKind, MeetingKind};
use super::types::{Source, Stage};

/// The fifteen forms of the Shenzhen case file set (002 附件一, `[case-file-forms]`).
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
pub enum CaseForm {
    /// 档案封面及存档清单.
    FileCover,
    /// 咨询记录表.
    ConsultationRecord,
    /// 开案记录表.
    OpeningRecord,
    /// 知情同意书.
    InformedConsent,
    /// 家庭图.
    FamilyDiagram,
    /// 介入计划表.
    InterventionPlan,
    /// 会谈记录表.
    SessionRecord,
    /// 服务日程记录表.
    ServiceSchedule,
    /// 转介表（转出）.
    ReferralOut,
    /// 转介表（转入）.
    ReferralIn,
    /// 转介回复函.
    ReferralReply,
    /// 意见评估表.
    ClientEvaluation,
    /// 结案报告.
    ClosingReport,
    /// 咨询索引.
    ConsultationIndex,
    /// 档案索引.
    FileIndex,
}

impl CaseForm {
    /// All fifteen forms, in the order of 002 附件一.
    pub const ALL: [CaseForm; 15] = [
        CaseForm::FileCover,
        CaseForm::ConsultationRecord,
        CaseForm::OpeningRecord,
        CaseForm::InformedConsent,
        CaseForm::FamilyDiagram,
        CaseForm::InterventionPlan,
        CaseForm::SessionRecord,
        CaseForm::ServiceSchedule,
        CaseForm::ReferralOut,
        CaseForm::ReferralIn,
        CaseForm::ReferralReply,
        CaseForm::ClientEvaluation,
        CaseForm::ClosingReport,
        CaseForm::ConsultationIndex,
        CaseForm::FileIndex,
    ];

    /// The form's Chinese title.
    pub fn zh(self) -> &'static str {
        match self {
            CaseForm::FileCover => "档案封面及存档清单",
            CaseForm::ConsultationRecord => "咨询记录表",
            CaseForm::OpeningRecord => "开案记录表",
            CaseForm::InformedConsent => "知情同意书",
            CaseForm::FamilyDiagram => "家庭图",
            CaseForm::InterventionPlan => "介入计划表",
            CaseForm::SessionRecord => "会谈记录表",
            CaseForm::ServiceSchedule => "服务日程记录表",
            CaseForm::ReferralOut => "转介表（转出）",
            CaseForm::ReferralIn => "转介表（转入）",
            CaseForm::ReferralReply => "转介回复函",
            CaseForm::ClientEvaluation => "意见评估表",
            CaseForm::ClosingReport => "结案报告",
            CaseForm::ConsultationIndex => "咨询索引",
            CaseForm::FileIndex => "档案索引",
        }
    }

    /// The forms an event puts on file by itself (a consent form, an opening record, …).
    pub fn implied_by(event: &EventKind) -> Vec<CaseForm> {
        match event {
            EventKind::Received {
                source: Source::ReferredIn { .. },
                ..
            } => vec![CaseForm::ReferralIn],
            EventKind::ConsultationHeld { .. } => vec![CaseForm::ConsultationRecord],
            EventKind::ConsentGiven { consent } => match consent.purpose {
                super::consent::ConsentPurpose::Service => vec![CaseForm::InformedConsent],
                _ => vec![],
            },
            EventKind::Opened { .. } => vec![CaseForm::OpeningRecord],
            EventKind::AssessmentCompleted { assessment }
                if assessment
                    .methods
                    .contains(&AssessmentMethod::FamilyStructureDiagram) =>
            {
                vec![CaseForm::FamilyDiagram]
            }
            EventKind::PlanAgreed { .. } => vec![CaseForm::InterventionPlan],
            EventKind::Met { kind, .. } => match kind {
                MeetingKind::Session => vec![CaseForm::SessionRecord, CaseForm::ServiceSchedule],
                MeetingKind::HomeVisit => vec![CaseForm::ServiceSchedule],
            },
            EventKind::ReferredOut { .. } => vec![CaseForm::ReferralOut],
            EventKind::Terminated {
                referral: Some(_), ..
            } => vec![CaseForm::ReferralOut],
            EventKind::ReferralDeclineReplied { .. } => vec![CaseForm::ReferralReply],
            EventKind::ClientEvaluationReceived { .. } => vec![CaseForm::ClientEvaluation],
            EventKind::ClosingReportSubmitted { .. } => vec![CaseForm::ClosingReport],
            EventKind::FormFiled { form, .. } => vec![*form],
            _ => vec![],
        }
    }
}

/// The working method of a case, which decides the records 003 requires (`[records-required]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CaseMethod {
    /// Consultation only (咨询): never opened.
    Consultation,
    /// Case work (个案工作).
    CaseWork,
    /// Case management (个案管理): a case with sub-plans.
    CaseManagement,
}

/// A form the case should have on file by now but does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingForm {
    /// The form.
    pub form: CaseForm,
    /// The form's Chinese title.
    pub title: String,
    /// Why it is required now.
    pub reason: String,
    /// The rule requiring it (`"case-file-forms"` or `"records-required"`).
    pub rule: String,
}

/// What the file holds and what it lacks, as [`Case::file_check`](super::Case::file_check) reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileCheck {
    /// The method that decides the required records.
    pub method: CaseMethod,
    /// The forms on file.
    pub present: Vec<CaseForm>,
    /// The forms required by now and missing.
    pub missing: Vec<MissingForm>,
    /// The records required by now that are not forms (the rights explained, the closing date
    /// announced) and are missing.
    #[serde(default)]
    pub missing_records: Vec<MissingRecord>,
}

/// A record the case should hold by now that is not one of the fifteen forms: an event that
/// puts something on record (`[inform-rights]`, `[close-advance-notice]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingRecord {
    /// The event that would put it on record (`"rights_informed"`, `"closing_date_announced"`).
    pub event: String,
    /// What is missing, in words.
    pub reason: String,
    /// The rule requiring it.
    pub rule: String,
}

/// Facts of a case the file check needs.
pub(super) struct FileFacts<'a> {
    pub stage: Stage,
    pub reached: &'a BTreeSet<Stage>,
    pub forms: &'a BTreeSet<CaseForm>,
    pub referred_in: bool,
    pub declined_referral: bool,
    pub consultations: u32,
    pub has_sub_plans: bool,
    pub referred_out: bool,
    pub goal_achieved: bool,
    pub closing_report_due: bool,
    /// The case is judged by rules version 2 or later (the records below were not owed before).
    pub since_v2: bool,
    /// The application and withdrawal mechanisms are owed on record (`[inform-rights]`): the
    /// case was opened or a crisis declared, and they are not on record.
    pub rights_not_informed: bool,
    /// A planned closing is under way or done without the closing date announced in advance
    /// (`[close-advance-notice]`).
    pub closing_not_announced: bool,
}

pub(super) fn check(f: &FileFacts<'_>) -> FileCheck {
    let opened = f.reached.contains(&Stage::Opened);
    let method = if f.has_sub_plans {
        CaseMethod::CaseManagement
    } else if opened {
        CaseMethod::CaseWork
    } else {
        CaseMethod::Consultation
    };
    let mut required: Vec<(CaseForm, &'static str, &'static str)> = Vec::new();
    let mut need = |form, reason, rule| required.push((form, reason, rule));
    if f.consultations > 0 || f.stage == Stage::ConsultationCase {
        need(
            CaseForm::ConsultationRecord,
            "a consultation was held (咨询记录)",
            "records-required",
        );
    }
    if f.referred_in {
        need(
            CaseForm::ReferralIn,
            "the case was referred in",
            "case-file-forms",
        );
    }
    if f.declined_referral && f.stage != Stage::ReferralDeclined {
        need(
            CaseForm::ReferralReply,
            "a referral in was declined and replied to",
            "case-file-forms",
        );
    }
    if opened {
        need(
            CaseForm::InformedConsent,
            "the case was opened",
            "case-file-forms",
        );
        need(
            CaseForm::OpeningRecord,
            "the case was opened (接案记录表, 开案表)",
            "records-required",
        );
    }
    if f.reached.contains(&Stage::Planned) {
        need(
            CaseForm::InterventionPlan,
            "a service plan was agreed (预估报告和服务计划)",
            "records-required",
        );
        if method == CaseMethod::CaseWork {
            need(
                CaseForm::FamilyDiagram,
                "the assessment of a case-work case includes the family diagram",
                "case-file-forms",
            );
        }
    }
    if f.reached.contains(&Stage::Intervening) {
        need(
            CaseForm::SessionRecord,
            "intervention began (服务记录)",
            "records-required",
        );
        need(
            CaseForm::ServiceSchedule,
            "intervention began (服务日程记录表)",
            "case-file-forms",
        );
    }
    if f.referred_out {
        need(
            CaseForm::ReferralOut,
            "the client was referred out",
            "case-file-forms",
        );
    }
    if f.goal_achieved {
        need(
            CaseForm::ClientEvaluation,
            "the goal was achieved (个案意见评估表)",
            "case-file-forms",
        );
    }
    if f.closing_report_due {
        need(
            CaseForm::ClosingReport,
            "the case closed (结案/转介报告)",
            "records-required",
        );
    }
    if opened && matches!(f.stage, Stage::Closed | Stage::FollowUp) {
        need(
            CaseForm::FileCover,
            "a closed case file is archived with its cover and list",
            "case-file-forms",
        );
    }
    let mut missing: Vec<MissingForm> = Vec::new();
    for (form, reason, rule) in required {
        if !f.forms.contains(&form) && !missing.iter().any(|m| m.form == form) {
            missing.push(MissingForm {
                form,
                title: form.zh().to_owned(),
                reason: reason.to_owned(),
                rule: rule.to_owned(),
            });
        }
    }
    FileCheck {
        method,
        present: f.forms.iter().copied().collect(),
        missing,
        missing_records: missing_records(f),
    }
}

fn missing_records(f: &FileFacts<'_>) -> Vec<MissingRecord> {
    let mut out = Vec::new();
    if !f.since_v2 {
        return out;
    }
    if f.rights_not_informed {
        out.push(MissingRecord {
            event: "rights_informed".to_owned(),
            reason: "the application and withdrawal mechanisms explained to the applicant are not on record (002 第三十条)".to_owned(),
            rule: "inform-rights".to_owned(),
        });
    }
    if f.closing_not_announced {
        out.push(MissingRecord {
            event: "closing_date_announced".to_owned(),
            reason: "a planned closing without the closing date told to the client in advance (002 第二十六条(三))".to_owned(),
            rule: "close-advance-notice".to_owned(),
        });
    }
    out
}
