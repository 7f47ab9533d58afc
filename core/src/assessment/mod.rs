//! Needs assessment (需求评估) and service records: one typed, documented vocabulary for the
//! forms of the sources, so two agencies' data can be joined.
//!
//! Record kinds ([`RecordKind`]): the household needs profile (`[household-profile-fields]`),
//! the social worker's service record with its needs checklists (`[service-record-needs]`),
//! the consultation record (`[consultation-record]`), the medical- and
//! psychological-volunteer service records (`[volunteer-service-records]`), the daily work
//! summary (`[daily-summary]`), the case-management follow-up table, and the volunteer
//! registration form (`[volunteer-registration-fields]`). Service time is a
//! start and an end (`[service-time-span]`).
//!
//! Every record serialises with stable snake_case field names and a `schema_version`; every
//! field has a Chinese label and sensitivity tags ([`FieldInfo`], PIPL art. 28); every enum
//! value has a Chinese label (`zh()`); and [`RecordKind::json_schema`] generates the JSON
//! Schema checked in under `schemas/`.
//!
//! Retention ([`RetentionPolicies`]): the sources set no periods, so none is invented.
//!
//! # Example
//! ```
//! use shegong::assessment::{Record, RecordKind};
//!
//! let json = r#"{"kind": "consultation_record", "group": "心理咨询群", "serial_number": "2026-031",
//!   "client_name": "陈女士", "gender": "female", "category": "psychological",
//!   "server_name": "刘咨询师", "recorder": "群秘书小何",
//!   "items": [{"number": 1, "question": "失眠怎么办", "answer": "建议规律作息，必要时就医"}],
//!   "recorded_at": "2026-03-03T10:00:00+08:00"}"#;
//! let record: Record = serde_json::from_str(json)?;
//! record.validate()?;
//! assert_eq!(record.kind(), RecordKind::ConsultationRecord);
//! assert_eq!(RecordKind::ConsultationRecord.field("items[].question").unwrap().zh, "疑问");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod common;
mod consultation;
mod daily;
mod fields;
mod followup;
mod household;
mod population;
mod retention;
mod service_record;
mod volunteer_records;

use serde::Serialize;

pub use common::{
    Education, EmergencyContact, Gender, Interaction, MaritalStatus, PoliticalStatus, Relative,
    ServiceTime, RECORD_SCHEMA_VERSION,
};
pub use consultation::{ConsultationCategory, ConsultationRecord, QaItem};
pub use daily::{BasicInfo, DailyEntry, DailySummary};
pub use fields::{FieldInfo, Sensitivity};
pub use followup::{CaseManagementFollowUp, FollowUpItem, FollowUpRow};
pub use household::HouseholdProfile;
pub use population::{age_groups, PopulationGroup, CHILD_YOUTH_AGES, ELDER_FROM_AGE};
pub use retention::{
    PastRetention, RecordMeta, RetentionBasis, RetentionPolicies, RetentionPolicy,
};
pub use service_record::{
    CareNeed, MedicalNeed, NeedsAssessment, PresentingConcerns, ServiceRecord, SupportNeed,
};
pub use volunteer_records::{MedicalVolunteerRecord, PsychologicalVolunteerRecord};

use crate::labels::labelled_enum;
use crate::volunteer::VolunteerRegistration;

/// Why a record is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AssessmentError {
    /// A field of a record breaks its form's rules.
    #[error("invalid {kind} record, field {field}: {reason}")]
    InvalidRecord {
        /// The record kind.
        kind: &'static str,
        /// The field's path.
        field: String,
        /// What is wrong, ending with the rule ID when a rule requires it.
        reason: String,
    },
    /// A record could not be read.
    #[error("malformed record: {reason}")]
    Malformed {
        /// The parser's message.
        reason: String,
    },
    /// A record's JSON could not be read, or is over a limit.
    #[error(transparent)]
    Json(#[from] crate::json::JsonError),
}

