//! The social worker's service record (服务记录表, 000 实用工具, `[service-record-needs]`).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{schema_v1, EmergencyContact, Gender, ServiceTime};
use crate::identity::Phone;
use crate::labels::labelled_enum;

labelled_enum! {
    /// Medical needs (需求评估·医疗).
    pub enum MedicalNeed {
        Diagnosis = "diagnosis" => "医疗诊断",
        HealthConsultation = "health_consultation" => "健康咨询",
        TreatmentAdvice = "treatment_advice" => "治疗建议",
        HospitalAdmission = "hospital_admission" => "住院对接",
    }
}

labelled_enum! {
    /// Care needs (需求评估·照护).
    pub enum CareNeed {
        IsolationGuidance = "isolation_guidance" => "隔离指导",
        DailyLivingCare = "daily_living_care" => "生活照料",
        OnlineAccompaniment = "online_accompaniment" => "线上陪护",
    }
}

labelled_enum! {
    /// Support needs (需求评估·支持).
    pub enum SupportNeed {
        MedicalSupplies = "medical_supplies" => "医疗物资",
        LivingSupplies = "living_supplies" => "生活物资",
        EmotionalSupport = "emotional_support" => "情绪支持",
    }
}

/// The needs assessment checklists, each with its "other" free text (三、需求评估).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedsAssessment {
    /// Medical needs ticked.
    #[serde(default)]
    pub medical: Vec<MedicalNeed>,
    /// Other medical need (其他).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical_other: Option<String>,
    /// Care needs ticked.
    #[serde(default)]
    pub care: Vec<CareNeed>,
    /// Other care need (其他).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_other: Option<String>,
    /// Support needs ticked.
    #[serde(default)]
    pub support: Vec<SupportNeed>,
    /// Other support need (其他).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_other: Option<String>,
}

impl NeedsAssessment {
    /// Whether any need is recorded.
    pub fn is_empty(&self) -> bool {
        self.medical.is_empty()
            && self.care.is_empty()
            && self.support.is_empty()
            && self.medical_other.is_none()
            && self.care_other.is_none()
            && self.support_other.is_none()
    }
}

/// The presenting concerns (二、诉求情况): emotion, medical, psychological, other.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PresentingConcerns {
    /// Emotional (情绪).
    #[serde(default)]
    pub emotion: String,
    /// Medical (医疗).
    #[serde(default)]
    pub medical: String,
    /// Psychological (心理).
    #[serde(default)]
    pub psychological: String,
    /// Other (其他).
    #[serde(default)]
    pub other: String,
}

/// The service record a social worker fills (服务记录表（社会工作者使用）).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    /// The record format's version.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// Client's name (服务对象姓名).
    pub client_name: String,
    /// Gender (性别).
    pub gender: Gender,
    /// Age (年龄).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Phone (联系电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// The community the client belongs to (所属社区).
    pub community: String,
    /// Address (居住地址).
    pub address: String,
    /// Emergency contact (紧急联系人及电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency_contact: Option<EmergencyContact>,
    /// Presenting concerns (诉求情况).
    #[serde(default)]
    pub concerns: PresentingConcerns,
    /// Needs assessment (需求评估).
    #[serde(default)]
    pub needs: NeedsAssessment,
    /// Service time (服务时间).
    pub service_time: ServiceTime,
    /// Service content, item by item (服务内容).
    #[serde(default)]
    pub service_content: Vec<String>,
    /// Result (服务结果).
    #[serde(default)]
    pub result: String,
    /// Follow-up advice (跟进建议).
    #[serde(default)]
    pub follow_up_advice: String,
    /// The social worker who signs (社工签名).
    pub worker: String,
    /// Date (日期).
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
}
