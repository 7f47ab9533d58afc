//! The volunteer registration form (志愿者信息登记表, 000 实用工具一,
//! `[volunteer-registration-fields]`) and the volunteer kinds (`[volunteer-kinds]`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{Gender, PoliticalStatus};
use crate::identity::{IdNumber, Phone};
use crate::labels::labelled_enum;

pub(crate) fn schema_v1() -> u32 {
    crate::assessment::RECORD_SCHEMA_VERSION
}

labelled_enum! {
    /// The kinds of volunteer, and the positions a volunteer can fill (可胜任志愿服务岗位).
    pub enum VolunteerKind {
        Medical = "medical" => "医务志愿者",
        Psychological = "psychological" => "心理咨询志愿者",
        General = "general" => "一般志愿者",
        Other = "other" => "其他",
    }
}

impl VolunteerKind {
    /// Whether the kind is professional and must show proof of qualification.
    pub fn is_professional(self) -> bool {
        matches!(self, VolunteerKind::Medical | VolunteerKind::Psychological)
    }
}

/// A professional qualification and its proof (专业资质及证明材料).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// The qualification, e.g. 执业医师, 国家二级心理咨询师.
    pub name: String,
    /// The certificate number, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_number: Option<String>,
    /// A reference to the proof document (a file id, a scan).
    pub proof: String,
}

/// The volunteer registration form, with every field of 000 实用工具一.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VolunteerRegistration {
    /// The record format's version.
    #[serde(default = "schema_v1")]
    pub schema_version: u32,
    /// Name (姓名).
    pub name: String,
    /// Gender (性别).
    pub gender: Gender,
    /// Political status (政治面貌).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub political_status: Option<PoliticalStatus>,
    /// Resident ID number (身份证号码).
    pub id_number: IdNumber,
    /// Years of work (工作年限).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_of_work: Option<u32>,
    /// School graduated from (毕业院校).
    #[serde(default)]
    pub school: String,
    /// Major and degree (专业及学历).
    #[serde(default)]
    pub major_and_degree: String,
    /// Service skills (服务技能).
    #[serde(default)]
    pub service_skills: Vec<String>,
    /// Region (所在地区).
    pub region: String,
    /// Phone (联系电话), a mobile.
    pub phone: Phone,
    /// WeChat ID (微信号).
    #[serde(default)]
    pub wechat_id: String,
    /// Employer (工作单位).
    #[serde(default)]
    pub employer: String,
    /// Experience with similar public events (工作经历（类似公共事件工作经验）).
    #[serde(default)]
    pub similar_experience: String,
    /// Professional qualifications and proof (专业资质及证明材料).
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
    /// Hours available per week (可参与志愿服务的时长).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_hours_per_week: Option<u32>,
    /// Time slots available (可参与志愿服务的时段), e.g. "工作日 19:00-22:00".
    #[serde(default)]
    pub time_slots: Vec<String>,
    /// Positions the volunteer can fill (可胜任志愿服务岗位).
    pub positions: Vec<VolunteerKind>,
    /// The position in words when it is "other" (其他（请填写）).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position_other: Option<String>,
}