impl AssessmentError {
    /// A stable snake_case code for the error's kind.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// The error's kind.
    pub fn kind(&self) -> crate::ErrorKind {
        match self {
            AssessmentError::InvalidRecord { .. } => crate::ErrorKind::InvalidRecord,
            AssessmentError::Malformed { .. } => crate::ErrorKind::Malformed,
            AssessmentError::Json(e) => e.kind(),
        }
    }
}

labelled_enum! {
    /// The record kinds (the forms of the sources).
    pub enum RecordKind {
        HouseholdProfile = "household_profile" => "居民家庭需求档案",
        ServiceRecord = "service_record" => "服务记录表（社会工作者使用）",
        ConsultationRecord = "consultation_record" => "服务对象咨询记录表",
        MedicalVolunteerRecord = "medical_volunteer_record" => "服务记录表（医务志愿者使用）",
        PsychologicalVolunteerRecord = "psychological_volunteer_record" => "服务记录表（心理咨询志愿者使用）",
        DailySummary = "daily_summary" => "每日工作记录汇总表",
        CaseManagementFollowUp = "case_management_follow_up" => "个案管理跟进表",
        VolunteerRegistration = "volunteer_registration" => "志愿者信息登记表",
    }
}

labelled_enum! {
    /// Whose personal information a record kind holds.
    pub enum DataSubject {
        Client = "client" => "服务对象",
        Volunteer = "volunteer" => "志愿者",
    }
}

impl RecordKind {
    /// Every field of the kind, with its label and sensitivity.
    pub fn fields(self) -> &'static [FieldInfo] {
        match self {
            RecordKind::HouseholdProfile => fields::HOUSEHOLD_PROFILE,
            RecordKind::ServiceRecord => fields::SERVICE_RECORD,
            RecordKind::ConsultationRecord => fields::CONSULTATION_RECORD,
            RecordKind::MedicalVolunteerRecord => fields::MEDICAL_VOLUNTEER_RECORD,
            RecordKind::PsychologicalVolunteerRecord => fields::PSYCHOLOGICAL_VOLUNTEER_RECORD,
            RecordKind::DailySummary => fields::DAILY_SUMMARY,
            RecordKind::CaseManagementFollowUp => fields::CASE_MANAGEMENT_FOLLOW_UP,
            RecordKind::VolunteerRegistration => fields::VOLUNTEER_REGISTRATION,
        }
    }

    /// Whose personal information the kind holds.
    pub fn subject(self) -> DataSubject {
        match self {
            RecordKind::VolunteerRegistration => DataSubject::Volunteer,
            _ => DataSubject::Client,
        }
    }

    /// One field by its path, e.g. `"needs.medical"`.
    pub fn field(self, path: &str) -> Option<&'static FieldInfo> {
        self.fields().iter().find(|f| f.path == path)
    }

    /// The JSON Schema of the kind, generated from the Rust type (draft 2020-12).
    pub fn json_schema(self) -> serde_json::Value {
        let schema = match self {
            RecordKind::HouseholdProfile => schemars::schema_for!(HouseholdProfile),
            RecordKind::ServiceRecord => schemars::schema_for!(ServiceRecord),
            RecordKind::ConsultationRecord => schemars::schema_for!(ConsultationRecord),
            RecordKind::MedicalVolunteerRecord => schemars::schema_for!(MedicalVolunteerRecord),
            RecordKind::PsychologicalVolunteerRecord => {
                schemars::schema_for!(PsychologicalVolunteerRecord)
            }
            RecordKind::DailySummary => schemars::schema_for!(DailySummary),
            RecordKind::CaseManagementFollowUp => schemars::schema_for!(CaseManagementFollowUp),
            RecordKind::VolunteerRegistration => schemars::schema_for!(VolunteerRegistration),
        };
        schema.to_value()
    }
}

