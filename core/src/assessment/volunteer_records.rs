//! The medical- and psychological-volunteer service records (服务记录表（医务/心理咨询志愿者使用）,
//! 000, `[volunteer-service-records]`).

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{schema_v1, Education, EmergencyContact, Gender, MaritalStatus, ServiceTime};

/// The service record a medical volunteer fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MedicalVolunteerRecord {
    /// The record format's version.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// The person seeking help (求助者姓名).
    pub seeker_name: String,
    /// Gender (性别).
    pub gender: Gender,
    /// Age (年龄).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Education (学历).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    /// Marital status (婚姻状况).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marital_status: Option<MaritalStatus>,
    /// Physical condition (身体状况).
    #[serde(default)]
    pub physical_condition: String,
    /// Other medical history, if any (有无其他病史).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_medical_history: Option<String>,
    /// Previous illness (曾患病信息).
    #[serde(default)]
    pub previous_illness: String,
    /// Medicines taken (曾服用药物).
    #[serde(default)]
    pub medicines_taken: String,
    /// Previous treatment (曾治疗方法).
    #[serde(default)]
    pub previous_treatment: String,
    /// Number of previous treatments (曾治疗次数).
    #[serde(default)]
    pub previous_treatment_count: u32,
    /// Emergency contact (紧急联系人及电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency_contact: Option<EmergencyContact>,
    /// The online service given (在线服务内容).
    pub online_service: String,
    /// Professional advice (专业建议).
    #[serde(default)]
    pub advice: String,
    /// Result (服务结果).
    #[serde(default)]
    pub result: String,
    /// Service time (服务时间).
    pub service_time: ServiceTime,
    /// The volunteer who signs (医务志愿者签名).
    pub volunteer: String,
    /// Date (日期).
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
}

/// The service record a psychological-counselling volunteer fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PsychologicalVolunteerRecord {
    /// The record format's version.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// The person consulting (咨询者姓名).
    pub seeker_name: String,
    /// Gender (性别).
    pub gender: Gender,
    /// Age (年龄).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Education (学历).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    /// Physical condition (身体状况).
    #[serde(default)]
    pub physical_condition: String,
    /// Marital status (婚姻状况).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marital_status: Option<MaritalStatus>,
    /// Other medical history, if any (有无其他病史).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_medical_history: Option<String>,
    /// General information (一般资料).
    #[serde(default)]
    pub general_information: String,
    /// Previous consultations (曾咨询次数).
    #[serde(default)]
    pub previous_consultations: u32,
    /// Medicines used (曾用药物).
    #[serde(default)]
    pub medicines_used: String,
    /// Therapies used (曾用疗法).
    #[serde(default)]
    pub therapies_used: String,
    /// Emergency contact (紧急联系人及电话).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency_contact: Option<EmergencyContact>,
    /// The counsellor's observation (心理咨询师观察).
    #[serde(default)]
    pub observation: String,
    /// The online counselling process (心理咨询师在线咨询过程).
    pub process: String,
    /// The goal plan (目标方案).
    #[serde(default)]
    pub goal_plan: String,
    /// The next appointment, if one was booked (是否预约下次咨询时间).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_appointment: Option<DateTime<FixedOffset>>,
    /// Service time (服务时间).
    pub service_time: ServiceTime,
    /// The volunteer who signs (心理咨询志愿者签名).
    pub volunteer: String,
    /// Date (日期).
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
}
