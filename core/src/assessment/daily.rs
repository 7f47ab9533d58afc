//! The daily work summary (每日工作记录汇总表, 000 实用工具八, `[daily-summary]`).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{schema_v1, Gender};

/// Basic information and symptoms (基本信息及症状描述), as the form's note lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicInfo {
    /// Sex (性别).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Age (年龄).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Pregnant (是否怀孕).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pregnant: Option<bool>,
    /// Week of pregnancy (孕几周).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pregnancy_week: Option<u32>,
    /// Which symptoms appeared, and when (曾何时出现什么症状).
    #[serde(default)]
    pub symptoms_and_onset: String,
    /// Hospital visits (是否去过医院诊治).
    #[serde(default)]
    pub hospital_visits: String,
    /// Handling so far (曾做过怎样的处理).
    #[serde(default)]
    pub handling_so_far: String,
    /// Who lives with them (和谁共同居住).
    #[serde(default)]
    pub lives_with: String,
    /// Their carer, if any (是否有照顾者).
    #[serde(default)]
    pub carer: String,
    /// Current symptoms (目前症状).
    #[serde(default)]
    pub current_symptoms: String,
}

/// One row of the daily summary: one request and what the duty team did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DailyEntry {
    /// The date of the request (求助日期).
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub request_date: NaiveDate,
    /// The client's group chat (服务对象微信群名).
    pub group: String,
    /// The community (所属社区).
    pub community: String,
    /// Confirmed case or not (是否确诊).
    pub confirmed: bool,
    /// Basic information and symptoms (基本信息及症状描述).
    #[serde(default)]
    pub basic_info: BasicInfo,
    /// The request (求助内容).
    pub request: String,
    /// What the duty social worker did (值班社工服务内容).
    #[serde(default)]
    pub worker_service: String,
    /// What the duty medical volunteer did (值班医务志愿者服务内容).
    #[serde(default)]
    pub medical_volunteer_service: String,
    /// What the duty psychological volunteer did (值班心理志愿者服务内容).
    #[serde(default)]
    pub psychological_volunteer_service: String,
    /// Result (服务结果).
    #[serde(default)]
    pub result: String,
    /// Follow-up advice (跟进建议).
    #[serde(default)]
    pub follow_up_advice: String,
    /// Screenshot references (微信截图).
    #[serde(default)]
    pub screenshots: Vec<String>,
    /// Evaluation of the service (服务评估).
    #[serde(default)]
    pub evaluation: String,
    /// The recorder (记录员).
    pub recorder: String,
}

/// The daily work summary of a duty team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DailySummary {
    /// The record format's version.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// The day summarised.
    #[serde(deserialize_with = "crate::json::date::deserialize")]
    pub date: NaiveDate,
    /// One row per request.
    pub entries: Vec<DailyEntry>,
}