crate::json::tagged_enum! {
tag = "kind";
/// Any record, tagged with its kind: `{"kind": "service_record", …fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Record {
    /// 居民家庭需求档案.
    HouseholdProfile(HouseholdProfile),
    /// 服务记录表（社会工作者使用）.
    ServiceRecord(ServiceRecord),
    /// 服务对象咨询记录表.
    ConsultationRecord(ConsultationRecord),
    /// 服务记录表（医务志愿者使用）.
    MedicalVolunteerRecord(MedicalVolunteerRecord),
    /// 服务记录表（心理咨询志愿者使用）.
    PsychologicalVolunteerRecord(PsychologicalVolunteerRecord),
    /// 每日工作记录汇总表.
    DailySummary(DailySummary),
    /// 个案管理跟进表.
    CaseManagementFollowUp(CaseManagementFollowUp),
    /// 志愿者信息登记表.
    VolunteerRegistration(VolunteerRegistration),
}
}

fn invalid(kind: RecordKind, field: &str, reason: String) -> AssessmentError {
    AssessmentError::InvalidRecord {
        kind: kind.name(),
        field: field.to_owned(),
        reason,
    }
}

fn required(kind: RecordKind, field: &str, value: &str) -> Result<(), AssessmentError> {
    if value.trim().is_empty() {
        Err(invalid(kind, field, "must not be empty".to_owned()))
    } else {
        Ok(())
    }
}

impl Record {
    /// The age the record gives for the person it is about, when it has that field and it is
    /// filled (a service record, a consultation record, a volunteer's service record, a case
    /// management follow-up); `None` otherwise.
    pub fn client_age(&self) -> Option<u32> {
        match self {
            Record::ServiceRecord(r) => r.age,
            Record::ConsultationRecord(r) => r.age,
            Record::MedicalVolunteerRecord(r) => r.age,
            Record::PsychologicalVolunteerRecord(r) => r.age,
            Record::CaseManagementFollowUp(r) => r.age,
            _ => None,
        }
    }

    /// The record's kind.
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::HouseholdProfile(_) => RecordKind::HouseholdProfile,
            Record::ServiceRecord(_) => RecordKind::ServiceRecord,
            Record::ConsultationRecord(_) => RecordKind::ConsultationRecord,
            Record::MedicalVolunteerRecord(_) => RecordKind::MedicalVolunteerRecord,
            Record::PsychologicalVolunteerRecord(_) => RecordKind::PsychologicalVolunteerRecord,
            Record::DailySummary(_) => RecordKind::DailySummary,
            Record::CaseManagementFollowUp(_) => RecordKind::CaseManagementFollowUp,
            Record::VolunteerRegistration(_) => RecordKind::VolunteerRegistration,
        }
    }

    /// Reads a record from JSON (tagged with `"kind"`) and validates it.
    ///
    /// # Errors
    /// [`AssessmentError::Json`] for invalid JSON or fields (an unknown field, a bad phone
    /// number, a service time whose end is not after its start; the message names the JSON
    /// path, never the value) or input over a [limit](crate::limits), and the errors of
    /// [`Record::validate`].
    pub fn from_json(json: &str) -> Result<Record, AssessmentError> {
        let record: Record = crate::json::from_str(json, "record")?;
        record.validate()?;
        Ok(record)
    }

    /// Checks what the types cannot: required names, a supported schema version, numbered
    /// items in order, an "other" category spelled out, a pregnancy week only when pregnant.
    ///
    /// # Errors
    /// [`AssessmentError::InvalidRecord`] naming the first bad field.
    pub fn validate(&self) -> Result<(), AssessmentError> {
        let kind = self.kind();
        let version = match self {
            Record::HouseholdProfile(r) => r.schema_version,
            Record::ServiceRecord(r) => r.schema_version,
            Record::ConsultationRecord(r) => r.schema_version,
            Record::MedicalVolunteerRecord(r) => r.schema_version,
            Record::PsychologicalVolunteerRecord(r) => r.schema_version,
            Record::DailySummary(r) => r.schema_version,
            Record::CaseManagementFollowUp(r) => r.schema_version,
            Record::VolunteerRegistration(r) => r.schema_version,
        };
        if version == 0 || version > RECORD_SCHEMA_VERSION {
            return Err(invalid(
                kind,
                "schema_version",
                format!(
                    "version {version} is not one this library reads ({RECORD_SCHEMA_VERSION})"
                ),
            ));
        }
        match self {
            Record::HouseholdProfile(r) => {
                required(kind, "name", &r.name)?;
                for (list, relatives) in [
                    ("direct_relatives", &r.direct_relatives),
                    ("collateral_relatives", &r.collateral_relatives),
                ] {
                    for rel in relatives {
                        required(kind, &format!("{list}[].name"), &rel.name)?;
                        required(kind, &format!("{list}[].relation"), &rel.relation)?;
                    }
                }
            }
            Record::ServiceRecord(r) => {
                required(kind, "client_name", &r.client_name)?;
                required(kind, "worker", &r.worker)?;
            }
            Record::ConsultationRecord(r) => {
                required(kind, "client_name", &r.client_name)?;
                required(kind, "recorder", &r.recorder)?;
                if r.items.is_empty() {
                    return Err(invalid(
                        kind,
                        "items",
                        "record at least one question and answer [consultation-record]".to_owned(),
                    ));
                }
                for (i, item) in r.items.iter().enumerate() {
                    let expected = u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX);
                    if item.number != expected {
                        return Err(invalid(
                            kind,
                            "items[].number",
                            format!("item {} is numbered {}: items are numbered 1, 2, 3, … [consultation-record]", i.saturating_add(1), item.number),
                        ));
                    }
                }
                let other = r
                    .category_other
                    .as_deref()
                    .is_some_and(|s| !s.trim().is_empty());
                if (r.category == ConsultationCategory::Other) != other {
                    return Err(invalid(
                        kind,
                        "category_other",
                        "spell out the category exactly when it is \"other\" [consultation-record]"
                            .to_owned(),
                    ));
                }
            }
            Record::MedicalVolunteerRecord(r) => {
                required(kind, "seeker_name", &r.seeker_name)?;
                required(kind, "volunteer", &r.volunteer)?;
            }
            Record::PsychologicalVolunteerRecord(r) => {
                required(kind, "seeker_name", &r.seeker_name)?;
                required(kind, "volunteer", &r.volunteer)?;
            }
            Record::DailySummary(r) => {
                for e in &r.entries {
                    required(kind, "entries[].recorder", &e.recorder)?;
                    let info = &e.basic_info;
                    if info.pregnancy_week.is_some() && info.pregnant != Some(true) {
                        return Err(invalid(
                            kind,
                            "entries[].basic_info.pregnancy_week",
                            "a week of pregnancy needs pregnant: true [daily-summary]".to_owned(),
                        ));
                    }
                    if info.pregnancy_week.is_some_and(|w| w == 0 || w > 45) {
                        return Err(invalid(
                            kind,
                            "entries[].basic_info.pregnancy_week",
                            "a week of pregnancy is 1 to 45 [daily-summary]".to_owned(),
                        ));
                    }
                }
            }
            Record::CaseManagementFollowUp(r) => {
                required(kind, "client_name", &r.client_name)?;
                for row in &r.rows {
                    required(kind, "rows[].worker", &row.worker)?;
                }
            }
            Record::VolunteerRegistration(r) => {
                required(kind, "name", &r.name)?;
                required(kind, "region", &r.region)?;
                if r.positions.is_empty() {
                    return Err(invalid(
                        kind,
                        "positions",
                        "tick at least one position [volunteer-kinds]".to_owned(),
                    ));
                }
                for q in &r.qualifications {
                    required(kind, "qualifications[].proof", &q.proof)?;
                }
            }
        }
        Ok(())
    }
}
